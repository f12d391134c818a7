import type { Foundation } from '../model.js';
import type { Author, Block, ImportedArticle, Inline } from './blocks.js';
import { emptyArticle } from './blocks.js';

/**
 * Recognises an earlier brief's text layer (what a PDF-to-text tool gives, like the seed): the
 * masthead, the photo caption with its credit, title, author, affiliation, section headings, body
 * paragraphs (rejoined where a page break split them), the editor's note and the foundation block.
 * Page footers (`遠景基金會\u3000第 2 頁`), lines repeated at every page break, CRLF, a BOM and
 * full-width indents are removed. Every decision is reported with its line.
 */
export function importText(source: string, foundation: Foundation): ImportedArticle {
  const article = emptyArticle();
  const report = (line: string): void => {
    article.decisions.push(line);
  };
  const blocks = toBlocks(source, report);
  if (blocks.length === 0) return article;

  // --- Masthead, caption, title, byline: the blocks before the first body paragraph.
  let i = 0;
  const front = (): TextBlock | undefined => blocks[i];
  let seenTitle = false;
  while (i < blocks.length) {
    const b = front();
    if (!b) break;
    if (b.text === foundation.series) {
      report(`dropped: masthead '${b.text}' (line ${b.line}, the foundation's series)`);
      i += 1;
      continue;
    }
    const date = readDate(b.text);
    if (date && article.date === undefined) {
      article.date = date;
      report(`date: ${date}  (line ${b.line}, as the text states it)`);
      i += 1;
      continue;
    }
    const caption = readCaption(b.text);
    if (caption && article.photo.caption === undefined) {
      article.photo.caption = caption.caption;
      article.photo.credit = caption.credit;
      if (caption.creditUrl) article.photo.creditUrl = caption.creditUrl;
      report(
        `photo caption, credit '${caption.credit}'${caption.creditUrl ? ' and credit URL' : ''}  (line ${b.line})`,
      );
      i += 1;
      continue;
    }
    if (!seenTitle && isShortLine(b.text, 80)) {
      article.title = b.text;
      seenTitle = true;
      report(`title: ${b.text}  (line ${b.line})`);
      i += 1;
      continue;
    }
    // The byline follows the title (a date or the caption may come between).
    const byline = seenTitle && article.authors.length === 0 ? readByline(blocks, i) : undefined;
    if (byline) {
      article.authors = byline.authors;
      for (const line of byline.report) report(line);
      i = byline.next;
      continue;
    }
    break;
  }

  // --- The tail: the foundation block and the editor's note before it (reported after the body,
  // so the report follows the source from top to bottom).
  const tail: string[] = [];
  let end = blocks.length;
  const foundationAt = blocks.findIndex((b, k) => k >= i && b.text === foundation.name);
  if (foundationAt >= 0) {
    tail.push(describeFoundationBlock(blocks.slice(foundationAt), foundation));
    end = foundationAt;
  }
  const noteAt = blocks.findIndex((b, k) => k >= i && k < end && /^(編按|編者按|編輯按)[：:]/.test(b.text));
  if (noteAt >= 0) {
    const noteBlock = blocks[noteAt];
    const note = noteBlock?.text.replace(/^(編按|編者按|編輯按)[：:]\s*/, '') ?? '';
    if (note === foundation.disclaimer) {
      tail.unshift(`dropped: editor's note (line ${noteBlock?.line}, equals the foundation's disclaimer)`);
    } else {
      article.note = note;
      tail.unshift(`note: ${note}  (line ${noteBlock?.line}, differs from the foundation's disclaimer)`);
    }
    blocks.splice(noteAt, 1);
    end -= 1;
  }

  article.body = toBody(blocks.slice(i, end), report);
  const headings = article.body.filter((b) => b.kind === 'heading').length;
  const paragraphs = article.body.filter((b) => b.kind === 'paragraph').length;
  const lists = article.body.filter((b) => b.kind === 'list').length;
  report(`headings: ${headings}`);
  report(`paragraphs: ${paragraphs}`);
  if (lists) report(`lists: ${lists}`);
  for (const line of tail) report(line);
  return article;
}

interface TextBlock {
  text: string;
  line: number;
  /** A page break (a run of two or more blank lines, a form feed or a dropped footer) before it. */
  pageBreakBefore?: { line: number };
}

