import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * Dependencies point one way: main, renderer and server import shared, never each other,
 * and shared imports no platform. These tests lint small probes placed (virtually) in each
 * folder and require the boundary rule to reject them, so removing a rule fails here.
 */
// The probes exist only in memory, so type-aware parsing (which reads files from disk) is
// switched off; the boundary rules come from the project's own eslint.config.js.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: [tseslint.configs.disableTypeChecked],
});

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

const cases: readonly [string, string, string][] = [
  [
    'server/src/probe.ts',
    "import { App } from '../../renderer/src/app/App.tsx';",
    'server → renderer',
  ],
  [
    'server/src/probe.ts',
    "import { createMainWindow } from '../../main/src/window.ts';",
    'server → main',
  ],
  [
    'renderer/src/probe.ts',
    "import { buildApp } from '../../server/src/http/app.ts';",
    'renderer → server',
  ],
  [
    'renderer/src/probe.ts',
    "import { createMainWindow } from '../../main/src/window.ts';",
    'renderer → main',
  ],
  ['renderer/src/probe.ts', "import { readFileSync } from 'node:fs';", 'renderer → node'],
  ['renderer/src/probe.ts', "import { ipcRenderer } from 'electron';", 'renderer → electron'],
  ['main/src/probe.ts', "import { App } from '../../renderer/src/app/App.tsx';", 'main → renderer'],
  [
    'main/src/probe.ts',
    "import { buildApp } from '../../server/src/http/app.ts';",
    'main → server',
  ],
  ['shared/probe.ts', "import { App } from '../renderer/src/app/App.tsx';", 'shared → renderer'],
  ['shared/probe.ts', "import { readFileSync } from 'node:fs';", 'shared → node'],
  ['shared/probe.ts', "import { createRxDatabase } from 'rxdb';", 'shared → rxdb'],
  ['shared/probe.ts', "import { app } from 'electron';", 'shared → electron'],
];

describe('import boundaries', () => {
  it.each(cases)('rejects an import in %s (%s → %s)', async (filePath, code) => {
    const errors = await boundaryErrors(filePath, `${code}\nexport {};\n`);
    expect(errors.length).toBeGreaterThan(0);
  });

  it.each([
    [
      'server/src/probe.ts',
      "import { validateVillageCode } from '../../shared/places/division-codes.ts';",
    ],
    ['renderer/src/probe.ts', "import { PORT_METHODS } from '../../shared/platform/contract.ts';"],
    ['main/src/probe.ts', "import { PORT_METHODS } from '../../shared/platform/contract.ts';"],
  ])('lets %s import shared/', async (filePath, code) => {
    expect(await boundaryErrors(filePath, `${code}\nexport {};\n`)).toEqual([]);
  });
});
