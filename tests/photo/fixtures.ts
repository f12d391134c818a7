/**
 * Photo fixtures, generated with sharp into a temp folder (no binaries are committed).
 * The base picture is photo-like (gradient + deterministic noise) and asymmetric: a red block in
 * the top-left corner and a blue block in the bottom-right one, so orientation can be checked.
 */
import { crc32 } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Sharp } from 'sharp';

export const RED = { r: 230, g: 30, b: 30 };
export const BLUE = { r: 30, g: 40, b: 220 };

/**
 * Whether this sharp build can write (and so read back) AVIF, decided once when the module loads, so
 * the AVIF tests are declared as skipped (visible in jest's summary) rather than passing empty.
 */
export const AVIF_SUPPORTED: boolean = await sharp({
  create: { width: 8, height: 8, channels: 3, background: '#ff0000' },
})
  .avif({ effort: 0 })
  .toBuffer()
  .then(
    async (bytes) => (await sharp(bytes).metadata()).width === 8,
    () => false,
  );

const pixelCache = new Map<string, Buffer>();

/** Raw RGB pixels of the base picture: w×h, red block top-left and blue block bottom-right (each w/6 × h/6). */
export function basePixels(width: number, height: number): Buffer {
  const cached = pixelCache.get(`${width}x${height}`);
  if (cached) return cached;
  const data = new Uint8Array(width * height * 3);
  let seed = 12345;
  const bw = Math.round(width / 6);
  const bh = Math.round(height / 6);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      if (x < bw && y < bh) {
        data[i] = RED.r;
        data[i + 1] = RED.g;
        data[i + 2] = RED.b;
        continue;
      }
      // xorshift32, no Math calls: they are slow inside Jest's module sandbox
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      const n = ((seed >>> 0) % 41) - 20;
      if (x >= width - bw && y >= height - bh) {
        data[i] = clampByte(BLUE.r + n);
        data[i + 1] = clampByte(BLUE.g + n);
        data[i + 2] = clampByte(BLUE.b + n);
      } else {
        data[i] = clampByte(90 + (80 * x) / width + n);
        data[i + 1] = clampByte(110 + (60 * y) / height + n);
        data[i + 2] = clampByte(150 - (50 * x) / width + n);
      }
    }
  }
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  pixelCache.set(`${width}x${height}`, buffer);
  return buffer;
}

function clampByte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : (v + 0.5) | 0;
}

export function base(width: number, height: number): Sharp {
  return sharp(basePixels(width, height), { raw: { width, height, channels: 3 } });
}

/** A flat two-colour drawing (line art) with a transparent background. */
export function lineArtSvg(width: number, height: number): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" shape-rendering="crispEdges">` +
      `<rect x="${width / 4}" y="${height / 4}" width="${width / 2}" height="${height / 2}" fill="#c00000"/>` +
      `<path d="M10 10 L${width - 10} ${height - 10}" stroke="#000000" stroke-width="6"/></svg>`,
  );
}

/**
 * A minimal ICC v2 monochrome profile (gamma 2.2, D50 white): enough for lcms to read a greyscale
 * image "with a profile", as scanners and some cameras write them.
 */
export function greyIccProfile(): Buffer {
  const u32 = (v: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(v);
    return b;
  };
  const s15 = (v: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeInt32BE(Math.round(v * 65536));
    return b;
  };
  const pad4 = (b: Buffer): Buffer => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
  const d50 = Buffer.concat([s15(0.9642), s15(1.0), s15(0.8249)]);
  const name = 'Grey gamma 2.2 (test)';
  const tags: [string, Buffer][] = [
    [
      'desc',
      Buffer.concat([
        Buffer.from('desc'),
        Buffer.alloc(4),
        u32(name.length + 1),
        Buffer.from(`${name}\0`, 'latin1'),
        Buffer.alloc(4 + 4 + 2 + 1 + 67),
      ]),
    ],
    ['wtpt', Buffer.concat([Buffer.from('XYZ '), Buffer.alloc(4), d50])],
    ['kTRC', Buffer.concat([Buffer.from('curv'), Buffer.alloc(4), u32(1), Buffer.from([0x02, 0x33])])],
    ['cprt', Buffer.concat([Buffer.from('text'), Buffer.alloc(4), Buffer.from('No copyright\0', 'latin1')])],
  ];
  const table = Buffer.alloc(4 + 12 * tags.length);
  table.writeUInt32BE(tags.length, 0);
  let offset = 128 + table.length;
  const bodies: Buffer[] = [];
  tags.forEach(([sig, body], i) => {
    table.write(sig, 4 + 12 * i, 'latin1');
    table.writeUInt32BE(offset, 8 + 12 * i);
    table.writeUInt32BE(body.length, 12 + 12 * i);
    const padded = pad4(body);
    bodies.push(padded);
    offset += padded.length;
  });
  const header = Buffer.alloc(128);
  header.writeUInt32BE(offset, 0);
  header.writeUInt32BE(0x02100000, 8);
  header.write('mntr', 12, 'latin1');
  header.write('GRAY', 16, 'latin1');
  header.write('XYZ ', 20, 'latin1');
  header.writeUInt16BE(2025, 24);
  header.writeUInt16BE(1, 26);
  header.writeUInt16BE(1, 28);
  header.write('acsp', 36, 'latin1');
  d50.copy(header, 68);
  return Buffer.concat([header, table, ...bodies]);
}

