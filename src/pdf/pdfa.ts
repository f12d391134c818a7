/**
 * PDF/A-2a (ISO 19005-2, level A: visual appearance and a tagged logical structure, with
 * PDF/UA-1 declared beside it in the XMP), on unless a build opts out.
 *
 * What pdfmake 0.3 passes to pdfkit, and what this adds:
 * - `subset: 'PDF/A-2a'` makes pdfkit write pdfaid (part 2, conformance A) into the XMP and an
 *   sRGB IEC61966-2.1 OutputIntent (GTS_PDFA1, with the ICC profile embedded) into the catalog;
 * - pdfkit writes the XMP stream only for PDF ≥ 1.4, so `version: '1.7'` is always set (the
 *   metadata module writes the XMP's content, escaped and consistent with Info);
 * - fonts: pdfkit embeds every TrueType face as a subset (CIDFontType2, Identity-H, ToUnicode);
 *   the pre-flight coverage check keeps .notdef out; the standard 14 fonts are never used;
 * - no encryption: password and permission keys are removed from the definition;
 * - colour: everything is DeviceRGB/DeviceGray under the sRGB output intent; transparency (the
 *   opacity-1 ExtGStates pdfmake writes, an alpha channel in a PNG photo) is allowed in PDF/A-2.
 * - tagging: src/pdf/tags.ts and src/pdf/tag-render.ts (every character is in the structure tree
 *   or an artifact, and maps to Unicode, which level A requires).
 * Not claimed:
 * anything only a full validator (veraPDF) checks; see docs/archive.md.
 */

const PDFA_SUBSET = 'PDF/A-2a';
const PDF_VERSION = '1.7';

/** Sets the PDF version and the PDF/A subset on a (resolved) definition. */
export function applyConformance(doc: Record<string, unknown>, pdfa: boolean): void {
  doc['version'] = PDF_VERSION;
  if (pdfa) {
    doc['subset'] = PDFA_SUBSET;
    // pdfmake encrypts when any of these is set; PDF/A forbids encryption.
    delete doc['userPassword'];
    delete doc['ownerPassword'];
    delete doc['permissions'];
  } else {
    delete doc['subset'];
  }
  // Tagged either way (src/pdf/tags.ts): MarkInfo, a StructTreeRoot, /Tabs /S on every page, and
  // the title shown instead of the file name (PDF/UA-1 7.1).
  doc['tagged'] = true;
  doc['displayTitle'] = true;
}
