import { describe, expect, it } from 'vitest';
import { CodedError } from '../errors.ts';
import type { MigrationDoc } from './definition.ts';
import { schemaErrors } from './fixtures/json-schema.ts';
import { MIGRATION_FIXTURES } from './fixtures/migrations.ts';
import { COLLECTIONS } from './index.ts';
import { migrateDocument, type Migratable } from './migrate.ts';
import { COLLECTION_NAMES } from './plan.ts';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof CodedError ? error.code : 'not-coded';
  }
  return undefined;
}

/**
 * A test-only collection at version 2: v1 renamed `phone` to `phones` (a list), v2 added
 * `language` with a default. Its schema is the v2 shape.
 */
const contacts = {
  schema: {
    title: 'contacts',
    version: 2,
    type: 'object',
    additionalProperties: false,
    required: ['id', 'phones', 'language'],
    properties: {
      id: { type: 'string', maxLength: 64 },
      phones: { type: 'array', items: { type: 'string', maxLength: 20 } },
      language: { type: 'string', enum: ['zh-CN', 'en'] },
    },
  },
  migrations: {
    1: ({ phone, ...rest }: MigrationDoc) => ({
      ...rest,
      phones: typeof phone === 'string' && phone !== '' ? [phone] : [],
    }),
    2: (doc: MigrationDoc) => ({ ...doc, language: 'zh-CN' }),
  },
} as const satisfies Migratable;

describe('migrateDocument', () => {
  it('applies every step from the stored version to the current one, in order', () => {
    expect(migrateDocument(contacts, { id: 'a', phone: '13912345678' }, 0)).toEqual({
      id: 'a',
      phones: ['13912345678'],
      language: 'zh-CN',
    });
    expect(migrateDocument(contacts, { id: 'b', phones: [] }, 1)).toEqual({
      id: 'b',
      phones: [],
      language: 'zh-CN',
    });
  });

  it('returns a current document unchanged', () => {
    const doc = { id: 'c', phones: [], language: 'en' };
    expect(migrateDocument(contacts, doc, 2)).toEqual(doc);
  });

  it('passes through fields a step does not know, such as RxDB attachments', () => {
    const migrated = migrateDocument(
      contacts,
      { id: 'd', phone: '', _attachments: { 'a.jpg': {} } },
      0,
    );
    expect(migrated._attachments).toEqual({ 'a.jpg': {} });
  });

  it('refuses a document newer than the app with localdb.newer-than-app', () => {
    expect(codeOf(() => migrateDocument(contacts, { id: 'e' }, 3))).toBe('localdb.newer-than-app');
    expect(codeOf(() => migrateDocument('events', { id: 'e' }, 1))).toBe('localdb.newer-than-app');
  });

  it('reports a missing or throwing step as localdb.migration-failed', () => {
    const gap = {
      schema: { title: 'gap', version: 2 },
      migrations: { 2: (doc: MigrationDoc) => doc },
    };
    expect(codeOf(() => migrateDocument(gap, { id: 'f' }, 0))).toBe('localdb.migration-failed');
    const throwing = {
      schema: { title: 'throwing', version: 1 },
      migrations: {
        1: () => {
          throw new Error('boom');
        },
      },
    };
    expect(codeOf(() => migrateDocument(throwing, { id: 'g' }, 0))).toBe(
      'localdb.migration-failed',
    );
  });
});

describe('migration fixtures', () => {
  it.each(COLLECTION_NAMES)(
    'of %s migrate to documents valid against the current schema',
    (name) => {
      const fixtures = MIGRATION_FIXTURES[name];
      expect(fixtures.length).toBeGreaterThan(0);
      for (const fixture of fixtures) {
        const migrated = migrateDocument(name, fixture.doc, fixture.fromVersion);
        expect(schemaErrors(COLLECTIONS[name].schema, migrated)).toEqual([]);
        if (fixture.expected !== undefined) expect(migrated).toEqual(fixture.expected);
      }
    },
  );

  it('catch a deliberately bad migration step that drops a required field', () => {
    const bad = {
      ...contacts,
      migrations: {
        ...contacts.migrations,
        2: ({ phones: _phones, ...rest }: MigrationDoc) => ({ ...rest, language: 'zh-CN' }),
      },
    } satisfies Migratable;
    const migrated = migrateDocument(bad, { id: 'h', phone: '13912345678' }, 0);
    expect(schemaErrors(bad.schema, migrated)).toEqual(['#/: Missing required property: phones']);
    // The good steps produce a valid document from the same fixture.
    expect(
      schemaErrors(
        contacts.schema,
        migrateDocument(contacts, { id: 'h', phone: '13912345678' }, 0),
      ),
    ).toEqual([]);
  });
});
