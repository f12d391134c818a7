/**
 * Our Chinese typesetting, below the PDF stage and independent of it (no I/O, no pdfmake):
 * line-break opportunities to clreq (breaks.ts), paragraph composition with punctuation
 * compression and justification (lines.ts), font metrics in pdfkit's terms (metrics.ts) and the
 * keep rules for pagination (keep.ts). src/pdf/extensions.ts turns the results into pdfmake nodes.
 */
export { breakOpportunities, findUrls } from './breaks.js';
export { isNoEnd, isNoStart } from './chars.js';
export { typesetParagraph } from './lines.js';
export type { FontMetrics, LinePiece, ParagraphOptions, TextRun, TypesetLine } from './lines.js';
export { fontMetrics } from './metrics.js';
export type { LayoutFont, StyleFace } from './metrics.js';
export { decodeMark, encodeMark, MIN_LINES, shouldBreakBefore } from './keep.js';
export type { Mark, PlacedNode, PlacementContext } from './keep.js';
export { MIN_NOTE_LINES, noteAreaHeight, placeNotes, rowFits } from './notes.js';
export type { NoteBox, NoteGeometry, NoteSlice, PlacedRow } from './notes.js';
