/**
 * `npm run bench`: runs every benchmark of issue 6 (B1-B10), prints a table — figure, goal,
 * the baseline measured in the same run and the ratio to it — and writes the same to
 * bench/results/latest.json with a description of the machine.
 *
 *   npm run bench                  every benchmark (B7 alone takes several minutes)
 *   npm run bench -- --only B6     one benchmark (or several: --only B5,B6)
 *
 * A benchmark that cannot run here gets an entry without a figure and the reason; one that
 * fails gets the error as its reason, and the others still run. Benchmarks are not tests:
 * nothing here fails the run because a goal is missed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { APP } from './app.ts';
import { B5 } from './b5-scoring.ts';
import { B6 } from './b6-sync.ts';
import { B7 } from './b7-township.ts';
import { B8 } from './b8-print.ts';
import type { BenchEntry, Benchmark } from './lib/entry.ts';
import { pending } from './lib/entry.ts';

const RESULTS = join(import.meta.dirname, 'results');

const BENCHMARKS: readonly Benchmark[] = [APP, B5, B6, B7, B8].sort(
  (a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)),
);

export interface MachineDescription {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly freeMemoryGiB: number;
  readonly loadAverage: readonly number[];
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly osRelease: string;
}

function machine(): MachineDescription {
  const processors = cpus();
  const gib = (bytes: number) => Math.round((bytes / 2 ** 30) * 10) / 10;
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: gib(totalmem()),
    freeMemoryGiB: gib(freemem()),
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    osRelease: release(),
  };
}

/** The ids a benchmark reports. */
function idsOf(benchmark: Benchmark): readonly string[] {
  return benchmark.covers ?? [benchmark.id];
}

function selected(only: string | undefined): readonly Benchmark[] {
  if (only === undefined) return BENCHMARKS;
  const wanted = only.split(',').map((id) => id.trim().toUpperCase());
  // B2 alone runs the app benchmark, which measures B1-B4, B9 and B10 from one setup.
  const chosen = BENCHMARKS.filter((benchmark) =>
    idsOf(benchmark).some((id) => wanted.includes(id)),
  );
  const known = BENCHMARKS.flatMap(idsOf);
  const unknown = wanted.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    console.error(
      `没有这些基准测试：${unknown.join(', ')}。可选：${known.join(', ')}\n` +
        `Unknown benchmark(s): ${unknown.join(', ')}. Known: ${known.join(', ')}`,
    );
    process.exit(2);
  }
  return chosen;
}

function show(value: number | null, unit = ''): string {
  if (value === null) return '—';
  const text = Number.isInteger(value) ? value.toLocaleString('en') : String(value);
  return unit === '' ? text : `${text} ${unit}`;
}

function table(entries: readonly BenchEntry[]): string {
  const rows = entries.map((entry) => [
    entry.id,
    entry.title,
    show(entry.figure, entry.unit),
    entry.goal,
    show(entry.baseline, entry.unit),
    entry.ratio === null ? '—' : `${String(entry.ratio)}×`,
    entry.met === null ? (entry.figure === null ? 'pending' : '—') : entry.met ? 'yes' : 'NO',
  ]);
  const header = ['id', 'benchmark', 'figure', 'goal', 'baseline', 'ratio', 'met'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  const notes = entries.flatMap((entry) => [
    ...(entry.reason === undefined ? [] : [`${entry.id}: ${entry.reason}`]),
    ...(entry.note === undefined ? [] : [`${entry.id}: ${entry.note}`]),
    ...(entry.baselineNote === undefined ? [] : [`${entry.id} baseline: ${entry.baselineNote}`]),
  ]);
  return [
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    '',
    ...notes,
  ].join('\n');
}

/** 'B6' of 'B6.push.PostgreSQL'. */
function benchmarkOf(id: string): string {
  return id.split('.')[0] ?? id;
}

function previousEntries(file: string): (BenchEntry & { readonly measuredAt?: string })[] {
  if (!existsSync(file)) return [];
  try {
    const previous = JSON.parse(readFileSync(file, 'utf8')) as { entries?: unknown };
    return Array.isArray(previous.entries) ? (previous.entries as BenchEntry[]) : [];
  } catch {
    console.warn(`${file} 无法读取，将被覆盖。 ${file} is unreadable and will be replaced.`);
    return [];
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' } }, strict: true });
  const benchmarks = selected(values.only);
  const described = machine();
  console.log(
    `机器 Machine: ${described.cpuModel}, ${String(described.cores)} cores, ${String(described.memoryGiB)} GiB, Node ${described.node}, ${described.platform}`,
  );
  const started = new Date();
  const entries: BenchEntry[] = [];
  for (const benchmark of benchmarks) {
    console.log(`\n${benchmark.id} ${benchmark.title} (${benchmark.expected})`);
    const t0 = performance.now();
    try {
      entries.push(
        ...(await benchmark.run((line) => {
          console.log(`  ${line}`);
        })),
      );
    } catch (error) {
      const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`  ${benchmark.id} failed: ${reason}`);
      entries.push(
        pending(benchmark.id, benchmark.title, '', '', `failed: ${reason.split('\n')[0] ?? ''}`),
      );
    }
    console.log(`  (${String(Math.round((performance.now() - t0) / 100) / 10)} s)`);
  }
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, 'latest.json');
  // `--only` updates its benchmarks' entries and keeps the others of the last run.
  const ran = new Set(benchmarks.flatMap(idsOf));
  const kept = previousEntries(file).filter((entry) => !ran.has(benchmarkOf(entry.id)));
  const measuredAt = new Date().toISOString();
  const result = {
    startedAt: started.toISOString(),
    finishedAt: measuredAt,
    // Other work on the machine slows everything: the load at the start and at the end.
    machine: { ...described, loadAverageAtEnd: machine().loadAverage },
    entries: [...kept, ...entries.map((entry) => ({ ...entry, measuredAt }))].sort(
      (a, b) => Number(benchmarkOf(a.id).slice(1)) - Number(benchmarkOf(b.id).slice(1)),
    ),
  };
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${table(entries)}\n\n结果已写入 Results written to ${file}`);
}

await main();
