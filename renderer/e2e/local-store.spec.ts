/**
 * The local store's IndexedDB-only paths, in real Chromium IndexedDB (the unit tests run
 * RxDB's memory storage, where they do not apply).
 */
import { build } from 'vite';
import { expect, test } from './fixtures/diagnostics.ts';
import type { ChangesSinceResult } from './pages/changes-since.page.ts';

async function bundle(entry: string): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      emptyOutDir: false,
      minify: false,
      target: 'es2022',
      lib: { entry, formats: ['iife'], name: 'LocalStorePage', fileName: 'local-store' },
    },
  });
  for (const result of Array.isArray(output) ? output : [output])
    if ('output' in result)
      for (const chunk of result.output) if (chunk.type === 'chunk') return chunk.code;
  throw new Error(`bundling ${entry} produced no script`);
}

test('changes since a checkpoint page through one bulk write by index, in RxDB’s order', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const script = await bundle('renderer/e2e/pages/changes-since.page.ts');
  // A page of the web shell's origin without the app (IndexedDB needs an origin).
  await page.route('**/local-store-test', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>test</title>' }),
  );
  await page.goto('/local-store-test');
  await page.addScriptTag({ content: script });
  const result = await page.evaluate(() =>
    (
      globalThis as unknown as { LocalStorePage: { run(): Promise<ChangesSinceResult> } }
    ).LocalStorePage.run(),
  );
  expect(result.reference).toHaveLength(1500);
  expect(result.paged).toEqual(result.reference);
  expect(result.paged.filter((id) => id.startsWith('-'))).toEqual([
    '-item-00005',
    '-item-00600',
    '-item-01199',
  ]);
  expect(result.pages).toBe(3);
  // By index with getAll: no document walked through a cursor.
  expect(result.cursorSteps).toBe(0);
});
