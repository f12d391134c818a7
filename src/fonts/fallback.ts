import type { FontRole } from '../model.js';
import { faceIndexFor, faceKey, faceMetrics, needsNoGlyph } from './faces.js';
import type { EditionFonts, FontFace } from './types.js';
import { FONT_ROLES } from './types.js';

/**
 * Font fallback inside pdfmake. pdfmake sets every inline in one face; a character that face
 * lacks comes out as an empty box. This pass splits each text into runs by coverage: a run the
 * primary face of its role covers stays as it is, a run only a fallback face covers becomes an
 * inline of its own with `font` set to that face's family (`Fallback1`, `Fallback2` …). Every
 * other property of the inline (style, link, characterSpacing, decoration …) is kept on each
 * piece, so only the face changes. It runs on the resolved definition, right before pdfmake.
 */

/** The pdfmake family of each fallback face; the same face is used for regular and bold. */
export interface FallbackFamily {
  family: string;
  face: FontFace;
}

const FAMILY_ROLES: Record<string, { normal: FontRole; bold: FontRole }> = {
  Serif: { normal: 'body', bold: 'bodyBold' },
  Sans: { normal: 'sans', bold: 'heading' },
};

/** Every face after the first of any role gets one family, numbered in manifest order. */
export function fallbackFamilies(fonts: EditionFonts): FallbackFamily[] {
  const out: FallbackFamily[] = [];
  const seen = new Set<string>();
  for (const role of FONT_ROLES) {
    for (const face of fonts.roles[role].slice(1)) {
      const key = faceKey(face);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ family: `Fallback${out.length + 1}`, face });
    }
  }
  return out;
}

type Node = unknown;
type Obj = Record<string, unknown>;

interface Context {
  font: string;
  bold: boolean;
  lineHeight: number;
}

/** A text cut into runs: each with the chain index of the face that sets it (0 = primary). */
export function splitByCoverage(
  text: string,
  fonts: EditionFonts,
  role: FontRole,
): { text: string; face: number }[] {
  const runs: { text: string; face: number }[] = [];
  let pendingNeutral = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    // Spaces, zero-width marks, combining marks and variation selectors go with their neighbours.
    if (needsNoGlyph(cp) || /[\p{M}]/u.test(ch)) {
      const last = runs[runs.length - 1];
      if (last) last.text += ch;
      else pendingNeutral += ch;
      continue;
    }
    const found = faceIndexFor(fonts, role, cp);
    const face = found < 0 ? 0 : found; // the pre-flight has refused uncovered characters already
    const last = runs[runs.length - 1];
    if (last && last.face === face) last.text += ch;
    else runs.push({ text: pendingNeutral + ch, face });
    pendingNeutral = '';
  }
  if (pendingNeutral) runs.push({ text: pendingNeutral, face: 0 });
  return runs;
}

/**
 * Returns a copy of a resolved document definition in which every piece of text that its
 * role's primary face lacks is set in the fallback family that has it. A definition whose texts
 * the primary faces cover is returned with the same structure. Header and footer functions are
 * wrapped so their output is split as well.
 */
