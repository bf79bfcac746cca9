/**
 * One small interface over the two databases the town server runs on: a PostgreSQL pool
 * (`DATABASE_URL`) and an embedded PGlite data directory (the default). Both speak the
 * same SQL with `$1` parameters, so repositories are written once.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { CodedError } from '../../../shared/errors.ts';

export type Row = Record<string, unknown>;

export interface QueryResult<R extends Row> {
  readonly rows: R[];
  /** Rows returned, or changed by an INSERT/UPDATE/DELETE without RETURNING. */
  readonly rowCount: number;
}

export interface Db {
  readonly kind: 'pglite' | 'postgres';
  /** One statement with `$1…` parameters. The row type is the caller's promise. */
  query<R extends Row = Row>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws.
   * Called on a transaction's own `Db`, it joins that transaction (no savepoint), so
   * repository functions can both stand alone and compose into a larger transaction.
   * Inside `fn` use only the `Db` it receives: PGlite runs one transaction at a time, and
   * a query on the outer handle would wait for the transaction that waits for it.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
}

export interface Database extends Db {
  /** Where the data lives, for logs and messages; never contains a password. */
  readonly description: string;
  /**
   * LISTEN on `channel`: `onNotify(payload)` for every NOTIFY on it, delivered when the
   * notifying transaction commits, from any connection — on PostgreSQL from any server
   * instance sharing the database. PostgreSQL listens on a dedicated connection that
   * reconnects when it drops; notifications sent meanwhile are lost, so `events.onGap` is
   * called once it listens again (listeners catch up by other means). Resolves once
   * listening; the returned function stops. `close()` stops every listener.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    events?: ListenEvents,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface ListenEvents {
  /** Notifications may have been missed (the listening connection was re-established). */
  readonly onGap?: () => void;
  /** The listening connection failed; it is being re-established. */
  readonly onError?: (error: unknown) => void;
}

/** Channel names are plain identifiers: they are spliced into LISTEN statements. */
const CHANNEL_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

function checkChannel(channel: string): void {
  if (!CHANNEL_PATTERN.test(channel)) throw new Error(`invalid channel name: ${channel}`);
}

export type StorageConfig =
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | { readonly kind: 'postgres'; readonly url: string };

/** Opens the configured database. Fails with `store.unavailable` when it cannot be reached. */
export async function openDatabase(storage: StorageConfig): Promise<Database> {
  return storage.kind === 'pglite' ? openPglite(storage.dataDir) : openPostgres(storage.url);
}

/** The folder inside TOWN_DATA_DIR that holds PGlite's files (beside the lock file). */
export const PGLITE_SUBDIR = 'pgdata';