/** Full-width space (U+3000), the indent of Chinese paragraphs, and ordinary blanks. */
const INDENT = /^[\s\u3000]+/;
/** A page header or footer: `遠景基金會\u3000第 2 頁`, `- 2 -`, `2 / 5`, `Page 2`, a bare number. */
const PAGE_MARK =
  /^(?:.{0,24}?[\s\u3000]*(?:第\s*\d+\s*頁(?:\s*[，,/／]?\s*共\s*\d+\s*頁)?|page\s+\d+(?:\s+of\s+\d+)?)|[-–—]\s*\d+\s*[-–—]|\d{1,3}(?:\s*[/／]\s*\d{1,3})?)$/i;

/**
 * Lines to blocks: blank lines separate blocks, a full-width indent starts a new paragraph inside
 * a run of lines, page marks are dropped, and the lines of one block are joined (Chinese without a
 * space, Latin with one).
 */
function toBlocks(source: string, report: (line: string) => void): TextBlock[] {
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  const crlf = /\r\n/.test(source);
  if (crlf) report('line ends: CRLF read as LF');
  const blocks: TextBlock[] = [];
  let current: { parts: string[]; line: number } | null = null;
  let blankRun: number[] = [];
  let pendingBreak: { line: number } | undefined;
  let indents = 0;
  const pageMarks = new Map<string, number[]>();

  const flush = (): void => {
    if (!current) return;
    const block: TextBlock = { text: joinLines(current.parts), line: current.line };
    if (pendingBreak) block.pageBreakBefore = pendingBreak;
    pendingBreak = undefined;
    blocks.push(block);
    current = null;
  };

  lines.forEach((raw, n) => {
    const lineNo = n + 1;
    const formFeed = raw.includes('\f');
    const trimmedEnd = raw.replace(/\f/g, '').replace(/[\s\u3000]+$/, '');
    const indent = INDENT.exec(trimmedEnd)?.[0] ?? '';
    const line = trimmedEnd.slice(indent.length);
    if (formFeed) {
      flush();
      pendingBreak = { line: lineNo };
    }
    if (line === '') {
      if (!formFeed) blankRun.push(lineNo);
      return;
    }
    if (PAGE_MARK.test(line)) {
      flush();
      const key = line.replace(/\d+/g, '#');
      pageMarks.set(key, [...(pageMarks.get(key) ?? []), lineNo]);
      pendingBreak = { line: lineNo };
      blankRun = [];
      return;
    }
    if (blankRun.length) {
      flush();
      if (blankRun.length >= 2 && !pendingBreak) {
        pendingBreak = { line: blankRun[Math.floor(blankRun.length / 2)] ?? lineNo };
      }
      blankRun = [];
    }
    if (indent.includes('\u3000')) indents += 1;
    // A full-width indent inside a run of lines starts a new paragraph.
    if (current && indent.includes('\u3000')) flush();
    if (!current) current = { parts: [], line: lineNo };
    current.parts.push(line);
  });
  flush();

  if (indents) report(`full-width indents removed: ${indents} lines`);
  for (const [mark, at] of pageMarks) {
    report(`dropped: page header/footer '${mark.replace(/#/g, 'N')}' ×${at.length} (lines ${at.join(', ')})`);
  }
  return dropRepeatedLines(blocks, report);
}

/**
 * A short line that comes back at several page breaks (a running header such as the series name
 * on every page) is furniture, not text: every copy after the first goes.
 */
function dropRepeatedLines(blocks: TextBlock[], report: (line: string) => void): TextBlock[] {
  const seen = new Map<string, number>();
  const out: TextBlock[] = [];
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k];
    if (!b) continue;
    const atBreak = b.pageBreakBefore !== undefined || blocks[k + 1]?.pageBreakBefore !== undefined;
    const first = seen.get(b.text);
    if (first !== undefined && atBreak && [...b.text].length <= 30) {
      report(`dropped: running header '${b.text}' (line ${b.line}, repeats line ${first})`);
      const next = blocks[k + 1];
      if (next && !next.pageBreakBefore) next.pageBreakBefore = { line: b.line };
      continue;
    }
    if (first === undefined) seen.set(b.text, b.line);
    out.push(b);
  }
  return out;
}

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F\u{20000}-\u{3FFFF}]/u;

function joinLines(parts: readonly string[]): string {
  let out = parts[0] ?? '';
  for (const next of parts.slice(1)) {
    const last = [...out].at(-1) ?? '';
    const first = [...next][0] ?? '';
    out += CJK.test(last) || CJK.test(first) ? next : ` ${next}`;
  }
  return out;
}

