/**
 * What a benchmark reports (issue 6): one entry per figure, as printed in the table and
 * written to bench/results/latest.json.
 */

export interface BenchEntry {
  /** 'B5', or 'B6.push.PostgreSQL' when a benchmark has several figures. */
  readonly id: string;
  readonly title: string;
  /** null: not measured here (then `reason` says why). */
  readonly figure: number | null;
  readonly unit: string;
  /** The goal, as the issue states it, e.g. '≤ 2000 ms and ≤ 5× baseline'. */
  readonly goal: string;
  /** The baseline measured in the same run, in `unit`. */
  readonly baseline: number | null;
  /** What the baseline is. */
  readonly baselineNote?: string;
  /** figure ÷ baseline. */
  readonly ratio: number | null;
  /** Whether the goal is met; null when there is no goal to meet or nothing was measured. */
  readonly met: boolean | null;
  readonly note?: string;
  /** Why there is no figure. */
  readonly reason?: string;
}

export interface Benchmark {
  /** 'B5' … */
  readonly id: string;
  readonly title: string;
  /** The ids it reports when it reports several benchmarks from one setup (default: id). */
  readonly covers?: readonly string[];
  /** About how long it takes here, for the progress line. */
  readonly expected: string;
  run(log: (line: string) => void): Promise<BenchEntry[]>;
}

/** An entry for a benchmark that cannot run (yet). */
export function pending(
  id: string,
  title: string,
  unit: string,
  goal: string,
  reason: string,
): BenchEntry {
  return { id, title, figure: null, unit, goal, baseline: null, ratio: null, met: null, reason };
}

/** A measured entry: the ratio is computed here. */
export function measured(
  entry: Omit<BenchEntry, 'ratio'> & { readonly figure: number; readonly baseline: number },
): BenchEntry {
  return { ...entry, ratio: entry.baseline === 0 ? null : round(entry.figure / entry.baseline, 2) };
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** The median of some timings. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) throw new RangeError('median of nothing');
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The nearest-rank percentile (p in 0-100). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) throw new RangeError('percentile of nothing');
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? 0;
}
