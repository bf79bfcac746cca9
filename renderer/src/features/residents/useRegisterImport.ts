import { useCallback, useState } from 'react';
import { appErrorOf, type AppError } from '../../../../shared/errors.ts';
import type { RegisterTable } from '../../../../shared/residents/import/validate.ts';
import { readXlsxTable } from '../../../../shared/xlsx/index.ts';
import { useAppServices } from '../../app/AppServices.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { useRegister } from './RegisterContext.ts';
import { errorReportWorkbook } from './register-files.ts';
import {
  checkRegisterTable,
  importRegisterPlan,
  type ImportCheck,
  type ImportedCounts,
  type ImportProgress,
} from './register-import.ts';
import { operationContext } from './register-scope.ts';
import { createGroups } from './register-store.ts';

type FailedCheck = Extract<ImportCheck, { ok: false }>;
type PassedCheck = Extract<ImportCheck, { ok: true }>;

export type ImportState =
  | { readonly step: 'idle' }
  | { readonly step: 'reading'; readonly file: string }
  | { readonly step: 'checking'; readonly file: string; readonly progress: ImportProgress | null }
  | {
      readonly step: 'problems';
      readonly file: string;
      readonly table: RegisterTable;
      readonly check: FailedCheck;
    }
  | {
      readonly step: 'ready';
      readonly file: string;
      readonly table: RegisterTable;
      readonly check: PassedCheck;
    }
  | { readonly step: 'writing'; readonly file: string; readonly progress: ImportProgress | null }
  | { readonly step: 'done'; readonly file: string; readonly counts: ImportedCounts }
  | {
      readonly step: 'failed';
      readonly file: string;
      readonly during: 'read' | 'write';
      readonly error: AppError;
    };

function importFailure(error: unknown, fallback: AppError['code']): AppError {
  console.error('register import failed', error);
  return appErrorOf(error, fallback);
}

/** Lets the screen paint the step it was just given before a long synchronous step. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The import, step by step: choose an .xlsx (platform port), read it, check every row
 * with progress, then either the report (nothing written) or the confirmation, and the
 * write with progress. The report can be saved as an .xlsx.
 */
export function useRegisterImport() {
  const { db, port } = useAppServices();
  const { scope } = useRegister();
  const { t, describeError } = useI18n();
  const [state, setState] = useState<ImportState>({ step: 'idle' });

  const check = useCallback(
    async (file: string, table: RegisterTable) => {
      setState({ step: 'checking', file, progress: null });
      try {
        const result = await checkRegisterTable(db, scope, table, (progress) => {
          setState({ step: 'checking', file, progress });
        });
        setState(
          result.ok
            ? { step: 'ready', file, table, check: result }
            : { step: 'problems', file, table, check: result },
        );
      } catch (error) {
        setState({
          step: 'failed',
          file,
          during: 'read',
          error: importFailure(error, 'localdb.open-failed'),
        });
      }
    },
    [db, scope],
  );

  const choose = useCallback(async () => {
    const opened = await port.openFile({ filters: [{ name: 'Excel', extensions: ['xlsx'] }] });
    if (!opened.ok) {
      setState({ step: 'failed', file: '', during: 'read', error: opened.error });
      return;
    }
    if (!opened.value.opened) return;
    const file = opened.value.name;
    setState({ step: 'reading', file });
    await nextFrame();
    const table = readXlsxTable(opened.value.data);
    if (!table.ok) {
      setState({ step: 'failed', file, during: 'read', error: table.error });
      return;
    }
    await check(file, table.value.rows);
  }, [port, check]);

  /** Creates the groups the file names but the village lacks, then checks the file again. */
  const createGroupsAndRecheck = useCallback(async () => {
    if (state.step !== 'problems') return;
    const { file, table } = state;
    try {
      await createGroups(
        db,
        scope,
        operationContext(scope),
        state.check.summary.unknownGroups.map((group) => group.name),
      );
    } catch (error) {
      setState({
        step: 'failed',
        file,
        during: 'write',
        error: importFailure(error, 'localdb.write-failed'),
      });
      return;
    }
    await check(file, table);
  }, [state, db, scope, check]);

  const confirm = useCallback(async () => {
    if (state.step !== 'ready') return;
    const { file, check: passed } = state;
    setState({ step: 'writing', file, progress: null });
    try {
      const counts = await importRegisterPlan(db, scope, passed.plan, (progress) => {
        setState({ step: 'writing', file, progress });
      });
      setState({ step: 'done', file, counts });
    } catch (error) {
      setState({
        step: 'failed',
        file,
        during: 'write',
        error: importFailure(error, 'localdb.write-failed'),
      });
    }
  }, [state, db, scope]);

  /** The report as .xlsx: the rows as read with an error column, and the list of problems. */
  const saveReport = useCallback(async () => {
    if (state.step !== 'problems') return null;
    const data = errorReportWorkbook(
      state.table,
      state.check.summary.headerRow,
      state.check.problems,
      {
        dataSheet: t('register.import.report.dataSheet'),
        problemsSheet: t('register.import.report.problemsSheet'),
        errorColumn: t('register.import.report.errorColumn'),
        row: t('register.import.report.row'),
        column: t('register.import.report.column'),
        value: t('register.import.report.value'),
        problem: t('register.import.report.problem'),
      },
      (problem) => describeError(problem),
    );
    return port.saveFile({
      suggestedName: t('register.import.report.fileName'),
      filters: [{ name: 'Excel', extensions: ['xlsx'] }],
      data,
    });
  }, [state, port, t, describeError]);

  const close = useCallback(() => {
    setState({ step: 'idle' });
  }, []);

  return { state, choose, createGroupsAndRecheck, confirm, saveReport, close };
}
