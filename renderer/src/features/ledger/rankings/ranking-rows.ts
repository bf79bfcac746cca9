/**
 * The rows of a ranking screen from the live register and ledger: who is ranked (residents
 * on the register, active households), in which group, and their figure — the honour total
 * from the village's figures, or the points earned in a period (shared rankings.ts). Pure.
 */
import { heldIds } from '../../../../../shared/ledger/notice.ts';
import {
  earnedInPeriod,
  rankByFigure,
  totalBy,
  type Period,
  type Ranked,
} from '../../../../../shared/ledger/rankings.ts';
import { subjectKey } from '../../../../../shared/ledger/score.ts';
import { NO_GROUP, type VillageRegister } from '../../residents/register-data.ts';
import type { VillageLedger } from '../village-ledger.ts';

export type RankedSubject = 'resident' | 'household';
/** 'honour': 累计荣誉积分; 'period': points earned in the period. */
export type RankingFigure = 'honour' | 'period';

export interface RankingQuery {
  readonly subject: RankedSubject;
  readonly figure: RankingFigure;
  readonly period: Period;
  /** '' the whole village; NO_GROUP those in no group; else a group's id. */
  readonly groupId: string;
  readonly top: number;
}

export interface RankingRow {
  readonly key: string;
  /** A resident's id (for the link to the file), '' for a household. */
  readonly residentId: string;
  /** A resident's name, or the household's number and head. */
  readonly name: string;
  readonly householdNo: string;
  readonly groupName: string;
}

function inGroup(groupId: string, wanted: string): boolean {
  if (wanted === '') return true;
  if (wanted === NO_GROUP) return groupId === '';
  return groupId === wanted;
}

export function rankingRows(
  register: VillageRegister,
  ledger: VillageLedger,
  query: RankingQuery,
): readonly Ranked<RankingRow>[] {
  const earned =
    query.figure === 'period'
      ? earnedInPeriod(
          ledger.events.values(),
          query.period,
          ledger.today,
          heldIds(ledger.objections.values()),
        )
      : [];
  const groupName = (groupId: string) => register.groupById.get(groupId)?.name ?? '';

  if (query.subject === 'household') {
    const byHousehold = totalBy(earned, (entry) => entry.householdId);
    const rows = register.households
      .filter((h) => h.status === 'active' && inGroup(h.groupId, query.groupId))
      .map((household) => ({
        row: {
          key: household.id,
          residentId: '',
          name: register.residentById.get(household.headResidentId)?.name ?? '',
          householdNo: household.householdNo,
          groupName: groupName(household.groupId),
        },
        figure:
          query.figure === 'honour'
            ? ledger.figures.household(household).honourTotal
            : (byHousehold.get(household.id) ?? 0),
      }));
    return rankByFigure(rows, (r) => r.figure, {
      top: query.top,
      minimum: 1,
      tieOrder: (a, b) =>
        a.row.householdNo.localeCompare(b.row.householdNo, 'en', { numeric: true }),
    }).map((r) => ({ ...r, item: r.item.row }));
  }

  const bySubject = totalBy(earned, (entry) => subjectKey(entry.subjectType, entry.subjectId));
  const rows = register.residents.flatMap((resident) => {
    if (resident.status !== 'registered') return [];
    const household =
      resident.householdId === '' ? undefined : register.householdById.get(resident.householdId);
    const groupId = household?.groupId ?? '';
    if (!inGroup(groupId, query.groupId)) return [];
    return [
      {
        row: {
          key: resident.id,
          residentId: resident.id,
          name: resident.name,
          householdNo: household?.householdNo ?? '',
          groupName: groupName(groupId),
        },
        figure:
          query.figure === 'honour'
            ? ledger.figures.figures('resident', resident.id).honourTotal
            : (bySubject.get(subjectKey('resident', resident.id)) ?? 0),
      },
    ];
  });
  // The register is in name order (pinyin): a stable sort keeps it within a tie.
  return rankByFigure(rows, (r) => r.figure, { top: query.top, minimum: 1 }).map((r) => ({
    ...r,
    item: r.item.row,
  }));
}
