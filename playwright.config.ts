import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/lib/pdf-renderer.ts';

const webPort = Number(process.env['E2E_WEB_PORT'] ?? 5173);

/**
 * End-to-end tests drive Debian's Chromium (Playwright's own browser download is not
 * possible here) against the production renderer served by `npm run web`.
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
