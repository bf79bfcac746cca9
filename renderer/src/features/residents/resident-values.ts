/**
 * The resident form's values, checked with the shared rules: name, ID (GB 11643, the
 * 15 → 18 conversion, birth date and gender agreeing with it), phone, status and its date,
 * tags. Pure: the form shows the problems as the clerk types, and the save runs the same
 * check once more before anything is written.
 */
import type { Gender, ResidentStatus } from '../../../../shared/collections/residents.ts';
import type { AppError } from '../../../../shared/errors.ts';
import {
  checkAgainstEntered,
  parseCitizenId,
  type CitizenId,
} from '../../../../shared/residents/citizen-id.ts';
import {
  MAX_TAGS,
  MAX_TAG_LENGTH,
  characterCount,
  isPlausibleName,
  normalizeName,
} from '../../../../shared/residents/import/cells.ts';
import { parsePhone } from '../../../../shared/residents/phone.ts';
import type { MessageKey } from '../../i18n/catalogue.ts';

export interface ResidentValues {
  readonly name: string;
  /** '' until chosen (the ID fills it in). */
  readonly gender: Gender | '';
  /** 'YYYY-MM-DD' or '' (the ID fills it in). */
  readonly birthDate: string;
  readonly idNumber: string;
  readonly phone: string;
  readonly status: ResidentStatus;
  /** 'YYYY-MM-DD' when moved out or deceased; '' while registered. */
  readonly statusDate: string;
  readonly tags: readonly string[];
  readonly notes: string;
}

export const EMPTY_RESIDENT: ResidentValues = {
  name: '',
  gender: '',
  birthDate: '',
  idNumber: '',
  phone: '',
  status: 'registered',
  statusDate: '',
  tags: [],
  notes: '',
};

/** What an antd form holds for a resident (fields never touched are undefined). */
export type ResidentFormValues = {
  readonly [K in keyof ResidentValues]?: ResidentValues[K] | null;
};

export function residentValuesOf(form: ResidentFormValues | undefined): ResidentValues {
  const text = (value: string | null | undefined) => value ?? '';
  return {
    name: text(form?.name),
    gender: form?.gender ?? '',
    birthDate: text(form?.birthDate),
    idNumber: text(form?.idNumber),
    phone: text(form?.phone),
    status: form?.status ?? 'registered',
    statusDate: form?.status === 'registered' ? '' : text(form?.statusDate),
    tags: form?.tags ?? [],
    notes: text(form?.notes),
  };
}

/** A problem of one field: a coded error, or a form message of the register catalogue. */
export type FieldProblem =
  | { readonly error: AppError }
  | { readonly message: MessageKey; readonly params?: Readonly<Record<string, string | number>> };

/** What the ID field says while the clerk types. */
export type IdFeedback =
  | { readonly kind: 'empty' }
  | { readonly kind: 'invalid'; readonly error: AppError }
  /** A valid ID that disagrees with the birth date or gender typed beside it. */
  | { readonly kind: 'mismatch'; readonly id: CitizenId; readonly error: AppError }
  | { readonly kind: 'valid'; readonly id: CitizenId };

export function idFeedback(
  text: string,
  entered: { readonly birthDate: string; readonly gender: Gender | '' },
  today: string,
): IdFeedback {
  if (text.trim() === '') return { kind: 'empty' };
  const parsed = parseCitizenId(text, today);
  if (!parsed.ok) return { kind: 'invalid', error: parsed.error };
  const agreed = checkAgainstEntered(parsed.value, {
    birthDate: entered.birthDate,
    ...(entered.gender === '' ? {} : { gender: entered.gender }),
  });
  return agreed.ok
    ? { kind: 'valid', id: parsed.value }
    : { kind: 'mismatch', id: parsed.value, error: agreed.error };
}

export interface CheckedResident {
  readonly name: string;
  readonly gender: Gender;
  readonly birthDate: string;
  /** Absent for a person registered without an ID number. */
  readonly id?: CitizenId;
  readonly phone: string;
  readonly status: ResidentStatus;
  readonly statusDate?: string;
  readonly tags: readonly string[];
  readonly notes: string;
}

