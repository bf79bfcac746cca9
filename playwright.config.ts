import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/lib/pdf-renderer.ts';

const webPort = Number(process.env['E2E_WEB_PORT'] ?? 5173);

/**
 * End-to-end tests drive Debian's Chromium (Playwright's own browser download is not
 * possible here) against the production renderer served by `npm run web`.
 *
 * The webServer below builds the renderer once and serves it for specs that need no town
 * server (app-shell: demo mode). Specs that sign in use renderer/e2e/fixtures/town.ts: each
 * worker that asks for `town` starts a throwaway PostgreSQL cluster, the real town server
 * and its own web shell (`scripts/web.ts --no-build` on that build, its CSP naming that
 * server), and points the worker's baseURL at it — so a test may stop or kill its server
 * without touching another worker's.
 */
export default defineConfig({
  testDir: 'renderer/e2e',
  outputDir: '.tmp/test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '.tmp/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${webPort}`,
    locale: 'zh-CN',
    acceptDownloads: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: 'npm run web',
    url: `http://127.0.0.1:${webPort}/`,
    env: { WEB_PORT: String(webPort) },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
