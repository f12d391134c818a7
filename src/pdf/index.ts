import pdfmake from 'pdfmake';
import { BriefError } from '../errors.js';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { EditionFonts } from '../fonts/index.js';
import { shareFonts } from './font-cache.js';
import { fontDictionary, naturalLineHeights } from './fonts.js';
import type { DocDefinition } from './definition.js';
import { resolveLayoutExtensions, TABLE_LAYOUTS } from './extensions.js';
import { applyFallbackFonts } from './fallback.js';
import { withContentId } from './identity.js';
import { packObjectStreams } from './object-streams.js';
import { prepareLinks } from './links.js';
import { infoDictionary, installXmp, readDefinitionMetadata } from './metadata.js';
import { addOutline, markBookmarks } from './outline.js';
import { applyConformance } from './pdfa.js';
import { installMeasureCache } from './measure-cache.js';
import { startTagging } from './tag-render.js';
import { planStructure, RoleError } from './tags.js';

/**
 * The PDF stage: a document definition (from the templates) and one edition's fonts in, PDF bytes
 * out. pdfmake lives only here.
 */

export type { DocDefinition, DocNode, Json, JsonObject } from './definition.js';
export { textsByRole } from './texts.js';
export { extractXmp, readXmp } from './metadata.js';

export interface RenderOptions {
  fonts: EditionFonts;
  /** Fixed creation/modification date (the date), so rebuilds give identical bytes. */
  date: Date;
  /** PDF/A-2b (the default); `false` writes a plain PDF 1.7 with the same metadata. */
  pdfa?: boolean;
  /** The template that wrote the definition, named when pdfmake cannot lay it out. */
  source?: string;
}

let policiesSet = false;

export async function renderPdf(definition: DocDefinition, options: RenderOptions): Promise<Buffer> {
  if (!policiesSet) {
    // The brief never fetches anything: images arrive as data URLs, fonts as local files.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.addTableLayouts(TABLE_LAYOUTS);
    installMeasureCache();
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
  // Tagged PDF (PDF/UA-1): the structure tree from the templates' roles (src/pdf/tags.ts).
  const tagging = startTagging();
  try {
    tagging.register(planStructure(source, tagging.base));
  } catch (e) {
    tagging.release();
    if (!(e instanceof RoleError)) throw e;
    throw BriefError.at(
      { file: options.source ?? 'templates/brief.hbs' },
      'template/role',
      `the templates produced a block with ${e.message}`,
      'a role is a standard structure type (P, H1, H2, Figure, Caption, L, LI, Table, TH, TD, BlockQuote, Note, Div) or Artifact',
    );
  }
  const resolved = resolveLayoutExtensions(source, naturalLineHeights(options.fonts), options.fonts);
  resolved['info'] = infoDictionary(metadata);
  resolved['language'] = metadata.lang;
  applyConformance(resolved, options.pdfa !== false);
  const final = applyFallbackFonts(resolved, options.fonts);
  // Footnotes find their lines in the copy pdfmake lays out (src/pdf/footnotes.ts).
  const onFinal = final['onFinalContent'];
  delete final['onFinalContent'];
  if (typeof onFinal === 'function') (onFinal as (content: unknown) => void)(final.content);
  const output = pdfmake.createPdf(final as unknown as TDocumentDefinitions);
  // The pdfkit document, laid out and rendered but not yet ended: add what pdfmake cannot.
  let pdfkitDocument: unknown;
  try {
    pdfkitDocument = await output.getStream();
    tagging.finish(pdfkitDocument);
  } catch (e) {
    // A definition pdfmake cannot lay out comes from a template change: say so, not a stack trace.
    throw BriefError.at(
      { file: options.source ?? 'templates/brief.hbs' },
      'template/definition',
      `pdfmake cannot lay out the document the templates produced: ${e instanceof Error ? e.message : String(e)}`,
      'check the last change to the templates (a table without a body, a list that is not a list …)',
    );
  } finally {
    tagging.release();
  }
  installXmp(pdfkitDocument, metadata);
  addOutline(pdfkitDocument, bookmarks);
  return withContentId(packObjectStreams(await output.getBuffer()));
}
