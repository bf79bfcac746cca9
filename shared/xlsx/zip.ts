/**
 * A zip reader for hostile input. fflate's `unzipSync` trusts the sizes the archive
 * claims (it allocates the claimed size, and inflates past it by silently dropping bytes),
 * so a 10 MB zip bomb would either allocate gigabytes or spin for minutes. Here the
 * central directory is read by hand, only the parts asked for are inflated, in small
 * chunks, counting the bytes that really come out: work and memory stay bounded by the
 * limits whatever the headers say.
 */
import { Inflate, strFromU8 } from 'fflate';
import { XlsxFailure } from './problems.ts';

export interface ZipLimits {
  /** Uncompressed bytes read across all parts, counted as they are inflated. */
  readonly maxUncompressedBytes: number;
  readonly maxEntries: number;
}

interface Entry {
  readonly method: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly dataStart: number;
}

export interface ZipArchive {
  /** Part names as stored, without a leading slash. */
  readonly names: readonly string[];
  has(name: string): boolean;
  /** The part's bytes; undefined when absent. Throws XlsxFailure beyond the limits. */
  read(name: string): Uint8Array | undefined;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
// Input fed to the inflater at a time: deflate expands at most ~1032×, so one step
// produces at most ~17 MB before the running total is checked again.
const INFLATE_CHUNK = 16 * 1024;

function corrupt(): XlsxFailure {
  return new XlsxFailure('xlsx.not-a-workbook');
}

/**
 * Opens the archive's central directory. Part names are matched case-insensitively, as
 * OPC requires. Nothing is inflated yet.
 */
export function openZip(bytes: Uint8Array, limits: ZipLimits): ZipArchive {
  if (OLE2_SIGNATURE.every((byte, i) => bytes[i] === byte)) {
    throw new XlsxFailure('xlsx.legacy-or-encrypted');
  }
  if (bytes.length < 22 || u32(bytes, 0) !== LOCAL_HEADER) throw corrupt();

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  const count = view.getUint16(eocd + 10, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (count > limits.maxEntries) {
    throw new XlsxFailure('xlsx.too-large', { max: limits.maxUncompressedBytes });
  }

  const entries = new Map<string, Entry>();
  const names: string[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_HEADER) throw corrupt();
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const uncompressedSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd > bytes.length) throw corrupt();
    // Bit 11: UTF-8 names. Part names are ASCII (IRIs percent-encode the rest), so the
    // legacy code page never matters; latin1 keeps a hostile name from failing to decode.
    const rawName = bytes.subarray(at + 46, nameEnd);
    const name = strFromU8(rawName, (flags & 0x800) === 0).replace(/^\/+/, '');
    at = nameEnd + extraLength + commentLength;

    // Encrypted entries and zip64 (sizes 0xFFFFFFFF) never occur in a workbook a village
    // clerk can produce; refusing them keeps the reader small.
    if (flags & 0x1) throw new XlsxFailure('xlsx.legacy-or-encrypted');
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) {
      throw new XlsxFailure('xlsx.too-large', { max: limits.maxUncompressedBytes });
    }
    if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== LOCAL_HEADER) {
      throw corrupt();
    }
    const dataStart =
      localOffset +
      30 +
      view.getUint16(localOffset + 26, true) +
      view.getUint16(localOffset + 28, true);
    if (dataStart + compressedSize > bytes.length) throw corrupt();
    const key = name.toLowerCase();
    if (!entries.has(key)) names.push(name);
    entries.set(key, { method, compressedSize, uncompressedSize, dataStart });
  }

  let budget = limits.maxUncompressedBytes;
  return {
    names,
    has: (name) => entries.has(name.toLowerCase()),
    read(name) {
      const entry = entries.get(name.toLowerCase());
      if (entry === undefined) return undefined;
      if (entry.uncompressedSize > budget) {
        throw new XlsxFailure('xlsx.too-large', { max: limits.maxUncompressedBytes });
      }
      const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
      const out = entry.method === 0 ? data.slice() : inflate(entry, data, budget, limits);
      if (out.length !== entry.uncompressedSize) throw corrupt();
      budget -= out.length;
      return out;
    },
  };
}

function inflate(entry: Entry, data: Uint8Array, budget: number, limits: ZipLimits): Uint8Array {
  if (entry.method !== 8) throw corrupt();
  // The claimed size is checked against the budget already; the real output may not
  // exceed it either (a lying header is a bomb, not a workbook).
  const cap = entry.uncompressedSize;
  const chunks: Uint8Array[] = [];
  let total = 0;
  // An object, not a let: TypeScript does not see the callback assign it.
  const stream = { ended: false };
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > cap) {
      throw total > budget
        ? new XlsxFailure('xlsx.too-large', { max: limits.maxUncompressedBytes })
        : corrupt();
    }
    chunks.push(chunk);
    if (final) stream.ended = true;
  });
  try {
    for (let at = 0; at < data.length; at += INFLATE_CHUNK) {
      const end = Math.min(at + INFLATE_CHUNK, data.length);
      inflater.push(data.subarray(at, end), end === data.length);
    }
  } catch (error) {
    if (error instanceof XlsxFailure) throw error;
    throw corrupt();
  }
  if (!stream.ended && data.length > 0) throw corrupt();
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const last = view.byteLength - 22;
  const first = Math.max(0, last - 65535);
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw corrupt();
}

function u32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16)) +
    (bytes[at + 3] ?? 0) * 0x1000000
  );
}
