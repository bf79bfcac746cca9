/**
 * Packaging: builds the app, packages it unpacked with a stub Electron (the real one
 * cannot be downloaded here) and opens the resulting app.asar. One full run (about 8 s
 * here, most of it the renderer build), then cheap checks of the checker itself.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPackage, extractFile, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAsar, EXPECTED_FUSES, readFuses } from './package-dir.ts';

const ROOT = resolve(import.meta.dirname, '..');
const UNPACKED = join(ROOT, 'release', 'linux-unpacked');
const ASAR = join(UNPACKED, 'resources', 'app.asar');

interface RunResult {
  readonly code: number | null;
  readonly output: string;
  readonly seconds: number;
}

function runPackageDir(): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'scripts', 'package-dir.ts'), '--stub-electron'],
      {
        cwd: ROOT,
        env: { ...process.env, CI: '1' },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolvePromise({ code, output, seconds: (Date.now() - started) / 1000 });
    });
  });
}

describe.runIf(process.platform === 'linux')('npm run package:dir', () => {
  let run: RunResult;
  let entries: string[];

  beforeAll(async () => {
    run = await runPackageDir();
    console.log(`package-dir took ${run.seconds.toFixed(1)} s`);
    entries =
      run.code === 0
        ? listPackage(ASAR, { isPack: false }).map((entry) => entry.replaceAll('\\', '/'))
        : [];
  });

  it('succeeds and says so', () => {
    expect(run.output).toContain('package-dir: OK');
    expect(run.code).toBe(0);
  });

  it('puts the three builds and package.json into app.asar', () => {
    expect(entries).toEqual(
      expect.arrayContaining([
        '/package.json',
        '/out/main/index.js',
        '/out/preload/index.cjs',
        '/out/renderer/index.html',
      ]),
    );
  });

  it('packs the builds of this run, byte for byte', async () => {
    for (const file of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
      expect(extractFile(ASAR, file).equals(await readFile(join(ROOT, file)))).toBe(true);
    }
  });

  it('ships no node_modules, no server and no sources', async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const dependencyNames = Object.keys(manifest.dependencies);
    expect(dependencyNames).toEqual(
      expect.arrayContaining(['fastify', 'pg', '@electric-sql/pglite']),
    );
    for (const entry of entries) {
      expect(entry).not.toMatch(/(^|\/)node_modules(\/|$)/);
      expect(entry).not.toMatch(/^\/(server|shared|main|renderer|scripts)(\/|$)/);
      expect(entry).not.toMatch(/\.tsx?$/);
      for (const name of dependencyNames) expect(entry.startsWith(`/${name}/`)).toBe(false);
    }
  });

  it('flips the Electron fuses that keep the app from running as plain Node', async () => {
    const fuses = readFuses(new Uint8Array(await readFile(join(UNPACKED, 'village-credit'))));
    expect(fuses).toMatchObject(EXPECTED_FUSES);
    expect(fuses.RunAsNode).toBe(false);
    expect(fuses.OnlyLoadAppFromAsar).toBe(true);
  });

  it('copies the window icon into resources', async () => {
    expect(
      (await readFile(join(UNPACKED, 'resources', 'icon.png'))).subarray(1, 4).toString(),
    ).toBe('PNG');
  });
});

describe('checkAsar', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vc-asar-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function pack(name: string, files: Record<string, string>): Promise<string> {
    const source = join(dir, name);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(source, path, '..'), { recursive: true });
      await writeFile(join(source, path), content);
    }
    const asar = join(dir, `${name}.asar`);
    await createPackage(source, asar);
    return asar;
  }

  const good = {
    'package.json': JSON.stringify({ main: './out/main/index.js', type: 'module' }),
    'out/main/index.js': 'import { app } from "electron";\nimport { join } from "node:path";\n',
    'out/preload/index.cjs': 'const electron = require("electron");\n',
    'out/renderer/index.html': '<!doctype html>',
  };

  it('accepts the three builds and package.json', async () => {
    const report = checkAsar(await pack('good', good));
    expect(report).toMatchObject({ missing: [], forbidden: [], problems: [] });
  });

  it('reports a missing build', async () => {
    const { 'out/preload/index.cjs': _preload, ...withoutPreload } = good;
    expect(checkAsar(await pack('no-preload', withoutPreload)).missing).toEqual([
      '/out/preload/index.cjs',
    ]);
  });

  it('reports node_modules and server code', async () => {
    const report = checkAsar(
      await pack('leaky', { ...good, 'node_modules/pg/index.js': '', 'server/src/main.ts': '' }),
    );
    expect(report.forbidden).toEqual(
      expect.arrayContaining(['/node_modules/pg/index.js', '/server/src/main.ts']),
    );
  });

  it('reports a main bundle that still imports an npm package, and a preload that requires one', async () => {
    const report = checkAsar(
      await pack('unbundled', {
        ...good,
        'out/main/index.js': 'import Fastify from "fastify";\n',
        'out/preload/index.cjs': 'require("electron"); require("./chunk.js");\n',
      }),
    );
    expect(report.problems).toHaveLength(2);
  });
});
