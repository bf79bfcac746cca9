import { describe, expect, it } from 'vitest';
import type { MigrationDoc } from './definition.ts';
import { COLLECTIONS, MAX_COLLECTIONS, schemaVersions, type Registry } from './index.ts';
import { checkMigrationKeys, checkRegistry } from './migrate.ts';
import { COLLECTION_NAMES, COLLECTION_OWNER } from './plan.ts';

describe('the collection plan', () => {
  it('has one definition for each of the twelve fixed collection names, within the free limit', () => {
    expect(Object.keys(COLLECTIONS).sort()).toEqual([...COLLECTION_NAMES].sort());
    expect(COLLECTION_NAMES.length).toBeLessThanOrEqual(MAX_COLLECTIONS);
    expect(MAX_COLLECTIONS).toBeLessThan(13);
  });

  it('is structurally sound: versions match migrations, index fields are required and bounded, every field is classified for merging', () => {
    expect(checkRegistry()).toEqual([]);
  });

  it('leaves the catalog as the only township-owned collection, with a villageCode that may be empty', () => {
    const township = COLLECTION_NAMES.filter((name) => COLLECTION_OWNER[name] === 'township');
    expect(township).toEqual(['catalog']);
    expect(COLLECTIONS.catalog.schema.properties.villageCode.pattern).toBe('^([0-9]{12}|)$');
    expect(COLLECTIONS.events.schema.properties.villageCode.pattern).toBe('^[0-9]{12}$');
  });

  it('reports the schema version of every collection for the sync handshake', () => {
    const versions = schemaVersions();
    expect(Object.keys(versions).sort()).toEqual([...COLLECTION_NAMES].sort());
    for (const name of COLLECTION_NAMES)
      expect(versions[name]).toBe(COLLECTIONS[name].schema.version);
  });

  it('keeps the 300,000-document ledger to two indexes', () => {
    expect(COLLECTIONS.events.schema.indexes).toHaveLength(2);
  });
});

describe('checkRegistry', () => {
  it('catches an index on a field that is not required', () => {
    const broken = {
      ...COLLECTIONS,
      events: {
        ...COLLECTIONS.events,
        schema: { ...COLLECTIONS.events.schema, indexes: [['status', 'noticeId']] },
      },
    } as unknown as Registry;
    expect(checkRegistry(broken)).toEqual(['events: index field noticeId is not required']);
  });

  it('catches a schema version without its migration step', () => {
    const broken = {
      ...COLLECTIONS,
      journal: { ...COLLECTIONS.journal, schema: { ...COLLECTIONS.journal.schema, version: 1 } },
    } as unknown as Registry;
    expect(checkRegistry(broken)).toContain('journal: schema version 1 but highest migration 0');
  });

  it('catches a field with no merge class and a workflow that disagrees with the schema', () => {
    const { note: _note, ...fields } = COLLECTIONS.redemptions.merge.fields;
    const broken = {
      ...COLLECTIONS,
      redemptions: {
        ...COLLECTIONS.redemptions,
        merge: {
          ...COLLECTIONS.redemptions.merge,
          fields,
          workflows: {
            status: { initial: ['requested'], next: { requested: ['fulfilled'], fulfilled: [] } },
          },
        },
      },
    } as unknown as Registry;
    expect(checkRegistry(broken)).toEqual([
      'redemptions: field note has no merge class',
      'redemptions: workflow status states differ from the schema enum',
    ]);
  });

  it('requires migration keys to run from 1 to the version without gaps', () => {
    const step = (doc: MigrationDoc) => doc;
    expect(checkMigrationKeys(2, { 1: step, 2: step })).toEqual([]);
    expect(checkMigrationKeys(0, {})).toEqual([]);
    expect(checkMigrationKeys(3, { 1: step, 3: step })).toEqual([
      'migration keys must run 1..3 without gaps; found 1,3',
    ]);
    expect(checkMigrationKeys(1, { 1: step, 2: step })).toEqual([
      'schema version 1 but highest migration 2',
    ]);
  });
});
