import { message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { LocalDatabase } from '../db/database.ts';
import { preferences$, writePreferences } from '../db/preferences.ts';
import type { Language } from '../i18n/catalogue.ts';
import { CATALOGUES, errorMessage } from '../i18n/format.ts';

/**
 * The UI language, remembered in the local database (a device preference), so it
 * survives reloads and restarts. Null until the stored preference has been read.
 */
export function usePreferredLanguage(
  db: LocalDatabase,
): [Language | null, (language: Language) => Promise<void>] {
  const [language, setLanguageState] = useState<Language | null>(null);

  useEffect(() => {
    const subscription = preferences$(db).subscribe({
      next: (preferences) => {
        setLanguageState(preferences.language);
      },
      error: (error: unknown) => {
        console.error('reading preferences failed', error);
        setLanguageState('zh-CN');
      },
    });
    return () => {
      subscription.unsubscribe();
    };
  }, [db]);

  const setLanguage = useCallback(
    async (next: Language) => {
      try {
        await writePreferences(db, { language: next });
      } catch (error) {
        console.error('saving the language failed', error);
        void message.error(errorMessage(CATALOGUES[next], { code: 'localdb.write-failed' }));
      }
    },
    [db],
  );

  return [language, setLanguage];
}
