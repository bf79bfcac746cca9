/**
 * residents — 村民. One document per person ever registered in the village. Profile data:
 * edited in place, merged field by field (conflicts go to a person).
 *
 * The citizen ID (公民身份号码) is personal information (PIPL): it is stored only as
 * `idNumberCipher`, encrypted by the app (not by RxDB's encryption plugin, see README),
 * next to what the app may show or search without decrypting: `idMasked`, `idLast4` and
 * `idHash` (a keyed hash, the same on every device of the township, so a duplicate is
 * caught even between offline devices).
 */
import type { CollectionDefinition } from './definition.ts';
import { BASE_FIELD_CLASSES } from './merge.ts';
import {
  BASE_PROPERTIES,
  BASE_REQUIRED,
  DATE_PROPERTY,
  LONG_TEXT,
  REF_PROPERTY,
  TAGS_PROPERTY,
  type CollectionSchema,
  type DocumentBase,
} from './schema.ts';

export type Gender = 'male' | 'female';
/** 在册 / 迁出 / 死亡 */
export type ResidentStatus = 'registered' | 'moved-out' | 'deceased';

export interface ResidentDoc extends DocumentBase {
  readonly name: string;
  /** Full pinyin of the most likely reading, lower case, no spaces or tones: 'zhangsan'. */
  readonly namePinyin: string;
  /** Initials of that reading: 'zs'. */
  readonly nameInitials: string;
  /** Other full readings of a polyphonic name (单 shan/dan), for matching only; not indexed. */
  readonly pinyinVariants: readonly string[];
  readonly gender: Gender;
  readonly birthDate: string;
  /**
   * The 18-digit ID encrypted by the app: 'v1.<keyId>.<iv base64url>.<ciphertext base64url>'
   * (AES-GCM). '' only for a person registered without an ID (then all id* fields are '').
   */
  readonly idNumberCipher: string;
  /** '3205**********1234' — what screens and printouts show. */
  readonly idMasked: string;
  /** Last four characters (the check character may be 'X'). */
  readonly idLast4: string;
  /** HMAC-SHA-256 of the normalised ID under the township's key, lower-case hex. */
  readonly idHash: string;
  readonly phone: string;
  /**
   * The household the person belongs to now ('' if none). Derived from households.members
   * (the history is there); written in the same operation that changes membership.
   */
  readonly householdId: string;
  readonly status: ResidentStatus;
  /** The date the status took effect (moved out, died); absent while registered. */
  readonly statusDate?: string;
  /** Person-level tags (党员, 志愿者 …); household tags live on the household. */
  readonly tags: readonly string[];
  readonly notes: string;
}

export const residentsSchema = {
  title: 'residents',
  description:
    'Residents (村民) of a village: profile, encrypted citizen ID with searchable derivatives.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...BASE_PROPERTIES,
    name: { type: 'string', minLength: 1, maxLength: 50 },
    namePinyin: { type: 'string', maxLength: 120, pattern: '^[a-z]*$' },
    nameInitials: { type: 'string', maxLength: 50, pattern: '^[a-z]*$' },
    pinyinVariants: {
      type: 'array',
      maxItems: 16,
      items: { type: 'string', maxLength: 120, pattern: '^[a-z]*$' },
    },
    gender: { type: 'string', enum: ['male', 'female'] },
    birthDate: DATE_PROPERTY,
    idNumberCipher: { type: 'string', maxLength: 400 },
    idMasked: { type: 'string', maxLength: 18, pattern: '^([0-9]{4}[*]{10}[0-9]{3}[0-9X]|)$' },
    idLast4: { type: 'string', maxLength: 4, pattern: '^([0-9]{3}[0-9X]|)$' },
    idHash: { type: 'string', maxLength: 64, pattern: '^([0-9a-f]{64}|)$' },
    phone: { type: 'string', maxLength: 20, pattern: '^[0-9+-]*$' },
    householdId: REF_PROPERTY,
    status: { type: 'string', enum: ['registered', 'moved-out', 'deceased'] },
    statusDate: DATE_PROPERTY,
    tags: TAGS_PROPERTY,
    notes: LONG_TEXT,
  },
  required: [
    ...BASE_REQUIRED,
    'name',
    'namePinyin',
    'nameInitials',
    'pinyinVariants',
    'gender',
    'birthDate',
    'idNumberCipher',
    'idMasked',
    'idLast4',
    'idHash',
    'phone',
    'householdId',
    'status',
    'tags',
    'notes',
  ],
  // Search-as-you-type ranges (prefix = $gte/$lt on the index) for up to 10,000 residents.
  // villageCode leads every index so a township device holding several villages still
  // reads one village's range.
  indexes: [
    ['villageCode', 'name'],
    ['villageCode', 'namePinyin'],
    ['villageCode', 'nameInitials'],
    ['villageCode', 'idLast4'],
    ['villageCode', 'idHash'],
    ['villageCode', 'phone'],
    ['villageCode', 'householdId'],
  ],
  additionalProperties: false,
} as const satisfies CollectionSchema<ResidentDoc>;

export const residents = {
  schema: residentsSchema,
  migrations: {},
  merge: {
    fields: {
      ...BASE_FIELD_CLASSES,
      name: 'editable',
      namePinyin: 'editable',
      nameInitials: 'editable',
      pinyinVariants: 'editable',
      gender: 'editable',
      birthDate: 'editable',
      idNumberCipher: 'editable',
      idMasked: 'editable',
      idLast4: 'editable',
      idHash: 'editable',
      phone: 'editable',
      householdId: 'editable',
      status: 'editable',
      statusDate: 'editable',
      tags: 'editable',
      notes: 'editable',
    },
    workflows: {},
    townshipWritable: [],
  },
} as const satisfies CollectionDefinition<ResidentDoc>;
