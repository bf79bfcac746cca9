import { useCallback, useState } from 'react';
import type { AppError } from '../../../../shared/errors.ts';
import { useAppServices } from '../../app/AppServices.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { printTestPageHtml } from './printTestPage.ts';

export type PrintTestState =
  | { readonly status: 'idle' }
  | { readonly status: 'working' }
  | { readonly status: 'saved'; readonly path: string }
  | { readonly status: 'cancelled' }
  | { readonly status: 'failed'; readonly error: AppError };

/** Renders the print test page to PDF through the port and offers it for saving. */
export function usePrintTestPage(): [PrintTestState, () => Promise<void>] {
  const { port } = useAppServices();
  const { t, language } = useI18n();
  const [state, setState] = useState<PrintTestState>({ status: 'idle' });

  const run = useCallback(async () => {
    setState({ status: 'working' });
    const html = printTestPageHtml({
      title: t('settings.print.pageTitle'),
      body: t('settings.print.pageBody'),
      generated: t('settings.print.pageGenerated', { time: new Date().toLocaleString(language) }),
      language,
    });
    const pdf = await port.printToPdf({ html, landscape: false });
    if (!pdf.ok) {
      setState({ status: 'failed', error: pdf.error });
      return;
    }
    const saved = await port.saveFile({
      suggestedName: t('settings.print.fileName'),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
      data: pdf.value,
    });
    if (!saved.ok) setState({ status: 'failed', error: saved.error });
    else
      setState(
        saved.value.saved ? { status: 'saved', path: saved.value.path } : { status: 'cancelled' },
      );
  }, [port, t, language]);

  return [state, run];
}
