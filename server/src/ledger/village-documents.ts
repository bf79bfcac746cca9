/**
 * Reading a village's ledger documents from the town server's document store: what the
 * ledger core (shared/ledger) needs to adopt a rule set, record entries and score a
 * subject. Tombstones are left out: a deleted document no longer exists for the ledger.
 *
 * The store holds documents as the devices pushed them (checked against the collections'
 * schemas on the way in) and as the town CLI wrote them; they are read back as those
 * documents' types.
 */
import type { CatalogDoc, RuleTemplate } from '../../../shared/collections/catalog.ts';
import type { CaseDoc } from '../../../shared/collections/cases.ts';
import type { EventDoc } from '../../../shared/collections/events.ts';
import type { HouseholdDoc } from '../../../shared/collections/households.ts';
import {
  settingsId,
  type RuleSetPolicy,
  type SettingsPolicy,
} from '../../../shared/collections/policies.ts';
import type { ResidentDoc } from '../../../shared/collections/residents.ts';
import { townshipCodeOfVillage } from '../../../shared/places/division-codes.ts';
import { villagePolicyOf, type VillagePolicy } from '../../../shared/ledger/village-policy.ts';
import type { Db } from '../db/database.ts';

export type { VillagePolicy };

type Data = Readonly<Record<string, unknown>>;

/** The documents a query selects (`SELECT data …`), as the type their collection holds. */
async function dataOf<T>(db: Db, text: string, params: readonly unknown[]): Promise<T[]> {
  const result = await db.query<{ data: Data }>(text, params);
  return result.rows.map((row) => row.data as unknown as T);
}

/** Every rule-set version of the village (drafts and abandoned ones included). */
export function loadRuleSets(db: Db, villageCode: string): Promise<RuleSetPolicy[]> {
  return dataOf<RuleSetPolicy>(
    db,
    `SELECT data FROM documents
      WHERE collection = 'policies' AND village_code = $1 AND NOT deleted
        AND data->>'kind' = 'rule-set'
      ORDER BY seq`,
    [villageCode],
  );
}

/** The newest version of any status: the one a new draft follows. */
export function latestRuleSet(sets: readonly RuleSetPolicy[]): RuleSetPolicy | undefined {
  return sets.reduce<RuleSetPolicy | undefined>(
    (latest, set) => (latest === undefined || set.setVersion > latest.setVersion ? set : latest),
    undefined,
  );
}

/** The village's settings document, if a device has made it. */
export async function loadSettings(
  db: Db,
  villageCode: string,
): Promise<SettingsPolicy | undefined> {
  const [settings] = await dataOf<SettingsPolicy>(
    db,
    `SELECT data FROM documents
      WHERE collection = 'policies' AND id = $1 AND village_code = $2 AND NOT deleted`,
    [settingsId(villageCode), villageCode],
  );
  return settings;
}

/**
 * The township's catalogue documents of one kind that the village sees: published to every
 * village ('') or to this one.
 */
export function loadCatalog<K extends CatalogDoc['kind']>(
  db: Db,
  villageCode: string,
  kind: K,
): Promise<Extract<CatalogDoc, { kind: K }>[]> {
  return dataOf<Extract<CatalogDoc, { kind: K }>>(
    db,
    `SELECT data FROM documents
      WHERE collection = 'catalog' AND village_code IS NULL AND township_code = $1 AND NOT deleted
        AND data->>'kind' = $2 AND coalesce(data->>'villageCode', '') IN ('', $3)
      ORDER BY seq`,
    [townshipCodeOfVillage(villageCode), kind, villageCode],
  );
}

/** Ids of the township's catalogue documents among `ids`, tombstones included. */
export async function existingCatalogIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const result = await db.query<{ id: string }>(
    `SELECT id FROM documents WHERE collection = 'catalog' AND id = ANY($1::text[])`,
    [[...ids]],
  );
  return new Set(result.rows.map((row) => row.id));
}

/** The rule templates the township has published to the village. */
export async function publishedTemplates(db: Db, villageCode: string): Promise<RuleTemplate[]> {
  const templates = await loadCatalog(db, villageCode, 'rule-template');
  return templates.filter((template) => template.status === 'published');
}

/** Every event about these subjects (any kind and status), in the order written. */
export function loadEvents(
  db: Db,
  villageCode: string,
  subjectIds: readonly string[],
): Promise<EventDoc[]> {
  if (subjectIds.length === 0) return Promise.resolve([]);
  return dataOf<EventDoc>(
    db,
    `SELECT data FROM documents
      WHERE collection = 'events' AND village_code = $1 AND NOT deleted
        AND data->>'subjectId' = ANY($2::text[])
      ORDER BY seq`,
    [villageCode, [...new Set(subjectIds)]],
  );
}

/** The objections about these events (what the engine holds an event for). */
export function loadObjections(
  db: Db,
  villageCode: string,
  eventIds: readonly string[],
): Promise<CaseDoc[]> {
  if (eventIds.length === 0) return Promise.resolve([]);
  return dataOf<CaseDoc>(
    db,
    `SELECT data FROM documents
      WHERE collection = 'cases' AND village_code = $1 AND NOT deleted
        AND data->>'kind' = 'objection' AND data->>'targetType' = 'event'
        AND data->>'targetId' = ANY($2::text[])
      ORDER BY seq`,
    [villageCode, [...eventIds]],
  );
}

/** Every household of the village, closed ones included (numbers are never reused). */
export function loadHouseholds(db: Db, villageCode: string): Promise<HouseholdDoc[]> {
  return dataOf<HouseholdDoc>(
    db,
    `SELECT data FROM documents
      WHERE collection = 'households' AND village_code = $1 AND NOT deleted
      ORDER BY seq`,
    [villageCode],
  );
}

/** The household numbered `householdNo` in the village. */
export async function findHousehold(
  db: Db,
  villageCode: string,
  householdNo: string,
): Promise<HouseholdDoc | undefined> {
  const [household] = await dataOf<HouseholdDoc>(
    db,
    `SELECT data FROM documents
      WHERE collection = 'households' AND village_code = $1 AND NOT deleted
        AND data->>'householdNo' = $2
      ORDER BY seq LIMIT 1`,
    [villageCode, householdNo],
  );
  return household;
}

/** The residents of the village whose keyed ID hash is among `hashes`. */
export function findResidentsByHash(
  db: Db,
  villageCode: string,
  hashes: readonly string[],
): Promise<ResidentDoc[]> {
  if (hashes.length === 0) return Promise.resolve([]);
  return dataOf<ResidentDoc>(
    db,
    `SELECT data FROM documents
      WHERE collection = 'residents' AND village_code = $1 AND NOT deleted
        AND data->>'idHash' = ANY($2::text[])
      ORDER BY seq`,
    [villageCode, [...new Set(hashes)]],
  );
}

/** The residents of the village with these ids. */
export function loadResidents(
  db: Db,
  villageCode: string,
  ids: readonly string[],
): Promise<ResidentDoc[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return dataOf<ResidentDoc>(
    db,
    `SELECT data FROM documents
      WHERE collection = 'residents' AND village_code = $1 AND NOT deleted
        AND id = ANY($2::text[])
      ORDER BY seq`,
    [villageCode, [...new Set(ids)]],
  );
}

/** The engine's policy for the village (shared/ledger/village-policy.ts chooses it). */
export async function villagePolicy(db: Db, villageCode: string): Promise<VillagePolicy> {
  const settings = await loadSettings(db, villageCode);
  const schemes = await loadCatalog(db, villageCode, 'tier-scheme');
  return villagePolicyOf(townshipCodeOfVillage(villageCode), settings, schemes);
}
