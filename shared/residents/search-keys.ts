/**
 * Search keys of a resident's name: what `residents.namePinyin`, `nameInitials` and
 * `pinyinVariants` hold, so a clerk finds 张三 by typing `zhangsan` or `zs`.
 *
 * Readings come from pinyin-pro with its surname mode on the head of the name (单雄信 is
 * Shàn Xióngxìn, not Dān), except for the surnames of POLYPHONIC_SURNAMES, whose primary
 * reading is fixed here. Their other readings go to `pinyinVariants`: a clerk who reads 单
 * as dan still finds the person (search-query.ts turns such input into a range over the
 * surname on the name index, filtered by the variants).
 *
 * Keys are lower-case a-z only (ü is written v, as on a keyboard: 吕 → lv), without tones,
 * spaces or separators, as the residents schema requires. Latin letters in a name (some
 * minority names are written partly in latin) are kept lower-cased, each run counting as
 * one word for the initials; anything else (·, spaces, digits) is dropped.
 */
import { pinyin } from 'pinyin-pro';

export interface NameSearchKeys {
  /** Full pinyin of the most likely reading: 'zhangsan'. */
  readonly namePinyin: string;
  /** First letter of every syllable (and of every latin word) of that reading: 'zs'. */
  readonly nameInitials: string;
  /** Other plausible full readings, without the primary one; at most MAX_PINYIN_VARIANTS. */
  readonly pinyinVariants: string[];
}

/** Schema limits of the residents collection (residents.ts). */
export const MAX_PINYIN_LENGTH = 120;
export const MAX_INITIALS_LENGTH = 50;
export const MAX_PINYIN_VARIANTS = 16;

export interface PolyphonicSurname {
  /** The surname as written: one or two characters (万俟). */
  readonly surname: string;
  /** The reading as a surname, one syllable per character. */
  readonly primary: readonly string[];
  /** Readings a clerk may use instead (the character's everyday reading). */
  readonly alternatives: readonly (readonly string[])[];
}

const surname = (
  written: string,
  primary: string,
  ...alternatives: readonly string[]
): PolyphonicSurname => ({
  surname: written,
  primary: primary.split(' '),
  alternatives: alternatives.map((reading) => reading.split(' ')),
});

/**
 * Surnames whose reading as a surname differs from the character's everyday reading. The
 * primary readings agree with pinyin-pro's surname mode except 种 (Chóng, as in 种师道;
 * pinyin-pro says zhong). Characters whose readings differ only in tone (华 huá/huà) need
 * no entry: keys carry no tones.
 */
export const POLYPHONIC_SURNAMES: readonly PolyphonicSurname[] = [
  surname('万俟', 'mo qi', 'wan si'),
  surname('尉迟', 'yu chi', 'wei chi'),
  surname('澹台', 'tan tai', 'dan tai'),
  surname('长孙', 'zhang sun', 'chang sun'),
  surname('单', 'shan', 'dan'),
  surname('曾', 'zeng', 'ceng'),
  surname('解', 'xie', 'jie'),
  surname('仇', 'qiu', 'chou'),
  surname('区', 'ou', 'qu'),
  surname('查', 'zha', 'cha'),
  surname('朴', 'piao', 'pu'),
  surname('盖', 'ge', 'gai'),
  surname('乐', 'yue', 'le'),
  surname('缪', 'miao', 'miu', 'mou'),
  surname('覃', 'qin', 'tan'),
  surname('种', 'chong', 'zhong'),
  surname('翟', 'zhai', 'di'),
  surname('褚', 'chu', 'zhu'),
  surname('繁', 'po', 'fan'),
  surname('召', 'shao', 'zhao'),
  surname('折', 'she', 'zhe'),
  surname('句', 'gou', 'ju'),
  surname('隗', 'wei', 'kui'),
  surname('宓', 'mi', 'fu'),
  surname('郇', 'huan', 'xun'),
  surname('莘', 'shen', 'xin'),
  surname('能', 'nai', 'neng'),
  surname('谌', 'chen', 'shen'),
  surname('都', 'du', 'dou'),
  surname('员', 'yun', 'yuan'),
  surname('薄', 'bo', 'bao'),
  surname('於', 'yu', 'wu'),
];

/** The table entry whose surname starts the name (the longest, so 万俟 wins over 万). */
export function polyphonicSurnameOf(name: string): PolyphonicSurname | undefined {
  let found: PolyphonicSurname | undefined;
  for (const entry of POLYPHONIC_SURNAMES) {
    if (name.startsWith(entry.surname) && entry.surname.length > (found?.surname.length ?? 0)) {
      found = entry;
    }
  }
  return found;
}

/** One word of a reading: a Han syllable, or a run of latin letters. */
type Words = readonly string[];

const COMBINING_MARKS = /\p{M}/gu;

/** Latin letters of a non-Han character, lower case, diacritics and width folded (Ａ, é). */
function latinLetters(character: string): string {
  return character
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

function readingOf(name: string, surnameMode: boolean): Words {
  const characters = pinyin(name, {
    type: 'all',
    toneType: 'none',
    v: true,
    ...(surnameMode ? { surname: 'head' as const } : {}),
  });
  const words: string[] = [];
  let latin = '';
  for (const character of characters) {
    const syllable = character.isZh ? character.pinyin.toLowerCase().replace(/[^a-z]/g, '') : '';
    if (syllable !== '') {
      if (latin !== '') words.push(latin);
      latin = '';
      words.push(syllable);
      continue;
    }
    const letters = latinLetters(character.origin);
    if (letters !== '') {
      latin += letters;
    } else if (latin !== '') {
      // A separator (·, space, digit) ends a latin word: 'Ali Mamat' has two initials.
      words.push(latin);
      latin = '';
    }
  }
  if (latin !== '') words.push(latin);
  return words;
}

const joined = (words: Words) => words.join('').slice(0, MAX_PINYIN_LENGTH);
const initialsOf = (words: Words) =>
  words
    .map((word) => word.charAt(0))
    .join('')
    .slice(0, MAX_INITIALS_LENGTH);

/** Search keys of a name, as stored on the resident. */
export function nameSearchKeys(name: string): NameSearchKeys {
  const trimmed = name.trim();
  if (trimmed === '') return { namePinyin: '', nameInitials: '', pinyinVariants: [] };

  const headMode = readingOf(trimmed, true);
  const entry = polyphonicSurnameOf(trimmed);
  // A table surname's characters are one syllable each, so the rest of the name starts
  // after entry.primary.length words.
  const rest = entry === undefined ? [] : headMode.slice(entry.primary.length);
  const primary = entry === undefined ? headMode : [...entry.primary, ...rest];
  const namePinyin = joined(primary);

  const candidates = [
    ...(entry?.alternatives.map((alternative) => joined([...alternative, ...rest])) ?? []),
    // pinyin-pro's everyday reading of the whole name (no surname mode).
    joined(readingOf(trimmed, false)),
  ];
  const pinyinVariants: string[] = [];
  for (const candidate of candidates) {
    if (candidate === '' || candidate === namePinyin || pinyinVariants.includes(candidate)) {
      continue;
    }
    if (pinyinVariants.length === MAX_PINYIN_VARIANTS) break;
    pinyinVariants.push(candidate);
  }
  return { namePinyin, nameInitials: initialsOf(primary), pinyinVariants };
}
