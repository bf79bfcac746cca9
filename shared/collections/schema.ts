/**
 * The schema vocabulary every collection file uses. shared/ cannot import rxdb, so this is a
 * small, structurally compatible subset of RxDB's RxJsonSchema (draft-04 JSON Schema plus
 * RxDB's top-level keys): the renderer passes these objects to `addCollections` unchanged,
 * and the town server validates pushed rows with the very same objects.
 *
 * Kept deliberately narrow: one `type` per property (no ['string', 'null'] — a field that
 * may be missing is optional, never null), no `$ref`, no `default`, no `const` (z-schema
 * and RxDB's checks target draft-04; single-value `enum` is used for discriminators).
 */

/** All keys of every member of a union (keyof a union gives only the common keys). */
export type AllKeys<T> = T extends unknown ? Extract<keyof T, string> : never;

export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

export interface JsonSchemaProperty {
  readonly type: JsonType;
  readonly description?: string;
  // strings
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly enum?: readonly (string | number | boolean)[];
  // numbers (RxDB: indexed numbers need minimum, maximum and multipleOf)
  readonly minimum?: number;
  readonly maximum?: number;
  readonly multipleOf?: number;
  // arrays
  readonly items?: JsonSchemaProperty;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  // objects
  readonly properties?: { readonly [key: string]: JsonSchemaProperty };
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
}

/**
 * A collection's JSON schema. `properties` must name every field of every variant of the
 * document type (checked by the compiler through `satisfies`); `required` and `indexes` may
 * only name fields common to all variants.
 */
export interface CollectionSchema<Doc> {
  readonly title: string;
  readonly description: string;
  readonly version: number;
  readonly primaryKey: 'id';
  readonly type: 'object';
  readonly properties: { readonly [K in AllKeys<Doc>]: JsonSchemaProperty };
  readonly required: readonly Extract<keyof Doc, string>[];
  readonly indexes: readonly (readonly Extract<keyof Doc, string>[])[];
  readonly additionalProperties: false;
  /** Present on collections that keep files (photo evidence, signed forms) as RxDB attachments. */
  readonly attachments?: { readonly encrypted?: boolean };
}

// ---------------------------------------------------------------------------------------
// Reusable property fragments. Patterns are anchored; z-schema uses JavaScript RegExp.

/** Upper bound for epoch-millisecond timestamps: 9,999,999,999,999 ms is the year 2286. */
export const MAX_TIMESTAMP = 9_999_999_999_999;

export const DATE_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';

/** Client-generated sortable ids (see ids.ts) or deterministic ids for singletons. */
export const ID_PROPERTY = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: '^[0-9A-Za-z][0-9A-Za-z:._-]*$',
} as const;

/** A reference to another document; '' where the reference is empty but the field is indexed. */
export const REF_PROPERTY = { type: 'string', maxLength: 64 } as const;

export const USER_ID_PROPERTY = { type: 'string', minLength: 1, maxLength: 64 } as const;

export const TIMESTAMP_PROPERTY = {
  type: 'integer',
  minimum: 0,
  maximum: MAX_TIMESTAMP,
  multipleOf: 1,
} as const;

/** A calendar date of an act or a period edge, 'YYYY-MM-DD' (the village's local date). */
export const DATE_PROPERTY = { type: 'string', maxLength: 10, pattern: DATE_PATTERN } as const;

/** Points are integers; the sign carries the direction (a deduction is negative). */
export const POINTS_PROPERTY = {
  type: 'integer',
  minimum: -1_000_000,
  maximum: 1_000_000,
  multipleOf: 1,
} as const;

export const SHORT_TEXT = { type: 'string', maxLength: 200 } as const;
export const LONG_TEXT = { type: 'string', maxLength: 4000 } as const;
export const CODE_PROPERTY = {
  type: 'string',
  minLength: 1,
  maxLength: 40,
  pattern: '^[0-9A-Za-z][0-9A-Za-z._-]*$',
} as const;

export const TAGS_PROPERTY = {
  type: 'array',
  maxItems: 50,
  uniqueItems: true,
  items: { type: 'string', minLength: 1, maxLength: 40 },
} as const;

export const ID_LIST_PROPERTY = {
  type: 'array',
  maxItems: 5000,
  items: ID_PROPERTY,
} as const;

/** A user's action stamp: who did it and when (epoch ms). */
export const STAMP_PROPERTIES = {
  by: USER_ID_PROPERTY,
  at: TIMESTAMP_PROPERTY,
} as const;

export interface Stamp {
  readonly by: string;
  readonly at: number;
}

/** A person or a household: the two things credit is recorded against. */
export type SubjectType = 'resident' | 'household';
export const SUBJECT_TYPE_PROPERTY = { type: 'string', enum: ['resident', 'household'] } as const;

/** One evidence item: a file kept as an RxDB attachment on the same document, or a note. */
export interface Evidence {
  readonly kind: 'photo' | 'document' | 'note';
  /** The attachment id on this document ('' for a note). */
  readonly attachmentId: string;
  readonly description: string;
}

export const EVIDENCE_PROPERTY = {
  type: 'array',
  maxItems: 20,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['kind', 'attachmentId', 'description'],
    properties: {
      kind: { type: 'string', enum: ['photo', 'document', 'note'] },
      attachmentId: { type: 'string', maxLength: 100 },
      description: SHORT_TEXT,
    },
  },
} as const;

// ---------------------------------------------------------------------------------------
// Fields every document carries.

/**
 * Common fields. Ownership and scoping: `villageCode` (12 digits) and `townshipCode`
 * (9 digits, the village code's first 9 digits). Township-published documents (the
 * catalog) carry `villageCode: ''` when they apply to every village of the township, or one
 * village's code when they are published to that village only.
 *
 * Timestamps are epoch milliseconds (integers): compact in indexes, no time-zone parsing,
 * comparable with `<`. They come from the device clock, so they order nothing across
 * devices — the sync checkpoint is a server sequence. Calendar dates of acts are
 * 'YYYY-MM-DD' strings (the date the village lives by, not an instant).
 */
export interface DocumentBase {
  readonly id: string;
  readonly villageCode: string;
  readonly townshipCode: string;
  readonly createdAt: number;
  readonly createdBy: string;
  /** The device the document was created on. */
  readonly deviceId: string;
  readonly updatedAt: number;
  readonly updatedBy: string;
}

export const BASE_PROPERTIES = {
  id: ID_PROPERTY,
  villageCode: { type: 'string', maxLength: 12, pattern: '^[0-9]{12}$' },
  townshipCode: { type: 'string', maxLength: 9, pattern: '^[0-9]{9}$' },
  createdAt: TIMESTAMP_PROPERTY,
  createdBy: USER_ID_PROPERTY,
  deviceId: { type: 'string', minLength: 1, maxLength: 64 },
  updatedAt: TIMESTAMP_PROPERTY,
  updatedBy: USER_ID_PROPERTY,
} as const;

export const BASE_REQUIRED = [
  'id',
  'villageCode',
  'townshipCode',
  'createdAt',
  'createdBy',
  'deviceId',
  'updatedAt',
  'updatedBy',
] as const;

/** Township-published documents: '' (every village of the township) or one village's code. */
export const OPTIONAL_VILLAGE_CODE_PROPERTY = {
  type: 'string',
  maxLength: 12,
  pattern: '^([0-9]{12}|)$',
} as const;
