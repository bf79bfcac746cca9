import { describe, expect, it } from 'vitest';
import { checkDigitOf } from '../../../../shared/residents/citizen-id.ts';
import { checkResident, EMPTY_RESIDENT, idFeedback } from './resident-values.ts';
import { idOf } from './test-support.ts';

const TODAY = '2025-03-10';
const JIANGUO = idOf('19650312', '011');

describe('idFeedback', () => {
  it('reads a valid ID, with the birth date and gender it carries', () => {
    expect(
      idFeedback(
        ` ${JIANGUO.slice(0, 6)} ${JIANGUO.slice(6)} `,
        { birthDate: '', gender: '' },
        TODAY,
      ),
    ).toMatchObject({
      kind: 'valid',
      id: { number: JIANGUO, birthDate: '1965-03-12', gender: 'male' },
    });
  });

  it('converts a 15-digit number and says what it was', () => {
    const feedback = idFeedback('320509680704022', { birthDate: '', gender: '' }, TODAY);
    expect(feedback).toMatchObject({
      kind: 'valid',
      id: {
        number: `32050919680704022${checkDigitOf('32050919680704022')}`,
        convertedFrom: '320509680704022',
        gender: 'female',
      },
    });
  });

  it('explains a birth date or gender typed beside the ID that disagrees with it', () => {
    expect(idFeedback(JIANGUO, { birthDate: '1965-03-13', gender: '' }, TODAY)).toMatchObject({
      kind: 'mismatch',
      error: {
        code: 'resident.id-birth-mismatch',
        params: { entered: '1965-03-13', fromId: '1965-03-12' },
      },
    });
    expect(idFeedback(JIANGUO, { birthDate: '', gender: 'female' }, TODAY)).toMatchObject({
      kind: 'mismatch',
      error: { code: 'resident.id-gender-mismatch', params: { entered: 'female', fromId: 'male' } },
    });
  });

  it('names the first problem of an invalid ID', () => {
    expect(idFeedback('12345', { birthDate: '', gender: '' }, TODAY)).toMatchObject({
      kind: 'invalid',
      error: { code: 'resident.id-format' },
    });
    expect(idFeedback(idOf('20300101', '011'), { birthDate: '', gender: '' }, TODAY)).toMatchObject(
      {
        kind: 'invalid',
        error: { code: 'resident.id-birth-date', params: { reason: 'in-the-future' } },
      },
    );
  });
});

describe('checkResident', () => {
  it('takes birth date and gender from the ID and stores the phone in its normal form', () => {
    const checked = checkResident(
      {
        ...EMPTY_RESIDENT,
        name: ' 张 三 ',
        idNumber: JIANGUO,
        phone: '+86 138 1234 5678',
        tags: [' 党员 ', '党员'],
      },
      TODAY,
    );
    expect(checked).toMatchObject({
      ok: true,
      value: {
        name: '张三',
        gender: 'male',
        birthDate: '1965-03-12',
        phone: '13812345678',
        tags: ['党员'],
        status: 'registered',
      },
    });
  });

  it('needs gender and birth date without an ID, and a date for moving out', () => {
    const checked = checkResident(
      { ...EMPTY_RESIDENT, name: '', phone: '123', status: 'moved-out' },
      TODAY,
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems).toEqual({
      name: { error: { code: 'resident.name-missing' } },
      gender: { message: 'register.form.genderRequired' },
      birthDate: { message: 'register.form.birthDateRequired' },
      phone: { error: { code: 'resident.phone-invalid', params: { value: '123' } } },
      statusDate: { message: 'register.form.statusDateRequired' },
    });
  });

  it('refuses a birth date in the future for someone without an ID', () => {
    const checked = checkResident(
      { ...EMPTY_RESIDENT, name: '王小宝', gender: 'male', birthDate: '2025-03-11' },
      TODAY,
    );
    expect(checked).toEqual({
      ok: false,
      problems: {
        birthDate: { message: 'register.form.dateOutOfRange', params: { today: TODAY } },
      },
    });
  });
});
