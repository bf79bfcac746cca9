/**
 * The sync engine: every synced collection of the local database replicated with the town
 * server of the signed-in session, and the status the app shows. No React here.
 *
 *   const engine = new SyncEngine({ db, session });
 *   await engine.start();             // after sign-in
 *   engine.status$.subscribe(…);      // phase, online, last sync, pending uploads, problems…
 *   engine.syncNow();                 // 「立即同步」
 *   await engine.stop();              // sign-out
 *
 * Decisions:
 * - Start after sign-in; stop at sign-out. A locked screen does not stop sync (the session
 *   and its tokens stay; data keeps flowing while the office computer is locked).
 * - Offline is normal: requests wait out an exponential backoff with jitter (1 s doubling to
 *   5 min) shared by all collections; the computer coming back online or 「立即同步」 retries
 *   at once. Local changes wait as long as it takes: RxDB keeps them in its replication
 *   metadata, and nothing expires.
 * - A 401 gets one more try with a token asked of the session again; then the engine halts
 *   ('needs-sign-in'). 426 halts with 「请更新软件」 ('outdated'). A session that cannot get a
 *   token at all (demo data, offline sign-in) halts calmly ('not-signed-in').
 * - Live streams: browsers open at most six HTTP/1.1 connections per server, and each live
 *   stream holds one. So only the busiest collections (`STREAMED_COLLECTIONS`) have a live
 *   stream; the others catch up every `pollMs`, after every reconnect, when the computer comes
 *   back online and on 「立即同步」.
 * - One window syncs a database at a time (RxDB leader election); another window shows
 *   'standby' and the shared lists (problems, conflicts, last sync).
 */
import {
  addRxPlugin,
  type RxCollection,
  type RxDatabase,
  type RxReplicationPullStreamItem,
} from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import {
  BehaviorSubject,
  combineLatest,
  debounceTime,
  distinctUntilChanged,
  map,
  merge,
  of,
  Subject,
  switchMap,
  type Observable,
  type Subscription,
} from 'rxjs';
import type { Principal } from '../../../shared/auth/roles.ts';
import { COLLECTION_NAMES, type CollectionName } from '../../../shared/collections/plan.ts';
import type { AppError, Result } from '../../../shared/errors.ts';
import {
  MAX_PULL_BATCH,
  type SyncCheckpoint,
  type SyncCollectionInfo,
} from '../../../shared/sync/protocol.ts';
import { resolveConflict } from '../../../shared/sync/merge.ts';
import type { BackoffOptions } from './backoff.ts';
import { Connection, SYSTEM_CLOCK, type Clock } from './connection.ts';
import { applyLocalVersion, keepServerVersion } from './conflicts.ts';
import { countPendingUploads, countServerDocumentsHeld } from './replication-meta.ts';
import {
  stalledUpload,
  startCollectionReplication,
  type CollectionReplication,
  type Doc,
  type RxCollectionReplication,
} from './replication.ts';
import {
  initialSyncStatus,
  reduceSyncStatus,
  type HaltReason,
  type SyncStatus,
  type SyncStatusEvent,
  type SyncStatusState,
} from './status.ts';
import {
  clearProblems,
  conflicts$,
  dismissProblem,
  labelOf,
  markFirstSyncDone,
  problems$,
  readSyncState,
  recordConflict,
  recordProblems,
  writeLastSyncedAt,
  type LocalDocumentHost,
  type NewProblem,
  type SyncConflict,
  type SyncProblem,
} from './stores.ts';
import { startLiveStream, type LiveStream, type StreamItem } from './stream.ts';
import { isTransient, SyncRequestError, SyncTransport, type Fetch } from './transport.ts';

/** What the engine needs of a session (renderer/src/auth/session.ts `Session`). */
export interface SyncSession {
  readonly principal: Principal;
  readonly serverUrl: string;
  /** A valid token; `{ renew: true }` fetches a new one even if this one looks valid. */
  accessToken(options?: { readonly renew?: boolean }): Promise<Result<string>>;
  /** Demo mode: sample data that never syncs. */
  readonly demo?: true;
}