/**
 * A valid 1×1 PNG whose IHDR claims width×height (CRC fixed up): a decompression bomb's header,
 * made without allocating its pixels.
 */
export async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(
    await sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer(),
  );
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('unexpected PNG layout');
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29);
  return png;
}

export interface Fixtures {
  dir: string;
  jpeg: string;
  tagged: string;
  cmyk: string;
  rotated: string;
  png16: string;
  alphaPhoto: string;
  lineArt: string;
  webp: string;
  tiff: string;
  avif?: string;
  gif: string;
  greyIcc: string;
  tiny: string;
  truncatedJpeg: string;
  truncatedPng: string;
  empty: string;
  text: string;
  svg: string;
  missing: string;
  bomb: string;
  over: string;
}

/** Width of the base fixtures (height is 2/3 of it). */
export const W = 1200;
export const H = 800;

export async function makeFixtures(dir: string): Promise<Fixtures> {
  const p = (name: string): string => path.join(dir, name);
  const write = async (name: string, data: Buffer | Promise<Buffer>): Promise<string> => {
    writeFileSync(p(name), await data);
    return p(name);
  };
  const jpegBytes = await base(W, H).jpeg({ quality: 92 }).toBuffer();
  const pngBytes = await base(W, H).png().toBuffer();
  // Stored sideways (rotated 90° anticlockwise); EXIF orientation 6 says "rotate 90° clockwise to view".
  const uprightPortrait = await base(H, W).png().toBuffer();
  const avif = AVIF_SUPPORTED
    ? await write('photo.avif', base(W, H).avif({ quality: 60, effort: 0 }).toBuffer())
    : undefined;
  const iccPath = await write('grey.icc', Promise.resolve(greyIccProfile()));
  const frame = (colour: string): Promise<Buffer> =>
    sharp({ create: { width: 120, height: 80, channels: 3, background: colour } })
      .png()
      .toBuffer();
  const fixtures: Fixtures = {
    dir,
    jpeg: await write('photo.jpg', jpegBytes),
    tagged: await write(
      'tagged.jpg',
      base(W, H)
        .withExif({
          IFD0: { Artist: 'A. Photographer', Copyright: '(c) 2025' },
          IFD3: { GPSLatitudeRef: 'N' },
        })
        .withXmp(
          '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
            '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:format="image/jpeg"/></rdf:RDF></x:xmpmeta>',
        )
        .withIccProfile('p3')
        .jpeg({ quality: 92, progressive: true })
        .toBuffer(),
    ),
    cmyk: await write('cmyk.jpg', base(W, H).toColourspace('cmyk').jpeg({ quality: 92 }).toBuffer()),
    rotated: await write(
      'rotated.jpg',
      sharp(uprightPortrait).rotate(270).withMetadata({ orientation: 6 }).jpeg({ quality: 92 }).toBuffer(),
    ),
    png16: await write('deep.png', base(W, H).toColourspace('rgb16').png().toBuffer()),
    alphaPhoto: await write('alpha.png', base(W, H).ensureAlpha(0.5).png().toBuffer()),
    lineArt: await write('drawing.png', sharp(lineArtSvg(W, H)).png().toBuffer()),
    webp: await write('photo.webp', base(W, H).webp({ quality: 80 }).toBuffer()),
    tiff: await write('photo.tiff', base(W, H).tiff({ compression: 'lzw' }).toBuffer()),
    ...(avif === undefined ? {} : { avif }),
    gif: await write(
      'animated.gif',
      sharp([await frame('#ff0000'), await frame('#0000ff')], { join: { animated: true } })
        .gif()
        .toBuffer(),
    ),
    greyIcc: await write(
      'grey-profile.jpg',
      base(W, H).toColourspace('b-w').withIccProfile(iccPath).jpeg({ quality: 90 }).toBuffer(),
    ),
    tiny: await write('tiny.jpg', base(40, 30).jpeg().toBuffer()),
    truncatedJpeg: await write(
      'truncated.jpg',
      Promise.resolve(jpegBytes.subarray(0, Math.floor(jpegBytes.length * 0.6))),
    ),
    truncatedPng: await write(
      'truncated.png',
      Promise.resolve(pngBytes.subarray(0, Math.floor(pngBytes.length * 0.6))),
    ),
    empty: await write('empty.jpg', Promise.resolve(Buffer.alloc(0))),
    text: await write('notes.jpg', Promise.resolve(Buffer.from('These are my notes, not a photo.\n'))),
    svg: await write('drawing.svg', Promise.resolve(lineArtSvg(W, H))),
    missing: p('no-such-photo.jpg'),
    bomb: await write('bomb.png', pngClaiming(30000, 30000)),
    over: await write('over.png', pngClaiming(11000, 10000)),
  };
  return fixtures;
}
