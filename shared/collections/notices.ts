/**
 * notices — 公示 batches: a list of entries, ratings, list entries or loan referrals posted
 * on the village notice board for N days with an objection contact, then printed (the
 * print itself is a journal entry with its serial number). Small: a few per month.
 */
import type { CollectionDefinition } from './definition.ts';
import { BASE_FIELD_CLASSES, type WorkflowSpec } from './merge.ts';
import {
  BASE_PROPERTIES,
  BASE_REQUIRED,
  DATE_PROPERTY,
  ID_LIST_PROPERTY,
  LONG_TEXT,
  SHORT_TEXT,
  STAMP_PROPERTIES,
  type CollectionSchema,
  type DocumentBase,
  type Stamp,
} from './schema.ts';

/** What the batch lists: ledger entries, ratings, red/black/honour list entries, loan referrals. */
export type NoticeTarget = 'events' | 'ratings' | 'list-entries' | 'referrals';

/** draft → published → closed; a draft or a published batch may be withdrawn. */
export type NoticeStatus = 'draft' | 'published' | 'closed' | 'withdrawn';

export const NOTICE_WORKFLOW = {
  initial: ['draft'],
  next: {
    draft: ['published', 'withdrawn'],
    published: ['closed', 'withdrawn'],
    closed: [],
    withdrawn: [],
  },
} as const satisfies WorkflowSpec<NoticeStatus>;

export interface NoticeDoc extends DocumentBase {
  readonly target: NoticeTarget;
  readonly title: string;
  /** The documents listed (ids in the collection named by `target`). Fixed once published. */
  readonly itemIds: readonly string[];
  readonly days: number;
  readonly startsOn: string;
  readonly endsOn: string;
  /** 异议联系人 and phone, as printed. */
  readonly objectionContact: string;
  readonly status: NoticeStatus;
  readonly published?: Stamp;
  readonly closed?: Stamp;
  readonly note: string;
}

export const noticesSchema = {
  title: 'notices',
  description:
    'Public notice batches (公示) with their period, listed items and objection contact.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...BASE_PROPERTIES,
    target: { type: 'string', enum: ['events', 'ratings', 'list-entries', 'referrals'] },
    title: SHORT_TEXT,
    itemIds: ID_LIST_PROPERTY,
    days: { type: 'integer', minimum: 1, maximum: 90 },
    startsOn: DATE_PROPERTY,
    endsOn: DATE_PROPERTY,
    objectionContact: SHORT_TEXT,
    status: { type: 'string', maxLength: 20, enum: ['draft', 'published', 'closed', 'withdrawn'] },
    published: {
      type: 'object',
      additionalProperties: false,
      required: ['by', 'at'],
      properties: STAMP_PROPERTIES,
    },
    closed: {
      type: 'object',
      additionalProperties: false,
      required: ['by', 'at'],
      properties: STAMP_PROPERTIES,
    },
    note: LONG_TEXT,
  },
  required: [
    ...BASE_REQUIRED,
    'target',
    'title',
    'itemIds',
    'days',
    'startsOn',
    'endsOn',
    'objectionContact',
    'status',
    'note',
  ],
  indexes: [['status', 'endsOn']],
  additionalProperties: false,
} as const satisfies CollectionSchema<NoticeDoc>;

export const notices = {
  schema: noticesSchema,
  migrations: {},
  merge: {
    fields: {
      ...BASE_FIELD_CLASSES,
      target: 'immutable',
      // A draft's contents are edited; once published the app stops editing them and the
      // printed sheet (journal) is the record of what was posted.
      title: 'editable',
      itemIds: 'editable',
      days: 'editable',
      startsOn: 'editable',
      endsOn: 'editable',
      objectionContact: 'editable',
      note: 'editable',
      status: 'workflow',
      published: 'write-once',
      closed: 'write-once',
    },
    workflows: { status: NOTICE_WORKFLOW },
    townshipWritable: [],
  },
} as const satisfies CollectionDefinition<NoticeDoc>;
