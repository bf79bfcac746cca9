/**
 * Generated villages in memory for the benchmarks that need no database (B5): the
 * generator of server/src/generate, the IDs protected with throwaway keys.
 */
import { randomBytes } from 'node:crypto';
import { createIdProtector } from '../../shared/residents/id-protection.ts';
import { sampleCatalog } from '../../server/src/generate/catalog.ts';
import { SIZES, type SizeName } from '../../server/src/generate/sizes.ts';
import { generateVillage, type GeneratedVillage } from '../../server/src/generate/village.ts';

export const BENCH_SEED = 6;
export const BENCH_TOWNSHIP = '371003190';
export const BENCH_VILLAGE = '371003190201';

export function sampleVillage(
  size: Exclude<SizeName, 'township'>,
  today: string,
): Promise<GeneratedVillage> {
  const keys = { keyId: 'bench', encryptionKey: randomBytes(32), hashKey: randomBytes(32) };
  return generateVillage({
    village: { code: BENCH_VILLAGE, name: '南港村', households: SIZES[size].householdsPerVillage },
    seed: BENCH_SEED,
    today,
    catalog: sampleCatalog(BENCH_TOWNSHIP, today, BENCH_SEED),
    protector: createIdProtector(globalThis.crypto, keys),
  });
}
