import { describe, expect, it } from 'vitest';
import { residentsSchema } from '../collections/residents.ts';
import {
  checkAgainstEntered,
  checkDigitOf,
  lastFourOf,
  maskCitizenId,
  normalizeCitizenId,
  parseCitizenId,
  type CitizenId,
} from './citizen-id.ts';

const TODAY = '2024-06-15';

/**
 * Reference check character, written independently of the module: the recursive form of
 * ISO 7064 MOD 11-2 (p = (p + digit) * 2 mod 11, then (12 - p) mod 11, 10 written X),
 * instead of the weight table. Hand-verified against the GB 11643 example below.
 */
function referenceCheck(first17: string): string {
  let p = 0;
  for (const digit of first17) {
    p = ((p + Number(digit)) * 2) % 11;
  }
  const check = (12 - p) % 11;
  return check === 10 ? 'X' : String(check);
}

/** A valid 18-digit number from region, birth date and sequence. */
function idOf(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return `${first17}${referenceCheck(first17)}`;
}

/** The same number with its check character replaced by a wrong one. */
function withWrongCheck(number: string): string {
  const wrong = number.endsWith('0') ? '1' : '0';
  return `${number.slice(0, 17)}${wrong}`;
}

function parsed(input: string, today = TODAY): CitizenId {
  const result = parseCitizenId(input, today);
  if (!result.ok) {
    throw new Error(`expected ${input} to parse, got ${result.error.code}`);
  }
  return result.value;
}

// GB 11643-1999's own example: Beijing Chaoyang (110105), born 1949-12-31, sequence 002.
const STANDARD_EXAMPLE = '11010519491231002X';

describe('the check character (ISO 7064 MOD 11-2)', () => {
  it('gives X for the GB 11643 example number 11010519491231002X', () => {
    // Hand sum: 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167;
    // 167 mod 11 = 2, and position 2 of '10X98765432' is X.
    expect(checkDigitOf('11010519491231002')).toBe('X');
    expect(referenceCheck('11010519491231002')).toBe('X');
  });

  it('gives 4 for the other textbook example 440524188001010014', () => {
    // Hand sum 195; 195 mod 11 = 8, and position 8 of '10X98765432' is 4.
    expect(checkDigitOf('44052418800101001')).toBe('4');
  });

  it('agrees with the recursive ISO 7064 form on two thousand varied numbers, every check character included', () => {
    let seed = 20240615;
    const seen = new Set<string>();
    for (let n = 0; n < 2000; n += 1) {
      let body = '';
      for (let i = 0; i < 17; i += 1) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        body += String(seed % 10);
      }
      const check = checkDigitOf(body);
      expect(check).toBe(referenceCheck(body));
      seen.add(check);
    }
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });

  it('is only defined for exactly 17 digits', () => {
    expect(() => checkDigitOf('1101051949123100')).toThrow(RangeError);
    expect(() => checkDigitOf('110105194912310021')).toThrow(RangeError);
    expect(() => checkDigitOf('1101051949123100A')).toThrow(RangeError);
  });
});

