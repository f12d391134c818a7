/**
 * Structural PDF/A-2b checks that run in JS (no veraPDF here, qpdf maybe not on CI). Each returns
 * the problems found, so a test asserts an empty list and a failing check says what is wrong.
 * They cover what can be read from the file's objects: header, trailer /ID, no encryption,
 * XMP (pdfaid, consistency with Info), OutputIntent with an RGB ICC profile, fonts embedded,
 * widths consistent with the embedded font programs, no .notdef glyph shown, link annotations
 * printable with URI actions only. They do not replace a validator (see docs/archive.md).
 */
import { createHash } from 'node:crypto';
import * as fontkit from 'fontkit';
import { extractXmp, readXmp } from '../../src/pdf/metadata.js';
import type { PdfDict, PdfFile, PdfValue } from './pdf-objects.js';
import { Ref, isDict, isStream, nameOf, pdfText } from './pdf-objects.js';

export function headerProblems(pdf: PdfFile): string[] {
  const head = pdf.bytes.subarray(0, 20);
  const problems: string[] = [];
  if (!head.toString('latin1').startsWith('%PDF-1.7\n%'))
    problems.push('header is not %PDF-1.7 + binary comment');
  const comment = head.subarray(10, 14);
  if (![...comment].every((b) => b >= 128)) problems.push('binary comment has bytes below 128');
  if ('Encrypt' in pdf.trailer) problems.push('file is encrypted');
  return problems;
}

/** /ID: two equal 16-byte strings, the SHA-256 (first 16 bytes) of everything before the trailer. */
export function idProblems(pdf: PdfFile): string[] {
  const id = pdf.trailer['ID'];
  if (!Array.isArray(id) || id.length !== 2) return ['trailer has no /ID pair'];
  const [a, b] = id.map((x) => (typeof x === 'string' ? Buffer.from(x, 'latin1').toString('hex') : ''));
  const expected = createHash('sha256').update(pdf.bytes.subarray(0, pdf.bodyEnd)).digest('hex').slice(0, 32);
  const problems: string[] = [];
  if (a !== b) problems.push('the two /ID strings differ');
  if (a !== expected) problems.push(`/ID ${a} is not the content hash ${expected}`);
  return problems;
}

export function outputIntentProblems(pdf: PdfFile): string[] {
  const intents = pdf.resolve(pdf.catalog['OutputIntents']);
  if (!Array.isArray(intents) || intents.length === 0) return ['catalog has no OutputIntents'];
  const problems: string[] = [];
  const intent = pdf.dict(intents[0]);
  if (nameOf(intent['Type']) !== 'OutputIntent') problems.push('OutputIntent has no /Type /OutputIntent');
  if (nameOf(intent['S']) !== 'GTS_PDFA1') problems.push('OutputIntent /S is not GTS_PDFA1');
  if (!pdfText(intent['OutputConditionIdentifier']))
    problems.push('OutputIntent has no OutputConditionIdentifier');
  const profile = pdf.resolve(intent['DestOutputProfile']);
  if (!isStream(profile)) return [...problems, 'OutputIntent has no DestOutputProfile stream'];
  if (profile.dict['N'] !== 3) problems.push('ICC profile /N is not 3');
  if (profile.data.subarray(36, 40).toString('latin1') !== 'acsp')
    problems.push('DestOutputProfile is not an ICC profile');
  if (profile.data.subarray(16, 20).toString('latin1') !== 'RGB ') problems.push('ICC profile is not RGB');
  if (profile.data.readUInt32BE(0) !== profile.data.length) problems.push('ICC profile size field is wrong');
  return problems;
}

