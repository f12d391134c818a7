/**
 * What an encoded image is, for tests and checks (e.g. an image read back out of a PDF): size,
 * colour, depth, JPEG coding process and which metadata it carries.
 */

export interface ImageDescription {
  format: string;
  width: number;
  height: number;
  channels: number;
  /** libvips colour interpretation: 'srgb', 'b-w', 'cmyk', … */
  space: string;
  /** libvips band format: 'uchar' is 8 bits per channel. */
  depth: string;
  bitsPerChannel: number;
  hasAlpha: boolean;
  /** JPEG only: the frame type from the SOF marker. */
  jpegProcess?: 'baseline' | 'extended' | 'progressive' | 'lossless' | 'other';
  /** JPEG only: chroma subsampling as sharp reports it ('4:2:0', '4:4:4'). */
  chromaSubsampling?: string;
  /** Metadata the file carries. */
  exif: boolean;
  icc: boolean;
  xmp: boolean;
  iptc: boolean;
  /** JPEG: APPn markers present (e.g. ['APP0']); PNG: ancillary chunk types present. */
  extras: string[];
}

/** Decodes a `data:image/…;base64,` URL to its bytes. */
export function decodeDataUrl(dataUrl: string): { mediaType: string; data: Buffer } {
  const m = /^data:([a-z]+\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/]*={0,2})$/.exec(dataUrl);
  if (!m?.[1] || m[2] === undefined) throw new Error('not a base64 data: URL');
  return { mediaType: m[1], data: Buffer.from(m[2], 'base64') };
}

/** Describes an encoded image given as bytes or as a data URL. */
export async function describeImage(input: Buffer | Uint8Array | string): Promise<ImageDescription> {
  const data = typeof input === 'string' ? decodeDataUrl(input).data : Buffer.from(input);
  // Loaded here, so that importing the photo stage does not load sharp.
  const { default: sharp } = await import('sharp');
  const meta = await sharp(data).metadata();
  const bits: Record<string, number> = {
    uchar: 8,
    char: 8,
    ushort: 16,
    short: 16,
    uint: 32,
    int: 32,
    float: 32,
  };
  const description: ImageDescription = {
    format: meta.format,
    width: meta.width,
    height: meta.height,
    channels: meta.channels,
    space: meta.space,
    depth: meta.depth,
    bitsPerChannel: meta.bitsPerSample ?? bits[meta.depth] ?? 0,
    hasAlpha: meta.hasAlpha,
    exif: meta.exif !== undefined,
    icc: meta.icc !== undefined || meta.hasProfile,
    xmp: meta.xmp !== undefined,
    iptc: meta.iptc !== undefined,
    extras: [],
  };
  if (meta.format === 'jpeg') {
    const scan = scanJpeg(data);
    description.jpegProcess = scan.process;
    description.extras = scan.apps;
    if (meta.chromaSubsampling !== undefined) description.chromaSubsampling = meta.chromaSubsampling;
  } else if (meta.format === 'png') {
    description.extras = pngChunks(data).filter((t) => !['IHDR', 'PLTE', 'IDAT', 'IEND'].includes(t));
  }
  return description;
}

const SOF_KINDS: Record<number, ImageDescription['jpegProcess']> = {
  0xc0: 'baseline',
  0xc1: 'extended',
  0xc2: 'progressive',
  0xc3: 'lossless',
};

function scanJpeg(data: Buffer): { process: ImageDescription['jpegProcess']; apps: string[] } {
  const apps: string[] = [];
  let process: ImageDescription['jpegProcess'];
  let off = 2;
  while (off + 4 <= data.length && data[off] === 0xff) {
    const marker = data[off + 1] ?? 0;
    if (marker === 0xff) {
      off++;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break;
    const length = data.readUInt16BE(off + 2);
    if (marker >= 0xe0 && marker <= 0xef) apps.push(`APP${marker - 0xe0}`);
    if (marker === 0xfe) apps.push('COM');
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      process = SOF_KINDS[marker] ?? 'other';
    }
    off += 2 + length;
  }
  return { process, apps };
}

function pngChunks(data: Buffer): string[] {
  const types: string[] = [];
  let off = 8;
  while (off + 8 <= data.length) {
    const length = data.readUInt32BE(off);
    types.push(data.toString('latin1', off + 4, off + 8));
    off += 12 + length;
  }
  return types;
}
