/**
 * SQL migrations: timestamped files in server/migrations, applied in name order, each in
 * its own transaction and recorded in `schema_migrations`. A database that records a
 * migration this server does not know was migrated by a newer server: it is refused,
 * never altered.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CodedError } from '../../../shared/errors.ts';
import { reasonOf, type Db } from './database.ts';

export interface Migration {
  /** File name without `.sql`, e.g. `20261122T090000_places_and_documents`. */
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

const MIGRATION_FILE = /^(\d{8}T\d{6}_[a-z0-9_]+)\.sql$/;

// Serialises migrators that share one PostgreSQL (a server and the CLI starting together).
// Any constant works; this one spells "town" in ASCII.
const MIGRATION_LOCK_KEY = 0x746f776e;

export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = MIGRATION_FILE.exec(file);
    if (match?.[1] === undefined) {
      throw new CodedError('store.migration-failed', {
        migration: file,
        reason: 'file name must look like 20261122T090000_what_it_does.sql',
      });
    }
    migrations.push({ name: match[1], sql: await readFile(`${dir}/${file}`, 'utf8') });
  }
  return migrations;
}

export interface MigrationReport {
  /** Migrations applied by this run, in order (empty when the database was up to date). */
  readonly applied: readonly string[];
}

export async function migrate(db: Db, migrations: readonly Migration[]): Promise<MigrationReport> {
  const known = new Set(migrations.map((migration) => migration.name));
  const ordered = [...migrations].sort((a, b) => a.name.localeCompare(b.name));

  await db.transaction(async (tx) => {
    await lockMigrations(tx);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
  });

  const applied: string[] = [];
  for (const migration of ordered) {
    const ran = await db.transaction(async (tx) => {
      await lockMigrations(tx);
      const done = await appliedNames(tx);
      refuseNewer(done, known);
      if (done.has(migration.name)) return false;
      try {
        await tx.exec(migration.sql);
        await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [migration.name]);
      } catch (error) {
        throw new CodedError('store.migration-failed', {
          migration: migration.name,
          reason: reasonOf(error),
        });
      }
      return true;
    });
    if (ran) applied.push(migration.name);
  }
  if (ordered.length === 0) refuseNewer(await appliedNames(db), known);
  return { applied };
}

/** Names recorded in `schema_migrations`, in order. */
export async function appliedMigrations(db: Db): Promise<string[]> {
  return [...(await appliedNames(db))].sort();
}

async function lockMigrations(tx: Db): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
}

async function appliedNames(db: Db): Promise<Set<string>> {
  const result = await db.query<{ name: string }>('SELECT name FROM schema_migrations');
  return new Set(result.rows.map((row) => row.name));
}

function refuseNewer(applied: ReadonlySet<string>, known: ReadonlySet<string>): void {
  const unknown = [...applied].filter((name) => !known.has(name)).sort();
  const newest = unknown.at(-1);
  if (newest !== undefined) throw new CodedError('store.newer-than-server', { migration: newest });
}
