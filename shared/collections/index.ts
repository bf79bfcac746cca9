/**
 * The registry: every collection's schema, migrations and merge classification, keyed by
 * the fixed names of plan.ts. The renderer builds its RxDB collections from it; the town
 * server validates and merges pushed rows with it.
 */
import { cases, type CaseDoc } from './cases.ts';
import { catalog, type CatalogDoc } from './catalog.ts';
import { commitments, type CommitmentDoc } from './commitments.ts';
import type { CollectionDefinition } from './definition.ts';
import { events, type EventDoc } from './events.ts';
import { households, type HouseholdDoc } from './households.ts';
import { journal, type JournalDoc } from './journal.ts';
import { notices, type NoticeDoc } from './notices.ts';
import type { CollectionName } from './plan.ts';
import { policies, type PolicyDoc } from './policies.ts';
import { ratings, type RatingsDoc } from './ratings.ts';
import { redemptions, type RedemptionDoc } from './redemptions.ts';
import { referrals, type ReferralDoc } from './referrals.ts';
import { residents, type ResidentDoc } from './residents.ts';

/** The document type of each collection. */
export interface CollectionDocs {
  readonly residents: ResidentDoc;
  readonly households: HouseholdDoc;
  readonly events: EventDoc;
  readonly notices: NoticeDoc;
  readonly cases: CaseDoc;
  readonly commitments: CommitmentDoc;
  readonly ratings: RatingsDoc;
  readonly policies: PolicyDoc;
  readonly catalog: CatalogDoc;
  readonly redemptions: RedemptionDoc;
  readonly referrals: ReferralDoc;
  readonly journal: JournalDoc;
}

export type Registry = { readonly [C in CollectionName]: CollectionDefinition<CollectionDocs[C]> };

export const COLLECTIONS = {
  residents,
  households,
  events,
  notices,
  cases,
  commitments,
  ratings,
  policies,
  catalog,
  redemptions,
  referrals,
  journal,
} as const satisfies Registry;

/** RxDB's free version opens at most 13 collections per process; we keep one spare. */
export const MAX_COLLECTIONS = 12;

/** The schema version of every collection, as the sync protocol reports it. */
export function schemaVersions(): { readonly [C in CollectionName]: number } {
  const versions = {} as { [C in CollectionName]: number };
  for (const name of Object.keys(COLLECTIONS) as CollectionName[]) {
    versions[name] = COLLECTIONS[name].schema.version;
  }
  return versions;
}

export {
  COLLECTION_NAMES,
  COLLECTION_OWNER,
  isCollectionName,
  type CollectionName,
  type CollectionOwner,
} from './plan.ts';
export type {
  CollectionDefinition,
  MigrationDoc,
  MigrationStep,
  Migrations,
} from './definition.ts';
export type { FieldClass, MergeSpec, WorkflowRelation, WorkflowSpec } from './merge.ts';
export type { CollectionSchema, DocumentBase, JsonSchemaProperty } from './schema.ts';
