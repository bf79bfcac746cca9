import { escapeHtml, renderPrintDocument } from '../../print/printDocument.ts';

export interface PrintTestPageText {
  readonly title: string;
  readonly body: string;
  readonly generated: string;
  readonly language: string;
}

/** A one-page document that shows whether printing and Chinese fonts work on this computer. */
export function printTestPageHtml(text: PrintTestPageText): string {
  return renderPrintDocument({
    title: text.title,
    language: text.language,
    bodyHtml: [
      `<h1>${escapeHtml(text.title)}</h1>`,
      `<p>${escapeHtml(text.body)}</p>`,
      `<p class="meta">${escapeHtml(text.generated)}</p>`,
    ].join('\n'),
  });
}
