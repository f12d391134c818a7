/**
 * The photo stage: turns the author's photo file into a print-ready, metadata-free JPEG (or PNG)
 * data URL sized for the template. sharp is used only inside this folder.
 */
import { diagnostic } from '../errors.js';
import type { Diagnostic, PreparedPhoto } from '../model.js';
import { cacheKey, readCache, writeCache } from './cache.js';
import type { ProcessedPhoto, ProcessOptions } from './process.js';
import { MIN_PPI, readPhotoFile } from './read.js';

// describe.ts and process.ts load sharp only when called: a photo-cache hit never loads it.
export { describeImage, decodeDataUrl, type ImageDescription } from './describe.js';
export { MAX_PIXELS, MIN_PPI, TARGET_PPI } from './read.js';

export interface PhotoOptions {
  /** Width the template places the photo at, in PDF points (1/72 in). */
  placedWidthPt: number;
  /** Width/height ratio to crop to, if the template sets one. */
  aspect?: number;
  /** Focal point for the crop (fractions 0..1); default: sharp's attention strategy. */
  focus?: { x: number; y: number };
  /** Greyscale rendition for black-and-white printing. */
  grey?: boolean;
  /** Folder for the content-hash cache; no caching when absent. */
  cacheDir?: string;
}

/**
 * Photos this process has already prepared, by content key (the bytes read and hashed on every
 * call, as for the disk cache): a long-lived process (the build server, `brief watch`) then skips
 * reading, checking and re-encoding the cache entry on each rebuild (≈ 2–3 ms of a warm build).
 */
const prepared = new Map<string, { photo: ProcessedPhoto; dataUrl: string }>();
/** Far more than an issue holds (a photo and a few figures); then the memo starts again. */
const KEPT_PHOTOS = 16;

/** Forgets the photos this process prepared (tests of the disk cache, which it would answer for). */
export function forgetPreparedPhotos(): void {
  prepared.clear();
}

/**
 * Reads, checks and converts a photo. Throws a `BriefError` (`<file>: cannot read photo: <reason>`)
 * for a missing, empty, truncated, unsupported or oversized (> 100 megapixels) file. The result is
 * byte-identical for the same input bytes and options.
 */
export async function preparePhoto(file: string, options: PhotoOptions): Promise<PreparedPhoto> {
  const processOptions = normalise(options);
  const bytes = await readPhotoFile(file);
  const key = options.cacheDir === undefined ? undefined : cacheKey(bytes, processOptions);
  const kept = key === undefined ? undefined : prepared.get(key);
  let photo =
    kept?.photo ??
    (options.cacheDir !== undefined && key !== undefined
      ? await readCache(options.cacheDir, key)
      : undefined);
  if (photo === undefined) {
    const { processPhoto } = await import('./process.js');
    photo = await processPhoto(file, bytes, processOptions);
    if (options.cacheDir !== undefined && key !== undefined) await writeCache(options.cacheDir, key, photo);
  }
  const warnings: Diagnostic[] = [];
  if (photo.sourcePpi < MIN_PPI) {
    warnings.push(
      diagnostic(
        { file },
        'photo/low-resolution',
        `photo is only ${Math.floor(photo.sourcePpi)} ppi at the placed width (${MIN_PPI} ppi needed for print)`,
        'supply a larger image',
        'warning',
      ),
    );
  }
  const mediaType = photo.format === 'jpeg' ? 'image/jpeg' : 'image/png';
  const dataUrl = kept?.dataUrl ?? `data:${mediaType};base64,${photo.data.toString('base64')}`;
  if (key !== undefined && !kept) {
    if (prepared.size >= KEPT_PHOTOS) prepared.clear();
    prepared.set(key, { photo, dataUrl });
  }
  return {
    dataUrl,
    width: photo.width,
    height: photo.height,
    format: photo.format,
    bytes: photo.data.length,
    warnings,
  };
}

function normalise(options: PhotoOptions): ProcessOptions {
  const { placedWidthPt, aspect, focus } = options;
  if (!(Number.isFinite(placedWidthPt) && placedWidthPt > 0)) {
    throw new RangeError(`placedWidthPt must be a positive number, got ${placedWidthPt}`);
  }
  if (aspect !== undefined && !(Number.isFinite(aspect) && aspect > 0)) {
    throw new RangeError(`aspect must be a positive number, got ${aspect}`);
  }
  if (focus !== undefined && !(Number.isFinite(focus.x) && Number.isFinite(focus.y))) {
    throw new RangeError(`focus must be finite fractions, got ${JSON.stringify(focus)}`);
  }
  const result: ProcessOptions = { placedWidthPt, grey: options.grey === true };
  if (aspect !== undefined) result.aspect = aspect;
  if (focus !== undefined) {
    result.focus = { x: Math.min(1, Math.max(0, focus.x)), y: Math.min(1, Math.max(0, focus.y)) };
  }
  return result;
}
