/**
 * B7: the township's figures — points issued and redeemed per village, and residents and
 * households per tier — over a township of 40 typical villages (about 120,000 residents,
 * 36,000 households, 3.8 million ledger events), on a throwaway PostgreSQL 15 cluster.
 * The report reads the derived figures table (server/src/ledger/figures.ts) that the
 * loader keeps; the baseline is a bare scan of the same rows (count and sums).
 *
 * Most of the time goes into generating and writing the township (minutes on two cores);
 * the report itself is timed 20 times after a warm-up. A second figure times the first
 * report of the next day, which first rescores every subject whose figures change that
 * day (entries expiring or taking effect).
 */
import { chinaDateOf } from '../shared/ledger/dates.ts';
import { addDays } from '../shared/ledger/dates.ts';
import { openPostgres } from '../server/src/db/database.ts';
import { loadMigrations, migrate } from '../server/src/db/migrate.ts';
import { generateInto } from '../server/src/generate/load.ts';
import { SIZES } from '../server/src/generate/sizes.ts';
import { townshipFigures } from '../server/src/ledger/figures.ts';
import { startPostgresCluster } from '../server/test/postgres-cluster.ts';
import type { Benchmark } from './lib/entry.ts';
import { measured, median, percentile, round } from './lib/entry.ts';
import { BENCH_SEED, BENCH_TOWNSHIP } from './lib/sample.ts';

const RUNS = 20;
const GOAL_MS = 300;

export const B7: Benchmark = {
  id: 'B7',
  title: 'Township figures over 40 typical villages (PostgreSQL)',
  expected: 'about 7 minutes, most of it generating and writing the township',
  async run(log) {
    const cluster = await startPostgresCluster();
    try {
      const db = await openPostgres(await cluster.createDatabase());
      try {
        await migrate(db, await loadMigrations());
        const today = chinaDateOf(Date.now());
        const started = performance.now();
        let done = 0;
        const report = await generateInto(db, {
          size: 'township',
          seed: BENCH_SEED,
          today,
          villageCode: `${BENCH_TOWNSHIP}201`,
          onVillage: (village, timing) => {
            done += 1;
            log(
              `B7: ${String(done)}/${String(SIZES.township.villages)} ${village.name} ${String(village.residents)} residents, ` +
                `${String(village.events)} events (generated ${round(timing.generateMs / 1000)} s, written ${round(timing.loadMs / 1000)} s)`,
            );
          },
        });
        const setupSeconds = (performance.now() - started) / 1000;
        const residents = report.villages.reduce((sum, v) => sum + v.residents, 0);
        const households = report.villages.reduce((sum, v) => sum + v.households, 0);
        const events = report.villages.reduce((sum, v) => sum + v.events, 0);
        // What autovacuum does on a running server: statistics for the planner.
        await db.query('ANALYZE');

        const warm = await townshipFigures(db, BENCH_TOWNSHIP, { today });
        if (warm.totals.residents !== residents)
          throw new Error(`the report counts ${warm.totals.residents} of ${residents} residents`);
        const timings: number[] = [];
        for (let run = 0; run < RUNS; run += 1) {
          const t0 = performance.now();
          await townshipFigures(db, BENCH_TOWNSHIP, { today });
          timings.push(performance.now() - t0);
        }
        const scans: number[] = [];
        for (let run = 0; run < RUNS; run += 1) {
          const t0 = performance.now();
          await db.query(
            `SELECT count(*), sum(earned), sum(redeemed) FROM subject_figures WHERE township_code = $1`,
            [BENCH_TOWNSHIP],
          );
          scans.push(performance.now() - t0);
        }
        const figure = round(percentile(timings, 95), 0);
        const baseline = round(median(scans), 1);

        log('B7: the first report of the next day…');
        const tomorrow = addDays(today, 1);
        const t0 = performance.now();
        const nextDay = await townshipFigures(db, BENCH_TOWNSHIP, { today: tomorrow });
        const nextDayMs = round(performance.now() - t0, 0);

        const scope = `${String(report.villages.length)} villages, ${String(residents)} residents, ${String(households)} households, ${String(events)} events; setup ${round(setupSeconds, 0)} s`;
        return [
          measured({
            id: 'B7',
            title: 'Township figures: issued/redeemed per village, tier distributions (PostgreSQL)',
            figure,
            unit: 'ms',
            goal: `≤ ${String(GOAL_MS)} ms`,
            baseline,
            baselineNote: 'a bare scan of the same rows of subject_figures (count, sums)',
            met: figure <= GOAL_MS,
            note: `95th percentile of ${String(RUNS)} reports after a warm-up (median ${round(median(timings), 0)} ms); ${scope}`,
          }),
          measured({
            id: 'B7.next-day',
            title: 'The first township report of the next day (rescoring what changed)',
            figure: nextDayMs,
            unit: 'ms',
            goal: 'none (informational)',
            baseline: figure,
            baselineNote: 'B7, the report when nothing is due',
            met: null,
            note: `${String(nextDay.refreshed)} subjects rescored first (their entries expire or take effect that day)`,
          }),
        ];
      } finally {
        await db.close();
      }
    } finally {
      await cluster.stop();
    }
  },
};
