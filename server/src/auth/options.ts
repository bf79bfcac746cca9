/**
 * What the account code takes from outside: the clock (so tests can move time past token
 * expiry and lockouts without waiting) and the scrypt cost (so tests can hash cheaply while
 * still running real scrypt). Production passes nothing and gets the real clock and
 * STRONG_PASSWORD_COST.
 */
import { STRONG_PASSWORD_COST, type PasswordCost } from './passwords.ts';

export interface AuthOptions {
  /** Epoch milliseconds. Default Date.now. */
  readonly now?: () => number;
  /** Cost of new password hashes (and of the dummy check for unknown usernames). */
  readonly passwordCost?: PasswordCost;
}

export interface AuthSettings {
  readonly now: () => number;
  readonly passwordCost: PasswordCost;
}

export function authSettings(options: AuthOptions = {}): AuthSettings {
  return {
    now: options.now ?? Date.now,
    passwordCost: options.passwordCost ?? STRONG_PASSWORD_COST,
  };
}

/** A timestamptz parameter from epoch milliseconds (both drivers accept ISO text). */
export function at(ms: number): string {
  return new Date(ms).toISOString();
}
