/**
 * Test support: the town server's three account endpoints, as a `fetch` the sign-in code
 * is given, for unit tests of the client's state logic. It follows the contract
 * (shared/sync/protocol.ts) and the real server's rules that the client depends on:
 * refresh tokens work once (a replaced one ends the session), devices register at the first
 * sign-in and may be revoked, errors are `{ error: { code, message } }` with the real
 * statuses. The real server is exercised end to end in renderer/e2e/auth.spec.ts.
 */
import type { Principal } from '../../../../shared/auth/roles.ts';
import type { ErrorCode } from '../../../../shared/errors.ts';
import { base64url } from '../../../../shared/residents/id-protection.ts';
import { PATHS, type IdKeys, type LoginResponse } from '../../../../shared/sync/protocol.ts';
import type { Fetch } from '../auth-api.ts';

export const ACCESS_TTL_MS = 15 * 60_000;
export const REFRESH_TTL_MS = 30 * 24 * 3_600_000;

interface FakeUser {
  password: string;
  readonly principal: Principal;
}

interface FakeSession {
  readonly id: number;
  readonly username: string;
  readonly deviceId: string;
  refreshToken: string;
  accessToken: string;
  accessExpiresAt: number;
  revoked: boolean;
}

export interface FakeTown {
  readonly fetch: Fetch;
  /** False: every request fails like a refused connection. */
  online: boolean;
  /** Requests received, by path. */
  readonly calls: string[];
  readonly devices: Map<string, { villageCode: string | null; revoked: boolean; name: string }>;
  readonly idKeys: IdKeys;
  addUser(principal: Principal, password: string): void;
  changePassword(username: string, password: string): void;
  revokeDevice(deviceId: string): void;
  /** The refresh tokens replaced by a refresh; presenting one ends its session. */
  sessionsRevoked(): number;
}

const random32 = (): string => base64url(globalThis.crypto.getRandomValues(new Uint8Array(32)));

export function fakeTown(now: () => number): FakeTown {
  const users = new Map<string, FakeUser>();
  const sessions: FakeSession[] = [];
  const replaced = new Map<string, FakeSession>();
  const devices: FakeTown['devices'] = new Map();
  const calls: string[] = [];
  const idKeys: IdKeys = { keyId: 'k1', encryptionKey: random32(), hashKey: random32() };
  let counter = 0;

  const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
    new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
  const refuse = (status: number, code: ErrorCode, headers?: Record<string, string>) =>
    json(status, { error: { code, message: code } }, headers);

  const issue = (session: FakeSession) => {
    counter += 1;
    session.accessToken = `access-${String(counter)}`;
    session.refreshToken = `refresh-${String(counter)}-${random32()}`;
    session.accessExpiresAt = now() + ACCESS_TTL_MS;
    return {
      accessToken: session.accessToken,
      accessExpiresAt: session.accessExpiresAt,
      refreshToken: session.refreshToken,
      refreshExpiresAt: now() + REFRESH_TTL_MS,
    };
  };

  const town: FakeTown = {
    online: true,
    calls,
    devices,
    idKeys,
    fetch: async (url, init) => {
      await Promise.resolve();
      if (!town.online) throw new TypeError('Failed to fetch');
      const path = new URL(url).pathname;
      calls.push(path);
      const body = (typeof init.body === 'string' ? JSON.parse(init.body) : {}) as Record<
        string,
        unknown
      >;
      if (path === PATHS.login) {
        const user = users.get(String(body['username']));
        if (user === undefined || user.password !== body['password']) {
          return refuse(401, 'auth.credentials-invalid');
        }
        let deviceId = typeof body['deviceId'] === 'string' ? body['deviceId'] : undefined;
        if (deviceId === undefined) {
          counter += 1;
          deviceId = `DEVICE${String(counter).padStart(20, '0')}`;
          devices.set(deviceId, {
            villageCode: user.principal.villageCode,
            revoked: false,
            name: typeof body['deviceName'] === 'string' ? body['deviceName'] : '未命名设备',
          });
        }
        const device = devices.get(deviceId);
        if (device === undefined) return refuse(404, 'auth.device-unknown');
        if (device.revoked) return refuse(403, 'auth.device-revoked');
        if (device.villageCode !== user.principal.villageCode) {
          return refuse(403, 'auth.device-other-village');
        }
        const session: FakeSession = {
          id: sessions.length,
          username: user.principal.username,
          deviceId,
          refreshToken: '',
          accessToken: '',
          accessExpiresAt: 0,
          revoked: false,
        };
        sessions.push(session);
        const response: LoginResponse = {
          ...issue(session),
          user: user.principal,
          device: { id: deviceId, name: device.name },
          idKeys: user.principal.role === 'bank_liaison' ? null : idKeys,
        };
        return json(200, response);
      }
      if (path === PATHS.refresh) {
        const token = String(body['refreshToken']);
        const reused = replaced.get(token);
        if (reused !== undefined) {
          reused.revoked = true;
          return refuse(401, 'auth.refresh-invalid');
        }
        const session = sessions.find((s) => s.refreshToken === token);
        if (session === undefined) return refuse(401, 'auth.refresh-invalid');
        if (devices.get(session.deviceId)?.revoked === true) {
          return refuse(403, 'auth.device-revoked');
        }
        if (session.revoked) return refuse(401, 'auth.session-revoked');
        replaced.set(token, session);
        return json(200, issue(session));
      }
      if (path === PATHS.logout) {
        const header = new Headers(init.headers).get('authorization') ?? '';
        const session = sessions.find(
          (s) => `Bearer ${s.accessToken}` === header && !s.revoked && s.accessExpiresAt > now(),
        );
        if (session === undefined) return refuse(401, 'auth.token-invalid');
        session.revoked = true;
        return json(204, null);
      }
      return refuse(404, 'http.not-found');
    },
    addUser(principal, password) {
      users.set(principal.username, { principal, password });
    },
    changePassword(username, password) {
      const user = users.get(username);
      if (user === undefined) throw new Error(`no user ${username}`);
      user.password = password;
      for (const session of sessions) if (session.username === username) session.revoked = true;
    },
    revokeDevice(deviceId) {
      const device = devices.get(deviceId);
      if (device === undefined) throw new Error(`no device ${deviceId}`);
      device.revoked = true;
      for (const session of sessions) if (session.deviceId === deviceId) session.revoked = true;
    },
    sessionsRevoked: () => sessions.filter((s) => s.revoked).length,
  };
  return town;
}
