/**
 * National statistical division codes (统计用区划代码, GB/T 2260 extended by the National
 * Bureau of Statistics): 2 digits province, 2 city, 2 county, 3 township, 3 village.
 * A township code is the first 9 digits; a village (村/社区) code is 12 digits whose first
 * 9 digits are its township's code.
 */
import { fail, ok, type ErrorCode, type Result } from '../errors.ts';

const TOWNSHIP_CODE = /^\d{9}$/;
const VILLAGE_CODE = /^\d{12}$/;

export function validateTownshipCode(code: string): Result<string> {
  return validateDivisionCode(code, TOWNSHIP_CODE, 'place.township-code-invalid');
}

export function validateVillageCode(code: string): Result<string> {
  return validateDivisionCode(code, VILLAGE_CODE, 'place.village-code-invalid');
}

function validateDivisionCode(code: string, shape: RegExp, error: ErrorCode): Result<string> {
  const trimmed = code.trim();
  // A code ending in 000 names the level above (a county, or a township), never itself.
  if (!shape.test(trimmed) || !hasPlausibleCountyPrefix(trimmed) || trimmed.endsWith('000')) {
    return fail(error, { value: code });
  }
  return ok(trimmed);
}

/** The township a village code belongs to: its first 9 digits. */
export function townshipCodeOfVillage(villageCode: string): string {
  return villageCode.slice(0, 9);
}

/** Names of places: 1-40 characters after trimming, no control characters. */
export function validatePlaceName(name: string): Result<string> {
  const trimmed = name.trim();
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (trimmed.length === 0 || trimmed.length > 40 || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    return fail('place.name-invalid', { value: name });
  }
  return ok(trimmed);
}

/**
 * Province-level codes of GB/T 2260: 11-15 North, 21-23 North-East, 31-37 East, 41-46
 * Central-South, 50-54 South-West, 61-65 North-West, 71 Taiwan, 81 Hong Kong, 82 Macau.
 */
export const PROVINCE_CODES: ReadonlySet<number> = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
]);

// The county digits may be 00: Dongguan (4419) and Zhongshan (4420) have towns directly
// under the city. City and county digits are never both 00 below a province.
function hasPlausibleCountyPrefix(code: string): boolean {
  return PROVINCE_CODES.has(Number(code.slice(0, 2))) && code.slice(2, 6) !== '0000';
}
