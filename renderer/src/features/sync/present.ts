/**
 * How the sync screen words things: phases, problem advice, fields and values of the
 * conflict list. Pure (catalogue in, text out), so it is tested without rendering.
 */
import type { ErrorCode } from '../../../../shared/errors.ts';
import type { Catalogue, MessageKey } from '../../i18n/catalogue.ts';
import { formatMessage } from '../../i18n/format.ts';
import type { SyncPhase } from '../../sync/status.ts';

export type PhaseTone = 'success' | 'processing' | 'warning' | 'error' | 'default';

export const PHASE_TONE: { readonly [P in SyncPhase | 'signed-out']: PhaseTone } = {
  starting: 'processing',
  standby: 'default',
  syncing: 'processing',
  synced: 'success',
  offline: 'warning',
  'server-error': 'warning',
  'not-signed-in': 'default',
  'needs-sign-in': 'error',
  outdated: 'error',
  'server-outdated': 'error',
  stopped: 'default',
  'signed-out': 'default',
};

export function phaseLabelKey(phase: SyncPhase | 'signed-out'): MessageKey {
  return `sync.phase.${phase}`;
}

/** What to do about a refused row. */
export function adviceKey(code: ErrorCode): MessageKey {
  switch (code) {
    case 'sync.row-invalid':
    case 'sync.row-forbidden':
    case 'sync.field-immutable':
    case 'sync.workflow-backward':
      return `sync.advice.${code.slice('sync.'.length) as 'row-invalid'}`;
    default:
      return 'sync.advice.other';
  }
}

function has(catalogue: Catalogue, key: string): key is MessageKey {
  return Object.hasOwn(catalogue, key);
}

/** A field's name in the user's language; the field's own name if the catalogue has none. */
export function fieldLabel(catalogue: Catalogue, field: string): string {
  const key = `values.${field}`;
  return has(catalogue, key) ? catalogue[key] : field;
}

/**
 * Fields derived from others (searchable forms of a name or ID): in the conflict list they
 * are not shown on their own — the field they come from is — but they follow the choice.
 */
export const DERIVED_FIELDS: ReadonlySet<string> = new Set([
  'namePinyin',
  'nameInitials',
  'pinyinVariants',
  'idNumberCipher',
  'idLast4',
  'idHash',
]);

/** The fields a conflict shows: its conflicting fields, minus derived ones (ID: masked). */
export function shownFields(fields: readonly string[]): string[] {
  const shown = fields.filter((f) => !DERIVED_FIELDS.has(f));
  if (
    fields.some((f) => f.startsWith('id') && DERIVED_FIELDS.has(f)) &&
    !shown.includes('idMasked')
  ) {
    shown.push('idMasked');
  }
  if (
    fields.some((f) => f.startsWith('name') || f === 'pinyinVariants') &&
    !shown.includes('name')
  ) {
    shown.unshift('name');
  }
  return shown;
}

/** A field's value as text: codes in the user's language, lists joined, times as dates. */
export function formatValue(
  catalogue: Catalogue,
  field: string,
  value: unknown,
  formatTime: (ms: number) => string,
): string {
  if (field === '_deleted') {
    return formatMessage(catalogue, value === true ? 'sync.value.deleted' : 'sync.value.present');
  }
  if (value === undefined || value === null || value === '') {
    return formatMessage(catalogue, 'sync.value.empty');
  }
  if (typeof value === 'boolean') {
    return formatMessage(catalogue, value ? 'sync.value.yes' : 'sync.value.no');
  }
  if (typeof value === 'number') {
    return field.endsWith('At') ? formatTime(value) : String(value);
  }
  if (typeof value === 'string') {
    const key = `values.${value}`;
    return has(catalogue, key) && !field.endsWith('Id') ? catalogue[key] : value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return formatMessage(catalogue, 'sync.value.empty');
    if (value.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return value.map((v) => formatValue(catalogue, '', v, formatTime)).join('、');
    }
    return formatMessage(catalogue, 'sync.value.items', { count: value.length });
  }
  return JSON.stringify(value);
}
