import type { EditionFonts } from '../fonts/index.js';
import { fallbackFamilies, faceKey, faceMetrics, splitByCoverage } from '../fonts/index.js';
import type { Json, JsonObject, ResolvedDefinition, TextStyle } from './definition.js';
import { CONTENT_SLOTS, FAMILY_ROLES, isRecord, mapChildren, resolveStyle, rootStyle } from './definition.js';

/**
 * Font fallback inside pdfmake. pdfmake sets every inline in one face; a character that face
 * lacks comes out as an empty box. This pass splits each text into runs by coverage: a run the
 * primary face of its role covers stays as it is, a run only a fallback face covers becomes an
 * inline of its own with `font` set to that face's family (`Fallback1`, `Fallback2` …). Every
 * other property of the inline (style, link, characterSpacing, decoration …) is kept on each
 * piece, so only the face changes. It runs on the resolved definition, right before pdfmake;
 * header, footer and background functions are wrapped so their output is split as well.
 */
export function applyFallbackFonts<T extends ResolvedDefinition>(definition: T, fonts: EditionFonts): T {
  const families = new Map(fallbackFamilies(fonts).map((f) => [faceKey(f.face), f.family]));
  if (families.size === 0) return definition;
  const styles = definition.styles;
  const cascade = (node: JsonObject, outer: TextStyle): TextStyle =>
    resolveStyle(outer, node, styles, ['font', 'bold', 'lineHeight']);

  /** The pieces of one string as inlines: primary runs as `extra` + text, fallback runs with a font. */
  const pieces = (text: string, style: TextStyle, extra: JsonObject): JsonObject[] | null => {
    const roles = FAMILY_ROLES[style.font];
    if (!roles) return null;
    const role = style.bold ? roles.bold : roles.normal;
    const runs = splitByCoverage(text, fonts, role);
    if (runs.every((r) => r.face === 0)) return null;
    const chain = fonts.roles[role];
    const primary = chain[0];
    return runs.map((run) => {
      const face = chain[run.face];
      const family = face && run.face > 0 ? families.get(faceKey(face)) : undefined;
      if (!face || !family || !primary) return { ...extra, text: run.text };
      const piece: JsonObject = { ...extra, text: run.text, font: family };
      // pdfmake's line is as tall as its tallest inline: keep a taller fallback face from
      // stretching the line pitch by scaling its lineHeight to the primary face's height.
      const ratio = faceMetrics(primary).height / faceMetrics(face).height;
      if (ratio < 1) piece['lineHeight'] = style.lineHeight * ratio;
      return piece;
    });
  };

  /** An element of a `text: [...]` array: returns the inline(s) that replace it. */
  const inline = (node: Json, style: TextStyle): Json[] => {
    if (typeof node === 'string') return pieces(node, style, {}) ?? [node];
    if (Array.isArray(node)) return [node.flatMap((n) => inline(n, style))];
    if (!isRecord(node)) return [node];
    const inner = cascade(node, style);
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
  const block = (node: Json, style: TextStyle): Json => {
    if (typeof node === 'string') {
      const split = pieces(node, style, {});
      return split ? { text: split } : node;
    }
    if (Array.isArray(node)) return node.map((n) => block(n, style));
    if (!isRecord(node)) return node;
    const inner = cascade(node, style);
    const out: JsonObject = { ...node };
    if (isRecord(node['table'])) out['table'] = { ...node['table'] };
    const text = node['text'];
    if (typeof text === 'string') {
      const split = pieces(text, inner, {});
      if (split) out['text'] = split;
    } else if (Array.isArray(text)) {
      out['text'] = text.flatMap((n) => inline(n, inner));
    }
    return mapChildren(out, (child) => block(child, inner), { inlines: false });
  };

  const root = rootStyle(definition);
  const result: ResolvedDefinition = { ...definition, content: block(definition.content, root) };
  for (const slot of CONTENT_SLOTS) {
    if (slot === 'content') continue;
    const value: unknown = definition[slot];
    if (typeof value === 'function') {
      const fn = value as (...args: unknown[]) => Json;
      result[slot] = (...args: unknown[]): Json => block(fn(...args), root);
    } else if (value !== undefined && value !== null) {
      result[slot] = block(value as Json, root);
    }
  }
  return result as T;
}
