import { inflateRawSync } from 'node:zlib';
import { BriefError } from '../errors.js';

/**
 * Limits for a .docx (a zip file), checked from the zip's central directory before anything is
 * decompressed, and then again while decompressing (an entry that inflates to more than its
 * directory says is refused): a zip bomb never reaches mammoth.
 */
export const ZIP_LIMITS = {
  /** The .docx file itself. */
  fileBytes: 64 * 1024 * 1024,
  /** Entries in the zip (a long report with many images has a few hundred). */
  entries: 2000,
  /** All entries decompressed, together. */
  totalBytes: 256 * 1024 * 1024,
  /** One entry decompressed to more than this many times its compressed size (XML reaches ~30). */
  ratio: 200,
};

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const MB = (n: number): string => `${Math.round(n / 1024 / 1024)} MiB`;

/**
 * Reads the central directory of a zip file, refusing anything over the limits, encrypted,
 * split or in a compression method Word never uses.
 */
export function readZipDirectory(bytes: Buffer, file: string): ZipEntry[] {
  const at = { file, line: 1, column: 1 };
  const refuse = (why: string): never => {
    throw BriefError.at(at, 'import/refused', `refused: ${why}`);
  };
  if (bytes.length > ZIP_LIMITS.fileBytes) refuse(`the file is larger than ${MB(ZIP_LIMITS.fileBytes)}`);
  // End of central directory: 22 bytes plus a comment of up to 65535 bytes, at the very end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) refuse('this is not a valid .docx (its zip directory is missing or damaged)');
  const count = bytes.readUInt16LE(eocd + 10);
  const dirSize = bytes.readUInt32LE(eocd + 12);
  const dirOffset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) refuse('ZIP64 archives are not accepted for .docx');
  if (count > ZIP_LIMITS.entries) refuse(`the zip has ${count} entries (the limit is ${ZIP_LIMITS.entries})`);
  if (dirOffset + dirSize > eocd) refuse('this is not a valid .docx (its zip directory is damaged)');

  const entries: ZipEntry[] = [];
  let total = 0;
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) {
      refuse('this is not a valid .docx (its zip directory is damaged)');
    }
    const flags = bytes.readUInt16LE(p + 8);
    const method = bytes.readUInt16LE(p + 10);
    const compressedSize = bytes.readUInt32LE(p + 20);
    const size = bytes.readUInt32LE(p + 24);
    const nameLength = bytes.readUInt16LE(p + 28);
    const extraLength = bytes.readUInt16LE(p + 30);
    const commentLength = bytes.readUInt16LE(p + 32);
    const localHeaderOffset = bytes.readUInt32LE(p + 42);
    const name = bytes.toString('utf8', p + 46, p + 46 + nameLength);
    if (flags & 0x1) refuse(`the document is encrypted (entry ${name}); save it without a password`);
    if (method !== 0 && method !== 8)
      refuse(`entry ${name} uses compression method ${method}, which Word never writes`);
    total += size;
    if (total > ZIP_LIMITS.totalBytes) {
      refuse(`it would decompress to more than ${MB(ZIP_LIMITS.totalBytes)} (a zip bomb?)`);
    }
    if (size > 1024 * 1024 && size > compressedSize * ZIP_LIMITS.ratio) {
      refuse(
        `entry ${name} would expand ${Math.round(size / Math.max(1, compressedSize))} times (a zip bomb?)`,
      );
    }
    entries.push({ name, method, compressedSize, size, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Decompresses one entry, never producing more bytes than the directory declared: an entry that
 * lies about its size is refused instead of filling the memory.
 */
export function readZipEntry(bytes: Buffer, entry: ZipEntry, file: string): Buffer {
  const refuse = (why: string): never => {
    throw BriefError.at({ file, line: 1, column: 1 }, 'import/refused', `refused: ${why}`);
  };
  const p = entry.localHeaderOffset;
  if (p + 30 > bytes.length || bytes.readUInt32LE(p) !== 0x04034b50) {
    refuse(`this is not a valid .docx (entry ${entry.name} is damaged)`);
  }
  const start = p + 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt16LE(p + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize)
    refuse(`this is not a valid .docx (entry ${entry.name} is truncated)`);
  if (entry.method === 0) return data;
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
  } catch (e) {
    if (e instanceof RangeError || (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      return refuse(
        `entry ${entry.name} decompresses to more than the ${entry.size} bytes it declares (a zip bomb?)`,
      );
    }
    return refuse(`this is not a valid .docx (entry ${entry.name} cannot be decompressed)`);
  }
  if (out.length !== entry.size) {
    refuse(`entry ${entry.name} decompresses to ${out.length} bytes, not the ${entry.size} it declares`);
  }
  return out;
}

/** Every entry of a checked zip, decompressed within the limits. */
export function readZip(bytes: Buffer, file: string): Map<string, Buffer> {
  const entries = readZipDirectory(bytes, file);
  return new Map(entries.map((e) => [e.name, readZipEntry(bytes, e, file)]));
}
