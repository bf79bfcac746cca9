import { describe, expect, it } from 'vitest';
import type { EventDoc } from '../collections/events.ts';
import { schemaErrors } from '../collections/fixtures/json-schema.ts';
import { COLLECTIONS } from '../collections/index.ts';
import { context, entry, householdOf, residentOf, wendengRuleSet } from './fixtures/ledger.ts';
import {
  batchRows,
  checkEntry,
  isLateEntry,
  recordEntries,
  recordEntry,
  type EntryInput,
} from './recording.ts';
import { reversalOf } from './review.ts';

const ruleSet = wendengRuleSet();
const rules = { ruleSet, lateEntryDays: 30 };
const today = '2025-05-20';
const ctx = context(today);
const zhang = residentOf('张三', 'R-ZHANG');
const li = residentOf('李四', 'R-LI', 'H-0106');
const wang = residentOf('王五', 'R-WANG', 'H-0107');
const zhao = residentOf('赵六', 'R-ZHAO', 'H-0108');
const home = householdOf('0105', 'H-0105');

function input(ruleCode: string, occurredOn: string, extra: Partial<EntryInput> = {}): EntryInput {
  return { ruleCode, occurredOn, quantity: 1, note: '', evidence: [], ...extra };
}

describe('recording a single entry', () => {
  it('records a submitted entry with the rule’s snapshot, total points and expiry from the act', () => {
    const result = recordEntry(
      zhang,
      input('P-BLOOD', '2025-05-12', { note: '献血证' }),
      rules,
      [],
      ctx,
    );
    if (!result.ok) throw new Error(result.error.code);
    const { event, warnings } = result.value;
    expect(warnings).toEqual([]);
    expect(event).toMatchObject({
      kind: 'accrual',
      status: 'submitted',
      subjectType: 'resident',
      subjectId: 'R-ZHANG',
      householdId: 'H-0105',
      points: 10,
      occurredOn: '2025-05-12',
      expiresOn: '2026-05-12',
      ruleSetId: ruleSet.id,
      rule: { code: 'P-BLOOD', nameZh: '无偿献血（每次）', points: 10, validityMonths: 12 },
    });
    expect(schemaErrors(COLLECTIONS.events.schema, event)).toEqual([]);
  });

  it('asks for the points of a case-by-case rule and keeps them within its range', () => {
    expect(checkEntry(zhang, input('P-CLEAN', '2025-05-12'), rules, [], today)).toMatchObject({
      error: { code: 'ledger.points-required', params: { code: 'P-CLEAN', min: 1, max: 5 } },
    });
    expect(
      checkEntry(zhang, input('P-CLEAN', '2025-05-12', { unitPoints: 7 }), rules, [], today),
    ).toMatchObject({ error: { code: 'ledger.points-out-of-range', params: { value: 7 } } });
    const ok = checkEntry(
      zhang,
      input('P-CLEAN', '2025-05-12', { unitPoints: 3, quantity: 2 }),
      rules,
      [],
      today,
    );
    expect(ok).toMatchObject({ ok: true, value: { points: 6, snapshot: { points: 3 } } });
  });

  it('refuses a rule for the other kind of subject, an unknown rule, a bad date or quantity', () => {
    expect(checkEntry(zhang, input('P-YARD', '2025-05-12'), rules, [], today)).toMatchObject({
      error: { code: 'ledger.rule-subject', params: { code: 'P-YARD', name: '张三' } },
    });
    expect(checkEntry(home, input('P-YARD', '2025-05-12'), rules, [], today).ok).toBe(true);
    expect(checkEntry(home, input('P-BLOOD', '2025-05-12'), rules, [], today)).toMatchObject({
      error: { code: 'ledger.rule-subject', params: { name: '0105' } },
    });
    expect(checkEntry(zhang, input('P-NOPE', '2025-05-12'), rules, [], today)).toMatchObject({
      error: { code: 'ledger.rule-unknown', params: { code: 'P-NOPE' } },
    });
    expect(checkEntry(zhang, input('P-BLOOD', '2025-05-21'), rules, [], today)).toMatchObject({
      error: { code: 'ledger.date-invalid', params: { value: '2025-05-21' } },
    });
    expect(checkEntry(zhang, input('P-BLOOD', '2025-02-30'), rules, [], today)).toMatchObject({
      error: { code: 'ledger.date-invalid' },
    });
    expect(checkEntry(zhang, input('P-BLOOD', '2014-12-31'), rules, [], today)).toMatchObject({
      error: { code: 'ledger.no-rule-set', params: { date: '2014-12-31' } },
    });
    expect(
      checkEntry(zhang, input('P-BLOOD', '2025-05-12', { quantity: 0 }), rules, [], today),
    ).toMatchObject({ error: { code: 'ledger.quantity-invalid', params: { value: 0 } } });
  });

  it('refuses the same act twice, unless the first entry was refused or reversed', () => {
    const first = entry(zhang, 'P-BLOOD', '2025-05-12');
    expect(checkEntry(zhang, input('P-BLOOD', '2025-05-12'), rules, [first], today)).toEqual({
      ok: false,
      error: {
        code: 'ledger.duplicate-entry',
        params: { name: '张三', code: 'P-BLOOD', date: '2025-05-12' },
      },
    });
    const pending = entry(zhang, 'P-BLOOD', '2025-05-12', { status: 'in-notice' });
    expect(checkEntry(zhang, input('P-BLOOD', '2025-05-12'), rules, [pending], today).ok).toBe(
      false,
    );
    const rejected = entry(zhang, 'P-BLOOD', '2025-05-12', { status: 'rejected' });
    expect(checkEntry(zhang, input('P-BLOOD', '2025-05-12'), rules, [rejected], today).ok).toBe(
      true,
    );
    const reversal = reversalOf(first, '登记错误', 'effective', undefined, ctx);
    expect(
      checkEntry(zhang, input('P-BLOOD', '2025-05-12'), rules, [first, reversal], today).ok,
    ).toBe(true);
    expect(checkEntry(zhang, input('P-BLOOD', '2025-05-13'), rules, [first], today).ok).toBe(true);
  });

  it('enforces a cap per subject and calendar period, counting pending entries too', () => {
    const trainings: EventDoc[] = [
      entry(zhang, 'P-TRAIN', '2025-01-15'),
      entry(zhang, 'P-TRAIN', '2025-03-02'),
      entry(zhang, 'P-TRAIN', '2025-04-20', { status: 'submitted' }),
      entry(zhang, 'P-TRAIN', '2024-11-20'),
    ];
    expect(checkEntry(zhang, input('P-TRAIN', '2025-05-10'), rules, trainings, today)).toEqual({
      ok: false,
      error: {
        code: 'ledger.cap-times-exceeded',
        params: {
          name: '张三',
          code: 'P-TRAIN',
          from: '2025-01-01',
          to: '2025-12-31',
          limit: 3,
          used: 3,
        },
      },
    });
    // Another resident, or another year, is not affected.
    expect(checkEntry(li, input('P-TRAIN', '2025-05-10'), rules, trainings, today).ok).toBe(true);
    expect(
      checkEntry(zhang, input('P-TRAIN', '2024-12-10'), rules, trainings, '2025-05-20').ok,
    ).toBe(true);
  });

  it('enforces a points cap (donations: at most 40 points a year)', () => {
    const donated = [entry(zhang, 'P-DONATE', '2025-02-01', { quantity: 35 })];
    expect(
      checkEntry(zhang, input('P-DONATE', '2025-05-01', { quantity: 6 }), rules, donated, today),
    ).toMatchObject({
      error: { code: 'ledger.cap-points-exceeded', params: { limit: 40, used: 35 } },
    });
    expect(
      checkEntry(zhang, input('P-DONATE', '2025-05-01', { quantity: 5 }), rules, donated, today).ok,
    ).toBe(true);
  });

  it('flags an entry recorded more than 30 days after the act, with validity still from the act', () => {
    const result = checkEntry(zhang, input('P-BLOOD', '2025-04-05'), rules, [], today);
    expect(result).toMatchObject({
      ok: true,
      value: {
        expiresOn: '2026-04-05',
        warnings: [{ code: 'ledger.late-entry', params: { days: 45, limit: 30 } }],
      },
    });
    expect(checkEntry(zhang, input('P-BLOOD', '2025-04-20'), rules, [], today)).toMatchObject({
      value: { warnings: [] },
    });
    const late = { occurredOn: '2025-04-05', createdAt: Date.parse('2025-05-20T02:00:00Z') };
    expect(isLateEntry(late, 30)).toBe(true);
    expect(isLateEntry({ ...late, occurredOn: '2025-04-20' }, 30)).toBe(false);
  });

  it('imports a historical entry as effective from the date of the act', () => {
    const result = recordEntry(zhang, input('N-LITTER', '2023-08-01'), rules, [], ctx, 'import');
    expect(result).toMatchObject({
      ok: true,
      value: { event: { status: 'effective', effectiveOn: '2023-08-01', points: -5 } },
    });
  });

  it('accepts a correction only of a returned entry', () => {
    const returned = entry(zhang, 'P-BLOOD', '2025-05-12', { status: 'returned' });
    const corrected = recordEntry(
      zhang,
      input('P-BLOOD', '2025-05-12', { resubmissionOf: returned.id }),
      rules,
      [returned],
      ctx,
    );
    expect(corrected).toMatchObject({
      ok: true,
      value: { event: { resubmissionOf: returned.id } },
    });
    expect(
      recordEntry(
        zhang,
        input('P-BLOOD', '2025-05-12', { resubmissionOf: 'E-NONE' }),
        rules,
        [],
        ctx,
      ),
    ).toMatchObject({ error: { code: 'ledger.state-changed' } });
  });
});

