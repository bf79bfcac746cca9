import { useCallback, useState } from 'react';
import { fail, type Result } from '../../../../shared/errors.ts';
import type { SaveFileOutcome } from '../../../../shared/platform/contract.ts';
import { useAppServices } from '../../app/AppServices.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { useRegister } from './RegisterContext.ts';
import type { RegisterRow } from './register-data.ts';
import { exportWorkbook, templateWorkbook, type ExportEntry } from './register-files.ts';
import { mayRevealIds, operationContext } from './register-scope.ts';
import { queryEntry, writeDocuments } from './register-store.ts';

const EXCEL = [{ name: 'Excel', extensions: ['xlsx'] }];
const CHUNK = 500;

export interface ExportProgress {
  readonly done: number;
  readonly total: number;
}

/**
 * Export of the list on screen and download of the template. Users who may reveal IDs
 * (register-scope.ts ID_REVEAL_ROLES) export full numbers, so the file imports again;
 * everyone else exports the masked numbers. Every export is logged (查询记录) with its
 * purpose, as one entry for the list.
 */
export function useRegisterExport() {
  const { db, port } = useAppServices();
  const { scope } = useRegister();
  const { t } = useI18n();
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const full = mayRevealIds(scope);

  const exportRows = useCallback(
    async (rows: readonly RegisterRow[], purpose: string): Promise<Result<SaveFileOutcome>> => {
      const protector = full ? scope.idProtector : null;
      const entries: ExportEntry[] = [];
      setProgress({ done: 0, total: rows.length });
      try {
        for (let start = 0; start < rows.length; start += CHUNK) {
          const chunk = rows.slice(start, start + CHUNK);
          const numbers = await Promise.all(
            chunk.map(({ resident }) =>
              protector === null || resident.idNumberCipher === ''
                ? Promise.resolve(resident.idMasked)
                : protector.reveal(resident.idNumberCipher),
            ),
          );
          chunk.forEach((row, i) => {
            entries.push({
              resident: row.resident,
              household: row.household,
              groupName: row.groupName,
              idNumber: numbers[i] ?? row.resident.idMasked,
            });
          });
          setProgress({ done: start + chunk.length, total: rows.length });
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      } catch (error) {
        // A cipher these keys cannot read: nothing is exported rather than a partial list.
        console.error('revealing IDs for export failed', error);
        setProgress(null);
        return fail('port.io-failed');
      }
      const data = exportWorkbook(entries, t('register.template.sheet'));
      setProgress(null);
      const ctx = operationContext(scope);
      await writeDocuments(db, { journal: [queryEntry(scope, ctx, 'export', null, purpose)] });
      return port.saveFile({ suggestedName: t('register.export.fileName'), filters: EXCEL, data });
    },
    [db, port, scope, full, t],
  );

  const downloadTemplate = useCallback(
    () =>
      port.saveFile({
        suggestedName: t('register.template.fileName'),
        filters: EXCEL,
        data: templateWorkbook(t('register.template.sheet')),
      }),
    [port, t],
  );

  return { full, progress, exportRows, downloadTemplate };
}
