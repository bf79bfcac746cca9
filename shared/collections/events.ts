/**
 * events — the ledger (积分记录), append-only. Every score and balance is derived from it.
 * Up to ~300,000 documents per village (10,000 residents × 5-20 a year × 5 years), so it
 * has two indexes only, and derived figures are kept elsewhere (incrementally).
 *
 * A document is a fact plus a little workflow:
 * - fact fields are immutable from creation (the server refuses changes);
 * - `status` moves forward only (EVENT_WORKFLOW);
 * - `review`, `noticeId`, `effectiveOn`, `confirmation` are written once.
 * Corrections never edit: a reversal is a new event (`reversalOf`); a returned entry is
 * corrected by a new event (`resubmissionOf`). Expiry is computed from `expiresOn`, never
 * written (no write storm when thousands of records expire on one day). Whether an entry is
 * reversed, repaired or held by an objection is derived from the events and cases that
 * point at it.
 */
import type { CollectionDefinition } from './definition.ts';
import { BASE_FIELD_CLASSES, type WorkflowSpec } from './merge.ts';
import { RULE_SNAPSHOT_PROPERTY, type RuleSnapshot } from './rule.ts';
import {
  BASE_PROPERTIES,
  BASE_REQUIRED,
  DATE_PROPERTY,
  EVIDENCE_PROPERTY,
  ID_PROPERTY,
  LONG_TEXT,
  POINTS_PROPERTY,
  REF_PROPERTY,
  STAMP_PROPERTIES,
  SUBJECT_TYPE_PROPERTY,
  type CollectionSchema,
  type DocumentBase,
  type Evidence,
  type Stamp,
  type SubjectType,
} from './schema.ts';

export type EventKind =
  | 'accrual'
  | 'deduction'
  | 'redemption-debit'
  | 'repair-adjustment'
  | 'year-close-reset'
  | 'reversal';

/**
 * submitted → approved | returned | rejected | withdrawn; approved → in-notice | confirmed
 * | effective; in-notice → confirmed | effective | annulled; confirmed → effective |
 * annulled. `confirmed` is the township's confirmation of a direct-rating deduction;
 * `annulled` is an objection upheld (or a refused confirmation) before the entry took
 * effect. System events (redemption debits, year-close resets) are created `effective`.
 */
export type EventStatus =
  | 'submitted'
  | 'approved'
  | 'returned'
  | 'rejected'
  | 'withdrawn'
  | 'in-notice'
  | 'confirmed'
  | 'effective'
  | 'annulled';

export const EVENT_WORKFLOW = {
  initial: ['submitted', 'effective'],
  next: {
    submitted: ['approved', 'returned', 'rejected', 'withdrawn'],
    approved: ['in-notice', 'confirmed', 'effective', 'annulled'],
    returned: [],
    rejected: [],
    withdrawn: [],
    'in-notice': ['confirmed', 'effective', 'annulled'],
    confirmed: ['effective', 'annulled'],
    effective: [],
    annulled: [],
  },
} as const satisfies WorkflowSpec<EventStatus>;

export interface Review extends Stamp {
  readonly decision: 'approved' | 'returned' | 'rejected';
  readonly note: string;
}

export interface Confirmation extends Stamp {
  readonly decision: 'confirmed' | 'refused';
  readonly note: string;
}

interface EventCommon extends DocumentBase {
  readonly subjectType: SubjectType;
  readonly subjectId: string;
  /** The subject's household when the act happened ('' if none): household roll-ups need no join. */
  readonly householdId: string;
  /** Signed total: accruals positive; deductions, debits and resets negative; a reversal negates its target. */
  readonly points: number;
  /** The date of the act (validity runs from it even when recorded late); for system events, the date they apply. */
  readonly occurredOn: string;
  /** What happened, or the reason (a reversal's reason is required). */
  readonly note: string;
  readonly status: EventStatus;
  readonly review?: Review;
  readonly noticeId?: string;
  readonly effectiveOn?: string;
  readonly confirmation?: Confirmation;
}

/** 加分 / 扣分 recorded against a rule. */
export interface RuleEvent extends EventCommon {
  readonly kind: 'accrual' | 'deduction';
  /** The adopted rule set (policies, kind 'rule-set') the rule came from. */
  readonly ruleSetId: string;
  readonly rule: RuleSnapshot;
  readonly quantity: number;
  /** occurredOn + rule.validityMonths; the record stops counting after this date. */
  readonly expiresOn: string;
  readonly evidence: readonly Evidence[];
  /** Entries recorded together (batch entry, import) share a batch id. */
  readonly batchId?: string;
  /** A returned entry's correction points at the returned entry. */
  readonly resubmissionOf?: string;
}

/** 兑换扣减: spends redeemable balance; never touches the integrity score. */
export interface RedemptionDebitEvent extends EventCommon {
  readonly kind: 'redemption-debit';
  readonly redemptionId: string;
}

