/**
 * Link annotations. pdfmake turns every inline with a `link` into URI link annotations (one per
 * line fragment); this module prepares those inlines:
 * - bare e-mail addresses and bare http(s) addresses in text that is not already a link become
 *   links (`mailto:` for e-mail), styled with the definition's `link` style when it has one;
 * - targets become ASCII URIs, as a PDF URI action requires (a Chinese path is percent-encoded,
 *   a Chinese host name becomes punycode);
 * - only http:, https: and mailto: targets are kept; any other (javascript:, file:, a relative
 *   path) is dropped and its text stays as plain text.
 */
import type { DocDefinition, Json, JsonObject } from './definition.js';
import { CONTENT_SLOTS, isRecord, mapChildren } from './definition.js';

type Node = JsonObject;

const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])/g;
const URL_RE = /(?<![A-Za-z0-9])https?:\/\/[\x21-\x7e]+/g;
/** ASCII punctuation that ends a sentence rather than an address. */
const TRAILING = /[.,;:!?'")\]}>]+$/;

/** Finds bare addresses in a text: [start, end, target]. */
export function findBareLinks(text: string): { start: number; end: number; target: string }[] {
  const found: { start: number; end: number; target: string }[] = [];
  for (const m of text.matchAll(URL_RE)) {
    const url = m[0].replace(TRAILING, '');
    found.push({ start: m.index, end: m.index + url.length, target: url });
  }
  for (const m of text.matchAll(EMAIL)) {
    const inUrl = found.some((f) => m.index < f.end && m.index + m[0].length > f.start);
    if (!inUrl) found.push({ start: m.index, end: m.index + m[0].length, target: `mailto:${m[0]}` });
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The URI a link annotation gets, or null when the target is not one we publish.
 * http(s): kept as written when printable ASCII, else WHATWG-normalised (punycode host,
 * percent-encoded path); mailto: non-ASCII percent-encoded.
 */
export function normalizeLinkTarget(target: string): string | null {
  const t = target.trim();
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(t)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    try {
      const parsed = new URL(t);
      // An address already in printable ASCII is kept as the author wrote it.
      return /^[\x21-\x7e]+$/.test(t) ? t : parsed.href;
    } catch {
      return null;
    }
  }
  if (scheme === 'mailto') {
    const rest = t.slice('mailto:'.length);
    if (!/^[^\s@]+@[^\s@]+$/.test(rest.split('?')[0] ?? '')) return null;
    return `mailto:${encodeURI(rest)}`;
  }
  return null;
}

/** Prepares every link of a definition (mutates it: call on a copy). */
export function prepareLinks(definition: DocDefinition): void {
  const styles = definition.styles ?? {};
  const linkStyle = 'link' in styles ? 'link' : null;

  const addStyle = (style: Json | undefined): Json | undefined => {
    if (!linkStyle) return style;
    const list = Array.isArray(style) ? style : style === undefined ? [] : [style];
    return list.includes(linkStyle) ? list : [...list, linkStyle];
  };

  /** Splits a string into plain and linked pieces; inherits the owner's inline properties. */
  const split = (text: string, base: Node): Json[] | null => {
    const links = findBareLinks(text);
    if (links.length === 0) return null;
    const out: Json[] = [];
    let at = 0;
    for (const l of links) {
      const link = normalizeLinkTarget(l.target);
      if (!link) continue;
      if (l.start > at) out.push({ ...base, text: text.slice(at, l.start) });
      out.push({ ...base, text: text.slice(l.start, l.end), link, style: addStyle(base['style']) });
      at = l.end;
    }
    if (out.length === 0) return null;
    if (at < text.length) out.push({ ...base, text: text.slice(at) });
    return out;
  };

  const visitInline = (inline: Json): Json[] => {
    if (typeof inline === 'string') return split(inline, {}) ?? [inline];
    if (!isRecord(inline)) return [inline];
    if (typeof inline['link'] === 'string') {
      fixLink(inline);
      return [inline];
    }
    if (typeof inline['text'] === 'string') {
      const { text, ...base } = inline;
      return split(text, base) ?? [inline];
    }
    if (Array.isArray(inline['text'])) inline['text'] = inline['text'].flatMap(visitInline);
    return [inline];
  };

  const visit = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(visit);
    // A bare string is a text block of its own.
    if (typeof node === 'string') {
      const pieces = split(node, {});
      return pieces ? { text: pieces } : node;
    }
    if (!isRecord(node)) return node;
    if (typeof node['link'] === 'string') fixLink(node);
    const text = node['text'];
    if (Array.isArray(text)) node['text'] = text.flatMap(visitInline);
    else if (typeof text === 'string' && typeof node['link'] !== 'string') {
      const pieces = split(text, {});
      if (pieces) node['text'] = pieces;
    }
    return mapChildren(node, visit, { inlines: false });
  };
  for (const slot of CONTENT_SLOTS) {
    const value = definition[slot];
    if (isRecord(value) && '$perPage' in value) value['$perPage'] = visit(value['$perPage'] ?? null);
    else if (slot === 'content') definition.content = visit(value ?? null);
    else if (value !== undefined && value !== null) definition[slot] = visit(value);
  }
}

function fixLink(node: Node): void {
  const link = normalizeLinkTarget(String(node['link']));
  if (link) node['link'] = link;
  else delete node['link'];
}
