import { describe, expect, it } from 'vitest';
import type { EventDoc } from '../collections/events.ts';
import {
  eventSamples,
  householdSample,
  residentSample,
  SAMPLES,
} from '../collections/fixtures/samples.ts';
import { COLLECTION_NAMES, type CollectionName } from '../collections/plan.ts';
import { decidePush, isAppendOnly, isSameDocument, resolveConflict } from './merge.ts';
import type { SyncDocument } from './protocol.ts';

function sync(doc: object, deleted = false): SyncDocument {
  return { ...(doc as SyncDocument), _deleted: deleted };
}

const resident = sync(residentSample);
const household = sync(householdSample);
const submitted = eventSamples[1] as EventDoc;
/** A deduction waiting for review, as two devices last saw it. */
const pending = sync(submitted);
const REVIEWER_A = { decision: 'approved', by: 'u-reviewer-li', at: 1_741_600_000_000, note: '' };
const REVIEWER_B = {
  decision: 'rejected',
  by: 'u-admin-zhao',
  at: 1_741_600_100_000,
  note: '证据不足',
};

describe('decidePush: the server’s decision on one pushed row', () => {
  it('inserts a document the server does not have, even one already approved offline', () => {
    const approved = { ...pending, status: 'approved', review: REVIEWER_A };
    expect(
      decidePush('events', { stored: undefined, assumed: undefined, incoming: approved }),
    ).toEqual({ kind: 'write' });
  });

  it('writes a change based on the stored version', () => {
    const moved = {
      ...resident,
      phone: '13800001111',
      updatedAt: (resident.updatedAt as number) + 1,
    };
    expect(
      decidePush('residents', { stored: resident, assumed: resident, incoming: moved }),
    ).toEqual({
      kind: 'write',
    });
  });

  it('answers a conflict when the device based its change on an older version', () => {
    const serverVersion = { ...resident, phone: '13800002222' };
    const incoming = { ...resident, phone: '13800001111' };
    expect(decidePush('residents', { stored: serverVersion, assumed: resident, incoming })).toEqual(
      { kind: 'conflict' },
    );
    // A device that thinks the document is new, while the server has it: also a conflict.
    expect(decidePush('residents', { stored: resident, assumed: undefined, incoming })).toEqual({
      kind: 'conflict',
    });
  });

  it('compares deletion too: a tombstone on the server is not the live document assumed', () => {
    const tombstone = sync(householdSample, true);
    expect(
      decidePush('households', { stored: tombstone, assumed: household, incoming: household }),
    ).toEqual({ kind: 'conflict' });
  });

  it('ignores RxDB’s own keys when comparing the assumed state', () => {
    const assumed = { ...resident, _meta: { lwt: 1 }, _rev: '3-abc', _attachments: {} };
    expect(decidePush('residents', { stored: resident, assumed, incoming: resident })).toEqual({
      kind: 'write',
    });
  });

  it('refuses a change of a ledger fact, naming the field', () => {
    const incoming = { ...pending, points: -5 };
    expect(decidePush('events', { stored: pending, assumed: pending, incoming })).toEqual({
      kind: 'reject',
      code: 'sync.field-immutable',
      params: { id: pending.id, field: 'points' },
    });
  });

  it('refuses moving a document to another village', () => {
    const incoming = { ...resident, villageCode: '320509105202' };
    expect(
      decidePush('residents', { stored: resident, assumed: resident, incoming }),
    ).toMatchObject({
      kind: 'reject',
      code: 'sync.field-immutable',
      params: { field: 'villageCode' },
    });
  });

  it('lets a write-once field be set once, and refuses changing or clearing it afterwards', () => {
    const reviewed = { ...pending, status: 'approved', review: REVIEWER_A };
    expect(decidePush('events', { stored: pending, assumed: pending, incoming: reviewed })).toEqual(
      {
        kind: 'write',
      },
    );
    const rewritten = { ...reviewed, review: { ...REVIEWER_A, note: '改了' } };
    expect(
      decidePush('events', { stored: reviewed, assumed: reviewed, incoming: rewritten }),
    ).toEqual({
      kind: 'reject',
      code: 'sync.field-immutable',
      params: { id: pending.id, field: 'review' },
    });
    const { review: _review, ...cleared } = reviewed;
    expect(
      decidePush('events', { stored: reviewed, assumed: reviewed, incoming: sync(cleared) }),
    ).toMatchObject({ kind: 'reject', params: { field: 'review' } });
  });

  it('refuses a workflow moving backward or to another branch', () => {
    const effective = { ...pending, status: 'effective', review: REVIEWER_A };
    const back = { ...effective, status: 'approved' };
    expect(decidePush('events', { stored: effective, assumed: effective, incoming: back })).toEqual(
      {
        kind: 'reject',
        code: 'sync.workflow-backward',
        params: { id: pending.id, field: 'status', from: 'effective', to: 'approved' },
      },
    );
    const approved = { ...pending, status: 'approved', review: REVIEWER_A };
    const sideways = { ...approved, status: 'rejected' };
    expect(
      decidePush('events', { stored: approved, assumed: approved, incoming: sideways }),
    ).toMatchObject({ kind: 'reject', code: 'sync.workflow-backward', params: { to: 'rejected' } });
  });

  it('refuses a workflow state the workflow does not know', () => {
    const incoming = { ...pending, status: 'expired' };
    expect(decidePush('events', { stored: pending, assumed: pending, incoming })).toMatchObject({
      kind: 'reject',
      code: 'sync.row-invalid',
    });
  });

  it('never deletes a ledger entry or a journal record, but lets a household be deleted', () => {
    expect(isAppendOnly('events')).toBe(true);
    expect(isAppendOnly('journal')).toBe(true);
    expect(isAppendOnly('households')).toBe(false);
    expect(
      decidePush('events', { stored: pending, assumed: pending, incoming: sync(submitted, true) }),
    ).toEqual({
      kind: 'reject',
      code: 'sync.field-immutable',
      params: { id: pending.id, field: '_deleted' },
    });
    expect(
      decidePush('households', {
        stored: household,
        assumed: household,
        incoming: sync(householdSample, true),
      }),
    ).toEqual({ kind: 'write' });
  });
});

