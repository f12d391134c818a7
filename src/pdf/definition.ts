/**
 * The document definition: its type, the one walk over its nodes, the style cascade and the map
 * from pdfmake families to our font roles. Every pass of the PDF stage (layout extensions, links,
 * bookmarks, font fallback, the coverage pre-flight's texts) goes through these, so a node kind a
 * template can emit (text, stack, columns, ul, ol, table, header/footer) is visited by all of them.
 *
 * A definition is JSON data: pdfmake's vocabulary (see @types/pdfmake's TDocumentDefinitions)
 * plus our keys, which src/pdf/extensions.ts resolves before pdfmake sees the definition:
 * `linePitch`, `firstLineIndent`, `keepWithNext`, `breakUrl`, `typeset`, `bookmark`, `$perPage`.
 */
import type { FontRole } from '../model.js';

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json | undefined;
}

/** Our keys on top of pdfmake's, on any node or style. */
export interface OurNodeKeys {
  /** Baseline-to-baseline distance in em. */
  linePitch?: number;
  /** First-line indent in em. */
  firstLineIndent?: number;
  /** The block never ends a page. */
  keepWithNext?: boolean;
  /** On an inline: a URL broken only after / . - (the block is set by our typesetting). */
  breakUrl?: boolean;
  /** Set by our Chinese typesetting (src/typeset) rather than by pdfmake. */
  typeset?: 'paragraph' | 'heading';
  /** 1: the top bookmark (the title); 2: a section under it. */
  bookmark?: number;
}

/** A node as the templates write it (the keys every pass reads are typed; others pass through). */
export interface DocNode extends JsonObject {
  text?: string | Json[];
  stack?: Json[];
  columns?: Json[];
  ul?: Json[];
  ol?: Json[];
  table?: JsonObject;
  style?: string | string[];
  font?: string;
  bold?: boolean;
  fontSize?: number;
  link?: string;
}

/** The whole definition, as the template stage returns it. */
export interface DocDefinition extends JsonObject {
  content: Json;
  styles?: { [name: string]: JsonObject };
  defaultStyle?: JsonObject;
  info?: JsonObject;
  /** `{"$perPage": content}`: content filled per page with {page} and {pages}. */
  footer?: Json;
  header?: Json;
  background?: Json;
}

/**
 * A definition after our keys are resolved (src/pdf/extensions.ts): pdfmake's input, which may hold
 * functions (the per-page footer, the page-break rule). The one cast to pdfmake's own type is at
 * the call to pdfmake (src/pdf/index.ts).
 */
export interface ResolvedDefinition {
  content: Json;
  styles?: { [name: string]: JsonObject };
  defaultStyle?: JsonObject;
  [key: string]: unknown;
}

export function isRecord(x: unknown): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * The keys under which a node holds other nodes, in document order. `text` holds inlines; a table
 * holds rows of cells under `table.body`.
 */
const CHILD_KEYS = ['text', 'stack', 'columns', 'ul', 'ol'] as const;

/** The slots of a definition that hold content, in the order a reader meets them. */
export const CONTENT_SLOTS = ['header', 'content', 'footer', 'background'] as const;

/**
 * Maps every child of a node (its inlines, stack, columns, list items and table cells) through
 * `fn`, in document order, and returns the node with the results in place (the same object,
 * changed).
 */
export function mapChildren(
  node: JsonObject,
  fn: (child: Json, key: string) => Json,
  options: { inlines?: boolean } = {},
): JsonObject {
  for (const key of CHILD_KEYS) {
    if (key === 'text' && options.inlines === false) continue;
    const value = node[key];
    if (Array.isArray(value)) node[key] = value.map((c) => fn(c, key));
    else if (key !== 'text' && value !== undefined) node[key] = fn(value, key);
  }
  const table = node['table'];
  if (isRecord(table) && Array.isArray(table['body'])) {
    table['body'] = table['body'].map((row) =>
      Array.isArray(row) ? row.map((cell) => fn(cell, 'table')) : row,
    );
  }
  return node;
}

/** A slot's content: `{"$perPage": c}` holds c; anything else is content itself. */
function slotContent(value: Json | undefined): Json | undefined {
  if (isRecord(value) && '$perPage' in value) return value['$perPage'];
  return value;
}

/** What decides which face and size a piece of text is set in, after the cascade. */
export interface TextStyle {
  font: string;
  bold: boolean;
  fontSize: number;
  lineHeight: number;
}

/**
 * The style cascade (pdfmake's order): the inherited style, then each named style of the node in
 * turn, then the node's own properties.
 */
export function resolveStyle<T extends Partial<Record<keyof TextStyle, unknown>>>(
  inherited: T,
  node: JsonObject,
  styles: { [name: string]: JsonObject } | undefined,
  keys: readonly (keyof T & string)[],
): T {
  const names = Array.isArray(node['style']) ? node['style'] : [node['style']];
  const out = { ...inherited };
  const layers = [...names.map((n) => (typeof n === 'string' ? styles?.[n] : undefined)), node];
  for (const layer of layers) {
    if (!isRecord(layer)) continue;
    for (const key of keys) {
      const v = layer[key];
      if (v !== undefined && typeof v === typeof inherited[key]) (out as Record<string, unknown>)[key] = v;
    }
  }
  return out;
}

/** The root text style of a definition: its default style over pdfmake's own defaults. */
export function rootStyle(definition: { defaultStyle?: JsonObject | undefined }): TextStyle {
  return resolveStyle(
    { font: 'Roboto', bold: false, fontSize: 12, lineHeight: 1 },
    definition.defaultStyle ?? {},
    undefined,
    ['font', 'bold', 'fontSize', 'lineHeight'],
  );
}

/** Our two pdfmake families and the font role each weight sets. */
export const FAMILY_ROLES: Readonly<Record<string, { normal: FontRole; bold: FontRole }>> = {
  Serif: { normal: 'body', bold: 'bodyBold' },
  Sans: { normal: 'sans', bold: 'heading' },
};

/** The role that sets text of a family and weight; an unknown family counts as the body serif. */
export function roleOf(font: string, bold: boolean): FontRole {
  const roles = FAMILY_ROLES[font] ?? FAMILY_ROLES['Serif'];
  return bold ? (roles?.bold ?? 'bodyBold') : (roles?.normal ?? 'body');
}

/**
 * Visits every node of a definition's content slots, with its resolved text style, in document
 * order: read-only passes (the pre-flight's texts) use this; transforming passes use mapChildren.
 */
export function forEachNode(
  definition: DocDefinition,
  visit: (node: Json, style: TextStyle, slot: (typeof CONTENT_SLOTS)[number]) => void,
): void {
  const root = rootStyle(definition);
  const walk = (node: Json, style: TextStyle, slot: (typeof CONTENT_SLOTS)[number]): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n, style, slot);
      return;
    }
    const own = isRecord(node)
      ? resolveStyle(style, node, definition.styles, ['font', 'bold', 'fontSize', 'lineHeight'])
      : style;
    visit(node, own, slot);
    if (isRecord(node)) mapChildren(node, (child) => (walk(child, own, slot), child));
  };
  for (const slot of CONTENT_SLOTS) {
    const content = slotContent(definition[slot]);
    if (content !== undefined) walk(content, root, slot);
  }
}
