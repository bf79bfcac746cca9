/**
 * Test support only (imported by the sync tests): the shared realistic samples moved into
 * the test places (server/test/accounts.ts PLACES), and principals for each role.
 */
import type { FastifyInstance } from 'fastify';
import type { Principal, Role } from '../../../shared/auth/roles.ts';
import type { EventDoc } from '../../../shared/collections/events.ts';
import {
  catalogSamples,
  eventSamples,
  householdSample,
  referralSample,
  residentSample,
} from '../../../shared/collections/fixtures/samples.ts';
import type { SyncDocument } from '../../../shared/sync/protocol.ts';
import { PLACES, testApp } from '../../test/accounts.ts';
import type { Database } from '../db/database.ts';
import { startChangeFeed, type ChangeFeed } from './feed.ts';
import type { SchemaVersions } from './versions.ts';

/** `doc` as a document of `villageCode` (its township derived), under a new id. */
export function inVillage(doc: object, villageCode: string, id: string): SyncDocument {
  return {
    ...(doc as Record<string, unknown>),
    id,
    villageCode,
    townshipCode: villageCode.slice(0, 9),
    _deleted: false,
  };
}

export function resident(villageCode: string, id: string, fields: object = {}): SyncDocument {
  return { ...inVillage(residentSample, villageCode, id), ...fields };
}

export function household(villageCode: string, id: string, fields: object = {}): SyncDocument {
  return { ...inVillage(householdSample, villageCode, id), ...fields };
}

/** A deduction waiting for review (status 'submitted', no review yet). */
export function submittedEvent(villageCode: string, id: string): SyncDocument {
  const submitted = eventSamples[1] as EventDoc;
  return inVillage(submitted, villageCode, id);
}

export function referral(villageCode: string, id: string, fields: object = {}): SyncDocument {
  return { ...inVillage(referralSample, villageCode, id), ...fields };
}

/** A reward item the township publishes to every village ('') or to one. */
export function rewardItem(townshipCode: string, villageCode: string, id: string): SyncDocument {
  const item = catalogSamples.find((doc) => doc.kind === 'reward-item');
  if (item === undefined) throw new Error('no reward-item sample');
  return { ...item, id, townshipCode, villageCode, _deleted: false };
}

export function principalFor(role: Role, place: string, userId = `u-${role}`): Principal {
  const village = place.length === 12;
  return {
    userId,
    username: userId,
    displayName: userId,
    role,
    villageCode: village ? place : null,
    townshipCode: village ? place.slice(0, 9) : place,
  };
}

export const CLERK_A = principalFor('village_clerk', PLACES.villageA, 'u-clerk-a');
export const CLERK_B = principalFor('village_clerk', PLACES.villageB, 'u-clerk-b');
export const TOWNSHIP_ADMIN = principalFor('township_admin', PLACES.township, 'u-town');
export const OTHER_TOWNSHIP_ADMIN = principalFor('township_admin', PLACES.otherTownship, 'u-far');
export const BANK = principalFor('bank_liaison', PLACES.township, 'u-bank');

export interface SyncTestApp {
  readonly app: FastifyInstance;
  /** How many live streams are subscribed to this app's change feed. */
  subscribers(): number;
  close(): Promise<void>;
}

/**
 * The app (server/test/accounts.ts `testApp`) with the sync routes and its own change feed,
 * ready; `close()` closes both.
 */
export async function syncApp(
  db: Database,
  options: { readonly keepAliveMs?: number; readonly schemaVersions?: SchemaVersions } = {},
): Promise<SyncTestApp> {
  const feed = await startChangeFeed(db);
  let subscribers = 0;
  const counted: ChangeFeed = {
    subscribe(subscriber) {
      subscribers += 1;
      const unsubscribe = feed.subscribe(subscriber);
      return () => {
        subscribers -= 1;
        unsubscribe();
      };
    },
    close: () => feed.close(),
  };
  const app = testApp(db, { sync: { feed: counted, ...options } });
  await app.ready();
  return {
    app,
    subscribers: () => subscribers,
    async close() {
      await app.close();
      await feed.close();
    },
  };
}
