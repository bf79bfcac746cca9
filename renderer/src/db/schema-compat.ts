/**
 * Compile-time proof that the shared schemas are RxDB schemas of the shared document types
 * (shared/ cannot import rxdb, so it declares a structurally compatible subset).
 */
import type { RxJsonSchema } from 'rxdb';
import { COLLECTIONS, type CollectionDocs } from '../../../shared/collections/index.ts';
import type { CollectionName } from '../../../shared/collections/plan.ts';

export const RX_SCHEMAS: { readonly [C in CollectionName]: RxJsonSchema<CollectionDocs[C]> } = {
  residents: COLLECTIONS.residents.schema,
  households: COLLECTIONS.households.schema,
  events: COLLECTIONS.events.schema,
  notices: COLLECTIONS.notices.schema,
  cases: COLLECTIONS.cases.schema,
  commitments: COLLECTIONS.commitments.schema,
  ratings: COLLECTIONS.ratings.schema,
  policies: COLLECTIONS.policies.schema,
  catalog: COLLECTIONS.catalog.schema,
  redemptions: COLLECTIONS.redemptions.schema,
  referrals: COLLECTIONS.referrals.schema,
  journal: COLLECTIONS.journal.schema,
};
