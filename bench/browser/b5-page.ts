/**
 * B5 in Chromium: the same generation and the same recomputation as bench/b5-scoring.ts,
 * bundled into one script (bench/lib/browser.ts `bundleForPage`) and run in a page, where
 * the renderer runs the engine.
 */
import { VillageFigures } from '../../shared/ledger/village-figures.ts';
import { createIdProtector } from '../../shared/residents/id-protection.ts';
import { sampleCatalog } from '../../server/src/generate/catalog.ts';
import { SIZES } from '../../server/src/generate/sizes.ts';
import { generateVillage } from '../../server/src/generate/village.ts';

export interface B5PageResult {
  readonly events: number;
  readonly subjects: number;
  /** One timing (ms) per run, warm-up first. */
  readonly engine: readonly number[];
  readonly loop: readonly number[];
}

export async function run(input: {
  readonly today: string;
  readonly runs: number;
  readonly seed: number;
  readonly township: string;
  readonly village: string;
}): Promise<B5PageResult> {
  const keys = {
    keyId: 'bench',
    encryptionKey: crypto.getRandomValues(new Uint8Array(32)),
    hashKey: crypto.getRandomValues(new Uint8Array(32)),
  };
  const village = await generateVillage({
    village: { code: input.village, name: '南港村', households: SIZES.max.householdsPerVillage },
    seed: input.seed,
    today: input.today,
    catalog: sampleCatalog(input.township, input.today, input.seed),
    protector: createIdProtector(crypto, keys),
  });
  const engine: number[] = [];
  let subjects = 0;
  for (let run = 0; run <= input.runs; run += 1) {
    const t0 = performance.now();
    const figures = VillageFigures.build(
      village.events,
      village.cases,
      village.policy,
      input.today,
    );
    for (const household of village.households) figures.household(household);
    engine.push(performance.now() - t0);
    subjects = [...figures.allFigures()].length;
  }
  const loop: number[] = [];
  for (let run = 0; run <= input.runs; run += 1) {
    const t0 = performance.now();
    const sums = new Map<string, number>();
    for (const event of village.events)
      sums.set(event.subjectId, (sums.get(event.subjectId) ?? 0) + event.points);
    loop.push(performance.now() - t0);
  }
  return { events: village.events.length, subjects, engine, loop };
}
