// @vitest-environment node
/**
 * The session's pure rules. Signing in, offline sign-in, tokens and logout against the real
 * town server: sign-in.integration.test.ts; with IndexedDB and the screens:
 * renderer/e2e/auth.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  ACCESS_MAX_ASSUMED_MS,
  ACCESS_MIN_ASSUMED_MS,
  accessValidUntil,
  RENEW_MARGIN_MS,
} from './app-session.ts';
import { normalizeUsername } from '../../../shared/auth/roles.ts';

describe('the session’s tokens', () => {
  it('trusts the server’s expiry time only within limits (a village PC’s clock may be off)', () => {
    const received = 1_000_000;
    // Server clock ahead of ours: the token would look valid for an hour.
    expect(accessValidUntil(received, received + 3_600_000)).toBe(
      received + ACCESS_MAX_ASSUMED_MS - RENEW_MARGIN_MS,
    );
    // Server clock behind ours: the token would look expired already.
    expect(accessValidUntil(received, received - 3_600_000)).toBe(
      received + ACCESS_MIN_ASSUMED_MS - RENEW_MARGIN_MS,
    );
    // Clocks in step: renewed a minute before the server's expiry.
    expect(accessValidUntil(received, received + 10 * 60_000)).toBe(
      received + 10 * 60_000 - RENEW_MARGIN_MS,
    );
  });
});

describe('usernames', () => {
  it('are matched as the server matches them: trimmed, in lower case', () => {
    expect(normalizeUsername('  Wang.Li ')).toBe('wang.li');
  });
});
