/**
 * The outline (bookmarks) and named destinations.
 *
 * Template vocabulary: `"bookmark": 1` marks the brief's title (the top entry), `"bookmark": 2`
 * or pdfmake's own `"tocItem": true` marks a section heading (nested under the entry before it).
 * Every marked block gets a named destination (`title`, `section1`, `section2`, … or its own
 * `id`), which pdfmake places at the block's first line; the outline entries point at those
 * names, so a bookmark opens at the heading itself. (pdfmake's own `outline` points at the top of
 * the page, and pdfkit's page destinations scroll to the page's right edge.)
 */

export interface Bookmark {
  /** Named destination. */
  id: string;
  title: string;
  /** 1 = top entry (the title), 2 = under it (section headings). */
  level: number;
}

import type { DocDefinition, Json } from './definition.js';
import { forEachNode, isRecord } from './definition.js';

/**
 * Gives every marked block of a definition a named destination and returns the bookmarks in
 * document order. Mutates the definition (call it on a copy); removes the `bookmark` key.
 */
export function markBookmarks(definition: DocDefinition): Bookmark[] {
  const out: Bookmark[] = [];
  let sections = 0;
  let titles = 0;
  forEachNode(definition, (node, _style, slot) => {
    if (!isRecord(node) || slot !== 'content') return;
    const raw = node['bookmark'];
    const level =
      typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 ? raw : node['tocItem'] ? 2 : 0;
    delete node['bookmark'];
    if (level > 0) {
      const title = plainText(node['text']).replace(/\s+/g, ' ').trim();
      if (title) {
        let id = typeof node['id'] === 'string' && node['id'] !== '' ? node['id'] : '';
        if (!id) {
          id = level === 1 ? (titles++ === 0 ? 'title' : `title${titles}`) : `section${++sections}`;
          node['id'] = id;
        }
        out.push({ id, title, level });
      }
    }
  });
  return out;
}

/** The part of pdfkit's document this module touches. */
interface OutlineItem {
  addItem(title: string, options?: { expanded?: boolean }): OutlineItem;
  outlineData: Record<string, unknown>;
  children?: OutlineItem[];
}
interface OutlineHost {
  outline?: OutlineItem;
  _root?: { data?: { Names?: { data?: { Dests?: { get?(key: string): unknown; limits?: boolean } } } } };
}

/**
 * Adds the bookmarks to a pdfkit document after pdfmake has rendered it (so the named
 * destinations exist) and before it ends. Entries are expanded; a level nests under the nearest
 * entry of a lower level.
 */
export function addOutline(pdfkitDocument: unknown, bookmarks: readonly Bookmark[]): void {
  if (bookmarks.length === 0) return;
  const doc = pdfkitDocument as OutlineHost;
  const root = doc.outline;
  if (!root || typeof root.addItem !== 'function' || !Array.isArray(root.children)) {
    throw new Error(
      'pdfkit no longer has document.outline.addItem/children: src/pdf/outline.ts must be adapted to it',
    );
  }
  const dests = doc._root?.data?.Names?.data?.Dests;
  // The Dests tree is a single root node, which may not carry /Limits (ISO 32000-1, table 36).
  if (dests && typeof dests.limits === 'boolean') dests.limits = false;
  const stack: { level: number; item: OutlineItem }[] = [{ level: 0, item: root }];
  for (const b of bookmarks) {
    if (dests?.get && dests.get(b.id) === undefined) {
      throw new Error(`the bookmark '${b.title}' has no destination '${b.id}' in the rendered document`);
    }
    while ((stack[stack.length - 1]?.level ?? 0) >= b.level) stack.pop();
    const parent = stack[stack.length - 1]?.item ?? root;
    // Not "expanded" for pdfkit, which would set /Count to the number of children only: the
    // counts of open descendants are set below, the root's included (ISO 32000-1 table 152).
    const item = parent.addItem(b.title, { expanded: false });
    // A named destination: the place pdfmake recorded for the block's first line.
    item.outlineData['Dest'] = new String(b.id);
    stack.push({ level: b.level, item });
  }
  setOpenCounts(root);
}

/** /Count of an open item (and of the root): every descendant is visible, as all are open. */
function setOpenCounts(item: OutlineItem): number {
  let visible = 0;
  for (const child of item.children ?? []) visible += 1 + setOpenCounts(child);
  if (visible > 0) item.outlineData['Count'] = visible;
  return visible;
}

function plainText(text: Json | undefined): string {
  if (typeof text === 'string') return text;
  if (typeof text === 'number') return String(text);
  if (Array.isArray(text)) return text.map(plainText).join('');
  if (isRecord(text)) return plainText(text['text']);
  return '';
}
