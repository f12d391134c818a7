/**
 * Composed paragraphs, kept per process: a paragraph's lines depend only on its runs (text, style
 * id, attachment), the faces and sizes its styles stand for, and the measure, indent and
 * justification. A rebuild after an edit (the build server, `brief watch`) composes again only
 * the paragraphs whose inputs changed; every other one gets the very lines it got before, so the
 * output is the same bytes. The lines are shared, never changed by their users.
 */
import type { FontMetrics, ParagraphOptions, TextRun, TypesetLine } from '../typeset/index.js';
import { typesetParagraph } from '../typeset/index.js';

/** Paragraphs kept (then the cache starts again): far more than an issue, or a few, hold. */
const KEPT = 20_000;

const composed = new Map<string, readonly TypesetLine[]>();
const fontIds = new WeakMap<object, number>();
let nextFontId = 1;
const stats = { composed: 0, reused: 0 };

function fontId(font: object): number {
  let id = fontIds.get(font);
  if (id === undefined) fontIds.set(font, (id = nextFontId++));
  return id;
}

/** typesetParagraph, answered from the cache when the same paragraph was composed before. */
export function composeParagraph(
  runs: readonly TextRun[],
  options: ParagraphOptions,
  faces: readonly { font: object; size: number }[],
  metrics: FontMetrics,
): TypesetLine[] {
  let key = `${options.width}|${options.indent}|${options.justify ? 1 : 0}`;
  for (const f of faces) key += `|${fontId(f.font)}@${f.size}`;
  for (const r of runs) key += `\u0000${r.style}${r.attach ? '+' : ''}\u0001${r.text}`;
  const hit = composed.get(key);
  if (hit) {
    stats.reused += 1;
    return hit as TypesetLine[];
  }
  const lines = typesetParagraph(runs, options, metrics);
  if (composed.size >= KEPT) composed.clear();
  composed.set(key, lines);
  stats.composed += 1;
  return lines;
}

/** Paragraphs composed and reused so far (the benchmark prints them). */
export function paragraphCacheStats(): { composed: number; reused: number } {
  return { ...stats };
}
