/**
 * UTF-8 without TextDecoder/TextEncoder, which lib ES2023 does not type (they are DOM
 * and Node globals). fflate uses the native codec where there is one, so this is as fast.
 */
import { strFromU8, strToU8 } from 'fflate';

/** Bytes → text, dropping a byte-order mark. Invalid sequences become U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string {
  const text = strFromU8(bytes);
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

export function encodeUtf8(text: string): Uint8Array {
  return strToU8(text);
}
