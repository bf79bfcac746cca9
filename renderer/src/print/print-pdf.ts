/**
 * The print pipeline's second half, the same for every printout: a complete HTML document
 * (a string from renderPrintDocument, or a DOM Document built by a print view) becomes an
 * A4 PDF through the platform port — Electron's printToPDF in the desktop app, Chromium
 * behind the web shell in a browser and in tests — and is offered for saving (a save
 * dialog in the app, a download in a browser). Failures come back as codes to word.
 */
import type { Result } from '../../../shared/errors.ts';
import type { PlatformPort, SaveFileOutcome } from '../../../shared/platform/contract.ts';

/** What can be printed: a complete HTML document as text, or as a DOM document. */
export type Printable = string | Document;

/** The document as the port takes it: complete HTML text. */
export function printableHtml(printable: Printable): string {
  if (typeof printable === 'string') return printable;
  return `<!doctype html>\n${printable.documentElement.outerHTML}`;
}

export interface PrintOptions {
  /** Landscape A4; portrait unless said. */
  readonly landscape?: boolean;
}

/** The PDF bytes of the printout. */
export function printToPdf(
  port: PlatformPort,
  printable: Printable,
  { landscape = false }: PrintOptions = {},
): Promise<Result<Uint8Array>> {
  return port.printToPdf({ html: printableHtml(printable), landscape });
}

export interface SavePdfOptions extends PrintOptions {
  /** The file name offered, e.g. 「公示表-南港村2026年11月信用积分公示.pdf」. */
  readonly suggestedName: string;
}

/** Prints to PDF and offers the file for saving; a cancelled dialog is `saved: false`. */
export async function printAndSave(
  port: PlatformPort,
  printable: Printable,
  options: SavePdfOptions,
): Promise<Result<SaveFileOutcome>> {
  const pdf = await printToPdf(port, printable, options);
  if (!pdf.ok) return pdf;
  return port.saveFile({
    suggestedName: options.suggestedName,
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
    data: pdf.value,
  });
}
