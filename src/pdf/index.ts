import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { EditionFonts } from '../fonts/index.js';
import { shareFonts } from './font-cache.js';
import { fontDictionary, naturalLineHeights } from './fonts.js';
import type { DocDefinition } from './definition.js';
import { resolveLayoutExtensions } from './extensions.js';
import { applyFallbackFonts } from './fallback.js';
import { withContentId } from './identity.js';
import { prepareLinks } from './links.js';
import { infoDictionary, installXmp, readDefinitionMetadata } from './metadata.js';
import { addOutline, markBookmarks } from './outline.js';
import { applyConformance } from './pdfa.js';

/**
 * The PDF stage: a document definition (from the templates) and one edition's fonts in, PDF bytes
 * out. pdfmake lives only here.
 */

export type { DocDefinition, DocNode, Json, JsonObject } from './definition.js';
export { textsByRole } from './texts.js';

export interface RenderOptions {
  fonts: EditionFonts;
  /** Fixed creation/modification date (the date), so rebuilds give identical bytes. */
  date: Date;
  /** PDF/A-2b (the default); `false` writes a plain PDF 1.7 with the same metadata. */
  pdfa?: boolean;
}

let policiesSet = false;

export async function renderPdf(definition: DocDefinition, options: RenderOptions): Promise<Buffer> {
  if (!policiesSet) {
    // The brief never fetches anything: images arrive as data URLs, fonts as local files.
    pdfmake.setUrlAccessPolicy(() => false);
    policiesSet = true;
  }
  const dictionary = fontDictionary(options.fonts);
  const allowed = new Set(
    Object.values(dictionary).flatMap((family) =>
      Object.values(family).map((v: unknown) => (Array.isArray(v) ? String(v[0]) : String(v))),
    ),
  );
  pdfmake.setLocalAccessPolicy((p: string) => allowed.has(p));
  // Fonts read, parsed and shaped once per process, output unchanged (src/pdf/font-cache.ts).
  pdfmake.setFonts(shareFonts(dictionary));

  // Archive-grade output (docs/archive.md): metadata, links, bookmarks, PDF/A, content-derived /ID.
  const source = structuredClone(definition);
  const metadata = readDefinitionMetadata(source, options.date);
  prepareLinks(source);
  const bookmarks = markBookmarks(source);
  const resolved = resolveLayoutExtensions(source, naturalLineHeights(options.fonts), options.fonts);
  resolved['info'] = infoDictionary(metadata);
  resolved['language'] = metadata.lang;
  applyConformance(resolved, options.pdfa !== false);
  const output = pdfmake.createPdf(
    applyFallbackFonts(resolved, options.fonts) as unknown as TDocumentDefinitions,
  );
  // The pdfkit document, laid out and rendered but not yet ended: add what pdfmake cannot.
  const pdfkitDocument: unknown = await output.getStream();
  installXmp(pdfkitDocument, metadata);
  addOutline(pdfkitDocument, bookmarks);
  return withContentId(await output.getBuffer());
}