/** 信用修复: replaces a repaired deduction by a smaller one (points = new − old, so positive). */
export interface RepairAdjustmentEvent extends EventCommon {
  readonly kind: 'repair-adjustment';
  readonly caseId: string;
  readonly adjustsEventId: string;
  readonly expiresOn: string;
}

/** 积分清零: the redeemable balance reset at a year close; the honour total is untouched. */
export interface YearCloseResetEvent extends EventCommon {
  readonly kind: 'year-close-reset';
  readonly closesYear: number;
}

/** 冲正: undoes another event (an upheld objection, a correction, a refund, a voided repair). */
export interface ReversalEvent extends EventCommon {
  readonly kind: 'reversal';
  readonly reversalOf: string;
  /** The objection or repair case that caused it, if any. */
  readonly caseId?: string;
}

export type EventDoc =
  RuleEvent | RedemptionDebitEvent | RepairAdjustmentEvent | YearCloseResetEvent | ReversalEvent;

const DECISION_NOTE = LONG_TEXT;

export const eventsSchema = {
  title: 'events',
  description:
    'The append-only points ledger (积分记录): accruals, deductions, debits, repairs, resets, reversals.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...BASE_PROPERTIES,
    kind: {
      type: 'string',
      enum: [
        'accrual',
        'deduction',
        'redemption-debit',
        'repair-adjustment',
        'year-close-reset',
        'reversal',
      ],
    },
    subjectType: SUBJECT_TYPE_PROPERTY,
    subjectId: ID_PROPERTY,
    householdId: REF_PROPERTY,
    points: POINTS_PROPERTY,
    occurredOn: DATE_PROPERTY,
    note: LONG_TEXT,
    status: {
      type: 'string',
      maxLength: 20,
      enum: [
        'submitted',
        'approved',
        'returned',
        'rejected',
        'withdrawn',
        'in-notice',
        'confirmed',
        'effective',
        'annulled',
      ],
    },
    review: {
      type: 'object',
      additionalProperties: false,
      required: ['decision', 'by', 'at', 'note'],
      properties: {
        decision: { type: 'string', enum: ['approved', 'returned', 'rejected'] },
        ...STAMP_PROPERTIES,
        note: DECISION_NOTE,
      },
    },
    noticeId: ID_PROPERTY,
    effectiveOn: DATE_PROPERTY,
    confirmation: {
      type: 'object',
      additionalProperties: false,
      required: ['decision', 'by', 'at', 'note'],
      properties: {
        decision: { type: 'string', enum: ['confirmed', 'refused'] },
        ...STAMP_PROPERTIES,
        note: DECISION_NOTE,
      },
    },
    ruleSetId: ID_PROPERTY,
    rule: RULE_SNAPSHOT_PROPERTY,
    quantity: { type: 'integer', minimum: 1, maximum: 10_000 },
    expiresOn: DATE_PROPERTY,
    evidence: EVIDENCE_PROPERTY,
    batchId: ID_PROPERTY,
    resubmissionOf: ID_PROPERTY,
    redemptionId: ID_PROPERTY,
    caseId: ID_PROPERTY,
    adjustsEventId: ID_PROPERTY,
    closesYear: { type: 'integer', minimum: 2000, maximum: 2200 },
    reversalOf: ID_PROPERTY,
  },
  required: [
    ...BASE_REQUIRED,
    'kind',
    'subjectType',
    'subjectId',
    'householdId',
    'points',
    'occurredOn',
    'note',
    'status',
  ],
  // Two indexes on purpose (300,000 documents): a subject's history by date, and work
  // queues by status (review queue, entries in notice). Everything else is derived.
  indexes: [
    ['subjectId', 'occurredOn'],
    ['status', 'createdAt'],
  ],
  additionalProperties: false,
  // Photo evidence (compressed by the app before it is attached).
  attachments: {},
} as const satisfies CollectionSchema<EventDoc>;

export const events = {
  schema: eventsSchema,
  migrations: {},
  merge: {
    fields: {
      ...BASE_FIELD_CLASSES,
      kind: 'immutable',
      subjectType: 'immutable',
      subjectId: 'immutable',
      householdId: 'immutable',
      points: 'immutable',
      occurredOn: 'immutable',
      note: 'immutable',
      ruleSetId: 'immutable',
      rule: 'immutable',
      quantity: 'immutable',
      expiresOn: 'immutable',
      evidence: 'immutable',
      batchId: 'immutable',
      resubmissionOf: 'immutable',
      redemptionId: 'immutable',
      caseId: 'immutable',
      adjustsEventId: 'immutable',
      closesYear: 'immutable',
      reversalOf: 'immutable',
      status: 'workflow',
      review: 'write-once',
      noticeId: 'write-once',
      effectiveOn: 'write-once',
      confirmation: 'write-once',
    },
    workflows: { status: EVENT_WORKFLOW },
    // A township confirmation after the notice closed also sets the day the entry takes effect.
    townshipWritable: ['status', 'confirmation', 'effectiveOn'],
  },
} as const satisfies CollectionDefinition<EventDoc>;
