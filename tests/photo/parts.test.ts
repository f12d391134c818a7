import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describeImage, decodeDataUrl } from '../../src/photo/index.js';
import { plan } from '../../src/photo/process.js';
import { decodeReason, sniff, unsupportedReason } from '../../src/photo/read.js';
import { PROJECT_ROOT } from '../support/fixtures.js';

function ftyp(major: string, ...compatible: string[]): Buffer {
  const brands = [major, '\0\0\0\0', ...compatible].join('');
  const box = Buffer.alloc(8 + brands.length + 16);
  box.writeUInt32BE(8 + brands.length, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(brands, 8, 'latin1');
  return box;
}

describe('sniff', () => {
  it('recognises the accepted formats by their first bytes', () => {
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ kind: 'accepted', format: 'jpeg' });
    expect(sniff(Buffer.from('\x89PNG\r\n\x1a\n....', 'latin1'))).toEqual({
      kind: 'accepted',
      format: 'png',
    });
    expect(sniff(Buffer.from('GIF89a....'))).toEqual({ kind: 'accepted', format: 'gif' });
    expect(sniff(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toEqual({ kind: 'accepted', format: 'webp' });
    expect(sniff(Buffer.from('II*\0\x08\0\0\0', 'latin1'))).toEqual({ kind: 'accepted', format: 'tiff' });
    expect(sniff(Buffer.from('MM\0*\0\0\0\x08', 'latin1'))).toEqual({ kind: 'accepted', format: 'tiff' });
    expect(sniff(ftyp('avif', 'mif1', 'miaf'))).toEqual({ kind: 'accepted', format: 'avif' });
    // AVIF written with a generic major brand
    expect(sniff(ftyp('mif1', 'avif', 'miaf'))).toEqual({ kind: 'accepted', format: 'avif' });
  });

  it('names formats we do not take, for a precise message', () => {
    expect(sniff(ftyp('heic', 'mif1'))).toEqual({ kind: 'other', name: 'HEIC' });
    expect(sniff(ftyp('mif1', 'heic'))).toEqual({ kind: 'other', name: 'HEIC' });
    expect(sniff(Buffer.from('%PDF-1.7\n'))).toEqual({ kind: 'other', name: 'PDF' });
    expect(sniff(Buffer.from('BM\0\0\0\0'))).toEqual({ kind: 'other', name: 'BMP' });
    expect(sniff(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="…">'))).toEqual({
      kind: 'other',
      name: 'SVG',
    });
    expect(sniff(Buffer.from('hello'))).toEqual({ kind: 'unknown' });
    expect(sniff(Buffer.from([0xff]))).toEqual({ kind: 'unknown' });
    expect(unsupportedReason({ kind: 'other', name: 'HEIC' })).toBe(
      'HEIC is not supported; supply a JPEG, PNG, WebP, TIFF, AVIF or GIF file',
    );
  });
});

describe('decodeReason', () => {
  it('turns sharp messages into reasons', () => {
    expect(decodeReason('jpeg', new Error('VipsJpeg: premature end of JPEG image'))).toBe(
      'the JPEG data is truncated',
    );
    expect(
      decodeReason(
        'gif',
        new Error('Input buffer has corrupt header: gifload_buffer: Unexpected end of GIF'),
      ),
    ).toBe('the GIF data is truncated');
    expect(decodeReason('png', new Error('vipspng: libpng read error'))).toBe(
      'the PNG data is truncated or damaged (vipspng: libpng read error)',
    );
    expect(decodeReason('tiff', new Error('Input buffer contains unsupported image format'))).toBe(
      'the TIFF data is truncated or damaged (unsupported image format)',
    );
    expect(decodeReason('png', new Error('Input image exceeds pixel limit'))).toBe(
      'the image has more than 100 megapixels; supply a smaller image',
    );
  });
});

describe('plan', () => {
  const opts = { placedWidthPt: 240, grey: false }; // 1000 px at 300 ppi
  it('scales down to 300 ppi, never up', () => {
    expect(plan(3000, 2000, opts)).toEqual({
      resize: { width: 1000, height: 667, fit: 'fill' },
      sourcePpi: 900,
    });
    expect(plan(500, 400, opts)).toEqual({ sourcePpi: 150 });
  });

  it('crops around the focus, clamped to the picture', () => {
    const at = (x: number, y: number): unknown =>
      plan(3000, 2000, { ...opts, aspect: 1, focus: { x, y } }).extract;
    expect(at(0.5, 0.5)).toEqual({ left: 500, top: 0, width: 2000, height: 2000 });
    expect(at(0, 0)).toEqual({ left: 0, top: 0, width: 2000, height: 2000 });
    expect(at(1, 1)).toEqual({ left: 1000, top: 0, width: 2000, height: 2000 });
    const tall = plan(1000, 3000, { ...opts, aspect: 2, focus: { x: 0.5, y: 0.9 } });
    expect(tall.extract).toEqual({ left: 0, top: 2450, width: 1000, height: 500 });
    expect(tall.resize).toBeUndefined();
  });

  it('uses the attention strategy without a focus', () => {
    const g = plan(3000, 2000, { ...opts, aspect: 16 / 9 });
    expect(g.extract).toBeUndefined();
    expect(g.resize).toMatchObject({ width: 1000, height: 563, fit: 'cover' });
    expect(g.sourcePpi).toBeCloseTo(900);
  });
});

describe('describeImage', () => {
  it('tells baseline from progressive JPEG and lists APP markers', async () => {
    const img = sharp({ create: { width: 64, height: 48, channels: 3, background: '#808080' } });
    const progressive = await describeImage(await img.clone().jpeg({ progressive: true }).toBuffer());
    expect(progressive.jpegProcess).toBe('progressive');
    const withExif = await describeImage(
      await img.clone().withMetadata({ orientation: 3 }).jpeg({ progressive: false }).toBuffer(),
    );
    expect(withExif.jpegProcess).toBe('baseline');
    expect(withExif.exif).toBe(true);
    expect(withExif.extras).toContain('APP1');
    const png = await img.clone().png().toBuffer();
    const fromUrl = await describeImage(`data:image/png;base64,${png.toString('base64')}`);
    expect(fromUrl).toMatchObject({ format: 'png', width: 64, height: 48, channels: 3, bitsPerChannel: 8 });
    expect(decodeDataUrl(`data:image/png;base64,${png.toString('base64')}`).mediaType).toBe('image/png');
    expect(() => decodeDataUrl('data:image/png,abc')).toThrow('not a base64 data: URL');
  });
});

describe('the photo cache key', () => {
  it('names the sharp release package.json pins and node_modules holds', async () => {
    const { SHARP_VERSION } = await import('../../src/photo/cache.js');
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(SHARP_VERSION).toBe(pkg.dependencies['sharp']);
    expect(SHARP_VERSION).toBe(sharp.versions.sharp);
  });
});
