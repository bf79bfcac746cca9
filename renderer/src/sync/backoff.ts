/**
 * Exponential backoff with jitter, for retries after the town server could not be reached or
 * failed (network errors, 5xx). The delay doubles with each consecutive failure up to a cap;
 * half of it is random ("equal jitter"), so the devices of a township that lost the server
 * together do not all come back in the same second, and none retries sooner than half the
 * nominal delay.
 */

export interface BackoffOptions {
  /** The nominal delay after the first failure. */
  readonly baseMs: number;
  /** No delay is longer than this. */
  readonly capMs: number;
}

/** 1 s, 2 s, 4 s … up to 5 minutes (each one 50–100 % of that). */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, capMs: 5 * 60_000 };

/**
 * The delay before the next attempt after `failures` consecutive failures (1 after the
 * first). `random` returns a number in [0, 1), like Math.random.
 */
export function backoffDelay(
  failures: number,
  random: () => number,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  if (failures <= 0) return 0;
  const exponent = Math.min(failures - 1, 40);
  const nominal = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  const jitter = Math.min(Math.max(random(), 0), 1);
  return Math.round(nominal / 2 + (jitter * nominal) / 2);
}
