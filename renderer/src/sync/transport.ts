/**
 * The sync requests of the HTTP contract (shared/sync/protocol.ts), with every failure sorted
 * into what the engine does next (`SyncRequestError.kind`):
 *
 * - 'network': the server was not reached (offline, refused, DNS, timeout) → retry with backoff.
 * - 'server': 5xx, 429, or an answer that is not a town server's → retry with backoff.
 * - 'unauthorized': 401 even after asking the session for a fresh token once, a refused
 *   refresh, or a revoked device → stop; the user signs in again.
 * - 'not-signed-in': the session has no way to get a token (demo data, offline sign-in) → stop
 *   calmly.
 * - 'outdated': 426, the server's data version is newer → stop; 「请更新软件」.
 * - 'server-outdated': 409 sync.server-outdated → stop; the server must be upgraded.
 * - 'refused': any other coded 4xx (bad request, too large, forbidden) → the caller decides
 *   (a push batch is split to find the row; a pull of a collection this account may not read
 *   leaves that collection out).
 * - 'stopped': the engine stopped while the request ran.
 */
import { field } from '../../../shared/json.ts';
import type { CollectionName } from '../../../shared/collections/plan.ts';
import { schemaVersions } from '../../../shared/collections/index.ts';
import {
  isErrorCode,
  type AppError,
  type ErrorParams,
  type Result,
} from '../../../shared/errors.ts';
import {
  PATHS,
  SCHEMA_VERSION_HEADER,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type RejectedRow,
  type SyncCheckpoint,
  type SyncCollectionInfo,
  type SyncCollectionsResponse,
  type SyncDocument,
} from '../../../shared/sync/protocol.ts';

/** `fetch`, passed in (the app's window.fetch; Node's in integration tests). */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export type FailureKind =
  | 'network'
  | 'server'
  | 'unauthorized'
  | 'not-signed-in'
  | 'outdated'
  | 'server-outdated'
  | 'refused'
  | 'stopped';

export class SyncRequestError extends Error {
  readonly kind: FailureKind;
  readonly error: AppError;
  readonly status: number | null;
  constructor(kind: FailureKind, error: AppError, status: number | null = null) {
    super(`${kind}: ${error.code}`);
    this.name = 'SyncRequestError';
    this.kind = kind;
    this.error = error;
    this.status = status;
  }
}

/** Whether a failure is worth retrying later with backoff. */
export function isTransient(kind: FailureKind): boolean {
  return kind === 'network' || kind === 'server';
}

export interface TransportOptions {
  /** The town server's origin, no trailing slash. */
  readonly serverUrl: string;
  readonly fetch: Fetch;
  /**
   * The session's token source: refreshes when the token is about to expire, and fetches a
   * new one with `{ renew: true }` (after the server refused the one given).
   */
  readonly accessToken: (options?: { readonly renew?: boolean }) => Promise<Result<string>>;
  /** Aborts every request when the engine stops. */
  readonly signal: AbortSignal;
  /** How long a pull, push or the collections request may take. */
  readonly timeoutMs?: number;
  /** The client's schema version per collection; default the shared collections'. */
  readonly schemaVersions?: { readonly [C in CollectionName]: number };
}

export const REQUEST_TIMEOUT_MS = 60_000;

export class SyncTransport {
  readonly #options: TransportOptions;
  readonly #versions: { readonly [C in CollectionName]: number };

  constructor(options: TransportOptions) {
    this.#options = options;
    this.#versions = options.schemaVersions ?? schemaVersions();
  }

  get serverUrl(): string {
    return this.#options.serverUrl;
  }

  schemaVersion(collection: CollectionName): number {
    return this.#versions[collection];
  }

  async collections(): Promise<SyncCollectionsResponse> {
    const response = await this.#send(PATHS.collections, { method: 'GET' });
    return this.#parse(response, parseCollectionsResponse);
  }

