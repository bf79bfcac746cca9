/**
 * Schema validation of every write to the local storage.
 *
 * Each collection's schema is compiled once into checking functions
 * (shared/collections/schema-validator.ts): about 4 µs per ledger event in Node, where
 * RxDB's z-schema validator took 75 µs even with each schema registered once (z-schema walks
 * the whole schema and re-checks every pattern for ReDoS on every document), a fifth of a
 * first sync's main thread. ajv is not an option: it compiles with `new Function`, which the
 * app's CSP (no 'unsafe-eval') forbids. validation.test.ts holds the compiled validators to
 * z-schema's verdicts.
 */
import {
  META_INSTANCE_SCHEMA_TITLE,
  wrappedValidateStorageFactory,
  type RxJsonSchema,
  type RxValidationError,
} from 'rxdb';
import { compileSchemaValidator } from '../../../shared/collections/schema-validator.ts';

const NOTHING_TO_REPORT = (): RxValidationError[] => [];

/** The validator RxDB calls for each document written with `schema`. */
export function validatorOf(schema: RxJsonSchema<unknown>): (doc: unknown) => RxValidationError[] {
  // RxDB's replication bookkeeping (a checkpoint, or the server's copy of a document that
  // was itself validated when it was written to its collection) is written by RxDB alone:
  // checking it again was about 6% of a first sync.
  if (schema.title === META_INSTANCE_SCHEMA_TITLE) return NOTHING_TO_REPORT;
  return compileSchemaValidator(schema);
}

/** Wraps a storage so that every written document is validated against its schema. */
export const wrappedValidateCompiledStorage = wrappedValidateStorageFactory(
  validatorOf,
  'compiled-schema',
);
