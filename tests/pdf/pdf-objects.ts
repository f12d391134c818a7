/**
 * A small reader of PDF objects for structural checks that pdfjs does not expose (catalog keys,
 * OutputIntents, trailer /ID, font descriptors, encryption). It follows the cross-reference
 * table as pdfkit writes it, or the cross-reference stream and object streams our packing writes
 * (src/pdf/object-streams.ts), and parses the object syntax;
 * streams are inflated when FlateDecode. No Debian tools needed, so CI can run it.
 */
import { inflateSync } from 'node:zlib';

export class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
export class Name {
  constructor(readonly name: string) {}
}
export type PdfValue = null | boolean | number | string | Name | Ref | PdfValue[] | PdfDict | PdfStream;
export interface PdfDict {
  [key: string]: PdfValue;
}
export interface PdfStream {
  dict: PdfDict;
  /** Decoded data (inflated when FlateDecode). */
  data: Buffer;
}

export function isStream(v: PdfValue | undefined): v is PdfStream {
  return (
    typeof v === 'object' &&
    v !== null &&
    'dict' in v &&
    'data' in v &&
    Buffer.isBuffer((v as PdfStream).data)
  );
}
export function isDict(v: PdfValue | undefined): v is PdfDict {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Ref) &&
    !(v instanceof Name) &&
    !isStream(v)
  );
}

export class PdfFile {
  readonly offsets = new Map<number, number>();
  readonly trailer: PdfDict;
  /** Everything before the `trailer` keyword. */
  readonly bodyEnd: number;

  /** Objects packed in object streams: number → [the stream's object number, index in it]. */
  readonly packed = new Map<number, [number, number]>();

  constructor(readonly bytes: Buffer) {
    const startxref = bytes.lastIndexOf('startxref');
    const xrefAt = Number(/startxref\s+(\d+)/.exec(bytes.subarray(startxref).toString('latin1'))?.[1]);
    const text = bytes.subarray(xrefAt).toString('latin1');
    const lines = text.split(/\r?\n/);
    if (lines[0] !== 'xref') {
      // A cross-reference stream (src/pdf/object-streams.ts): its dictionary is the trailer.
      this.offsets.set(-1, xrefAt);
      const xref = this.object(-1);
      this.offsets.delete(-1);
      if (!isStream(xref) || nameOf(xref.dict['Type']) !== 'XRef') throw new Error('no xref table or stream');
      const w = (xref.dict['W'] as number[]).map(Number);
      const size = Number(xref.dict['Size']);
      const index = (xref.dict['Index'] as number[] | undefined)?.map(Number) ?? [0, size];
      const width = w.reduce((a, b) => a + b, 0);
      const field = (at: number, n: number): number => {
        let v = 0;
        for (let k = 0; k < n; k++) v = v * 256 + (xref.data[at + k] ?? 0);
        return v;
      };
      let row = 0;
      for (let k = 0; k < index.length; k += 2) {
        const first = index[k] ?? 0;
        for (let n = 0; n < (index[k + 1] ?? 0); n++, row++) {
          const at = row * width;
          const type = w[0] === 0 ? 1 : field(at, w[0] ?? 0);
          const f2 = field(at + (w[0] ?? 0), w[1] ?? 0);
          const f3 = field(at + (w[0] ?? 0) + (w[1] ?? 0), w[2] ?? 0);
          if (type === 1) this.offsets.set(first + n, f2);
          else if (type === 2) this.packed.set(first + n, [f2, f3]);
        }
      }
      this.bodyEnd = xrefAt;
      this.trailer = xref.dict;
      return;
    }
    let i = 1;
    while (i < lines.length && lines[i] !== 'trailer') {
      const [first, count] = (lines[i] ?? '').split(' ').map(Number) as [number, number];
      for (let k = 0; k < count; k++) {
        const entry = lines[i + 1 + k] ?? '';
        if (entry.slice(17, 18) === 'n') this.offsets.set(first + k, Number(entry.slice(0, 10)));
      }
      i += count + 1;
    }
    this.bodyEnd = bytes.lastIndexOf('\ntrailer');
    const parser = new Parser(bytes, bytes.indexOf('trailer', xrefAt) + 'trailer'.length);
    this.trailer = parser.value() as PdfDict;
  }

  object(num: number): PdfValue {
    const inStream = this.packed.get(num);
    if (inStream) {
      const stream = this.object(inStream[0]);
      if (!isStream(stream)) throw new Error(`object stream ${inStream[0]} is not a stream`);
      const first = Number(stream.dict['First']);
      const header = stream.data.subarray(0, first).toString('latin1').trim().split(/\s+/).map(Number);
      const offset = header[inStream[1] * 2 + 1];
      if (header[inStream[1] * 2] !== num || offset === undefined)
        throw new Error(`object ${num} is not where the xref stream says`);
      return new Parser(stream.data, first + offset).value();
    }
    const at = this.offsets.get(num);
    if (at === undefined) throw new Error(`object ${num} is not in the xref table`);
    const parser = new Parser(this.bytes, at);
    parser.value(); // number
    parser.value(); // generation
    parser.keyword('obj');
    const value = parser.value();
    if (isDict(value) && parser.peekKeyword('stream')) {
      const length = this.resolve(value['Length']);
      let start = parser.pos + 'stream'.length;
      if (this.bytes[start] === 0x0d) start++;
      if (this.bytes[start] === 0x0a) start++;
      const raw = this.bytes.subarray(start, start + Number(length));
      const filter = value['Filter'];
      const data =
        filter instanceof Name && filter.name === 'FlateDecode' ? inflateSync(raw) : Buffer.from(raw);
      return { dict: value, data };
    }
    return value;
  }

