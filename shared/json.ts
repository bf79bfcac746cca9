/**
 * Small guards for reading JSON that came from outside (a server's answer, the device's own
 * stored records): nothing is trusted until it was checked field by field.
 */

/** `value[name]` when `value` is an object, else undefined. */
export function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

/** An epoch-millisecond time (any finite number). */
export function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
