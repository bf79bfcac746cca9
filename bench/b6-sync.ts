/**
 * B6: the town server's sync endpoints under load, through real HTTP (the app of
 * server/src/http/app.ts listening on a port, real accounts signed in with their
 * passwords), on a throwaway PostgreSQL 15 cluster and on the embedded PGlite in a data
 * folder, as `npm run server` runs them:
 *
 * - push: a village clerk uploads newly recorded entries (a generated village's, as its
 *   device first sends them: submitted for review) in batches of 500
 *   (POST /sync/events/push) — events/s; baseline: the same number of events written
 *   straight into the store (putDocuments, batches of 500), no HTTP, checks or merge;
 * - pull: a clerk of a typical village (about 3,000 residents, 90,000 events) pulls its
 *   whole ledger from the start in pages of 1,000 (GET /sync/events/pull) — documents/s;
 *   baseline: the same pages read straight from the store (pullDocuments).
 *
 * Goal (issue 6): on PostgreSQL, push ≥ 5,000 events/s and pull ≥ 20,000 documents/s.
 */
import { chinaDateOf } from '../shared/ledger/dates.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { EventDoc } from '../shared/collections/events.ts';
import { schemaVersions } from '../shared/collections/index.ts';
import {
  MAX_PULL_BATCH,
  PATHS,
  SCHEMA_VERSION_HEADER,
  type LoginResponse,
  type PullResponse,
  type PushResponse,
} from '../shared/sync/protocol.ts';
import { createIdProtector } from '../shared/residents/id-protection.ts';
import { createUser } from '../server/src/auth/users.ts';
import { openPglite, openPostgres, type Database } from '../server/src/db/database.ts';
import { loadMigrations, migrate } from '../server/src/db/migrate.ts';
import { sampleCatalog } from '../server/src/generate/catalog.ts';
import { generateInto } from '../server/src/generate/load.ts';
import { generateVillage } from '../server/src/generate/village.ts';
import { buildApp } from '../server/src/http/app.ts';
import { getOrCreateTownshipKeys } from '../server/src/keys/township-keys.ts';
import { addVillage } from '../server/src/places/places.ts';
import { pullDocuments, putDocuments } from '../server/src/store/documents.ts';
import { startChangeFeed } from '../server/src/sync/feed.ts';
import { startPostgresCluster, type PostgresCluster } from '../server/test/postgres-cluster.ts';
import type { BenchEntry, Benchmark } from './lib/entry.ts';
import { measured, round } from './lib/entry.ts';
import { BENCH_SEED, BENCH_TOWNSHIP, BENCH_VILLAGE } from './lib/sample.ts';

type Backend = 'PostgreSQL' | 'PGlite';

/** Events pushed per backend: 60 batches of 500. */
const PUSH_EVENTS = 30_000;
const PUSH_BATCH = 500;
const PUSH_VILLAGE = `${BENCH_TOWNSHIP}202`;
const BASELINE_VILLAGE = `${BENCH_TOWNSHIP}203`;
const PASSWORD = 'Bench2026pass';
const GOALS = { push: 5_000, pull: 20_000 } as const;

export const B6: Benchmark = {
  id: 'B6',
  title: 'Town server push and pull through the sync endpoints',
  expected: 'about 3 minutes',
  async run(log) {
    const entries: BenchEntry[] = [];
    for (const backend of ['PostgreSQL', 'PGlite'] as const)
      entries.push(...(await onBackend(backend, log)));
    return entries;
  },
};

