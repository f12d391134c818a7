import { deflateSync } from 'node:zlib';

/**
 * Packs the small objects of a PDF written by pdfkit into object streams (PDF 1.5, allowed by
 * PDF/A-2 and PDF/UA-1), with a cross-reference stream in place of the classic table.
 *
 * Why: a tagged brief holds a few hundred structure elements (a table alone has a TR and a TD per
 * cell), each a dictionary of about 50 bytes plus 20 of xref entry, written uncompressed by
 * pdfkit, which cannot write object streams itself. Packed and deflated they cost a fifth as much,
 * so tagging stays within its size budget (issue 14), and every brief gets smaller.
 *
 * What moves: every object that is not a stream and has generation 0, except the page tree's root
 * (its `/Count` is read from the bytes by the catalogue sidecar, src/pipeline/catalogue.ts). Every
 * other object keeps its bytes; objects keep their numbers. The output is a function of the input
 * (deflate is deterministic), so rebuilds stay byte-identical. An encrypted file (only possible
 * with PDF/A off) is returned unchanged: its strings are encrypted per object number.
 */
export function packObjectStreams(pdf: Buffer): Buffer {
  const layout = readClassicLayout(pdf);
  if (!layout || /\/Encrypt\b/.test(layout.trailer)) return pdf;
  const { objects, trailer, size } = layout;

  const packed: PdfObject[] = [];
  const kept: PdfObject[] = [];
  for (const o of objects) (packable(pdf, o) ? packed : kept).push(o);
  if (packed.length === 0) return pdf;

  const parts: Buffer[] = [pdf.subarray(0, layout.bodyStart)];
  let at = layout.bodyStart;
  /** Object number → [type, field 2, field 3] of its cross-reference stream entry. */
  const entries = new Map<number, [number, number, number]>();
  for (const o of kept) {
    const bytes = pdf.subarray(o.start, o.end);
    entries.set(o.num, [1, at, 0]);
    parts.push(bytes);
    at += bytes.length;
  }

  let next = size;
  for (let i = 0; i < packed.length; i += PER_STREAM) {
    const group = packed.slice(i, i + PER_STREAM);
    const num = next++;
    const header: string[] = [];
    const bodies: Buffer[] = [];
    let offset = 0;
    group.forEach((o, index) => {
      const body = Buffer.concat([objectValue(pdf, o), Buffer.from('\n')]);
      header.push(`${o.num} ${offset}`);
      bodies.push(body);
      offset += body.length;
      entries.set(o.num, [2, num, index]);
    });
    const head = Buffer.from(`${header.join(' ')}\n`, 'latin1');
    const data = deflateSync(Buffer.concat([head, ...bodies]));
    const bytes = Buffer.concat([
      Buffer.from(
        `${num} 0 obj\n<<\n/Type /ObjStm\n/N ${group.length}\n/First ${head.length}\n/Filter /FlateDecode\n/Length ${data.length}\n>>\nstream\n`,
        'latin1',
      ),
      data,
      Buffer.from('\nendstream\nendobj\n', 'latin1'),
    ]);
    entries.set(num, [1, at, 0]);
    parts.push(bytes);
    at += bytes.length;
  }

  const xrefNum = next++;
  entries.set(xrefNum, [1, at, 0]);
  const total = next;
  // Widths: type 1 byte, offset or stream number 4 bytes, generation or index 2 bytes.
  const table = Buffer.alloc(total * 7);
  for (let num = 0; num < total; num++) {
    const [type, f2, f3] = entries.get(num) ?? (num === 0 ? [0, 0, 65535] : [0, 0, 0]);
    table.writeUInt8(type, num * 7);
    table.writeUInt32BE(f2, num * 7 + 1);
    table.writeUInt16BE(f3, num * 7 + 5);
  }
  const data = deflateSync(table);
  // The trailer's keys (Root, Info, ID) go to the stream's dictionary; Size is the new count.
  const keys = trailer
    .replace(/^\s*<<|>>\s*$/g, '')
    .replace(/\/Size\s+\d+/, '')
    .trim();
  parts.push(
    Buffer.from(
      `${xrefNum} 0 obj\n<<\n/Type /XRef\n/Size ${total}\n/W [1 4 2]\n${keys}\n/Filter /FlateDecode\n/Length ${data.length}\n>>\nstream\n`,
      'latin1',
    ),
    data,
    Buffer.from(`\nendstream\nendobj\nstartxref\n${at}\n%%EOF\n`, 'latin1'),
  );
  return Buffer.concat(parts);
}

