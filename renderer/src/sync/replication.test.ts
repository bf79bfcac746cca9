import { newRxError } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { householdSample } from '../../../shared/collections/fixtures/samples.ts';
import { MAX_PUSH_BATCH, type PushRow, type SyncDocument } from '../../../shared/sync/protocol.ts';
import {
  batchesOf,
  conflictHandlerFor,
  MAX_PUSH_BODY_BYTES,
  stalledUpload,
} from './replication.ts';

const household = (fields: object = {}): SyncDocument => ({
  ...householdSample,
  _deleted: false,
  ...fields,
});

describe('push batches', () => {
  it('hold at most MAX_PUSH_BATCH rows, in order', () => {
    const rows: PushRow[] = Array.from({ length: 1_201 }, (_, i) => ({
      newDocumentState: { id: `R-${String(i)}`, _deleted: false },
    }));
    const batches = batchesOf(rows);
    expect(batches.map((b) => b.length)).toEqual([MAX_PUSH_BATCH, MAX_PUSH_BATCH, 201]);
    expect(batches.flat()).toEqual(rows);
  });

  it('stay under the server’s body limit, counting Chinese text in UTF-8 bytes', () => {
    const notes = '村'.repeat(20_000); // 60,000 bytes in UTF-8
    const rows: PushRow[] = Array.from({ length: 150 }, (_, i) => ({
      newDocumentState: household({ id: `H-${String(i)}`, notes }),
    }));
    const batches = batchesOf(rows);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) {
      expect(new TextEncoder().encode(JSON.stringify(batch)).length).toBeLessThanOrEqual(
        MAX_PUSH_BODY_BYTES,
      );
    }
    expect(batches.flat()).toEqual(rows);
  });
});

describe('the conflict handler', () => {
  it('merges by the shared rules: one-sided changes from each side, the server’s on a true conflict', async () => {
    const handler = conflictHandlerFor('households');
    const base = household({ address: '1 组 8 号', notes: '' });
    const server = household({
      address: '1 组 9 号',
      notes: '',
      updatedAt: (base['updatedAt'] as number) + 5,
    });
    const ours = household({
      address: '2 组 1 号',
      notes: '二组搬迁',
      updatedAt: (base['updatedAt'] as number) + 9,
    });
    const merged = await handler.resolve(
      { assumedMasterState: base, realMasterState: server, newDocumentState: ours },
      'test',
    );
    expect(merged).toMatchObject({ address: '1 组 9 号', notes: '二组搬迁' });
    expect(handler.isEqual(server, { ...server, _meta: { lwt: 1 } }, 'test')).toBe(true);
    expect(handler.isEqual(server, ours, 'test')).toBe(false);
  });

  it('goes back to the server’s version for a version the server refused', async () => {
    const refused = household({ createdBy: 'someone-else' });
    const handler = conflictHandlerFor('households', (doc) => doc['createdBy'] === 'someone-else');
    const server = household();
    await expect(
      handler.resolve(
        { assumedMasterState: server, realMasterState: server, newDocumentState: refused },
        't',
      ),
    ).resolves.toBe(server);
  });
});

describe('a stalled upload', () => {
  it('is listed as a problem of its document when RxDB itself refuses to push it', () => {
    const document = household({ id: 'H-STUCK', _attachments: {} });
    const problem = stalledUpload('households', newRxError('AT4', { document }));
    expect(problem).toEqual({
      collection: 'households',
      id: 'H-STUCK',
      label: householdSample.householdNo,
      code: 'sync.upload-stalled',
      params: { id: 'H-STUCK', reason: 'AT4' },
    });
  });

  it('names the document of a failed local write', () => {
    const error = newRxError('RC_PUSH', {
      writeError: { status: 422, isError: true, documentId: 'H-7' },
    } as never);
    expect(stalledUpload('households', error)?.id).toBe('H-7');
  });

  it('is no problem when a request failed (the connection retries it)', () => {
    expect(
      stalledUpload('households', newRxError('RC_PUSH', { errors: [], pushRows: [] })),
    ).toBeUndefined();
    expect(
      stalledUpload('households', newRxError('RC_PULL', { errors: [], checkpoint: null })),
    ).toBeUndefined();
  });
});
