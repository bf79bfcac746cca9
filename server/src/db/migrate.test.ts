import { describe, expect, it } from 'vitest';
import { CodedError } from '../../../shared/errors.ts';
import { BACKENDS, useBackend } from '../../test/backends.ts';
import { appliedMigrations, loadMigrations, migrate, type Migration } from './migrate.ts';

async function tableNames(db: {
  query: (text: string) => Promise<{ rows: Record<string, unknown>[] }>;
}): Promise<string[]> {
  const result = await db.query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return result.rows.map((row) => String(row['table_name']));
}

describe('migration files', () => {
  it('are named by timestamp and loaded in name order', async () => {
    const migrations = await loadMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    for (const migration of migrations) expect(migration.name).toMatch(/^\d{8}T\d{6}_[a-z0-9_]+$/);
    const names = migrations.map((migration) => migration.name);
    expect(names).toEqual([...names].sort());
  });
});

describe.each(BACKENDS)('on %s', (kind) => {
  const backend = useBackend(kind);

  describe('migrations', () => {
    it('create every table on an empty database and record each migration', async () => {
      const db = await backend.fresh({ migrated: false });
      const migrations = await loadMigrations();

      const report = await migrate(db, migrations);

      expect(report.applied).toEqual(migrations.map((migration) => migration.name));
      expect(await appliedMigrations(db)).toEqual(migrations.map((migration) => migration.name));
      expect(await tableNames(db)).toEqual([
        'devices',
        'documents',
        'login_attempts',
        'login_locks',
        'refresh_tokens',
        'schema_migrations',
        'server_secrets',
        'sessions',
        'store_counter',
        'subject_figures',
        'township_keys',
        'townships',
        'users',
        'villages',
      ]);
    });

    it('apply nothing on a second run and keep the data', async () => {
      const db = await backend.fresh({ migrated: false });
      const migrations = await loadMigrations();
      await migrate(db, migrations);
      await db.query("INSERT INTO townships (code, name) VALUES ('320321100', '新城镇')");

      const again = await migrate(db, migrations);

      expect(again.applied).toEqual([]);
      const townships = await db.query('SELECT code FROM townships');
      expect(townships.rows).toEqual([{ code: '320321100' }]);
    });

    it('apply only the migrations added since the last run', async () => {
      const db = await backend.fresh({ migrated: false });
      const migrations = await loadMigrations();
      await migrate(db, migrations);
      const added: Migration = {
        name: '29991231T235959_add_note',
        sql: 'ALTER TABLE townships ADD COLUMN note text;',
      };

      const report = await migrate(db, [...migrations, added]);

      expect(report.applied).toEqual([added.name]);
      await db.query(
        "INSERT INTO townships (code, name, note) VALUES ('320321100', '新城镇', 'x')",
      );
    });

    it('refuse a database migrated by a newer server and leave it untouched', async () => {
      const db = await backend.fresh({ migrated: false });
      const migrations = await loadMigrations();
      const newer: Migration = {
        name: '29991231T235959_from_the_future',
        sql: 'CREATE TABLE future_things (id int);',
      };
      await migrate(db, [...migrations, newer]);

      const error = await migrate(db, migrations).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(CodedError);
      expect((error as CodedError).code).toBe('store.newer-than-server');
      expect((error as CodedError).params['migration']).toBe(newer.name);
      expect(await appliedMigrations(db)).toContain(newer.name);
      expect(await tableNames(db)).toContain('future_things');
    });

    it('roll back a failing migration completely and report which one failed', async () => {
      const db = await backend.fresh({ migrated: false });
      const migrations = await loadMigrations();
      const broken: Migration = {
        name: '29991231T235959_broken',
        sql: 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;',
      };

      const error = await migrate(db, [...migrations, broken]).catch((caught: unknown) => caught);

      expect((error as CodedError).code).toBe('store.migration-failed');
      expect((error as CodedError).params['migration']).toBe(broken.name);
      // The migrations before it stay applied; nothing of the broken one remains.
      expect(await appliedMigrations(db)).toEqual(migrations.map((migration) => migration.name));
      expect(await tableNames(db)).not.toContain('half_done');
    });
  });

  describe('migration 20261122T090000_places_and_documents', () => {
    it('refuses a village whose code does not start with its township code', async () => {
      const db = await backend.fresh();
      await db.query(
        "INSERT INTO townships (code, name) VALUES ('320321100', '新城镇'), ('320321101', '老城镇')",
      );

      await expect(
        db.query(
          "INSERT INTO villages (code, township_code, name) VALUES ('320321101201', '320321100', '王庄村')",
        ),
      ).rejects.toThrow(/villages_code_in_township/);
      await db.query(
        "INSERT INTO villages (code, township_code, name) VALUES ('320321100201', '320321100', '王庄村')",
      );
    });

    it('refuses malformed codes, empty names and villages of unknown townships', async () => {
      const db = await backend.fresh();
      await expect(
        db.query("INSERT INTO townships (code, name) VALUES ('32032110', '新城镇')"),
      ).rejects.toThrow();
      await expect(
        db.query("INSERT INTO townships (code, name) VALUES ('320321100', '')"),
      ).rejects.toThrow();
      await expect(
        db.query(
          "INSERT INTO villages (code, township_code, name) VALUES ('320321100201', '320321100', '王庄村')",
        ),
      ).rejects.toThrow();
    });

    it('starts the document counter at zero and keeps sequence numbers unique', async () => {
      const db = await backend.fresh();
      expect(
        (await db.query('SELECT value FROM store_counter')).rows.map((row) => Number(row['value'])),
      ).toEqual([0]);
      await db.query("INSERT INTO townships (code, name) VALUES ('320321100', '新城镇')");
      await db.query(
        "INSERT INTO documents (collection, id, township_code, seq, data) VALUES ('catalog', 'a', '320321100', 1, '{}')",
      );
      await expect(
        db.query(
          "INSERT INTO documents (collection, id, township_code, seq, data) VALUES ('catalog', 'b', '320321100', 1, '{}')",
        ),
      ).rejects.toThrow();
      await expect(
        db.query(
          "INSERT INTO documents (collection, id, township_code, seq, data) VALUES ('catalog', 'c', '320321100', 2, '[1]')",
        ),
      ).rejects.toThrow();
      await expect(
        db.query('INSERT INTO store_counter (id, value) VALUES (false, 0)'),
      ).rejects.toThrow();
    });
  });
});
