import { describe, expect, it } from 'vitest';
import {
  initialSyncStatus,
  reduceSyncStatus,
  type SyncStatusEvent,
  type SyncStatusState,
} from './status.ts';

function run(events: readonly SyncStatusEvent[], online = true): SyncStatusState {
  return events.reduce(reduceSyncStatus, initialSyncStatus(online));
}

const UNREACHABLE = { code: 'sync.server-unreachable', params: { url: 'http://town' } } as const;
const RUNNING_AND_DONE: SyncStatusEvent[] = [
  { type: 'running' },
  { type: 'health', health: { kind: 'ok', at: 1 } },
  { type: 'initial-sync-done' },
];

describe('the sync status', () => {
  it('starts as starting, then syncs, then is in sync once the first pass is done and nothing runs', () => {
    expect(run([]).status.phase).toBe('starting');
    expect(run([{ type: 'running' }]).status.phase).toBe('syncing');
    expect(run([...RUNNING_AND_DONE, { type: 'busy', busy: true }]).status.phase).toBe('syncing');
    const synced = run([...RUNNING_AND_DONE, { type: 'in-sync', at: 42 }]).status;
    expect(synced).toMatchObject({
      phase: 'synced',
      reachable: true,
      lastSyncedAt: 42,
      error: null,
    });
  });

  it('shows a first sync in progress as syncing, with its progress', () => {
    const s = run([
      ...RUNNING_AND_DONE,
      { type: 'first-sync', progress: { pulled: 200, total: 900 } },
    ]).status;
    expect(s).toMatchObject({ phase: 'syncing', firstSync: { pulled: 200, total: 900 } });
  });

  it('is offline, with the reason and the next attempt, while the server is not reached', () => {
    const s = run([
      ...RUNNING_AND_DONE,
      {
        type: 'health',
        health: { kind: 'failing', error: UNREACHABLE, failures: 3, retryAt: 5_000 },
      },
    ]).status;
    expect(s).toMatchObject({
      phase: 'offline',
      reachable: false,
      error: UNREACHABLE,
      retryAt: 5_000,
    });
    const back = reduceSyncStatus(
      run([
        ...RUNNING_AND_DONE,
        {
          type: 'health',
          health: { kind: 'failing', error: UNREACHABLE, failures: 1, retryAt: 9 },
        },
      ]),
      { type: 'health', health: { kind: 'ok', at: 10 } },
    ).status;
    expect(back).toMatchObject({ phase: 'synced', error: null, retryAt: null, reachable: true });
  });

  it('tells a server failure from an unreachable server', () => {
    const error = { code: 'sync.server-error', params: { status: 502 } } as const;
    const s = run([
      ...RUNNING_AND_DONE,
      { type: 'health', health: { kind: 'failing', error, failures: 1, retryAt: 1 } },
    ]).status;
    expect(s.phase).toBe('server-error');
  });

  it('is offline when the computer says it has no network', () => {
    expect(run(RUNNING_AND_DONE, false).status.phase).toBe('offline');
    expect(run([...RUNNING_AND_DONE, { type: 'online', online: false }]).status).toMatchObject({
      phase: 'offline',
      online: false,
    });
  });

  it('stays halted with its reason, whatever else is reported, and keeps counting problems', () => {
    const error = { code: 'sync.client-outdated', params: { collection: 'residents' } } as const;
    const halted = run([
      ...RUNNING_AND_DONE,
      { type: 'halted', reason: 'outdated', error },
      { type: 'health', health: { kind: 'ok', at: 99 } },
      { type: 'busy', busy: true },
      { type: 'stopped' },
      { type: 'problems', count: 2 },
    ]).status;
    expect(halted).toMatchObject({ phase: 'outdated', error, busy: false, problems: 2 });
  });

  it('shows another window syncing as standby, and a stopped engine as stopped', () => {
    expect(run([{ type: 'standby' }]).status.phase).toBe('standby');
    expect(run([...RUNNING_AND_DONE, { type: 'stopped' }]).status.phase).toBe('stopped');
  });

  it('counts pending uploads, problems and conflicts, and lists refused collections once each', () => {
    const forbidden = { code: 'auth.forbidden' } as const;
    const s = run([
      ...RUNNING_AND_DONE,
      { type: 'pending', count: 5 },
      { type: 'problems', count: 1 },
      { type: 'conflicts', count: 3 },
      { type: 'refused', collection: 'residents', error: forbidden },
      { type: 'refused', collection: 'residents', error: forbidden },
    ]).status;
    expect(s).toMatchObject({ pendingUploads: 5, problems: 1, conflicts: 3 });
    expect(s.refused).toEqual([{ collection: 'residents', error: forbidden }]);
  });

  it('keeps the same object when nothing changed (no needless re-render)', () => {
    const state = run([{ type: 'stopped' }]);
    expect(reduceSyncStatus(state, { type: 'in-sync', at: 5 })).toBe(state);
  });
});
