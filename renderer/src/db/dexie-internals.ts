/**
 * The Dexie table behind an RxDB collection on the Dexie storage, for the two reads RxDB's
 * own queries make slow on a large village (read-stored.ts, changes-since.ts). RxDB keeps
 * it in the storage instance's `internals` (a promise on Dexie), which is not a public API:
 * the shape is checked, and anything else (the memory storage of the unit tests) is null,
 * so callers fall back to RxDB's ordinary path. Recheck when RxDB is upgraded.
 */
import type { Table } from 'dexie';

export type DexieRow = Record<string, unknown>;

export interface DexieInternals {
  readonly dexieTable: Table<DexieRow, string>;
  /** Fields indexed as booleans, which Dexie stores as '0' and '1'. */
  readonly booleanIndexes: readonly string[];
}

export async function dexieInternalsOf(instance: {
  readonly internals: unknown;
}): Promise<DexieInternals | null> {
  const internals = await Promise.resolve(instance.internals);
  if (typeof internals !== 'object' || internals === null) return null;
  const { dexieTable, booleanIndexes } = internals as Partial<DexieInternals>;
  if (dexieTable === undefined || !Array.isArray(booleanIndexes)) return null;
  return { dexieTable, booleanIndexes };
}
