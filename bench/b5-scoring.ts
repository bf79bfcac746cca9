/**
 * B5: every score of the max village (10,000 residents, 3,000 households, about 300,000
 * events) recomputed from its ledger by the shared engine — what a device does when it
 * opens or rebuilds its figures (shared/ledger/village-figures.ts `VillageFigures.build`,
 * then every household rolled up) — against a plain loop summing the same events per
 * subject. Goal: ≤ 2 s and ≤ 5× the plain loop, in Node and in Chromium.
 */
import { chinaDateOf } from '../shared/ledger/dates.ts';
import { fileURLToPath } from 'node:url';
import type { EventDoc } from '../shared/collections/events.ts';
import { VillageFigures } from '../shared/ledger/village-figures.ts';
import type { BenchEntry, Benchmark } from './lib/entry.ts';
import { measured, median, pending, round } from './lib/entry.ts';
import type { B5PageResult } from './browser/b5-page.ts';
import { bundleForPage, CHROMIUM_PATH, chromiumAvailable, withBlankPage } from './lib/browser.ts';
import { BENCH_SEED, BENCH_TOWNSHIP, BENCH_VILLAGE, sampleVillage } from './lib/sample.ts';

const TITLE = 'Recompute every score of the max village from its ledger';
const GOAL = '≤ 2000 ms and ≤ 5× baseline';
const RUNS = 5;
const PAGE_ENTRY = fileURLToPath(new URL('./browser/b5-page.ts', import.meta.url));

/** The baseline: points summed per subject, the least any recomputation must do. */
export function sumBySubject(events: readonly EventDoc[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const event of events)
    sums.set(event.subjectId, (sums.get(event.subjectId) ?? 0) + event.points);
  return sums;
}

export const B5: Benchmark = {
  id: 'B5',
  title: TITLE,
  expected: 'about 1 minute',
  async run(log) {
    const today = chinaDateOf(Date.now());
    log('B5: generating the max village in memory…');
    const village = await sampleVillage('max', today);
    log(
      `B5: ${village.residents.length} residents, ${village.households.length} households, ${village.events.length} events; timing…`,
    );
    const engine: number[] = [];
    let subjects = 0;
    for (let run = 0; run <= RUNS; run += 1) {
      const t0 = performance.now();
      const figures = VillageFigures.build(village.events, village.cases, village.policy, today);
      for (const household of village.households) figures.household(household);
      const elapsed = performance.now() - t0;
      // The first run warms the JIT; it is not counted.
      if (run > 0) engine.push(elapsed);
      subjects = [...figures.allFigures()].length;
    }
    const loop: number[] = [];
    let checksum = 0;
    for (let run = 0; run <= RUNS; run += 1) {
      const t0 = performance.now();
      const sums = sumBySubject(village.events);
      const elapsed = performance.now() - t0;
      if (run > 0) loop.push(elapsed);
      checksum = sums.size;
    }
    const figure = round(median(engine), 0);
    const baseline = round(median(loop), 1);
    const node = measured({
      id: 'B5.node',
      title: `${TITLE} (Node ${process.version})`,
      figure,
      unit: 'ms',
      goal: GOAL,
      baseline,
      baselineNote: `a plain loop summing the same ${village.events.length} events per subject (${checksum} subjects)`,
      met: null,
      note: `median of ${RUNS} runs after a warm-up; ${village.events.length} events, ${subjects} subjects scored and ${village.households.length} households rolled up`,
    });
    const entries: BenchEntry[] = [{ ...node, met: met(node) }];
    if (!chromiumAvailable()) {
      entries.push(
        pending(
          'B5.chromium',
          `${TITLE} (Chromium)`,
          'ms',
          GOAL,
          `no Chromium at ${CHROMIUM_PATH}`,
        ),
      );
      return entries;
    }
    log('B5: the same in Chromium (generating the village in the page)…');
    const script = await bundleForPage(PAGE_ENTRY, 'VillageCreditBench');
    const page = await withBlankPage(async (blank) => {
      await blank.addScriptTag({ content: script });
      return blank.evaluate(
        (input) =>
          (
            globalThis as unknown as {
              VillageCreditBench: { run: (i: typeof input) => Promise<B5PageResult> };
            }
          ).VillageCreditBench.run(input),
        { today, runs: RUNS, seed: BENCH_SEED, township: BENCH_TOWNSHIP, village: BENCH_VILLAGE },
      );
    });
    const chromium = measured({
      id: 'B5.chromium',
      title: `${TITLE} (Chromium)`,
      figure: round(median(page.engine.slice(1)), 0),
      unit: 'ms',
      goal: GOAL,
      baseline: round(median(page.loop.slice(1)), 1),
      baselineNote: `a plain loop summing the same ${String(page.events)} events per subject, in the page`,
      met: null,
      note: `median of ${String(RUNS)} runs after a warm-up, in a page of ${CHROMIUM_PATH}; ${String(page.events)} events, ${String(page.subjects)} subjects`,
    });
    entries.push({ ...chromium, met: met(chromium) });
    return entries;
  },
};

function met(entry: BenchEntry): boolean {
  return entry.figure !== null && entry.figure <= 2000 && (entry.ratio ?? Infinity) <= 5;
}