/** The XMP: a metadata stream, unfiltered, with pdfaid and the same values as Info. */
export function xmpProblems(pdf: PdfFile, part = 2, conformance = 'A'): string[] {
  const problems: string[] = [];
  const meta = pdf.resolve(pdf.catalog['Metadata']);
  if (!isStream(meta)) return ['catalog has no /Metadata stream'];
  if (nameOf(meta.dict['Type']) !== 'Metadata' || nameOf(meta.dict['Subtype']) !== 'XML')
    problems.push('/Metadata is not /Type /Metadata /Subtype /XML');
  if ('Filter' in meta.dict) problems.push('the metadata stream is filtered');
  const packet = extractXmp(pdf.bytes);
  if (!packet) return [...problems, 'no XMP packet'];
  const xmp = readXmp(packet);
  if (xmp.pdfa?.part !== part || xmp.pdfa.conformance !== conformance)
    problems.push(`pdfaid is ${JSON.stringify(xmp.pdfa)}, not ${part}${conformance}`);
  const info = pdf.dict(pdf.trailer['Info']);
  const text = (k: string): string | null => pdfText(pdf.resolve(info[k]));
  const pairs: [string, string | null, string | null][] = [
    ['Title', text('Title'), xmp.title],
    ['Author', text('Author'), xmp.author],
    ['Subject', text('Subject'), xmp.subject],
    ['Keywords', text('Keywords'), xmp.pdfKeywords],
    ['Creator', text('Creator'), xmp.creatorTool],
    ['Producer', text('Producer'), xmp.producer],
    ['CreationDate', pdfDateToIso(text('CreationDate')), xmp.createDate],
    ['ModDate', pdfDateToIso(text('ModDate')), xmp.modifyDate],
  ];
  for (const [key, a, b] of pairs) {
    if (a === null || a === '') problems.push(`Info has no ${key}`);
    else if (a !== b) problems.push(`Info ${key} ${JSON.stringify(a)} differs from XMP ${JSON.stringify(b)}`);
  }
  return problems;
}

/** D:20250825000000Z → 2025-08-25T00:00:00Z */
export function pdfDateToIso(d: string | null): string | null {
  const m = d ? /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(d) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : d;
}

interface FontInfo {
  name: string;
  subtype: string;
  descriptor: PdfDict | null;
  program: Buffer | null;
  widths: Map<number, number>;
}

/** Every font dictionary in the file, with its descendant's descriptor, program and widths. */
export function fonts(pdf: PdfFile): FontInfo[] {
  const out: FontInfo[] = [];
  for (const [, obj] of pdf.objects()) {
    if (!isDict(obj) || nameOf(obj['Type']) !== 'Font' || 'FontDescriptor' in obj) continue;
    if (nameOf(obj['Subtype']) === 'CIDFontType2' || nameOf(obj['Subtype']) === 'CIDFontType0') continue;
    const subtype = nameOf(obj['Subtype']) ?? '';
    const name = nameOf(obj['BaseFont']) ?? '';
    let target: PdfDict = obj;
    if (subtype === 'Type0') {
      const desc = pdf.resolve(obj['DescendantFonts']);
      target = Array.isArray(desc) ? pdf.dict(desc[0]) : {};
    }
    const descriptor = 'FontDescriptor' in target ? pdf.dict(target['FontDescriptor']) : null;
    let program: Buffer | null = null;
    for (const key of ['FontFile', 'FontFile2', 'FontFile3']) {
      const s = descriptor ? pdf.resolve(descriptor[key]) : null;
      if (isStream(s)) program = s.data;
    }
    const widths = new Map<number, number>();
    const w = pdf.resolve(target['W']);
    if (Array.isArray(w)) {
      for (let i = 0; i < w.length;) {
        const first = w[i];
        const next = pdf.resolve(w[i + 1]);
        if (typeof first === 'number' && Array.isArray(next)) {
          next.forEach((v, k) => typeof v === 'number' && widths.set(first + k, v));
          i += 2;
        } else if (typeof first === 'number' && typeof next === 'number' && typeof w[i + 2] === 'number') {
          for (let c = first; c <= next; c++) widths.set(c, w[i + 2] as number);
          i += 3;
        } else break;
      }
    }
    out.push({ name, subtype, descriptor, program, widths });
  }
  return out;
}

/** Every font embedded, as a subset with a six-letter tag, its program readable, widths consistent. */
export function fontProblems(pdf: PdfFile): string[] {
  const problems: string[] = [];
  const list = fonts(pdf);
  if (list.length === 0) problems.push('no fonts');
  for (const f of list) {
    if (!f.program || f.program.length === 0) {
      problems.push(`${f.name}: not embedded`);
      continue;
    }
    if (!/^[A-Z]{6}\+/.test(f.name)) problems.push(`${f.name}: no subset tag`);
    // fontkit's getGlyph is not in our declaration (src/fonts/fontkit.d.ts).
    const font = fontkit.create(f.program) as fontkit.Font & {
      getGlyph(id: number): { advanceWidth: number };
    };
    const scale = 1000 / font.unitsPerEm;
    for (const [cid, width] of f.widths) {
      // CIDToGIDMap Identity: the CID is the subset's glyph id.
      const advance = font.getGlyph(cid).advanceWidth * scale;
      if (Math.abs(advance - width) > 1)
        problems.push(`${f.name}: CID ${cid} width ${width} ≠ glyph ${advance}`);
    }
  }
  return problems;
}

