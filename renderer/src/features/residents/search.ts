/**
 * The resident search box, executed: the plan of shared/residents/search-query.ts turned
 * into RxDB queries. Every selector is `villageCode` plus one searched field, sorted by the
 * same two fields, so RxDB reads a range of the compound index [villageCode, field] (plus
 * its own `_deleted` prefix and `id` suffix) and stops at the limit: the cost of a
 * keystroke grows with the number of matches shown, not with the number of residents.
 * `explainSearch` returns the plans RxDB chose, so tests can assert that no clause scans.
 */
import type {
  MangoQuery,
  MangoQuerySelector,
  MangoQuerySortPart,
  RxCollection,
  RxQueryPlan,
} from 'rxdb';
import type { HouseholdDoc } from '../../../../shared/collections/households.ts';
import type { ResidentDoc } from '../../../../shared/collections/residents.ts';
import {
  passesFilters,
  planSearch,
  prefixRange,
  type HouseholdClause,
  type ResidentClause,
  type SearchClause,
} from '../../../../shared/residents/search-query.ts';
import type { LocalDatabase } from '../../db/database.ts';

export const DEFAULT_SEARCH_LIMIT = 50;

/**
 * Residents of the village matching the search box text, in name order (pinyin, then
 * characters), at most `limit`. Empty text gives [] (there is no plan: the screen shows
 * its normal list). Every resident is searched whatever the status (moved out, deceased):
 * the list shows the status.
 *
 * Each clause reads at most `limit` entries of its index, in index order, so with more
 * matches than `limit` the residents shown are the first of each index range, sorted by
 * name; typing further narrows the ranges.
 */
export async function searchResidents(
  db: LocalDatabase,
  villageCode: string,
  text: string,
  limit = DEFAULT_SEARCH_LIMIT,
): Promise<ResidentDoc[]> {
  const plan = planSearch(text);
  if (plan === null || limit <= 0) return [];
  const found = await Promise.all(
    plan.clauses.map((clause) =>
      clause.collection === 'residents'
        ? findResidents(db, villageCode, clause, limit)
        : findHouseholdMembers(db, villageCode, clause, limit),
    ),
  );
  const byId = new Map<string, ResidentDoc>();
  for (const residents of found) {
    for (const resident of residents) byId.set(resident.id, resident);
  }
  return [...byId.values()].sort(byName).slice(0, limit);
}

function byName(a: ResidentDoc, b: ResidentDoc): number {
  // Plain code-unit comparison: deterministic on every device, unlike locale collation.
  return compare(a.namePinyin, b.namePinyin) || compare(a.name, b.name) || compare(a.id, b.id);
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * The query of one clause: `villageCode` equal, the field equal or in its prefix range,
 * sorted by the index fields. A clause with filters reads its whole range (the residents
 * of one surname) since the filters drop some of it.
 */
export function clauseQuery<Doc extends ResidentDoc | HouseholdDoc>(
  villageCode: string,
  clause: SearchClause,
  limit: number,
): MangoQuery<Doc> {
  const range = clause.op === 'equals' ? clause.value : prefixRange(clause.value);
  const filtered = clause.collection === 'residents' && clause.filters !== undefined;
  return {
    selector: { villageCode, [clause.field]: range } as MangoQuerySelector<Doc>,
    sort: [{ villageCode: 'asc' }, { [clause.field]: 'asc' }] as MangoQuerySortPart<Doc>[],
    ...(filtered ? {} : { limit }),
  };
}

/** The query of a household's current members. */
export function membersQuery(villageCode: string, householdId: string): MangoQuery<ResidentDoc> {
  return {
    selector: { villageCode, householdId },
    sort: [{ villageCode: 'asc' }, { householdId: 'asc' }],
  };
}

async function findResidents(
  db: LocalDatabase,
  villageCode: string,
  clause: ResidentClause,
  limit: number,
): Promise<ResidentDoc[]> {
  const docs = await residentsOf(db)
    .find(clauseQuery<ResidentDoc>(villageCode, clause, limit))
    .exec();
  const residents = docs.map((doc) => doc.toMutableJSON());
  return clause.filters === undefined
    ? residents
    : residents.filter((resident) => passesFilters(resident, clause.filters)).slice(0, limit);
}

async function findHouseholdMembers(
  db: LocalDatabase,
  villageCode: string,
  clause: HouseholdClause,
  limit: number,
): Promise<ResidentDoc[]> {
  const households = await householdsOf(db)
    .find(clauseQuery<HouseholdDoc>(villageCode, clause, limit))
    .exec();
  // One equality range per household: few households, each with a handful of members.
  const members = await Promise.all(
    households.map((household) =>
      residentsOf(db).find(membersQuery(villageCode, household.id)).exec(),
    ),
  );
  return members.flat().map((doc) => doc.toMutableJSON());
}

const residentsOf = (db: LocalDatabase): RxCollection<ResidentDoc> => db.collections.residents;
const householdsOf = (db: LocalDatabase): RxCollection<HouseholdDoc> => db.collections.households;

export interface ExplainedQuery {
  readonly collection: 'residents' | 'households';
  /** The index RxDB reads, e.g. ['_deleted', 'villageCode', 'namePinyin', 'id']. */
  readonly index: readonly string[];
  readonly startKeys: RxQueryPlan['startKeys'];
  readonly endKeys: RxQueryPlan['endKeys'];
  readonly sortSatisfiedByIndex: boolean;
  readonly selectorSatisfiedByIndex: boolean;
}

export interface ExplainedClause extends ExplainedQuery {
  readonly clause: SearchClause;
  /** For a household clause: the query of each household's members. */
  readonly members?: ExplainedQuery;
}

/** The query plans RxDB chooses for the search box text ([] for empty text). */
export function explainSearch(
  db: LocalDatabase,
  villageCode: string,
  text: string,
  limit = DEFAULT_SEARCH_LIMIT,
): ExplainedClause[] {
  const plan = planSearch(text);
  if (plan === null) return [];
  return plan.clauses.map((clause): ExplainedClause => {
    if (clause.collection === 'residents') {
      const query = residentsOf(db).find(clauseQuery<ResidentDoc>(villageCode, clause, limit));
      return { clause, ...explained('residents', query.getPreparedQuery().queryPlan) };
    }
    const query = householdsOf(db).find(clauseQuery<HouseholdDoc>(villageCode, clause, limit));
    // The members query's plan does not depend on which household id it is given.
    const members = residentsOf(db).find(membersQuery(villageCode, ''));
    return {
      clause,
      ...explained('households', query.getPreparedQuery().queryPlan),
      members: explained('residents', members.getPreparedQuery().queryPlan),
    };
  });
}

function explained(collection: 'residents' | 'households', plan: RxQueryPlan): ExplainedQuery {
  return {
    collection,
    index: plan.index,
    startKeys: plan.startKeys,
    endKeys: plan.endKeys,
    sortSatisfiedByIndex: plan.sortSatisfiedByIndex,
    selectorSatisfiedByIndex: plan.selectorSatisfiedByIndex,
  };
}
