/**
 * The three account calls of the town server (shared/sync/protocol.ts), with every answer
 * sorted into what the app does next:
 *
 * - 'ok': the body, checked against the contract's shape.
 * - 'refused': the server answered with a coded 4xx (wrong password, rate limit, lockout,
 *   revoked device…). Signing in offline must NOT be tried instead: the server has spoken.
 * - 'unavailable': no usable answer — the network failed, the request timed out, or the
 *   server (or a proxy in front of it) answered 5xx or something that is not a town
 *   server's answer. Signing in offline is the right fallback.
 *
 * Errors carry the parameters the catalogue's messages need (`retryAfter` from the
 * Retry-After header, the username, the device id, the server URL): the server's JSON
 * error body has only a code and a Chinese message.
 */
import { field, isTime } from '../../../shared/json.ts';
import { isRole, type Principal } from '../../../shared/auth/roles.ts';
import { isErrorCode, type AppError, type ErrorParams } from '../../../shared/errors.ts';
import { fromBase64url, KEY_ID_PATTERN } from '../../../shared/residents/id-protection.ts';
import {
  PATHS,
  type IdKeys,
  type LoginRequest,
  type LoginResponse,
  type TokenPair,
} from '../../../shared/sync/protocol.ts';

/** `fetch`, passed in so tests can stand in for the network. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export type ApiOutcome<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'refused'; readonly error: AppError }
  | { readonly kind: 'unavailable'; readonly error: AppError };

/** How long a sign-in waits for the server before signing in offline. */
export const REQUEST_TIMEOUT_MS = 15_000;

interface CallContext {
  readonly fetch: Fetch;
  readonly serverUrl: string;
  /** Parameters the error messages may need (username, deviceId). */
  readonly known?: ErrorParams;
}

export function postLogin(
  context: CallContext,
  body: LoginRequest,
): Promise<ApiOutcome<LoginResponse>> {
  return call(
    context,
    PATHS.login,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    },
    parseLoginResponse,
  );
}

export function postRefresh(
  context: CallContext,
  refreshToken: string,
): Promise<ApiOutcome<TokenPair>> {
  return call(
    context,
    PATHS.refresh,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    },
    parseTokenPair,
  );
}

export function postLogout(context: CallContext, accessToken: string): Promise<ApiOutcome<null>> {
  return call(
    context,
    PATHS.logout,
    { method: 'POST', headers: { authorization: `Bearer ${accessToken}` } },
    () => null,
  );
}

async function call<T>(
  context: CallContext,
  path: string,
  init: RequestInit,
  parse: (body: unknown) => T | undefined,
): Promise<ApiOutcome<T>> {
  const url = context.serverUrl;
  let response: Response;
  try {
    response = await context.fetch(`${url}${path}`, {
      ...init,
      // No cookies exist for this origin, and none must be sent: the tokens are the session.
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    // TypeError (refused, DNS, CSP, CORS) or the timeout's abort: the server is not reached.
    console.warn(`town server ${url} not reached`, error);
    return { kind: 'unavailable', error: { code: 'sync.server-unreachable', params: { url } } };
  }
  const body: unknown = await readJson(response);
  if (response.ok) {
    const value = parse(body);
    if (value !== undefined) return { kind: 'ok', value };
    console.error(`town server ${url}${path}: answer does not match the contract`);
    return serverError(response.status);
  }
  const code = errorCodeOf(body);
  if (code === undefined || response.status >= 500) {
    // Not a town server's refusal (a proxy's 502, an HTML page) or the server's own failure.
    return serverError(response.status);
  }
  const retryAfter = response.headers.get('retry-after');
  const params: ErrorParams = {
    url,
    ...context.known,
    ...(retryAfter === null ? {} : { retryAfter }),
  };
  return { kind: 'refused', error: { code, params } };
}

function serverError(status: number): ApiOutcome<never> {
  return { kind: 'unavailable', error: { code: 'sync.server-error', params: { status } } };
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function errorCodeOf(body: unknown) {
  const error = field(body, 'error');
  const code = field(error, 'code');
  return isErrorCode(code) ? code : undefined;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

export function parseTokenPair(body: unknown): TokenPair | undefined {
  const accessToken = field(body, 'accessToken');
  const accessExpiresAt = field(body, 'accessExpiresAt');
  const refreshToken = field(body, 'refreshToken');
  const refreshExpiresAt = field(body, 'refreshExpiresAt');
  if (
    !isString(accessToken) ||
    accessToken === '' ||
    !isTime(accessExpiresAt) ||
    !isString(refreshToken) ||
    refreshToken === '' ||
    !isTime(refreshExpiresAt)
  ) {
    return undefined;
  }
  return { accessToken, accessExpiresAt, refreshToken, refreshExpiresAt };
}

export function parsePrincipal(value: unknown): Principal | undefined {
  const userId = field(value, 'userId');
  const username = field(value, 'username');
  const displayName = field(value, 'displayName');
  const role = field(value, 'role');
  const villageCode = field(value, 'villageCode');
  const townshipCode = field(value, 'townshipCode');
  if (
    !isString(userId) ||
    !isString(username) ||
    !isString(displayName) ||
    !isRole(role) ||
    !(villageCode === null || (isString(villageCode) && /^\d{12}$/.test(villageCode))) ||
    !isString(townshipCode) ||
    !/^\d{9}$/.test(townshipCode)
  ) {
    return undefined;
  }
  return { userId, username, displayName, role, villageCode, townshipCode };
}

/** ID keys as createIdProtector accepts them (a key id, two 32-byte keys), or undefined. */
export function parseIdKeys(value: unknown): IdKeys | null | undefined {
  if (value === null) return null;
  const keyId = field(value, 'keyId');
  const encryptionKey = field(value, 'encryptionKey');
  const hashKey = field(value, 'hashKey');
  if (
    !isString(keyId) ||
    !KEY_ID_PATTERN.test(keyId) ||
    !isString(encryptionKey) ||
    fromBase64url(encryptionKey)?.length !== 32 ||
    !isString(hashKey) ||
    fromBase64url(hashKey)?.length !== 32
  ) {
    return undefined;
  }
  return { keyId, encryptionKey, hashKey };
}

function parseLoginResponse(body: unknown): LoginResponse | undefined {
  const tokens = parseTokenPair(body);
  const user = parsePrincipal(field(body, 'user'));
  const device = field(body, 'device');
  const deviceId = field(device, 'id');
  const deviceName = field(device, 'name');
  const idKeys = parseIdKeys(field(body, 'idKeys'));
  if (
    tokens === undefined ||
    user === undefined ||
    !isString(deviceId) ||
    deviceId === '' ||
    !isString(deviceName) ||
    idKeys === undefined
  ) {
    return undefined;
  }
  return { ...tokens, user, device: { id: deviceId, name: deviceName }, idKeys };
}
