/**
 * catalog — what the township publishes to its villages: the rule template library, tier
 * schemes, reward items and subsidies (兑换项目), loan products (信贷产品). Written by
 * township accounts only, read by villages; `kind` tells them apart.
 *
 * `villageCode` is '' for a document published to every village of the township, or one
 * village's code for a document published to that village only. Ids are deterministic per
 * township and code (`catalogId`) so re-publishing the template library updates
 * documents instead of duplicating them.
 *
 * A reward item's `stock` is the quantity the township made available; what remains is
 * derived (stock − fulfilled redemptions), never decremented in place by villages.
 */
import type { CollectionDefinition } from './definition.ts';
import { BASE_FIELD_CLASSES, type WorkflowSpec } from './merge.ts';
import { RULE_PROPERTIES, type RuleDefinition } from './rule.ts';
import {
  BASE_PROPERTIES,
  BASE_REQUIRED,
  CODE_PROPERTY,
  DATE_PROPERTY,
  LONG_TEXT,
  OPTIONAL_VILLAGE_CODE_PROPERTY,
  SHORT_TEXT,
  type CollectionSchema,
  type DocumentBase,
} from './schema.ts';

export type CatalogKind = 'rule-template' | 'tier-scheme' | 'reward-item' | 'loan-product';

/** draft → published → retired. */
export type CatalogStatus = 'draft' | 'published' | 'retired';

export const CATALOG_WORKFLOW = {
  initial: ['draft', 'published'],
  next: { draft: ['published', 'retired'], published: ['retired'], retired: [] },
} as const satisfies WorkflowSpec<CatalogStatus>;

interface CatalogCommon extends DocumentBase {
  /** The template, scheme, item or product code, unique per kind in the township. */
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly status: CatalogStatus;
  /** Where the values come from (a regulation, a scheme, 'default'). */
  readonly source: string;
}

/** One template rule; `points` or `pointsMin`/`pointsMax` are the township's suggestion. */
export interface RuleTemplate
  extends CatalogCommon, Omit<RuleDefinition, 'code' | 'nameZh' | 'nameEn' | 'templateCode'> {
  readonly kind: 'rule-template';
}

export interface TierBand {
  readonly tier: string;
  readonly labelZh: string;
  readonly min?: number;
  readonly max?: number;
}

export interface TierScheme extends CatalogCommon {
  readonly kind: 'tier-scheme';
  readonly base: number;
  /** Highest tier first. */
  readonly bands: readonly TierBand[];
  /** Months a direct rating caps the tier, by tier: { B: 24, C: 36, D: 60 }. */
  readonly directRatingValidityMonths?: {
    readonly B?: number;
    readonly C?: number;
    readonly D?: number;
  };
}

export interface PerHouseholdLimit {
  readonly count: number;
  readonly per: 'year' | 'window' | 'lifetime';
}

export interface RewardItem extends CatalogCommon {
  readonly kind: 'reward-item';
  readonly category: 'subsidy' | 'goods' | 'service';
  /** Points per unit. */
  readonly points: number;
  /** Units made available; absent = unlimited. */
  readonly stock?: number;
  readonly perHousehold?: PerHouseholdLimit;
  /** Tiers that may redeem; empty = any tier. */
  readonly eligibleTiers: readonly string[];
  /** 联合惩戒: black-listed subjects cannot receive it (true for every subsidy). */
  readonly excludesBlackListed: boolean;
  /** 兑换期 */
  readonly availableFrom?: string;
  readonly availableUntil?: string;
}

export interface LoanProduct extends CatalogCommon {
  readonly kind: 'loan-product';
  readonly bank: string;
  readonly eligibleTiers: readonly string[];
  /** Largest limit the village may suggest, in yuan (元); absent = the bank decides. */
  readonly maxLimitYuan?: number;
  readonly terms: string;
}

export type CatalogDoc = RuleTemplate | TierScheme | RewardItem | LoanProduct;

/** Deterministic id of a township's catalog document. */
export function catalogId(townshipCode: string, kind: CatalogKind, code: string): string {
  return `${townshipCode}:${kind}:${code}`;
}

