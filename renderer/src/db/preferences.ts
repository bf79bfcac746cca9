/**
 * Device-only preferences, kept in an RxDB local document: never synced, and local
 * documents do not count against RxDB's collection limit. To add a preference: add it to
 * `Preferences`, give it a default and a check in PREFERENCE_FIELDS; stored values that
 * fail their check (or are missing) read as the default, so old and odd data stay harmless.
 */
import type { Observable } from 'rxjs';
import { isLanguage, type Language } from '../i18n/catalogue.ts';
import type { LocalDatabase } from './database.ts';
import { watchLocal } from './local-document.ts';

export interface Preferences {
  readonly language: Language;
}

type FieldSpec<T> = { readonly fallback: T; readonly accepts: (value: unknown) => value is T };

const PREFERENCE_FIELDS: { readonly [K in keyof Preferences]: FieldSpec<Preferences[K]> } = {
  language: {
    fallback: 'zh-CN',
    accepts: isLanguage,
  },
};

export const DEFAULT_PREFERENCES: Preferences = { language: PREFERENCE_FIELDS.language.fallback };

/** The local document id. */
const PREFERENCES_ID = 'preferences';

type LocalDocumentHost = Pick<LocalDatabase, 'getLocal' | 'eventBulks$' | 'upsertLocal'>;

function normalise(stored: unknown): Preferences {
  const record =
    typeof stored === 'object' && stored !== null
      ? (stored as { readonly [key: string]: unknown })
      : {};
  const language = record.language;
  return {
    language: PREFERENCE_FIELDS.language.accepts(language)
      ? language
      : PREFERENCE_FIELDS.language.fallback,
  };
}

export async function readPreferences(db: LocalDocumentHost): Promise<Preferences> {
  const doc = await db.getLocal<Preferences>(PREFERENCES_ID);
  return normalise(doc?.toJSON().data);
}

/** Merges `patch` into the stored preferences and returns the result. */
export async function writePreferences(
  db: LocalDocumentHost,
  patch: Partial<Preferences>,
): Promise<Preferences> {
  const next = { ...(await readPreferences(db)), ...patch };
  await db.upsertLocal<Preferences>(PREFERENCES_ID, next);
  return next;
}

/** The current preferences, then every change (from this window or another tab). */
export function preferences$(db: LocalDocumentHost): Observable<Preferences> {
  return watchLocal(db, PREFERENCES_ID, normalise);
}