describe('parsing a valid 18-digit citizen ID', () => {
  it('reads region, birth date and gender from the GB 11643 example', () => {
    expect(parseCitizenId(STANDARD_EXAMPLE, TODAY)).toEqual({
      ok: true,
      value: {
        number: STANDARD_EXAMPLE,
        birthDate: '1949-12-31',
        gender: 'female',
        regionCode: '110105',
      },
    });
  });

  it('does not mark an 18-digit number as converted', () => {
    expect(parsed(STANDARD_EXAMPLE)).not.toHaveProperty('convertedFrom');
  });

  it('accepts real-looking numbers from several provinces', () => {
    const numbers = [
      idOf('320581', '19850307', '123'), // 江苏 常熟
      idOf('510107', '19720815', '456'), // 四川 成都武侯
      idOf('650102', '20010101', '031'), // 新疆 乌鲁木齐天山
      idOf('429004', '19930620', '218'), // 湖北 仙桃 (county-level city directly under the province: city digits 90)
      idOf('441900', '19990909', '002'), // 广东 东莞 (no county level: county digits 00)
      idOf('442000', '19880101', '017'), // 广东 中山
    ];
    for (const number of numbers) {
      expect(parsed(number).number).toBe(number);
    }
  });

  it('accepts a lower-case x and stores it upper-case', () => {
    expect(parsed('11010519491231002x').number).toBe(STANDARD_EXAMPLE);
  });

  it('ignores spaces around and inside the number, as printed on the card or pasted', () => {
    expect(parsed('  110105 19491231 002x\t').number).toBe(STANDARD_EXAMPLE);
    expect(parsed('110105\u300019491231\u3000002X').number).toBe(STANDARD_EXAMPLE);
  });

  it('accepts full-width digits and X typed with a Chinese input method in full-width mode', () => {
    expect(parsed('１１０１０５１９４９１２３１００２Ｘ').number).toBe(STANDARD_EXAMPLE);
    expect(parsed('１１０１０５１９４９１２３１００２ｘ').number).toBe(STANDARD_EXAMPLE);
  });

  it('takes the gender from the 17th digit: odd is male, even is female', () => {
    for (let digit = 0; digit <= 9; digit += 1) {
      const id = parsed(idOf('110105', '19491231', `00${digit}`));
      expect(id.gender).toBe(digit % 2 === 1 ? 'male' : 'female');
    }
  });
});

describe('normalizing what the clerk typed', () => {
  it('removes whitespace, makes x upper-case and full-width characters ASCII', () => {
    expect(normalizeCitizenId(' 1101 0519 4912 3100 2x ')).toBe(STANDARD_EXAMPLE);
    expect(normalizeCitizenId('１１０１０５')).toBe('110105');
  });

  it('leaves other characters in place so the format check can refuse them', () => {
    expect(normalizeCitizenId('110105-19491231-002X')).toBe('110105-19491231-002X');
  });
});

describe('refusing a malformed number', () => {
  const refusedAsFormat = [
    ['17 digits', '11010519491231002'],
    ['19 characters', '11010519491231002X1'],
    ['16 digits', '1101051949123100'],
    ['empty input', ''],
    ['only spaces', '   '],
    ['a letter inside', '1101051949A231002X'],
    ['a letter other than X at the end', '11010519491231002Y'],
    ['X not in the last place', '1101051949123100X2'],
    ['X in a 15-digit number', '11010549123100X'],
    ['hyphens between the groups', '110105-19491231-002X'],
    ['a full stop', '11010519491231002.'],
  ] as const;

  for (const [what, input] of refusedAsFormat) {
    it(`refuses ${what} as a format error, naming the normalised value`, () => {
      expect(parseCitizenId(input, TODAY)).toEqual({
        ok: false,
        error: { code: 'resident.id-format', params: { value: normalizeCitizenId(input) } },
      });
    });
  }
});

