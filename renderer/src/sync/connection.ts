/**
 * The device's connection to the town server, shared by every replication and live stream of
 * one engine: one backoff for all of them (when the server is down, twelve collections do not
 * each hammer it), the health the status shows, and how many requests are running.
 *
 * Every request first awaits `ready()`: at once while the server answers, else when the
 * backoff delay after the last failure has passed — or earlier when `wake()` is called
 * (「立即同步」, the computer coming back online). `close()` ends every wait with a
 * SyncRequestError of kind 'stopped'.
 */
import { BehaviorSubject, type Observable } from 'rxjs';
import type { AppError } from '../../../shared/errors.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import type { ConnectionHealth } from './status.ts';
import { SyncRequestError } from './transport.ts';

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => {
    globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>);
  },
};

export interface ConnectionOptions {
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly backoff?: BackoffOptions;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class Connection {
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #backoff: BackoffOptions;
  readonly #health = new BehaviorSubject<ConnectionHealth>({ kind: 'unknown' });
  readonly #inFlight = new BehaviorSubject<number>(0);
  readonly #waiters = new Set<Waiter>();
  #failures = 0;
  #retryAt = 0;
  #timer: unknown;
  #closed = false;

  constructor(options: ConnectionOptions = {}) {
    this.#clock = options.clock ?? SYSTEM_CLOCK;
    this.#random = options.random ?? Math.random;
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  get health$(): Observable<ConnectionHealth> {
    return this.#health.asObservable();
  }

  get health(): ConnectionHealth {
    return this.#health.getValue();
  }

  /** Requests running now. */
  get inFlight$(): Observable<number> {
    return this.#inFlight.asObservable();
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Resolves when a request may be sent. */
  ready(): Promise<void> {
    if (this.#closed) return Promise.reject(stoppedError());
    if (this.#clock.now() >= this.#retryAt) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#waiters.add({ resolve, reject });
      this.#schedule();
    });
  }

  /** Runs a request, counted in `inFlight$`. */
  async track<T>(request: () => Promise<T>): Promise<T> {
    this.#inFlight.next(this.#inFlight.getValue() + 1);
    try {
      return await request();
    } finally {
      this.#inFlight.next(this.#inFlight.getValue() - 1);
    }
  }

  /** The server answered as it should. */
  succeeded(): void {
    if (this.#closed) return;
    this.#failures = 0;
    this.#retryAt = 0;
    this.#health.next({ kind: 'ok', at: this.#clock.now() });
    this.#release();
  }

  /**
   * The server was not reached or failed: the next attempt waits a backoff delay. Requests
   * sent together fail together: a failure while the delay of an earlier one is still
   * running belongs to the same attempt and does not lengthen the backoff.
   */
  failed(error: AppError): void {
    if (this.#closed) return;
    const now = this.#clock.now();
    const health = this.#health.getValue();
    if (health.kind === 'failing' && now < this.#retryAt) {
      this.#health.next({ ...health, error });
      return;
    }
    this.#failures += 1;
    const retryAt = now + backoffDelay(this.#failures, this.#random, this.#backoff);
    this.#retryAt = Math.max(this.#retryAt, retryAt);
    this.#health.next({
      kind: 'failing',
      error,
      failures: this.#failures,
      retryAt: this.#retryAt,
    });
    this.#schedule();
  }

  /** Try now, without waiting for the backoff delay (the failure count stays). */
  wake(): void {
    if (this.#closed) return;
    this.#retryAt = 0;
    const health = this.#health.getValue();
    if (health.kind === 'failing') this.#health.next({ ...health, retryAt: this.#clock.now() });
    this.#release();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#cancelTimer();
    const error = stoppedError();
    for (const waiter of [...this.#waiters]) waiter.reject(error);
    this.#waiters.clear();
    this.#health.complete();
    this.#inFlight.complete();
  }

  #schedule(): void {
    this.#cancelTimer();
    if (this.#waiters.size === 0) return;
    const delay = Math.max(0, this.#retryAt - this.#clock.now());
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      if (this.#clock.now() >= this.#retryAt) this.#release();
      else this.#schedule();
    }, delay);
  }

  #cancelTimer(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #release(): void {
    this.#cancelTimer();
    for (const waiter of [...this.#waiters]) waiter.resolve();
    this.#waiters.clear();
  }
}

function stoppedError(): SyncRequestError {
  return new SyncRequestError('stopped', { code: 'sync.server-unreachable' });
}
