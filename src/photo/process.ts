/**
 * The sharp pipeline: decode (first frame), orient, crop, size for print, convert to 8-bit sRGB or
 * grey, flatten onto white, and encode as baseline JPEG (or PNG where that is smaller for line art).
 */
import sharp from 'sharp';
import type { Metadata, OutputInfo, ResizeOptions, Sharp } from 'sharp';
import {
  ACCEPTED,
  MAX_PIXELS,
  decodeReason,
  formatName,
  photoError,
  sniff,
  unsupportedReason,
  type InputFormat,
  TARGET_PPI,
} from './read.js';

/** JPEG settings (measured: see docs/photo.md). */
const JPEG_OPTIONS = {
  quality: 85,
  progressive: false,
  chromaSubsampling: '4:2:0',
  optimiseCoding: true,
  trellisQuantisation: true,
  overshootDeringing: true,
  quantisationTable: 3,
  mozjpeg: false,
} as const;

const PNG_OPTIONS = {
  compressionLevel: 9,
  adaptiveFiltering: false,
  palette: false,
  progressive: false,
} as const;

/** Palette PNG for images of at most 256 colours; used only when it decodes to exactly the same pixels. */
const PALETTE_PNG_OPTIONS = {
  compressionLevel: 9,
  palette: true,
  colours: 256,
  dither: 0,
  quality: 100,
  effort: 10,
  progressive: false,
} as const;

export interface ProcessOptions {
  placedWidthPt: number;
  aspect?: number;
  focus?: { x: number; y: number };
  grey: boolean;
}

export interface ProcessedPhoto {
  data: Buffer;
  format: 'jpeg' | 'png';
  width: number;
  height: number;
  /** Resolution of the (cropped) source at the placed width: what the reader gets at best. */
  sourcePpi: number;
}

/** How many times the sharp pipeline has run in this process (tests use it to see cache hits). */
export const processStats = { runs: 0 };

const SHARP_INPUT = {
  failOn: 'error',
  limitInputPixels: MAX_PIXELS,
  autoOrient: true,
  page: 0,
  pages: 1,
} as const;

export async function processPhoto(
  file: string,
  bytes: Buffer,
  options: ProcessOptions,
): Promise<ProcessedPhoto> {
  processStats.runs++;
  const sniffed = sniff(bytes);
  if (sniffed.kind !== 'accepted') throw photoError(file, unsupportedReason(sniffed));
  const format = sniffed.format;

  // Header only (no pixels decoded); no pixel limit here so the message can give the size.
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false, failOn: 'none' }).metadata();
  } catch (e) {
    throw photoError(file, decodeReason(format, e));
  }
  checkDecoded(file, format, meta);

  const pixels = meta.width * meta.height;
  if (pixels > MAX_PIXELS) {
    throw photoError(
      file,
      `the image is ${meta.width} × ${meta.height} pixels (${Math.round(pixels / 1e6)} megapixels); ` +
        `the limit is ${MAX_PIXELS / 1e6} megapixels, supply a smaller image`,
    );
  }

  const upright = meta.autoOrient;
  const geometry = plan(upright.width, upright.height, options);

  let raw: { data: Buffer; info: OutputInfo };
  try {
    let pipeline: Sharp = sharp(bytes, SHARP_INPUT).timeout({ seconds: 120 });
    if (meta.hasAlpha) pipeline = pipeline.flatten({ background: '#ffffff' });
    if (geometry.extract) pipeline = pipeline.extract(geometry.extract);
    if (geometry.resize) pipeline = pipeline.resize(geometry.resize);
    pipeline = pipeline.toColourspace(options.grey ? 'b-w' : 'srgb');
    raw = await pipeline.raw().toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw photoError(file, decodeReason(format, e));
  }

  const { width, height, channels } = raw.info;
  const expectedChannels = options.grey ? 1 : 3;
  if (channels !== expectedChannels) {
    throw new Error(`photo pipeline produced ${channels} channels, expected ${expectedChannels}`);
  }
  const rawInput = { raw: { width, height, channels: expectedChannels } } as const;
  const space = options.grey ? 'b-w' : 'srgb';
  const jpeg = await sharp(raw.data, rawInput).toColourspace(space).jpeg(JPEG_OPTIONS).toBuffer();
  let data: Buffer = jpeg;
  let outFormat: 'jpeg' | 'png' = 'jpeg';
  if (format === 'png' || format === 'gif' || meta.hasAlpha || meta.isPalette) {
    const png = await smallestLosslessPng(raw.data, rawInput.raw, space);
    if (png !== undefined && png.length < jpeg.length) {
      data = png;
      outFormat = 'png';
    }
  }
  return { data, format: outFormat, width, height, sourcePpi: geometry.sourcePpi };
}

