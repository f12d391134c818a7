import { BriefError } from '../errors.js';

export interface DecodedText {
  text: string;
  /** What the bytes were, for the report: `UTF-8`, `UTF-8 with BOM`, `Big5`, `UTF-16LE`. */
  encoding: string;
}

/**
 * Turns a text file's bytes into a string. UTF-8 (with or without BOM) and UTF-16 with a BOM are
 * read as is; anything that is not valid UTF-8 is tried as Big5 (Taiwan's legacy encoding, which
 * Node decodes with its built-in ICU) and accepted only if it decodes without a single invalid
 * sequence and is mostly Chinese text. Everything else is refused: we never guess further.
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  const at = { file, line: 1, column: 1 };
  if (bytes.length === 0) throw BriefError.at(at, 'import/empty', 'the file is empty; nothing to import');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 'utf-16le', 'UTF-16LE', file);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 'utf-16be', 'UTF-16BE', file);
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw BriefError.at(
      locate(bytes, nul, file),
      'import/binary',
      'this is a binary file, not text (it contains NUL bytes); import a .txt, .md, .html or .docx file',
    );
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: bom ? 'UTF-8 with BOM' : 'UTF-8' };
  } catch {
    // Not UTF-8: try Big5 below.
  }
  let big5: string | undefined;
  try {
    big5 = new TextDecoder('big5', { fatal: true }).decode(bytes);
  } catch {
    big5 = undefined;
  }
  if (big5 !== undefined && looksLikeChinese(big5)) return { text: big5, encoding: 'Big5' };
  throw BriefError.at(
    locate(bytes, firstInvalidUtf8(bytes), file),
    'import/binary',
    'this file is neither UTF-8 nor Big5 text (or it is binary); save it as UTF-8 text and import it again',
  );
}

function utf16(bytes: Uint8Array, label: string, name: string, file: string): DecodedText {
  try {
    return { text: new TextDecoder(label, { fatal: true }).decode(bytes), encoding: name };
  } catch {
    throw BriefError.at(
      { file, line: 1, column: 1 },
      'import/binary',
      `this file starts like ${name} text but is not; save it as UTF-8`,
    );
  }
}

/** At least half of the letters are Han characters or CJK punctuation, and there are no controls. */
function looksLikeChinese(text: string): boolean {
  if (hasControlCharacter(text, '\t\n\r\f\v')) return false;
  const letters = text.replace(/[\s\d\p{P}\p{S}]/gu, '');
  const han = letters.match(/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/gu)?.length ?? 0;
  return letters.length > 0 && han / [...letters].length >= 0.5;
}

/** The byte offset of the first invalid UTF-8 sequence (structure only; good enough to point at). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return 0;
}

/** Line and column (1-based, counted in bytes on that line) of a byte offset. */
function locate(
  bytes: Uint8Array,
  offset: number,
  file: string,
): { file: string; line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line += 1;
      start = i + 1;
    }
  }
  return { file, line, column: offset - start + 1 };
}

/** A C0 control character or DEL, other than those in `allowed`. */
export function hasControlCharacter(text: string, allowed = ''): boolean {
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if ((code < 0x20 || code === 0x7f) && !allowed.includes(ch)) return true;
  }
  return false;
}