const CREDIT_LABEL = '圖片來源|圖片提供|照片來源|資料來源|來源|攝影|圖';
const CAPTION = new RegExp(`^(.+?)\\s*[（(]\\s*(${CREDIT_LABEL})\\s*[：:]\\s*(.*?)\\s*[)）]$`);

/** `caption(圖片來源：<url>)`, `caption（圖片來源：白宮 https://…）` or `caption（攝影：某人）`. */
export function readCaption(
  line: string,
): { caption: string; credit: string; creditUrl?: string } | undefined {
  const m = CAPTION.exec(line);
  if (!m?.[1] || !m[2]) return undefined;
  const rest = m[3] ?? '';
  const url = /<?(https?:\/\/[^\s<>]+)>?$/.exec(rest);
  const who = (url ? rest.slice(0, url.index) : rest).trim();
  const credit = who ? `${m[2]}：${who}` : m[2];
  return { caption: m[1], credit, ...(url?.[1] ? { creditUrl: url[1] } : {}) };
}

/** No sentence punctuation, short: a title, heading, name or affiliation. */
function isShortLine(text: string, max: number): boolean {
  return [...text].length <= max && !/[。！？；，]/.test(text) && !/[：:]$/.test(text);
}

/** Short headings that look like a two-to-six-character name but are not one. */
const SECTION_WORDS = new Set([
  '前言',
  '引言',
  '導論',
  '緒論',
  '背景',
  '摘要',
  '結論',
  '結語',
  '小結',
  '建議',
  '政策建議',
  '參考文獻',
]);

const NAME = /^[\p{Script=Han}·．・]{2,6}$|^[A-Z][\p{L}.'-]*( [A-Z][\p{L}.'-]*){1,3}$/u;

/**
 * The byline after the title: `李明峻` then `新台灣國策智庫研發長` on the next line, or
 * `作者：李明峻（新台灣國策智庫研發長）`, or several authors `甲（所屬）、乙（所屬）`.
 */
export function readByline(
  blocks: readonly { text: string; line: number }[],
  start: number,
): { authors: Author[]; report: string[]; next: number } | undefined {
  const first = blocks[start];
  if (!first) return undefined;
  const text = first.text.replace(/^(作者|撰文|文)\s*[：:]\s*/, '');
  const withAffiliation = [...text.matchAll(/([^、，,（(]+?)\s*[（(]([^）)]+)[）)]/g)];
  if (withAffiliation.length && withAffiliation.every((m) => NAME.test((m[1] ?? '').trim()))) {
    const authors = withAffiliation.map((m) => ({
      name: (m[1] ?? '').trim(),
      affiliation: (m[2] ?? '').trim(),
    }));
    return {
      authors,
      report: authors.map((a) => `author: ${a.name}, ${a.affiliation}  (line ${first.line})`),
      next: start + 1,
    };
  }
  const names = text.split(/[、,，]\s*/);
  if (!names.every((n) => NAME.test(n.trim()) && !SECTION_WORDS.has(n.trim()))) return undefined;
  const authors: Author[] = names.map((n) => ({ name: n.trim() }));
  const lines = [`author${authors.length > 1 ? 's' : ''}: ${names.join('、')}  (line ${first.line})`];
  let next = start + 1;
  for (const author of authors) {
    const aff = blocks[next];
    if (!aff || !isShortLine(aff.text, 40) || NAME.test(aff.text)) break;
    author.affiliation = aff.text;
    lines.push(`affiliation: ${aff.text}  (line ${aff.line})`);
    next += 1;
  }
  return { authors, report: lines, next };
}

function describeFoundationBlock(tail: readonly TextBlock[], f: Foundation): string {
  const first = tail[0]?.line ?? 0;
  const last = tail.at(-1)?.line ?? first;
  const norm = (s: string): string =>
    s
      .replace(/^(tel|fax|電話|傳真)\s*[:：]\s*/i, '')
      .replace(/^<|>$/g, '')
      .replace(/[\s\u3000]+/g, '');
  const expected = [f.name, f.about, f.address, f.tel, f.fax, f.url].map(norm);
  const extra = tail.filter((b) => !expected.includes(norm(b.text)));
  const found = new Set(tail.map((b) => norm(b.text)));
  const missing = (['name', 'about', 'address', 'tel', 'fax', 'url'] as const).filter(
    (k) => !found.has(norm(f[k])),
  );
  if (!extra.length && !missing.length) {
    return `dropped: foundation block (lines ${first}–${last}, matches assets/foundation.yaml)`;
  }
  const diffs = [
    ...extra.map((b) => `line ${b.line} '${b.text}' is not in the profile`),
    ...missing.map((k) => `the profile's ${k} is not in the text`),
  ];
  return `dropped: foundation block (lines ${first}–${last}); it differs from assets/foundation.yaml: ${diffs.join('; ')}`;
}

