import type { ErrorCode } from '../../../shared/errors.ts';
import type { zhCN } from './zh-CN.ts';

export type MessageKey = keyof typeof zhCN;

/** Every catalogue provides every key of the zh-CN source. */
export type Catalogue = { readonly [K in MessageKey]: string };

/** Compile-time guarantee: every shared error code has a message. */
type MissingErrorKeys = Exclude<`errors.${ErrorCode}`, MessageKey>;
export const everyErrorCodeHasAMessage: MissingErrorKeys extends never ? true : MissingErrorKeys =
  true;

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
