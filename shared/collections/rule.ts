/**
 * The shape of one credit rule (积分细则 item). Used by the township's template library
 * (catalog, kind 'rule-template'), by a village's adopted rule set (policies, kind
 * 'rule-set') and, as a snapshot, by every ledger event — so a renamed rule never rewrites
 * history. Field names follow ../shared/data/rule-templates.json where it has them.
 */
import { CODE_PROPERTY, SHORT_TEXT } from './schema.ts';

export type Direction = '+' | '-';
/** Who a rule is about. (Documents refer to subjects as 'resident' | 'household'.) */
export type RuleSubject = 'person' | 'household';
/** 直接判级: the tier a serious breach caps the subject at. */
export type DirectRating = 'B' | 'C' | 'D';
export type Visibility = 'named' | 'anonymised';
export type CapPeriod =
  'event' | 'month' | 'two-months' | 'quarter' | 'half-year' | 'year' | 'lifetime';

export interface RuleCap {
  readonly per: CapPeriod;
  /** At most this many times per period. */
  readonly times?: number;
  /** At most this many points per period. */
  readonly points?: number;
}

export interface RuleDefinition {
  /** 'P-VOL-4H'; a village's own items use its own prefix. */
  readonly code: string;
  readonly category: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** 量化指标 */
  readonly indicator: string;
  readonly direction: Direction;
  /** Fixed points, signed (a deduction is negative). Absent when a range applies. */
  readonly points?: number;
  /** 一事一议: points decided case by case within [pointsMin, pointsMax], signed. */
  readonly pointsMin?: number;
  readonly pointsMax?: number;
  readonly subject: RuleSubject;
  readonly cap?: RuleCap;
  /** The cap as written in the source ('at most 3 a year'); shown, not interpreted. */
  readonly capText: string;
  readonly evidence: string;
  readonly validityMonths: number;
  readonly directRating?: DirectRating;
  /** 1: none; 2: a repeat within validity doubles the deduction. */
  readonly repeatMultiplier: number;
  readonly visibility: Visibility;
  readonly noticeRequired: boolean;
  /** The template code this rule was adopted from; absent for a village's own item. */
  readonly templateCode?: string;
}

const SIGNED_RULE_POINTS = {
  type: 'integer',
  minimum: -10_000,
  maximum: 10_000,
  multipleOf: 1,
} as const;

export const RULE_PROPERTIES = {
  code: CODE_PROPERTY,
  category: { type: 'string', minLength: 1, maxLength: 40 },
  nameZh: { type: 'string', minLength: 1, maxLength: 200 },
  nameEn: SHORT_TEXT,
  indicator: SHORT_TEXT,
  direction: { type: 'string', enum: ['+', '-'] },
  points: SIGNED_RULE_POINTS,
  pointsMin: SIGNED_RULE_POINTS,
  pointsMax: SIGNED_RULE_POINTS,
  subject: { type: 'string', enum: ['person', 'household'] },
  cap: {
    type: 'object',
    additionalProperties: false,
    required: ['per'],
    properties: {
      per: {
        type: 'string',
        enum: ['event', 'month', 'two-months', 'quarter', 'half-year', 'year', 'lifetime'],
      },
      times: { type: 'integer', minimum: 1, maximum: 10_000 },
      points: { type: 'integer', minimum: 1, maximum: 100_000 },
    },
  },
  capText: SHORT_TEXT,
  evidence: SHORT_TEXT,
  validityMonths: { type: 'integer', minimum: 1, maximum: 240 },
  directRating: { type: 'string', enum: ['B', 'C', 'D'] },
  repeatMultiplier: { type: 'integer', minimum: 1, maximum: 10 },
  visibility: { type: 'string', enum: ['named', 'anonymised'] },
  noticeRequired: { type: 'boolean' },
  templateCode: CODE_PROPERTY,
} as const;

export const RULE_REQUIRED = [
  'code',
  'category',
  'nameZh',
  'nameEn',
  'indicator',
  'direction',
  'subject',
  'capText',
  'evidence',
  'validityMonths',
  'repeatMultiplier',
  'visibility',
  'noticeRequired',
] as const;

export const RULE_PROPERTY = {
  type: 'object',
  additionalProperties: false,
  required: RULE_REQUIRED,
  properties: RULE_PROPERTIES,
} as const;

/**
 * What an event keeps of its rule: the rule as it was when the entry was recorded, with
 * the unit points actually applied (a range rule's decided value).
 */
export interface RuleSnapshot {
  readonly code: string;
  readonly category: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly direction: Direction;
  /** Points per unit as applied, signed. */
  readonly points: number;
  readonly subject: RuleSubject;
  readonly validityMonths: number;
  readonly directRating?: DirectRating;
  readonly repeatMultiplier: number;
  readonly visibility: Visibility;
  readonly noticeRequired: boolean;
}

export const RULE_SNAPSHOT_PROPERTY = {
  type: 'object',
  additionalProperties: false,
  required: [
    'code',
    'category',
    'nameZh',
    'nameEn',
    'direction',
    'points',
    'subject',
    'validityMonths',
    'repeatMultiplier',
    'visibility',
    'noticeRequired',
  ],
  properties: {
    code: RULE_PROPERTIES.code,
    category: RULE_PROPERTIES.category,
    nameZh: RULE_PROPERTIES.nameZh,
    nameEn: RULE_PROPERTIES.nameEn,
    direction: RULE_PROPERTIES.direction,
    points: RULE_PROPERTIES.points,
    subject: RULE_PROPERTIES.subject,
    validityMonths: RULE_PROPERTIES.validityMonths,
    directRating: RULE_PROPERTIES.directRating,
    repeatMultiplier: RULE_PROPERTIES.repeatMultiplier,
    visibility: RULE_PROPERTIES.visibility,
    noticeRequired: RULE_PROPERTIES.noticeRequired,
  },
} as const;
