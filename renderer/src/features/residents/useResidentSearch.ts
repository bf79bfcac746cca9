import { useMemo } from 'react';
import type { ResidentDoc } from '../../../../shared/collections/residents.ts';
import { planSearch } from '../../../../shared/residents/search-query.ts';
import { searchRegister } from '../../../../shared/residents/search-register.ts';
import type { VillageRegister } from './register-data.ts';

/** Residents shown for a search: enough for a screen of filtered results, few enough to stay fast. */
export const SEARCH_LIMIT = 200;

export type SearchState =
  /** Nothing to search for (empty, only spaces): the screen shows the whole register. */
  | { readonly active: false }
  /** The residents found for the text, in name order, at most SEARCH_LIMIT. */
  | { readonly active: true; readonly found: readonly ResidentDoc[] };

/**
 * The search box, answered from the register the screen holds (shared/residents/
 * search-register.ts): about a millisecond for 10,000 residents, so each keystroke is
 * answered in the same render, and the answer follows every change of the register.
 */
export function useResidentSearch(register: VillageRegister, text: string): SearchState {
  return useMemo((): SearchState => {
    if (planSearch(text) === null) return { active: false };
    return { active: true, found: searchRegister(register, text, SEARCH_LIMIT) };
  }, [register, text]);
}