async function onBackend(backend: Backend, log: (line: string) => void): Promise<BenchEntry[]> {
  let cluster: PostgresCluster | undefined;
  let dataDir: string | undefined;
  let db: Database;
  if (backend === 'PostgreSQL') {
    cluster = await startPostgresCluster();
    db = await openPostgres(await cluster.createDatabase());
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'bench-pglite-'));
    db = await openPglite(dataDir);
  }
  const feed = await startChangeFeed(db);
  const app = buildApp({ db, logger: pino({ level: 'silent' }), sync: { feed } });
  try {
    await migrate(db, await loadMigrations());
    const today = chinaDateOf(Date.now());
    log(`B6 ${backend}: loading a typical village to pull…`);
    const loaded = await generateInto(db, {
      size: 'typical',
      seed: BENCH_SEED,
      today,
      villageCode: BENCH_VILLAGE,
    });
    for (const code of [PUSH_VILLAGE, BASELINE_VILLAGE])
      await addVillage(db, { code, name: `压测${code.slice(9)}村`, townshipCode: BENCH_TOWNSHIP });
    log(`B6 ${backend}: generating the events to push…`);
    const keys = await getOrCreateTownshipKeys(db, BENCH_TOWNSHIP);
    const source = await generateVillage({
      village: { code: PUSH_VILLAGE, name: '压测村', households: 900 },
      seed: BENCH_SEED + 1,
      today,
      catalog: sampleCatalog(BENCH_TOWNSHIP, today, BENCH_SEED),
      protector: createIdProtector(globalThis.crypto, keys),
    });

    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const base = `http://127.0.0.1:${String(address.port)}`;
    const pusher = await signIn(db, base, 'bench.push', PUSH_VILLAGE);
    const puller = await signIn(db, base, 'bench.pull', BENCH_VILLAGE);
    const toPush = source.events
      .flatMap((event) => asRecorded(event, pusher.userId))
      .slice(0, PUSH_EVENTS);
    if (toPush.length < PUSH_EVENTS) throw new Error('the generated village has too few events');

    log(`B6 ${backend}: pushing ${PUSH_EVENTS} events in batches of ${PUSH_BATCH}…`);
    const pushSeconds = await timed(() => pushAll(base, pusher, toPush));
    log(`B6 ${backend}: writing the same number straight into the store…`);
    const storeSeconds = await timed(() => storeAll(db, baselineCopies(toPush)));

    log(`B6 ${backend}: pulling the typical village's ledger…`);
    let pulled = 0;
    const pullSeconds = await timed(async () => {
      pulled = await pullAll(base, puller);
    });
    let read = 0;
    const readSeconds = await timed(async () => {
      read = await readAll(db);
    });
    const village = loaded.villages[0];
    if (village === undefined || pulled !== village.events || read !== pulled)
      throw new Error(`pulled ${pulled} and read ${read} of ${String(village?.events)} events`);

    const pushRate = round(PUSH_EVENTS / pushSeconds, 0);
    const pullRate = round(pulled / pullSeconds, 0);
    const goalOf = (kind: 'push' | 'pull') =>
      backend === 'PostgreSQL'
        ? `≥ ${GOALS[kind].toLocaleString('en')} /s`
        : 'none (PostgreSQL carries the goal)';
    return [
      measured({
        id: `B6.push.${backend}`,
        title: `Push events, batches of ${PUSH_BATCH} (${backend})`,
        figure: pushRate,
        unit: 'events/s',
        goal: goalOf('push'),
        baseline: round(PUSH_EVENTS / storeSeconds, 0),
        baselineNote:
          'the same events written straight into the store (putDocuments, batches of 500)',
        met: backend === 'PostgreSQL' ? pushRate >= GOALS.push : null,
        note: `${PUSH_EVENTS} events in ${round(pushSeconds, 1)} s over HTTP, one clerk, sequential batches`,
      }),
      measured({
        id: `B6.pull.${backend}`,
        title: `Pull a typical village's ledger from the start (${backend})`,
        figure: pullRate,
        unit: 'docs/s',
        goal: goalOf('pull'),
        baseline: round(read / readSeconds, 0),
        baselineNote: 'the same pages read straight from the store (pullDocuments)',
        met: backend === 'PostgreSQL' ? pullRate >= GOALS.pull : null,
        note: `${pulled} events in pages of ${MAX_PULL_BATCH} in ${round(pullSeconds, 1)} s over HTTP`,
      }),
    ];
  } finally {
    await app.close();
    await feed.close();
    await db.close();
    await cluster?.stop();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Session {
  readonly userId: string;
  readonly headers: Readonly<Record<string, string>>;
}

async function signIn(
  db: Database,
  base: string,
  username: string,
  villageCode: string,
): Promise<Session> {
  await createUser(
    db,
    { username, role: 'village_clerk', villageCode, displayName: '压测录入员' },
    PASSWORD,
  );
  const response = await fetch(`${base}${PATHS.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD, deviceName: 'bench' }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${String(response.status)}`);
  const session = (await response.json()) as LoginResponse;
  return {
    userId: session.user.userId,
    headers: {
      authorization: `Bearer ${session.accessToken}`,
      [SCHEMA_VERSION_HEADER]: String(schemaVersions().events),
    },
  };
}

async function pushAll(base: string, session: Session, events: readonly EventDoc[]): Promise<void> {
  for (let at = 0; at < events.length; at += PUSH_BATCH) {
    const rows = events
      .slice(at, at + PUSH_BATCH)
      .map((event) => ({ newDocumentState: { ...event, _deleted: false } }));
    const response = await fetch(`${base}${PATHS.push('events')}`, {
      method: 'POST',
      headers: { ...session.headers, 'content-type': 'application/json' },
      body: JSON.stringify(rows),
    });
    if (response.status !== 200) throw new Error(`push answered ${String(response.status)}`);
    const result = (await response.json()) as PushResponse;
    if (result.conflicts.length + result.rejected.length > 0)
      throw new Error(`push refused rows: ${JSON.stringify(result.rejected.slice(0, 2))}`);
  }
}

/**
 * An entry as the clerk's device first uploads it: recorded by the clerk pushing, waiting
 * for review (what recordEntry made, before the review, notice and confirmation wrote to it).
 */
function asRecorded(event: EventDoc, clerk: string): EventDoc[] {
  if (event.kind !== 'accrual' && event.kind !== 'deduction') return [];
  const {
    review: _review,
    noticeId: _noticeId,
    effectiveOn: _effectiveOn,
    confirmation: _confirmation,
    ...recorded
  } = event;
  return [
    {
      ...recorded,
      status: 'submitted',
      createdBy: clerk,
      updatedAt: event.createdAt,
      updatedBy: clerk,
    },
  ];
}

/** The pushed events under other ids, in the baseline's own village. */
function baselineCopies(events: readonly EventDoc[]): EventDoc[] {
  return events.map((event) => ({
    ...event,
    id: `B${event.id.slice(1)}`,
    villageCode: BASELINE_VILLAGE,
  }));
}

async function storeAll(db: Database, events: readonly EventDoc[]): Promise<void> {
  for (let at = 0; at < events.length; at += PUSH_BATCH)
    await putDocuments(
      db,
      'events',
      events.slice(at, at + PUSH_BATCH).map((event) => ({
        id: event.id,
        scope: { villageCode: BASELINE_VILLAGE },
        data: { ...event },
      })),
    );
}

async function pullAll(base: string, session: Session): Promise<number> {
  let checkpoint: number | undefined;
  let count = 0;
  for (;;) {
    const query = checkpoint === undefined ? '' : `checkpoint=${String(checkpoint)}&`;
    const response = await fetch(
      `${base}${PATHS.pull('events')}?${query}batchSize=${String(MAX_PULL_BATCH)}`,
      { headers: session.headers },
    );
    if (response.status !== 200) throw new Error(`pull answered ${String(response.status)}`);
    const page = (await response.json()) as PullResponse;
    count += page.documents.length;
    if (page.documents.length < MAX_PULL_BATCH || page.checkpoint === null) return count;
    checkpoint = page.checkpoint.seq;
  }
}

async function readAll(db: Database): Promise<number> {
  let afterSeq = 0;
  let count = 0;
  for (;;) {
    const page = await pullDocuments(db, 'events', {
      afterSeq,
      limit: MAX_PULL_BATCH,
      scope: { villageCode: BENCH_VILLAGE },
    });
    count += page.documents.length;
    if (page.documents.length < MAX_PULL_BATCH) return count;
    afterSeq = page.checkpoint;
  }
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}
