import { createContext, useContext } from 'react';
import type { AppError } from '../../../shared/errors.ts';
import type { Language, MessageKey } from './catalogue.ts';
import type { MessageParams } from './format.ts';

export interface I18n {
  readonly language: Language;
  readonly t: (key: MessageKey, params?: MessageParams) => string;
  readonly describeError: (error: AppError) => string;
  readonly setLanguage: (language: Language) => Promise<void>;
}

export const I18nContext = createContext<I18n | null>(null);

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === null) throw new Error('useI18n must be used inside <I18nProvider>');
  return i18n;
}