describe('refusing an impossible region code', () => {
  it('refuses province codes that do not exist, naming the region', () => {
    for (const province of ['00', '10', '16', '20', '24', '30', '38', '40', '47', '49', '55']) {
      const number = idOf(`${province}0105`, '19491231', '002');
      expect(parseCitizenId(number, TODAY)).toEqual({
        ok: false,
        error: { code: 'resident.id-region', params: { value: number, region: `${province}0105` } },
      });
    }
    for (const province of ['60', '66', '70', '72', '80', '84', '90', '99']) {
      const number = idOf(`${province}0105`, '19491231', '002');
      expect(parseCitizenId(number, TODAY)).toMatchObject({
        ok: false,
        error: { code: 'resident.id-region' },
      });
    }
  });

  it('refuses county digits under city digits 00, a shape no code has', () => {
    const number = idOf('110005', '19491231', '002');
    expect(parseCitizenId(number, TODAY)).toEqual({
      ok: false,
      error: { code: 'resident.id-region', params: { value: number, region: '110005' } },
    });
  });

  it('refuses an all-zero region', () => {
    expect(parseCitizenId(idOf('000000', '19491231', '002'), TODAY)).toMatchObject({
      ok: false,
      error: { code: 'resident.id-region', params: { region: '000000' } },
    });
  });

  it('accepts every province code, Taiwan, Hong Kong and Macau', () => {
    const provinces = (
      '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 ' +
      '50 51 52 53 54 61 62 63 64 65 71 81 82'
    ).split(' ');
    for (const province of provinces) {
      expect(parseCitizenId(idOf(`${province}0101`, '19800101', '001'), TODAY).ok).toBe(true);
    }
  });

  it('accepts the numbers on residence permits for Hong Kong, Macau and Taiwan residents (810000, 820000, 830000)', () => {
    for (const region of ['810000', '820000', '830000']) {
      expect(parsed(idOf(region, '19800101', '001')).regionCode).toBe(region);
    }
  });
});

describe('refusing an impossible birth date', () => {
  function birthDateError(birth: string, reason: string, today = TODAY) {
    const number = idOf('110105', birth, '002');
    expect(parseCitizenId(number, today)).toEqual({
      ok: false,
      error: {
        code: 'resident.id-birth-date',
        params: {
          value: number,
          date: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
          reason,
        },
      },
    });
  }

  it('refuses days that are not on the calendar', () => {
    birthDateError('19490230', 'not-a-date'); // 30 February
    birthDateError('19490431', 'not-a-date'); // 31 April
    birthDateError('19491232', 'not-a-date');
    birthDateError('19491200', 'not-a-date');
    birthDateError('19491301', 'not-a-date');
    birthDateError('19490001', 'not-a-date');
  });

  it('refuses 29 February in a year that is not a leap year, 1900 included', () => {
    birthDateError('19000229', 'not-a-date'); // divisible by 100, not by 400
    birthDateError('19490229', 'not-a-date');
    birthDateError('20230229', 'not-a-date');
  });

  it('accepts 29 February in leap years, 2000 included', () => {
    expect(parsed(idOf('110105', '20000229', '002')).birthDate).toBe('2000-02-29');
    expect(parsed(idOf('110105', '19960229', '002')).birthDate).toBe('1996-02-29');
  });

  it('accepts the last day of each month and refuses the day after', () => {
    const lastDays = ['31', '28', '31', '30', '31', '30', '31', '31', '30', '31', '30', '31'];
    lastDays.forEach((last, index) => {
      const month = String(index + 1).padStart(2, '0');
      expect(parsed(idOf('110105', `1949${month}${last}`, '002')).birthDate).toBe(
        `1949-${month}-${last}`,
      );
      birthDateError(`1949${month}${String(Number(last) + 1)}`, 'not-a-date');
    });
  });

  it('refuses a birth date after today, and accepts one on today', () => {
    birthDateError('20240616', 'in-the-future');
    birthDateError('20991231', 'in-the-future');
    expect(parsed(idOf('110105', '20240615', '002')).birthDate).toBe('2024-06-15');
  });

  it('judges the future against the today it is given, not the clock', () => {
    const number = idOf('110105', '20300101', '002');
    expect(parseCitizenId(number, '2029-12-31').ok).toBe(false);
    expect(parseCitizenId(number, '2030-01-01').ok).toBe(true);
  });

  it('refuses a birth date before 1900, and accepts 1 January 1900', () => {
    birthDateError('18991231', 'before-1900');
    birthDateError('00000101', 'before-1900');
    expect(parsed(idOf('110105', '19000101', '002')).birthDate).toBe('1900-01-01');
  });

  it('refuses the textbook example 440524188001010014: its check character is right but its holder was born in 1880', () => {
    expect(parseCitizenId('440524188001010014', TODAY)).toEqual({
      ok: false,
      error: {
        code: 'resident.id-birth-date',
        params: { value: '440524188001010014', date: '1880-01-01', reason: 'before-1900' },
      },
    });
  });
});

