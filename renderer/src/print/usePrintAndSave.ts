import { useCallback, useState } from 'react';
import type { AppError } from '../../../shared/errors.ts';
import { useAppServices } from '../app/AppServices.ts';
import { printAndSave, type Printable, type SavePdfOptions } from './print-pdf.ts';

export type PrintState =
  | { readonly status: 'idle' }
  | { readonly status: 'working'; readonly job: string }
  | { readonly status: 'saved'; readonly job: string; readonly path: string }
  | { readonly status: 'cancelled'; readonly job: string }
  | { readonly status: 'failed'; readonly job: string; readonly error: AppError };

export type PrintJob = (
  job: string,
  printable: () => Printable,
  options: SavePdfOptions,
) => Promise<PrintState>;

/**
 * Prints a document to PDF through the port and offers it for saving, for any screen:
 * the state of the last job (named by the caller, e.g. the notice's id, so a list shows
 * which row is working) and the function that runs one.
 */
export function usePrintAndSave(): [PrintState, PrintJob] {
  const { port } = useAppServices();
  const [state, setState] = useState<PrintState>({ status: 'idle' });

  const run = useCallback<PrintJob>(
    async (job, printable, options) => {
      setState({ status: 'working', job });
      const saved = await printAndSave(port, printable(), options);
      const next: PrintState = !saved.ok
        ? { status: 'failed', job, error: saved.error }
        : saved.value.saved
          ? { status: 'saved', job, path: saved.value.path }
          : { status: 'cancelled', job };
      setState(next);
      return next;
    },
    [port],
  );

  return [state, run];
}
