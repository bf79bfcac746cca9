/**
 * Packages the desktop app unpacked (`electron-builder --dir`) and proves what is inside:
 * app.asar must hold the three builds (main, preload, renderer) and package.json, and
 * nothing else — no node_modules, no server code, no sources.
 *
 *   node scripts/package-dir.ts [--stub-electron] [--skip-build]
 *
 * The Electron binary cannot be downloaded everywhere (CI, this workplace). With
 * --stub-electron, with CI set, or when node_modules/electron has no binary, the package is
 * built from a stub Electron distribution: a small file named `electron` that carries the
 * fuse wire of a real binary, so electron-builder's whole --dir pipeline (copy, rename,
 * fuses, asar, resources) runs offline. The result cannot start; it proves the config and
 * the asar contents. On a machine with Electron installed, the real binary is used.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';

const ROOT = resolve(import.meta.dirname, '..');

/** What app.asar must contain (paths inside the archive, as listPackage prints them). */
export const REQUIRED_ENTRIES = [
  '/package.json',
  '/out/main/index.js',
  '/out/preload/index.cjs',
  '/out/renderer/index.html',
] as const;

/** Top-level folders of the repository that must never reach the desktop app. */
const FORBIDDEN_TOP_LEVEL = [
  'node_modules',
  'server',
  'shared',
  'main',
  'renderer',
  'scripts',
  'src',
  'release',
  'build',
];

// ---------------------------------------------------------------------------------------
// Electron fuses (https://github.com/electron/fuses): a sentinel, a version byte, a length
// byte, then one byte per fuse: '0' disabled, '1' enabled.

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_NAMES = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
] as const;
type FuseName = (typeof FUSE_NAMES)[number];

/** The fuses electron-builder.yml sets; checked on the packaged binary. */
export const EXPECTED_FUSES: Readonly<Partial<Record<FuseName, boolean>>> = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
};

/** Electron's own defaults (as shipped), which the stub carries so flipping them is real. */
const STOCK_FUSES = '10110001';

export function readFuses(binary: Uint8Array): Partial<Record<FuseName, boolean>> {
  const at = Buffer.from(binary.buffer, binary.byteOffset, binary.byteLength).indexOf(
    FUSE_SENTINEL,
    0,
    'latin1',
  );
  if (at === -1) throw new Error('no Electron fuse wire in the packaged binary');
  const wire = at + FUSE_SENTINEL.length;
  const length = binary[wire + 1] ?? 0;
  const fuses: Partial<Record<FuseName, boolean>> = {};
  FUSE_NAMES.slice(0, length).forEach((name, i) => {
    fuses[name] = binary[wire + 2 + i] === 0x31;
  });
  return fuses;
}

export async function createStubElectron(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vc-stub-electron-'));
  const script = Buffer.concat([
    Buffer.from(
      '#!/bin/sh\n# Stub Electron for packaging checks; it cannot run the app.\n# fuse wire: ',
      'latin1',
    ),
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([0x01, FUSE_NAMES.length]),
    Buffer.from(STOCK_FUSES, 'latin1'),
    Buffer.from('\necho "stub Electron: packaging check only" >&2\nexit 1\n', 'latin1'),
  ]);
  await writeFile(join(dir, 'electron'), script);
  await chmod(join(dir, 'electron'), 0o755);
  return dir;
}

// ---------------------------------------------------------------------------------------
// The asar check.

export interface AsarReport {
  readonly entries: readonly string[];
  readonly missing: readonly string[];
  readonly forbidden: readonly string[];
  readonly problems: readonly string[];
}

/** Import specifiers a bundle still loads at run time (anything not bundled). */
function runtimeImports(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(
    /\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|\brequire\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm,
  )) {
    const specifier = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (specifier !== undefined) found.add(specifier);
  }
  return [...found];
}

export function checkAsar(asarPath: string): AsarReport {
  const entries = listPackage(asarPath, { isPack: false }).map((entry) =>
    entry.replaceAll('\\', '/'),
  );
  const missing = REQUIRED_ENTRIES.filter((required) => !entries.includes(required));
  const forbidden = entries.filter((entry) => {
    const top = entry.split('/')[1] ?? '';
    return (
      FORBIDDEN_TOP_LEVEL.includes(top) ||
      entry.includes('/node_modules/') ||
      /\.(ts|tsx|map)$/.test(entry)
    );
  });

  const problems: string[] = [];
  if (missing.length === 0) {
    const manifest = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as {
      main?: unknown;
      type?: unknown;
    };
    if (manifest.main !== './out/main/index.js' && manifest.main !== 'out/main/index.js') {
      problems.push(
        `package.json "main" is ${JSON.stringify(manifest.main)}, not ./out/main/index.js`,
      );
    }
    if (manifest.type !== 'module')
      problems.push('package.json lacks "type": "module" (out/main/index.js is an ES module)');

    // Main may load only Node built-ins and electron; the sandboxed preload only electron.
    const mainImports = runtimeImports(extractFile(asarPath, 'out/main/index.js').toString('utf8'));
    for (const specifier of mainImports) {
      if (
        specifier !== 'electron' &&
        !specifier.startsWith('node:') &&
        !specifier.startsWith('./')
      ) {
        problems.push(
          `out/main/index.js loads "${specifier}" at run time, which is not in the package`,
        );
      }
    }
    const preloadImports = runtimeImports(
      extractFile(asarPath, 'out/preload/index.cjs').toString('utf8'),
    );
    for (const specifier of preloadImports) {
      if (specifier !== 'electron')
        problems.push(
          `out/preload/index.cjs requires "${specifier}"; a sandboxed preload may require only electron`,
        );
    }
  }
  return { entries, missing, forbidden, problems };
}

