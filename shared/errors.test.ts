import { describe, expect, it } from 'vitest';
import { appErrorOf, CodedError } from './errors.ts';

describe('appErrorOf', () => {
  it('tells a coded error as its code and values', () => {
    expect(
      appErrorOf(
        new CodedError('ledger.notice-published', { batch: 'B-1' }),
        'localdb.write-failed',
      ),
    ).toEqual({ code: 'ledger.notice-published', params: { batch: 'B-1' } });
  });

  it('tells any other error as the fallback, without its text', () => {
    expect(appErrorOf(new TypeError('x is undefined'), 'localdb.write-failed')).toEqual({
      code: 'localdb.write-failed',
    });
    expect(appErrorOf('a thrown string', 'localdb.open-failed')).toEqual({
      code: 'localdb.open-failed',
    });
  });
});
