/**
 * journal — append-only records of what people did with the files: print jobs (every
 * printout's serial number and verification code), the query log (查询记录: who looked at
 * or revealed whose file, for what purpose — the resident may see it) and the audit log
 * (who changed what). Nothing here is ever edited; `kind` tells them apart.
 *
 * Serial numbers must be unique across offline devices without coordination, so they are
 * built from the village code, the year, the device and a per-device counter (kept in the
 * device's local documents); the verification code is random and checked at the township.
 */
import type { CollectionDefinition } from './definition.ts';
import { BASE_FIELD_CLASSES } from './merge.ts';
import {
  BASE_PROPERTIES,
  BASE_REQUIRED,
  ID_LIST_PROPERTY,
  REF_PROPERTY,
  SHORT_TEXT,
  SUBJECT_TYPE_PROPERTY,
  type CollectionSchema,
  type DocumentBase,
  type SubjectType,
} from './schema.ts';

export type PrintedDocument =
  | 'credit-report'
  | 'passbook'
  | 'yearly-sheet'
  | 'notice-sheet'
  | 'list-sheet'
  | 'commitment-form'
  | 'receipt'
  | 'referral-letter';

export type QueryAction = 'view' | 'reveal-id' | 'export';

interface JournalCommon extends DocumentBase {
  /** The resident or household concerned; '' when none (e.g. a settings change). */
  readonly subjectId: string;
  readonly subjectType?: SubjectType;
  /** Why (查询目的): required by the domain code for views, reveals and prints of personal files. */
  readonly purpose: string;
}

export interface PrintEntry extends JournalCommon {
  readonly kind: 'print';
  readonly document: PrintedDocument;
  /** e.g. '320581101201-2025-D7K2-000123'. */
  readonly serialNo: string;
  /** Printed beside the QR code; the township checks serial + code. */
  readonly verificationCode: string;
  /** SHA-256 (hex) of the printed content, to prove a presented paper is unaltered. */
  readonly contentHash: string;
  /** The documents printed (events on a passbook page, a notice, a redemption …). */
  readonly targetIds: readonly string[];
  readonly pages: number;
}

export interface QueryEntry extends JournalCommon {
  readonly kind: 'query';
  readonly action: QueryAction;
}

export interface AuditEntry extends JournalCommon {
  readonly kind: 'audit';
  /** A code such as 'resident.update', 'household.split', 'event.review' (never prose). */
  readonly action: string;
  readonly targetCollection: string;
  readonly targetId: string;
  /** Names of the fields changed (values stay in the documents and their history). */
  readonly changedFields: readonly string[];
}

export type JournalDoc = PrintEntry | QueryEntry | AuditEntry;

export const journalSchema = {
  title: 'journal',
  description:
    'Append-only journal: print jobs (serial, verification code), query log (查询记录), audit log.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...BASE_PROPERTIES,
    kind: { type: 'string', maxLength: 10, enum: ['print', 'query', 'audit'] },
    subjectId: REF_PROPERTY,
    subjectType: SUBJECT_TYPE_PROPERTY,
    purpose: SHORT_TEXT,
    document: {
      type: 'string',
      enum: [
        'credit-report',
        'passbook',
        'yearly-sheet',
        'notice-sheet',
        'list-sheet',
        'commitment-form',
        'receipt',
        'referral-letter',
      ],
    },
    serialNo: { type: 'string', minLength: 1, maxLength: 64 },
    verificationCode: { type: 'string', minLength: 4, maxLength: 32 },
    contentHash: { type: 'string', maxLength: 64, pattern: '^[0-9a-f]{64}$' },
    targetIds: ID_LIST_PROPERTY,
    pages: { type: 'integer', minimum: 1, maximum: 10_000 },
    action: { type: 'string', minLength: 1, maxLength: 60 },
    targetCollection: { type: 'string', maxLength: 40 },
    targetId: REF_PROPERTY,
    changedFields: { type: 'array', maxItems: 200, items: { type: 'string', maxLength: 100 } },
  },
  required: [...BASE_REQUIRED, 'kind', 'subjectId', 'purpose'],
  indexes: [
    ['subjectId', 'createdAt'],
    ['kind', 'createdAt'],
  ],
  additionalProperties: false,
} as const satisfies CollectionSchema<JournalDoc>;

export const journal = {
  schema: journalSchema,
  migrations: {},
  merge: {
    fields: {
      ...BASE_FIELD_CLASSES,
      kind: 'immutable',
      subjectId: 'immutable',
      subjectType: 'immutable',
      purpose: 'immutable',
      document: 'immutable',
      serialNo: 'immutable',
      verificationCode: 'immutable',
      contentHash: 'immutable',
      targetIds: 'immutable',
      pages: 'immutable',
      action: 'immutable',
      targetCollection: 'immutable',
      targetId: 'immutable',
      changedFields: 'immutable',
    },
    workflows: {},
    townshipWritable: [],
  },
} as const satisfies CollectionDefinition<JournalDoc>;