describe('refusing a wrong check character', () => {
  it('names the check character the first 17 digits call for', () => {
    expect(parseCitizenId('110105194912310021', TODAY)).toEqual({
      ok: false,
      error: {
        code: 'resident.id-check-digit',
        params: { value: '110105194912310021', expected: 'X' },
      },
    });
  });

  it('refuses an X where a digit is due', () => {
    const number = idOf('320581', '19850307', '123');
    expect(number.endsWith('X')).toBe(false);
    const withX = `${number.slice(0, 17)}X`;
    expect(parseCitizenId(withX, TODAY)).toEqual({
      ok: false,
      error: { code: 'resident.id-check-digit', params: { value: withX, expected: number[17] } },
    });
  });

  it('catches every single mistyped digit in the first 17', () => {
    for (let position = 0; position < 17; position += 1) {
      for (let digit = 0; digit <= 9; digit += 1) {
        if (String(digit) === STANDARD_EXAMPLE[position]) continue;
        const typo = `${STANDARD_EXAMPLE.slice(0, position)}${digit}${STANDARD_EXAMPLE.slice(position + 1)}`;
        expect(parseCitizenId(typo, TODAY).ok).toBe(false);
      }
    }
  });

  it('catches two neighbouring digits typed the wrong way round', () => {
    const number = idOf('320581', '19850307', '123');
    for (let position = 0; position < 16; position += 1) {
      const [a, b] = [number[position], number[position + 1]];
      if (a === b) continue;
      const swapped = `${number.slice(0, position)}${b}${a}${number.slice(position + 2)}`;
      expect(parseCitizenId(swapped, TODAY).ok).toBe(false);
    }
  });
});

describe('the order of the checks', () => {
  it('reports the format before anything else', () => {
    expect(parseCitizenId('9901051949023000', TODAY)).toMatchObject({
      ok: false,
      error: { code: 'resident.id-format' },
    });
  });

  it('reports the region before the birth date and the check character', () => {
    const badEverything = withWrongCheck(idOf('990105', '19490230', '002'));
    expect(parseCitizenId(badEverything, TODAY)).toMatchObject({
      ok: false,
      error: { code: 'resident.id-region' },
    });
  });

  it('reports the birth date before the check character', () => {
    const badDateAndCheck = withWrongCheck(idOf('110105', '19490230', '002'));
    expect(parseCitizenId(badDateAndCheck, TODAY)).toMatchObject({
      ok: false,
      error: { code: 'resident.id-birth-date', params: { reason: 'not-a-date' } },
    });
  });
});

describe('converting a 15-digit first-generation number', () => {
  it('inserts the century 19 and appends the check character, keeping the original', () => {
    expect(parseCitizenId('110105491231002', TODAY)).toEqual({
      ok: true,
      value: {
        number: STANDARD_EXAMPLE,
        birthDate: '1949-12-31',
        gender: 'female',
        regionCode: '110105',
        convertedFrom: '110105491231002',
      },
    });
  });

  it('gives a man with an odd last digit the same gender after conversion', () => {
    const id = parsed('320581850307123');
    expect(id.number).toBe(idOf('320581', '19850307', '123'));
    expect(id.gender).toBe('male');
    expect(id.convertedFrom).toBe('320581850307123');
  });

  it('converts a 15-digit number typed with spaces, keeping the original without them', () => {
    const id = parsed(' 110105 491231 002 ');
    expect(id.number).toBe(STANDARD_EXAMPLE);
    expect(id.convertedFrom).toBe('110105491231002');
  });

  it('refuses a 15-digit number whose date is not on the calendar, showing the date in full', () => {
    expect(parseCitizenId('110105490230002', TODAY)).toEqual({
      ok: false,
      error: {
        code: 'resident.id-birth-date',
        params: { value: '110105490230002', date: '1949-02-30', reason: 'not-a-date' },
      },
    });
  });

  it('reads 000229 as 29 February 1900, which never existed', () => {
    expect(parseCitizenId('110105000229002', TODAY)).toMatchObject({
      ok: false,
      error: {
        code: 'resident.id-birth-date',
        params: { date: '1900-02-29', reason: 'not-a-date' },
      },
    });
  });

  it('refuses a 15-digit number with an impossible region', () => {
    expect(parseCitizenId('990105491231002', TODAY)).toEqual({
      ok: false,
      error: { code: 'resident.id-region', params: { value: '990105491231002', region: '990105' } },
    });
  });

  it('produces a number that parses as a valid 18-digit ID in its own right', () => {
    const converted = parsed('440524800101001');
    expect(parsed(converted.number)).toEqual({
      number: converted.number,
      birthDate: '1980-01-01',
      gender: 'male',
      regionCode: '440524',
    });
  });
});

