import { describe, expect, it } from 'vitest';
import { settingsId } from '../collections/policies.ts';
import { schemaErrors } from '../collections/fixtures/json-schema.ts';
import { COLLECTIONS } from '../collections/index.ts';
import { context, TOWNSHIP, VILLAGE } from './fixtures/ledger.ts';
import { changeSettings, newSettings, settingsValuesOf } from './settings.ts';
import { DEFAULT_LATE_ENTRY_DAYS, DEFAULT_NOTICE_DAYS } from './templates.ts';
import { villagePolicyOf } from './village-policy.ts';

const place = { villageCode: VILLAGE, townshipCode: TOWNSHIP };

describe('village settings', () => {
  it('are made from the defaults a village without them works by, so no figure changes', () => {
    const settings = newSettings(place, context('2025-03-01'));
    expect(settings).toMatchObject({
      id: settingsId(VILLAGE),
      kind: 'settings',
      status: 'active',
      noticeDays: DEFAULT_NOTICE_DAYS,
      lateEntryDays: DEFAULT_LATE_ENTRY_DAYS,
      objectionContact: '',
    });
    expect(schemaErrors(COLLECTIONS.policies.schema, settings)).toEqual([]);
    expect(villagePolicyOf(TOWNSHIP, settings, [])).toEqual({
      ...villagePolicyOf(TOWNSHIP, undefined, []),
      fromSettings: true,
    });
    expect(settingsValuesOf(settings, TOWNSHIP)).toEqual(settingsValuesOf(undefined, TOWNSHIP));
  });

  it('are created with the first change when the village has none', () => {
    const change = changeSettings(
      undefined,
      { noticeDays: 5, objectionContact: '村委会 王会计 0516-88886666' },
      place,
      context('2025-03-01', 'u-admin-zhou'),
    );
    expect(change?.created).toBe(true);
    expect(change?.settings).toMatchObject({
      id: settingsId(VILLAGE),
      noticeDays: 5,
      objectionContact: '村委会 王会计 0516-88886666',
      rollUp: 'sum',
      createdBy: 'u-admin-zhou',
    });
    expect(schemaErrors(COLLECTIONS.policies.schema, change?.settings)).toEqual([]);
  });

  it('change only what differs, keep the rest, and write nothing when nothing differs', () => {
    const first = newSettings(place, context('2025-03-01'), { rollUp: 'per-capita' });
    const later = context('2025-03-02', 'u-reviewer-li', Date.UTC(2025, 2, 2));
    const change = changeSettings(first, { noticeDays: 5, objectionContact: '' }, place, later);
    expect(change?.changedFields).toEqual(['noticeDays']);
    expect(change?.created).toBe(false);
    expect(change?.settings).toMatchObject({
      id: first.id,
      createdAt: first.createdAt,
      rollUp: 'per-capita',
      noticeDays: 5,
      updatedBy: 'u-reviewer-li',
      updatedAt: Date.UTC(2025, 2, 2),
    });
    expect(changeSettings(first, { noticeDays: 7, rollUp: 'per-capita' }, place, later)).toBe(
      undefined,
    );
  });

  it('refuse values the schema would refuse', () => {
    const first = newSettings(place, context('2025-03-01'));
    expect(() => changeSettings(first, { noticeDays: 0 }, place, context('2025-03-01'))).toThrow(
      RangeError,
    );
    expect(() => newSettings(place, context('2025-03-01'), { noticeDays: 91 })).toThrow(RangeError);
    expect(() =>
      newSettings(place, context('2025-03-01'), { objectionContact: '电'.repeat(201) }),
    ).toThrow(RangeError);
  });
});
