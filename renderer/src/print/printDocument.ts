/**
 * The start of the print pipeline: every printout is one self-contained HTML document
 * (inline CSS, no external resources: the print window has no network and no scripts) for
 * A4, rendered to PDF through the platform port (print-pdf.ts: Electron printToPDF, or
 * Chromium behind the web shell). The font stack names the Chinese fonts of Windows, macOS
 * and Linux.
 */
export const PRINT_FONT_STACK =
  "'SimSun', 'Songti SC', 'Noto Serif CJK SC', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', serif";

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export interface PrintDocument {
  readonly title: string;
  readonly language: string;
  /** Already-escaped HTML for the page body. */
  readonly bodyHtml: string;
  /** The printout's own rules, after the shared ones (tables, signatures …). */
  readonly css?: string;
  /**
   * 「第 N 页，共 M 页」 at the foot of every page (CSS page margin boxes, which Chromium
   * renders in printToPDF). Tables then repeat their header row on every page.
   */
  readonly pageNumbers?: boolean;
}

/** The page's foot: a CSS `content` value counting pages in the document's language. */
function pageFooter(language: string): string {
  return language.startsWith('zh')
    ? '"第 " counter(page) " 页，共 " counter(pages) " 页"'
    : '"Page " counter(page) " of " counter(pages)';
}

export function renderPrintDocument({
  title,
  language,
  bodyHtml,
  css = '',
  pageNumbers = false,
}: PrintDocument): string {
  const foot = pageNumbers
    ? ` @bottom-center { content: ${pageFooter(language)}; font-family: ${PRINT_FONT_STACK}; font-size: 9pt; color: #000; }`
    : '';
  return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
  @page { size: A4; margin: 20mm 18mm;${foot} }
  html, body { margin: 0; padding: 0; }
  body { font-family: ${PRINT_FONT_STACK}; font-size: 12pt; line-height: 1.6; color: #000; }
  h1 { font-size: 18pt; text-align: center; margin: 0 0 12pt; }
  p { margin: 0 0 8pt; }
  .meta { color: #444; font-size: 10pt; }
  table { width: 100%; border-collapse: collapse; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
${css}
</style>
</head>
<body>
${bodyHtml}
</body>
</html>`;
}
