import { beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { isBriefError } from '../../src/errors.js';
import type { PreparedPhoto } from '../../src/model.js';
import { cacheFile, cacheKey } from '../../src/photo/cache.js';
import {
  decodeDataUrl,
  describeImage,
  forgetPreparedPhotos,
  preparePhoto,
  type PhotoOptions,
} from '../../src/photo/index.js';
import { processStats } from '../../src/photo/process.js';
import { tempDir } from '../support/fixtures.js';
import { AVIF_SUPPORTED, H, W, makeFixtures, type Fixtures } from './fixtures.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLE_PHOTO = path.join(ROOT, 'assets/issues/2025-alaska-summit/photo.jpg');

/** 240 pt placed width → 1000 px at 300 ppi; the 1200 px fixtures are scaled down to that. */
const PLACED = 240;
const TARGET = 1000;

let fx: Fixtures;
let dir: string;

/** AVIF tests run where sharp can write AVIF and show as skipped elsewhere (never an empty pass). */
const itAvif = AVIF_SUPPORTED ? it : it.skip;

/** The AVIF fixture; only called by `itAvif` tests, which run when it was made. */
function avifFixture(): string {
  if (fx.avif === undefined) throw new Error('sharp can write AVIF, yet the AVIF fixture was not made');
  return fx.avif;
}

// The folder is removed after the last test by tests/support/fixtures.ts.
beforeAll(async () => {
  dir = tempDir('photo-');
  fx = await makeFixtures(dir);
});

interface Decoded {
  photo: PreparedPhoto;
  pixels: Buffer;
  width: number;
  height: number;
  channels: number;
}

async function prepare(file: string, options: Partial<PhotoOptions> = {}): Promise<Decoded> {
  const photo = await preparePhoto(file, { placedWidthPt: PLACED, ...options });
  const { data } = decodeDataUrl(photo.dataUrl);
  const { data: pixels, info } = await sharp(data).raw().toBuffer({ resolveWithObject: true });
  return { photo, pixels, width: info.width, height: info.height, channels: info.channels };
}

function rgb(d: Decoded, x: number, y: number): [number, number, number] {
  const i = (y * d.width + x) * d.channels;
  const at = (k: number): number => d.pixels[i + Math.min(k, d.channels - 1)] ?? -1;
  return [at(0), at(1), at(2)];
}

const isRed = ([r, g, b]: [number, number, number]): boolean => r > 170 && g < 90 && b < 90;
const isBlue = ([r, g, b]: [number, number, number]): boolean => b > 160 && r < 100 && g < 110;

/** The checks every produced photo must pass. */
async function expectPrintReady(
  d: Decoded,
  expected: { width: number; height: number; grey?: boolean },
): Promise<void> {
  const { photo } = d;
  const { mediaType, data } = decodeDataUrl(photo.dataUrl);
  expect(mediaType).toBe(photo.format === 'jpeg' ? 'image/jpeg' : 'image/png');
  expect(photo.bytes).toBe(data.length);
  const info = await describeImage(data);
  expect(info.format).toBe(photo.format);
  expect([info.width, info.height]).toEqual([expected.width, expected.height]);
  expect([photo.width, photo.height]).toEqual([expected.width, expected.height]);
  expect(info.channels).toBe(expected.grey ? 1 : 3);
  expect(info.space).toBe(expected.grey ? 'b-w' : 'srgb');
  expect(info.depth).toBe('uchar');
  expect(info.bitsPerChannel).toBe(8);
  expect(info.hasAlpha).toBe(false);
  expect({ exif: info.exif, icc: info.icc, xmp: info.xmp, iptc: info.iptc }).toEqual({
    exif: false,
    icc: false,
    xmp: false,
    iptc: false,
  });
  if (photo.format === 'jpeg') {
    expect(info.jpegProcess).toBe('baseline');
    expect(info.extras).toEqual([]); // no APPn (EXIF, XMP, ICC, Adobe, JFIF) and no COM
    if (!expected.grey) expect(info.chromaSubsampling).toBe('4:2:0');
  } else {
    expect(info.extras.filter((t) => t !== 'pHYs')).toEqual([]); // no eXIf, iCCP, tEXt/iTXt (XMP), gAMA …
  }
}

async function expectFailure(file: string, reason: string | RegExp): Promise<void> {
  let error: unknown;
  try {
    await preparePhoto(file, { placedWidthPt: PLACED });
  } catch (e) {
    error = e;
  }
  expect(isBriefError(error)).toBe(true);
  const message = error instanceof Error ? error.message : '';
  if (typeof reason === 'string') expect(message).toBe(`${file}: cannot read photo: ${reason}`);
  else {
    expect(message.startsWith(`${file}: cannot read photo: `)).toBe(true);
    expect(message).toMatch(reason);
  }
}

describe('preparePhoto: accepted formats', () => {
  it('JPEG: scaled to 300 ppi at the placed width, 8-bit sRGB baseline 4:2:0, no metadata', async () => {
    const d = await prepare(fx.jpeg);
    await expectPrintReady(d, { width: TARGET, height: Math.round((TARGET * H) / W) });
    expect(d.photo.format).toBe('jpeg');
    expect(d.photo.warnings).toEqual([]);
    expect(isRed(rgb(d, 10, 10))).toBe(true);
    expect(isBlue(rgb(d, d.width - 10, d.height - 10))).toBe(true);
  });

  it('a progressive JPEG with EXIF, GPS, XMP and a Display P3 profile: converted to sRGB, all metadata stripped', async () => {
    const m = await sharp(fx.tagged).metadata();
    expect([m.isProgressive, m.exif !== undefined, m.xmp !== undefined, m.hasProfile]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    const d = await prepare(fx.tagged);
    await expectPrintReady(d, { width: TARGET, height: 667 });
    expect(isRed(rgb(d, 10, 10))).toBe(true);
    const { data } = decodeDataUrl(d.photo.dataUrl);
    for (const needle of ['Photographer', 'xmpmeta', 'Exif', 'ICC_PROFILE', 'GPS']) {
      expect(data.includes(Buffer.from(needle, 'latin1'))).toBe(false);
    }
  });

  it('CMYK JPEG becomes sRGB with colours kept', async () => {
    expect((await sharp(fx.cmyk).metadata()).space).toBe('cmyk');
    const d = await prepare(fx.cmyk);
    await expectPrintReady(d, { width: TARGET, height: 667 });
    expect(isRed(rgb(d, 10, 10))).toBe(true);
    // the blue block is outside the CMYK gamut: it comes back a darker blue
    const [r, g, b] = rgb(d, d.width - 10, d.height - 10);
    expect(b).toBeGreaterThan(r + 60);
    expect(b).toBeGreaterThan(g + 40);
  });

  it('EXIF orientation 6 is applied: the picture comes out upright', async () => {
    const m = await sharp(fx.rotated).metadata();
    expect([m.orientation, m.width, m.height]).toEqual([6, W, H]); // stored landscape, viewed portrait
    const d = await prepare(fx.rotated);
    await expectPrintReady(d, { width: H, height: W }); // 800 px < 1000: never upscaled
    expect(isRed(rgb(d, 10, 10))).toBe(true);
    expect(isRed(rgb(d, d.width - 10, 10))).toBe(false);
    expect(isRed(rgb(d, 10, d.height - 10))).toBe(false);
    expect(isBlue(rgb(d, d.width - 10, d.height - 10))).toBe(true);
  });

  it('the crop is cut from the upright picture', async () => {
    // portrait 800×1200 once oriented: a square from the top keeps the red block, not the blue one
    const d = await prepare(fx.rotated, { aspect: 1, focus: { x: 0.5, y: 0 } });
    await expectPrintReady(d, { width: H, height: H });
    expect(isRed(rgb(d, 10, 10))).toBe(true);
    expect(isBlue(rgb(d, d.width - 10, d.height - 10))).toBe(false);
  });

  it('16-bit PNG becomes 8-bit', async () => {
    expect((await sharp(fx.png16).metadata()).depth).toBe('ushort');
    const d = await prepare(fx.png16);
    await expectPrintReady(d, { width: TARGET, height: 667 });
    expect(d.photo.format).toBe('jpeg'); // a photo: JPEG is far smaller than PNG
  });

  it('a photo with alpha is flattened onto white and encoded as JPEG', async () => {
    const d = await prepare(fx.alphaPhoto);
    await expectPrintReady(d, { width: TARGET, height: 667 });
    expect(d.photo.format).toBe('jpeg');
    // 50 % alpha over white: lighter than the opaque base colour, red block turns pink
    const [r, g, b] = rgb(d, 10, 10);
    expect(r).toBeGreaterThan(230);
    expect(g).toBeGreaterThan(120);
    expect(b).toBeGreaterThan(120);
  });

  it('transparent line art is flattened onto white and kept as PNG when that is smaller', async () => {
    // placed at 4 in, the 1200 px drawing is not resampled: its few flat colours stay exact
    const d = await prepare(fx.lineArt, { placedWidthPt: 4 * 72 });
    await expectPrintReady(d, { width: W, height: H });
    expect(d.photo.format).toBe('png');
    expect(rgb(d, d.width - 5, 5)).toEqual([255, 255, 255]);
    expect(rgb(d, Math.floor(d.width * 0.5), Math.floor(d.height * 0.3))).toEqual([0xc0, 0, 0]);
    // resampled, it is still white where it was transparent, whatever the encoding
    const scaled = await prepare(fx.lineArt);
    await expectPrintReady(scaled, { width: TARGET, height: 667 });
    expect(Math.min(...rgb(scaled, scaled.width - 5, 5))).toBeGreaterThan(245);
  });

  it('WebP', async () => {
    const d = await prepare(fx.webp);
    await expectPrintReady(d, { width: TARGET, height: 667 });
    expect(d.photo.format).toBe('jpeg');
    expect(isRed(rgb(d, 10, 10))).toBe(true);
  });

  it('TIFF', async () => {
    const d = await prepare(fx.tiff);
    await expectPrintReady(d, { width: TARGET, height: 667 });
    expect(isBlue(rgb(d, d.width - 10, d.height - 10))).toBe(true);
  });

  itAvif('AVIF', async () => {
    const d = await prepare(avifFixture());
    await expectPrintReady(d, { width: TARGET, height: 667 });
    expect(isRed(rgb(d, 10, 10))).toBe(true);
  });

  it('animated GIF: the first frame only', async () => {
    expect((await sharp(fx.gif).metadata()).pages).toBe(2);
    const d = await prepare(fx.gif);
    await expectPrintReady(d, { width: 120, height: 80 });
    expect(isRed(rgb(d, 60, 40))).toBe(true);
  });

  it('greyscale JPEG with an ICC profile becomes 3-channel sRGB without a profile', async () => {
    const m = await sharp(fx.greyIcc).metadata();
    expect([m.space, m.channels, m.hasProfile]).toEqual(['b-w', 1, true]);
    const d = await prepare(fx.greyIcc);
    await expectPrintReady(d, { width: TARGET, height: 667 });
  });
});

describe('preparePhoto: size, crop and greyscale', () => {
  it('warns when the photo gives under 150 ppi at the placed width, and never upscales', async () => {
    const d = await prepare(fx.tiny);
    await expectPrintReady(d, { width: 40, height: 30 });
    expect(d.photo.warnings).toEqual([
      {
        file: fx.tiny,
        code: 'photo/low-resolution',
        severity: 'warning',
        message: 'photo is only 12 ppi at the placed width (150 ppi needed for print)',
        hint: 'supply a larger image',
      },
    ]);
  });

  it('no warning at 150 ppi or more', async () => {
    // 1200 px over 8 in = 150 ppi
    const d = await prepare(fx.jpeg, { placedWidthPt: 8 * 72 });
    expect(d.photo.warnings).toEqual([]);
    expect(d.width).toBe(W);
    const low = await prepare(fx.jpeg, { placedWidthPt: 8 * 72 + 1 });
    expect(low.photo.warnings).toHaveLength(1);
    expect(low.photo.warnings[0]?.message).toContain('photo is only 149 ppi');
  });

  it('crops to the aspect around the focus point', async () => {
    const left = await prepare(fx.jpeg, { aspect: 1, focus: { x: 0, y: 0.5 } });
    await expectPrintReady(left, { width: H, height: H });
    expect(isRed(rgb(left, 10, 10))).toBe(true);
    expect(isBlue(rgb(left, left.width - 10, left.height - 10))).toBe(false);
    const right = await prepare(fx.jpeg, { aspect: 1, focus: { x: 1, y: 0.5 } });
    expect(isRed(rgb(right, 10, 10))).toBe(false);
    expect(isBlue(rgb(right, right.width - 10, right.height - 10))).toBe(true);
  });

  it('crops to a wide aspect (attention strategy without focus) and scales', async () => {
    const d = await prepare(fx.jpeg, { aspect: 2 });
    await expectPrintReady(d, { width: TARGET, height: 500 });
    expect(d.photo.warnings).toEqual([]);
  });

  it('the low-resolution warning uses the cropped width', async () => {
    // aspect 1 keeps 800 of 1200 px; at 5 in that is 160 ppi (ok), at 6 in 133 ppi (warns)
    expect((await prepare(fx.jpeg, { aspect: 1, placedWidthPt: 5 * 72 })).photo.warnings).toEqual([]);
    const w = (await prepare(fx.jpeg, { aspect: 1, placedWidthPt: 6 * 72 })).photo.warnings;
    expect(w[0]?.message).toContain('photo is only 133 ppi');
  });

  it('grey: a 1-channel 8-bit baseline JPEG', async () => {
    const d = await prepare(fx.cmyk, { grey: true });
    await expectPrintReady(d, { width: TARGET, height: 667, grey: true });
    expect(d.photo.format).toBe('jpeg');
    const rotated = await prepare(fx.rotated, { grey: true });
    await expectPrintReady(rotated, { width: H, height: W, grey: true });
  });
});

describe('preparePhoto: files it cannot read', () => {
  it('a truncated JPEG', async () => {
    // sharp decodes it leniently unless told to fail
    await expect(sharp(fx.truncatedJpeg, { failOn: 'none' }).toBuffer()).resolves.toBeInstanceOf(Buffer);
    await expectFailure(fx.truncatedJpeg, 'the JPEG data is truncated');
  });

  /** The first 30 % of `source` (inside the first frame: the GIF fixture has two) must be refused as truncated. */
  async function expectTruncatedRefused(source: string, key: string, name: string): Promise<void> {
    const bytes = readFileSync(source);
    const file = path.join(dir, `truncated-${key}.${key}`);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.3)));
    await expectFailure(file, new RegExp(`: the ${name} data is truncated`));
  }

  it.each([
    ['webp', 'WebP'],
    ['gif', 'GIF'],
    ['tiff', 'TIFF'],
  ] as const)('a truncated %s file', async (key, name) => {
    await expectTruncatedRefused(fx[key], key, name);
  });

  itAvif('a truncated avif file', async () => {
    await expectTruncatedRefused(avifFixture(), 'avif', 'AVIF');
  });

  it('a truncated PNG', async () => {
    await expectFailure(fx.truncatedPng, /^.*: the PNG data is truncated( or damaged)?/);
  });

  it('an empty file', async () => {
    await expectFailure(fx.empty, 'the file is empty');
  });

  it('a text file named .jpg', async () => {
    await expectFailure(fx.text, 'not an image sharp can read (JPEG, PNG, WebP, TIFF, AVIF, GIF)');
  });

  it('an SVG', async () => {
    await expectFailure(fx.svg, 'SVG is not supported; supply a JPEG, PNG, WebP, TIFF, AVIF or GIF file');
  });

  it('a missing file', async () => {
    await expectFailure(fx.missing, 'no such file');
  });

  it('a folder', async () => {
    await expectFailure(fx.dir, 'it is a folder, not a file');
  });

  // How fast the refusal is belongs to scripts/bench.mjs ("refuse a 30000×30000 PNG"), not to a test.
  it('a 30000×30000 PNG is refused without allocating its pixels', async () => {
    const before = process.memoryUsage().rss;
    await expectFailure(
      fx.bomb,
      'the image is 30000 × 30000 pixels (900 megapixels); the limit is 100 megapixels, supply a smaller image',
    );
    const grown = process.memoryUsage().rss - before;
    expect(grown).toBeLessThan(100 * 2 ** 20);
  });

  it('anything above 100 megapixels is refused', async () => {
    await expectFailure(
      fx.over,
      'the image is 11000 × 10000 pixels (110 megapixels); the limit is 100 megapixels, supply a smaller image',
    );
  });
});

