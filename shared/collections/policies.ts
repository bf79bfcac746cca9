/**
 * policies — what the village has decided for itself: adopted rule-set versions (积分细则 /
 * 村规民约), the village settings, and the village's groups (村民小组/网格). Few documents,
 * read by almost every screen; `kind` tells them apart.
 *
 * - 'rule-set': one document per version. A draft is edited; adoption (村民代表大会: date and
 *   meeting reference) freezes it, and a change makes the next version. Events snapshot
 *   the rule, so superseding a set never rewrites history.
 * - 'settings': one per village, with the deterministic id `settingsId(villageCode)` so two
 *   devices that both create it offline meet on one document instead of making two.
 * - 'group': one document per group, so groups added on two devices never conflict.
 */
import type { CollectionDefinition } from './definition.ts';
import { BASE_FIELD_CLASSES, type WorkflowSpec } from './merge.ts';
import { RULE_PROPERTY, type RuleDefinition } from './rule.ts';
import {
  BASE_PROPERTIES,
  BASE_REQUIRED,
  DATE_PROPERTY,
  ID_PROPERTY,
  SHORT_TEXT,
  STAMP_PROPERTIES,
  type CollectionSchema,
  type DocumentBase,
  type Stamp,
} from './schema.ts';

/** draft → adopted → superseded; a draft may be abandoned. */
export type PolicyStatus = 'draft' | 'adopted' | 'superseded' | 'abandoned' | 'active' | 'retired';

export const POLICY_WORKFLOW = {
  initial: ['draft', 'active'],
  next: {
    draft: ['adopted', 'abandoned'],
    adopted: ['superseded'],
    superseded: [],
    abandoned: [],
    // settings and groups: in use, or retired (a group no longer used)
    active: ['retired'],
    retired: [],
  },
} as const satisfies WorkflowSpec<PolicyStatus>;

export interface Adoption extends Stamp {
  /** 村民代表大会 meeting reference as minuted. */
  readonly meetingRef: string;
  readonly meetingOn: string;
}

interface PolicyCommon extends DocumentBase {
  readonly status: PolicyStatus;
}

export interface RuleSetPolicy extends PolicyCommon {
  readonly kind: 'rule-set';
  readonly status: 'draft' | 'adopted' | 'superseded' | 'abandoned';
  /** 1, 2, 3 … within the village. */
  readonly setVersion: number;
  readonly title: string;
  readonly rules: readonly RuleDefinition[];
  readonly effectiveFrom: string;
  readonly adoption?: Adoption;
  /** The previous version this one replaces. */
  readonly supersedesId?: string;
}

/** 户积分汇总: sum of members plus household events, per-capita average, or the head only. */
export type RollUp = 'sum' | 'per-capita' | 'head-only';

export interface SettingsPolicy extends PolicyCommon {
  readonly kind: 'settings';
  readonly status: 'active';
  readonly rollUp: RollUp;
  /** 公示天数, typically 5-7. */
  readonly noticeDays: number;
  readonly objectionContact: string;
  /** Whether deductions lower the redeemable balance (they always lower the score). */
  readonly deductionsAgainstBalance: boolean;
  /** Whether the redeemable balance is reset at the year close (积分清零). */
  readonly yearlyReset: boolean;
  /** The tier scheme (catalog, kind 'tier-scheme'), e.g. the 1000-base Wendeng scheme. */
  readonly tierSchemeId: string;
  /** Entries recorded more than this many days after the act are flagged. */
  readonly lateEntryDays: number;
}

export interface GroupPolicy extends PolicyCommon {
  readonly kind: 'group';
  readonly status: 'active' | 'retired';
  readonly code: string;
  readonly name: string;
}

export type PolicyDoc = RuleSetPolicy | SettingsPolicy | GroupPolicy;

/** The one settings document of a village. */
export function settingsId(villageCode: string): string {
  return `${villageCode}:settings`;
}

export const policiesSchema = {
  title: 'policies',
  description:
    'Village decisions: adopted rule-set versions (积分细则), village settings, village groups.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...BASE_PROPERTIES,
    kind: { type: 'string', maxLength: 20, enum: ['rule-set', 'settings', 'group'] },
    status: {
      type: 'string',
      enum: ['draft', 'adopted', 'superseded', 'abandoned', 'active', 'retired'],
    },
    setVersion: { type: 'integer', minimum: 1, maximum: 10_000 },
    title: SHORT_TEXT,
    rules: { type: 'array', maxItems: 500, items: RULE_PROPERTY },
    effectiveFrom: DATE_PROPERTY,
    adoption: {
      type: 'object',
      additionalProperties: false,
      required: ['meetingRef', 'meetingOn', 'by', 'at'],
      properties: { meetingRef: SHORT_TEXT, meetingOn: DATE_PROPERTY, ...STAMP_PROPERTIES },
    },
    supersedesId: ID_PROPERTY,
    rollUp: { type: 'string', enum: ['sum', 'per-capita', 'head-only'] },
    noticeDays: { type: 'integer', minimum: 1, maximum: 90 },
    objectionContact: SHORT_TEXT,
    deductionsAgainstBalance: { type: 'boolean' },
    yearlyReset: { type: 'boolean' },
    tierSchemeId: ID_PROPERTY,
    lateEntryDays: { type: 'integer', minimum: 1, maximum: 3650 },
    code: { type: 'string', minLength: 1, maxLength: 20 },
    name: { type: 'string', minLength: 1, maxLength: 50 },
  },
  required: [...BASE_REQUIRED, 'kind', 'status'],
  indexes: [['villageCode', 'kind']],
  additionalProperties: false,
} as const satisfies CollectionSchema<PolicyDoc>;

export const policies = {
  schema: policiesSchema,
  migrations: {},
  merge: {
    fields: {
      ...BASE_FIELD_CLASSES,
      kind: 'immutable',
      setVersion: 'immutable',
      supersedesId: 'immutable',
      // A draft rule set is edited; the app stops editing once adopted.
      title: 'editable',
      rules: 'editable',
      effectiveFrom: 'editable',
      rollUp: 'editable',
      noticeDays: 'editable',
      objectionContact: 'editable',
      deductionsAgainstBalance: 'editable',
      yearlyReset: 'editable',
      tierSchemeId: 'editable',
      lateEntryDays: 'editable',
      code: 'editable',
      name: 'editable',
      status: 'workflow',
      adoption: 'write-once',
    },
    workflows: { status: POLICY_WORKFLOW },
    townshipWritable: [],
  },
} as const satisfies CollectionDefinition<PolicyDoc>;
