/**
 * cases — objections (异议) and credit repairs (信用修复): both are a resident's request
 * about an existing record, decided by someone else by a due date, and both end by
 * creating ledger events (a reversal, a repair adjustment). `kind` tells them apart.
 *
 * An open objection holds its target: the target is shown as 异议处理中 everywhere until the
 * case is decided. "Open" is derived from `status`, so the target document never changes.
 */
import type { CollectionDefinition } from './definition.ts';
import { BASE_FIELD_CLASSES, type WorkflowSpec } from './merge.ts';
import {
  BASE_PROPERTIES,
  BASE_REQUIRED,
  DATE_PROPERTY,
  EVIDENCE_PROPERTY,
  ID_PROPERTY,
  LONG_TEXT,
  POINTS_PROPERTY,
  STAMP_PROPERTIES,
  SUBJECT_TYPE_PROPERTY,
  type CollectionSchema,
  type DocumentBase,
  type Evidence,
  type Stamp,
  type SubjectType,
} from './schema.ts';

/** What a case is about: a ledger event, a rating, a list entry or a loan referral. */
export type CaseTargetType = 'event' | 'rating' | 'list-entry' | 'referral';

/** Objection: received → verifying → upheld | dismissed → closed. */
export type ObjectionStatus = 'received' | 'verifying' | 'upheld' | 'dismissed' | 'closed';
/**
 * Repair: applied → village-reviewed → approved | rejected (township decision);
 * approved → repaired (adjustment recorded, monitoring runs) → completed | voided
 * (a re-breach voids the repair). An application may be withdrawn before a decision.
 */
export type RepairStatus =
  | 'applied'
  | 'village-reviewed'
  | 'approved'
  | 'rejected'
  | 'repaired'
  | 'completed'
  | 'voided'
  | 'withdrawn';
export type CaseStatus = ObjectionStatus | RepairStatus;

/**
 * One machine for both kinds (the `status` field is shared); the two kinds use disjoint
 * states, so a document can never wander from one kind's states into the other's.
 */
export const CASE_WORKFLOW = {
  initial: ['received', 'applied'],
  next: {
    received: ['verifying', 'upheld', 'dismissed'],
    verifying: ['upheld', 'dismissed'],
    upheld: ['closed'],
    dismissed: ['closed'],
    closed: [],
    applied: ['village-reviewed', 'withdrawn'],
    'village-reviewed': ['approved', 'rejected', 'withdrawn'],
    approved: ['repaired'],
    rejected: [],
    repaired: ['completed', 'voided'],
    completed: [],
    voided: [],
    withdrawn: [],
  },
} as const satisfies WorkflowSpec<CaseStatus>;

export type RepairRoute = 'fulfilment' | 'commitment' | 'volunteer' | 'charity';

export interface Decision extends Stamp {
  readonly outcome: string;
  readonly note: string;
}

interface CaseCommon extends DocumentBase {
  readonly subjectType: SubjectType;
  readonly subjectId: string;
  readonly targetType: CaseTargetType;
  readonly targetId: string;
  /** The resident's stated reason (objection) or application (repair). */
  readonly reason: string;
  readonly receivedOn: string;
  /** Decide by this date. */
  readonly dueOn: string;
  readonly evidence: readonly Evidence[];
  readonly status: CaseStatus;
}

export interface ObjectionCase extends CaseCommon {
  readonly kind: 'objection';
  readonly status: ObjectionStatus;
  /** outcome 'upheld' | 'dismissed'. */
  readonly decision?: Decision;
  /** The reversal created when upheld against an effective entry. */
  readonly resultEventId?: string;
}

export interface RepairCase extends CaseCommon {
  readonly kind: 'repair';
  readonly status: RepairStatus;
  readonly route: RepairRoute;
  /** When the route is a commitment (信用承诺). */
  readonly commitmentId?: string;
  /** 村级意见, outcome 'support' | 'oppose'. */
  readonly villageOpinion?: Decision;
  /** 乡镇认定 ("whoever recorded it repairs it"), outcome 'approved' | 'rejected'. */
  readonly decision?: Decision;
  /** The smaller deduction that replaces the original for the monitoring period (signed). */
  readonly reducedPoints?: number;
  readonly monitorUntil?: string;
  /** The repair-adjustment event recorded when repaired. */
  readonly resultEventId?: string;
}

export type CaseDoc = ObjectionCase | RepairCase;

const DECISION_PROPERTY = {
  type: 'object',
  additionalProperties: false,
  required: ['outcome', 'by', 'at', 'note'],
  properties: {
    outcome: {
      type: 'string',
      enum: ['upheld', 'dismissed', 'support', 'oppose', 'approved', 'rejected'],
    },
    ...STAMP_PROPERTIES,
    note: LONG_TEXT,
  },
} as const;

export const casesSchema = {
  title: 'cases',
  description: 'Objections (异议) and credit repairs (信用修复) against existing records.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...BASE_PROPERTIES,
    kind: { type: 'string', enum: ['objection', 'repair'] },
    subjectType: SUBJECT_TYPE_PROPERTY,
    subjectId: ID_PROPERTY,
    targetType: { type: 'string', enum: ['event', 'rating', 'list-entry', 'referral'] },
    targetId: ID_PROPERTY,
    reason: LONG_TEXT,
    receivedOn: DATE_PROPERTY,
    dueOn: DATE_PROPERTY,
    evidence: EVIDENCE_PROPERTY,
    status: {
      type: 'string',
      maxLength: 20,
      enum: [
        'received',
        'verifying',
        'upheld',
        'dismissed',
        'closed',
        'applied',
        'village-reviewed',
        'approved',
        'rejected',
        'repaired',
        'completed',
        'voided',
        'withdrawn',
      ],
    },
    decision: DECISION_PROPERTY,
    resultEventId: ID_PROPERTY,
    route: { type: 'string', enum: ['fulfilment', 'commitment', 'volunteer', 'charity'] },
    commitmentId: ID_PROPERTY,
    villageOpinion: DECISION_PROPERTY,
    reducedPoints: POINTS_PROPERTY,
    monitorUntil: DATE_PROPERTY,
  },
  required: [
    ...BASE_REQUIRED,
    'kind',
    'subjectType',
    'subjectId',
    'targetType',
    'targetId',
    'reason',
    'receivedOn',
    'dueOn',
    'evidence',
    'status',
  ],
  // Open cases by due date; the cases about one record (is it held?).
  indexes: [
    ['status', 'dueOn'],
    ['targetId', 'status'],
  ],
  additionalProperties: false,
  // Scanned applications, proof of fulfilment or volunteering.
  attachments: {},
} as const satisfies CollectionSchema<CaseDoc>;

export const cases = {
  schema: casesSchema,
  migrations: {},
  merge: {
    fields: {
      ...BASE_FIELD_CLASSES,
      kind: 'immutable',
      subjectType: 'immutable',
      subjectId: 'immutable',
      targetType: 'immutable',
      targetId: 'immutable',
      reason: 'immutable',
      receivedOn: 'immutable',
      route: 'immutable',
      commitmentId: 'immutable',
      dueOn: 'editable',
      evidence: 'editable',
      status: 'workflow',
      decision: 'write-once',
      villageOpinion: 'write-once',
      reducedPoints: 'write-once',
      monitorUntil: 'write-once',
      resultEventId: 'write-once',
    },
    workflows: { status: CASE_WORKFLOW },
    // The township decides repairs (and may decide objections about its own records).
    townshipWritable: ['status', 'decision', 'reducedPoints', 'monitorUntil'],
  },
} as const satisfies CollectionDefinition<CaseDoc>;