describe('resolveConflict: the app’s conflict handler', () => {
  it('converges two devices that moved a workflow offline: the further state wins, no one asked', () => {
    const approvedHere = { ...pending, status: 'approved', review: REVIEWER_A, updatedAt: 10 };
    const noticedThere = {
      ...pending,
      status: 'in-notice',
      review: REVIEWER_A,
      noticeId: '01JP2A0000000NOTICE0000002',
      updatedAt: 20,
    };
    const mine = resolveConflict('events', {
      assumedMasterState: pending,
      realMasterState: noticedThere,
      newDocumentState: approvedHere,
    });
    expect(mine).toEqual({ document: noticedThere, conflictingFields: [] });

    const theirs = resolveConflict('events', {
      assumedMasterState: pending,
      realMasterState: approvedHere,
      newDocumentState: noticedThere,
    });
    expect(theirs).toEqual({ document: noticedThere, conflictingFields: [] });
  });

  it('surfaces two different reviews of one entry, keeping the server’s', () => {
    const master = { ...pending, status: 'approved', review: REVIEWER_A, updatedAt: 10 };
    const ours = { ...pending, status: 'rejected', review: REVIEWER_B, updatedAt: 20 };
    const result = resolveConflict('events', {
      assumedMasterState: pending,
      realMasterState: master,
      newDocumentState: ours,
    });
    expect(result.document).toEqual(master);
    expect(result.conflictingFields).toEqual(['status', 'review']);
  });

  it('keeps the server’s value of an immutable field', () => {
    const ours = { ...pending, points: -99 };
    expect(
      resolveConflict('events', {
        assumedMasterState: pending,
        realMasterState: pending,
        newDocumentState: ours,
      }).document.points,
    ).toBe(pending.points);
  });

  it('merges profile edits field by field when each side changed different fields', () => {
    const master = { ...resident, phone: '13800002222', updatedAt: 100, updatedBy: 'u-a' };
    const ours = { ...resident, notes: '低保户', updatedAt: 50, updatedBy: 'u-b' };
    const result = resolveConflict('residents', {
      assumedMasterState: resident,
      realMasterState: master,
      newDocumentState: ours,
    });
    expect(result.conflictingFields).toEqual([]);
    expect(result.document).toMatchObject({ phone: '13800002222', notes: '低保户' });
    // Changes of both sides were taken: the later updatedAt pair.
    expect(result.document).toMatchObject({ updatedAt: 100, updatedBy: 'u-a' });
  });

  it('lists a profile field both sides changed differently and keeps the server’s value', () => {
    const master = { ...resident, phone: '13800002222', updatedAt: 100, updatedBy: 'u-a' };
    const ours = { ...resident, phone: '13900003333', tags: [], updatedAt: 200, updatedBy: 'u-b' };
    const result = resolveConflict('residents', {
      assumedMasterState: resident,
      realMasterState: master,
      newDocumentState: ours,
    });
    expect(result.conflictingFields).toEqual(['phone']);
    expect(result.document).toMatchObject({ phone: '13800002222', tags: [] });
    expect(result.document).toMatchObject({ updatedAt: 200, updatedBy: 'u-b' });
  });

  it('takes the bookkeeping pair of the only side whose changes were kept', () => {
    const master = { ...resident, phone: '13800002222', updatedAt: 100, updatedBy: 'u-a' };
    const ours = { ...resident, updatedAt: 900, updatedBy: 'u-b' };
    const result = resolveConflict('residents', {
      assumedMasterState: resident,
      realMasterState: master,
      newDocumentState: ours,
    });
    expect(result).toEqual({ document: master, conflictingFields: [] });
  });

  it('treats deletion like an editable field: one side deleting wins over an unchanged other', () => {
    const deleted = sync(householdSample, true);
    const result = resolveConflict('households', {
      assumedMasterState: household,
      realMasterState: household,
      newDocumentState: deleted,
    });
    expect(result.document._deleted).toBe(true);
    const edited = { ...household, houseNo: '南港村14号', updatedAt: 9e12 };
    const both = resolveConflict('households', {
      assumedMasterState: household,
      realMasterState: edited,
      newDocumentState: deleted,
    });
    expect(both.document).toMatchObject({ _deleted: true, houseNo: '南港村14号' });
  });

  it('lists differing fields when the device created the document the server also has', () => {
    const master = { ...resident, phone: '13800002222' };
    const ours = { ...resident, phone: '13900003333' };
    const result = resolveConflict('residents', {
      realMasterState: master,
      newDocumentState: ours,
    });
    expect(result.conflictingFields).toEqual(['phone']);
    expect(result.document.phone).toBe('13800002222');
  });

  it('is deterministic and ignores RxDB’s keys when comparing', () => {
    const input = {
      assumedMasterState: resident,
      realMasterState: { ...resident, phone: '1' },
      newDocumentState: { ...resident, notes: 'x' },
    };
    expect(resolveConflict('residents', input)).toEqual(resolveConflict('residents', input));
    expect(isSameDocument(resident, { ...resident, _rev: '1-a', _meta: { lwt: 5 } })).toBe(true);
    expect(isSameDocument(resident, { ...resident, _deleted: true })).toBe(false);
    expect(isSameDocument(resident, { ...resident, tags: ['党员', '志愿者'] })).toBe(false);
    expect(isSameDocument(resident, { ...resident, statusDate: undefined })).toBe(true);
  });

  it.each(COLLECTION_NAMES)(
    'settles a bookkeeping-only conflict on every %s sample with the server’s version, which the server accepts',
    (name: CollectionName) => {
      for (const sample of SAMPLES[name]) {
        const base = sync(sample);
        // Both sides touched only the bookkeeping: nothing to take from the device.
        const master = { ...base, updatedAt: (base.updatedAt as number) + 1 };
        const ours = { ...base, updatedAt: (base.updatedAt as number) + 2, updatedBy: 'u-other' };
        const { document, conflictingFields } = resolveConflict(name, {
          assumedMasterState: base,
          realMasterState: master,
          newDocumentState: ours,
        });
        expect(conflictingFields).toEqual([]);
        expect(isSameDocument(document, master)).toBe(true);
        expect(decidePush(name, { stored: master, assumed: master, incoming: document })).toEqual({
          kind: 'write',
        });
      }
    },
  );
});