  async pull(
    collection: CollectionName,
    checkpoint: SyncCheckpoint | undefined,
    batchSize: number,
  ): Promise<PullResponse> {
    const query = new URLSearchParams({ batchSize: String(batchSize) });
    if (checkpoint !== undefined) query.set('checkpoint', String(checkpoint.seq));
    const response = await this.#send(
      `${PATHS.pull(collection)}?${query.toString()}`,
      { method: 'GET' },
      collection,
    );
    return this.#parse(response, parsePullResponse);
  }

  async push(collection: CollectionName, rows: readonly PushRow[]): Promise<PushResponse> {
    const response = await this.#send(
      PATHS.push(collection),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rows),
      },
      collection,
    );
    return this.#parse(response, parsePushResponse);
  }

  /** Opens the live stream; the body is read by stream.ts. No timeout: it stays open. */
  async openStream(
    collection: CollectionName,
    signal: AbortSignal,
  ): Promise<ReadableStream<Uint8Array>> {
    const response = await this.#send(
      PATHS.stream(collection),
      { method: 'GET', headers: { accept: 'text/event-stream' } },
      collection,
      signal,
    );
    const type = response.headers.get('content-type') ?? '';
    if (response.body === null || !type.startsWith('text/event-stream')) {
      await response.body?.cancel().catch(() => undefined);
      console.error(`sync stream of ${collection}: not an event stream (${type})`);
      throw new SyncRequestError('server', serverError(response.status), response.status);
    }
    return response.body;
  }

  async #token(renew = false): Promise<string> {
    const token = await this.#options.accessToken(renew ? { renew } : undefined);
    if (token.ok) return token.value;
    const { error } = token;
    switch (error.code) {
      case 'sync.not-signed-in':
        throw new SyncRequestError('not-signed-in', error);
      case 'sync.server-unreachable':
        throw new SyncRequestError('network', error);
      case 'sync.server-error':
        throw new SyncRequestError('server', error);
      default:
        throw new SyncRequestError('unauthorized', error);
    }
  }

  /** One request, with the token; a 401 gets one more try with a renewed token. */
  async #send(
    path: string,
    init: RequestInit,
    collection?: CollectionName,
    streamSignal?: AbortSignal,
  ): Promise<Response> {
    const first = await this.#token();
    let response = await this.#fetch(path, init, first, collection, streamSignal);
    if (response.status === 401) {
      await discard(response);
      const second = await this.#token(true);
      if (second !== first) {
        response = await this.#fetch(path, init, second, collection, streamSignal);
      } else {
        throw new SyncRequestError('unauthorized', { code: 'auth.token-invalid' }, 401);
      }
    }
    if (response.ok) return response;
    const body = await readJson(response);
    throw classifyFailure(response.status, body, this.#options.serverUrl);
  }

  async #fetch(
    path: string,
    init: RequestInit,
    token: string,
    collection: CollectionName | undefined,
    streamSignal: AbortSignal | undefined,
  ): Promise<Response> {
    const { signal, serverUrl } = this.#options;
    if (signal.aborted) throw stopped();
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    if (collection !== undefined) {
      headers.set(SCHEMA_VERSION_HEADER, String(this.#versions[collection]));
    }
    const signals = [signal];
    if (streamSignal !== undefined) signals.push(streamSignal);
    else signals.push(AbortSignal.timeout(this.#options.timeoutMs ?? REQUEST_TIMEOUT_MS));
    try {
      return await this.#options.fetch(`${serverUrl}${path}`, {
        ...init,
        headers,
        credentials: 'omit',
        cache: 'no-store',
        signal: AbortSignal.any(signals),
      });
    } catch (error) {
      if (isAborted(signal)) throw stopped();
      // TypeError (refused, DNS, CSP, CORS, offline) or the timeout: the server is not reached.
      console.warn(`town server ${serverUrl} not reached (${path})`, error);
      throw new SyncRequestError('network', {
        code: 'sync.server-unreachable',
        params: { url: serverUrl },
      });
    }
  }

  async #parse<T>(response: Response, parse: (body: unknown) => T | undefined): Promise<T> {
    const body = await readJson(response);
    const value = parse(body);
    if (value === undefined) {
      console.error(`town server answer to ${response.url} does not match the contract`, body);
      throw new SyncRequestError('server', serverError(response.status), response.status);
    }
    return value;
  }
}

/** Read through a function: the signal may abort while the request runs. */
function isAborted(signal: AbortSignal): boolean {
  return signal.aborted;
}