describe('batch entry', () => {
  it('refuses the rows that break a cap by name and records the rest under one batch id', () => {
    const liTrainings = [
      entry(li, 'P-TRAIN', '2025-01-15'),
      entry(li, 'P-TRAIN', '2025-03-02'),
      entry(li, 'P-TRAIN', '2025-04-02'),
    ];
    const result = recordEntries(
      batchRows([zhang, li, wang, zhao], input('P-TRAIN', '2025-05-18', { note: '法律进村培训' })),
      rules,
      liTrainings,
      ctx,
    );
    expect(result.refused).toEqual([
      {
        row: 1,
        name: '李四',
        error: {
          code: 'ledger.cap-times-exceeded',
          params: {
            name: '李四',
            code: 'P-TRAIN',
            from: '2025-01-01',
            to: '2025-12-31',
            limit: 3,
            used: 3,
          },
        },
      },
    ]);
    expect(result.recorded.map((r) => [r.row, r.event.subjectId])).toEqual([
      [0, 'R-ZHANG'],
      [2, 'R-WANG'],
      [3, 'R-ZHAO'],
    ]);
    for (const { event } of result.recorded) {
      expect(event).toMatchObject({ batchId: result.batchId, status: 'submitted', points: 1 });
      expect(schemaErrors(COLLECTIONS.events.schema, event)).toEqual([]);
    }
  });

  it('counts earlier rows of the same batch towards caps and duplicates', () => {
    const rows = [
      { subject: zhang, input: input('P-HELP', '2025-05-02') },
      { subject: zhang, input: input('P-HELP', '2025-05-09') },
      { subject: zhang, input: input('P-HELP', '2025-05-16') },
      { subject: li, input: input('P-HELP', '2025-05-02') },
      { subject: li, input: input('P-HELP', '2025-05-02') },
    ];
    const result = recordEntries(rows, rules, [], ctx, 'import');
    expect(result.refused.map((r) => [r.row, r.name, r.error.code])).toEqual([
      [2, '张三', 'ledger.cap-times-exceeded'],
      [4, '李四', 'ledger.duplicate-entry'],
    ]);
    expect(result.recorded).toHaveLength(3);
  });
});
