import { describe, expect, it } from 'vitest';
import { parseStreamData } from './stream.ts';
import {
  classifyFailure,
  parseCollectionsResponse,
  parsePullResponse,
  parsePushResponse,
} from './transport.ts';

const URL = 'http://town.example:8787';
const body = (code: string) => ({ error: { code, message: '中文说明' } });

describe('what a failed sync request means', () => {
  it('retries server failures and answers that are not the town server’s', () => {
    for (const [status, answer] of [
      [500, body('http.internal')],
      [503, body('store.unavailable')],
      [502, undefined],
      [404, '<html>proxy</html>'],
      [429, body('auth.rate-limited')],
    ] as const) {
      const failure = classifyFailure(status, answer, URL);
      expect({ status, kind: failure.kind, error: failure.error }).toEqual({
        status,
        kind: 'server',
        error: { code: 'sync.server-error', params: { status } },
      });
    }
  });

  it('asks for an update on 426, and for a server upgrade on sync.server-outdated', () => {
    expect(classifyFailure(426, body('sync.client-outdated'), URL)).toMatchObject({
      kind: 'outdated',
      error: { code: 'sync.client-outdated' },
    });
    expect(classifyFailure(409, body('sync.server-outdated'), URL).kind).toBe('server-outdated');
  });

  it('asks to sign in again on 401, a revoked device or a disabled account', () => {
    expect(classifyFailure(401, body('auth.session-revoked'), URL)).toMatchObject({
      kind: 'unauthorized',
      error: { code: 'auth.session-revoked' },
      status: 401,
    });
    expect(classifyFailure(403, body('auth.device-revoked'), URL).kind).toBe('unauthorized');
    expect(classifyFailure(403, body('auth.user-disabled'), URL).kind).toBe('unauthorized');
  });

  it('passes other refusals on with their code', () => {
    expect(classifyFailure(413, body('sync.batch-too-large'), URL)).toMatchObject({
      kind: 'refused',
      status: 413,
      error: { code: 'sync.batch-too-large' },
    });
    expect(classifyFailure(403, body('auth.forbidden'), URL).kind).toBe('refused');
  });
});

describe('answers checked against the contract', () => {
  const doc = { id: 'R-1', _deleted: false, name: '张三' };

  it('take a pull answer, and refuse one that would lose the checkpoint', () => {
    expect(parsePullResponse({ documents: [doc], checkpoint: { seq: 3 } })).toEqual({
      documents: [doc],
      checkpoint: { seq: 3 },
    });
    expect(parsePullResponse({ documents: [], checkpoint: null })).toEqual({
      documents: [],
      checkpoint: null,
    });
    expect(parsePullResponse({ documents: [doc], checkpoint: null })).toBeUndefined();
    expect(parsePullResponse({ documents: [{ id: 1 }], checkpoint: { seq: 1 } })).toBeUndefined();
    expect(parsePullResponse({ documents: [], checkpoint: { seq: -1 } })).toBeUndefined();
  });

  it('take a push answer with its conflicts and refused rows', () => {
    const rejected = {
      id: 'R-2',
      code: 'sync.row-forbidden',
      params: { id: 'R-2' },
      message: '记录不在范围内',
    };
    expect(parsePushResponse({ conflicts: [doc], rejected: [rejected] })).toEqual({
      conflicts: [doc],
      rejected: [rejected],
    });
    expect(parsePushResponse([doc])).toBeUndefined();
    expect(
      parsePushResponse({ conflicts: [], rejected: [{ ...rejected, code: 'no.such-code' }] }),
    ).toBeUndefined();
  });

  it('take the collections list with its counts', () => {
    const info = { name: 'residents', schemaVersion: 0, owner: 'village', documents: 12 };
    expect(parseCollectionsResponse({ collections: [info] })).toEqual({ collections: [info] });
    expect(
      parseCollectionsResponse({ collections: [{ ...info, documents: '12' }] }),
    ).toBeUndefined();
  });

  it('read live stream events: RESYNC or a batch with its checkpoint', () => {
    expect(parseStreamData('"RESYNC"')).toBe('RESYNC');
    expect(parseStreamData(JSON.stringify({ documents: [doc], checkpoint: { seq: 9 } }))).toEqual({
      documents: [doc],
      checkpoint: { seq: 9 },
    });
    expect(parseStreamData('{"documents":[],"checkpoint":null}')).toBeUndefined();
    expect(parseStreamData('not json')).toBeUndefined();
  });
});
