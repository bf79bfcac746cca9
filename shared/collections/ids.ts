/**
 * Document ids are made on the device, offline, so they must be unique without
 * coordination and should sort by creation time (friendlier B-tree inserts, stable
 * listings): the ULID layout — 10 Crockford base-32 characters of epoch milliseconds and
 * 16 of randomness (80 bits). The clock and the random source are passed in (shared/ has
 * no crypto global); the renderer passes Date.now and crypto.getRandomValues.
 *
 * Singletons use deterministic ids instead (settingsId, catalogId), so two devices
 * creating "the" settings offline meet on one document.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const SORTABLE_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export function sortableId(timeMs: number, random: Uint8Array): string {
  if (!Number.isInteger(timeMs) || timeMs < 0 || timeMs > 2 ** 48 - 1)
    throw new RangeError('timeMs');
  if (random.length < 10) throw new RangeError('random needs 10 bytes');
  let time = '';
  let rest = timeMs;
  for (let i = 0; i < 10; i++) {
    time = (CROCKFORD[rest % 32] ?? '0') + time;
    rest = Math.floor(rest / 32);
  }
  // 80 random bits → 16 characters of 5 bits.
  let bits = 0n;
  for (let i = 0; i < 10; i++) bits = (bits << 8n) | BigInt(random[i] ?? 0);
  let randomPart = '';
  for (let i = 0; i < 16; i++) {
    randomPart = (CROCKFORD[Number(bits & 31n)] ?? '0') + randomPart;
    bits >>= 5n;
  }
  return time + randomPart;
}
