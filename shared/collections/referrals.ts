/**
 * referrals — 信贷推荐: the village recommends a resident or household for a loan product
 * (suggested tier and limit, citing a final rating), the township batches referrals to the
 * bank, and the bank's decision is recorded. The app never decides a loan. A downgrade
 * withdraws an open referral.
 */
import type { CollectionDefinition } from './definition.ts';
import { BASE_FIELD_CLASSES, type WorkflowSpec } from './merge.ts';
import {
  BASE_PROPERTIES,
  BASE_REQUIRED,
  ID_PROPERTY,
  LONG_TEXT,
  SHORT_TEXT,
  STAMP_PROPERTIES,
  SUBJECT_TYPE_PROPERTY,
  type CollectionSchema,
  type DocumentBase,
  type Stamp,
  type SubjectType,
} from './schema.ts';

/**
 * eligible → recommended → in-notice → sent → approved | rejected; anything before the
 * bank's decision may be withdrawn (a downgrade, the resident's wish).
 */
export type ReferralStatus =
  'eligible' | 'recommended' | 'in-notice' | 'sent' | 'approved' | 'rejected' | 'withdrawn';

export const REFERRAL_WORKFLOW = {
  initial: ['eligible', 'recommended'],
  next: {
    eligible: ['recommended', 'withdrawn'],
    recommended: ['in-notice', 'sent', 'withdrawn'],
    'in-notice': ['sent', 'withdrawn'],
    sent: ['approved', 'rejected', 'withdrawn'],
    approved: [],
    rejected: [],
    withdrawn: [],
  },
} as const satisfies WorkflowSpec<ReferralStatus>;

export interface BankDecision extends Stamp {
  readonly decision: 'approved' | 'rejected';
  /** Approved limit in yuan (元). */
  readonly approvedLimitYuan?: number;
  readonly note: string;
}

export interface ReferralDoc extends DocumentBase {
  readonly subjectType: SubjectType;
  readonly subjectId: string;
  /** The catalog loan product. */
  readonly productId: string;
  /** The final rating the recommendation rests on. */
  readonly ratingId: string;
  readonly suggestedTier: string;
  readonly suggestedLimitYuan: number;
  readonly status: ReferralStatus;
  readonly noticeId?: string;
  /** The township's batch to the bank. */
  readonly sent?: Stamp & { readonly batchId: string };
  readonly bankDecision?: BankDecision;
  readonly withdrawal?: Stamp & { readonly reason: string };
  readonly note: string;
}

export const referralsSchema = {
  title: 'referrals',
  description:
    'Loan referrals (信贷推荐) from the village, batched by the township, decided by the bank.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...BASE_PROPERTIES,
    subjectType: SUBJECT_TYPE_PROPERTY,
    subjectId: ID_PROPERTY,
    productId: ID_PROPERTY,
    ratingId: ID_PROPERTY,
    suggestedTier: { type: 'string', minLength: 1, maxLength: 10 },
    suggestedLimitYuan: { type: 'integer', minimum: 0, maximum: 100_000_000 },
    status: {
      type: 'string',
      maxLength: 20,
      enum: ['eligible', 'recommended', 'in-notice', 'sent', 'approved', 'rejected', 'withdrawn'],
    },
    noticeId: ID_PROPERTY,
    sent: {
      type: 'object',
      additionalProperties: false,
      required: ['batchId', 'by', 'at'],
      properties: { batchId: ID_PROPERTY, ...STAMP_PROPERTIES },
    },
    bankDecision: {
      type: 'object',
      additionalProperties: false,
      required: ['decision', 'by', 'at', 'note'],
      properties: {
        decision: { type: 'string', enum: ['approved', 'rejected'] },
        approvedLimitYuan: { type: 'integer', minimum: 0, maximum: 100_000_000 },
        ...STAMP_PROPERTIES,
        note: LONG_TEXT,
      },
    },
    withdrawal: {
      type: 'object',
      additionalProperties: false,
      required: ['reason', 'by', 'at'],
      properties: { reason: SHORT_TEXT, ...STAMP_PROPERTIES },
    },
    note: LONG_TEXT,
  },
  required: [
    ...BASE_REQUIRED,
    'subjectType',
    'subjectId',
    'productId',
    'ratingId',
    'suggestedTier',
    'suggestedLimitYuan',
    'status',
    'note',
  ],
  indexes: [['status', 'createdAt']],
  additionalProperties: false,
} as const satisfies CollectionSchema<ReferralDoc>;

export const referrals = {
  schema: referralsSchema,
  migrations: {},
  merge: {
    fields: {
      ...BASE_FIELD_CLASSES,
      subjectType: 'immutable',
      subjectId: 'immutable',
      productId: 'immutable',
      ratingId: 'immutable',
      suggestedTier: 'immutable',
      suggestedLimitYuan: 'immutable',
      note: 'editable',
      status: 'workflow',
      noticeId: 'write-once',
      sent: 'write-once',
      bankDecision: 'write-once',
      withdrawal: 'write-once',
    },
    workflows: { status: REFERRAL_WORKFLOW },
    // The township sends the batch; the bank liaison records the decision.
    townshipWritable: ['status', 'sent', 'bankDecision', 'withdrawal'],
  },
} as const satisfies CollectionDefinition<ReferralDoc>;
