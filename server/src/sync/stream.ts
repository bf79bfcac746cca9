/**
 * One live sync stream (server-sent events) of one collection for one account.
 *
 * Events are `data: <json>\n\n`: a `PullResponse` of new documents in the account's view,
 * or `"RESYNC"` — "pull from your last checkpoint" — sent when the stream opens (the device
 * may have missed writes between its last pull and now), when the feed lost notices, when
 * more than one pull batch is waiting, and when the device reads more slowly than the
 * server writes (instead of buffering without bound). `: keep-alive` comments keep proxies
 * from closing a quiet connection.
 *
 * The stream remembers the last seq it covered; each wake-up pulls after it within the
 * account's view, one pull at a time.
 */
import { PassThrough } from 'node:stream';
import type { Principal } from '../../../shared/auth/roles.ts';
import type { CollectionName } from '../../../shared/collections/plan.ts';
import { MAX_PULL_BATCH, type StreamEvent } from '../../../shared/sync/protocol.ts';
import type { Db } from '../db/database.ts';
import { lastSequenceNumber, pullDocuments, type ChangeNotice } from '../store/documents.ts';
import { readScope } from './access.ts';
import { toSyncDocument } from './documents.ts';
import type { FeedSubscriber } from './feed.ts';

export const DEFAULT_KEEP_ALIVE_MS = 15_000;

/** What the stream buffers for a slow reader before it falls back to RESYNC. */
const BUFFER_BYTES = 1024 * 1024;

export interface StreamLogger {
  error(object: object, message: string): void;
}

export class SyncStream implements FeedSubscriber {
  /** The body to send: Fastify pipes it into the response. */
  readonly body: PassThrough;
  readonly #db: Db;
  readonly #principal: Principal;
  readonly #collection: CollectionName;
  readonly #log: StreamLogger;
  readonly #keepAlive: NodeJS.Timeout;
  #lastSeq = 0;
  #started = false;
  #pulling = false;
  #wanted = false;
  #resyncWanted = false;
  #closed = false;
  #onClose: (() => void) | undefined;
  readonly #stillAllowed: () => Promise<boolean>;
  #checking = false;

  constructor(options: {
    readonly db: Db;
    readonly principal: Principal;
    readonly collection: CollectionName;
    readonly keepAliveMs: number;
    readonly log: StreamLogger;
    /**
     * Whether the account may still read this stream (token valid, session, device and
     * account in force, same scope); asked at every keep-alive. False ends the stream: the
     * device reconnects with a fresh token, or stops if it was signed out or revoked.
     */
    readonly stillAllowed: () => Promise<boolean>;
  }) {
    this.#stillAllowed = options.stillAllowed;
    this.#db = options.db;
    this.#principal = options.principal;
    this.#collection = options.collection;
    this.#log = options.log;
    this.body = new PassThrough({ highWaterMark: BUFFER_BYTES });
    this.body.on('drain', () => {
      if (this.#resyncWanted) this.#wake();
    });
    // The response pipeline destroys the body when the device goes away.
    this.body.on('close', () => {
      this.close();
    });
    this.body.on('error', (error) => {
      this.#log.error({ err: error, collection: this.#collection }, 'sync stream broke');
      this.close();
    });
    this.#keepAlive = setInterval(() => {
      this.#checkAccess();
      if (!this.#closed && !this.body.destroyed && !this.body.writableNeedDrain) {
        this.body.write(': keep-alive\n\n');
      }
    }, options.keepAliveMs);
  }

  /** Starts after the stream subscribed to the feed, so no notice falls in between. */
  start(): void {
    this.#resyncWanted = true;
    this.#started = true;
    this.#wake();
  }

  /** Runs once the stream ends, whoever ended it. */
  onClose(fn: () => void): void {
    this.#onClose = fn;
  }

  onChange(notice: ChangeNotice): void {
    if (notice.collection !== this.#collection || notice.seq <= this.#lastSeq) return;
    if (notice.townshipCode !== this.#principal.townshipCode) return;
    const village = this.#principal.villageCode;
    if (village !== null && notice.villageCode !== village && notice.villageCode !== '') return;
    this.#wake();
  }

  onGap(): void {
    this.#resyncWanted = true;
    this.#wake();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#keepAlive);
    if (!this.body.writableEnded && !this.body.destroyed) this.body.end();
    const fn = this.#onClose;
    this.#onClose = undefined;
    fn?.();
  }

  #checkAccess(): void {
    if (this.#checking || this.#closed) return;
    this.#checking = true;
    this.#stillAllowed().then(
      (allowed) => {
        this.#checking = false;
        if (!allowed) this.close();
      },
      (error: unknown) => {
        this.#checking = false;
        this.#log.error(
          { err: error, collection: this.#collection },
          'sync stream access check failed',
        );
        this.close();
      },
    );
  }

  #wake(): void {
    this.#wanted = true;
    if (!this.#started || this.#pulling || this.#closed) return;
    this.#pulling = true;
    this.#run().then(
      () => {
        this.#pulling = false;
      },
      (error: unknown) => {
        this.#pulling = false;
        // The device reconnects and resyncs; a stream that cannot read the store is useless.
        this.#log.error({ err: error, collection: this.#collection }, 'sync stream failed');
        this.close();
      },
    );
  }

  async #run(): Promise<void> {
    while (this.#wanted && !this.#closed) {
      this.#wanted = false;
      if (this.body.writableNeedDrain) {
        // The device reads too slowly: stop queueing documents, resync once it caught up.
        this.#resyncWanted = true;
        return;
      }
      if (this.#resyncWanted) {
        await this.#resync();
        continue;
      }
      const page = await pullDocuments(this.#db, this.#collection, {
        afterSeq: this.#lastSeq,
        limit: MAX_PULL_BATCH,
        scope: readScope(this.#principal),
      });
      if (page.documents.length >= MAX_PULL_BATCH) {
        await this.#resync();
      } else if (page.documents.length > 0) {
        this.#lastSeq = page.checkpoint;
        this.#send({
          documents: page.documents.map(toSyncDocument),
          checkpoint: { seq: page.checkpoint },
        });
      }
    }
  }

  /** The device pulls up to now by itself; the stream continues from there. */
  async #resync(): Promise<void> {
    this.#resyncWanted = false;
    this.#lastSeq = await lastSequenceNumber(this.#db);
    this.#send('RESYNC');
  }

  #send(event: StreamEvent): void {
    if (this.#closed || this.body.destroyed) return;
    this.body.write(`data: ${JSON.stringify(event)}\n\n`);
  }
}
