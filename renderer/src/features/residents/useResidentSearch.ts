import { useEffect, useState } from 'react';
import type { ResidentDoc } from '../../../../shared/collections/residents.ts';
import { planSearch } from '../../../../shared/residents/search-query.ts';
import { useAppServices } from '../../app/AppServices.ts';
import { searchResidents } from './search.ts';

/** Residents shown for a search: enough for a screen of filtered results, few enough to stay fast. */
export const SEARCH_LIMIT = 200;
/** Keystrokes closer together than this make one search. */
const DEBOUNCE_MS = 120;

export interface SearchState {
  /** False while the box is empty (or only spaces): the screen shows the whole register. */
  readonly active: boolean;
  /** The residents found for the latest text answered (kept while the next one runs). */
  readonly found: readonly ResidentDoc[] | null;
  /** A newer text is being searched. */
  readonly pending: boolean;
}

interface Answer {
  readonly text: string;
  readonly version: unknown;
  readonly found: readonly ResidentDoc[];
}

/**
 * The search box, run against the indexes (search.ts: every clause is a range of a
 * villageCode-led index, never a scan). Runs again when `version` changes (the register
 * changed), so results follow edits. A late answer to an older text is dropped.
 */
export function useResidentSearch(
  villageCode: string,
  text: string,
  version: unknown,
): SearchState {
  const { db } = useAppServices();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const blank = planSearch(text) === null;
  useEffect(() => {
    if (blank) return;
    let live = true;
    const timer = setTimeout(() => {
      searchResidents(db, villageCode, text, SEARCH_LIMIT).then(
        (found) => {
          if (live) setAnswer({ text, version, found });
        },
        (error: unknown) => {
          console.error('resident search failed', error);
          if (live) setAnswer({ text, version, found: [] });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [db, villageCode, text, blank, version]);
  if (blank) return { active: false, found: null, pending: false };
  return {
    active: true,
    found: answer?.found ?? null,
    pending: answer === null || answer.text !== text || answer.version !== version,
  };
}
