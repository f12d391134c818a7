import { createRequire } from 'node:module';

/**
 * Document metadata, written twice from one record so the two never disagree (PDF/A requires it):
 * the Info dictionary (through pdfmake's `info`) and the XMP packet (built here, XML-escaped;
 * pdfkit's own packet is not escaped and lacks ModifyDate, language and keywords as a list).
 *
 * The record comes from the template's `info` block and `language`:
 * title, author, subject (series + issue title), keywords (list), creator (the foundation),
 * producer (our tool and version), series; the dates are the date, never the build time.
 */

export interface DocumentMetadata {
  title: string;
  author: string;
  /** Series and issue title, e.g. 遠景論壇・<title>. */
  subject: string;
  keywords: string[];
  /** Who made the document: the foundation (Info /Creator, XMP xmp:CreatorTool). */
  creator: string;
  /** Our tool and version, with the PDF engine's versions (Info /Producer, XMP pdf:Producer). */
  producer: string;
  /** The series the issue belongs to (XMP dc:relation; not an Info key). */
  series: string;
  /** BCP 47 tag, e.g. zh-Hant-TW: the catalog's /Lang and XMP dc:language. */
  lang: string;
  /** CreationDate and ModDate: the date. */
  date: Date;
}

/** The separator of the Info /Keywords string (XMP pdf:Keywords holds the same string). */
const KEYWORD_SEPARATOR = ', ';

const requireHere = createRequire(import.meta.url);

