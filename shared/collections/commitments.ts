/**
 * commitments — 信用承诺. A resident (or a household) signs a commitment with a due date;
 * it is supervised and ends fulfilled (履约: may earn points or unlock a repair) or breached
 * (违约: a deduction). The closed loop of the seeds: collect → supervise → record → feed back.
 */
import type { CollectionDefinition } from './definition.ts';
import { BASE_FIELD_CLASSES, type WorkflowSpec } from './merge.ts';
import {
  BASE_PROPERTIES,
  BASE_REQUIRED,
  CODE_PROPERTY,
  DATE_PROPERTY,
  EVIDENCE_PROPERTY,
  ID_PROPERTY,
  LONG_TEXT,
  SHORT_TEXT,
  STAMP_PROPERTIES,
  SUBJECT_TYPE_PROPERTY,
  type CollectionSchema,
  type DocumentBase,
  type Evidence,
  type Stamp,
  type SubjectType,
} from './schema.ts';

/** signed → supervising → fulfilled | breached; signed or supervising may be cancelled. */
export type CommitmentStatus = 'signed' | 'supervising' | 'fulfilled' | 'breached' | 'cancelled';

export const COMMITMENT_WORKFLOW = {
  initial: ['signed'],
  next: {
    signed: ['supervising', 'fulfilled', 'breached', 'cancelled'],
    supervising: ['fulfilled', 'breached', 'cancelled'],
    fulfilled: [],
    breached: [],
    cancelled: [],
  },
} as const satisfies WorkflowSpec<CommitmentStatus>;

export interface CommitmentOutcome extends Stamp {
  readonly on: string;
  readonly note: string;
  /** The ledger event recorded for it (a bonus for fulfilment, a deduction for a breach), if any. */
  readonly eventId?: string;
}

export interface CommitmentDoc extends DocumentBase {
  readonly subjectType: SubjectType;
  readonly subjectId: string;
  /** 'village-rules' | 'garbage-sorting' | 'honest-ecommerce' | 'rectification' | a village's own code. */
  readonly topic: string;
  readonly title: string;
  /** The commitment text as signed (承诺书 wording), kept as it was. */
  readonly text: string;
  readonly signedOn: string;
  readonly dueOn: string;
  /** How it was collected: on paper at the office, or by QR code. */
  readonly collectedVia: 'paper' | 'qr';
  /** The scanned signed form, as an attachment. */
  readonly evidence: readonly Evidence[];
  readonly status: CommitmentStatus;
  readonly outcome?: CommitmentOutcome;
  readonly notes: string;
}

export const commitmentsSchema = {
  title: 'commitments',
  description: 'Credit commitments (信用承诺) with their due date and outcome.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...BASE_PROPERTIES,
    subjectType: SUBJECT_TYPE_PROPERTY,
    subjectId: ID_PROPERTY,
    topic: CODE_PROPERTY,
    title: SHORT_TEXT,
    text: { type: 'string', maxLength: 20_000 },
    signedOn: DATE_PROPERTY,
    dueOn: DATE_PROPERTY,
    collectedVia: { type: 'string', enum: ['paper', 'qr'] },
    evidence: EVIDENCE_PROPERTY,
    status: {
      type: 'string',
      maxLength: 20,
      enum: ['signed', 'supervising', 'fulfilled', 'breached', 'cancelled'],
    },
    outcome: {
      type: 'object',
      additionalProperties: false,
      required: ['on', 'by', 'at', 'note'],
      properties: { on: DATE_PROPERTY, ...STAMP_PROPERTIES, note: LONG_TEXT, eventId: ID_PROPERTY },
    },
    notes: LONG_TEXT,
  },
  required: [
    ...BASE_REQUIRED,
    'subjectType',
    'subjectId',
    'topic',
    'title',
    'text',
    'signedOn',
    'dueOn',
    'collectedVia',
    'evidence',
    'status',
    'notes',
  ],
  indexes: [
    ['status', 'dueOn'],
    ['subjectId', 'signedOn'],
  ],
  additionalProperties: false,
  attachments: {},
} as const satisfies CollectionSchema<CommitmentDoc>;

export const commitments = {
  schema: commitmentsSchema,
  migrations: {},
  merge: {
    fields: {
      ...BASE_FIELD_CLASSES,
      subjectType: 'immutable',
      subjectId: 'immutable',
      topic: 'immutable',
      title: 'immutable',
      text: 'immutable',
      signedOn: 'immutable',
      collectedVia: 'immutable',
      dueOn: 'editable',
      evidence: 'editable',
      notes: 'editable',
      status: 'workflow',
      outcome: 'write-once',
    },
    workflows: { status: COMMITMENT_WORKFLOW },
    townshipWritable: [],
  },
} as const satisfies CollectionDefinition<CommitmentDoc>;