  /** Follows references. */
  resolve(v: PdfValue | undefined): PdfValue {
    let x: PdfValue | undefined = v;
    for (let depth = 0; x instanceof Ref && depth < 32; depth++) x = this.object(x.num);
    return x ?? null;
  }

  dict(v: PdfValue | undefined): PdfDict {
    const x = this.resolve(v);
    if (isStream(x)) return x.dict;
    if (!isDict(x)) throw new Error('expected a dictionary');
    return x;
  }

  get catalog(): PdfDict {
    return this.dict(this.trailer['Root']);
  }

  /** Every object in the xref table, resolved. */
  *objects(): Generator<[number, PdfValue]> {
    for (const num of [...this.offsets.keys(), ...this.packed.keys()].sort((a, b) => a - b))
      yield [num, this.object(num)];
  }
}

/** A PDF text string: UTF-16BE with BOM or PDFDocEncoding (ASCII here). */
export function pdfText(v: PdfValue | undefined): string | null {
  if (typeof v !== 'string') return null;
  if (v.charCodeAt(0) === 0xfe && v.charCodeAt(1) === 0xff) {
    const b = Buffer.from(v.slice(2), 'latin1');
    b.swap16();
    return b.toString('utf16le');
  }
  return v;
}

export function nameOf(v: PdfValue | undefined): string | null {
  return v instanceof Name ? v.name : null;
}

const DELIMITERS = new Set('()<>[]{}/%'.split('').map((c) => c.charCodeAt(0)));
const WHITESPACE = new Set([0, 9, 10, 12, 13, 32]);

class Parser {
  constructor(
    private readonly b: Buffer,
    public pos: number,
  ) {}

  private skip(): void {
    for (;;) {
      while (this.pos < this.b.length && WHITESPACE.has(this.b[this.pos] ?? 0)) this.pos++;
      if (this.b[this.pos] === 0x25) {
        while (this.pos < this.b.length && this.b[this.pos] !== 0x0a && this.b[this.pos] !== 0x0d) this.pos++;
      } else return;
    }
  }

  private token(): string {
    this.skip();
    const start = this.pos;
    while (
      this.pos < this.b.length &&
      !WHITESPACE.has(this.b[this.pos] ?? 0) &&
      !DELIMITERS.has(this.b[this.pos] ?? 0)
    )
      this.pos++;
    return this.b.subarray(start, this.pos).toString('latin1');
  }

  keyword(k: string): void {
    const t = this.token();
    if (t !== k) throw new Error(`expected ${k}, found ${t} at ${this.pos}`);
  }

  peekKeyword(k: string): boolean {
    this.skip();
    return this.b.subarray(this.pos, this.pos + k.length).toString('latin1') === k;
  }

  value(): PdfValue {
    this.skip();
    const c = String.fromCharCode(this.b[this.pos] ?? 0);
    if (c === '<' && this.b[this.pos + 1] === 0x3c) {
      this.pos += 2;
      const dict: PdfDict = {};
      for (;;) {
        this.skip();
        if (this.b[this.pos] === 0x3e && this.b[this.pos + 1] === 0x3e) {
          this.pos += 2;
          return dict;
        }
        const key = this.value();
        if (!(key instanceof Name)) throw new Error(`dictionary key expected at ${this.pos}`);
        dict[key.name] = this.value();
      }
    }
    if (c === '<') {
      const end = this.b.indexOf('>', this.pos);
      const hex = this.b
        .subarray(this.pos + 1, end)
        .toString('latin1')
        .replace(/\s+/g, '');
      this.pos = end + 1;
      return Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex').toString('latin1');
    }
    if (c === '[') {
      this.pos++;
      const out: PdfValue[] = [];
      for (;;) {
        this.skip();
        if (this.b[this.pos] === 0x5d) {
          this.pos++;
          return out;
        }
        out.push(this.value());
      }
    }
    if (c === '(') return this.literal();
    if (c === '/') {
      this.pos++;
      const start = this.pos;
      while (
        this.pos < this.b.length &&
        !WHITESPACE.has(this.b[this.pos] ?? 0) &&
        !DELIMITERS.has(this.b[this.pos] ?? 0)
      )
        this.pos++;
      const raw = this.b.subarray(start, this.pos).toString('latin1');
      return new Name(
        raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      );
    }
    const t = this.token();
    if (t === 'true') return true;
    if (t === 'false') return false;
    if (t === 'null') return null;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) {
      // An indirect reference: `n g R`.
      const save = this.pos;
      if (/^\d+$/.test(t)) {
        const gen = this.token();
        if (/^\d+$/.test(gen)) {
          const r = this.token();
          if (r === 'R') return new Ref(Number(t), Number(gen));
        }
      }
      this.pos = save;
      return Number(t);
    }
    throw new Error(`unexpected token '${t}' at ${this.pos}`);
  }

  private literal(): string {
    this.pos++;
    let depth = 1;
    const out: number[] = [];
    while (this.pos < this.b.length) {
      const ch = this.b[this.pos++] ?? 0;
      if (ch === 0x5c) {
        const n = this.b[this.pos++] ?? 0;
        const map: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };
        if (n >= 0x30 && n <= 0x37) {
          let oct = String.fromCharCode(n);
          while (oct.length < 3 && (this.b[this.pos] ?? 0) >= 0x30 && (this.b[this.pos] ?? 0) <= 0x37)
            oct += String.fromCharCode(this.b[this.pos++] ?? 0);
          out.push(parseInt(oct, 8) & 0xff);
        } else if (n === 0x0a) {
          // line continuation
        } else out.push(map[n] ?? n);
        continue;
      }
      if (ch === 0x28) depth++;
      if (ch === 0x29 && --depth === 0) break;
      out.push(ch);
    }
    return Buffer.from(out).toString('latin1');
  }
}
