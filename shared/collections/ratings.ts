/**
 * ratings — periodic rating snapshots (评级) and red/black/honour list entries (红黑榜 /
 * 光荣榜). Both are published judgements about one subject, derived from the ledger at a
 * date, that go through public notice and have a validity period; `kind` tells them apart.
 *
 * A rating freezes the figures the engine computed (score, tier, balance) so that loans,
 * lists and printouts cite a fixed, noticed value; it is never recomputed in place — a
 * new period makes a new document. Up to ~10,000 subjects × a few periods a year.
 */
import type { CollectionDefinition } from './definition.ts';
import { BASE_FIELD_CLASSES, type WorkflowSpec } from './merge.ts';
import {
  BASE_PROPERTIES,
  BASE_REQUIRED,
  DATE_PROPERTY,
  ID_LIST_PROPERTY,
  ID_PROPERTY,
  LONG_TEXT,
  POINTS_PROPERTY,
  STAMP_PROPERTIES,
  SUBJECT_TYPE_PROPERTY,
  type CollectionSchema,
  type DocumentBase,
  type Stamp,
  type SubjectType,
} from './schema.ts';

/** provisional → in-notice → final; final → superseded (by a later rating) or withdrawn. */
export type RatingStatus = 'provisional' | 'in-notice' | 'final' | 'superseded' | 'withdrawn';
/** proposed → in-notice → published → removed; proposed or in-notice may be withdrawn. */
export type ListEntryStatus = 'proposed' | 'in-notice' | 'published' | 'removed' | 'withdrawn';
export type RatingsStatus = RatingStatus | ListEntryStatus;

export const RATINGS_WORKFLOW = {
  initial: ['provisional', 'proposed'],
  next: {
    provisional: ['in-notice', 'final', 'withdrawn'],
    'in-notice': ['final', 'published', 'withdrawn'],
    final: ['superseded', 'withdrawn'],
    superseded: [],
    withdrawn: [],
    proposed: ['in-notice', 'published', 'withdrawn'],
    published: ['removed'],
    removed: [],
  },
} as const satisfies WorkflowSpec<RatingsStatus>;

interface RatingsCommon extends DocumentBase {
  readonly subjectType: SubjectType;
  readonly subjectId: string;
  /** The date the figures or the listing are as of. */
  readonly asOf: string;
  readonly status: RatingsStatus;
  readonly noticeId?: string;
}

export interface RatingSnapshot extends RatingsCommon {
  readonly kind: 'rating';
  readonly status: RatingStatus;
  /** '2025', '2025-H1', '2025-Q3': the rating period. */
  readonly periodId: string;
  /** The tier scheme used (catalog, kind 'tier-scheme'). */
  readonly schemeId: string;
  readonly score: number;
  readonly tier: string;
  /** The tier before a direct rating's cap, when a cap applied. */
  readonly uncappedTier?: string;
  readonly balance: number;
  readonly honourTotal: number;
  /** The events counted (the explanation is recomputable from them). */
  readonly countedEventIds: readonly string[];
  readonly validUntil: string;
  readonly finalised?: Stamp;
}

export type ListName = 'red' | 'black' | 'honour';
export type ListRemoval = 'repaired' | 'expired' | 'objection-upheld' | 'withdrawn';

export interface ListEntry extends RatingsCommon {
  readonly kind: 'list-entry';
  readonly status: ListEntryStatus;
  readonly list: ListName;
  readonly reason: string;
  /** The records the listing rests on (events, a rating). */
  readonly basisIds: readonly string[];
  /** Display period; black entries must have an end date (enforced by the domain code). */
  readonly showFrom: string;
  readonly showUntil?: string;
  /** Shown anonymised by default. */
  readonly anonymised: boolean;
  readonly removal?: Stamp & { readonly reason: ListRemoval; readonly on: string };
}

export type RatingsDoc = RatingSnapshot | ListEntry;

export const ratingsSchema = {
  title: 'ratings',
  description: 'Rating snapshots (评级) and red/black/honour list entries (红黑榜).',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...BASE_PROPERTIES,
    kind: { type: 'string', maxLength: 10, enum: ['rating', 'list-entry'] },
    subjectType: SUBJECT_TYPE_PROPERTY,
    subjectId: ID_PROPERTY,
    asOf: DATE_PROPERTY,
    status: {
      type: 'string',
      maxLength: 20,
      enum: [
        'provisional',
        'in-notice',
        'final',
        'superseded',
        'withdrawn',
        'proposed',
        'published',
        'removed',
      ],
    },
    noticeId: ID_PROPERTY,
    periodId: {
      type: 'string',
      maxLength: 10,
      pattern: '^[0-9]{4}(-(H[12]|Q[1-4]|M(0[1-9]|1[0-2])))?$',
    },
    schemeId: ID_PROPERTY,
    score: POINTS_PROPERTY,
    tier: { type: 'string', minLength: 1, maxLength: 10 },
    uncappedTier: { type: 'string', minLength: 1, maxLength: 10 },
    balance: POINTS_PROPERTY,
    honourTotal: POINTS_PROPERTY,
    countedEventIds: ID_LIST_PROPERTY,
    validUntil: DATE_PROPERTY,
    finalised: {
      type: 'object',
      additionalProperties: false,
      required: ['by', 'at'],
      properties: STAMP_PROPERTIES,
    },
    list: { type: 'string', enum: ['red', 'black', 'honour'] },
    reason: LONG_TEXT,
    basisIds: ID_LIST_PROPERTY,
    showFrom: DATE_PROPERTY,
    showUntil: DATE_PROPERTY,
    anonymised: { type: 'boolean' },
    removal: {
      type: 'object',
      additionalProperties: false,
      required: ['reason', 'on', 'by', 'at'],
      properties: {
        reason: { type: 'string', enum: ['repaired', 'expired', 'objection-upheld', 'withdrawn'] },
        on: DATE_PROPERTY,
        ...STAMP_PROPERTIES,
      },
    },
  },
  required: [...BASE_REQUIRED, 'kind', 'subjectType', 'subjectId', 'asOf', 'status'],
  indexes: [
    ['subjectId', 'asOf'],
    ['kind', 'status', 'asOf'],
  ],
  additionalProperties: false,
} as const satisfies CollectionSchema<RatingsDoc>;

export const ratings = {
  schema: ratingsSchema,
  migrations: {},
  merge: {
    fields: {
      ...BASE_FIELD_CLASSES,
      kind: 'immutable',
      subjectType: 'immutable',
      subjectId: 'immutable',
      asOf: 'immutable',
      periodId: 'immutable',
      schemeId: 'immutable',
      score: 'immutable',
      tier: 'immutable',
      uncappedTier: 'immutable',
      balance: 'immutable',
      honourTotal: 'immutable',
      countedEventIds: 'immutable',
      validUntil: 'immutable',
      list: 'immutable',
      reason: 'immutable',
      basisIds: 'immutable',
      showFrom: 'immutable',
      showUntil: 'editable',
      anonymised: 'editable',
      status: 'workflow',
      noticeId: 'write-once',
      finalised: 'write-once',
      removal: 'write-once',
    },
    workflows: { status: RATINGS_WORKFLOW },
    // The township publishes lists and may withdraw or remove entries.
    townshipWritable: ['status', 'removal', 'finalised'],
  },
} as const satisfies CollectionDefinition<RatingsDoc>;
