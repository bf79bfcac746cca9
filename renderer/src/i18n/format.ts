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

export function errorMessage(catalogue: Catalogue, error: AppError): string {
  return formatMessage(catalogue, `errors.${error.code}`, error.params ?? {});
}
