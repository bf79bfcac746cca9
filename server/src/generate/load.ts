/**
 * Generated data into a town server's store (PGlite or PostgreSQL): the places (created
 * when missing), the township's catalogue (what it lacks), and each village in one
 * transaction — its documents in bulk and the derived figures table
 * (server/src/ledger/figures.ts) computed by the scoring engine from the same documents.
 *
 * IDs are protected as a register import protects them: encrypted and hashed with the
 * township's keys (made on first need), so the app finds residents by the last four
 * characters of their ID and reveals them with the keys it receives at sign-in.
 *
 * A village that already holds households or a rule set is refused: generated data is
 * for empty villages (a demo, a benchmark, a trial), never mixed with a real register.
 */
import { randomBytes } from 'node:crypto';
import type { CatalogDoc } from '../../../shared/collections/catalog.ts';
import { CodedError } from '../../../shared/errors.ts';
import { createIdProtector } from '../../../shared/residents/id-protection.ts';
import type { Db } from '../db/database.ts';
import { getOrCreateTownshipKeys } from '../keys/township-keys.ts';
import { lockVillageLedger } from '../ledger/adopt.ts';
import { figureRows, writeFigureRows } from '../ledger/figures.ts';
import { existingCatalogIds } from '../ledger/village-documents.ts';
import { addTownship, addVillage, findTownship, findVillage } from '../places/places.ts';
import { lastSequenceNumber } from '../store/documents.ts';
import { insertDocuments } from './bulk.ts';
import { sampleCatalog } from './catalog.ts';
import {
  DEFAULT_TOWNSHIP,
  DEFAULT_VILLAGE_CODE,
  SIZES,
  villageCodesOf,
  villageNameOf,
  type SizeName,
} from './sizes.ts';
import { generateVillage, type GeneratedVillage } from './village.ts';

export interface LoadedVillage {
  readonly code: string;
  readonly name: string;
  readonly residents: number;
  readonly households: number;
  readonly events: number;
  readonly notices: number;
  readonly cases: number;
  readonly redemptions: number;
  /** Rows written to the figures table. */
  readonly figures: number;
}

/** Writes one generated village and its figures, all or nothing. */
export async function loadVillage(db: Db, village: GeneratedVillage): Promise<LoadedVillage> {
  const { villageCode, townshipCode } = village.place;
  return db.transaction(async (tx) => {
    await lockVillageLedger(tx, villageCode);
    await refuseUnlessEmpty(tx, villageCode);
    const place = { villageCode, townshipCode };
    await insertDocuments(tx, 'policies', place, village.policies);
    await insertDocuments(tx, 'residents', place, village.residents);
    await insertDocuments(tx, 'households', place, village.households);
    await insertDocuments(tx, 'events', place, village.events);
    await insertDocuments(tx, 'notices', place, village.notices);
    await insertDocuments(tx, 'cases', place, village.cases);
    await insertDocuments(tx, 'redemptions', place, village.redemptions);
    const rows = figureRows({
      residents: village.residents,
      households: village.households,
      events: village.events,
      cases: village.cases,
      policy: village.policy,
      today: village.today,
    });
    await writeFigureRows(tx, villageCode, rows, await lastSequenceNumber(tx));
    return {
      code: villageCode,
      name: village.place.name,
      residents: village.residents.length,
      households: village.households.length,
      events: village.events.length,
      notices: village.notices.length,
      cases: village.cases.length,
      redemptions: village.redemptions.length,
      figures: rows.length,
    };
  });
}

async function refuseUnlessEmpty(db: Db, villageCode: string): Promise<void> {
  const household = await db.query<{ number: string | null }>(
    `SELECT data->>'householdNo' AS number FROM documents
      WHERE collection = 'households' AND village_code = $1 AND NOT deleted LIMIT 1`,
    [villageCode],
  );
  const [first] = household.rows;
  if (first !== undefined)
    throw new CodedError('household.number-duplicate', { value: first.number ?? '' });
  const ruleSet = await db.query<{ version: unknown; effective_from: string | null }>(
    `SELECT data->'setVersion' AS version, data->>'effectiveFrom' AS effective_from FROM documents
      WHERE collection = 'policies' AND village_code = $1 AND NOT deleted
        AND data->>'kind' = 'rule-set' AND data->>'status' = 'adopted' LIMIT 1`,
    [villageCode],
  );
  const [set] = ruleSet.rows;
  if (set !== undefined)
    throw new CodedError('ledger.rule-set-exists', {
      version: Number(set.version),
      effectiveFrom: set.effective_from ?? '',
    });
}

