/**
 * The village's register as the screens show it: residents, households and groups held
 * in memory for the session (village-register.ts, kept current as documents change), and
 * the rows of the list built from them. Filters (group, tag,
 * status) and the search box (shared/residents/search-register.ts) apply to them in memory.
 */
import type { HouseholdDoc, Relation } from '../../../../shared/collections/households.ts';
import type { GroupPolicy } from '../../../../shared/collections/policies.ts';
import type { ResidentDoc, ResidentStatus } from '../../../../shared/collections/residents.ts';
import { DEMO_TAG } from '../../../../shared/residents/demo.ts';

export interface VillageRegister {
  /** In name order (pinyin, then characters). */
  readonly residents: readonly ResidentDoc[];
  readonly residentById: ReadonlyMap<string, ResidentDoc>;
  /** In household-number order, closed households included. */
  readonly households: readonly HouseholdDoc[];
  readonly householdById: ReadonlyMap<string, HouseholdDoc>;
  /** Active and retired, in code order. */
  readonly groups: readonly GroupPolicy[];
  readonly groupById: ReadonlyMap<string, GroupPolicy>;
  /** Every tag in use, of residents and households, sorted. */
  readonly tags: readonly string[];
  /** Whether sample households (DEMO_TAG) are in the register. */
  readonly hasDemo: boolean;
}

export function villageRegister(
  residents: readonly ResidentDoc[],
  households: readonly HouseholdDoc[],
  groups: readonly GroupPolicy[],
): VillageRegister {
  const tags = new Set<string>();
  for (const resident of residents) for (const tag of resident.tags) tags.add(tag);
  let hasDemo = false;
  for (const household of households) {
    for (const tag of household.tags) tags.add(tag);
    if (household.tags.includes(DEMO_TAG)) hasDemo = true;
  }
  return {
    residents,
    residentById: new Map(residents.map((resident) => [resident.id, resident])),
    households,
    householdById: new Map(households.map((household) => [household.id, household])),
    groups,
    groupById: new Map(groups.map((group) => [group.id, group])),
    tags: [...tags].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    hasDemo,
  };
}

export interface RegisterRow {
  readonly key: string;
  readonly resident: ResidentDoc;
  readonly household: HouseholdDoc | undefined;
  /** The relation of the open stint in the current household. */
  readonly relation: Relation | undefined;
  readonly groupId: string;
  readonly groupName: string;
  /** The person's tags, then the household's. */
  readonly tags: readonly string[];
}

export function rowOf(resident: ResidentDoc, register: VillageRegister): RegisterRow {
  const household =
    resident.householdId === '' ? undefined : register.householdById.get(resident.householdId);
  const stint = household?.members.find(
    (member) => member.residentId === resident.id && member.to === undefined,
  );
  const groupId = household?.groupId ?? '';
  return {
    key: resident.id,
    resident,
    household,
    relation: stint?.relation,
    groupId,
    groupName: register.groupById.get(groupId)?.name ?? '',
    tags: [...new Set([...resident.tags, ...(household?.tags ?? [])])],
  };
}

/** '' for any; NO_GROUP for residents whose household has no group (or who have none). */
export interface RegisterFilters {
  readonly groupId: string;
  readonly tag: string;
  readonly status: ResidentStatus | '';
}

export const NO_GROUP = '-';
export const NO_FILTERS: RegisterFilters = { groupId: '', tag: '', status: '' };

export function isFiltering(filters: RegisterFilters): boolean {
  return filters.groupId !== '' || filters.tag !== '' || filters.status !== '';
}

export function passes(row: RegisterRow, filters: RegisterFilters): boolean {
  if (filters.status !== '' && row.resident.status !== filters.status) return false;
  if (
    filters.groupId === NO_GROUP
      ? row.groupId !== ''
      : filters.groupId !== '' && row.groupId !== filters.groupId
  )
    return false;
  return filters.tag === '' || row.tags.includes(filters.tag);
}

/**
 * The list shown: the search results when the box holds text (already limited and in name
 * order), else the whole register; then the filters.
 */
export function listRows(
  register: VillageRegister,
  found: readonly ResidentDoc[] | null,
  filters: RegisterFilters,
): RegisterRow[] {
  const residents = found ?? register.residents;
  const rows: RegisterRow[] = [];
  for (const resident of residents) {
    // A search result is shown with the register's current copy, if it has one.
    const row = rowOf(register.residentById.get(resident.id) ?? resident, register);
    if (passes(row, filters)) rows.push(row);
  }
  return rows;
}

/** The label of a household in pickers: number, house number and head. */
export function householdLabelParts(
  household: HouseholdDoc,
  register: VillageRegister,
): { readonly number: string; readonly houseNo: string; readonly head: string } {
  return {
    number: household.householdNo,
    houseNo: household.houseNo,
    head: register.residentById.get(household.headResidentId)?.name ?? '',
  };
}
