/**
 * The resident search box: what the clerk typed, classified into a small declarative plan
 * of prefix and exact matches on the stored search keys (each one a range of a
 * villageCode-led index, should a query ever need to run in the database).
 * search-register.ts runs the plan over the village's register in memory.
 *
 * Classes (after trimming, removing spaces and folding full-width characters):
 * - Han characters without digits → name prefix (`张`, `张三`, `阿依古丽·买`).
 * - latin letters → full pinyin prefix AND initials prefix (`zs`, `zhang`); if the letters
 *   read a polyphonic surname the other way (`dan…` for 单), also the residents with that
 *   surname (name prefix), kept only if a stored variant or the initials match.
 * - 4 digits, or 3 digits and X → ID last 4 (exact); 4 digits also a household number or
 *   house number (exact). A 4-digit entry is most often the end of an ID; phones are
 *   searched from 5 digits on, so a phone number being typed shows ID matches at 4 digits.
 * - 5–11 digits → phone prefix and household number prefix.
 * - 1–3 digits → phone, household number and house number prefixes (the start of any).
 * - anything else (`12号`, `南港村12号`, `A-03`, 12+ digits) → household number or house
 *   number prefix.
 * - empty or only spaces → no plan: show the normal list.
 */
import { MAX_PINYIN_LENGTH, POLYPHONIC_SURNAMES, type PolyphonicSurname } from './search-keys.ts';

export type ResidentSearchField = 'name' | 'namePinyin' | 'nameInitials' | 'idLast4' | 'phone';
export type HouseholdSearchField = 'householdNo' | 'houseNo';
export type SearchOp = 'prefix' | 'equals';

/**
 * A check on a found resident, for clauses whose range is wider than the match (the
 * residents with a surname). An array field matches when one of its items does.
 */
export interface ResidentFilter {
  readonly field: 'nameInitials' | 'pinyinVariants';
  readonly op: 'prefix';
  readonly value: string;
}

export interface ResidentClause {
  readonly collection: 'residents';
  readonly field: ResidentSearchField;
  readonly op: SearchOp;
  readonly value: string;
  /** Keep a found resident only if one of these matches; absent: keep every one. */
  readonly filters?: readonly ResidentFilter[];
}

/** Households found here stand for their current members (residents.householdId). */
export interface HouseholdClause {
  readonly collection: 'households';
  readonly field: HouseholdSearchField;
  readonly op: SearchOp;
  readonly value: string;
}

export type SearchClause = ResidentClause | HouseholdClause;

export type SearchKind = 'name' | 'pinyin' | 'id-last4' | 'phone' | 'digits' | 'number';

export interface SearchPlan {
  readonly kind: SearchKind;
  /** The normalised text the clauses were built from. */
  readonly text: string;
  /** Run them all and merge (union) the residents found. */
  readonly clauses: readonly SearchClause[];
}

/** The index range of a prefix: every string that starts with `value`. */
export function prefixRange(value: string): { readonly $gte: string; readonly $lt: string } {
  return { $gte: value, $lt: `${value}\uffff` };
}

