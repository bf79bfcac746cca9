/**
 * The app:// protocol: the production renderer is served from out/renderer through it,
 * never from file://, so the page has a real origin, a CSP header on every response and
 * no way to read files outside its own folder.
 */
import { promises as fsp } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './security.ts';

/** Must run before the app is ready. `standard` gives app:// a real origin, `secure` a secure context. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export function mimeTypeOf(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

const MALFORMED_ESCAPE = /%(?![0-9a-f]{2})/i;
const WINDOWS_DRIVE = /^[a-z]:/i;

/**
 * The file a request URL names inside `root`, or null when the URL tries to leave it.
 * The URL parser already folds `..` and `%2e%2e` segments; this still refuses, after
 * decoding, any segment that is `.`/`..`, holds a slash, a backslash, a NUL or a drive
 * letter, or an empty segment (`//etc/passwd`), and finally checks containment.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  const url = URL.parse(requestUrl);
  if (url === null || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  const rawPath = url.pathname;
  if (!rawPath.startsWith('/') || MALFORMED_ESCAPE.test(rawPath)) return null;

  const rawSegments = rawPath.slice(1).split('/');
  // A trailing slash names a folder: serve its index.html.
  if (rawSegments.at(-1) === '') rawSegments[rawSegments.length - 1] = 'index.html';
  const segments = rawSegments.map((segment) => decodeURIComponent(segment));
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') return null;
    if (/[/\\\0]/.test(segment) || WINDOWS_DRIVE.test(segment)) return null;
  }

  const rootDir = resolve(root);
  const target = resolve(rootDir, ...segments);
  const inside = relative(rootDir, target);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return target;
}

function isInside(root: string, path: string): boolean {
  return path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

export interface AppRequestHandlerOptions {
  /** The built renderer (out/renderer). */
  readonly root: string;
  readonly contentSecurityPolicy: string;
  readonly log: { error(message: string, detail?: unknown): void };
}

/**
 * The handler for protocol.handle('app', …). Unknown routes without a file extension get
 * index.html (client-side routing); a missing file with an extension is a 404.
 */
export function createAppRequestHandler(
  options: AppRequestHandlerOptions,
): (request: Request) => Promise<Response> {
  const securityHeaders = {
    'Content-Security-Policy': options.contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
  const plain = (status: number, text: string): Response =>
    new Response(text, {
      status,
      headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' },
    });

  let realRoot: Promise<string> | undefined;

  async function readInsideRoot(path: string): Promise<Uint8Array | null> {
    realRoot ??= fsp.realpath(options.root);
    let realPath: string;
    try {
      realPath = await fsp.realpath(path);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw error;
    }
    // A symlink inside out/renderer must not lead outside it.
    if (!isInside(await realRoot, realPath)) return null;
    const stats = await fsp.stat(realPath);
    if (!stats.isFile()) return null;
    return new Uint8Array(await fsp.readFile(realPath));
  }

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return plain(405, 'Method Not Allowed');
    const path = resolveAppPath(options.root, request.url);
    if (path === null) return plain(403, 'Forbidden');
    try {
      let servedPath = path;
      let body = await readInsideRoot(path);
      if (body === null && extname(path) === '') {
        servedPath = join(resolve(options.root), 'index.html');
        body = await readInsideRoot(servedPath);
      }
      if (body === null) return plain(404, 'Not Found');
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { ...securityHeaders, 'Content-Type': mimeTypeOf(servedPath) },
      });
    } catch (error) {
      options.log.error(`app:// could not serve ${request.url}`, error);
      return plain(500, 'Internal Server Error');
    }
  };
}
