/**
 * Accounts for server tests: places, staff accounts, an app and signed-in sessions.
 *
 *   const db = await backend.fresh();
 *   await seedPlaces(db);
 *   const app = testApp(db);
 *   const clerk = await signIn(db, app, { username: 'clerk', role: 'village_clerk',
 *                                          villageCode: PLACES.villageA });
 *   await app.inject({ method: 'GET', url: '/api/v1/…', headers: clerk.headers });
 *
 * Passwords are hashed with real scrypt at TEST_PASSWORD_COST (cheap), and `testApp` uses
 * the same cost, so signing in does not re-hash at the production cost.
 */
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Principal, Role } from '../../shared/auth/roles.ts';
import { PATHS, type LoginResponse } from '../../shared/sync/protocol.ts';
import type { AuthOptions } from '../src/auth/options.ts';
import type { PasswordCost } from '../src/auth/passwords.ts';
import { createUser, principalOfUser } from '../src/auth/users.ts';
import type { Db } from '../src/db/database.ts';
import { buildApp, type AppOptions } from '../src/http/app.ts';
import { addTownship, addVillage } from '../src/places/places.ts';

/** The cheapest scrypt cost the server accepts: real hashing, a few milliseconds. */
export const TEST_PASSWORD_COST: PasswordCost = { logN: 10, r: 8, p: 1 };

/** A password that passes the policy (10+ characters, letters and digits). */
export const TEST_PASSWORD = 'Credit2026pass';

/** Two villages in one township, and a third village in another township. */
export const PLACES = {
  township: '320321100',
  townshipName: '新城镇',
  villageA: '320321100201',
  villageAName: '王庄村',
  villageB: '320321100202',
  villageBName: '李庄村',
  otherTownship: '320321101',
  otherTownshipName: '老城镇',
  villageC: '320321101201',
  villageCName: '东街社区',
} as const;

/** Adds PLACES to an empty database. */
export async function seedPlaces(db: Db): Promise<typeof PLACES> {
  await addTownship(db, { code: PLACES.township, name: PLACES.townshipName });
  await addTownship(db, { code: PLACES.otherTownship, name: PLACES.otherTownshipName });
  await addVillage(db, {
    code: PLACES.villageA,
    name: PLACES.villageAName,
    townshipCode: PLACES.township,
  });
  await addVillage(db, {
    code: PLACES.villageB,
    name: PLACES.villageBName,
    townshipCode: PLACES.township,
  });
  await addVillage(db, {
    code: PLACES.villageC,
    name: PLACES.villageCName,
    townshipCode: PLACES.otherTownship,
  });
  return PLACES;
}

/** A clock tests move by hand: pass `clock.now` in `auth`, then `clock.advance(ms)`. */
export interface TestClock {
  readonly now: () => number;
  advance(ms: number): void;
}

export function testClock(start = Date.UTC(2026, 10, 22, 8, 0, 0)): TestClock {
  let time = start;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

/**
 * The app with a silent logger and the test password cost; `options` may add a clock
 * (`auth: { now }`) or security settings.
 */
export function testApp(
  db: Db,
  options: {
    readonly auth?: AuthOptions;
    readonly security?: AppOptions['security'];
    readonly sync?: AppOptions['sync'];
  } = {},
): FastifyInstance {
  return buildApp({
    db,
    logger: pino({ level: 'silent' }),
    ...(options.sync === undefined ? {} : { sync: options.sync }),
    auth: { passwordCost: TEST_PASSWORD_COST, ...options.auth },
    ...(options.security === undefined ? {} : { security: options.security }),
  });
}

export interface AccountInput {
  readonly username: string;
  readonly role: Role;
  /** For village roles. */
  readonly villageCode?: string;
  /** For township_admin and bank_liaison. */
  readonly townshipCode?: string;
  /** Default TEST_PASSWORD. */
  readonly password?: string;
  readonly displayName?: string;
}

export interface Account {
  readonly principal: Principal;
  readonly password: string;
}

/** Creates a staff account (its village or township must exist: seedPlaces). */
export async function createAccount(
  db: Db,
  input: AccountInput,
  auth: AuthOptions = {},
): Promise<Account> {
  const password = input.password ?? TEST_PASSWORD;
  const user = await createUser(
    db,
    {
      username: input.username,
      role: input.role,
      villageCode: input.villageCode,
      townshipCode: input.townshipCode,
      displayName: input.displayName,
    },
    password,
    { passwordCost: TEST_PASSWORD_COST, ...auth },
  );
  return { principal: principalOfUser(user), password };
}

export interface LoginInput {
  readonly username: string;
  readonly password?: string;
  readonly deviceId?: string;
  readonly deviceName?: string;
}

/**
 * POST /api/v1/auth/login; resolves with the LoginResponse, or rejects with an Error whose
 * message holds the status and body (for sign-ins a test expects to succeed).
 */
export async function login(app: FastifyInstance, input: LoginInput): Promise<LoginResponse> {
  const response = await app.inject({
    method: 'POST',
    url: PATHS.login,
    payload: { ...input, password: input.password ?? TEST_PASSWORD },
  });
  if (response.statusCode !== 200)
    throw new Error(`login of ${input.username} failed: ${response.statusCode} ${response.body}`);
  return response.json<LoginResponse>();
}

export interface SignedIn extends LoginResponse {
  /** `{ authorization: 'Bearer <access token>' }`, for app.inject. */
  readonly headers: { readonly authorization: string };
}

/** Creates the account and signs it in (on a new device unless `deviceId` is given). */
export async function signIn(
  db: Db,
  app: FastifyInstance,
  input: AccountInput & { readonly deviceId?: string; readonly deviceName?: string },
): Promise<SignedIn> {
  const { password } = await createAccount(db, input);
  const response = await login(app, {
    username: input.username,
    password,
    ...(input.deviceId === undefined ? {} : { deviceId: input.deviceId }),
    ...(input.deviceName === undefined ? {} : { deviceName: input.deviceName }),
  });
  return { ...response, headers: bearer(response.accessToken) };
}

export function bearer(accessToken: string): { readonly authorization: string } {
  return { authorization: `Bearer ${accessToken}` };
}
