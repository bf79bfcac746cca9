import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { CollectionName } from '../../../shared/collections/plan.ts';
import {
  MAX_PULL_BATCH,
  PATHS,
  SCHEMA_VERSION_HEADER,
  type PullResponse,
  type PushRow,
  type StreamEvent,
  type SyncDocument,
} from '../../../shared/sync/protocol.ts';
import { PLACES, seedPlaces, signIn, type SignedIn } from '../../test/accounts.ts';
import { BACKENDS, useBackend, type TestBackend } from '../../test/backends.ts';
import type { Database } from '../db/database.ts';
import { putDocuments } from '../store/documents.ts';
import { household, resident, syncApp, type SyncTestApp } from './test-support.ts';

const { villageA: A, villageB: B } = PLACES;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const VERSION = { [SCHEMA_VERSION_HEADER]: '0' };

/** An SSE stream read with fetch, one event block at a time. */
interface EventReader {
  readonly status: number;
  readonly contentType: string | null;
  /** The next block: a comment (': keep-alive') or a data event. */
  nextBlock(): Promise<string | undefined>;
  /** The next data event, skipping comments; undefined when the stream ended. */
  nextEvent(): Promise<StreamEvent | undefined>;
  close(): void;
}

async function openStream(
  baseUrl: string,
  collection: CollectionName,
  who: SignedIn,
): Promise<EventReader> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}${PATHS.stream(collection)}`, {
    headers: { ...who.headers, ...VERSION },
    signal: controller.signal,
  });
  const body = response.body;
  if (body === null) throw new Error('stream without a body');
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  const nextBlock = async (): Promise<string | undefined> => {
    for (;;) {
      const end = buffered.indexOf('\n\n');
      if (end >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        return block;
      }
      const chunk = await reader.read();
      if (chunk.done) return undefined;
      buffered += chunk.value;
    }
  };
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    nextBlock,
    async nextEvent() {
      for (let block = await nextBlock(); block !== undefined; block = await nextBlock()) {
        if (block.startsWith('data: ')) return JSON.parse(block.slice(6)) as StreamEvent;
      }
      return undefined;
    },
    close() {
      controller.abort();
      // The pending read rejects with the abort; nothing is waiting for it.
      reader.cancel().catch(() => undefined);
    },
  };
}

async function push(
  app: FastifyInstance,
  who: SignedIn,
  collection: CollectionName,
  documents: readonly SyncDocument[],
): Promise<void> {
  const response = await app.inject({
    method: 'POST',
    url: PATHS.push(collection),
    headers: { ...who.headers, ...VERSION },
    payload: documents.map((doc): PushRow => ({ newDocumentState: doc })),
  });
  expect(response.json()).toEqual({ conflicts: [], rejected: [] });
}

function ids(event: StreamEvent | undefined): string[] {
  if (event === undefined || event === 'RESYNC') throw new Error(`not documents: ${String(event)}`);
  return event.documents.map((doc) => doc.id);
}

interface Listening {
  readonly db: Database;
  readonly server: SyncTestApp;
  readonly url: string;
  readonly clerkA: SignedIn;
  readonly clerkB: SignedIn;
}

function useListening(backend: TestBackend): (keepAliveMs?: number) => Promise<Listening> {
  const open: SyncTestApp[] = [];
  const readers: EventReader[] = [];
  afterEach(async () => {
    for (const reader of readers.splice(0)) reader.close();
    for (const server of open.splice(0)) await server.close();
  });
  return async (keepAliveMs = 60_000) => {
    const db = await backend.fresh();
    await seedPlaces(db);
    const server = await syncApp(db, { keepAliveMs });
    open.push(server);
    const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const clerkA = await signIn(db, server.app, {
      username: 'clerk.a',
      role: 'village_clerk',
      villageCode: A,
    });
    const clerkB = await signIn(db, server.app, {
      username: 'clerk.b',
      role: 'village_clerk',
      villageCode: B,
    });
    return { db, server, url, clerkA, clerkB };
  };
}

describe.each(BACKENDS)('sync stream on %s', (kind) => {
  const backend = useBackend(kind);
  const listening = useListening(backend);

  it('opens with RESYNC, then sends new documents of the account’s view only', async () => {
    const { server, url, clerkA, clerkB } = await listening();
    const stream = await openStream(url, 'residents', clerkA);
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toMatch(/^text\/event-stream/);
      expect(await stream.nextEvent()).toBe('RESYNC');

      await push(server.app, clerkB, 'residents', [resident(B, 'r-b')]);
      await push(server.app, clerkA, 'residents', [resident(A, 'r-a1'), resident(A, 'r-a2')]);

      const event = (await stream.nextEvent()) as PullResponse;
      expect(ids(event)).toEqual(['r-a1', 'r-a2']);
      expect(event.documents[0]).toEqual(resident(A, 'r-a1'));
      expect(event.checkpoint).toEqual({ seq: 3 });

      const home = { ...resident(A, 'r-a1'), _deleted: true };
      const deletion = await server.app.inject({
        method: 'POST',
        url: PATHS.push('residents'),
        headers: { ...clerkA.headers, ...VERSION },
        payload: [{ newDocumentState: home, assumedMasterState: resident(A, 'r-a1') }],
      });
      expect(deletion.statusCode).toBe(200);
      expect(await stream.nextEvent()).toEqual({ documents: [home], checkpoint: { seq: 4 } });
    } finally {
      stream.close();
    }
  });

  it('keeps a quiet stream alive with comments', async () => {
    const { url, clerkA } = await listening(20);
    const stream = await openStream(url, 'events', clerkA);
    try {
      const blocks = [await stream.nextBlock(), await stream.nextBlock()];
      expect(blocks).toContain('data: "RESYNC"');
      expect(blocks).toContain(': keep-alive');
    } finally {
      stream.close();
    }
  });

  it('sends RESYNC instead of documents when more than one pull batch arrives at once', async () => {
    const { db, url, clerkA } = await listening();
    const stream = await openStream(url, 'residents', clerkA);
    try {
      expect(await stream.nextEvent()).toBe('RESYNC');
      // One transaction with more than a pull batch (a register import does this).
      await putDocuments(
        db,
        'residents',
        Array.from({ length: MAX_PULL_BATCH + 1 }, (_, n) => ({
          id: `r-${String(n)}`,
          scope: { villageCode: A },
          data: resident(A, `r-${String(n)}`),
        })),
      );
      expect(await stream.nextEvent()).toBe('RESYNC');
    } finally {
      stream.close();
    }
  });

  it('ends a stream once its account signs out, while another account’s stream goes on', async () => {
    const { server, url, clerkA, clerkB } = await listening(20);
    const stream = await openStream(url, 'residents', clerkA);
    const other = await openStream(url, 'residents', clerkB);
    try {
      expect(await stream.nextEvent()).toBe('RESYNC');
      expect(await other.nextEvent()).toBe('RESYNC');
      const out = await server.app.inject({
        method: 'POST',
        url: PATHS.logout,
        headers: clerkA.headers,
      });
      expect(out.statusCode).toBe(204);

      // The next keep-alive checks the token again: the stream ends, no data after it.
      expect(await stream.nextEvent()).toBeUndefined();
      expect(await other.nextBlock()).toBe(': keep-alive');
      expect(server.subscribers()).toBe(1);
    } finally {
      stream.close();
      other.close();
    }
  });

  it('forgets a stream whose device went away, and ends open streams when the server closes', async () => {
    const { server, url, clerkA } = await listening();
    const stream = await openStream(url, 'residents', clerkA);
    expect(await stream.nextEvent()).toBe('RESYNC');
    const gone = await openStream(url, 'residents', clerkA);
    expect(await gone.nextEvent()).toBe('RESYNC');
    expect(server.subscribers()).toBe(2);

    gone.close();
    while (server.subscribers() > 1) await sleep(5);

    await server.close();
    expect(await stream.nextEvent()).toBeUndefined();
    expect(server.subscribers()).toBe(0);
  });
});

describe('sync stream across server instances on one PostgreSQL', () => {
  const backend = useBackend('PostgreSQL');
  const listening = useListening(backend);
  let second: SyncTestApp | undefined;
  afterEach(async () => {
    await second?.close();
    second = undefined;
  });

  it('delivers a push made through another instance', async () => {
    const { url, clerkA } = await listening();
    second = await syncApp(await backend.reopen());
    const stream = await openStream(url, 'households', clerkA);
    try {
      expect(await stream.nextEvent()).toBe('RESYNC');
      const home = household(A, 'h-1');
      await push(second.app, clerkA, 'households', [home]);
      expect(await stream.nextEvent()).toEqual({ documents: [home], checkpoint: { seq: 1 } });
    } finally {
      stream.close();
    }
  });

  it('sends RESYNC when the change feed lost notices', async () => {
    const { db, url, clerkA } = await listening();
    const stream = await openStream(url, 'residents', clerkA);
    try {
      expect(await stream.nextEvent()).toBe('RESYNC');
      await db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE query LIKE 'LISTEN %' AND datname = current_database()`,
      );
      expect(await stream.nextEvent()).toBe('RESYNC');
    } finally {
      stream.close();
    }
  });
});
