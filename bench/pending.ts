/**
 * The browser benchmarks of issue 6 that need the app's ledger screens (being built in
 * renderer/): listed with their goals and why they have no figure yet. Each becomes a
 * Benchmark driving Chromium through bench/lib/browser.ts.
 */
import type { Benchmark } from './lib/entry.ts';
import { pending } from './lib/entry.ts';

const SCREENS =
  'needs the app’s ledger screens, which are being built in renderer/; it will drive Chromium through bench/lib/browser.ts';

interface Planned {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly goal: string;
  readonly reason: string;
}

const PLANNED: readonly Planned[] = [
  {
    id: 'B1',
    title: 'First sync of the max village into a fresh Chromium',
    unit: 's',
    goal: '≤ 60 s and ≥ 0.5× a raw IndexedDB bulk write of the same documents',
    reason: `${SCREENS} (the sync screen exists; the benchmark comes with the ledger screens that show the synced figures)`,
  },
  {
    id: 'B2',
    title: 'Resident search, 95th percentile',
    unit: 'ms',
    goal: '≤ 50 ms',
    reason: SCREENS,
  },
  {
    id: 'B3',
    title: 'Open a resident’s file, 95th percentile',
    unit: 'ms',
    goal: '≤ 150 ms',
    reason: SCREENS,
  },
  {
    id: 'B4',
    title: 'Record an entry until its score shows, 95th percentile',
    unit: 'ms',
    goal: '≤ 100 ms',
    reason: SCREENS,
  },
  {
    id: 'B9',
    title: 'Renderer heap after opening the max village',
    unit: 'MB',
    goal: '≤ 300 MB',
    reason: SCREENS,
  },
  {
    id: 'B10',
    title: 'Cold start of the web shell to an interactive resident list with the max village',
    unit: 's',
    goal: '≤ 2 s',
    reason: SCREENS,
  },
];

export const PENDING: readonly Benchmark[] = PLANNED.map((planned) => ({
  id: planned.id,
  title: planned.title,
  expected: 'nothing to run yet',
  run: () =>
    Promise.resolve([
      pending(planned.id, planned.title, planned.unit, planned.goal, planned.reason),
    ]),
}));
