import type { AppError } from '../../../shared/errors.ts';
import type { Catalogue, Language, MessageKey } from './catalogue.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export const CATALOGUES: { readonly [L in Language]: Catalogue } = { 'zh-CN': zhCN, en };

export type MessageParams = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{([a-zA-Z0-9_]+)\}/g;

/** Fills {name} placeholders; a missing parameter stays visible rather than vanishing. */
export function formatMessage(
  catalogue: Catalogue,
  key: MessageKey,
  params: MessageParams = {},
): string {
  return catalogue[key].replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').sort();
}

function isMessageKey(catalogue: Catalogue, key: string): key is MessageKey {
  return Object.hasOwn(catalogue, key);
}

/**
 * Error parameters are values or codes ('male', 'not-a-date'); a code that has a
 * `values.<code>` message is shown in the user's language, never as the raw code.
 */
export function errorMessage(catalogue: Catalogue, error: AppError): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(error.params ?? {})) {
    const key = `values.${String(value)}`;
    params[name] = isMessageKey(catalogue, key) ? catalogue[key] : value;
  }
  return formatMessage(catalogue, `errors.${error.code}`, params);
}
