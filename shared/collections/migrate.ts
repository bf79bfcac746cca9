/**
 * The migration harness: pure functions the tests, the renderer (through RxDB's
 * migration-schema plugin) and the town server (when it upgrades stored documents) share.
 */
import { CodedError } from '../errors.ts';
import type { CollectionDefinition, MigrationDoc, Migrations } from './definition.ts';
import { COLLECTIONS, MAX_COLLECTIONS, type Registry } from './index.ts';
import { COLLECTION_NAMES, type CollectionName } from './plan.ts';
import type { JsonSchemaProperty } from './schema.ts';

/** What migrateDocument needs of a collection: its current version and its steps. */
export interface Migratable {
  readonly schema: {
    readonly title: string;
    readonly version: number;
    readonly [keyword: string]: unknown;
  };
  readonly migrations: Migrations;
}

/**
 * Brings a stored document from `fromVersion` to the collection's current version by
 * applying each step in order. Throws a CodedError:
 * - 'localdb.newer-than-app' when the document is newer than this code knows;
 * - 'localdb.migration-failed' when a step is missing, throws, or returns no object.
 */
export function migrateDocument(
  collection: CollectionName | Migratable,
  doc: MigrationDoc,
  fromVersion: number,
): MigrationDoc {
  const definition: Migratable =
    typeof collection === 'string' ? COLLECTIONS[collection] : collection;
  const name = definition.schema.title;
  const target = definition.schema.version;
  if (!Number.isInteger(fromVersion) || fromVersion < 0) {
    throw new CodedError('localdb.migration-failed', {
      collection: name,
      version: String(fromVersion),
    });
  }
  if (fromVersion > target) {
    throw new CodedError('localdb.newer-than-app', {
      collection: name,
      stored: fromVersion,
      app: target,
    });
  }
  let current = doc;
  for (let version = fromVersion + 1; version <= target; version++) {
    const step = definition.migrations[version];
    if (step === undefined) {
      throw new CodedError('localdb.migration-failed', { collection: name, version });
    }
    let next: unknown;
    try {
      next = step(current);
    } catch {
      throw new CodedError('localdb.migration-failed', { collection: name, version });
    }
    if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      throw new CodedError('localdb.migration-failed', { collection: name, version });
    }
    current = next as MigrationDoc;
  }
  return current;
}

/**
 * Structural rules of the plan, as a list of problems (empty when sound). Developer
 * diagnostics for tests, not user-visible text.
 */
export function checkRegistry(registry: Registry = COLLECTIONS): string[] {
  const problems: string[] = [];
  const names = Object.keys(registry);
  if (names.length > MAX_COLLECTIONS)
    problems.push(`${names.length} collections, at most ${MAX_COLLECTIONS}`);
  for (const name of COLLECTION_NAMES) {
    if (!(name in registry)) problems.push(`${name}: missing from the registry`);
  }
  for (const name of COLLECTION_NAMES) {
    const definition = registry[name] as CollectionDefinition<unknown> | undefined;
    if (definition === undefined) continue;
    problems.push(...checkCollection(name, definition).map((problem) => `${name}: ${problem}`));
  }
  return problems;
}

export function checkMigrationKeys(version: number, migrations: Migrations): string[] {
  const problems: string[] = [];
  const keys = Object.keys(migrations)
    .map(Number)
    .sort((a, b) => a - b);
  const highest = keys.length === 0 ? 0 : (keys[keys.length - 1] ?? 0);
  if (highest !== version)
    problems.push(`schema version ${version} but highest migration ${highest}`);
  keys.forEach((key, index) => {
    if (key !== index + 1)
      problems.push(`migration keys must run 1..${version} without gaps; found ${keys.join(',')}`);
  });
  for (const [key, step] of Object.entries(migrations)) {
    if (typeof step !== 'function') problems.push(`migration ${key} is not a function`);
  }
  return [...new Set(problems)];
}

function checkCollection(name: string, definition: CollectionDefinition<unknown>): string[] {
  const problems: string[] = [];
  const schema = definition.schema as unknown as {
    title: string;
    version: number;
    primaryKey: string;
    properties: { readonly [field: string]: JsonSchemaProperty };
    required: readonly string[];
    indexes: readonly (readonly string[])[];
  };
  if (schema.title !== name) problems.push(`schema title ${schema.title}`);
  if (!Number.isInteger(schema.version) || schema.version < 0)
    problems.push(`schema version ${schema.version}`);
  problems.push(...checkMigrationKeys(schema.version, definition.migrations));

  const properties = Object.keys(schema.properties);
  for (const field of schema.required) {
    if (!properties.includes(field)) problems.push(`required field ${field} has no property`);
  }
  if (!schema.required.includes(schema.primaryKey)) problems.push('primary key is not required');

  for (const index of schema.indexes) {
    for (const field of index) {
      const property = schema.properties[field];
      if (!schema.required.includes(field)) problems.push(`index field ${field} is not required`);
      if (property === undefined) continue;
      if (property.type === 'string' && property.maxLength === undefined) {
        problems.push(`index field ${field} has no maxLength`);
      }
      if (
        (property.type === 'integer' || property.type === 'number') &&
        (property.minimum === undefined ||
          property.maximum === undefined ||
          property.multipleOf === undefined)
      ) {
        problems.push(`index field ${field} needs minimum, maximum and multipleOf`);
      }
      if (
        property.type !== 'string' &&
        property.type !== 'integer' &&
        property.type !== 'number' &&
        property.type !== 'boolean'
      ) {
        problems.push(`index field ${field} has type ${property.type}`);
      }
    }
  }

  const fields = definition.merge.fields as { readonly [field: string]: string };
  for (const field of properties) {
    if (!(field in fields)) problems.push(`field ${field} has no merge class`);
  }
  for (const field of Object.keys(fields)) {
    if (!properties.includes(field)) problems.push(`merge class for unknown field ${field}`);
    if (fields[field] === 'workflow') {
      const spec = definition.merge.workflows[field];
      const states = schema.properties[field]?.enum;
      if (spec === undefined) {
        problems.push(`workflow field ${field} has no workflow`);
      } else if (states !== undefined) {
        const specStates = Object.keys(spec.next).sort();
        const schemaStates = states.map(String).sort();
        if (specStates.join() !== schemaStates.join())
          problems.push(`workflow ${field} states differ from the schema enum`);
        for (const state of [...spec.initial, ...Object.values(spec.next).flat()]) {
          if (!specStates.includes(state))
            problems.push(`workflow ${field} names unknown state ${state}`);
        }
      }
    }
  }
  for (const field of Object.keys(definition.merge.workflows)) {
    if (fields[field] !== 'workflow')
      problems.push(`workflow for ${field}, which is not a workflow field`);
  }
  for (const field of definition.merge.townshipWritable as readonly string[]) {
    if (fields[field] === 'immutable')
      problems.push(`township-writable field ${field} is immutable`);
  }
  return problems;
}