describe('preparePhoto: determinism and cache', () => {
  it('same input and options give byte-identical output', async () => {
    const a = await preparePhoto(fx.jpeg, { placedWidthPt: PLACED, aspect: 1.5 });
    const b = await preparePhoto(fx.jpeg, { placedWidthPt: PLACED, aspect: 1.5 });
    expect(b.dataUrl).toBe(a.dataUrl);
    const c = await preparePhoto(fx.lineArt, { placedWidthPt: PLACED });
    const e = await preparePhoto(fx.lineArt, { placedWidthPt: PLACED });
    expect(e.dataUrl).toBe(c.dataUrl);
  });

  it('the output does not depend on the number of sharp threads', async () => {
    const before = sharp.concurrency();
    try {
      const many = await preparePhoto(fx.tagged, { placedWidthPt: PLACED, aspect: 4 / 3 });
      sharp.concurrency(1);
      const one = await preparePhoto(fx.tagged, { placedWidthPt: PLACED, aspect: 4 / 3 });
      expect(one.dataUrl).toBe(many.dataUrl);
    } finally {
      sharp.concurrency(before);
    }
  });

  it('a second call is served from the cache without running sharp; a corrupt entry is rebuilt', async () => {
    const cacheDir = path.join(dir, 'cache');
    const options: PhotoOptions = { placedWidthPt: PLACED, aspect: 1.5, cacheDir };
    const uncached = await preparePhoto(fx.tiny, { placedWidthPt: PLACED, aspect: 1.5 });

    const runs0 = processStats.runs;
    const first = await preparePhoto(fx.tiny, options);
    expect(processStats.runs).toBe(runs0 + 1);
    expect(first).toEqual(uncached); // same bytes and the same warning, cached or not
    const entries = readdirSync(cacheDir);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatch(/^[0-9a-f]{64}\.json$/);
    const entry = path.join(cacheDir, entries[0] ?? '');
    const mtime = statSync(entry).mtimeMs;

    // From the disk cache, not this process's memory of it (src/photo/index.ts).
    forgetPreparedPhotos();
    const second = await preparePhoto(fx.tiny, options);
    expect(processStats.runs).toBe(runs0 + 1);
    expect(second).toEqual(first);
    expect(statSync(entry).mtimeMs).toBe(mtime);

    // other options, other entry
    await preparePhoto(fx.tiny, { ...options, grey: true });
    expect(processStats.runs).toBe(runs0 + 2);
    expect(readdirSync(cacheDir)).toHaveLength(2);

    for (const garbage of ['{"truncated', '', JSON.stringify({ format: 'x' })]) {
      writeFileSync(entry, garbage);
      forgetPreparedPhotos();
      const rebuilt = await preparePhoto(fx.tiny, options);
      expect(rebuilt).toEqual(first);
    }
    expect(processStats.runs).toBe(runs0 + 5);
    // an entry whose image bytes were damaged is caught by its checksum
    const json = JSON.parse(readFileSync(entry, 'utf8')) as {
      data: string;
    };
    json.data = Buffer.from(
      Buffer.from(json.data, 'base64').map((b, i) => (i === 300 ? b ^ 0xff : b)),
    ).toString('base64');
    writeFileSync(entry, JSON.stringify(json));
    forgetPreparedPhotos();
    expect(await preparePhoto(fx.tiny, options)).toEqual(first);
    expect(processStats.runs).toBe(runs0 + 6);
    forgetPreparedPhotos();
    expect(await preparePhoto(fx.tiny, options)).toEqual(first);
    expect(processStats.runs).toBe(runs0 + 6);
    // no temp files left behind
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('the cache key is the content, not the path', async () => {
    const cacheDir = path.join(dir, 'cache2');
    const copy = path.join(dir, 'renamed.jpg');
    writeFileSync(copy, readFileSync(fx.tiny));
    const runs0 = processStats.runs;
    await preparePhoto(fx.tiny, { placedWidthPt: PLACED, cacheDir });
    const moved = await preparePhoto(copy, { placedWidthPt: PLACED, cacheDir });
    expect(processStats.runs).toBe(runs0 + 1);
    expect(moved.warnings[0]).toEqual(
      expect.objectContaining({ file: copy, code: 'photo/low-resolution', severity: 'warning' }),
    );
    const key = cacheKey(readFileSync(copy), {
      placedWidthPt: PLACED,
      grey: false,
    });
    expect(existsSync(cacheFile(cacheDir, key))).toBe(true);
  });

  it('an unwritable cache folder does not fail the build', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const photo = await preparePhoto(fx.tiny, {
      placedWidthPt: PLACED,
      cacheDir: path.join(blocker, 'cache'),
    });
    expect(photo.width).toBe(40);
  });
});

describe('the sample issue placeholder', () => {
  it('is a 1600×1067 JPEG under 300 KB', async () => {
    const m = await sharp(SAMPLE_PHOTO).metadata();
    expect([m.format, m.width, m.height]).toEqual(['jpeg', 1600, 1067]);
    expect(statSync(SAMPLE_PHOTO).size).toBeLessThanOrEqual(300 * 1024);
  });

  it.each([undefined, 3 / 2, 16 / 9])(
    'at the A4 text width (481.9 pt, aspect %p) is print ready and ≤ 300 KB',
    async (aspect) => {
      const d = await prepare(SAMPLE_PHOTO, {
        placedWidthPt: 481.9,
        ...(aspect === undefined ? {} : { aspect }),
      });
      expect(d.photo.bytes).toBeLessThanOrEqual(300 * 1024);
      expect(d.photo.warnings).toEqual([]); // 1600 px over 6.69 in ≈ 239 ppi
      expect(d.width).toBeLessThanOrEqual(1600);
      await expectPrintReady(d, { width: d.width, height: d.height });
    },
  );
});
