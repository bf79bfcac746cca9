/**
 * Renders print HTML to PDF with Debian's Chromium through playwright-core: the same engine
 * as Electron's printToPDF. Used by the web shell's print endpoint and by tests. The page
 * runs with JavaScript disabled and no network: a printout is self-contained HTML.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export class PdfRenderer {
  #browser: Promise<Browser> | null = null;

  static available(): boolean {
    return existsSync(CHROMIUM_PATH);
  }

  async render(html: string, landscape: boolean): Promise<Uint8Array> {
    this.#browser ??= chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
    });
    const browser = await this.#browser;
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      await context.route(/^(?!data:|about:)/, (route) => route.abort());
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        landscape,
        preferCSSPageSize: true,
      });
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    if (this.#browser !== null) await (await this.#browser).close();
    this.#browser = null;
  }
}
