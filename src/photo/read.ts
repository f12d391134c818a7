/**
 * Reading a photo file and turning every way it can fail into a reason a user understands.
 * Only this folder knows sharp; callers see `BriefError`s of the form `path: cannot read photo: …`.
 */
import { readFile, stat } from 'node:fs/promises';
import { BriefError } from '../errors.js';
import { fileProblem } from '../files.js';

/** Print resolution we size for, and the least we accept without a warning. */
export const TARGET_PPI = 300;
export const MIN_PPI = 150;

/** The formats we accept, as sharp names them (AVIF is read by sharp's `heif` loader). */
export type InputFormat = 'jpeg' | 'png' | 'webp' | 'tiff' | 'avif' | 'gif';

export const ACCEPTED = 'JPEG, PNG, WebP, TIFF, AVIF, GIF';

/** Largest photo file we read into memory. */
const MAX_FILE_BYTES = 1024 * 1024 * 1024;

/** Largest image we decode, in pixels (width × height). */
export const MAX_PIXELS = 100_000_000;

const FORMAT_NAMES: Record<InputFormat, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  tiff: 'TIFF',
  avif: 'AVIF',
  gif: 'GIF',
};

export function formatName(format: InputFormat): string {
  return FORMAT_NAMES[format];
}

export function photoError(file: string, reason: string): BriefError {
  return BriefError.at({ file }, 'photo/unreadable', `cannot read photo: ${reason}`);
}

/** Reads the whole file, or throws a `BriefError` saying why it cannot. */
export async function readPhotoFile(file: string): Promise<Buffer> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw photoError(file, 'it is a folder, not a file');
    size = info.size;
  } catch (e) {
    if (e instanceof BriefError) throw e;
    throw photoError(file, fileProblem(e));
  }
  if (size === 0) throw photoError(file, 'the file is empty');
  if (size > MAX_FILE_BYTES) {
    throw photoError(file, `the file is ${Math.round(size / 2 ** 20)} MB; the limit is 1024 MB`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw photoError(file, fileProblem(e));
  }
  if (bytes.length === 0) throw photoError(file, 'the file is empty');
  return bytes;
}

/**
 * What the first bytes say the file is. `accepted` formats are ours; `other` names a known image or
 * document format we do not take (for a precise message); `unknown` is anything else.
 */
export type Sniffed =
  { kind: 'accepted'; format: InputFormat } | { kind: 'other'; name: string } | { kind: 'unknown' };

export function sniff(bytes: Buffer): Sniffed {
  const ascii = (start: number, end: number): string => bytes.toString('latin1', start, end);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return { kind: 'accepted', format: 'jpeg' };
  }
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return { kind: 'accepted', format: 'png' };
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return { kind: 'accepted', format: 'gif' };
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return { kind: 'accepted', format: 'webp' };
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return { kind: 'accepted', format: 'tiff' };
  if (ascii(0, 4) === 'II+\0' || ascii(0, 4) === 'MM\0+') return { kind: 'accepted', format: 'tiff' };
  if (ascii(4, 8) === 'ftyp') {
    // ISO media: the major brand and the compatible brands say what is inside
    const boxSize = Math.min(bytes.length, bytes.readUInt32BE(0), 256);
    const brands = new Set<string>([ascii(8, 12)]);
    for (let off = 16; off + 4 <= boxSize; off += 4) brands.add(ascii(off, off + 4));
    if (brands.has('avif') || brands.has('avis')) return { kind: 'accepted', format: 'avif' };
    if (['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx'].some((b) => brands.has(b))) {
      return { kind: 'other', name: 'HEIC' };
    }
    // a generic HEIF container: sharp tells whether it is AV1 (AVIF) or HEVC (HEIC)
    if (brands.has('mif1') || brands.has('msf1')) return { kind: 'accepted', format: 'avif' };
    if (brands.has('jp2 ')) return { kind: 'other', name: 'JPEG 2000' };
    if (brands.has('jxl ')) return { kind: 'other', name: 'JPEG XL' };
    return { kind: 'other', name: 'a video or other ISO media file' };
  }
  if (ascii(0, 2) === 'BM') return { kind: 'other', name: 'BMP' };
  if (ascii(0, 5) === '%PDF-') return { kind: 'other', name: 'PDF' };
  if (ascii(0, 4) === '8BPS') return { kind: 'other', name: 'Photoshop (PSD)' };
  if (ascii(0, 2) === '\xff\x0a' || ascii(4, 12) === 'JXL \r\n\x87\n')
    return { kind: 'other', name: 'JPEG XL' };
  if (ascii(4, 12) === 'jP  \r\n\x87\n') return { kind: 'other', name: 'JPEG 2000' };
  const head = ascii(0, 1024)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) {
    return { kind: 'other', name: 'SVG' };
  }
  return { kind: 'unknown' };
}

/** The reason for a file that is not one of the accepted formats. */
export function unsupportedReason(s: Sniffed): string {
  if (s.kind === 'other')
    return `${s.name} is not supported; supply a ${ACCEPTED.replace(/, (?=GIF)/, ' or ')} file`;
  return `not an image sharp can read (${ACCEPTED})`;
}

/** Turns an error thrown by sharp while reading/decoding a file of a known format into a reason. */
export function decodeReason(format: InputFormat, e: unknown): string {
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0]?.trim() ?? '';
  const name = formatName(format);
  if (/exceeds pixel limit/i.test(message)) {
    return `the image has more than ${MAX_PIXELS / 1e6} megapixels; supply a smaller image`;
  }
  if (
    /premature end|unexpected end|end of (file|data|stream)|truncated|bad seek|not enough data/i.test(message)
  ) {
    return `the ${name} data is truncated`;
  }
  if (/unsupported image format|corrupt header|read error|unable to parse|invalid|corrupt/i.test(message)) {
    return `the ${name} data is truncated or damaged (${stripPrefix(message)})`;
  }
  return `the ${name} data cannot be decoded (${stripPrefix(message)})`;
}

function stripPrefix(message: string): string {
  return message.replace(/^Input (buffer|file) (has|contains) /i, '').replace(/:\s*$/, '') || 'no detail';
}
