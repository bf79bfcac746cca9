/**
 * The change feed: one LISTEN per server instance on the store's NOTIFY channel, fanned out
 * to the live sync streams of this instance. Writes notify on commit from any instance
 * sharing the PostgreSQL database (or from this process on PGlite), so a device connected to
 * one instance hears about a push made through another.
 *
 * A notice only wakes a stream up; the stream then pulls from its own last checkpoint within
 * its account's view, so a lost, merged or malformed notice costs nothing but a wake-up —
 * except when the listening connection drops: notices are lost meanwhile, and subscribers
 * get `onGap` (streams send RESYNC).
 */
import { isCollectionName } from '../../../shared/collections/plan.ts';
import type { Database } from '../db/database.ts';
import { DOCUMENTS_CHANNEL, type ChangeNotice } from '../store/documents.ts';

export interface FeedSubscriber {
  onChange(notice: ChangeNotice): void;
  /** Notices may have been missed: catch up from the store. */
  onGap(): void;
}

export interface ChangeFeed {
  /** Adds a subscriber; the returned function removes it. */
  subscribe(subscriber: FeedSubscriber): () => void;
  /** Stops listening. Subscribers stay registered but hear nothing more. */
  close(): Promise<void>;
}

export interface FeedLogger {
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

/** Listens on `db` until `close()`. Call once per server instance (main.ts). */
export async function startChangeFeed(
  db: Pick<Database, 'listen'>,
  options: { readonly log?: FeedLogger } = {},
): Promise<ChangeFeed> {
  const subscribers = new Set<FeedSubscriber>();
  const each = (fn: (subscriber: FeedSubscriber) => void): void => {
    for (const subscriber of [...subscribers]) fn(subscriber);
  };
  const stop = await db.listen(
    DOCUMENTS_CHANNEL,
    (payload) => {
      const notice = parseNotice(payload);
      if (notice === undefined) {
        options.log?.warn({ payload }, 'change feed: unreadable notice; streams resync');
        each((subscriber) => {
          subscriber.onGap();
        });
      } else {
        each((subscriber) => {
          subscriber.onChange(notice);
        });
      }
    },
    {
      onGap: () => {
        options.log?.warn({}, 'change feed: listening again after a lost connection');
        each((subscriber) => {
          subscriber.onGap();
        });
      },
      onError: (error) => options.log?.error({ err: error }, 'change feed: connection failed'),
    },
  );
  return {
    subscribe(subscriber) {
      subscribers.add(subscriber);
      return () => {
        subscribers.delete(subscriber);
      };
    },
    close: stop,
  };
}

function parseNotice(payload: string): ChangeNotice | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { collection, townshipCode, villageCode, seq } = value as Record<string, unknown>;
  if (
    !isCollectionName(collection) ||
    typeof townshipCode !== 'string' ||
    typeof villageCode !== 'string' ||
    typeof seq !== 'number' ||
    !Number.isSafeInteger(seq)
  ) {
    return undefined;
  }
  return { collection, townshipCode, villageCode, seq };
}
