import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { residentsSchema } from '../collections/residents.ts';
import {
  MAX_PINYIN_VARIANTS,
  nameSearchKeys,
  POLYPHONIC_SURNAMES,
  polyphonicSurnameOf,
} from './search-keys.ts';

const { properties } = residentsSchema;
const pinyinPattern = new RegExp(properties.namePinyin.pattern);

describe('nameSearchKeys', () => {
  it('gives full pinyin and initials of a common name', () => {
    expect(nameSearchKeys('张三')).toEqual({
      namePinyin: 'zhangsan',
      nameInitials: 'zs',
      pinyinVariants: [],
    });
  });

  it('reads a polyphonic surname as a surname and keeps the everyday reading as a variant', () => {
    expect(nameSearchKeys('单雄信')).toEqual({
      namePinyin: 'shanxiongxin',
      nameInitials: 'sxx',
      pinyinVariants: ['danxiongxin'],
    });
    expect(nameSearchKeys('曾国藩')).toMatchObject({
      namePinyin: 'zengguofan',
      nameInitials: 'zgf',
      pinyinVariants: ['cengguofan'],
    });
    expect(nameSearchKeys('解缙')).toMatchObject({
      namePinyin: 'xiejin',
      pinyinVariants: ['jiejin'],
    });
  });

  it.each([
    ['仇英', 'qiuying', 'chouying'],
    ['区寄', 'ouji', 'quji'],
    ['查良镛', 'zhaliangyong', 'chaliangyong'],
    ['朴树', 'piaoshu', 'pushu'],
    ['盖聂', 'genie', 'gainie'],
    ['乐毅', 'yueyi', 'leyi'],
    ['缪斯', 'miaosi', 'miusi'],
    ['覃文', 'qinwen', 'tanwen'],
    ['种师道', 'chongshidao', 'zhongshidao'],
  ])('reads %s as %s, with %s as a variant', (name, primary, variant) => {
    const keys = nameSearchKeys(name);
    expect(keys.namePinyin).toBe(primary);
    expect(keys.pinyinVariants).toContain(variant);
  });

  it('reads compound surnames as one surname', () => {
    expect(nameSearchKeys('万俟卨')).toEqual({
      namePinyin: 'moqixie',
      nameInitials: 'mqx',
      pinyinVariants: ['wansixie'],
    });
    expect(nameSearchKeys('尉迟恭')).toMatchObject({
      namePinyin: 'yuchigong',
      nameInitials: 'ycg',
      pinyinVariants: ['weichigong'],
    });
    expect(nameSearchKeys('欧阳修')).toEqual({
      namePinyin: 'ouyangxiu',
      nameInitials: 'oyx',
      pinyinVariants: [],
    });
  });

  it('has no variant for a surname whose readings differ only in tone', () => {
    expect(nameSearchKeys('华佗')).toEqual({
      namePinyin: 'huatuo',
      nameInitials: 'ht',
      pinyinVariants: [],
    });
  });

  it('writes ü as v', () => {
    expect(nameSearchKeys('吕布')).toMatchObject({ namePinyin: 'lvbu', nameInitials: 'lb' });
    expect(nameSearchKeys('女娲').namePinyin).toBe('nvwa');
  });

  it('drops the middle dot of a transcribed minority name', () => {
    expect(nameSearchKeys('阿依古丽·买买提')).toMatchObject({
      namePinyin: 'ayigulimaimaiti',
      nameInitials: 'aygl' + 'mmt',
    });
    expect(nameSearchKeys('阿依古丽•买买提').namePinyin).toBe('ayigulimaimaiti');
  });

  it('keeps latin letters lower-cased, one initial per latin word', () => {
    expect(nameSearchKeys('李Lily')).toEqual({
      namePinyin: 'lilily',
      nameInitials: 'll',
      pinyinVariants: [],
    });
    expect(nameSearchKeys('Ali·Mamat 阿里')).toMatchObject({
      namePinyin: 'alimamatali',
      nameInitials: 'amal',
    });
    expect(nameSearchKeys('Ｚhang É')).toMatchObject({ namePinyin: 'zhange', nameInitials: 'ze' });
  });

  it('gives empty keys for an empty or blank name', () => {
    const empty = { namePinyin: '', nameInitials: '', pinyinVariants: [] };
    expect(nameSearchKeys('')).toEqual(empty);
    expect(nameSearchKeys('  ')).toEqual(empty);
    expect(nameSearchKeys('·')).toEqual(empty);
  });

  it('always produces keys the residents schema accepts', () => {
    const names = [
      '张三',
      '单雄信',
      '阿依古丽·买买提',
      '李Lily',
      'Zhang-San',
      '王1号',
      '𬌗',
      '万俟卨',
      '欧'.repeat(50),
    ];
    for (const name of names) {
      const keys = nameSearchKeys(name);
      expect(keys.namePinyin, name).toMatch(pinyinPattern);
      expect(keys.namePinyin.length, name).toBeLessThanOrEqual(properties.namePinyin.maxLength);
      expect(keys.nameInitials, name).toMatch(pinyinPattern);
      expect(keys.nameInitials.length, name).toBeLessThanOrEqual(properties.nameInitials.maxLength);
      expect(keys.pinyinVariants.length, name).toBeLessThanOrEqual(MAX_PINYIN_VARIANTS);
      expect(MAX_PINYIN_VARIANTS).toBe(properties.pinyinVariants.maxItems);
      for (const variant of keys.pinyinVariants) {
        expect(variant, name).toMatch(pinyinPattern);
        expect(variant, name).not.toBe(keys.namePinyin);
      }
      expect(new Set(keys.pinyinVariants).size, name).toBe(keys.pinyinVariants.length);
    }
  });
});

describe('POLYPHONIC_SURNAMES', () => {
  it('gives every surname a primary reading of one syllable per character and distinct alternatives', () => {
    for (const entry of POLYPHONIC_SURNAMES) {
      expect(entry.primary, entry.surname).toHaveLength(Array.from(entry.surname).length);
      for (const alternative of entry.alternatives) {
        expect(alternative, entry.surname).toHaveLength(entry.primary.length);
        expect(alternative.join(''), entry.surname).not.toBe(entry.primary.join(''));
      }
    }
    expect(new Set(POLYPHONIC_SURNAMES.map((entry) => entry.surname)).size).toBe(
      POLYPHONIC_SURNAMES.length,
    );
  });

  it('agrees with the pinyin library on every surname but 种 (which it reads zhong)', () => {
    const disagreements = POLYPHONIC_SURNAMES.filter(
      (entry) =>
        pinyin(entry.surname, { toneType: 'none', surname: 'head', separator: '' }) !==
        entry.primary.join(''),
    ).map((entry) => entry.surname);
    expect(disagreements).toEqual(['种']);
  });

  it('matches the longest surname at the start of a name', () => {
    expect(polyphonicSurnameOf('万俟卨')?.surname).toBe('万俟');
    expect(polyphonicSurnameOf('单雄信')?.surname).toBe('单');
    expect(polyphonicSurnameOf('张三')).toBeUndefined();
  });
});
