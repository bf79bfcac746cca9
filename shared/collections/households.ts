/**
 * households — 户, with their membership history. A household is the working unit in the
 * field; events are recorded per person and rolled up per household (village setting).
 *
 * Membership history lives here: every stint of a person in this household is one entry
 * of `members` with `from` and `to`; a current member has no `to`. Moving a person closes
 * the stint here and opens one in the other household (and updates the resident's
 * `householdId`). Splits and merges close households and link them in `lineage`; nothing
 * is deleted.
 */
import type { CollectionDefinition } from './definition.ts';
import { BASE_FIELD_CLASSES } from './merge.ts';
import {
  BASE_PROPERTIES,
  BASE_REQUIRED,
  DATE_PROPERTY,
  ID_PROPERTY,
  LONG_TEXT,
  REF_PROPERTY,
  SHORT_TEXT,
  TAGS_PROPERTY,
  type CollectionSchema,
  type DocumentBase,
} from './schema.ts';

/** 与户主关系: 户主 / 配偶 / 子女 / 父母 / 兄弟姐妹 / 孙子女 / 其他 */
export type Relation = 'head' | 'spouse' | 'child' | 'parent' | 'sibling' | 'grandchild' | 'other';
export const RELATIONS: readonly Relation[] = [
  'head',
  'spouse',
  'child',
  'parent',
  'sibling',
  'grandchild',
  'other',
];

export interface Membership {
  readonly residentId: string;
  readonly relation: Relation;
  readonly from: string;
  /** Absent while the person is a member. */
  readonly to?: string;
}

export type LineageKind = 'split-from' | 'split-into' | 'merged-from' | 'merged-into';

export interface LineageLink {
  readonly kind: LineageKind;
  readonly householdId: string;
  readonly on: string;
}

export type HouseholdStatus = 'active' | 'closed';

export interface HouseholdDoc extends DocumentBase {
  /** 户编号, unique in the village. */
  readonly householdNo: string;
  /** 门牌号 */
  readonly houseNo: string;
  readonly address: string;
  /** The village group (村民小组/网格): a policies document of kind 'group'; '' if none. */
  readonly groupId: string;
  /** The current head (户主); '' once the household is closed. */
  readonly headResidentId: string;
  readonly members: readonly Membership[];
  /** 低保户, 五保户, 军属, 党员户, 脱贫监测户 … */
  readonly tags: readonly string[];
  readonly status: HouseholdStatus;
  readonly closedOn?: string;
  readonly lineage: readonly LineageLink[];
  readonly notes: string;
}

export const householdsSchema = {
  title: 'households',
  description: 'Households (户) with membership history, split/merge lineage and tags.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...BASE_PROPERTIES,
    householdNo: { type: 'string', minLength: 1, maxLength: 32 },
    houseNo: { type: 'string', maxLength: 32 },
    address: SHORT_TEXT,
    groupId: REF_PROPERTY,
    headResidentId: REF_PROPERTY,
    members: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['residentId', 'relation', 'from'],
        properties: {
          residentId: ID_PROPERTY,
          relation: {
            type: 'string',
            enum: ['head', 'spouse', 'child', 'parent', 'sibling', 'grandchild', 'other'],
          },
          from: DATE_PROPERTY,
          to: DATE_PROPERTY,
        },
      },
    },
    tags: TAGS_PROPERTY,
    status: { type: 'string', enum: ['active', 'closed'] },
    closedOn: DATE_PROPERTY,
    lineage: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'householdId', 'on'],
        properties: {
          kind: {
            type: 'string',
            enum: ['split-from', 'split-into', 'merged-from', 'merged-into'],
          },
          householdId: ID_PROPERTY,
          on: DATE_PROPERTY,
        },
      },
    },
    notes: LONG_TEXT,
  },
  required: [
    ...BASE_REQUIRED,
    'householdNo',
    'houseNo',
    'address',
    'groupId',
    'headResidentId',
    'members',
    'tags',
    'status',
    'lineage',
    'notes',
  ],
  indexes: [
    ['villageCode', 'householdNo'],
    ['villageCode', 'houseNo'],
  ],
  additionalProperties: false,
} as const satisfies CollectionSchema<HouseholdDoc>;

export const households = {
  schema: householdsSchema,
  migrations: {},
  merge: {
    fields: {
      ...BASE_FIELD_CLASSES,
      householdNo: 'editable',
      houseNo: 'editable',
      address: 'editable',
      groupId: 'editable',
      headResidentId: 'editable',
      members: 'editable',
      tags: 'editable',
      // Closing is final (a split or merge creates new households), but it is part of an
      // edit that touches members and lineage together, so it merges as profile data.
      status: 'editable',
      closedOn: 'editable',
      lineage: 'editable',
      notes: 'editable',
    },
    workflows: {},
    townshipWritable: [],
  },
} as const satisfies CollectionDefinition<HouseholdDoc>;
