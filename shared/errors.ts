/**
 * Every failure that crosses a boundary (IPC, HTTP, CLI, the local database) is named by
 * one of these codes. The renderer and the CLI translate codes into Chinese (and English)
 * text; shared code never carries user-visible strings.
 */
export const ERROR_CODES = [
  // Platform port (preload ↔ main)
  'port.invalid-argument',
  'port.untrusted-sender',
  'port.unavailable',
  'port.file-too-large',
  'port.io-failed',
  'port.print-failed',
  'port.secret-storage-unavailable',
  // Local database
  'localdb.open-failed',
  'localdb.newer-than-app',
  'localdb.migration-failed',
  'localdb.write-failed',
  // Residents and households
  'resident.id-format',
  'resident.id-region',
  'resident.id-birth-date',
  'resident.id-check-digit',
  'resident.id-birth-mismatch',
  'resident.id-gender-mismatch',
  'resident.id-duplicate',
  'resident.name-missing',
  'resident.name-invalid',
  'resident.phone-invalid',
  'household.head-count',
  'household.relation-unknown',
  'household.number-duplicate',
  'household.member-not-found',
  'household.member-already',
  'household.inactive',
  'household.head-leaving',
  'household.date-invalid',
  // Register import (one problem per row and column)
  'import.file-empty',
  'import.column-missing',
  'import.column-duplicate',
  'import.value-missing',
  'import.value-too-long',
  'import.tags-invalid',
  'import.id-as-number',
  'import.id-duplicate-in-file',
  'import.group-unknown',
  'import.household-conflict',
  // Workbooks (.xlsx)
  'xlsx.not-a-workbook',
  'xlsx.legacy-or-encrypted',
  'xlsx.too-large',
  'xlsx.sheet-too-large',
  'xlsx.sheet-missing',
  // Place hierarchy
  'place.township-code-invalid',
  'place.village-code-invalid',
  'place.name-invalid',
  'place.township-unknown',
  'place.village-unknown',
  'place.township-exists',
  'place.village-exists',
  'place.village-not-in-township',
  // Server store
  'store.collection-unknown',
  'store.data-dir-locked',
  'store.migration-failed',
  'store.newer-than-server',
  'store.unavailable',
  'store.document-invalid',
  'store.document-scope-invalid',
  'store.document-not-found',
  'store.pull-invalid',
  // HTTP
  'http.not-found',
  'http.bad-request',
  'http.internal',
  'http.https-required',
  'http.payload-too-large',
  'http.origin-forbidden',
  // Accounts, sessions and devices (town server, and the app's login)
  'auth.credentials-invalid',
  'auth.rate-limited',
  'auth.locked',
  'auth.token-missing',
  'auth.token-invalid',
  'auth.token-expired',
  'auth.session-revoked',
  'auth.refresh-invalid',
  'auth.user-disabled',
  'auth.forbidden',
  'auth.password-weak',
  'auth.username-invalid',
  'auth.username-exists',
  'auth.user-unknown',
  'auth.role-invalid',
  'auth.role-scope-mismatch',
  'auth.device-revoked',
  'auth.device-other-village',
  'auth.device-unknown',
  'auth.server-needed',
  'auth.password-mismatch',
  'auth.server-unreachable',
  // Sync (town server endpoints, and the app's sync client)
  'sync.client-outdated',
  'sync.server-outdated',
  'sync.schema-version-missing',
  'sync.row-invalid',
  'sync.row-forbidden',
  'sync.field-immutable',
  'sync.workflow-backward',
  'sync.batch-too-large',
  'sync.server-unreachable',
  'sync.server-error',
  'sync.not-signed-in',
  'sync.upload-stalled',
  // Admin CLI and server start-up
  'cli.usage',
  'cli.env-invalid',
  'cli.file-unreadable',
  // Ledger: rule sets, recording, review, notice and objections, balances
  'ledger.rule-unknown',
  'ledger.rule-code-duplicate',
  'ledger.rule-invalid',
  'ledger.points-out-of-range',
  'ledger.points-required',
  'ledger.rule-set-not-draft',
  'ledger.adoption-incomplete',
  'ledger.no-rule-set',
  'ledger.rule-subject',
  'ledger.date-invalid',
  'ledger.quantity-invalid',
  'ledger.duplicate-entry',
  'ledger.cap-times-exceeded',
  'ledger.cap-points-exceeded',
  'ledger.late-entry',
  'ledger.review-own-entry',
  'ledger.review-own-household',
  'ledger.state-changed',
  'ledger.note-required',
  'ledger.notice-period-open',
  'ledger.notice-empty',
  'ledger.balance-insufficient',
  'ledger.rule-set-exists',
  'ledger.subject-missing',
  'ledger.subject-both',
  'ledger.resident-unknown',
  'ledger.household-unknown',
  'ledger.import-empty',
  'ledger.template-file-exists',
  'ledger.actor-unknown',
  'ledger.review-role',
  'ledger.review-missing',
  'ledger.withdraw-not-recorder',
  'ledger.decision-role',
  'ledger.township-decision-role',
  'ledger.adoption-role',
  'ledger.balance-entry-role',
  'ledger.notice-published',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Extra values a message may interpolate (never a sentence fragment). */
export type ErrorParams = Readonly<Record<string, string | number>>;

export interface AppError {
  readonly code: ErrorCode;
  readonly params?: ErrorParams;
}

/** Results at process and network boundaries: `{ ok, value } | { ok: false, error }`. */
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, params?: ErrorParams): Result<T> {
  return { ok: false, error: params === undefined ? { code } : { code, params } };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** An Error that carries a code, for code paths that throw (CLI, server handlers). */
export class CodedError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  constructor(code: ErrorCode, params: ErrorParams = {}) {
    super(code);
    this.name = 'CodedError';
    this.code = code;
    this.params = params;
  }
}

/** What the user is told about a caught error: its own code if it has one, else `fallback`. */
export function appErrorOf(error: unknown, fallback: ErrorCode): AppError {
  return error instanceof CodedError
    ? { code: error.code, params: error.params }
    : { code: fallback };
}
