import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Test tiers. Unit: shared (pure domain), main (electron mocked), renderer (jsdom).
 * Integration: server (real PostgreSQL cluster and PGlite), renderer-integration (the
 * app's sync client against a real town server), tooling (lint boundaries, packaging). End-to-end tests run under Playwright (playwright.config.ts).
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', include: ['shared/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'main', include: ['main/**/*.test.ts'], environment: 'node' } },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['renderer/src/**/*.test.{ts,tsx}'],
          exclude: ['renderer/src/**/*.integration.test.ts'],
          environment: 'jsdom',
          setupFiles: ['renderer/src/test/setup.ts'],
        },
      },
      {
        test: {
          name: 'server',
          include: ['server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One throwaway PostgreSQL cluster and PGlite instances are heavy: run files in sequence.
          fileParallelism: false,
        },
      },
      {
        // The app's sync client against a real town server in the same process (RxDB on
        // its memory storage stands in for IndexedDB, which the end-to-end tests cover).
        test: {
          name: 'renderer-integration',
          include: ['renderer/src/**/*.integration.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'tooling',
          include: ['scripts/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
