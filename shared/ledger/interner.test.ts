import { describe, expect, it } from 'vitest';
import { Interner } from './interner.ts';

/** A string equal to `text` but not the same heap object (as IndexedDB hands them out). */
function fresh(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

function event(id: string) {
  return {
    id,
    _rev: '1-abc',
    _meta: { lwt: 1 },
    villageCode: fresh('371003190201'),
    note: fresh('参加农技培训'),
    points: 2,
    evidence: [],
    review: { at: Number(id.slice(2)), by: fresh('sample-reviewer'), decision: 'approved' },
    rule: { code: fresh('P-CLEAN'), nameZh: fresh('参加或配合环境整治'), points: 2 },
  };
}

describe('Interner', () => {
  const interner = new Interner({ omitted: ['_rev', '_meta'], unique: ['id'], shared: ['rule'] });
  const [a, b] = [interner.copy(event('e-1')), interner.copy(event('e-2'))];

  it('copies every value but the omitted keys', () => {
    const source = event('e-1');
    const { _rev, _meta, ...expected } = source;
    expect(_rev).toBeDefined();
    expect(_meta).toBeDefined();
    expect(a).toEqual(expected);
    expect(Object.keys(a)).not.toContain('_rev');
  });

  it('shares the rule snapshot as one frozen object and keeps per-document objects apart', () => {
    expect(a['rule']).toBe(b['rule']);
    expect(Object.isFrozen(a['rule'])).toBe(true);
    expect(a['review']).not.toBe(b['review']);
    expect(a['review']).toEqual({ at: 1, by: 'sample-reviewer', decision: 'approved' });
    expect(b['review']).toMatchObject({ at: 2 });
  });

  it('holds each distinct string once, leaving unique ids out', () => {
    const strings = interner.size.strings;
    interner.copy(event('e-3'));
    expect(interner.size.strings).toBe(strings);
    expect(interner.size.objects).toBe(1);
  });

  it('gives a differing rule snapshot its own object', () => {
    const changed = { ...event('e-4'), rule: { code: 'P-CLEAN', nameZh: '新名称', points: 3 } };
    expect(interner.copy(changed)['rule']).toEqual(changed.rule);
    expect(interner.copy(changed)['rule']).not.toBe(a['rule']);
  });
});