export function applyFallbackFonts<T extends Record<string, unknown>>(definition: T, fonts: EditionFonts): T {
  const families = new Map(fallbackFamilies(fonts).map((f) => [faceKey(f.face), f.family]));
  if (families.size === 0) return definition;
  const styles = isObj(definition['styles']) ? (definition['styles'] as Record<string, Obj>) : {};
  const base = isObj(definition['defaultStyle']) ? definition['defaultStyle'] : {};
  const root: Context = {
    font: typeof base['font'] === 'string' ? base['font'] : 'Roboto',
    bold: base['bold'] === true,
    lineHeight: typeof base['lineHeight'] === 'number' ? base['lineHeight'] : 1,
  };

  const contextOf = (o: Obj, outer: Context): Context => {
    const ctx = { ...outer };
    const names = Array.isArray(o['style']) ? (o['style'] as unknown[]) : [o['style']];
    for (const name of names) {
      const st = typeof name === 'string' ? styles[name] : undefined;
      if (!st) continue;
      if (typeof st['font'] === 'string') ctx.font = st['font'];
      if (typeof st['bold'] === 'boolean') ctx.bold = st['bold'];
      if (typeof st['lineHeight'] === 'number') ctx.lineHeight = st['lineHeight'];
    }
    if (typeof o['font'] === 'string') ctx.font = o['font'];
    if (typeof o['bold'] === 'boolean') ctx.bold = o['bold'];
    if (typeof o['lineHeight'] === 'number') ctx.lineHeight = o['lineHeight'];
    return ctx;
  };

  /** The pieces of one string as inlines: primary runs as `extra` + text, fallback runs with a font. */
  const pieces = (text: string, ctx: Context, extra: Obj): Obj[] | null => {
    const roles = FAMILY_ROLES[ctx.font];
    if (!roles) return null;
    const role = ctx.bold ? roles.bold : roles.normal;
    const runs = splitByCoverage(text, fonts, role);
    if (runs.every((r) => r.face === 0)) return null;
    const chain = fonts.roles[role];
    const primary = chain[0];
    return runs.map((run) => {
      const face = chain[run.face];
      const family = face && run.face > 0 ? families.get(faceKey(face)) : undefined;
      if (!face || !family || !primary) return { ...extra, text: run.text };
      const piece: Obj = { ...extra, text: run.text, font: family };
      // pdfmake's line is as tall as its tallest inline: keep a taller fallback face from
      // stretching the line pitch by scaling its lineHeight to the primary face's height.
      const ratio = faceMetrics(primary).height / faceMetrics(face).height;
      if (ratio < 1) piece['lineHeight'] = ctx.lineHeight * ratio;
      return piece;
    });
  };

  /** An element of a `text: [...]` array: returns the inline(s) that replace it. */
  const inline = (node: Node, ctx: Context): Node[] => {
    if (typeof node === 'string') return pieces(node, ctx, {}) ?? [node];
    if (Array.isArray(node)) return [node.flatMap((n) => inline(n, ctx))];
    if (!isObj(node)) return [node];
    const inner = contextOf(node, ctx);
    const text = node['text'];
    if (typeof text === 'string') {
      const { text: _t, ...rest } = node;
      void _t;
      return pieces(text, inner, rest) ?? [node];
    }
    if (Array.isArray(text)) return [{ ...node, text: text.flatMap((n) => inline(n, inner)) }];
    return [node];
  };

  /** A block: a paragraph, stack, columns, list or table. */
  const block = (node: Node, ctx: Context): Node => {
    if (typeof node === 'string') {
      const split = pieces(node, ctx, {});
      return split ? { text: split } : node;
    }
    if (Array.isArray(node)) return node.map((n) => block(n, ctx));
    if (!isObj(node)) return node;
    const inner = contextOf(node, ctx);
    let out: Obj = node;
    const text = node['text'];
    if (typeof text === 'string') {
      const split = pieces(text, inner, {});
      if (split) out = { ...out, text: split };
    } else if (Array.isArray(text)) {
      out = { ...out, text: text.flatMap((n) => inline(n, inner)) };
    }
    for (const key of ['stack', 'columns', 'ul', 'ol']) {
      if (Array.isArray(node[key]))
        out = { ...out, [key]: (node[key] as Node[]).map((n) => block(n, inner)) };
    }
    const table = node['table'];
    if (isObj(table) && Array.isArray(table['body'])) {
      const body = (table['body'] as Node[]).map((row) =>
        Array.isArray(row) ? row.map((cell) => block(cell, inner)) : row,
      );
      out = { ...out, table: { ...table, body } };
    }
    return out;
  };

  const result: Record<string, unknown> = { ...definition, content: block(definition['content'], root) };
  for (const slot of ['header', 'footer', 'background']) {
    const value = definition[slot];
    if (typeof value === 'function') {
      const fn = value as (...args: unknown[]) => Node;
      result[slot] = (...args: unknown[]): Node => block(fn(...args), root);
    } else if (value !== undefined && value !== null) {
      result[slot] = block(value, root);
    }
  }
  return result as T;
}

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
