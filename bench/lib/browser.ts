/**
 * The extension point for browser benchmarks (B1-B4, B8-B10 and B5's Chromium run):
 * Debian's Chromium driven by playwright-core, with the flags the end-to-end tests use
 * (ARCHITECTURE §8). A browser benchmark starts what it needs (a town server with a
 * generated village: server/src/generate/load.ts `generateInto`; the web shell:
 * scripts/web.ts, as renderer/e2e/fixtures/town.ts does), then
 *
 *   const figure = await withChromium(async (browser) => {
 *     const page = await browser.newPage();
 *     … sign in, wait for the screen, time it …
 *   });
 *
 * and returns its entries like any other benchmark (entry.ts).
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Runs `fn` with a fresh Chromium (a fresh profile: an empty IndexedDB), then closes it. */
export async function withChromium<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_FLAGS],
  });
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

/**
 * `entry` (a module of this repository) bundled into one classic script that defines
 * `globalThis[globalName]` with its exports, for `page.addScriptTag({ content })`.
 */
export async function bundleForPage(entry: string, globalName: string): Promise<string> {
  const { build } = await import('vite');
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      emptyOutDir: false,
      minify: false,
      target: 'es2022',
      lib: { entry, formats: ['iife'], name: globalName, fileName: globalName },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  for (const result of results)
    if ('output' in result)
      for (const chunk of result.output) if (chunk.type === 'chunk') return chunk.code;
  throw new Error(`bundling ${entry} produced no script`);
}

/**
 * A blank page served from 127.0.0.1 (a secure context, as the app's pages are, so
 * WebCrypto and IndexedDB behave as they do in the app), in a fresh Chromium.
 */
export async function withBlankPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html lang="zh-CN"><title>bench</title></html>');
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  try {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return await withChromium(async (browser) => {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${String(address.port)}/`);
      return fn(page);
    });
  } finally {
    await new Promise<void>((closed) =>
      server.close(() => {
        closed();
      }),
    );
  }
}
