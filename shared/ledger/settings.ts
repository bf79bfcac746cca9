/**
 * The village's settings (policies, kind 'settings'): one document per village under the
 * deterministic id `settingsId(villageCode)`, so two devices that create it offline meet on
 * one document. A village without it works by the defaults the rest of the ledger code
 * assumes — household sum, deductions not against the balance, no yearly reset, the
 * packaged 1000-point tier scheme (village-policy.ts), DEFAULT_NOTICE_DAYS of notice and
 * DEFAULT_LATE_ENTRY_DAYS before an entry counts as late — and the document, once made,
 * starts from exactly those values, so creating it changes no figure.
 */
import { catalogId } from '../collections/catalog.ts';
import { settingsId, type SettingsPolicy } from '../collections/policies.ts';
import { newBase, touch, type LedgerContext, type Place } from './context.ts';
import {
  DEFAULT_LATE_ENTRY_DAYS,
  DEFAULT_NOTICE_DAYS,
  DEFAULT_TIER_SCHEME_CODE,
} from './templates.ts';

/** What a village decides in its settings (the document without its bookkeeping). */
export type SettingsValues = Pick<
  SettingsPolicy,
  | 'rollUp'
  | 'noticeDays'
  | 'objectionContact'
  | 'deductionsAgainstBalance'
  | 'yearlyReset'
  | 'tierSchemeId'
  | 'lateEntryDays'
>;

const SETTINGS_KEYS: readonly (keyof SettingsValues)[] = [
  'rollUp',
  'noticeDays',
  'objectionContact',
  'deductionsAgainstBalance',
  'yearlyReset',
  'tierSchemeId',
  'lateEntryDays',
];

/** The schema's bounds (policies.ts). */
export const NOTICE_DAYS_RANGE = { min: 1, max: 90 } as const;
export const OBJECTION_CONTACT_MAX = 200;
const LATE_ENTRY_DAYS_RANGE = { min: 1, max: 3650 } as const;

/** The values a village without a settings document works by. */
export function defaultSettingsValues(townshipCode: string): SettingsValues {
  return {
    rollUp: 'sum',
    noticeDays: DEFAULT_NOTICE_DAYS,
    objectionContact: '',
    deductionsAgainstBalance: false,
    yearlyReset: false,
    tierSchemeId: catalogId(townshipCode, 'tier-scheme', DEFAULT_TIER_SCHEME_CODE),
    lateEntryDays: DEFAULT_LATE_ENTRY_DAYS,
  };
}

/** The village's settings as they apply: its document's values, else the defaults. */
export function settingsValuesOf(
  settings: SettingsPolicy | undefined,
  townshipCode: string,
): SettingsValues {
  if (settings === undefined) return defaultSettingsValues(townshipCode);
  const values: Record<string, unknown> = {};
  for (const key of SETTINGS_KEYS) values[key] = settings[key];
  return values as unknown as SettingsValues;
}

function checkValues(values: SettingsValues): void {
  const { noticeDays, lateEntryDays, objectionContact } = values;
  if (
    !Number.isInteger(noticeDays) ||
    noticeDays < NOTICE_DAYS_RANGE.min ||
    noticeDays > NOTICE_DAYS_RANGE.max
  )
    throw new RangeError(`notice days ${String(noticeDays)}`);
  if (
    !Number.isInteger(lateEntryDays) ||
    lateEntryDays < LATE_ENTRY_DAYS_RANGE.min ||
    lateEntryDays > LATE_ENTRY_DAYS_RANGE.max
  )
    throw new RangeError(`late entry days ${String(lateEntryDays)}`);
  if (objectionContact.length > OBJECTION_CONTACT_MAX)
    throw new RangeError(`objection contact of ${String(objectionContact.length)} characters`);
}

/** A new settings document for the place: the defaults with `changes` applied. */
export function newSettings(
  place: Place,
  ctx: LedgerContext,
  changes: Partial<SettingsValues> = {},
): SettingsPolicy {
  const values = { ...defaultSettingsValues(place.townshipCode), ...changes };
  checkValues(values);
  return {
    ...newBase(place, ctx, settingsId(place.villageCode)),
    kind: 'settings',
    status: 'active',
    ...values,
  };
}

export interface SettingsChange {
  readonly settings: SettingsPolicy;
  /** The fields that changed (all of them when the document is new). */
  readonly changedFields: readonly (keyof SettingsValues)[];
  readonly created: boolean;
}

/**
 * `changes` applied to the village's settings document, making the document from the
 * defaults when the village has none. Undefined when nothing would change (no write).
 * Values outside the schema's bounds are a programming error (RangeError): forms bound them.
 */
export function changeSettings(
  current: SettingsPolicy | undefined,
  changes: Partial<SettingsValues>,
  place: Place,
  ctx: LedgerContext,
): SettingsChange | undefined {
  if (current === undefined) {
    return {
      settings: newSettings(place, ctx, changes),
      changedFields: SETTINGS_KEYS,
      created: true,
    };
  }
  const changedFields = SETTINGS_KEYS.filter(
    (key) => changes[key] !== undefined && changes[key] !== current[key],
  );
  if (changedFields.length === 0) return undefined;
  const next: Record<string, unknown> = {};
  for (const key of changedFields) next[key] = changes[key];
  checkValues({ ...settingsValuesOf(current, current.townshipCode), ...next });
  return {
    settings: touch(current, next as Partial<SettingsPolicy>, ctx),
    changedFields,
    created: false,
  };
}