/** Publishes the catalogue documents the township does not have yet; returns how many. */
export async function loadCatalog(
  db: Db,
  townshipCode: string,
  catalog: readonly CatalogDoc[],
): Promise<number> {
  return db.transaction(async (tx) => {
    const present = await existingCatalogIds(
      tx,
      catalog.map((doc) => doc.id),
    );
    const missing = catalog.filter((doc) => !present.has(doc.id));
    return insertDocuments(tx, 'catalog', { villageCode: null, townshipCode }, missing);
  });
}

// ---------------------------------------------------------------------------------------
// A whole generation, as the CLI, the demo and the benchmarks run it

export interface GenerationRequest {
  readonly size: SizeName;
  readonly seed: number;
  /** The village's date today ('YYYY-MM-DD'), where the five years of history end. */
  readonly today: string;
  /**
   * For the village sizes: the village to fill (default DEFAULT_VILLAGE_CODE); for the
   * township size, any village of the township to fill (its first 9 digits) or none
   * (DEFAULT_TOWNSHIP).
   */
  readonly villageCode?: string;
  /** Told after each village. */
  readonly onVillage?: (loaded: LoadedVillage, timing: VillageTiming) => void;
}

export interface VillageTiming {
  readonly generateMs: number;
  readonly loadMs: number;
}

export interface GenerationReport {
  readonly townshipCode: string;
  readonly villages: readonly LoadedVillage[];
  readonly catalog: number;
  readonly generateMs: number;
  readonly loadMs: number;
}

/**
 * Creates the places that are missing (names from sizes.ts), publishes the catalogue, and
 * generates and loads each village in turn (one in memory at a time).
 */
export async function generateInto(db: Db, request: GenerationRequest): Promise<GenerationReport> {
  const spec = SIZES[request.size];
  const townshipCode = (request.villageCode ?? DEFAULT_VILLAGE_CODE).slice(0, 9);
  const codes =
    spec.villages === 1
      ? [request.villageCode ?? DEFAULT_VILLAGE_CODE]
      : villageCodesOf(townshipCode, spec.villages);
  const villages = await ensurePlaces(db, townshipCode, codes);

  const catalog = sampleCatalog(townshipCode, request.today, request.seed);
  const published = await loadCatalog(db, townshipCode, catalog);
  const keys = await getOrCreateTownshipKeys(db, townshipCode);
  const protector = createIdProtector(globalThis.crypto, keys);
  const issuedIds = spec.villages === 1 ? undefined : new Set<string>();

  const loaded: LoadedVillage[] = [];
  let generateMs = 0;
  let loadMs = 0;
  for (const village of villages) {
    const t0 = performance.now();
    const generated = await generateVillage({
      village: { code: village.code, name: village.name, households: spec.householdsPerVillage },
      seed: request.seed,
      today: request.today,
      catalog,
      protector,
      ...(issuedIds === undefined ? {} : { issuedIds }),
    });
    const t1 = performance.now();
    const result = await loadVillage(db, generated);
    const t2 = performance.now();
    generateMs += t1 - t0;
    loadMs += t2 - t1;
    loaded.push(result);
    request.onVillage?.(result, { generateMs: t1 - t0, loadMs: t2 - t1 });
  }
  return { townshipCode, villages: loaded, catalog: published, generateMs, loadMs };
}

/** The township and villages, created when missing; existing ones keep their names. */
async function ensurePlaces(
  db: Db,
  townshipCode: string,
  villageCodes: readonly string[],
): Promise<{ code: string; name: string }[]> {
  if ((await findTownship(db, townshipCode)) === undefined)
    await addTownship(db, {
      code: townshipCode,
      name:
        townshipCode === DEFAULT_TOWNSHIP.code
          ? DEFAULT_TOWNSHIP.name
          : `示例镇${townshipCode.slice(6)}`,
    });
  const villages: { code: string; name: string }[] = [];
  for (const code of villageCodes) {
    const found = await findVillage(db, code);
    villages.push(
      found ?? (await addVillage(db, { code, name: villageNameOf(code), townshipCode })),
    );
  }
  return villages;
}

/** A fresh seed when none is given (the CLI prints it, so a run can be repeated). */
export function randomSeed(): number {
  return randomBytes(4).readUInt32BE(0) % 1_000_000_000;
}
