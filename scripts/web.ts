/**
 * `npm run web`: builds the production renderer and serves it to a browser at
 * http://127.0.0.1:5173 (WEB_PORT, WEB_HOST override). The page gets the same CSP as the
 * desktop app, learns the town server address from ./web-shell.json (TOWN_SERVER_URL), and
 * prints through ./api/print-to-pdf (Chromium). Options: --no-build serves the existing build.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { build, preview, type Plugin } from 'vite';
import { PORT_VALIDATORS } from '../shared/platform/contract.ts';
import { buildContentSecurityPolicy } from '../shared/platform/csp.ts';
import { rendererConfig } from '../renderer/vite.config.ts';
import { PdfRenderer } from './lib/pdf-renderer.ts';

const port = Number(process.env['WEB_PORT'] ?? 5173);
const host = process.env['WEB_HOST'] ?? '127.0.0.1';
const townServerUrl = process.env['TOWN_SERVER_URL'] ?? 'http://127.0.0.1:8787';
const MAX_BODY = 9 * 1024 * 1024;

if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`WEB_PORT「${process.env['WEB_PORT'] ?? ''}」不是有效端口号（1-65535）。`);
  process.exit(2);
}

const csp = buildContentSecurityPolicy(townServerUrl);
const pdf = new PdfRenderer();

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function handlePrint(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (
    req.method !== 'POST' ||
    !(req.headers['content-type'] ?? '').startsWith('application/json')
  ) {
    sendJson(res, 405, { error: { code: 'http.bad-request' } });
    return;
  }
  if (!PdfRenderer.available()) {
    sendJson(res, 501, { error: { code: 'port.unavailable' } });
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    // Not JSON, or over the size limit: the request is at fault, not the printer.
    sendJson(res, 400, { error: { code: 'http.bad-request' } });
    return;
  }
  const checked = PORT_VALIDATORS.printToPdf(body);
  if (!checked.ok) {
    sendJson(res, 400, { error: checked.error });
    return;
  }
  const bytes = await pdf.render(checked.value.html, checked.value.landscape);
  res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': bytes.byteLength });
  res.end(bytes);
}

const webShell: Plugin = {
  name: 'village-credit-web-shell',
  configurePreviewServer(server) {
    server.middlewares.use('/web-shell.json', (_req, res) => {
      sendJson(res, 200, { townServerUrl });
    });
    server.middlewares.use('/api/print-to-pdf', (req, res) => {
      handlePrint(req, res).catch((error: unknown) => {
        console.error('print-to-pdf failed', error);
        if (!res.headersSent) sendJson(res, 500, { error: { code: 'port.print-failed' } });
        else res.destroy();
      });
    });
  },
};

if (!process.argv.includes('--no-build')) {
  await build({ ...rendererConfig, configFile: false, logLevel: 'warn' });
}

const server = await preview({
  ...rendererConfig,
  configFile: false,
  plugins: [...rendererConfig.plugins, webShell],
  preview: { port, host, strictPort: true, headers: { 'Content-Security-Policy': csp } },
});

console.log(
  `乡村信用积分（浏览器版）已启动：http://${host}:${port}/   Village Credit web shell is up.`,
);

async function shutdown(): Promise<void> {
  await pdf.close();
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
