/**
 * saveFile / openFile: native dialogs (titles in Chinese), the user picks the path, the
 * renderer never names one. Opened files are size-checked before they are read.
 */
import { promises as fsp } from 'node:fs';
import { basename, join } from 'node:path';
import type { BrowserWindow, Dialog, FileFilter as ElectronFileFilter } from 'electron';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import {
  LIMITS,
  type FileFilter,
  type OpenFileOutcome,
  type OpenFileRequest,
  type SaveFileOutcome,
  type SaveFileRequest,
} from '../../../shared/platform/contract.ts';

export const SAVE_DIALOG_TITLE = '保存文件';
export const OPEN_DIALOG_TITLE = '打开文件';
export const SAVE_BUTTON_LABEL = '保存';
export const OPEN_BUTTON_LABEL = '打开';

export interface FileHandlerDeps {
  readonly dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;
  /** The parent of the dialogs (the main window). */
  readonly getWindow: () => BrowserWindow | null;
  /** Where the save dialog starts, e.g. the user's Documents folder. */
  readonly defaultDirectory: string;
}

function toElectronFilters(filters: readonly FileFilter[]): ElectronFileFilter[] {
  return filters.map((filter) => ({ name: filter.name, extensions: [...filter.extensions] }));
}

export function createFileHandlers(deps: FileHandlerDeps): {
  saveFile(request: SaveFileRequest): Promise<Result<SaveFileOutcome>>;
  openFile(request: OpenFileRequest): Promise<Result<OpenFileOutcome>>;
} {
  return {
    async saveFile(request) {
      const options = {
        title: SAVE_DIALOG_TITLE,
        buttonLabel: SAVE_BUTTON_LABEL,
        defaultPath: join(deps.defaultDirectory, request.suggestedName),
        filters: toElectronFilters(request.filters),
        properties: ['createDirectory', 'showOverwriteConfirmation'] as (
          'createDirectory' | 'showOverwriteConfirmation'
        )[],
      };
      const window = deps.getWindow();
      const choice =
        window === null
          ? await deps.dialog.showSaveDialog(options)
          : await deps.dialog.showSaveDialog(window, options);
      if (choice.canceled || choice.filePath === '') return ok({ saved: false });
      await fsp.writeFile(choice.filePath, request.data);
      return ok({ saved: true, path: choice.filePath });
    },

    async openFile(request) {
      const options = {
        title: OPEN_DIALOG_TITLE,
        buttonLabel: OPEN_BUTTON_LABEL,
        filters: toElectronFilters(request.filters),
        properties: ['openFile'] as 'openFile'[],
      };
      const window = deps.getWindow();
      const choice =
        window === null
          ? await deps.dialog.showOpenDialog(options)
          : await deps.dialog.showOpenDialog(window, options);
      const path = choice.filePaths[0];
      if (choice.canceled || path === undefined) return ok({ opened: false });
      const stats = await fsp.stat(path);
      if (!stats.isFile()) return fail('port.io-failed', { reason: 'not-a-file' });
      if (stats.size > LIMITS.maxFileBytes)
        return fail('port.file-too-large', { max: LIMITS.maxFileBytes });
      const data = await fsp.readFile(path);
      // The file may have grown between stat and read.
      if (data.byteLength > LIMITS.maxFileBytes)
        return fail('port.file-too-large', { max: LIMITS.maxFileBytes });
      // A copy with its own exact ArrayBuffer: IPC clones the whole buffer behind a view.
      return ok({ opened: true, name: basename(path), data: new Uint8Array(data) });
    },
  };
}
