import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../shared/errors.ts';
import type {
  PlatformPort,
  PrintToPdfRequest,
  SaveFileRequest,
} from '../../../shared/platform/contract.ts';
import { printableHtml, printAndSave } from './print-pdf.ts';
import { renderPrintDocument } from './printDocument.ts';

/** The platform port at the Electron boundary: records what the renderer asks it. */
function recordingPort(answer: { printed?: boolean; saved?: boolean } = {}) {
  const printed: PrintToPdfRequest[] = [];
  const saved: SaveFileRequest[] = [];
  const port = {
    printToPdf: (request: PrintToPdfRequest) => {
      printed.push(request);
      return Promise.resolve(
        answer.printed === false ? fail('port.print-failed') : ok(new Uint8Array([37, 80, 68, 70])),
      );
    },
    saveFile: (request: SaveFileRequest) => {
      saved.push(request);
      return Promise.resolve(
        ok(
          answer.saved === false ? { saved: false } : { saved: true, path: request.suggestedName },
        ),
      );
    },
  } as Partial<PlatformPort> as PlatformPort;
  return { port, printed, saved };
}

describe('the print pipeline', () => {
  it('prints a document built as a DOM the same way as one built as text', () => {
    const html = renderPrintDocument({
      title: '公示表',
      language: 'zh-CN',
      bodyHtml: '<p>内容</p>',
    });
    const dom = new DOMParser().parseFromString(html, 'text/html');
    const printed = printableHtml(dom);
    expect(printed).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(printed).toContain('<title>公示表</title>');
    expect(printed).toContain('@page { size: A4;');
    expect(printed).toContain('<p>内容</p>');
    expect(printableHtml(html)).toBe(html);
  });

  it('renders through the port in portrait and offers the PDF for saving', async () => {
    const { port, printed, saved } = recordingPort();
    const result = await printAndSave(port, '<!doctype html><p>x</p>', {
      suggestedName: '公示表.pdf',
    });
    expect(result).toEqual(ok({ saved: true, path: '公示表.pdf' }));
    expect(printed).toEqual([{ html: '<!doctype html><p>x</p>', landscape: false }]);
    expect(saved).toEqual([
      {
        suggestedName: '公示表.pdf',
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
        data: new Uint8Array([37, 80, 68, 70]),
      },
    ]);
  });

  it('passes the port’s refusal on and saves nothing when printing fails', async () => {
    const { port, saved } = recordingPort({ printed: false });
    expect(await printAndSave(port, '<p>x</p>', { suggestedName: 'a.pdf' })).toEqual(
      fail('port.print-failed'),
    );
    expect(saved).toEqual([]);
    const cancelled = recordingPort({ saved: false });
    expect(
      await printAndSave(cancelled.port, '<p>x</p>', { suggestedName: 'a.pdf', landscape: true }),
    ).toEqual(ok({ saved: false }));
    expect(cancelled.printed[0]?.landscape).toBe(true);
  });
});
