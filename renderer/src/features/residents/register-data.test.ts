import { describe, expect, it } from 'vitest';
import {
  householdSample,
  residentSample,
} from '../../../../shared/collections/fixtures/samples.ts';
import type { HouseholdDoc } from '../../../../shared/collections/households.ts';
import type { GroupPolicy } from '../../../../shared/collections/policies.ts';
import type { ResidentDoc } from '../../../../shared/collections/residents.ts';
import { DEMO_TAG } from '../../../../shared/residents/demo.ts';
import { listRows, NO_FILTERS, NO_GROUP, rowOf, villageRegister } from './register-data.ts';

const group: GroupPolicy = {
  ...householdSample,
  id: 'group-1',
  kind: 'group',
  status: 'active',
  code: '01',
  name: '第一村民小组',
};
const household: HouseholdDoc = { ...householdSample, groupId: group.id, tags: ['低保户'] };
const head: ResidentDoc = { ...residentSample, householdId: household.id, tags: ['党员'] };
const wife: ResidentDoc = {
  ...residentSample,
  id: household.members[1]?.residentId ?? 'wife',
  name: '李秀英',
  householdId: household.id,
  tags: [],
  status: 'deceased',
  statusDate: '2024-01-01',
};
const alone: ResidentDoc = {
  ...residentSample,
  id: 'r-alone',
  name: '赵六',
  householdId: '',
  tags: [],
};
const register = villageRegister([head, wife, alone], [household], [group]);

describe('the list rows', () => {
  it('carry the household, the relation of the open stint, the group and both kinds of tags', () => {
    expect(rowOf(head, register)).toMatchObject({
      household: { householdNo: '0105' },
      relation: 'head',
      groupName: '第一村民小组',
      tags: ['党员', '低保户'],
    });
    expect(rowOf(alone, register)).toMatchObject({ household: undefined, groupName: '', tags: [] });
    expect(register.tags).toEqual(['党员', '低保户'].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    expect(register.hasDemo).toBe(false);
  });

  it('filter by group (or none), by a person’s or household’s tag, and by status', () => {
    const names = (filters: typeof NO_FILTERS) =>
      listRows(register, null, filters).map((row) => row.resident.name);
    expect(names(NO_FILTERS)).toEqual(['张三', '李秀英', '赵六']);
    expect(names({ ...NO_FILTERS, groupId: group.id })).toEqual(['张三', '李秀英']);
    expect(names({ ...NO_FILTERS, groupId: NO_GROUP })).toEqual(['赵六']);
    expect(names({ ...NO_FILTERS, tag: '低保户' })).toEqual(['张三', '李秀英']);
    expect(names({ ...NO_FILTERS, tag: '党员' })).toEqual(['张三']);
    expect(names({ ...NO_FILTERS, status: 'deceased' })).toEqual(['李秀英']);
    expect(names({ groupId: group.id, tag: '', status: 'registered' })).toEqual(['张三']);
  });

  it('show the search results, not the register, while the box holds text', () => {
    expect(listRows(register, [alone], NO_FILTERS).map((row) => row.resident.name)).toEqual([
      '赵六',
    ]);
    expect(listRows(register, [], NO_FILTERS)).toEqual([]);
  });

  it('know when sample households are in the register', () => {
    const sample = villageRegister([], [{ ...household, tags: [DEMO_TAG] }], []);
    expect(sample.hasDemo).toBe(true);
  });
});
