/**
 * The platform port: the one narrow object the renderer uses to reach the platform.
 * In Electron the preload builds it from this contract (one IPC channel per method) and
 * main validates every argument with the validators below; in a browser the web
 * implementation provides the same methods.
 *
 * Every method resolves to a Result: a port call never throws across the boundary.
 */
import { fail, ok, type Result } from '../errors.ts';

export type ShellKind = 'electron' | 'web';

export interface AppInfo {
  readonly productName: string;
  readonly version: string;
  readonly shell: ShellKind;
  /** process.platform in Electron, 'web' in a browser. */
  readonly platform: string;
  /** The town server this installation syncs with (the only host the CSP lets it reach). */
  readonly townServerUrl: string;
}

export interface FileFilter {
  /** A short label such as 'Excel'; shown by the native dialog. */
  readonly name: string;
  /** Extensions without the dot, e.g. ['xlsx']. */
  readonly extensions: readonly string[];
}

export interface SaveFileRequest {
  readonly suggestedName: string;
  readonly filters: readonly FileFilter[];
  readonly data: Uint8Array;
}

/** A cancelled dialog is not an error. */
export type SaveFileOutcome =
  { readonly saved: true; readonly path: string } | { readonly saved: false };

export interface OpenFileRequest {
  readonly filters: readonly FileFilter[];
}

export type OpenFileOutcome =
  | { readonly opened: true; readonly name: string; readonly data: Uint8Array }
  | { readonly opened: false };

export interface PrintToPdfRequest {
  /** A complete HTML document (inline CSS, no external resources). */
  readonly html: string;
  readonly landscape: boolean;
}

export interface SecretKeyRequest {
  readonly key: string;
}

export interface SecretWriteRequest {
  readonly key: string;
  readonly value: string;
}

/** The methods of the port, their argument and result types. */
export interface PlatformPortMethods {
  appInfo(arg: undefined): AppInfo;
  saveFile(arg: SaveFileRequest): SaveFileOutcome;
  openFile(arg: OpenFileRequest): OpenFileOutcome;
  printToPdf(arg: PrintToPdfRequest): Uint8Array;
  readSecret(arg: SecretKeyRequest): string | null;
  writeSecret(arg: SecretWriteRequest): null;
  deleteSecret(arg: SecretKeyRequest): null;
}

export type PortMethod = keyof PlatformPortMethods;

export type PortArg<M extends PortMethod> = Parameters<PlatformPortMethods[M]>[0];
export type PortValue<M extends PortMethod> = ReturnType<PlatformPortMethods[M]>;

/** What the renderer sees: every method async, every result a Result. */
export type PlatformPort = {
  readonly [M in PortMethod]: PortArg<M> extends undefined
    ? () => Promise<Result<PortValue<M>>>
    : (arg: PortArg<M>) => Promise<Result<PortValue<M>>>;
};

/** The name under which the preload exposes the port on `window`. */
export const PORT_GLOBAL = 'villageCredit';

export const PORT_METHODS = [
  'appInfo',
  'saveFile',
  'openFile',
  'printToPdf',
  'readSecret',
  'writeSecret',
  'deleteSecret',
] as const satisfies readonly PortMethod[];

export function portChannel(method: PortMethod): string {
  return `village-credit:${method}`;
}

// ---------------------------------------------------------------------------------------
// Argument validation (run in main for every IPC call; the renderer is not trusted).

export const LIMITS = {
  /** Files saved or opened through the port (Excel imports, PDFs, backups). */
  maxFileBytes: 64 * 1024 * 1024,
  maxHtmlChars: 8 * 1024 * 1024,
  maxSecretChars: 16 * 1024,
  maxNameChars: 200,
} as const;

const SECRET_KEY = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const EXTENSION = /^[a-z0-9]{1,10}$/i;
// Windows forbids these in file names; a suggested name is a name, never a path.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const BAD_FILE_NAME = /[\\/:*?"<>|\u0000-\u001f]/;

type Validator<M extends PortMethod> = (arg: unknown) => Result<PortArg<M>>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid<T>(field: string): Result<T> {
  return fail('port.invalid-argument', { field });
}

function validateFilters(value: unknown): Result<readonly FileFilter[]> {
  if (!Array.isArray(value) || value.length > 10) return invalid('filters');
  const filters: FileFilter[] = [];
  for (const item of value) {
    if (!isRecord(item)) return invalid('filters');
    const { name, extensions } = item;
    if (typeof name !== 'string' || name.length === 0 || name.length > 50)
      return invalid('filters.name');
    if (!Array.isArray(extensions) || extensions.length === 0 || extensions.length > 10) {
      return invalid('filters.extensions');
    }
    if (!extensions.every((e): e is string => typeof e === 'string' && EXTENSION.test(e))) {
      return invalid('filters.extensions');
    }
    filters.push({ name, extensions: [...extensions] });
  }
  return ok(filters);
}

function validateSecretKey(value: unknown): Result<string> {
  return typeof value === 'string' && SECRET_KEY.test(value) ? ok(value) : invalid('key');
}

export const PORT_VALIDATORS: { readonly [M in PortMethod]: Validator<M> } = {
  appInfo: (arg) => (arg === undefined || arg === null ? ok(undefined) : invalid('arg')),
  saveFile: (arg) => {
    if (!isRecord(arg)) return invalid('arg');
    const { suggestedName, filters, data } = arg;
    if (
      typeof suggestedName !== 'string' ||
      suggestedName.trim().length === 0 ||
      suggestedName.length > LIMITS.maxNameChars ||
      BAD_FILE_NAME.test(suggestedName) ||
      suggestedName.startsWith('.')
    ) {
      return invalid('suggestedName');
    }
    const checkedFilters = validateFilters(filters);
    if (!checkedFilters.ok) return checkedFilters;
    if (!(data instanceof Uint8Array)) return invalid('data');
    if (data.byteLength > LIMITS.maxFileBytes)
      return fail('port.file-too-large', { max: LIMITS.maxFileBytes });
    return ok({ suggestedName, filters: checkedFilters.value, data });
  },
  openFile: (arg) => {
    if (!isRecord(arg)) return invalid('arg');
    const checkedFilters = validateFilters(arg['filters']);
    if (!checkedFilters.ok) return checkedFilters;
    return ok({ filters: checkedFilters.value });
  },
  printToPdf: (arg) => {
    if (!isRecord(arg)) return invalid('arg');
    const { html, landscape } = arg;
    if (typeof html !== 'string' || html.length === 0 || html.length > LIMITS.maxHtmlChars)
      return invalid('html');
    if (typeof landscape !== 'boolean') return invalid('landscape');
    return ok({ html, landscape });
  },
  readSecret: (arg) => {
    if (!isRecord(arg)) return invalid('arg');
    const key = validateSecretKey(arg['key']);
    return key.ok ? ok({ key: key.value }) : key;
  },
  writeSecret: (arg) => {
    if (!isRecord(arg)) return invalid('arg');
    const key = validateSecretKey(arg['key']);
    if (!key.ok) return key;
    const value = arg['value'];
    if (typeof value !== 'string' || value.length > LIMITS.maxSecretChars) return invalid('value');
    return ok({ key: key.value, value });
  },
  deleteSecret: (arg) => {
    if (!isRecord(arg)) return invalid('arg');
    const key = validateSecretKey(arg['key']);
    return key.ok ? ok({ key: key.value }) : key;
  },
};
