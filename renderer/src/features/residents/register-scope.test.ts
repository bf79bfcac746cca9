import { describe, expect, it } from 'vitest';
import { operationContext } from './register-scope.ts';
import { testScope } from './test-support.ts';

describe('operationContext', () => {
  it('dates an operation by the village’s calendar (UTC+8), whatever zone the computer is set to', () => {
    // Tests run with the machine in UTC: at 16:00 UTC it is already the next day in the village.
    expect(operationContext(testScope(), new Date('2026-11-22T15:59:59Z')).today).toBe(
      '2026-11-22',
    );
    expect(operationContext(testScope(), new Date('2026-11-22T16:00:00Z')).today).toBe(
      '2026-11-23',
    );
  });
});
