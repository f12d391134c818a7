import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { EditionFonts } from '../fonts/index.js';
import { fontDictionary, naturalLineHeights } from './fonts.js';
import type { DocDefinition } from '../template/index.js';
import { resolveLayoutExtensions } from './extensions.js';

/**
 * The PDF stage: a document definition (from the templates) and one edition's fonts in, PDF bytes
 * out. pdfmake lives only here.
 */

export interface RenderOptions {
  fonts: EditionFonts;
  /** Fixed creation/modification date (the date), so rebuilds give identical bytes. */
  date: Date;
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
  pdfmake.setFonts(dictionary);

  const doc = resolveLayoutExtensions(
    definition,
    naturalLineHeights(options.fonts),
  ) as unknown as TDocumentDefinitions;
  doc.info = { ...(doc.info ?? {}), creationDate: options.date };
  (doc.info as Record<string, unknown>)['modDate'] = options.date;
  return pdfmake.createPdf(doc).getBuffer();
}
