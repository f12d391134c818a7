/**
 * Content-addressed cache of processed photos: one JSON file per (input bytes, options, sharp
 * version, cache format) key. Writes are atomic (temp file + rename); an entry that is unreadable,
 * malformed or whose payload does not match its checksum is ignored (and rewritten).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProcessOptions, ProcessedPhoto } from './process.js';

/** Bump when the pipeline or its settings change, so old entries are not reused. */
const CACHE_FORMAT = 'prospect-brief/photo-cache/1';

/**
 * The sharp release the key names: the exact version package.json pins (sharp bundles its libvips,
 * so this names both). Not read from `sharp.versions`, so a cache hit never loads sharp (≈ 110 ms
 * of a cold start); tests/photo checks it equals the loaded sharp's version.
 */
export const SHARP_VERSION = '0.35.5';

interface Entry {
  format: typeof CACHE_FORMAT;
  key: string;
  image: { format: 'jpeg' | 'png'; width: number; height: number; sourcePpi: number; sha256: string };
  data: string;
}

export function cacheKey(bytes: Buffer, options: ProcessOptions): string {
  const hash = createHash('sha256');
  const header = {
    cache: CACHE_FORMAT,
    sharp: SHARP_VERSION,
    placedWidthPt: options.placedWidthPt,
    aspect: options.aspect ?? null,
    focus: options.focus ? [options.focus.x, options.focus.y] : null,
    grey: options.grey,
  };
  hash.update(JSON.stringify(header));
  hash.update('\0');
  hash.update(bytes);
  return hash.digest('hex');
}

export function cacheFile(cacheDir: string, key: string): string {
  return path.join(cacheDir, `${key}.json`);
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** The cached photo, or undefined when there is none or it is damaged. */
export async function readCache(cacheDir: string, key: string): Promise<ProcessedPhoto | undefined> {
  let text: string;
  try {
    text = await readFile(cacheFile(cacheDir, key), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const entry: unknown = JSON.parse(text);
    if (!isEntry(entry) || entry.key !== key) return undefined;
    const data = Buffer.from(entry.data, 'base64');
    if (sha256(data) !== entry.image.sha256) return undefined;
    const { format, width, height, sourcePpi } = entry.image;
    if (!hasSignature(data, format)) return undefined;
    return { data, format, width, height, sourcePpi };
  } catch {
    return undefined;
  }
}

/** Stores the photo; failures to write are ignored (the cache is an optimisation only). */
export async function writeCache(cacheDir: string, key: string, photo: ProcessedPhoto): Promise<void> {
  const entry: Entry = {
    format: CACHE_FORMAT,
    key,
    image: {
      format: photo.format,
      width: photo.width,
      height: photo.height,
      sourcePpi: photo.sourcePpi,
      sha256: sha256(photo.data),
    },
    data: photo.data.toString('base64'),
  };
  const target = cacheFile(cacheDir, key);
  const temp = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(cacheDir, { recursive: true });
    await writeFile(temp, JSON.stringify(entry));
    await rename(temp, target);
  } catch {
    await unlink(temp).catch(() => undefined);
  }
}

function isEntry(v: unknown): v is Entry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  if (e.format !== CACHE_FORMAT || typeof e.key !== 'string' || typeof e.data !== 'string') return false;
  const image = e.image;
  if (typeof image !== 'object' || image === null) return false;
  const i = image as Record<string, unknown>;
  return (
    (i.format === 'jpeg' || i.format === 'png') &&
    isPositiveInt(i.width) &&
    isPositiveInt(i.height) &&
    typeof i.sourcePpi === 'number' &&
    Number.isFinite(i.sourcePpi) &&
    typeof i.sha256 === 'string'
  );
}

function isPositiveInt(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n > 0;
}

function hasSignature(data: Buffer, format: 'jpeg' | 'png'): boolean {
  return format === 'jpeg'
    ? data.length > 4 && data[0] === 0xff && data[1] === 0xd8
    : data.subarray(0, 8).toString('latin1') === '\x89PNG\r\n\x1a\n';
}
