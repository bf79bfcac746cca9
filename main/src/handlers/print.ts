/**
 * printToPdf: the HTML is rendered by Chromium in a hidden window that cannot run
 * scripts, has no preload, lives in its own in-memory session, and can load nothing but
 * the one document it was given (served by app://print/<id>.html with a CSP that forbids
 * every fetch except inline styles and data: images/fonts). So a hostile document cannot
 * read local files into the PDF or call home.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Session } from 'electron';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import type { PrintToPdfRequest } from '../../../shared/platform/contract.ts';
import type { Logger } from '../log.ts';
import { APP_SCHEME } from '../security.ts';

export const PRINT_HOST = 'print';
export const PRINT_PARTITION = 'village-credit-print';
export const PRINT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";
export const PRINT_TIMEOUT_MS = 60_000;

export type PrintWindow = Pick<BrowserWindow, 'webContents' | 'destroy' | 'isDestroyed'>;

export interface PrintDeps {
  /** An in-memory session used only for printing (session.fromPartition(PRINT_PARTITION)). */
  readonly session: Session;
  readonly createWindow: (options: BrowserWindowConstructorOptions) => PrintWindow;
  readonly newId: () => string;
  readonly log: Logger;
  readonly timeoutMs?: number;
}

export function printWindowOptions(session: Session): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794,
    height: 1123,
    webPreferences: {
      session,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webviewTag: false,
      webSecurity: true,
      devTools: false,
      spellcheck: false,
    },
  };
}

function printDocumentId(raw: string): string | null {
  const url = URL.parse(raw);
  if (url === null || url.protocol !== `${APP_SCHEME}:` || url.host !== PRINT_HOST) return null;
  const match = /^\/([0-9a-f-]{1,64})\.html$/.exec(url.pathname);
  return match?.[1] ?? null;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${what} timed out after ${ms} ms`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

export function createPrintHandler(
  deps: PrintDeps,
): (request: PrintToPdfRequest) => Promise<Result<Uint8Array>> {
  const documents = new Map<string, string>();

  deps.session.protocol.handle(APP_SCHEME, (request) => {
    const id = printDocumentId(request.url);
    const html = id === null ? undefined : documents.get(id);
    const headers = { 'Content-Security-Policy': PRINT_CSP, 'X-Content-Type-Options': 'nosniff' };
    if (html === undefined) {
      return new Response('Not Found', {
        status: 404,
        headers: { ...headers, 'Content-Type': 'text/plain' },
      });
    }
    return new Response(html, {
      status: 200,
      headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' },
    });
  });
  // Second lock behind the CSP: nothing but our document and data: URLs is fetched.
  deps.session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = printDocumentId(details.url) !== null || details.url.startsWith('data:');
    if (!allowed) deps.log.warn(`print: blocked ${details.url}`);
    callback({ cancel: !allowed });
  });

  return async (request) => {
    const id = deps.newId();
    documents.set(id, request.html);
    let window: PrintWindow | undefined;
    try {
      window = deps.createWindow(printWindowOptions(deps.session));
      await withTimeout(
        window.webContents.loadURL(`${APP_SCHEME}://${PRINT_HOST}/${id}.html`),
        deps.timeoutMs ?? PRINT_TIMEOUT_MS,
        'loading the print document',
      );
      const pdf = await window.webContents.printToPDF({
        pageSize: 'A4',
        printBackground: true,
        landscape: request.landscape,
      });
      return ok(new Uint8Array(pdf));
    } catch (error) {
      deps.log.error('printToPdf failed', error);
      return fail('port.print-failed');
    } finally {
      documents.delete(id);
      if (window !== undefined && !window.isDestroyed()) window.destroy();
    }
  };
}
