/**
 * The Fastify application, without listening: `main.ts` listens, tests use `inject`.
 * Every error leaves in one shape, `{"error":{"code":"<ErrorCode>","message":"<中文>"}}`,
 * with the matching HTTP status; clients never see a stack trace.
 *
 * Layers, in request order: security (http/security.ts: origin, HTTPS, preflight), then
 * authentication (auth/routes.ts: every route under /api/ except sign-in and refresh needs a
 * Bearer token, and gets `request.principal`), then the route's JSON schema.
 *
 * Limits and validation:
 * - Bodies: at most BODY_LIMIT (5 MiB: a full push batch of MAX_PUSH_BATCH documents with
 *   room to spare); sign-in and refresh AUTH_BODY_LIMIT (16 KiB). Larger → 413
 *   http.payload-too-large {limit}, refused from Content-Length before reading.
 * - Every route declares a JSON schema. Bodies are validated strictly: no type coercion
 *   (`{"username": 123}` is refused, not turned into "123") and no silent removal of
 *   unknown properties (`additionalProperties: false` refuses them). Query strings and
 *   path parameters arrive as text, so before validation integers, numbers and booleans
 *   declared in their schemas are converted from their exact text forms ("12", "true").
 *   A violation → 400 http.bad-request {reason}.
 *
 * Other modules add routes to the returned instance (or in a plugin registered on it): the
 * root hooks apply to them, so a route under /api/v1/ is authenticated without further ado.
 */
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyRequest,
} from 'fastify';
import { CodedError, type ErrorCode, type ErrorParams } from '../../../shared/errors.ts';
import { authSettings, type AuthOptions } from '../auth/options.ts';
import { registerAuth } from '../auth/routes.ts';
import { registerSyncRoutes, type SyncRouteDeps } from '../sync/routes.ts';
import type { Db } from '../db/database.ts';
import { describeError } from '../messages.ts';
import { DEFAULT_SECURITY, registerSecurity, type SecurityOptions } from './security.ts';

/** Largest request body, in bytes (see the header comment). */
export const BODY_LIMIT = 5 * 1024 * 1024;

export interface AppOptions {
  readonly db: Db;
  readonly logger: FastifyBaseLogger;
  /** Defaults: development mode, only the app's origin, no trusted proxy. */
  readonly security?: Partial<SecurityOptions>;
  /** Clock and password cost; production passes none. */
  readonly auth?: AuthOptions;
  /** The sync endpoints (server/src/sync/routes.ts) and the change feed that wakes streams. */
  readonly sync?: Omit<SyncRouteDeps, 'db'>;
}

export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string };
}

export function buildApp({ db, logger, security = {}, auth, sync }: AppOptions): FastifyInstance {
  const securityOptions: SecurityOptions = { ...DEFAULT_SECURITY, ...security };
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: BODY_LIMIT,
    // Live sync streams hold connections open; closing the server ends them at once.
    forceCloseConnections: true,
    trustProxy:
      typeof securityOptions.trustProxy === 'boolean'
        ? securityOptions.trustProxy
        : [...securityOptions.trustProxy],
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  });

  registerSecurity(app, securityOptions);
  app.addHook('preValidation', (request, _reply, done) => {
    coerceTextParts(request);
    done();
  });
  registerAuth(app, { db, settings: authSettings(auth) });
  if (sync !== undefined) registerSyncRoutes(app, { db, ...sync });

  app.get('/healthz', { schema: HEALTH_SCHEMA }, async (_request, reply) => {
    try {
      await db.query('SELECT 1');
    } catch (error) {
      app.log.error({ err: error }, 'health check: database unreachable');
      return reply
        .code(503)
        .send(errorBody('store.unavailable', { target: '', reason: 'database unreachable' }));
    }
    return { status: 'ok' };
  });

  app.setNotFoundHandler((request, reply) => {
    return reply
      .code(404)
      .send(errorBody('http.not-found', { method: request.method, url: request.url }));
  });

  app.setErrorHandler((error: FastifyError | CodedError, request, reply) => {
    if (error instanceof CodedError) {
      const status = statusOf(error.code);
      if (status >= 500) request.log.error({ err: error }, 'request failed');
      const retryAfter = error.params['retryAfter'];
      if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
      return reply.code(status).send(errorBody(error.code, error.params));
    }
    // Fastify's own client errors (malformed JSON, wrong content type, body too large,
    // schema validation) carry a 4xx status.
    const status = error.statusCode;
    if (status === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = request.routeOptions.bodyLimit;
      return reply.code(413).send(errorBody('http.payload-too-large', { limit }));
    }
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.code(status).send(errorBody('http.bad-request', { reason: error.message }));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorBody('http.internal'));
  });

  return app;
}