/**
 * An embedded PGlite database in `<dataDir>/pgdata`, or in memory when `dataDir` is
 * undefined (tests). The caller holds the data directory lock (data-dir-lock.ts).
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  let pglite: PGlite;
  try {
    if (dataDir === undefined) {
      pglite = await PGlite.create();
    } else {
      const files = join(dataDir, PGLITE_SUBDIR);
      await mkdir(files, { recursive: true });
      pglite = await PGlite.create(files);
    }
  } catch (error) {
    throw new CodedError('store.unavailable', {
      target: dataDir ?? 'memory',
      reason: reasonOf(error),
    });
  }
  const description = dataDir === undefined ? 'PGlite (memory)' : `PGlite ${dataDir}`;

  interface PgliteHandle {
    query(text: string, params?: unknown[]): Promise<{ rows: Row[]; affectedRows?: number }>;
    exec(sql: string): Promise<unknown>;
  }
  const wrap = (handle: PgliteHandle, inTransaction: boolean): Db => {
    const db: Db = {
      kind: 'pglite',
      query: typedQuery(async (text, params) => {
        const result = await handle.query(text, params);
        return { rows: result.rows, rowCount: result.rows.length || (result.affectedRows ?? 0) };
      }),
      async exec(sql) {
        await handle.exec(sql);
      },
      transaction(fn) {
        return inTransaction ? fn(db) : pglite.transaction((tx) => fn(wrap(tx, true)));
      },
    };
    return db;
  };
  const stops = new Set<() => Promise<void>>();
  return {
    ...wrap(pglite, false),
    description,
    async listen(channel, onNotify) {
      checkChannel(channel);
      // One PGlite instance is one connection: nothing to lose, so no gaps to report.
      const unlisten = await pglite.listen(channel, onNotify);
      const stop = async (): Promise<void> => {
        if (!stops.delete(stop)) return;
        if (!pglite.closed) await unlisten();
      };
      stops.add(stop);
      return stop;
    },
    async close() {
      for (const stop of [...stops]) await stop();
      await pglite.close();
    },
  };
}

/** A PostgreSQL pool on `url` (postgres://user:password@host:port/database). */
export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its connection emits 'error' on the pool; without a listener
  // that would crash the process. The next query reports the failure instead.
  pool.on('error', () => undefined);
  const description = `PostgreSQL ${describePostgresUrl(url)}`;
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new CodedError('store.unavailable', {
      target: describePostgresUrl(url),
      reason: reasonOf(error),
    });
  }

  const wrapClient = (client: pg.PoolClient): Db => {
    const db: Db = {
      kind: 'postgres',
      query: typedQuery(async (text, params) => {
        const result = await client.query<Row>(text, params);
        return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
      }),
      async exec(sql) {
        await client.query(sql);
      },
      transaction: (fn) => fn(db),
    };
    return db;
  };

  const stops = new Set<() => Promise<void>>();
  return {
    kind: 'postgres',
    description,
    async listen(channel, onNotify, events = {}) {
      checkChannel(channel);
      const stop = await listenPostgres(url, channel, onNotify, events, () => stops.delete(stop));
      stops.add(stop);
      return stop;
    },
    query: typedQuery(async (text, params) => {
      const result = await pool.query<Row>(text, params);
      return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
    }),
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const value = await fn(wrapClient(client));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // The connection itself failed: do not hand it back to the pool.
          broken =
            rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      for (const stop of [...stops]) await stop();
      await pool.end();
    },
  };
}

const RECONNECT_FIRST_MS = 100;
const RECONNECT_MAX_MS = 5_000;

/**
 * LISTEN on a dedicated client (a pooled one would be handed to other queries). When the
 * connection drops it reconnects with backoff, then reports the gap.
 */
async function listenPostgres(
  url: string,
  channel: string,
  onNotify: (payload: string) => void,
  events: ListenEvents,
  forget: () => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let delay = RECONNECT_FIRST_MS;

  const connect = async (): Promise<void> => {
    const candidate = new pg.Client({ connectionString: url });
    // A dropped connection emits 'error' and then 'end'; 'end' drives the reconnection.
    candidate.on('error', (error) => events.onError?.(error));
    candidate.on('notification', (message) => {
      if (message.channel === channel) onNotify(message.payload ?? '');
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${channel}`);
    } catch (error) {
      await candidate.end().catch(() => undefined);
      throw error;
    }
    candidate.on('end', () => {
      if (stopped || client !== candidate) return;
      client = undefined;
      reconnectLater();
    });
    client = candidate;
  };

  const reconnectLater = (): void => {
    timer = setTimeout(() => {
      timer = undefined;
      connect().then(
        () => {
          delay = RECONNECT_FIRST_MS;
          if (stopped) void client?.end();
          else events.onGap?.();
        },
        (error: unknown) => {
          events.onError?.(error);
          delay = Math.min(delay * 2, RECONNECT_MAX_MS);
          if (!stopped) reconnectLater();
        },
      );
    }, delay);
    // A reconnection loop alone must not keep the process alive.
    timer.unref();
  };

  await connect();
  return async () => {
    if (stopped) return;
    stopped = true;
    forget();
    if (timer !== undefined) clearTimeout(timer);
    const open = client;
    client = undefined;
    await open?.end();
  };
}

/**
 * Gives a driver call the generic signature of `Db.query`. The drivers return untyped rows;
 * the row type a caller names is its promise about its own SQL.
 */
function typedQuery(
  run: (text: string, params: unknown[]) => Promise<QueryResult<Row>>,
): Db['query'] {
  return ((text: string, params: readonly unknown[] = []) => run(text, [...params])) as Db['query'];
}

/** host:port/database (user) of a PostgreSQL URL, without the password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
    const port = parsed.port || '5432';
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default)';
    const user = parsed.username ? ` (${decodeURIComponent(parsed.username)})` : '';
    return `${host}:${port}/${database}${user}`;
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** PostgreSQL error code (SQLSTATE) of a driver error, if any. */
export function sqlStateOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}