/** Glyph 0 (.notdef) drawn anywhere: a character the font lacked. */
export function notdefProblems(pdf: PdfFile): string[] {
  const problems: string[] = [];
  const pages = pageDicts(pdf);
  pages.forEach((page, i) => {
    const contents = pdf.resolve(page['Contents']);
    const streams = Array.isArray(contents) ? contents.map((c) => pdf.resolve(c)) : [contents];
    for (const s of streams) {
      if (!isStream(s)) continue;
      for (const m of s.data.toString('latin1').matchAll(/<([0-9a-fA-F]+)>/g)) {
        const hex = m[1] ?? '';
        for (let k = 0; k + 4 <= hex.length; k += 4) {
          if (hex.slice(k, k + 4) === '0000') problems.push(`page ${i + 1}: .notdef glyph drawn`);
        }
      }
    }
  });
  return problems;
}

/** Link annotations: printable (F has Print, none of Hidden/Invisible/NoView), URI actions only. */
export function annotationProblems(pdf: PdfFile): string[] {
  const problems: string[] = [];
  for (const page of pageDicts(pdf)) {
    const annots = pdf.resolve(page['Annots']);
    if (!Array.isArray(annots)) continue;
    for (const a of annots) {
      const annot = pdf.dict(a);
      const f = typeof annot['F'] === 'number' ? annot['F'] : 0;
      if ((f & 4) === 0 || (f & (1 | 2 | 32)) !== 0)
        problems.push(`annotation flags ${f} are not print-only`);
      if (nameOf(annot['Subtype']) === 'Link' && 'A' in annot) {
        const action = pdf.dict(annot['A']);
        if (nameOf(action['S']) !== 'URI' && nameOf(action['S']) !== 'GoTo')
          problems.push(`link action ${nameOf(action['S'])}`);
        const uri = action['URI'];
        if (typeof uri === 'string' && /[^\x21-\x7e]/.test(uri))
          problems.push(`URI ${uri} is not 7-bit ASCII`);
      }
    }
  }
  return problems;
}

export function pageDicts(pdf: PdfFile): PdfDict[] {
  const pages = pdf.dict(pdf.catalog['Pages']);
  const kids = pdf.resolve(pages['Kids']);
  return Array.isArray(kids) ? kids.map((k) => pdf.dict(k)) : [];
}

/** Named destinations: name → page number (1-based) and the XYZ top in points from the page top. */
export function namedDestinations(pdf: PdfFile): Map<string, { page: number; left: number; top: number }> {
  const out = new Map<string, { page: number; left: number; top: number }>();
  const names = pdf.catalog['Names'] ? pdf.dict(pdf.catalog['Names']) : {};
  const dests = names['Dests'] ? pdf.dict(names['Dests']) : {};
  const list = pdf.resolve(dests['Names']);
  const pages = pdf.dict(pdf.catalog['Pages']);
  const kids = pdf.resolve(pages['Kids']);
  const kidNums = Array.isArray(kids) ? kids.map((k) => (k instanceof Ref ? k.num : -1)) : [];
  if (!Array.isArray(list)) return out;
  for (let i = 0; i + 1 < list.length; i += 2) {
    const name = pdfText(list[i]);
    const dest = pdf.resolve(list[i + 1]) as PdfValue[];
    const pageRef = dest[0];
    const page = pageRef instanceof Ref ? kidNums.indexOf(pageRef.num) : -1;
    const pageDict = page >= 0 ? pageDicts(pdf)[page] : undefined;
    const box = pageDict ? pdf.resolve(pageDict['MediaBox']) : null;
    const height = Array.isArray(box) && typeof box[3] === 'number' ? box[3] : 0;
    if (
      name !== null &&
      nameOf(dest[1]) === 'XYZ' &&
      typeof dest[2] === 'number' &&
      typeof dest[3] === 'number'
    )
      out.set(name, { page: page + 1, left: dest[2], top: height - dest[3] });
  }
  return out;
}

/** Distinct URI targets of the link annotations, as written in the file (pdfjs normalises them). */
export function uriTargets(pdf: PdfFile): string[] {
  const out = new Set<string>();
  for (const page of pageDicts(pdf)) {
    const annots = pdf.resolve(page['Annots']);
    if (!Array.isArray(annots)) continue;
    for (const a of annots) {
      const annot = pdf.dict(a);
      const action = 'A' in annot ? pdf.dict(annot['A']) : {};
      const uri = pdfText(action['URI']);
      if (nameOf(annot['Subtype']) === 'Link' && uri !== null) out.add(uri);
    }
  }
  return [...out];
}
