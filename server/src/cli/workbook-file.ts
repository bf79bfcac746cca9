/**
 * Reading a workbook the CLI was given (`residents import`, `ledger import`): the file's
 * bytes as a table of cell text, or the coded reason it can't be read.
 */
import { readFile } from 'node:fs/promises';
import { fail, type Result } from '../../../shared/errors.ts';
import { readXlsxTable, type XlsxTable } from '../../../shared/xlsx/read.ts';

export async function readWorkbookFile(file: string): Promise<Result<XlsxTable>> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return fail('cli.file-unreadable', {
      file,
      reason: fileReadReason((error as NodeJS.ErrnoException).code),
    });
  }
  return readXlsxTable(bytes);
}

/** A word for why a file could not be read (worded by the messages, never the raw errno). */
function fileReadReason(errno: string | undefined): string {
  switch (errno) {
    case 'ENOENT':
      return 'file-not-found';
    case 'EACCES':
    case 'EPERM':
      return 'file-no-permission';
    case 'EISDIR':
      return 'file-is-a-directory';
    default:
      return 'file-io-error';
  }
}
