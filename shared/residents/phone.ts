/**
 * 联系电话: a mainland mobile number, or a landline with its area code. Clerks type and paste
 * numbers in every shape ('138 1234 5678', '+86 13812345678', '(0510)8601-2345 转 801');
 * this turns them into one stored form, or refuses them, never guessing a missing part.
 *
 * Stored forms (residents.phone: digits, '+' and '-', at most 20 characters):
 * - mobile: 11 digits, '13812345678' (a +86 / 0086 / 86 country prefix is dropped);
 * - landline: '<area>-<local>' or '<area>-<local>-<extension>', '0510-86012345-801'.
 *
 * Area codes are 010 and 02x (three digits, the big cities) or 0 plus three digits
 * elsewhere; local numbers are 7 or 8 digits and never start with 0 or 1. A landline without
 * its area code is refused: the village's own code is not known here, and a number without
 * it cannot be dialled from a mobile.
 */
import { fail, ok, type Result } from '../errors.ts';

const MOBILE = /^1[3-9]\d{9}$/;
const COUNTRY_PREFIX = /^(?:\+86|0086|86)(?=1[3-9]\d{9}$)/;
/** Area code (3 or 4 digits), local number, optional extension (1-6 digits). */
const LANDLINE = /^(0(?:10|2\d|[3-9]\d{2}))([2-9]\d{6,7})(?:#(\d{1,6}))?$/;
const MAX_STORED_LENGTH = 20;

/**
 * A phone as typed → the stored form. '' (nothing typed) stays '': the phone is optional.
 * Refusals carry the text as typed (`value`), which the message quotes.
 */
export function parsePhone(input: string): Result<string> {
  const typed = input.trim();
  if (typed === '') return ok('');
  const compact = typed
    .normalize('NFKC')
    // Extensions are written 转 801, ext. 801, x801, -801 after a full number, or #801.
    .replace(/\s*(?:转|分机|ext\.?|x)\s*/gi, '#')
    .replace(/[\s\u00a0()（）.-]/g, '');
  const mobile = compact.replace(COUNTRY_PREFIX, '');
  if (MOBILE.test(mobile)) return ok(mobile);

  const landline = LANDLINE.exec(compact) ?? LANDLINE.exec(withDashExtension(typed));
  if (landline !== null) {
    const [, area = '', local = '', extension] = landline;
    const stored = [area, local, ...(extension === undefined ? [] : [extension])].join('-');
    if (stored.length <= MAX_STORED_LENGTH) return ok(stored);
  }
  return fail('resident.phone-invalid', { value: typed });
}

/**
 * '0510-86012345-801': a third dash-separated group after a complete area code and local
 * number is an extension. Only this exact shape is read so; '0510-8601-2345' stays a split
 * local number.
 */
function withDashExtension(typed: string): string {
  const parts = typed.normalize('NFKC').replace(/\s/g, '').split('-');
  const [area, local, extension] = parts;
  if (parts.length !== 3 || area === undefined || local === undefined || extension === undefined) {
    return '';
  }
  return /^\d{7,8}$/.test(local) && /^\d{1,6}$/.test(extension)
    ? `${area.replace(/[()（）]/g, '')}${local}#${extension}`
    : '';
}
