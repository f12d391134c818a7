/**
 * PDF/A-2b (ISO 19005-2, level B: visual appearance), on unless a build opts out.
 *
 * What pdfmake 0.3 passes to pdfkit, and what this adds:
 * - `subset: 'PDF/A-2b'` makes pdfkit write pdfaid (part 2, conformance B) into the XMP and an
 *   sRGB IEC61966-2.1 OutputIntent (GTS_PDFA1, with the ICC profile embedded) into the catalog;
 * - pdfkit writes the XMP stream only for PDF ≥ 1.4, so `version: '1.7'` is always set (the
 *   metadata module writes the XMP's content, escaped and consistent with Info);
 * - fonts: pdfkit embeds every TrueType face as a subset (CIDFontType2, Identity-H, ToUnicode);
 *   the pre-flight coverage check keeps .notdef out; the standard 14 fonts are never used;
 * - no encryption: password and permission keys are removed from the definition;
 * - colour: everything is DeviceRGB/DeviceGray under the sRGB output intent; transparency (the
 *   opacity-1 ExtGStates pdfmake writes, an alpha channel in a PNG photo) is allowed in PDF/A-2.
 * Not claimed: PDF/A-2a/2u (tagging; pdfmake's `tagged` writes an empty structure tree) and
 * anything only a full validator (veraPDF) checks; see docs/archive.md.
 */

const PDFA_SUBSET = 'PDF/A-2b';
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
    // An empty structure tree would claim tagging the file does not have.
    doc['tagged'] = false;
  } else {
    delete doc['subset'];
  }
}