/** Sentence-ending punctuation, with closing quotes and brackets after it. */
const ENDS_SENTENCE = /[。！？!?…⋯．.」』）)”’]$/;
const BULLET = /^[•●・▪■◆◦]\s*/;
const NUMBERED = /^(\d{1,2})[.、．)）]\s*/;

function toBody(blocks: readonly TextBlock[], report: (line: string) => void): Block[] {
  // Rejoin paragraphs that a page break split mid-sentence.
  const joined: TextBlock[] = [];
  for (const b of blocks) {
    const prev = joined.at(-1);
    if (
      prev &&
      b.pageBreakBefore &&
      !ENDS_SENTENCE.test(prev.text) &&
      !isHeading(prev.text) &&
      !BULLET.test(b.text) &&
      !NUMBERED.test(b.text)
    ) {
      prev.text = joinLines([prev.text, b.text]);
      report(`paragraph rejoined across page break at line ${b.pageBreakBefore.line}`);
      continue;
    }
    joined.push({ ...b });
  }

  const body: Block[] = [];
  for (let k = 0; k < joined.length; k++) {
    const b = joined[k];
    if (!b) continue;
    const bullet = BULLET.exec(b.text);
    const numbered = NUMBERED.exec(b.text);
    const prev = body.at(-1);
    if (bullet) {
      const item: Block[] = [{ kind: 'paragraph', inlines: linkify(b.text.slice(bullet[0].length)) }];
      if (prev?.kind === 'list' && !prev.ordered) prev.items.push(item);
      else body.push({ kind: 'list', ordered: false, items: [item] });
      continue;
    }
    if (numbered && numberedRun(joined, k)) {
      const item: Block[] = [{ kind: 'paragraph', inlines: linkify(b.text.slice(numbered[0].length)) }];
      if (prev?.kind === 'list' && prev.ordered && Number(numbered[1]) === prev.items.length + 1)
        prev.items.push(item);
      else body.push({ kind: 'list', ordered: true, items: [item] });
      continue;
    }
    if (isHeading(b.text) && k < joined.length - 1) {
      body.push({ kind: 'heading', depth: 2, inlines: linkify(b.text) });
      continue;
    }
    body.push({ kind: 'paragraph', inlines: linkify(b.text) });
  }
  return body;
}

/** `1.` starts a list only when `2.` follows (a paragraph may start with a number). */
function numberedRun(blocks: readonly TextBlock[], k: number): boolean {
  const n = Number(NUMBERED.exec(blocks[k]?.text ?? '')?.[1]);
  const before = Number(NUMBERED.exec(blocks[k - 1]?.text ?? '')?.[1]);
  const after = Number(NUMBERED.exec(blocks[k + 1]?.text ?? '')?.[1]);
  return after === n + 1 || before === n - 1;
}

/** A section heading: a short line with no sentence punctuation in it or at its end. */
function isHeading(text: string): boolean {
  return isShortLine(text, 40) && !ENDS_SENTENCE.test(text) && !/^https?:/.test(text);
}

/** Web addresses in running text (bare or in `<…>`) become links; the rest is text. */
export function linkify(text: string): Inline[] {
  const out: Inline[] = [];
  const re =
    /<((?:https?:\/\/|mailto:)[^\s<>]+)>|(https?:\/\/[^\s<>()（）「」，。、]+[^\s<>()（）「」，。、.,;:!?])/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const url = m[1] ?? m[2] ?? '';
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) });
    out.push({ kind: 'link', url, children: [{ kind: 'text', text: url.replace(/^mailto:/, '') }] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/**
 * A line that is only a date (`2025 年 8 月 25 日`, `2025/8/25`, `2025-08-25`, or in the Minguo
 * calendar `民國 114 年 8 月 25 日`): the date the text itself states, so not an invented one.
 */
export function readDate(line: string): string | undefined {
  const m =
    /^(?:(民國)\s*)?(\d{2,4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2}))$/.exec(
      line,
    );
  if (!m?.[2]) return undefined;
  const year = Number(m[2]) + (m[1] ? 1911 : 0);
  const month = Number(m[3] ?? m[5]);
  const day = Number(m[4] ?? m[6]);
  if (year < 1900 || year > 2200) return undefined;
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : undefined;
}