const HAN = /\p{Script=Han}/u;
const DIGIT = /[0-9]/;
const PINYIN = /^[a-zü']+$/;

/** Classifies the search box text; null when there is nothing to search for. */
export function planSearch(input: string): SearchPlan | null {
  // NFKC folds full-width digits and letters (１２３４, ｚｓ) typed with a Chinese IME.
  const text = input.normalize('NFKC').replace(/\s+/g, '');
  if (text === '') return null;

  if (HAN.test(text) && !DIGIT.test(text)) {
    return plan('name', text, [resident('name', 'prefix', text)]);
  }

  const lower = text.toLowerCase();
  if (PINYIN.test(lower)) {
    // xi'an is typed with an apostrophe between syllables; ü is stored as v.
    const letters = lower.replace(/'/g, '').replace(/ü/g, 'v').slice(0, MAX_PINYIN_LENGTH);
    if (letters === '') return null;
    return plan('pinyin', letters, [
      resident('namePinyin', 'prefix', letters),
      resident('nameInitials', 'prefix', letters),
      ...polyphonicSurnameClauses(letters),
    ]);
  }

  if (/^[0-9]{3}[0-9x]$/.test(lower)) {
    const last4 = text.toUpperCase();
    if (last4.endsWith('X')) return plan('id-last4', last4, [resident('idLast4', 'equals', last4)]);
    return plan('id-last4', last4, [
      resident('idLast4', 'equals', last4),
      household('householdNo', 'equals', last4),
      household('houseNo', 'equals', last4),
    ]);
  }

  if (/^[0-9]{5,11}$/.test(text)) {
    return plan('phone', text, [
      resident('phone', 'prefix', text),
      household('householdNo', 'prefix', text),
    ]);
  }

  if (/^[0-9]{1,3}$/.test(text)) {
    return plan('digits', text, [
      resident('phone', 'prefix', text),
      household('householdNo', 'prefix', text),
      household('houseNo', 'prefix', text),
    ]);
  }

  return plan('number', text, [
    household('householdNo', 'prefix', text),
    household('houseNo', 'prefix', text),
  ]);
}

function plan(kind: SearchKind, text: string, clauses: readonly SearchClause[]): SearchPlan {
  return { kind, text, clauses };
}

function resident(field: ResidentSearchField, op: SearchOp, value: string): ResidentClause {
  return { collection: 'residents', field, op, value };
}

function household(field: HouseholdSearchField, op: SearchOp, value: string): HouseholdClause {
  return { collection: 'households', field, op, value };
}

const initials = (syllables: readonly string[]) => syllables.map((s) => s.charAt(0)).join('');

/**
 * Letters that read a polyphonic surname the other way (`dan`, `danx`, `dxx` for 单雄信,
 * stored as shanxiongxin / sxx) cannot use the pinyin indexes. They select the residents
 * with that surname instead (a narrow range of the name index), checked against the stored
 * variants (full pinyin) or the initials with the surname's own initials swapped in.
 * Partial input (`d`, `da`) counts as soon as it is the start of the other reading, so the
 * person stays in the list while the clerk types.
 */
function polyphonicSurnameClauses(letters: string): ResidentClause[] {
  const clauses: ResidentClause[] = [];
  for (const entry of POLYPHONIC_SURNAMES) {
    const filters = surnameFilters(entry, letters);
    if (filters.length > 0) clauses.push({ ...resident('name', 'prefix', entry.surname), filters });
  }
  return clauses;
}

function surnameFilters(entry: PolyphonicSurname, letters: string): ResidentFilter[] {
  const filters: ResidentFilter[] = [];
  const add = (filter: ResidentFilter) => {
    if (!filters.some((f) => f.field === filter.field && f.value === filter.value)) {
      filters.push(filter);
    }
  };
  const primaryInitials = initials(entry.primary);
  for (const alternative of entry.alternatives) {
    const full = alternative.join('');
    if (full.startsWith(letters) || letters.startsWith(full)) {
      add({ field: 'pinyinVariants', op: 'prefix', value: letters });
    }
    const alternativeInitials = initials(alternative);
    if (alternativeInitials.startsWith(letters)) {
      add({ field: 'nameInitials', op: 'prefix', value: primaryInitials });
    } else if (
      letters.startsWith(alternativeInitials) &&
      looksLikeInitials(letters.slice(alternativeInitials.length))
    ) {
      add({
        field: 'nameInitials',
        op: 'prefix',
        value: primaryInitials + letters.slice(alternativeInitials.length),
      });
    }
  }
  return filters;
}

/**
 * Whether letters after a surname's initials are more initials (`xx` of `dxx`) rather than
 * the rest of a full reading (`anx` of `danx`). Without this, every input starting with d
 * or z would also read the residents surnamed 翟, 都, 种, 召 … A vowel-initial given name
 * (单爱国, `dag`) is then found by its primary initials (`sag`) only.
 */
function looksLikeInitials(rest: string): boolean {
  return rest.length <= 1 || !/[aeiouv]/.test(rest);
}

/** The stored fields a clause's filters read. */
export interface FilterableResident {
  readonly nameInitials: string;
  readonly pinyinVariants: readonly string[];
}

/** Whether a resident found by a clause's range is a match (no filters: always). */
export function passesFilters(
  resident: FilterableResident,
  filters: readonly ResidentFilter[] | undefined,
): boolean {
  if (filters === undefined || filters.length === 0) return true;
  return filters.some((filter) =>
    filter.field === 'nameInitials'
      ? resident.nameInitials.startsWith(filter.value)
      : resident.pinyinVariants.some((variant) => variant.startsWith(filter.value)),
  );
}

/** Whether a stored value satisfies a clause's op (for checks outside the database). */
export function matchesOp(stored: string, op: SearchOp, value: string): boolean {
  return op === 'equals' ? stored === value : stored.startsWith(value);
}
