import { describe, expect, it } from 'vitest';
import { SORTABLE_ID_PATTERN, sortableId } from './ids.ts';

const bytes = (fill: number) => new Uint8Array(10).fill(fill);

describe('sortableId', () => {
  it('makes 26-character ids that sort by creation time', () => {
    const earlier = sortableId(1_741_572_000_000, bytes(255));
    const later = sortableId(1_741_572_000_001, bytes(0));
    expect(earlier).toMatch(SORTABLE_ID_PATTERN);
    expect(later).toMatch(SORTABLE_ID_PATTERN);
    expect(earlier < later).toBe(true);
  });

  it('differs when only the random part differs', () => {
    expect(sortableId(1, bytes(1))).not.toBe(sortableId(1, bytes(2)));
  });

  it('encodes the ULID reference value', () => {
    // ULID spec example time 1469918176385 → '01ARYZ6S41'
    expect(sortableId(1_469_918_176_385, bytes(0)).slice(0, 10)).toBe('01ARYZ6S41');
  });
});
