/**
 * `npm test`: every tier in order (typecheck, lint, format, unit + integration under
 * Vitest, end-to-end under Playwright) and one closing line `N passed, N failed` summed
 * over all of them, which is what CI reads. Each typecheck project, lint and the format
 * check count as one test each. `npm test -- e2e unit` runs only the named tiers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Tally {
  passed: number;
  failed: number;
}

const TMP = '.tmp';
const TIERS = ['typecheck', 'lint', 'format', 'vitest', 'e2e'] as const;
type Tier = (typeof TIERS)[number];

const requested = process.argv
  .slice(2)
  .filter((a): a is Tier => (TIERS as readonly string[]).includes(a));
const unknown = process.argv.slice(2).filter((a) => !(TIERS as readonly string[]).includes(a));
if (unknown.length > 0) {
  console.error(`未知的测试层级：${unknown.join(', ')}。可选：${TIERS.join(', ')}。`);
  process.exit(2);
}
const tiers: readonly Tier[] = requested.length > 0 ? requested : TIERS;

mkdirSync(TMP, { recursive: true });
const total: Tally = { passed: 0, failed: 0 };
const failures: string[] = [];

function run(label: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.error) console.error(result.error);
  return result.status === 0;
}

function count(label: string, passed: boolean): void {
  if (passed) total.passed += 1;
  else {
    total.failed += 1;
    failures.push(label);
  }
}

function readJson(file: string): unknown {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : null;
}

function numberAt(value: unknown, key: string): number {
  if (typeof value !== 'object' || value === null) return 0;
  const n = (value as Record<string, unknown>)[key];
  return typeof n === 'number' ? n : 0;
}

const bin = (name: string) => join('node_modules', '.bin', name);

for (const tier of tiers) {
  switch (tier) {
    case 'typecheck':
      for (const project of [
        'shared',
        'main',
        'main/preload',
        'renderer',
        'renderer/tsconfig.integration.json',
        'renderer/e2e',
        'server',
        '.',
      ]) {
        count(`typecheck ${project}`, run(`typecheck ${project}`, bin('tsc'), ['-p', project]));
      }
      break;
    case 'lint':
      count('lint', run('lint', bin('eslint'), ['--max-warnings=0', '.']));
      break;
    case 'format':
      count('format', run('format', bin('prettier'), ['--check', '--log-level=warn', '.']));
      break;
    case 'vitest': {
      const report = join(TMP, 'vitest.json');
      rmSync(report, { force: true });
      const ok = run('unit and integration', bin('vitest'), [
        'run',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${report}`,
      ]);
      const json = readJson(report);
      const passed = numberAt(json, 'numPassedTests');
      const failed = numberAt(json, 'numFailedTests');
      total.passed += passed;
      total.failed += failed;
      if (failed > 0) failures.push(`vitest: ${failed} failed`);
      // A run that failed without failing a test (a crashed file, no report) still fails.
      if (!ok && failed === 0) count('vitest run', false);
      break;
    }
    case 'e2e': {
      const report = join(TMP, 'playwright.json');
      rmSync(report, { force: true });
      const ok = run('end-to-end', bin('playwright'), ['test']);
      const stats = (readJson(report) as { stats?: unknown } | null)?.stats;
      const passed = numberAt(stats, 'expected') + numberAt(stats, 'flaky');
      const failed = numberAt(stats, 'unexpected');
      total.passed += passed;
      total.failed += failed;
      if (failed > 0) failures.push(`e2e: ${failed} failed`);
      if (!ok && failed === 0) count('e2e run', false);
      break;
    }
  }
}

const summary = `${total.passed} passed, ${total.failed} failed`;
writeFileSync(join(TMP, 'test-summary.txt'), `${summary}\n`);
if (failures.length > 0) console.log(`\n未通过 / failing: ${failures.join('; ')}`);
console.log(`\n${summary}`);
process.exit(total.failed > 0 ? 1 : 0);