// ---------------------------------------------------------------------------------------
// Running it.

function run(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolvePromise();
      else
        reject(new Error(`${[command, ...args].join(' ')} exited with ${signal ?? String(code)}`));
    });
  });
}

interface Target {
  readonly builderArgs: readonly string[];
  readonly unpackedDir: string;
  readonly binary: string;
}

function currentTarget(): Target {
  const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
  const suffix = arch === 'x64' ? '' : `-${arch}`;
  switch (process.platform) {
    case 'linux':
      return {
        builderArgs: ['--linux', `--${arch}`],
        unpackedDir: join(ROOT, 'release', `linux${suffix}-unpacked`),
        binary: 'village-credit',
      };
    case 'win32':
      return {
        builderArgs: ['--win', `--${arch}`],
        unpackedDir: join(ROOT, 'release', `win${suffix}-unpacked`),
        binary: 'village-credit.exe',
      };
    case 'darwin':
      return {
        builderArgs: ['--mac', `--${arch}`],
        unpackedDir: join(
          ROOT,
          'release',
          arch === 'x64' ? 'mac' : `mac-${arch}`,
          '乡村信用积分.app',
          'Contents',
        ),
        binary: join('Frameworks', 'Electron Framework.framework', 'Electron Framework'),
      };
    default:
      throw new Error(`unsupported platform ${process.platform}`);
  }
}

function asarPathOf(target: Target): string {
  return process.platform === 'darwin'
    ? join(target.unpackedDir, 'Resources', 'app.asar')
    : join(target.unpackedDir, 'resources', 'app.asar');
}

async function main(): Promise<number> {
  const args = new Set(process.argv.slice(2));
  const realElectron = existsSync(join(ROOT, 'node_modules', 'electron', 'path.txt'));
  const useStub = args.has('--stub-electron') || (process.env['CI'] ?? '') !== '' || !realElectron;
  const target = currentTarget();
  const started = Date.now();

  if (!args.has('--skip-build')) {
    console.log('package-dir: building main, preload and renderer (electron-vite build)…');
    await run(process.execPath, [
      join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
      'build',
    ]);
  }

  let stubDir: string | undefined;
  if (useStub) {
    if (process.platform !== 'linux') {
      console.error(
        'package-dir: the stub Electron exists for Linux only; install Electron to package on this platform.',
      );
      return 1;
    }
    stubDir = await createStubElectron();
    console.log(
      `package-dir: using a stub Electron (${realElectron ? 'requested' : 'no Electron binary installed'})`,
    );
  }

  await rm(target.unpackedDir, { recursive: true, force: true });
  try {
    console.log('package-dir: electron-builder --dir…');
    await run(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
        '--dir',
        ...target.builderArgs,
        '--publish',
        'never',
        ...(stubDir === undefined ? [] : [`-c.electronDist=${stubDir}`]),
      ],
      // No code-signing identity lookups (macOS) and no update checks.
      { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
    );
  } finally {
    if (stubDir !== undefined) await rm(stubDir, { recursive: true, force: true });
  }

  const asarPath = asarPathOf(target);
  if (!existsSync(asarPath)) {
    console.error(`package-dir: FAILED — no app.asar at ${asarPath}`);
    return 1;
  }
  const report = checkAsar(asarPath);
  const problems = [...report.problems];
  if (report.missing.length > 0) problems.push(`app.asar lacks ${report.missing.join(', ')}`);
  if (report.forbidden.length > 0) {
    problems.push(
      `app.asar holds what the app must not ship: ${report.forbidden.slice(0, 10).join(', ')}${report.forbidden.length > 10 ? ` … (${report.forbidden.length})` : ''}`,
    );
  }

  const fuses = readFuses(new Uint8Array(await readFile(join(target.unpackedDir, target.binary))));
  for (const [name, expected] of Object.entries(EXPECTED_FUSES)) {
    if (fuses[name as FuseName] !== expected)
      problems.push(
        `fuse ${name} is ${String(fuses[name as FuseName])}, expected ${String(expected)}`,
      );
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`package-dir: ${asarPath}`);
  console.log(
    `package-dir: ${report.entries.length} entries in app.asar; found ${REQUIRED_ENTRIES.filter((e) => report.entries.includes(e)).join(', ')}`,
  );
  console.log(
    `package-dir: fuses ${Object.entries(fuses)
      .map(([name, on]) => `${name}=${on ? 'on' : 'off'}`)
      .join(' ')}`,
  );
  if (problems.length > 0) {
    for (const problem of problems) console.error(`package-dir: FAILED — ${problem}`);
    return 1;
  }
  console.log(
    `package-dir: OK in ${seconds} s${useStub ? ' (stub Electron: the package proves config and contents; it cannot start)' : ''}`,
  );
  return 0;
}

if (import.meta.main) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(
        `package-dir: FAILED — ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exitCode = 1;
    },
  );
}
