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
  close(): Promise<void>;
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
  return {
    ...wrap(pglite, false),
    description,
    close: () => pglite.close(),
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

  return {
    kind: 'postgres',
    description,
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
    close: () => pool.end(),
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