/** Objects per object stream (as qpdf does: readers load one stream per object they need). */
const PER_STREAM = 100;

interface PdfObject {
  num: number;
  /** Offset of `num 0 obj`. */
  start: number;
  /** Just past `endobj` and its end of line. */
  end: number;
}

interface ClassicLayout {
  objects: PdfObject[];
  /** Where the first object starts (header and binary comment before). */
  bodyStart: number;
  /** The trailer dictionary's text. */
  trailer: string;
  size: number;
}

/** The objects of a file with one classic xref table, in file order; null for anything else. */
function readClassicLayout(pdf: Buffer): ClassicLayout | null {
  const tail = pdf.subarray(Math.max(0, pdf.length - 64)).toString('latin1');
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!startxref?.[1]) return null;
  const xrefAt = Number(startxref[1]);
  const text = pdf.subarray(xrefAt).toString('latin1');
  const lines = text.split('\n');
  if (lines[0]?.trim() !== 'xref') return null;
  const offsets: [number, number][] = [];
  let i = 1;
  while (i < lines.length && lines[i]?.trim() !== 'trailer') {
    const [first, count] = (lines[i] ?? '').trim().split(' ').map(Number);
    if (first === undefined || count === undefined || !Number.isInteger(first) || !Number.isInteger(count))
      return null;
    for (let k = 0; k < count; k++) {
      const entry = lines[i + 1 + k] ?? '';
      if (entry.slice(17, 18) === 'n' && Number(entry.slice(11, 16)) === 0)
        offsets.push([first + k, Number(entry.slice(0, 10))]);
      else if (entry.slice(17, 18) === 'n') return null; // a generation other than 0
    }
    i += count + 1;
  }
  const trailerAt = text.indexOf('trailer');
  const trailerEnd = text.indexOf('startxref');
  if (trailerAt < 0 || trailerEnd < 0) return null;
  const trailer = text.slice(trailerAt + 'trailer'.length, trailerEnd).trim();
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1]);
  if (!Number.isInteger(size)) return null;
  offsets.sort((a, b) => a[1] - b[1]);
  const objects: PdfObject[] = [];
  for (let k = 0; k < offsets.length; k++) {
    const [num, start] = offsets[k] as [number, number];
    const limit = offsets[k + 1]?.[1] ?? xrefAt;
    if (
      !pdf
        .subarray(start, start + 24)
        .toString('latin1')
        .startsWith(`${num} 0 obj`)
    )
      return null;
    objects.push({ num, start, end: limit });
  }
  const first = objects[0];
  if (!first) return null;
  return { objects, bodyStart: first.start, trailer, size };
}

/** A dictionary or other value without a stream, not the page tree's root. */
function packable(pdf: Buffer, o: PdfObject): boolean {
  const text = pdf.subarray(o.start, o.end).toString('latin1');
  if (/\bstream\r?\n/.test(text) || /\/Type\s*\/Pages\b/.test(text)) return false;
  return /endobj\s*$/.test(text);
}

/** The value between `num 0 obj` and `endobj`. */
function objectValue(pdf: Buffer, o: PdfObject): Buffer {
  const text = pdf.subarray(o.start, o.end).toString('latin1');
  const open = `${o.num} 0 obj`;
  const close = text.lastIndexOf('endobj');
  return Buffer.from(text.slice(open.length, close).trim(), 'latin1');
}
