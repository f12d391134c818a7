/**
 * Our layout vocabulary on top of pdfmake's, resolved here so templates stay declarative JSON:
 * - `linePitch` (em between baselines) → pdfmake `lineHeight`, which multiplies the face's own
 *   ascender−descender rather than the font size;
 * - `firstLineIndent` (em) → `leadingIndent` (points);
 * - `keepWithNext: true` → the block never ends a page (moved to the next page with what follows);
 * - `breakUrl: true` on an inline → the URL may break after / . - ? & = _ # and nowhere else;
 * - `{"$perPage": content}` (footer/header) → filled per page: {page} and {pages} in its strings.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface ResolvedDefinition extends Record<string, unknown> {
  pageBreakBefore?: (node: { headlineLevel?: unknown }, ctx: PageBreakContext) => boolean;
}

interface PageBreakContext {
  getFollowingNodesOnPage(): unknown[];
}

const KEEP_LEVEL = 9;

export function resolveLayoutExtensions(
  definition: Record<string, unknown>,
  naturalLineHeight: Record<string, number>,
): ResolvedDefinition {
  const doc = structuredClone(definition) as JsonObject;
  const defaultStyle = isObject(doc['defaultStyle']) ? doc['defaultStyle'] : {};
  const defaultFont = typeof defaultStyle['font'] === 'string' ? defaultStyle['font'] : 'Serif';
  const defaultSize = typeof defaultStyle['fontSize'] === 'number' ? defaultStyle['fontSize'] : 12;
  const styles = isObject(doc['styles']) ? doc['styles'] : {};

  const convert = (o: JsonObject, inheritedFont: string, inheritedSize: number): void => {
    const font = typeof o['font'] === 'string' ? o['font'] : inheritedFont;
    const size = typeof o['fontSize'] === 'number' ? o['fontSize'] : inheritedSize;
    if (typeof o['linePitch'] === 'number') {
      o['lineHeight'] = o['linePitch'] / (naturalLineHeight[font] ?? 1.437);
      delete o['linePitch'];
    }
    if (typeof o['firstLineIndent'] === 'number') {
      o['leadingIndent'] = o['firstLineIndent'] * size;
      delete o['firstLineIndent'];
    }
  };
  convert(defaultStyle, defaultFont, defaultSize);
  for (const style of Object.values(styles)) if (isObject(style)) convert(style, defaultFont, defaultSize);

  let usesKeep = false;
  const walk = (node: Json, font: string, size: number): Json => {
    if (Array.isArray(node)) return node.flatMap((n) => expandUrl(walk(n, font, size)));
    if (!isObject(node)) return node;
    const styleNames = Array.isArray(node['style']) ? node['style'] : [node['style']];
    let f = font;
    let s = size;
    for (const name of styleNames) {
      const st = typeof name === 'string' ? styles[name] : undefined;
      if (isObject(st)) {
        if (typeof st['font'] === 'string') f = st['font'];
        if (typeof st['fontSize'] === 'number') s = st['fontSize'];
      }
    }
    convert(node, f, s);
    if (node['keepWithNext'] === true) {
      node['headlineLevel'] = KEEP_LEVEL;
      delete node['keepWithNext'];
      usesKeep = true;
    }
    for (const key of ['text', 'stack', 'columns', 'table', 'body'] as const) {
      const child = node[key];
      if (child !== undefined && typeof child !== 'string') node[key] = walk(child, f, s);
    }
    return node;
  };
  doc['content'] = walk(doc['content'] ?? [], defaultFont, defaultSize);

  const result: ResolvedDefinition = doc;
  for (const slot of ['header', 'footer'] as const) {
    const spec = doc[slot];
    if (isObject(spec) && '$perPage' in spec) {
      const content = walk(spec['$perPage'] ?? null, defaultFont, defaultSize);
      result[slot] = (page: number, pages: number): Json => fillPage(content, page, pages);
    }
  }
  if (usesKeep) {
    result.pageBreakBefore = (node, ctx) =>
      node.headlineLevel === KEEP_LEVEL && ctx.getFollowingNodesOnPage().length === 0;
  }
  return result;
}

/** Splits an inline marked `breakUrl` into pieces that end at the URL's natural break points. */
function expandUrl(node: Json): Json[] {
  if (!isObject(node) || node['breakUrl'] !== true || typeof node['text'] !== 'string') return [node];
  const { breakUrl: _drop, text, ...rest } = node;
  void _drop;
  const pieces = text.match(/[^/.\-?&=_#]*[/.\-?&=_#]*/g)?.filter((p) => p !== '') ?? [text];
  return pieces.map((piece) => ({ ...rest, text: piece }));
}

function fillPage(node: Json, page: number, pages: number): Json {
  if (typeof node === 'string')
    return node.replaceAll('{page}', String(page)).replaceAll('{pages}', String(pages));
  if (Array.isArray(node)) return node.map((n) => fillPage(n, page, pages));
  if (isObject(node)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(node)) out[k] = fillPage(v, page, pages);
    return out;
  }
  return node;
}

function isObject(x: Json | undefined): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
