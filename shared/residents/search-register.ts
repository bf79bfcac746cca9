/**
 * The resident search box, answered from the village's register in memory: the plan of
 * search-query.ts (which fields, prefix or exact) run over the residents and households
 * the screen already holds. A village of 10,000 residents is searched in about a
 * millisecond, so every keystroke is answered at once; asking the database instead took
 * a few hundred milliseconds a keystroke in Chromium (bench B2).
 */
import type { HouseholdDoc } from '../collections/households.ts';
import type { ResidentDoc } from '../collections/residents.ts';
import { matchesOp, passesFilters, planSearch, type ResidentClause } from './search-query.ts';

export interface SearchableRegister {
  readonly residents: readonly ResidentDoc[];
  readonly households: readonly HouseholdDoc[];
}

/**
 * Residents matching the search box text, in name order (pinyin, then characters, then
 * id), at most `limit`. Empty text gives [] (there is no plan: the screen shows its normal
 * list). Every resident is searched whatever the status (moved out, deceased): the list
 * shows the status. A household found by its number or house number stands for its
 * members (the residents whose household it is).
 */
export function searchRegister(
  register: SearchableRegister,
  text: string,
  limit: number,
): ResidentDoc[] {
  const plan = planSearch(text);
  if (plan === null || limit <= 0) return [];
  const households = new Set<string>();
  const residentClauses: ResidentClause[] = [];
  for (const clause of plan.clauses) {
    if (clause.collection === 'residents') residentClauses.push(clause);
    else
      for (const household of register.households)
        if (matchesOp(household[clause.field], clause.op, clause.value))
          households.add(household.id);
  }
  const found = register.residents.filter(
    (resident) =>
      households.has(resident.householdId) ||
      residentClauses.some(
        (clause) =>
          matchesOp(resident[clause.field], clause.op, clause.value) &&
          passesFilters(resident, clause.filters),
      ),
  );
  return found.sort(byName).slice(0, limit);
}

function byName(a: ResidentDoc, b: ResidentDoc): number {
  // Plain code-unit comparison: deterministic on every device, unlike locale collation.
  return compare(a.namePinyin, b.namePinyin) || compare(a.name, b.name) || compare(a.id, b.id);
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
