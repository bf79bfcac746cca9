import { describe, expect, it } from 'vitest';
import { BACKENDS, useBackend } from '../../test/backends.ts';

/** Values pushed by callbacks, awaited one at a time by the test. */
function inbox<T>(): { push(value: T): void; next(): Promise<T>; readonly pending: T[] } {
  const pending: T[] = [];
  const waiting: ((value: T) => void)[] = [];
  return {
    pending,
    push(value) {
      const resolve = waiting.shift();
      if (resolve === undefined) pending.push(value);
      else resolve(value);
    },
    next() {
      const value = pending.shift();
      if (value !== undefined) return Promise.resolve(value);
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
}

describe.each(BACKENDS)('LISTEN/NOTIFY on %s', (kind) => {
  const backend = useBackend(kind);

  it('delivers notifications of committed transactions only, until stopped', async () => {
    const db = await backend.fresh();
    const received = inbox<string>();
    const stop = await db.listen('test_channel', (payload) => {
      received.push(payload);
    });

    await db
      .transaction(async (tx) => {
        await tx.query("SELECT pg_notify('test_channel', 'rolled back')");
        throw new Error('abort');
      })
      .catch(() => undefined);
    await db.transaction(async (tx) => {
      await tx.query("SELECT pg_notify('test_channel', 'first')");
    });
    await db.query("SELECT pg_notify('other_channel', 'elsewhere')");
    await db.query("SELECT pg_notify('test_channel', 'second')");

    expect(await received.next()).toBe('first');
    expect(await received.next()).toBe('second');

    await stop();
    await db.query("SELECT pg_notify('test_channel', 'after stop')");
    await db.query('SELECT 1');
    expect(received.pending).toEqual([]);
  });

  it('refuses a channel name that is not a plain identifier', async () => {
    const db = await backend.fresh();
    await expect(db.listen('x; DROP TABLE documents', () => undefined)).rejects.toThrow(
      /invalid channel/,
    );
  });
});

describe('LISTEN on PostgreSQL across connections', () => {
  const backend = useBackend('PostgreSQL');

  it('hears another server instance, and reconnects with a gap report when its connection drops', async () => {
    const db = await backend.fresh();
    const other = await backend.reopen();
    const received = inbox<string>();
    const gaps = inbox<'gap'>();
    await db.listen(
      'village_feed',
      (payload) => {
        received.push(payload);
      },
      {
        onGap: () => {
          gaps.push('gap');
        },
      },
    );

    await other.query("SELECT pg_notify('village_feed', 'from the other instance')");
    expect(await received.next()).toBe('from the other instance');

    const killed = await other.query<{ killed: boolean }>(
      `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
        WHERE query = 'LISTEN village_feed' AND datname = current_database()`,
    );
    expect(killed.rows).toEqual([{ killed: true }]);
    expect(await gaps.next()).toBe('gap');

    await other.query("SELECT pg_notify('village_feed', 'after the reconnection')");
    expect(await received.next()).toBe('after the reconnection');
  });
});
