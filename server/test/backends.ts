/**
 * The two databases the server runs on, for suites that must hold on both:
 *
 *   describe.each(BACKENDS)('… on %s', (kind) => {
 *     const backend = useBackend(kind);          // started once per file
 *     it('…', async () => { const db = await backend.fresh(); … });
 *   });
 *
 * `fresh()` hands out an empty, migrated database: a new database on the throwaway
 * PostgreSQL cluster, or the file's one in-memory PGlite with its schema reset (PGlite
 * takes seconds to start, so there is one per file).
 */
import { afterAll, beforeAll } from 'vitest';
import { openPglite, openPostgres, type Database } from '../src/db/database.ts';
import { loadMigrations, migrate } from '../src/db/migrate.ts';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.ts';

export type BackendKind = 'PGlite' | 'PostgreSQL';
export const BACKENDS: readonly BackendKind[] = ['PGlite', 'PostgreSQL'];

export interface TestBackend {
  readonly kind: BackendKind;
  /** An empty database; migrated unless `{ migrated: false }`. Closed after the file. */
  fresh(options?: { readonly migrated?: boolean }): Promise<Database>;
  /** A second, independent connection to the latest fresh database (PostgreSQL only). */
  reopen(): Promise<Database>;
}

export function useBackend(kind: BackendKind): TestBackend {
  let cluster: PostgresCluster | undefined;
  let pglite: Database | undefined;
  let latestUrl: string | undefined;
  const opened: Database[] = [];

  beforeAll(async () => {
    if (kind === 'PostgreSQL') cluster = await startPostgresCluster();
    else pglite = await openPglite();
  });

  afterAll(async () => {
    for (const db of opened.splice(0)) await db.close();
    await pglite?.close();
    await cluster?.stop();
  });

  return {
    kind,
    async fresh({ migrated = true } = {}) {
      let db: Database;
      if (kind === 'PostgreSQL') {
        if (cluster === undefined) throw new Error('cluster not started');
        // Earlier databases of this file are no longer needed: free their connections.
        for (const old of opened.splice(0)) await old.close();
        latestUrl = await cluster.createDatabase();
        db = await openPostgres(latestUrl);
        opened.push(db);
      } else {
        if (pglite === undefined) throw new Error('PGlite not started');
        await pglite.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
        db = pglite;
      }
      if (migrated) await migrate(db, await loadMigrations());
      return db;
    },
    async reopen() {
      if (latestUrl === undefined)
        throw new Error('reopen() needs PostgreSQL and a fresh() database');
      const db = await openPostgres(latestUrl);
      opened.push(db);
      return db;
    },
  };
}