type RawShape = { width: number; height: number; channels: 1 | 3 };

/**
 * Lossless PNG of the pixels: truecolour (or grey), or palette when that is exact and smaller;
 * undefined for a colour photo.
 */
/** More distinct colours than this and the picture is taken for a photo, not line art. */
const MAX_LINE_ART_COLOURS = 8192;

async function smallestLosslessPng(
  pixels: Buffer,
  shape: RawShape,
  space: 'srgb' | 'b-w',
): Promise<Buffer | undefined> {
  const input = { raw: shape };
  const colours = shape.channels === 3 ? countColours(pixels, MAX_LINE_ART_COLOURS + 1) : 0;
  // A photo (thousands of colours) never compresses better as PNG: do not spend time encoding one.
  if (colours > MAX_LINE_ART_COLOURS) return undefined;
  let best: Buffer = await sharp(pixels, input).toColourspace(space).png(PNG_OPTIONS).toBuffer();
  if (shape.channels === 3 && colours <= 256) {
    const palette = await sharp(pixels, input).png(PALETTE_PNG_OPTIONS).toBuffer();
    if (palette.length < best.length) {
      const decoded = await sharp(palette).toColourspace('srgb').removeAlpha().raw().toBuffer();
      if (decoded.equals(pixels)) best = palette;
    }
  }
  return best;
}

/** Number of distinct RGB colours, counting no further than `stop`. */
function countColours(rgb: Buffer, stop: number): number {
  const seen = new Set<number>();
  for (let i = 0; i + 2 < rgb.length; i += 3) {
    seen.add(((rgb[i] ?? 0) << 16) | ((rgb[i + 1] ?? 0) << 8) | (rgb[i + 2] ?? 0));
    if (seen.size >= stop) break;
  }
  return seen.size;
}

function checkDecoded(file: string, format: InputFormat, meta: Metadata): void {
  const actual: string = meta.format;
  const matches = actual === format || (format === 'avif' && (actual === 'heif' || actual === 'avif'));
  if (!matches) throw photoError(file, `not an image sharp can read (${ACCEPTED})`);
  if (format === 'avif' && meta.compression !== undefined && meta.compression !== 'av1') {
    throw photoError(file, unsupportedReason({ kind: 'other', name: 'HEIC' }));
  }
  if (!(meta.width > 0 && meta.height > 0)) {
    throw photoError(file, `the ${formatName(format)} file gives no image size`);
  }
}

interface Geometry {
  extract?: { left: number; top: number; width: number; height: number };
  resize?: ResizeOptions;
  sourcePpi: number;
}

/**
 * Where to crop and what size to make, in upright (EXIF-oriented) pixels. Never upscales: the
 * output is at most the cropped source, at most 300 ppi at the placed width.
 */
export function plan(width: number, height: number, options: ProcessOptions): Geometry {
  const placedInches = options.placedWidthPt / 72;
  const targetWidth = Math.max(1, Math.round(placedInches * TARGET_PPI));
  let cropW = width;
  let cropH = height;
  const aspect = options.aspect;
  if (aspect !== undefined) {
    if (width / height > aspect) cropW = clamp(Math.round(height * aspect), 1, width);
    else cropH = clamp(Math.round(width / aspect), 1, height);
  }
  const sourcePpi = cropW / placedInches;
  const outW = Math.min(cropW, targetWidth);
  const outH = clamp(Math.round((outW * cropH) / cropW), 1, cropH);
  const cropped = cropW !== width || cropH !== height;
  const scaled = outW !== cropW;
  if (!cropped) {
    return scaled ? { resize: { width: outW, height: outH, fit: 'fill' }, sourcePpi } : { sourcePpi };
  }
  if (options.focus) {
    const fx = clamp(options.focus.x, 0, 1);
    const fy = clamp(options.focus.y, 0, 1);
    const left = clamp(Math.round(fx * width - cropW / 2), 0, width - cropW);
    const top = clamp(Math.round(fy * height - cropH / 2), 0, height - cropH);
    const extract = { left, top, width: cropW, height: cropH };
    return scaled
      ? { extract, resize: { width: outW, height: outH, fit: 'fill' }, sourcePpi }
      : { extract, sourcePpi };
  }
  return {
    resize: { width: outW, height: outH, fit: 'cover', position: sharp.strategy.attention },
    sourcePpi,
  };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