function stopped(): SyncRequestError {
  return new SyncRequestError('stopped', { code: 'sync.server-unreachable' });
}

function serverError(status: number): AppError {
  return { code: 'sync.server-error', params: { status } };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/**
 * What a non-2xx answer means for sync (pure; the body is the parsed JSON or undefined).
 * Town server errors are `{ error: { code, message } }`; anything else (a proxy's page) is
 * treated as a server failure.
 */
export function classifyFailure(
  status: number,
  body: unknown,
  serverUrl: string,
): SyncRequestError {
  const rawCode = field(field(body, 'error'), 'code');
  const code = isErrorCode(rawCode) ? rawCode : undefined;
  if (code === undefined || status >= 500 || status === 429 || status === 408) {
    return new SyncRequestError('server', serverError(status), status);
  }
  const params: ErrorParams = { url: serverUrl };
  if (status === 426 || code === 'sync.client-outdated') {
    return new SyncRequestError('outdated', { code: 'sync.client-outdated', params }, status);
  }
  if (code === 'sync.server-outdated') {
    return new SyncRequestError('server-outdated', { code, params }, status);
  }
  if (status === 401 || code === 'auth.device-revoked' || code === 'auth.user-disabled') {
    return new SyncRequestError('unauthorized', { code, params }, status);
  }
  return new SyncRequestError('refused', { code, params }, status);
}

// --- Answers, checked against the contract --------------------------------------------------

function isSyncDocument(value: unknown): value is SyncDocument {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof field(value, 'id') === 'string' &&
    typeof field(value, '_deleted') === 'boolean'
  );
}

function parseCheckpoint(value: unknown): SyncCheckpoint | null | undefined {
  if (value === null) return null;
  const seq = field(value, 'seq');
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0 ? { seq } : undefined;
}

export function parsePullResponse(body: unknown): PullResponse | undefined {
  const documents = field(body, 'documents');
  const checkpoint = parseCheckpoint(field(body, 'checkpoint'));
  if (!Array.isArray(documents) || !documents.every(isSyncDocument) || checkpoint === undefined) {
    return undefined;
  }
  if (documents.length > 0 && checkpoint === null) return undefined;
  return { documents, checkpoint };
}

function parseRejected(value: unknown): RejectedRow | undefined {
  const id = field(value, 'id');
  const code = field(value, 'code');
  const params = field(value, 'params');
  const message = field(value, 'message');
  if (typeof id !== 'string' || !isErrorCode(code) || typeof message !== 'string') return undefined;
  const goodParams =
    typeof params === 'object' &&
    params !== null &&
    Object.values(params).every((v) => typeof v === 'string' || typeof v === 'number');
  return { id, code, params: goodParams ? (params as ErrorParams) : {}, message };
}

export function parsePushResponse(body: unknown): PushResponse | undefined {
  const conflicts = field(body, 'conflicts');
  const rejected = field(body, 'rejected');
  if (!Array.isArray(conflicts) || !conflicts.every(isSyncDocument) || !Array.isArray(rejected)) {
    return undefined;
  }
  const rows: RejectedRow[] = [];
  for (const value of rejected) {
    const row = parseRejected(value);
    if (row === undefined) return undefined;
    rows.push(row);
  }
  return { conflicts, rejected: rows };
}

export function parseCollectionsResponse(body: unknown): SyncCollectionsResponse | undefined {
  const collections = field(body, 'collections');
  if (!Array.isArray(collections)) return undefined;
  const infos: SyncCollectionInfo[] = [];
  for (const value of collections) {
    const name = field(value, 'name');
    const schemaVersion = field(value, 'schemaVersion');
    const owner = field(value, 'owner');
    const documents = field(value, 'documents');
    if (
      typeof name !== 'string' ||
      typeof schemaVersion !== 'number' ||
      (owner !== 'village' && owner !== 'township') ||
      typeof documents !== 'number'
    ) {
      return undefined;
    }
    // A collection this app does not know (a newer server) is not ours to sync.
    infos.push({ name: name as CollectionName, schemaVersion, owner, documents });
  }
  return { collections: infos };
}
