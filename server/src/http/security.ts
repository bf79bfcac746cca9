/**
 * HTTP hardening, with plain Fastify hooks (no plugins):
 *
 * - CORS: only the configured origins — the desktop app's page (`app://village-credit`)
 *   and whatever TOWN_ALLOWED_ORIGINS adds (the web shell, e.g. http://127.0.0.1:5173);
 *   in development mode also `npm run web`'s default address (DEV_ORIGINS), so the two
 *   commands work together on one machine without configuration. A
 *   request with any other Origin header is refused with 403 http.origin-forbidden; requests
 *   without one (the CLI, curl, a reverse proxy's health check) are not browser requests and
 *   pass. Preflights (OPTIONS with Access-Control-Request-Method) are answered here with 204.
 *   No wildcard and no credentials: the app sends a Bearer token, never cookies.
 * - HTTPS: in production mode every request except /healthz must arrive over HTTPS
 *   (`request.protocol`, which honours X-Forwarded-Proto only from a trusted proxy, see
 *   TOWN_TRUST_PROXY), else 403 http.https-required — unless TOWN_ALLOW_HTTP=1.
 * - Headers on every answer: nosniff, no referrer, no framing (X-Frame-Options and CSP
 *   frame-ancestors), a CSP that lets an answer load nothing, Cache-Control: no-store
 *   (tokens and personal data must not sit in caches; nothing here is worth caching), HSTS
 *   over HTTPS.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CodedError } from '../../../shared/errors.ts';
import { SCHEMA_VERSION_HEADER } from '../../../shared/sync/protocol.ts';

/** The desktop app's page origin (main/ serves the renderer from app://village-credit). */
export const APP_ORIGIN = 'app://village-credit';

/** Where `npm run web` serves the app by default; allowed in development mode only. */
export const DEV_ORIGINS: readonly string[] = ['http://127.0.0.1:5173', 'http://localhost:5173'];

export interface SecurityOptions {
  /** Production mode: plain HTTP refused (except /healthz) unless `allowHttp`. */
  readonly production: boolean;
  readonly allowHttp: boolean;
  /** Exact origins (scheme://host[:port]) allowed besides APP_ORIGIN. */
  readonly allowedOrigins: readonly string[];
  /**
   * Whose X-Forwarded-For / X-Forwarded-Proto to believe (Fastify's trustProxy): nobody
   * (false, the default), every peer (true), or these addresses/CIDRs (the reverse proxy).
   */
  readonly trustProxy: boolean | readonly string[];
}

export const DEFAULT_SECURITY: SecurityOptions = {
  production: false,
  allowHttp: false,
  allowedOrigins: [],
  trustProxy: false,
};

const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const ALLOWED_HEADERS = `authorization, content-type, ${SCHEMA_VERSION_HEADER}`;
const PREFLIGHT_MAX_AGE_S = 600;
const HSTS = 'max-age=31536000';

export function registerSecurity(app: FastifyInstance, options: SecurityOptions): void {
  const allowed = new Set([
    APP_ORIGIN,
    ...options.allowedOrigins,
    ...(options.production ? [] : DEV_ORIGINS),
  ]);

  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin !== undefined && !allowed.has(origin))
      throw new CodedError('http.origin-forbidden', { origin: origin.slice(0, 200) });

    if (
      options.production &&
      !options.allowHttp &&
      request.protocol !== 'https' &&
      request.routeOptions.url !== '/healthz'
    ) {
      throw new CodedError('http.https-required');
    }

    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      return reply
        .code(204)
        .header('access-control-allow-methods', ALLOWED_METHODS)
        .header('access-control-allow-headers', ALLOWED_HEADERS)
        .header('access-control-max-age', String(PREFLIGHT_MAX_AGE_S))
        .send();
    }
    return undefined;
  });

  // onSend runs for every answer — routes, errors, 404s, preflights — so they all get these.
  app.addHook('onSend', async (request, reply, payload) => {
    setHeaders(request, reply, allowed);
    return payload;
  });
}

function setHeaders(
  request: FastifyRequest,
  reply: FastifyReply,
  allowed: ReadonlySet<string>,
): void {
  const origin = request.headers.origin;
  if (origin !== undefined && allowed.has(origin)) {
    reply.header('access-control-allow-origin', origin);
    reply.header('access-control-expose-headers', 'retry-after');
  }
  reply.header('vary', 'Origin');
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cache-control', 'no-store');
  if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
}

/**
 * Parses TOWN_ALLOWED_ORIGINS: comma-separated exact origins. Returns the bad entry when
 * one is not an origin (a path, a wildcard, a missing scheme).
 */
export function parseAllowedOrigins(
  text: string,
):
  { readonly ok: true; readonly origins: string[] } | { readonly ok: false; readonly bad: string } {
  const origins: string[] = [];
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    let origin: string;
    try {
      const url = new URL(entry);
      origin = url.origin;
      if (!/^https?:$/.test(url.protocol) || origin !== entry.replace(/\/$/, ''))
        return { ok: false, bad: entry };
    } catch {
      return { ok: false, bad: entry };
    }
    origins.push(origin);
  }
  return { ok: true, origins };
}
