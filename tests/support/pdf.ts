/**
 * Reads a produced PDF back for end-to-end assertions: text with glyph positions, fonts,
 * metadata, links and outline, through pdfjs-dist (no Debian tools needed, so CI can run it).
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';

export interface PdfTextItem {
  str: string;
  /** Left edge, points from the page's left. */
  x: number;
  /** Baseline, points from the page's top. */
  y: number;
  width: number;
  fontSize: number;
  /** pdfjs's internal font id; map through `fonts` for the PostScript name. */
  fontName: string;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  items: PdfTextItem[];
  links: { url: string; rect: number[] }[];
}

export interface PdfReadBack {
  pages: PdfPage[];
  /** All text in reading order, items joined without separators, pages joined by \n. */
  text: string;
  info: Record<string, unknown>;
  /** Raw XMP packet, if any. */
  xmp: string | null;
  outline: { title: string; items: { title: string }[] }[];
  /** Font id → PostScript (base) name, e.g. 'ABCDEF+NotoSerifTC-Regular'. */
  fonts: Map<string, string>;
}

/** Opens a PDF with pdfjs the way every test reads one: no system fonts, no eval, quiet. */
export function openPdf(bytes: Uint8Array): ReturnType<typeof getDocument>['promise'] {
  return getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
    isEvalSupported: false,
  }).promise;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfReadBack> {
  const doc = await openPdf(bytes);
  const pages: PdfPage[] = [];
  const fonts = new Map<string, string>();
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , width, height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    // Loading the operator list makes pdfjs resolve the fonts, so commonObjs knows their names.
    await page.getOperatorList();
    const items: PdfTextItem[] = [];
    for (const raw of content.items) {
      if (!('str' in raw)) continue;
      const it = raw as TextItem;
      if (!fonts.has(it.fontName)) {
        try {
          const f = page.commonObjs.get(it.fontName) as { name?: string } | undefined;
          fonts.set(it.fontName, f?.name ?? it.fontName);
        } catch {
          fonts.set(it.fontName, it.fontName);
        }
      }
      const [a, , , d, e, f] = it.transform as [number, number, number, number, number, number];
      items.push({
        str: it.str,
        x: e,
        y: height - f,
        width: it.width,
        fontSize: Math.abs(d) || Math.abs(a),
        fontName: it.fontName,
      });
    }
    const annotations = (await page.getAnnotations()) as { subtype: string; url?: string; rect: number[] }[];
    const links = annotations
      .filter((a) => a.subtype === 'Link' && typeof a.url === 'string')
      .map((a) => ({ url: a.url ?? '', rect: a.rect }));
    pages.push({ number: n, width, height, items, links });
  }
  const meta = await doc.getMetadata();
  const outlineRaw = ((await doc.getOutline()) ?? []) as { title: string; items: { title: string }[] }[];
  const xmp = (meta.metadata as { getRaw?: () => string } | null)?.getRaw?.() ?? null;
  await doc.destroy();
  return {
    pages,
    text: pages.map((p) => p.items.map((i) => i.str).join('')).join('\n'),
    info: meta.info as Record<string, unknown>,
    xmp,
    outline: outlineRaw.map((o) => ({
      title: o.title,
      items: (o.items ?? []).map((i) => ({ title: i.title })),
    })),
    fonts,
  };
}

/** The text with all whitespace removed, for comparing with source paragraphs. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * The text of the pages without their running footers (anything whose baseline lies in the bottom
 * `footerZone` points), so a paragraph that crosses a page reads as one.
 */
export function textWithoutFooters(pdf: PdfReadBack, footerZone = 60): string {
  return pdf.pages
    .map((p) =>
      p.items
        .filter((i) => i.y < p.height - footerZone)
        .map((i) => i.str)
        .join(''),
    )
    .join('');
}

/**
 * Distinct link targets over all pages (one link may be drawn as many annotations, one per line
 * piece). pdf.js normalises URLs (http://host → http://host/), so compare with `new URL(x).href`.
 */
export function linkTargets(pdf: PdfReadBack): string[] {
  return [...new Set(pdf.pages.flatMap((p) => p.links.map((l) => l.url)))];
}

/** Characters of `expected` (whitespace aside) that `actual` lacks, counted with multiplicity. */
export function missingCharacters(expected: string, actual: string): string[] {
  const have = new Map<string, number>();
  for (const ch of squash(actual)) have.set(ch, (have.get(ch) ?? 0) + 1);
  const missing: string[] = [];
  for (const ch of squash(expected)) {
    const n = have.get(ch) ?? 0;
    if (n > 0) have.set(ch, n - 1);
    else missing.push(ch);
  }
  return missing;
}