export function errorBody(code: ErrorCode, params: ErrorParams = {}): ErrorBody {
  return { error: { code, message: describeError(code, params).zh } };
}

/** The HTTP status that answers an error code. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    // The app signs in again on these.
    case 'auth.credentials-invalid':
    case 'auth.token-missing':
    case 'auth.token-invalid':
    case 'auth.token-expired':
    case 'auth.session-revoked':
    case 'auth.refresh-invalid':
      return 401;
    // Signing in again does not help: the account, device or role does not allow it.
    case 'auth.user-disabled':
    case 'auth.forbidden':
    case 'auth.device-revoked':
    case 'auth.device-other-village':
    case 'http.https-required':
    case 'http.origin-forbidden':
      return 403;
    case 'auth.locked':
      return 423;
    case 'auth.rate-limited':
      return 429;
    case 'http.payload-too-large':
    case 'sync.batch-too-large':
      return 413;
    case 'sync.client-outdated':
      return 426;

    case 'http.not-found':
    case 'store.collection-unknown':
    case 'store.document-not-found':
    case 'place.township-unknown':
    case 'place.village-unknown':
    case 'auth.user-unknown':
    case 'auth.device-unknown':
      return 404;
    case 'place.township-exists':
    case 'place.village-exists':
    case 'auth.username-exists':
    case 'sync.server-outdated':
      return 409;
    case 'store.data-dir-locked':
    case 'store.unavailable':
      return 503;
    case 'http.internal':
    case 'store.migration-failed':
    case 'store.newer-than-server':
      return 500;
    default:
      return code.startsWith('port.') || code.startsWith('localdb.') ? 500 : 400;
  }
}

const HEALTH_SCHEMA = {
  response: {
    200: {
      type: 'object',
      additionalProperties: false,
      required: ['status'],
      properties: { status: { type: 'string', enum: ['ok'] } },
    },
    503: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: { code: { type: 'string' }, message: { type: 'string' } },
        },
      },
    },
  },
} as const;

/**
 * Query strings and path parameters are text; the schema may declare integers, numbers and
 * booleans. Their exact text forms are converted before validation (anything else stays
 * text and fails validation with a reason). Bodies are JSON and never converted.
 */
function coerceTextParts(request: FastifyRequest): void {
  const schema = request.routeOptions.schema;
  if (schema === undefined) return;
  const query: unknown = request.query;
  if (schema.querystring !== undefined && isRecord(query))
    request.query = coerceRecord(query, schema.querystring);
  const params: unknown = request.params;
  if (schema.params !== undefined && isRecord(params))
    request.params = coerceRecord(params, schema.params);
}

function coerceRecord(
  values: Readonly<Record<string, unknown>>,
  schema: unknown,
): Record<string, unknown> {
  const properties = isRecord(schema) ? schema['properties'] : undefined;
  if (!isRecord(properties)) return { ...values };
  const result: Record<string, unknown> = { ...values };
  for (const [name, value] of Object.entries(values)) {
    const property = properties[name];
    const type = isRecord(property) ? property['type'] : undefined;
    if (typeof value !== 'string' || typeof type !== 'string') continue;
    if (type === 'integer' && /^-?(0|[1-9][0-9]{0,15})$/.test(value)) result[name] = Number(value);
    else if (type === 'number' && /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(value))
      result[name] = Number(value);
    else if (type === 'boolean' && (value === 'true' || value === 'false'))
      result[name] = value === 'true';
  }
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
