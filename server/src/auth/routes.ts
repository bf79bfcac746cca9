/**
 * The account endpoints and the authentication hook.
 *
 *   POST /api/v1/auth/login    LoginRequest → LoginResponse
 *   POST /api/v1/auth/refresh  RefreshRequest → TokenPair
 *   POST /api/v1/auth/logout   (Bearer) → 204, the session revoked
 *
 * Every other route under /api/ needs `Authorization: Bearer <access token>`; the hook
 * puts the principal on the request (principal.ts). Whether a route is protected is decided
 * from the route Fastify matched (not the raw URL, which may be percent-encoded); a request
 * that matches no route under /api/ needs a token too, so unauthenticated callers learn
 * nothing about which routes exist.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PATHS, type LoginRequest, type RefreshRequest } from '../../../shared/sync/protocol.ts';
import type { Db } from '../db/database.ts';
import { login } from './login.ts';
import { MAX_PASSWORD_LENGTH } from './passwords.ts';
import type { AuthSettings } from './options.ts';
import { principalOf } from './principal.ts';
import { authenticate, refreshSession, revokeSessionsOf } from './sessions.ts';
import { loadSigningKey } from './tokens.ts';
import { DEVICE_NAME_MAX } from './devices.ts';

/** Sign-in and refresh bodies are small; refuse big ones before parsing (413). */
export const AUTH_BODY_LIMIT = 16 * 1024;

const PUBLIC_ROUTES: ReadonlySet<string> = new Set([PATHS.login, PATHS.refresh]);

const ID = { type: 'string', pattern: '^[0-9A-Za-z]{26}$' } as const;

const tokenPairProperties = {
  accessToken: { type: 'string' },
  accessExpiresAt: { type: 'integer' },
  refreshToken: { type: 'string' },
  refreshExpiresAt: { type: 'integer' },
} as const;

const loginSchema = {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['username', 'password'],
    properties: {
      username: { type: 'string', minLength: 1, maxLength: 64 },
      password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH },
      deviceId: ID,
      deviceName: { type: 'string', minLength: 1, maxLength: DEVICE_NAME_MAX },
    },
  },
  response: {
    200: {
      type: 'object',
      additionalProperties: false,
      required: [...Object.keys(tokenPairProperties), 'user', 'device', 'idKeys'],
      properties: {
        ...tokenPairProperties,
        user: {
          type: 'object',
          additionalProperties: false,
          required: ['userId', 'username', 'displayName', 'role', 'villageCode', 'townshipCode'],
          properties: {
            userId: { type: 'string' },
            username: { type: 'string' },
            displayName: { type: 'string' },
            role: { type: 'string' },
            villageCode: { type: ['string', 'null'] },
            townshipCode: { type: 'string' },
          },
        },
        device: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'name'],
          properties: { id: { type: 'string' }, name: { type: 'string' } },
        },
        idKeys: {
          type: ['object', 'null'],
          additionalProperties: false,
          required: ['keyId', 'encryptionKey', 'hashKey'],
          properties: {
            keyId: { type: 'string' },
            encryptionKey: { type: 'string' },
            hashKey: { type: 'string' },
          },
        },
      },
    },
  },
} as const;

const refreshSchema = {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['refreshToken'],
    properties: { refreshToken: { type: 'string', minLength: 1, maxLength: 256 } },
  },
  response: {
    200: {
      type: 'object',
      additionalProperties: false,
      required: Object.keys(tokenPairProperties),
      properties: tokenPairProperties,
    },
  },
} as const;

// Logout takes no body (Fastify would refuse a missing body against a body schema); one sent
// anyway is limited to AUTH_BODY_LIMIT and ignored.
const logoutSchema = {
  response: { 204: { type: 'null' } },
} as const;

export interface AuthRoutesOptions {
  readonly db: Db;
  readonly settings: AuthSettings;
}

/** Registers the hook, the decoration and the three endpoints on the root instance. */
export function registerAuth(app: FastifyInstance, { db, settings }: AuthRoutesOptions): void {
  const signingKey = cachedSigningKey(db);

  app.decorateRequest('principal', null);
  app.decorate('reauthenticate', async (request: FastifyRequest) =>
    authenticate(db, await signingKey(), request.headers.authorization, settings.now()),
  );

  app.addHook('onRequest', async (request) => {
    if (request.method === 'OPTIONS' || !needsToken(request)) return;
    request.principal = await authenticate(
      db,
      await signingKey(),
      request.headers.authorization,
      settings.now(),
    );
  });

  app.post<{ Body: LoginRequest }>(
    PATHS.login,
    { schema: loginSchema, bodyLimit: AUTH_BODY_LIMIT },
    async (request) => login(request.body, { db, settings, signingKey, ip: request.ip }),
  );

  app.post<{ Body: RefreshRequest }>(
    PATHS.refresh,
    { schema: refreshSchema, bodyLimit: AUTH_BODY_LIMIT },
    async (request) =>
      refreshSession(db, await signingKey(), request.body.refreshToken, settings.now()),
  );

  app.post(
    PATHS.logout,
    { schema: logoutSchema, bodyLimit: AUTH_BODY_LIMIT },
    async (request, reply) => {
      const { sessionId } = principalOf(request);
      await revokeSessionsOf(db, { sessionId }, 'logout', settings.now());
      return reply.code(204).send();
    },
  );
}

function needsToken(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  if (route !== undefined) return route.startsWith('/api/') && !PUBLIC_ROUTES.has(route);
  // No route matched: decide from the decoded path, the way the router would have.
  let path = request.url.split('?')[0] ?? '';
  try {
    path = decodeURIComponent(path);
  } catch {
    // An undecodable path matches no route either way.
  }
  return path.startsWith('/api/') || path === '/api';
}

/** The signing key, read once; a failed read is retried on the next request. */
function cachedSigningKey(db: Db): () => Promise<Uint8Array> {
  let key: Promise<Uint8Array> | undefined;
  return () => {
    if (key === undefined) {
      key = loadSigningKey(db);
      key.catch(() => {
        key = undefined;
      });
    }
    return key;
  };
}
