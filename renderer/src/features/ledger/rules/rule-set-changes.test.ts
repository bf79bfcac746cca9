import { describe, expect, it } from 'vitest';
import { catalogId } from '../../../../../shared/collections/catalog.ts';
import {
  settingsId,
  type RuleSetPolicy,
  type SettingsPolicy,
} from '../../../../../shared/collections/policies.ts';
import {
  context,
  LIBRARY,
  TOWNSHIP,
  VILLAGE,
} from '../../../../../shared/ledger/fixtures/ledger.ts';
import {
  abandonDraftWrites,
  adoptDefaultsWrites,
  adoptDraftWrites,
  settingsWrites,
  startRevisionWrites,
} from './rule-set-changes.ts';

const PLACE = { villageCode: VILLAGE, townshipCode: TOWNSHIP };
const ADMIN = 'u-admin-zhou';

function adoptedDefaults(): RuleSetPolicy[] {
  const writes = adoptDefaultsWrites(
    [],
    LIBRARY,
    { title: '南港村积分细则', meetingOn: '2025-01-10', meetingRef: '南港村〔2025〕1号' },
    PLACE,
    context('2025-01-15', ADMIN),
  );
  if (!writes.ok) throw new Error(writes.error.code);
  return writes.value.policies.filter((doc): doc is RuleSetPolicy => doc.kind === 'rule-set');
}

function only<T>(values: readonly T[]): T {
  const [value] = values;
  if (value === undefined || values.length !== 1) throw new Error('expected one value');
  return value;
}

describe('the rules screen’s writes', () => {
  it('adopt the defaults in force from the meeting, with an audit line, once only', () => {
    const writes = adoptDefaultsWrites(
      [],
      LIBRARY,
      { title: '南港村积分细则', meetingOn: '2025-01-10', meetingRef: '南港村〔2025〕1号' },
      PLACE,
      context('2025-01-15', ADMIN),
    );
    if (!writes.ok) throw new Error(writes.error.code);
    const set = only(writes.value.policies) as RuleSetPolicy;
    expect(set).toMatchObject({ status: 'adopted', setVersion: 1, effectiveFrom: '2025-01-10' });
    expect(writes.value.journal).toEqual([
      expect.objectContaining({ kind: 'audit', action: 'rule-set.adopt', targetId: set.id }),
    ]);

    const again = adoptDefaultsWrites(
      [set],
      LIBRARY,
      { title: '再来一次', meetingOn: '2025-02-01', meetingRef: '2号' },
      PLACE,
      context('2025-02-02', ADMIN),
    );
    expect(again).toEqual({
      ok: false,
      error: {
        code: 'ledger.rule-set-exists',
        params: { version: 1, effectiveFrom: '2025-01-10' },
      },
    });
  });

  it('number a new draft after an abandoned one with the next free version', () => {
    const [v1] = adoptedDefaults();
    if (v1 === undefined) throw new Error('no set');
    const ctx = context('2025-03-01', ADMIN);
    const first = startRevisionWrites([v1], LIBRARY, PLACE, ctx);
    if (!first.ok) throw new Error(first.error.code);
    const draft = only(first.value.policies) as RuleSetPolicy;
    expect(draft).toMatchObject({ status: 'draft', setVersion: 2, supersedesId: v1.id });
    // A second draft while one is open is refused.
    expect(startRevisionWrites([draft, v1], LIBRARY, PLACE, ctx).ok).toBe(false);

    const abandoned = abandonDraftWrites(draft, PLACE, ctx);
    if (!abandoned.ok) throw new Error(abandoned.error.code);
    const dropped = only(abandoned.value.policies) as RuleSetPolicy;
    const next = startRevisionWrites([dropped, v1], LIBRARY, PLACE, ctx);
    if (!next.ok) throw new Error(next.error.code);
    expect(only(next.value.policies)).toMatchObject({ setVersion: 3, supersedesId: v1.id });
  });

  it('refuse a new version taking effect before the one it replaces', () => {
    const [v1] = adoptedDefaults();
    if (v1 === undefined) throw new Error('no set');
    const ctx = context('2025-03-01', ADMIN);
    const started = startRevisionWrites([v1], LIBRARY, PLACE, ctx);
    if (!started.ok) throw new Error(started.error.code);
    const draft = only(started.value.policies) as RuleSetPolicy;
    const sets = [draft, v1];
    const meeting = { meetingOn: '2025-02-28', meetingRef: '南港村〔2025〕2号' };
    expect(
      adoptDraftWrites(
        draft,
        { ...meeting, effectiveFrom: '2025-01-09' },
        sets,
        LIBRARY,
        PLACE,
        ctx,
      ),
    ).toEqual({
      ok: false,
      error: { code: 'ledger.date-invalid', params: { value: '2025-01-09' } },
    });

    const adopted = adoptDraftWrites(
      draft,
      { ...meeting, effectiveFrom: '2025-04-01' },
      sets,
      LIBRARY,
      PLACE,
      ctx,
    );
    if (!adopted.ok) throw new Error(adopted.error.code);
    expect(adopted.value.policies).toEqual([
      expect.objectContaining({ id: draft.id, status: 'adopted', effectiveFrom: '2025-04-01' }),
      expect.objectContaining({ id: v1.id, status: 'superseded' }),
    ]);
    expect(adopted.value.journal.map((line) => line.action)).toEqual([
      'rule-set.adopt',
      'rule-set.supersede',
    ]);
  });

  it('merge the points settings into the settings document, and write nothing unchanged', () => {
    const ctx = context('2025-03-01', ADMIN);
    const settings: SettingsPolicy = {
      id: settingsId(VILLAGE),
      villageCode: VILLAGE,
      townshipCode: TOWNSHIP,
      createdAt: 1,
      createdBy: 'u-other',
      deviceId: 'dev-other',
      updatedAt: 1,
      updatedBy: 'u-other',
      kind: 'settings',
      status: 'active',
      rollUp: 'sum',
      noticeDays: 5,
      objectionContact: '村委会 张主任',
      deductionsAgainstBalance: false,
      yearlyReset: true,
      tierSchemeId: catalogId(TOWNSHIP, 'tier-scheme', 'credit1000'),
      lateEntryDays: 30,
    };
    const same = { rollUp: 'sum', deductionsAgainstBalance: false, yearlyReset: true } as const;
    expect(settingsWrites(settings, same, PLACE, ctx)).toEqual({
      ok: true,
      value: { policies: [], journal: [] },
    });
    const changed = settingsWrites(
      settings,
      { ...same, rollUp: 'per-capita', deductionsAgainstBalance: true },
      PLACE,
      ctx,
    );
    if (!changed.ok) throw new Error(changed.error.code);
    expect(changed.value.policies).toEqual([
      {
        ...settings,
        rollUp: 'per-capita',
        deductionsAgainstBalance: true,
        updatedAt: ctx.now,
        updatedBy: ADMIN,
      },
    ]);
    expect(changed.value.journal).toEqual([
      expect.objectContaining({
        action: 'settings.update',
        changedFields: ['rollUp', 'deductionsAgainstBalance'],
      }),
    ]);
  });
});