/** pdfmake's and pdfkit's versions: a change of either may change the bytes, so the Producer names them. */
const ENGINE: { pdfmake: string; pdfkit: string } = (() => {
  const version = (request: string, from?: string): string => {
    try {
      const file = from ? requireHere.resolve(request, { paths: [from] }) : requireHere.resolve(request);
      return (requireHere(file) as { version?: string }).version ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };
  const pdfmakeDir = (() => {
    try {
      return requireHere.resolve('pdfmake/package.json').replace(/package\.json$/, '');
    } catch {
      return undefined;
    }
  })();
  return { pdfmake: version('pdfmake/package.json'), pdfkit: version('pdfkit/package.json', pdfmakeDir) };
})();

/**
 * Reads the metadata record from a document definition's `info` and `language`. A missing or
 * empty field is a template error (the `info` block of templates/brief.hbs), reported by name.
 */
export function readDefinitionMetadata(definition: Record<string, unknown>, date: Date): DocumentMetadata {
  const info = isRecord(definition['info']) ? definition['info'] : {};
  const missing: string[] = [];
  const text = (key: string): string => {
    const value = info[key];
    const s = typeof value === 'string' ? clean(value) : '';
    if (!s) missing.push(`info.${key}`);
    return s;
  };
  const title = text('title');
  const author = text('author');
  const subject = text('subject');
  const creator = text('creator');
  const producer = text('producer');
  const series = text('series');
  const rawKeywords = info['keywords'];
  const keywords = (
    Array.isArray(rawKeywords)
      ? rawKeywords
      : typeof rawKeywords === 'string'
        ? rawKeywords.split(/[,;，；、]/)
        : []
  )
    .map((k) => (typeof k === 'string' ? clean(k) : ''))
    .filter((k) => k !== '');
  const lang = typeof definition['language'] === 'string' ? clean(definition['language']) : '';
  if (!lang) missing.push('language');
  if (missing.length) {
    throw new Error(
      `the document definition lacks ${missing.join(', ')}: fill them in the info block of templates/brief.hbs`,
    );
  }
  if (Number.isNaN(date.getTime())) throw new Error('the document date is not a valid date');
  return {
    title,
    author,
    subject,
    keywords,
    creator,
    producer: `${producer} (pdfmake ${ENGINE.pdfmake}, pdfkit ${ENGINE.pdfkit})`,
    series,
    lang,
    date,
  };
}

/** pdfmake's `info`: pdfmake turns the keys into Info's Title, Author, … ModDate. */
export function infoDictionary(meta: DocumentMetadata): Record<string, string | Date> {
  return {
    title: meta.title,
    author: meta.author,
    subject: meta.subject,
    keywords: meta.keywords.join(KEYWORD_SEPARATOR),
    creator: meta.creator,
    producer: meta.producer,
    creationDate: meta.date,
    modDate: meta.date,
  };
}

/**
 * The rdf:Description elements of the XMP packet (pdfkit wraps them in x:xmpmeta/rdf:RDF and
 * adds pdfaid itself when PDF/A is on). Besides the schemas PDF/A predefines (dc, xmp, pdf), the
 * PDF/UA-1 claim `pdfuaid:part 1`, with the extension-schema declaration PDF/A-2 requires for it.
 */
function xmpDescriptions(meta: DocumentMetadata): string {
  const x = escapeXml;
  const date = xmpDate(meta.date);
  const li = (values: string[]): string => values.map((v) => `<rdf:li>${x(v)}</rdf:li>`).join('');
  const alt = (value: string): string =>
    `<rdf:Alt><rdf:li xml:lang="x-default">${x(value)}</rdf:li><rdf:li xml:lang="${x(meta.lang)}">${x(value)}</rdf:li></rdf:Alt>`;
  return [
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(meta.title)}</dc:title>`,
    `<dc:creator><rdf:Seq>${li([meta.author])}</rdf:Seq></dc:creator>`,
    `<dc:description>${alt(meta.subject)}</dc:description>`,
    `<dc:subject><rdf:Bag>${li(meta.keywords)}</rdf:Bag></dc:subject>`,
    `<dc:publisher><rdf:Bag>${li([meta.creator])}</rdf:Bag></dc:publisher>`,
    `<dc:relation><rdf:Bag>${li([meta.series])}</rdf:Bag></dc:relation>`,
    `<dc:language><rdf:Bag>${li([meta.lang])}</rdf:Bag></dc:language>`,
    `<dc:date><rdf:Seq>${li([date.slice(0, 10)])}</rdf:Seq></dc:date>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${x(meta.creator)}</xmp:CreatorTool>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<pdf:Producer>${x(meta.producer)}</pdf:Producer>`,
    `<pdf:Keywords>${x(meta.keywords.join(KEYWORD_SEPARATOR))}</pdf:Keywords>`,
    '</rdf:Description>',
    PDFUA_DESCRIPTIONS,
  ].join('\n');
}

/** PDF/UA-1 (ISO 14289-1 5): pdfuaid:part 1, declared as a PDF/A extension schema. */
const PDFUA_DESCRIPTIONS = [
  '<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
  '<pdfuaid:part>1</pdfuaid:part>',
  '</rdf:Description>',
  '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"',
  ' xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">',
  '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">',
  '<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>',
  '<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>',
  '<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>',
  '<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">',
  '<pdfaProperty:name>part</pdfaProperty:name>',
  '<pdfaProperty:valueType>Integer</pdfaProperty:valueType>',
  '<pdfaProperty:category>internal</pdfaProperty:category>',
  '<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>',
  '</rdf:li></rdf:Seq></pdfaSchema:property>',
  '</rdf:li></rdf:Bag></pdfaExtension:schemas>',
  '</rdf:Description>',
].join('\n');

/** The part of pdfkit's document this module touches. */
interface XmpHost {
  appendXML(xml: string, newline?: boolean): void;
  _addInfo?: unknown;
}

/**
 * Replaces pdfkit's XMP body (unescaped, without ModifyDate) with ours. pdfkit calls `_addInfo`
 * once, at the end, when it writes the metadata stream; if a pdfkit upgrade renames it, fail
 * loudly rather than ship the unescaped packet.
 */
export function installXmp(pdfkitDocument: unknown, meta: DocumentMetadata): void {
  const doc = pdfkitDocument as XmpHost;
  if (typeof doc._addInfo !== 'function' || typeof doc.appendXML !== 'function') {
    throw new Error('pdfkit no longer has _addInfo/appendXML: src/pdf/metadata.ts must be adapted to it');
  }
  const xml = xmpDescriptions(meta);
  doc._addInfo = function (this: XmpHost): void {
    this.appendXML(xml);
  };
}

/** XMP date: 2025-08-25T00:00:00Z (Info gets the same instant as D:20250825000000Z). */
function xmpDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Text for metadata: no control characters (XML 1.0 forbids most), whitespace collapsed. */
function clean(s: string): string {
  const visible = [...s]
    .map((c) => {
      const code = c.codePointAt(0) ?? 0;
      return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfffe || code === 0xffff ? ' ' : c;
    })
    .join('');
  return visible.replace(/\s+/g, ' ').trim();
}

/** What a PDF's XMP packet says, read back: for the archive catalogue and the tests. */
export interface XmpSummary {
  title: string | null;
  author: string | null;
  subject: string | null;
  keywords: string[];
  publisher: string | null;
  series: string | null;
  lang: string | null;
  createDate: string | null;
  modifyDate: string | null;
  creatorTool: string | null;
  producer: string | null;
  pdfKeywords: string | null;
  pdfa: { part: number; conformance: string } | null;
  /** pdfuaid:part (1 for PDF/UA-1). */
  pdfua: number | null;
}

/** Finds the XMP packet in PDF bytes (the metadata stream is never compressed). */
export function extractXmp(pdf: Uint8Array): string | null {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const start = bytes.indexOf('<x:xmpmeta');
  if (start < 0) return null;
  const endTag = '</x:xmpmeta>';
  const end = bytes.indexOf(endTag, start);
  if (end < 0) return null;
  return bytes.subarray(start, end + endTag.length).toString('utf8');
}

/** Reads the fields this module writes (a reader for our own packets, not a general XMP parser). */
export function readXmp(xmp: string): XmpSummary {
  const element = (name: string): string | null => {
    const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xmp);
    return m?.[1] ?? null;
  };
  const items = (name: string): string[] => {
    const body = element(name);
    if (body === null) return [];
    return [...body.matchAll(/<rdf:li(?:\s[^>]*)?>([\s\S]*?)<\/rdf:li>/g)].map((m) =>
      unescapeXml((m[1] ?? '').trim()),
    );
  };
  const defaultAlt = (name: string): string | null => {
    const body = element(name);
    const m = body ? /<rdf:li xml:lang="x-default">([\s\S]*?)<\/rdf:li>/.exec(body) : null;
    return m ? unescapeXml((m[1] ?? '').trim()) : null;
  };
  const single = (name: string): string | null => {
    const v = element(name);
    return v === null ? null : unescapeXml(v.trim());
  };
  const part = single('pdfaid:part');
  const conformance = single('pdfaid:conformance');
  return {
    title: defaultAlt('dc:title'),
    author: items('dc:creator')[0] ?? null,
    subject: defaultAlt('dc:description'),
    keywords: items('dc:subject'),
    publisher: items('dc:publisher')[0] ?? null,
    series: items('dc:relation')[0] ?? null,
    lang: items('dc:language')[0] ?? null,
    createDate: single('xmp:CreateDate'),
    modifyDate: single('xmp:ModifyDate'),
    creatorTool: single('xmp:CreatorTool'),
    producer: single('pdf:Producer'),
    pdfKeywords: single('pdf:Keywords'),
    pdfa: part !== null && conformance !== null ? { part: Number(part), conformance } : null,
    pdfua: single('pdfuaid:part') === null ? null : Number(single('pdfuaid:part')),
  };
}

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e] ?? '';
  });
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
