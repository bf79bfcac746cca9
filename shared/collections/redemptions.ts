/**
 * redemptions — 兑换: a household spends redeemable points on reward items. Creating a
 * redemption records a `redemption-debit` event (the balance can never go below zero:
 * the domain code checks it against the ledger); cancelling records a reversal of that
 * debit (the refund). The receipt (兑换凭证) is printed with a serial number (journal).
 */
import type { CollectionDefinition } from './definition.ts';
import { BASE_FIELD_CLASSES, type WorkflowSpec } from './merge.ts';
import {
  BASE_PROPERTIES,
  BASE_REQUIRED,
  DATE_PROPERTY,
  ID_PROPERTY,
  LONG_TEXT,
  REF_PROPERTY,
  SHORT_TEXT,
  STAMP_PROPERTIES,
  type CollectionSchema,
  type DocumentBase,
  type Stamp,
} from './schema.ts';

/** requested → fulfilled | cancelled; a fulfilled redemption may still be cancelled (refund). */
export type RedemptionStatus = 'requested' | 'fulfilled' | 'cancelled';

export const REDEMPTION_WORKFLOW = {
  initial: ['requested'],
  next: { requested: ['fulfilled', 'cancelled'], fulfilled: ['cancelled'], cancelled: [] },
} as const satisfies WorkflowSpec<RedemptionStatus>;

export interface RedemptionLine {
  /** The catalog reward item. */
  readonly itemId: string;
  /** The item's name as it was (a renamed item does not rewrite receipts). */
  readonly nameZh: string;
  /** Points per unit as charged. */
  readonly points: number;
  readonly quantity: number;
}

export interface RedemptionDoc extends DocumentBase {
  readonly householdId: string;
  /** The member who collected it ('' if not recorded). */
  readonly residentId: string;
  readonly lines: readonly RedemptionLine[];
  /** Sum of points × quantity, positive. */
  readonly totalPoints: number;
  readonly requestedOn: string;
  /** The redemption-debit event. */
  readonly debitEventId: string;
  readonly status: RedemptionStatus;
  /** 凭证号, assigned when fulfilled (the print job's serial). */
  readonly receiptNo?: string;
  readonly fulfilled?: Stamp;
  readonly cancellation?: Stamp & { readonly reason: string; readonly refundEventId: string };
  readonly note: string;
}

export const redemptionsSchema = {
  title: 'redemptions',
  description: 'Points redemptions (兑换) by households, with receipt and refund on cancel.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...BASE_PROPERTIES,
    householdId: ID_PROPERTY,
    residentId: REF_PROPERTY,
    lines: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['itemId', 'nameZh', 'points', 'quantity'],
        properties: {
          itemId: ID_PROPERTY,
          nameZh: { type: 'string', minLength: 1, maxLength: 200 },
          points: { type: 'integer', minimum: 0, maximum: 1_000_000 },
          quantity: { type: 'integer', minimum: 1, maximum: 10_000 },
        },
      },
    },
    totalPoints: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    requestedOn: DATE_PROPERTY,
    debitEventId: ID_PROPERTY,
    status: { type: 'string', enum: ['requested', 'fulfilled', 'cancelled'] },
    receiptNo: { type: 'string', minLength: 1, maxLength: 64 },
    fulfilled: {
      type: 'object',
      additionalProperties: false,
      required: ['by', 'at'],
      properties: STAMP_PROPERTIES,
    },
    cancellation: {
      type: 'object',
      additionalProperties: false,
      required: ['reason', 'refundEventId', 'by', 'at'],
      properties: { reason: SHORT_TEXT, refundEventId: ID_PROPERTY, ...STAMP_PROPERTIES },
    },
    note: LONG_TEXT,
  },
  required: [
    ...BASE_REQUIRED,
    'householdId',
    'residentId',
    'lines',
    'totalPoints',
    'requestedOn',
    'debitEventId',
    'status',
    'note',
  ],
  indexes: [['householdId', 'requestedOn']],
  additionalProperties: false,
} as const satisfies CollectionSchema<RedemptionDoc>;

export const redemptions = {
  schema: redemptionsSchema,
  migrations: {},
  merge: {
    fields: {
      ...BASE_FIELD_CLASSES,
      householdId: 'immutable',
      residentId: 'immutable',
      lines: 'immutable',
      totalPoints: 'immutable',
      requestedOn: 'immutable',
      debitEventId: 'immutable',
      note: 'editable',
      status: 'workflow',
      receiptNo: 'write-once',
      fulfilled: 'write-once',
      cancellation: 'write-once',
    },
    workflows: { status: REDEMPTION_WORKFLOW },
    townshipWritable: [],
  },
} as const satisfies CollectionDefinition<RedemptionDoc>;