export type ResidentProblems = Partial<Record<keyof ResidentValues, FieldProblem>>;

export type CheckedValues =
  | { readonly ok: true; readonly value: CheckedResident }
  | { readonly ok: false; readonly problems: ResidentProblems };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_NOTES = 4000;

export function nameProblem(text: string): FieldProblem | undefined {
  const name = normalizeName(text);
  if (name === '') return { error: { code: 'resident.name-missing' } };
  if (!isPlausibleName(name))
    return { error: { code: 'resident.name-invalid', params: { value: text } } };
  return undefined;
}

export function phoneProblem(text: string): FieldProblem | undefined {
  const phone = parsePhone(text);
  return phone.ok ? undefined : { error: phone.error };
}

export function tagsProblem(tags: readonly string[]): FieldProblem | undefined {
  const bad =
    tags.length > MAX_TAGS ||
    tags.some((tag) => tag.trim() === '' || characterCount(tag) > MAX_TAG_LENGTH);
  return bad
    ? {
        message: 'register.form.tagsInvalid',
        params: { maxTags: MAX_TAGS, maxLength: MAX_TAG_LENGTH },
      }
    : undefined;
}

/** A date typed for a birth without ID, or for a status: real, 1900 or later, not after today. */
export function dateProblem(date: string, today: string): FieldProblem | undefined {
  if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    return { message: 'register.form.dateInvalid' };
  }
  if (date < '1900-01-01' || date > today)
    return { message: 'register.form.dateOutOfRange', params: { today } };
  return undefined;
}

/** Checks every field; all problems at once, so the form marks every field to correct. */
export function checkResident(values: ResidentValues, today: string): CheckedValues {
  const problems: ResidentProblems = {};
  const name = nameProblem(values.name);
  if (name !== undefined) problems.name = name;

  const id = idFeedback(values.idNumber, values, today);
  let gender = values.gender;
  let birthDate = values.birthDate;
  if (id.kind === 'invalid') problems.idNumber = { error: id.error };
  else if (id.kind === 'mismatch') {
    const field = id.error.code === 'resident.id-birth-mismatch' ? 'birthDate' : 'gender';
    problems[field] = { error: id.error };
  } else if (id.kind === 'valid') {
    gender = id.id.gender;
    birthDate = id.id.birthDate;
  }
  if (id.kind === 'empty' || id.kind === 'invalid') {
    if (gender === '') problems.gender = { message: 'register.form.genderRequired' };
    if (birthDate === '') problems.birthDate = { message: 'register.form.birthDateRequired' };
    else if (id.kind === 'empty') {
      const bad = dateProblem(birthDate, today);
      if (bad !== undefined) problems.birthDate = bad;
    }
  }

  const phone = parsePhone(values.phone);
  if (!phone.ok) problems.phone = { error: phone.error };

  if (values.status !== 'registered') {
    if (values.statusDate === '')
      problems.statusDate = { message: 'register.form.statusDateRequired' };
    else {
      const bad = dateProblem(values.statusDate, today);
      if (bad !== undefined) problems.statusDate = bad;
    }
  }
  const tags = values.tags.map((tag) => tag.trim()).filter((tag) => tag !== '');
  const tagProblem = tagsProblem(tags);
  if (tagProblem !== undefined) problems.tags = tagProblem;
  if (characterCount(values.notes) > MAX_NOTES) {
    problems.notes = { message: 'register.form.notesTooLong', params: { max: MAX_NOTES } };
  }

  if (Object.keys(problems).length > 0 || gender === '' || !phone.ok)
    return { ok: false, problems };
  return {
    ok: true,
    value: {
      name: normalizeName(values.name),
      gender,
      birthDate,
      ...(id.kind === 'valid' ? { id: id.id } : {}),
      phone: phone.value,
      status: values.status,
      ...(values.status === 'registered' ? {} : { statusDate: values.statusDate }),
      tags: [...new Set(tags)],
      notes: values.notes.trim(),
    },
  };
}
