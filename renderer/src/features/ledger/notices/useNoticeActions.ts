import { useMemo } from 'react';
import type { NoticeDoc } from '../../../../../shared/collections/notices.ts';
import type { Result } from '../../../../../shared/errors.ts';
import type { NoticeInput, NoticeWrites } from '../../../../../shared/ledger/notice.ts';
import { noticeSheetHtml } from '../../../print/notice-sheet.ts';
import { usePrintAndSave, type PrintState } from '../../../print/usePrintAndSave.ts';
import { useLedgerScreen } from '../LedgerScreenContext.ts';
import { useLedgerWrite } from '../review/useLedgerWrite.ts';
import {
  closeBuild,
  draftBuild,
  publishBuild,
  settingsBuild,
  withdrawBuild,
  type NoticeSettings,
} from './notice-actions.ts';
import {
  batchNumber,
  heldItems,
  itemsOf,
  sheetFileName,
  sheetNames,
  villageNameOf,
} from './notice-data.ts';

export interface NoticeActions {
  readonly draft: (input: NoticeInput, eventIds: readonly string[]) => Promise<Result<NoticeDoc>>;
  readonly publish: (noticeId: string) => Promise<Result<NoticeWrites>>;
  readonly close: (noticeId: string) => Promise<Result<NoticeWrites>>;
  readonly withdraw: (noticeId: string) => Promise<Result<NoticeDoc>>;
  readonly saveSettings: (values: NoticeSettings) => Promise<Result<boolean>>;
  /** Prints the batch's 公示表 to PDF and offers it for saving. */
  readonly print: (notice: NoticeDoc) => Promise<PrintState>;
  readonly printState: PrintState;
}

/** The notice screen's writes and its printout, on the signed-in user's village. */
export function useNoticeActions(): NoticeActions {
  const writer = useLedgerWrite();
  const { register, ledger } = useLedgerScreen();
  const [printState, runPrint] = usePrintAndSave();

  return useMemo<NoticeActions>(
    () => ({
      draft: (input, eventIds) => writer.run(draftBuild(input, eventIds)),
      publish: (noticeId) => writer.run(publishBuild(noticeId)),
      close: (noticeId) => writer.run(closeBuild(noticeId)),
      withdraw: (noticeId) => writer.run(withdrawBuild(noticeId)),
      saveSettings: (values) => writer.run(settingsBuild(values)),
      print: (notice) => {
        const batchNo = batchNumber(notice, ledger.notices);
        return runPrint(
          notice.id,
          () =>
            noticeSheetHtml({
              villageName: villageNameOf(ledger.ruleSets, ledger.notices),
              notice,
              batchNo,
              entries: itemsOf(ledger, notice),
              names: sheetNames(register),
              held: heldItems(ledger, notice),
              settings: ledger.settings,
              printedOn: ledger.today,
            }),
          { suggestedName: sheetFileName(batchNo, notice.title) },
        );
      },
      printState,
    }),
    [writer, register, ledger, runPrint, printState],
  );
}
