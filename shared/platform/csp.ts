/**
 * The Content-Security-Policy of the app, built from the town server URL so the desktop
 * shell (main, app:// responses) and the browser shell send exactly the same policy.
 *
 * connect-src names only 'self' and the town server: the renderer may sync with its town
 * server and nothing else. antd's CSS-in-JS injects <style> tags, hence 'unsafe-inline'
 * for styles (never for scripts in production). No 'unsafe-eval' anywhere.
 *
 * shared/ has no DOM and no Node types, so there is no `URL` here: the origin is parsed
 * with a deliberately narrow grammar. Anything outside it (spaces, semicolons, quotes,
 * credentials, other schemes) throws, so a bad config can never inject a directive.
 */

export interface CspOptions {
  /**
   * Development only: the Vite dev server. Adds its WebSocket origin to connect-src (hot
   * reload) and 'unsafe-inline' to script-src (the React refresh preamble is inline).
   */
  readonly devServerUrl?: string;
}

// scheme://host[:port] followed by nothing, or by a path/query/fragment.
// host: a DNS name or IPv4 address (letters, digits, dots, hyphens) or a bracketed IPv6.
const HTTP_URL =
  /^(https?):\/\/([a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?|\[[0-9a-f:.]{2,45}\])(?::(\d{1,5}))?(?:[/?#][^\s;,'"]*)?$/i;

/** The origin (`scheme://host[:port]`, lower case, default port dropped) of an http(s) URL. */
export function httpOrigin(url: string): string {
  const match = HTTP_URL.exec(url.trim());
  const scheme = match?.[1]?.toLowerCase();
  const host = match?.[2]?.toLowerCase();
  if (scheme === undefined || host === undefined) {
    throw new Error(`not an http(s) URL: ${JSON.stringify(url)}`);
  }
  const portText = match?.[3];
  if (portText === undefined) return `${scheme}://${host}`;
  const port = Number(portText);
  if (port < 1 || port > 65535) throw new Error(`port out of range: ${JSON.stringify(url)}`);
  const defaultPort = scheme === 'https' ? 443 : 80;
  return port === defaultPort ? `${scheme}://${host}` : `${scheme}://${host}:${port}`;
}

/** The WebSocket origin matching an http(s) origin (ws:// for http, wss:// for https). */
function webSocketOrigin(origin: string): string {
  return origin.replace(/^http/, 'ws');
}

export function buildContentSecurityPolicy(
  townServerUrl: string,
  options: CspOptions = {},
): string {
  const townServer = httpOrigin(townServerUrl);
  const dev = options.devServerUrl === undefined ? undefined : httpOrigin(options.devServerUrl);

  const scriptSrc = dev === undefined ? ["'self'"] : ["'self'", "'unsafe-inline'"];
  const connectSrc =
    dev === undefined ? ["'self'", townServer] : ["'self'", townServer, dev, webSocketOrigin(dev)];

  const directives: readonly (readonly [string, readonly string[]])[] = [
    ['default-src', ["'self'"]],
    ['script-src', scriptSrc],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', [...new Set(connectSrc)]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
