import { describe, expect, it } from 'vitest';
import { Connection, type Clock } from './connection.ts';
import { SyncRequestError } from './transport.ts';

/** A clock moved by hand; timers fire when it passes them. */
function manualClock() {
  let time = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 0;
  const clock: Clock = {
    now: () => time,
    setTimeout: (fn, ms) => {
      next += 1;
      timers.push({ at: time + ms, fn, id: next });
      return next;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  return {
    clock,
    advance: (ms: number) => {
      time += ms;
      const due = timers.filter((t) => t.at <= time);
      timers = timers.filter((t) => t.at > time);
      for (const t of due) t.fn();
    },
  };
}

const UNREACHABLE = { code: 'sync.server-unreachable' } as const;
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the connection’s shared backoff', () => {
  it('lets requests through at once while the server answers', async () => {
    const connection = new Connection();
    await expect(connection.ready()).resolves.toBeUndefined();
    connection.succeeded();
    expect(connection.health).toMatchObject({ kind: 'ok' });
  });

  it('holds every request for the backoff delay after a failure, longer after each one', async () => {
    const { clock, advance } = manualClock();
    const connection = new Connection({
      clock,
      random: () => 1,
      backoff: { baseMs: 1_000, capMs: 60_000 },
    });
    connection.failed(UNREACHABLE);
    expect(connection.health).toEqual({
      kind: 'failing',
      error: UNREACHABLE,
      failures: 1,
      retryAt: 1_000,
    });
    let released = 0;
    void connection.ready().then(() => (released += 1));
    void connection.ready().then(() => (released += 1));
    advance(999);
    await settled();
    expect(released).toBe(0);
    advance(1);
    await settled();
    expect(released).toBe(2);
    connection.failed(UNREACHABLE);
    expect(connection.health).toMatchObject({ failures: 2, retryAt: 3_000 });
    connection.succeeded();
    expect(connection.health).toMatchObject({ kind: 'ok' });
    await expect(connection.ready()).resolves.toBeUndefined();
  });

  it('counts requests that fail together as one failed attempt', () => {
    const { clock, advance } = manualClock();
    const connection = new Connection({
      clock,
      random: () => 1,
      backoff: { baseMs: 1_000, capMs: 60_000 },
    });
    for (let i = 0; i < 12; i += 1) connection.failed(UNREACHABLE);
    expect(connection.health).toMatchObject({ failures: 1, retryAt: 1_000 });
    advance(1_000);
    for (let i = 0; i < 12; i += 1) connection.failed(UNREACHABLE);
    expect(connection.health).toMatchObject({ failures: 2, retryAt: 3_000 });
  });

  it('tries at once when woken (「立即同步」, back online)', async () => {
    const { clock } = manualClock();
    const connection = new Connection({ clock, random: () => 1 });
    connection.failed(UNREACHABLE);
    const waiting = connection.ready();
    connection.wake();
    await expect(waiting).resolves.toBeUndefined();
  });

  it('ends every wait when closed', async () => {
    const { clock } = manualClock();
    const connection = new Connection({ clock });
    connection.failed(UNREACHABLE);
    const waiting = connection.ready();
    connection.close();
    await expect(waiting).rejects.toBeInstanceOf(SyncRequestError);
    await expect(connection.ready()).rejects.toMatchObject({ kind: 'stopped' });
  });

  it('counts the requests running', async () => {
    const connection = new Connection();
    const counts: number[] = [];
    connection.inFlight$.subscribe((n) => counts.push(n));
    await connection.track(() => Promise.resolve('done'));
    await expect(connection.track(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(counts).toEqual([0, 1, 0, 1, 0]);
  });
});
