import type { MergeSpec } from './merge.ts';
import type { CollectionSchema } from './schema.ts';

/**
 * A stored document as a migration step sees it: plain JSON of some older version. Steps
 * must pass through fields they do not know (RxDB hands them `_attachments` too).
 */
export type MigrationDoc = { readonly [field: string]: unknown };

/**
 * One schema step, version N-1 → N. Pure and synchronous; it never deletes a document
 * (returning null would make RxDB drop it, and data is never deleted). Copy any logic it
 * needs into the step instead of importing live domain code: the step must keep meaning
 * what it meant when it was written (STYLE.md, Migrations).
 */
export type MigrationStep = (oldDoc: MigrationDoc) => MigrationDoc;

/** version → the step that produces that version from the previous one. */
export type Migrations = { readonly [version: number]: MigrationStep };

export interface CollectionDefinition<Doc> {
  readonly schema: CollectionSchema<Doc>;
  readonly migrations: Migrations;
  readonly merge: MergeSpec<Doc>;
}
