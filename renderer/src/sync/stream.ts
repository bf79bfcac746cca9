/**
 * The live stream of one collection (GET …/stream, server-sent events read with fetch), fed
 * into the collection's replication as `pull.stream$`: `{ documents, checkpoint }` batches and
 * 'RESYNC' ("pull from your checkpoint"). The server sends RESYNC whenever a stream opens,
 * so every reconnect makes the replication catch up on what it missed.
 *
 * The stream reconnects by itself after it ends or breaks, through the engine's shared
 * connection (so it waits out the same backoff as pulls and pushes). A stream silent for
 * longer than `silenceMs` (the server sends keep-alives every 15 s) is taken for a dead
 * connection — a sleeping laptop, a router that dropped it — and reopened.
 */
import type { CollectionName } from '../../../shared/collections/plan.ts';
import type { PullResponse } from '../../../shared/sync/protocol.ts';
import type { Connection } from './connection.ts';
import { createSseParser } from './sse.ts';
import { isTransient, SyncRequestError, type SyncTransport } from './transport.ts';

export type StreamItem = PullResponse | 'RESYNC';

export const STREAM_SILENCE_MS = 45_000;
/** A stream that ends sooner than this after opening counts as a failure (no tight loop). */
const MIN_HEALTHY_MS = 1_000;

export interface LiveStreamOptions {
  readonly transport: SyncTransport;
  readonly connection: Connection;
  readonly collection: CollectionName;
  readonly onItem: (item: StreamItem) => void;
  /** A failure that is not worth retrying (sign-in needed, outdated, refused). */
  readonly onFatal: (error: SyncRequestError) => void;
  readonly silenceMs?: number;
  readonly now?: () => number;
}

export interface LiveStream {
  /** Reconnects at once if the stream is down (「立即同步」). */
  reconnect(): void;
  stop(): void;
}

export function startLiveStream(options: LiveStreamOptions): LiveStream {
  const { transport, connection, collection, onItem, onFatal } = options;
  const silenceMs = options.silenceMs ?? STREAM_SILENCE_MS;
  const now = options.now ?? Date.now;
  let stopped = false;
  let current: AbortController | undefined;
  // Read through a function: stop() may run while any await is pending.
  const isStopped = (): boolean => stopped;

  const run = async (): Promise<void> => {
    while (!isStopped()) {
      try {
        await connection.ready();
      } catch {
        return; // the connection closed: the engine stopped
      }
      if (isStopped()) return;
      const controller = new AbortController();
      current = controller;
      const openedAt = now();
      try {
        const body = await connection.track(() =>
          transport.openStream(collection, controller.signal),
        );
        connection.succeeded();
        await readEvents(body, controller, silenceMs, onItem, collection);
        if (isStopped()) return;
        if (now() - openedAt < MIN_HEALTHY_MS) {
          connection.failed({
            code: 'sync.server-unreachable',
            params: { url: transport.serverUrl },
          });
        }
      } catch (error) {
        if (isStopped()) return;
        if (!(error instanceof SyncRequestError)) {
          // The body broke off (server gone, network lost) or the silence watchdog aborted it.
          console.warn(`sync stream of ${collection} broke off`, error);
          connection.failed({
            code: 'sync.server-unreachable',
            params: { url: transport.serverUrl },
          });
        } else if (error.kind === 'stopped') {
          return;
        } else if (isTransient(error.kind)) {
          connection.failed(error.error);
        } else {
          onFatal(error);
          return;
        }
      } finally {
        if (current === controller) current = undefined;
      }
    }
  };

  void run();

  return {
    reconnect() {
      // Only a stream that is waiting to reconnect is affected; an open one keeps going.
      connection.wake();
    },
    stop() {
      stopped = true;
      current?.abort();
    },
  };
}

/** Reads the event stream until it ends; throws when it breaks or stays silent too long. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  controller: AbortController,
  silenceMs: number,
  onItem: (item: StreamItem) => void,
  collection: CollectionName,
): Promise<void> {
  const parser = createSseParser({
    onEvent(event) {
      const item = parseStreamData(event.data);
      if (item === undefined) {
        console.error(
          `sync stream of ${collection}: unreadable event; pulling instead`,
          event.data,
        );
        onItem('RESYNC');
      } else {
        onItem(item);
      }
    },
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const arm = (): void => {
    if (watchdog !== undefined) clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      controller.abort(new Error(`no data for ${String(silenceMs)} ms`));
    }, silenceMs);
  };
  const abort = (): void => {
    void reader.cancel().catch(() => undefined);
  };
  controller.signal.addEventListener('abort', abort);
  arm();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      arm();
      parser.push(decoder.decode(value, { stream: true }));
    }
    if (controller.signal.aborted) throw new Error('sync stream aborted');
  } finally {
    if (watchdog !== undefined) clearTimeout(watchdog);
    controller.signal.removeEventListener('abort', abort);
    parser.end();
  }
}

/** The `data:` of one event: "RESYNC" or a pull response; undefined if neither. */
export function parseStreamData(data: string): StreamItem | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (value === 'RESYNC') return 'RESYNC';
  if (typeof value !== 'object' || value === null) return undefined;
  const { documents, checkpoint } = value as { documents?: unknown; checkpoint?: unknown };
  if (!Array.isArray(documents)) return undefined;
  const ok = documents.every(
    (d: unknown) =>
      typeof d === 'object' &&
      d !== null &&
      typeof (d as { id?: unknown }).id === 'string' &&
      typeof (d as { _deleted?: unknown })._deleted === 'boolean',
  );
  const seq = (checkpoint as { seq?: unknown } | null | undefined)?.seq;
  if (!ok || typeof seq !== 'number' || !Number.isSafeInteger(seq)) return undefined;
  return value as PullResponse;
}