const TIER_LIST = {
  type: 'array',
  maxItems: 20,
  uniqueItems: true,
  items: { type: 'string', minLength: 1, maxLength: 10 },
} as const;
const BAND_EDGE = { type: 'integer', minimum: -100_000, maximum: 100_000 } as const;
const MONTHS = { type: 'integer', minimum: 1, maximum: 240 } as const;

// Rule fields other than the ones every catalog document has (code, names).
const {
  code: _code,
  nameZh: _nameZh,
  nameEn: _nameEn,
  templateCode: _templateCode,
  ...TEMPLATE_RULE_PROPERTIES
} = RULE_PROPERTIES;

export const catalogSchema = {
  title: 'catalog',
  description:
    'Township-published catalogue: rule templates, tier schemes, reward items and subsidies, loan products.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...BASE_PROPERTIES,
    villageCode: OPTIONAL_VILLAGE_CODE_PROPERTY,
    kind: {
      type: 'string',
      maxLength: 20,
      enum: ['rule-template', 'tier-scheme', 'reward-item', 'loan-product'],
    },
    code: CODE_PROPERTY,
    nameZh: { type: 'string', minLength: 1, maxLength: 200 },
    nameEn: SHORT_TEXT,
    status: { type: 'string', enum: ['draft', 'published', 'retired'] },
    source: SHORT_TEXT,
    ...TEMPLATE_RULE_PROPERTIES,
    base: BAND_EDGE,
    bands: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['tier', 'labelZh'],
        properties: {
          tier: { type: 'string', minLength: 1, maxLength: 10 },
          labelZh: { type: 'string', maxLength: 40 },
          min: BAND_EDGE,
          max: BAND_EDGE,
        },
      },
    },
    directRatingValidityMonths: {
      type: 'object',
      additionalProperties: false,
      properties: { B: MONTHS, C: MONTHS, D: MONTHS },
    },
    category: { type: 'string', minLength: 1, maxLength: 40 },
    stock: { type: 'integer', minimum: 0, maximum: 10_000_000 },
    perHousehold: {
      type: 'object',
      additionalProperties: false,
      required: ['count', 'per'],
      properties: {
        count: { type: 'integer', minimum: 1, maximum: 10_000 },
        per: { type: 'string', enum: ['year', 'window', 'lifetime'] },
      },
    },
    eligibleTiers: TIER_LIST,
    excludesBlackListed: { type: 'boolean' },
    availableFrom: DATE_PROPERTY,
    availableUntil: DATE_PROPERTY,
    bank: SHORT_TEXT,
    maxLimitYuan: { type: 'integer', minimum: 0, maximum: 100_000_000 },
    terms: LONG_TEXT,
  },
  required: [...BASE_REQUIRED, 'kind', 'code', 'nameZh', 'nameEn', 'status', 'source'],
  indexes: [['kind', 'code']],
  additionalProperties: false,
} as const satisfies CollectionSchema<CatalogDoc>;

export const catalog = {
  schema: catalogSchema,
  migrations: {},
  merge: {
    fields: {
      ...BASE_FIELD_CLASSES,
      kind: 'immutable',
      code: 'immutable',
      status: 'workflow',
      // Everything else is the township's editable content; only township accounts write
      // this collection (COLLECTION_OWNER), so conflicts are between township staff.
      nameZh: 'editable',
      nameEn: 'editable',
      source: 'editable',
      category: 'editable',
      indicator: 'editable',
      direction: 'editable',
      points: 'editable',
      pointsMin: 'editable',
      pointsMax: 'editable',
      subject: 'editable',
      cap: 'editable',
      capText: 'editable',
      evidence: 'editable',
      validityMonths: 'editable',
      directRating: 'editable',
      repeatMultiplier: 'editable',
      visibility: 'editable',
      noticeRequired: 'editable',
      base: 'editable',
      bands: 'editable',
      directRatingValidityMonths: 'editable',
      stock: 'editable',
      perHousehold: 'editable',
      eligibleTiers: 'editable',
      excludesBlackListed: 'editable',
      availableFrom: 'editable',
      availableUntil: 'editable',
      bank: 'editable',
      maxLimitYuan: 'editable',
      terms: 'editable',
    },
    workflows: { status: CATALOG_WORKFLOW },
    townshipWritable: [],
  },
} as const satisfies CollectionDefinition<CatalogDoc>;
