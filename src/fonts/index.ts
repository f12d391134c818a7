/**
 * Fonts: the manifest of faces per edition and role (fonts/fonts.json plus a foundation's own
 * files), the coverage pre-flight, and the fallback pass that lets a wider face set only the
 * characters the primary face lacks. fontkit lives only here.
 */
export type { EditionFonts, FontFace, TextToSet } from './types.js';
export { FONT_ROLES } from './types.js';
export { loadFontManifest, locateInText } from './manifest.js';
export { plainAdvanceWidth } from './advances.js';
export { faceIndexFor, faceKey, faceMetrics, faceName, openFace } from './faces.js';
export { adoptFontMemory, fontBytes, parseFontFile, sharedFontMemory, useSharedFontMemory } from './files.js';
export type { RoleCoverage, SourceText, UncoveredCharacter } from './coverage.js';
export {
  codePointLabel,
  coverageReport,
  findUncoveredCharacters,
  formatCoverage,
  locateUncovered,
  uncoveredMessage,
} from './coverage.js';
export type { FallbackFamily } from './fallback.js';
export { fallbackFamilies, splitByCoverage } from './fallback.js';
