import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../../shared/platform/contract.ts';
import { createFileHandlers } from './files.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vc-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function setup() {
  const dialog = { showSaveDialog: vi.fn(), showOpenDialog: vi.fn() };
  const handlers = createFileHandlers({
    dialog: dialog,
    getWindow: () => null,
    defaultDirectory: '/home/user/Documents',
  });
  return { dialog, handlers };
}

const excel = [{ name: 'Excel', extensions: ['xlsx'] }];

describe('saveFile', () => {
  it('writes the bytes where the user chose, with a Chinese dialog', async () => {
    const { dialog, handlers } = setup();
    const target = join(dir, '积分表.xlsx');
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    const result = await handlers.saveFile({
      suggestedName: '积分表.xlsx',
      filters: excel,
      data: new Uint8Array([1, 2, 3]),
    });
    expect(result).toEqual({ ok: true, value: { saved: true, path: target } });
    expect([...(await readFile(target))]).toEqual([1, 2, 3]);
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({
        title: '保存文件',
        defaultPath: '/home/user/Documents/积分表.xlsx',
        filters: [{ name: 'Excel', extensions: ['xlsx'] }],
      }),
    );
  });

  it('treats a cancelled dialog as "not saved", not as an error', async () => {
    const { dialog, handlers } = setup();
    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(
      await handlers.saveFile({ suggestedName: 'a.pdf', filters: [], data: new Uint8Array(1) }),
    ).toEqual({ ok: true, value: { saved: false } });
  });
});

describe('openFile', () => {
  it('returns the chosen file name and bytes, with a Chinese dialog', async () => {
    const { dialog, handlers } = setup();
    const path = join(dir, '导入.xlsx');
    await writeFile(path, Buffer.from([9, 8, 7]));
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [path] });
    const result = await handlers.openFile({ filters: excel });
    expect(result).toEqual({
      ok: true,
      value: { opened: true, name: '导入.xlsx', data: new Uint8Array([9, 8, 7]) },
    });
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(
      expect.objectContaining({ title: '打开文件', properties: ['openFile'] }),
    );
  });

  it('refuses a file larger than the limit without reading it', async () => {
    const { dialog, handlers } = setup();
    const path = join(dir, 'huge.bin');
    await writeFile(path, '');
    await truncate(path, LIMITS.maxFileBytes + 1); // sparse: instant, takes no disk
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [path] });
    expect(await handlers.openFile({ filters: [] })).toEqual({
      ok: false,
      error: { code: 'port.file-too-large', params: { max: LIMITS.maxFileBytes } },
    });
  });

  it('treats a cancelled dialog as "not opened"', async () => {
    const { dialog, handlers } = setup();
    dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(await handlers.openFile({ filters: [] })).toEqual({
      ok: true,
      value: { opened: false },
    });
  });
});