/** Whether the computer has a network, and its changes (navigator.onLine and its events). */
export interface NetworkEnvironment {
  isOnline(): boolean;
  onChange(listener: (online: boolean) => void): () => void;
}

export const BROWSER_NETWORK: NetworkEnvironment = {
  isOnline: () => typeof navigator === 'undefined' || navigator.onLine,
  onChange(listener) {
    if (typeof window === 'undefined') return () => undefined;
    const online = (): void => {
      listener(true);
    };
    const offline = (): void => {
      listener(false);
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  },
};

/** The database the engine syncs: any of the shared collections, and local documents. */
export type SyncDatabase = LocalDocumentHost &
  Pick<RxDatabase, 'multiInstance' | 'waitForLeadership'> & {
    readonly collections: { readonly [name: string]: RxCollection | undefined };
  };

/** Collections with a live stream (each holds one of the browser's six connections). */
export const STREAMED_COLLECTIONS: readonly CollectionName[] = [
  'residents',
  'households',
  'events',
];

/** How often collections without a live stream catch up. */
export const POLL_MS = 60_000;

/**
 * Documents per pull request: the server's largest page. A first sync of a large village
 * (340,000 documents) is then 340 round trips and writes instead of 1,700, and a page of a
 * thousand still moves the progress bar every second or two.
 */
export const PULL_BATCH_SIZE = MAX_PULL_BATCH;

export interface SyncEngineOptions {
  readonly db: SyncDatabase;
  readonly session: SyncSession;
  readonly fetch?: Fetch;
  readonly network?: NetworkEnvironment;
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly backoff?: BackoffOptions;
  readonly pullBatchSize?: number;
  readonly streamed?: readonly CollectionName[];
  readonly pollMs?: number;
  /** RxDB's pause after a failed request before it asks again (the backoff decides more). */
  readonly retryMs?: number;
  /** How long a live stream may stay silent before it is reopened. */
  readonly silenceMs?: number;
  /** The client's schema versions (tests of the update handshake). */
  readonly schemaVersions?: { readonly [C in CollectionName]: number };
}

interface Replicated {
  readonly name: CollectionName;
  readonly identifier: string;
  readonly replication: RxCollectionReplication;
  readonly isRefusedVersion: CollectionReplication['isRefusedVersion'];
  readonly stream: LiveStream | undefined;
  readonly streamItems: Subject<RxReplicationPullStreamItem<Doc, SyncCheckpoint>> | undefined;
}

/** The replication identifier: server, and the account's scope (village or township). */
export function replicationIdentifier(
  serverUrl: string,
  principal: Principal,
  collection: CollectionName,
): string {
  const scope = principal.villageCode ?? `township-${principal.townshipCode}`;
  return `village-credit|${serverUrl}|${scope}|${collection}`;
}

export class SyncEngine {
  readonly #db: SyncDatabase;
  readonly #session: SyncSession;
  readonly #options: SyncEngineOptions;
  readonly #clock: Clock;
  readonly #network: NetworkEnvironment;
  readonly #abort = new AbortController();
  readonly #connection: Connection;
  readonly #transport: SyncTransport;
  readonly #state: BehaviorSubject<SyncStatusState>;
  readonly #subscriptions: Subscription[] = [];
  /** The problem and conflict counts, kept until stop() (a halted engine still shows them). */
  readonly #storeSubscriptions: Subscription[] = [];
  /** Collections whose replication has not finished its initial pass of this run. */
  readonly #initialPending = new Set<CollectionName>();
  readonly #cleanups: (() => void)[] = [];
  readonly #replicated = new Map<CollectionName, Replicated>();
  readonly #problemKeys = new Set<string>();
  readonly #serverInfo = new Map<CollectionName, SyncCollectionInfo>();
  /** Collections still in their first sync → server documents held so far. */
  readonly #firstSync = new Map<CollectionName, number>();
  readonly #replicationList = new BehaviorSubject<readonly RxCollectionReplication[]>([]);
  readonly #pendingRecount = new Subject<void>();
  readonly #heldRecount = new Subject<CollectionName>();
  #started = false;
  #ended = false;
  #outdating = false;
  #pollTimer: ReturnType<typeof setInterval> | undefined;

  constructor(options: SyncEngineOptions) {
    this.#options = options;
    this.#db = options.db;
    this.#session = options.session;
    this.#clock = options.clock ?? SYSTEM_CLOCK;
    this.#network = options.network ?? BROWSER_NETWORK;
    this.#connection = new Connection({
      clock: this.#clock,
      ...(options.random === undefined ? {} : { random: options.random }),
      ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
    });
    this.#transport = new SyncTransport({
      serverUrl: options.session.serverUrl,
      fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
      accessToken: (renew) => options.session.accessToken(renew),
      signal: this.#abort.signal,
      ...(options.schemaVersions === undefined ? {} : { schemaVersions: options.schemaVersions }),
    });
    this.#state = new BehaviorSubject(initialSyncStatus(this.#network.isOnline()));
  }

  /** The status, now and at every change. */
  get status$(): Observable<SyncStatus> {
    return this.#state.pipe(
      map((s) => s.status),
      distinctUntilChanged(),
    );
  }

  get status(): SyncStatus {
    return this.#state.getValue().status;
  }

  get problems$(): Observable<readonly SyncProblem[]> {
    return problems$(this.#db);
  }

  get conflicts$(): Observable<readonly SyncConflict[]> {
    return conflicts$(this.#db);
  }

  /** The collections being replicated (those of the database, minus refused ones). */
  get collections(): readonly CollectionName[] {
    return [...this.#replicated.keys()];
  }

  async start(): Promise<void> {
    if (this.#started || this.#ended) return;
    this.#started = true;
    this.#dispatch({ type: 'starting' });
    this.#watchStores();
    if (this.#session.demo === true) {
      // Sample data never syncs: no replication, no request.
      await this.#halt('not-signed-in', { code: 'sync.not-signed-in' });
      return;
    }
    this.#watchNetwork();
    const state = await readSyncState(this.#db);
    if (this.#isEnded()) return;
    this.#dispatch({ type: 'last-synced', at: state.lastSyncedAt });

    if (this.#db.multiInstance) {
      this.#dispatch({ type: 'standby' });
      addRxPlugin(RxDBLeaderElectionPlugin);
      await this.#db.waitForLeadership();
      if (this.#isEnded()) return;
    }
    this.#dispatch({ type: 'running' });

    const names = COLLECTION_NAMES.filter((name) => this.#db.collections[name] !== undefined);
    for (const name of names) this.#replicate(name, state.firstSyncDone);
    this.#watchReplications();
    void this.#loadServerInfo();
    const pollMs = this.#options.pollMs ?? POLL_MS;
    this.#pollTimer = setInterval(() => {
      if (this.#connection.health.kind === 'ok') this.#resyncPolled();
    }, pollMs);
  }

  /** Ends sync (sign-out). Local data, problems and conflicts stay. */
  async stop(): Promise<void> {
    await this.#end();
    this.#dispatch({ type: 'stopped' });
    for (const s of this.#storeSubscriptions.splice(0)) s.unsubscribe();
  }

  /** 「立即同步」: retry now, and catch up every collection. */
  syncNow(): void {
    if (this.#isEnded() || !this.#started) return;
    this.#connection.wake();
    for (const r of this.#replicated.values()) {
      r.replication.reSync();
      r.stream?.reconnect();
    }
  }

  /**
   * Resolves once every replication has pulled and pushed everything it knows of (tests, and
   * the 「立即同步」 button's feedback). While the server is unreachable it keeps waiting.
   */
  async awaitInSync(): Promise<void> {
    await Promise.all([...this.#replicated.values()].map((r) => r.replication.awaitInSync()));
  }

  dismissProblem(key: string): Promise<void> {
    return dismissProblem(this.#db, key);
  }

  /** 「保留服务器版本」 */
  chooseServerVersion(conflict: SyncConflict): Promise<void> {
    return keepServerVersion(this.#db, conflict);
  }

  /** 「使用本机版本」: this device's values become a new edit, pushed next. */
  chooseLocalVersion(conflict: SyncConflict): Promise<void> {
    return applyLocalVersion(this.#db, conflict, {
      userId: this.#session.principal.userId,
      now: this.#clock.now(),
    });
  }

  // --- Setting up ------------------------------------------------------------------------

  #replicate(name: CollectionName, firstSyncDone: readonly string[]): void {
    const collection = this.#db.collections[name] as RxCollection<Doc> | undefined;
    if (collection === undefined) return;
    const identifier = replicationIdentifier(
      this.#session.serverUrl,
      this.#session.principal,
      name,
    );
    const streamed = (this.#options.streamed ?? STREAMED_COLLECTIONS).includes(name);
    const streamItems = streamed
      ? new Subject<RxReplicationPullStreamItem<Doc, SyncCheckpoint>>()
      : undefined;
    const { state: replication, isRefusedVersion } = startCollectionReplication({
      name,
      collection,
      identifier,
      transport: this.#transport,
      connection: this.#connection,
      ...(streamItems === undefined ? {} : { stream$: streamItems.asObservable() }),
      pullBatchSize: Math.min(this.#options.pullBatchSize ?? PULL_BATCH_SIZE, MAX_PULL_BATCH),
      retryMs: this.#options.retryMs ?? 500,
      onRejected: (problems) => {
        this.#recordProblems(problems);
      },
      onLanded: (ids) => {
        this.#clearLanded(name, ids);
      },
      onFatal: (error) => {
        this.#fatal(error, name);
      },
    });
    const stream =
      streamItems === undefined
        ? undefined
        : startLiveStream({
            transport: this.#transport,
            connection: this.#connection,
            collection: name,
            onItem: (item) => {
              streamItems.next(toPullStreamItem(item));
            },
            onFatal: (error) => {
              this.#fatal(error, name);
            },
            now: () => this.#clock.now(),
            ...(this.#options.silenceMs === undefined
              ? {}
              : { silenceMs: this.#options.silenceMs }),
          });
    this.#replicated.set(name, {
      name,
      identifier,
      replication,
      isRefusedVersion,
      stream,
      streamItems,
    });

    this.#subscriptions.push(
      replication.error$.subscribe((error) => {
        const stalled = stalledUpload(name, error);
        if (stalled !== undefined) {
          console.error(`the upload of ${name}/${stalled.id} stalled`, error);
          this.#recordProblems([stalled]);
          return;
        }
        // Request failures are already counted by the connection; this is RxDB's own account.
        console.debug(`sync ${name}: ${error.code}`);
      }),
      replication.conflict$.subscribe((conflict) => {
        const input = {
          realMasterState: conflict.input.realMasterState,
          newDocumentState: conflict.input.newDocumentState,
          ...(conflict.input.assumedMasterState === undefined
            ? {}
            : { assumedMasterState: conflict.input.assumedMasterState }),
        };
        // Going back to the server's version after a refusal is listed as a problem instead.
        if (isRefusedVersion(input.newDocumentState)) return;
        const { conflictingFields } = resolveConflict(name, input);
        if (conflictingFields.length === 0) return;
        void recordConflict(this.#db, {
          collection: name,
          id: input.realMasterState.id,
          label: labelOf(input.newDocumentState) || labelOf(input.realMasterState),
          fields: conflictingFields,
          server: input.realMasterState,
          local: input.newDocumentState,
          at: this.#clock.now(),
        }).catch((error: unknown) => {
          console.error(
            `recording the conflict of ${name}/${input.realMasterState.id} failed`,
            error,
          );
        });
      }),
      merge(
        replication.sent$,
        replication.received$,
        replication.conflict$,
        collection.$,
      ).subscribe(() => {
        this.#pendingRecount.next();
      }),
    );

    if (!firstSyncDone.includes(identifier)) {
      this.#firstSync.set(name, 0);
      this.#subscriptions.push(
        replication.received$.subscribe(() => {
          this.#heldRecount.next(name);
        }),
      );
      this.#heldRecount.next(name);
      replication
        .awaitInitialReplication()
        .then(async () => {
          if (this.#isEnded()) return;
          await markFirstSyncDone(this.#db, identifier);
          this.#firstSync.delete(name);
          this.#publishFirstSync();
        })
        .catch((error: unknown) => {
          console.error(`first sync of ${name} did not complete`, error);
        });
    }
  }

  #watchReplications(): void {
    this.#replicationList.next([...this.#replicated.values()].map((r) => r.replication));
    // Work running: any replication active (the list changes when one is left out), or a
    // request in flight.
    const active$ = combineLatest([
      this.#replicationList.pipe(
        switchMap((list) =>
          list.length === 0
            ? of(false)
            : combineLatest(list.map((r) => r.active$)).pipe(map((flags) => flags.some(Boolean))),
        ),
      ),
      this.#connection.inFlight$.pipe(map((n) => n > 0)),
    ]).pipe(map(([replicating, requesting]) => replicating || requesting));

    this.#subscriptions.push(
      active$.pipe(distinctUntilChanged()).subscribe((busy) => {
        this.#dispatch({ type: 'busy', busy });
        if (!busy) this.#pendingRecount.next();
      }),
      this.#connection.health$.subscribe((health) => {
        const previous = this.#state.getValue().health;
        this.#dispatch({ type: 'health', health });
        // Back after failures: collections without a live stream catch up now.
        if (previous.kind === 'failing' && health.kind === 'ok') this.#resyncPolled();
      }),
      // In sync: nothing running, the server answering, every first sync done.
      combineLatest([active$, this.#connection.health$])
        .pipe(debounceTime(300))
        .subscribe(([busy, health]) => {
          const state = this.#state.getValue();
          if (busy || health.kind !== 'ok' || !state.initialSyncDone) return;
          const at = this.#clock.now();
          this.#dispatch({ type: 'in-sync', at });
          writeLastSyncedAt(this.#db, at).catch((error: unknown) => {
            console.error('saving the last sync time failed', error);
          });
        }),
      this.#pendingRecount.pipe(debounceTime(400)).subscribe(() => {
        void this.#countPending();
      }),
      this.#heldRecount.pipe(debounceTime(250)).subscribe(() => {
        void this.#countHeld();
      }),
    );
    this.#pendingRecount.next();
    if (this.#replicated.size === 0) this.#dispatch({ type: 'initial-sync-done' });
    for (const r of this.#replicated.values()) {
      this.#initialPending.add(r.name);
      r.replication
        .awaitInitialReplication()
        .then(() => {
          this.#initialPassDone(r.name);
        })
        .catch((error: unknown) => {
          console.error(`the initial sync of ${r.name} did not complete`, error);
        });
    }
  }

  #initialPassDone(name: CollectionName): void {
    if (!this.#initialPending.delete(name) || this.#isEnded()) return;
    if (this.#initialPending.size === 0) this.#dispatch({ type: 'initial-sync-done' });
  }

  #watchStores(): void {
    this.#storeSubscriptions.push(
      problems$(this.#db).subscribe({
        next: (problems) => {
          this.#problemKeys.clear();
          for (const p of problems) this.#problemKeys.add(p.key);
          this.#dispatch({ type: 'problems', count: problems.length });
        },
        error: (error: unknown) => {
          console.error('reading sync problems failed', error);
        },
      }),
      conflicts$(this.#db).subscribe({
        next: (conflicts) => {
          this.#dispatch({ type: 'conflicts', count: conflicts.length });
        },
        error: (error: unknown) => {
          console.error('reading sync conflicts failed', error);
        },
      }),
    );
  }

  #watchNetwork(): void {
    this.#cleanups.push(
      this.#network.onChange((online) => {
        this.#dispatch({ type: 'online', online });
        if (online) this.syncNow();
      }),
    );
  }

  /** The server's collection list: versions (update needed?) and first-sync totals. */
  async #loadServerInfo(): Promise<void> {
    for (;;) {
      try {
        await this.#connection.ready();
        const info = await this.#connection.track(() => this.#transport.collections());
        this.#connection.succeeded();
        for (const c of info.collections) this.#serverInfo.set(c.name, c);
        break;
      } catch (error) {
        if (this.#isEnded()) return;
        if (!(error instanceof SyncRequestError)) {
          console.error('reading the server’s collections failed', error);
          return;
        }
        if (error.kind === 'stopped') return;
        if (isTransient(error.kind)) {
          this.#connection.failed(error.error);
          continue;
        }
        this.#fatal(error);
        return;
      }
    }
    for (const name of [...this.#replicated.keys()]) {
      const server = this.#serverInfo.get(name);
      if (server === undefined) {
        // Not this account's to sync (the register for a bank liaison, say).
        this.#dispatch({ type: 'refused', collection: name, error: { code: 'auth.forbidden' } });
        void this.#leaveOut(name);
        continue;
      }
      const clientVersion = this.#transport.schemaVersion(name);
      if (server.schemaVersion === clientVersion) continue;
      const params = { collection: name, clientVersion, serverVersion: server.schemaVersion };
      if (server.schemaVersion > clientVersion) {
        void this.#halt('outdated', { code: 'sync.client-outdated', params });
      } else {
        void this.#halt('server-outdated', { code: 'sync.server-outdated', params });
      }
      return;
    }
    this.#publishFirstSync();
  }

  // --- Counting ----------------------------------------------------------------------------

  async #countPending(): Promise<void> {
    if (this.#isEnded()) return;
    let total = 0;
    try {
      for (const r of this.#replicated.values()) {
        await r.replication.startPromise;
        const state = r.replication.internalReplicationState;
        if (state === undefined || this.#isEnded()) return;
        total += await countPendingUploads(state);
      }
    } catch (error) {
      if (this.#isEnded()) return;
      console.error('counting pending uploads failed', error);
      return;
    }
    if (!this.#isEnded()) this.#dispatch({ type: 'pending', count: total });
  }

  async #countHeld(): Promise<void> {
    try {
      for (const name of [...this.#firstSync.keys()]) {
        const r = this.#replicated.get(name);
        if (r === undefined || this.#isEnded()) continue;
        await r.replication.startPromise;
        const state = r.replication.internalReplicationState;
        if (state === undefined || this.#isEnded()) return;
        const held = await countServerDocumentsHeld(state);
        if (this.#firstSync.has(name)) this.#firstSync.set(name, held);
      }
    } catch (error) {
      if (this.#isEnded()) return;
      console.error('counting first-sync progress failed', error);
      return;
    }
    this.#publishFirstSync();
  }

  #publishFirstSync(): void {
    if (this.#isEnded()) return;
    if (this.#firstSync.size === 0) {
      this.#dispatch({ type: 'first-sync', progress: null });
      return;
    }
    let pulled = 0;
    let total: number | null = 0;
    for (const [name, held] of this.#firstSync) {
      const server = this.#serverInfo.get(name);
      if (server === undefined) total = null;
      else if (total !== null) total += server.documents;
      pulled += server === undefined ? held : Math.min(held, server.documents);
    }
    this.#dispatch({ type: 'first-sync', progress: { pulled, total } });
  }

  // --- Problems ----------------------------------------------------------------------------

  #recordProblems(problems: readonly NewProblem[]): void {
    for (const p of problems) {
      console.warn(`sync problem with ${p.collection}/${p.id}: ${p.code}`, p.params);
    }
    recordProblems(this.#db, problems, this.#clock.now()).catch((error: unknown) => {
      console.error('recording sync problems failed', error, problems);
    });
  }

  #clearLanded(name: CollectionName, ids: readonly string[]): void {
    const listed = ids.filter((id) => this.#problemKeys.has(`${name}/${id}`));
    if (listed.length === 0) return;
    clearProblems(this.#db, name, listed).catch((error: unknown) => {
      console.error('clearing sync problems failed', error);
    });
  }

  // --- Failures ----------------------------------------------------------------------------

  #fatal(error: SyncRequestError, collection?: CollectionName): void {
    if (this.#isEnded()) return;
    switch (error.kind) {
      case 'not-signed-in':
        void this.#halt('not-signed-in', error.error);
        break;
      case 'unauthorized':
        void this.#halt('needs-sign-in', error.error);
        break;
      case 'outdated':
        void this.#haltOutdated(collection);
        break;
      case 'server-outdated':
        void this.#halt('server-outdated', this.#versionError('sync.server-outdated', collection));
        break;
      case 'refused':
        if (collection === undefined) {
          console.error('the town server refused a sync request', error);
          break;
        }
        console.warn(`the town server refuses ${collection} to this account`, error.error);
        this.#dispatch({ type: 'refused', collection, error: error.error });
        void this.#leaveOut(collection);
        break;
      default:
        console.error('unexpected sync failure', error);
    }
  }

  async #haltOutdated(collection: CollectionName | undefined): Promise<void> {
    if (this.#outdating) return;
    this.#outdating = true;
    // The 426 body has no versions: ask the server's list (it needs no version header).
    if (collection !== undefined && !this.#serverInfo.has(collection)) {
      try {
        const info = await this.#transport.collections();
        for (const c of info.collections) this.#serverInfo.set(c.name, c);
      } catch (error) {
        if (!this.#isEnded()) console.warn('reading the server’s data versions failed', error);
      }
    }
    await this.#halt('outdated', this.#versionError('sync.client-outdated', collection));
  }

  #versionError(
    code: 'sync.client-outdated' | 'sync.server-outdated',
    collection: CollectionName | undefined,
  ): AppError {
    if (collection === undefined) return { code, params: {} };
    const server = this.#serverInfo.get(collection);
    return {
      code,
      params: {
        collection,
        clientVersion: this.#transport.schemaVersion(collection),
        serverVersion: server?.schemaVersion ?? '?',
      },
    };
  }

  async #leaveOut(name: CollectionName): Promise<void> {
    const r = this.#replicated.get(name);
    if (r === undefined) return;
    this.#replicated.delete(name);
    this.#replicationList.next([...this.#replicated.values()].map((x) => x.replication));
    this.#firstSync.delete(name);
    this.#initialPassDone(name);
    r.stream?.stop();
    r.streamItems?.complete();
    await r.replication.cancel();
    this.#publishFirstSync();
  }

  async #halt(reason: HaltReason, error: AppError): Promise<void> {
    if (this.#isEnded()) return;
    console.warn(`sync halted: ${reason}`, error);
    this.#dispatch({ type: 'halted', reason, error });
    await this.#end();
  }

  async #end(): Promise<void> {
    if (this.#isEnded()) return;
    this.#ended = true;
    if (this.#pollTimer !== undefined) clearInterval(this.#pollTimer);
    this.#abort.abort();
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    const replicated = [...this.#replicated.values()];
    for (const r of replicated) {
      r.stream?.stop();
      r.streamItems?.complete();
    }
    this.#connection.close();
    await Promise.all(
      replicated.map((r) =>
        r.replication.cancel().catch((error: unknown) => {
          console.error(`stopping the sync of ${r.name} failed`, error);
        }),
      ),
    );
    for (const s of this.#subscriptions.splice(0)) s.unsubscribe();
  }

  #resyncPolled(): void {
    for (const r of this.#replicated.values()) {
      if (r.stream === undefined) r.replication.reSync();
    }
  }

  /** Read through a method: the engine may end while any await is pending. */
  #isEnded(): boolean {
    return this.#ended;
  }

  #dispatch(event: SyncStatusEvent): void {
    const state = this.#state.getValue();
    const next = reduceSyncStatus(state, event);
    if (next !== state) this.#state.next(next);
  }
}

function toPullStreamItem(item: StreamItem): RxReplicationPullStreamItem<Doc, SyncCheckpoint> {
  if (item === 'RESYNC' || item.checkpoint === null) return 'RESYNC';
  return { documents: [...item.documents], checkpoint: item.checkpoint };
}