describe('comparing the ID with what the clerk entered', () => {
  const id = parsed(STANDARD_EXAMPLE);

  it('accepts a birth date and gender that agree with the ID', () => {
    expect(checkAgainstEntered(id, { birthDate: '1949-12-31', gender: 'female' })).toEqual({
      ok: true,
      value: id,
    });
  });

  it('does not compare fields the clerk left empty', () => {
    expect(checkAgainstEntered(id, {}).ok).toBe(true);
    expect(checkAgainstEntered(id, { birthDate: '' }).ok).toBe(true);
  });

  it('refuses a birth date that differs from the one in the ID, naming both', () => {
    expect(checkAgainstEntered(id, { birthDate: '1949-12-13' })).toEqual({
      ok: false,
      error: {
        code: 'resident.id-birth-mismatch',
        params: { entered: '1949-12-13', fromId: '1949-12-31' },
      },
    });
  });

  it('refuses a gender that differs from the 17th digit, naming both', () => {
    expect(checkAgainstEntered(id, { gender: 'male' })).toEqual({
      ok: false,
      error: { code: 'resident.id-gender-mismatch', params: { entered: 'male', fromId: 'female' } },
    });
  });

  it('reports the birth date first when both disagree', () => {
    expect(checkAgainstEntered(id, { birthDate: '1950-01-01', gender: 'male' })).toMatchObject({
      ok: false,
      error: { code: 'resident.id-birth-mismatch' },
    });
  });
});

describe('what the app shows and searches by', () => {
  const idMaskedPattern = new RegExp(residentsSchema.properties.idMasked.pattern);
  const idLast4Pattern = new RegExp(residentsSchema.properties.idLast4.pattern);

  it('masks all but the first 4 and last 4 characters with 10 asterisks', () => {
    expect(maskCitizenId(STANDARD_EXAMPLE)).toBe('1101**********002X');
    expect(maskCitizenId('320581198503071234')).toBe('3205**********1234');
  });

  it('masks in the shape the residents collection stores', () => {
    expect(maskCitizenId(STANDARD_EXAMPLE)).toMatch(idMaskedPattern);
    expect(maskCitizenId(idOf('320581', '19850307', '123'))).toMatch(idMaskedPattern);
  });

  it('gives the last four characters, check character X included, for search', () => {
    expect(lastFourOf(STANDARD_EXAMPLE)).toBe('002X');
    expect(lastFourOf(STANDARD_EXAMPLE)).toMatch(idLast4Pattern);
    expect(lastFourOf('320581198503071234')).toBe('1234');
  });

  it('refuses to mask or cut a number that was not parsed first, without echoing it', () => {
    for (const raw of ['11010519491231002x', '110105491231002', ' 11010519491231002X']) {
      expect(() => maskCitizenId(raw)).toThrow(RangeError);
      expect(() => lastFourOf(raw)).toThrow(RangeError);
      expect(() => maskCitizenId(raw)).not.toThrow(raw.trim());
    }
  });
});
