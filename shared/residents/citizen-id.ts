/**
 * 公民身份号码 (GB 11643-1999): 6 digits region code (GB/T 2260), 8 digits birth date
 * YYYYMMDD, 3 digits sequence (the last of them odd for men, even for women), and one
 * ISO 7064 MOD 11-2 check character (0-9 or X). First-generation cards carried a 15-digit
 * number (YYMMDD, no check character); those are converted to 18 digits here.
 *
 * Pure: the caller passes `today`, so whether a birth date lies in the future is decided
 * against the clock the caller chose, and tests are deterministic.
 */
import { fail, ok, type Result } from '../errors.ts';
import type { Gender } from '../collections/residents.ts';
import { PROVINCE_CODES } from '../places/division-codes.ts';

export interface CitizenId {
  /** 18 characters, the check character upper-case: '11010519491231002X'. */
  readonly number: string;
  /** 'YYYY-MM-DD', read from digits 7-14. */
  readonly birthDate: string;
  /** From the 17th digit: odd is male, even is female. */
  readonly gender: Gender;
  /** The first 6 digits: the county (or city) where the number was first issued. */
  readonly regionCode: string;
  /** The 15-digit number the clerk entered, when `number` was converted from it. */
  readonly convertedFrom?: string;
}

/** Reason codes for 'resident.id-birth-date' (the renderer words them). */
export type BirthDateProblem = 'not-a-date' | 'in-the-future' | 'before-1900';

const EIGHTEEN = /^\d{17}[\dX]$/;
const FIFTEEN = /^\d{15}$/;

/**
 * What a clerk types or pastes, made comparable: full-width digits and letters (an IME in
 * full-width mode gives '１１０…Ｘ') become ASCII, all whitespace goes (the card prints the
 * number in groups; pasted numbers bring spaces and tabs), and a final 'x' becomes 'X'.
 * Anything else stays, so the format check can still refuse it.
 */
export function normalizeCitizenId(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

// Weight of position i (1-17) is 2^(18-i) mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** The ISO 7064 MOD 11-2 check character of the first 17 digits ('0'-'9' or 'X'). */
export function checkDigitOf(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError('checkDigitOf expects exactly 17 digits');
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  }
  return CHECK_CHARACTERS.charAt(sum % 11);
}

/**
 * Parses and validates a citizen ID, 18-digit or legacy 15-digit. Checks run from the most
 * fundamental to the most detailed (format → region → birth date → check character), so
 * the clerk is told first about the problem that makes the rest meaningless. Error
 * params carry the normalised number as `value`: what was actually checked.
 *
 * `today` is 'YYYY-MM-DD'; a birth date after it is refused.
 */
export function parseCitizenId(input: string, today: string): Result<CitizenId> {
  const value = normalizeCitizenId(input);
  const legacy = FIFTEEN.test(value);
  if (!legacy && !EIGHTEEN.test(value)) {
    return fail('resident.id-format', { value });
  }

  const regionCode = value.slice(0, 6);
  if (!isPlausibleRegionCode(regionCode)) {
    return fail('resident.id-region', { value, region: regionCode });
  }

  // Legacy numbers hold YYMMDD; every one was issued to someone born in the 1900s.
  const birthDigits = legacy ? `19${value.slice(6, 12)}` : value.slice(6, 14);
  const birthDate = `${birthDigits.slice(0, 4)}-${birthDigits.slice(4, 6)}-${birthDigits.slice(6, 8)}`;
  const problem = birthDateProblem(birthDate, today);
  if (problem !== undefined) {
    return fail('resident.id-birth-date', { value, date: birthDate, reason: problem });
  }

  const first17 = legacy ? `${regionCode}${birthDigits}${value.slice(12, 15)}` : value.slice(0, 17);
  const expected = checkDigitOf(first17);
  if (!legacy && value.charAt(17) !== expected) {
    return fail('resident.id-check-digit', { value, expected });
  }

  const id = {
    number: `${first17}${expected}`,
    birthDate,
    gender: Number(first17.charAt(16)) % 2 === 1 ? 'male' : 'female',
    regionCode,
  } as const;
  return ok(legacy ? { ...id, convertedFrom: value } : id);
}

/**
 * The ID decides birth date and gender; what the clerk typed must agree with it. An
 * absent or empty entry is not compared (the form may fill it from the ID instead).
 * Birth date is checked first: it is the field a clerk most often mistypes.
 */
export function checkAgainstEntered(
  id: CitizenId,
  entered: { readonly birthDate?: string; readonly gender?: Gender },
): Result<CitizenId> {
  if (entered.birthDate !== undefined && entered.birthDate !== '') {
    if (entered.birthDate !== id.birthDate) {
      return fail('resident.id-birth-mismatch', {
        entered: entered.birthDate,
        fromId: id.birthDate,
      });
    }
  }
  if (entered.gender !== undefined && entered.gender !== id.gender) {
    return fail('resident.id-gender-mismatch', { entered: entered.gender, fromId: id.gender });
  }
  return ok(id);
}

/**
 * What screens and printouts show: the first 4 and last 4 characters, 10 asterisks
 * between ('1101**********002X'). Takes a normalised 18-character number (CitizenId.number).
 */
export function maskCitizenId(number18: string): string {
  assertNormalised(number18, 'maskCitizenId');
  return `${number18.slice(0, 4)}${'*'.repeat(10)}${number18.slice(14)}`;
}

/** The last four characters, the check character included: what a clerk may search by. */
export function lastFourOf(number18: string): string {
  assertNormalised(number18, 'lastFourOf');
  return number18.slice(14);
}

// A programming error (an unparsed number reached the storage layer), not a user error.
// The message never contains the number: it is personal information.
function assertNormalised(number18: string, caller: string): void {
  if (!EIGHTEEN.test(number18)) {
    throw new RangeError(`${caller} expects a normalised 18-character citizen ID`);
  }
}

/*
 * The province codes of the division codes, plus 83, which is no province: it is the
 * prefix of residence permits for Taiwan residents (台湾居民居住证, 830000…), which carry a
 * citizen ID number in this same format and may be what a resident presents. Hong Kong and
 * Macau residents' permits use 810000 and 820000.
 */
const PROVINCES: ReadonlySet<number> = new Set([...PROVINCE_CODES, 83]);

/**
 * "A real region prefix format", not a region table: counties are created, merged and
 * renamed, and a number keeps the code of the county that issued it, however old. What can
 * be ruled out is a shape no code ever had: an unknown province, or county digits under
 * city digits 00 ('110005'). A city-level code ending in 00 is real (Dongguan 441900,
 * Zhongshan 442000, and early cards issued at city level), and so is a province-level code
 * ending in 0000 (the permits above).
 */
function isPlausibleRegionCode(region: string): boolean {
  if (!PROVINCES.has(Number(region.slice(0, 2)))) {
    return false;
  }
  const city = region.slice(2, 4);
  const county = region.slice(4, 6);
  return !(city === '00' && county !== '00');
}

/** `date` is 'YYYY-MM-DD' built from digits; `today` is 'YYYY-MM-DD', so strings compare. */
function birthDateProblem(date: string, today: string): BirthDateProblem | undefined {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return 'not-a-date';
  }
  if (year < 1900) {
    return 'before-1900';
  }
  if (date > today) {
    return 'in-the-future';
  }
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Gregorian: 2000 was a leap year, 1900 was not.
function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
