/**
 * Tagged PDF, part 1: the structure model (PDF/UA-1, ISO 32000-1 14.7–14.8).
 *
 * The templates give every block a `role` (a standard structure type: P, H1, Figure, LI, Table …,
 * or `Artifact`). This pass, run on the definition before our layout extensions, turns the roles
 * into a tree of structure elements in the reading order of the definition, removes the `role`
 * keys, and leaves on every inline and image a `$tag` key: the number of the element its glyphs
 * belong to. pdfmake copies unknown inline keys through its line breaking (and so do our
 * typesetting and the font fallback), so the renderer (src/pdf/tag-render.ts) finds, for every
 * piece it draws, the element to put it in; whatever carries no `$tag` (running footer, rules,
 * fills) is drawn as an artifact.
 *
 * Derived structure, so the templates stay small:
 * - a `Table` node: THead (the `headerRows`) and TBody, a TR per row, TH cells scoped Column; the
 *   header rows pdfmake repeats on later pages are pagination artifacts there;
 * - an `LI` node: Lbl (the `label` of its first labelled block) and LBody (everything else);
 * - an inline with `link`, `linkToDestination` or `noteRef`: a `Link` (its annotation is joined to
 *   it with an OBJR, its `/Contents` from the definition's `accessibility` wording);
 * - an inline with `lang`: a `Span` with that `/Lang`;
 * - a footnote (`role: "Note"` in the `footnotes` slot): a `Note` with a unique `/ID`, placed right
 *   after the block that cites it first, so a screen reader reads it after that paragraph.
 */
import type { Json, JsonObject } from './definition.js';
import { isRecord } from './definition.js';
import { STRUCTURE_ROLES } from '../model.js';

/** Key of the element number on inlines and images (kept by pdfmake's copies of inlines). */
export const TAG_KEY = '$tag';
/** Key of the label's element on a labelled block (list marker, note number). */
export const LABEL_TAG_KEY = '$labelTag';

export interface StructElem {
  index: number;
  role: string;
  parent: StructElem | null;
  /** Child elements, and (filled at render time) marked content and annotations, in order. */
  kids: StructKid[];
  id?: string;
  alt?: string;
  lang?: string;
  scope?: 'Column' | 'Row';
  /** A Link's description (`/Contents` of its annotation). */
  contents?: string;
  /** Content of a repeated table header row: drawn again on later pages as an artifact. */
  repeats?: boolean;
  /**
   * An inline element (Link, Span): joins its parent's kids when its first content is drawn, so
   * it stands between the text before and after it.
   */
  inline?: boolean;
}

export type StructKid =
  { elem: StructElem } | { mcid: number; page: unknown } | { annot: unknown; page: unknown };

export interface TagPlan {
  root: StructElem;
  elements: StructElem[];
}

/** The wording the pass needs (the definition's `accessibility` block, from labels.json). */
interface Wording {
  noteLink: string;
  noteBack: string;
  link: string;
}

export class RoleError extends Error {}

/**
 * Builds the structure tree from the roles of a definition (changed in place: roles removed,
 * `$tag` keys added). The `footnotes` slot's nodes become Notes; the `accessibility` block is read
 * and removed.
 */
export function planStructure(definition: JsonObject, base = 0): TagPlan {
  const elements: StructElem[] = [];
  const make = (role: string, parent: StructElem | null, extra: Partial<StructElem> = {}): StructElem => {
    const elem: StructElem = { index: elements.length, role, parent, kids: [], ...extra };
    elements.push(elem);
    if (parent && !elem.inline) parent.kids.push({ elem });
    return elem;
  };
  const root = make('Document', null);
  const wording = readWording(definition['accessibility']);
  delete definition['accessibility'];
  /** Note number → the element whose text cites it first. */
  const citedBy = new Map<number, StructElem>();
  /** The Lbl elements that have their label already. */
  const labelled = new Set<StructElem>();

  const roleOf = (node: JsonObject): string | undefined => {
    const role = node['role'];
    delete node['role'];
    if (role === undefined) return undefined;
    if (typeof role !== 'string' || (role !== 'Artifact' && !STRUCTURE_ROLES.includes(role))) {
      throw new RoleError(`unknown role ${JSON.stringify(role)}`);
    }
    return role;
  };

  const attrs = (node: JsonObject): Partial<StructElem> => {
    const out: Partial<StructElem> = {};
    if (typeof node['alt'] === 'string') out.alt = node['alt'];
    if (typeof node['lang'] === 'string') out.lang = node['lang'];
    delete node['alt'];
    delete node['lang'];
    return out;
  };

  /** The inlines of a text node, each with the element it belongs to. */
  const tagInlines = (node: JsonObject, elem: StructElem): void => {
    const text = node['text'];
    node[TAG_KEY] = base + elem.index;
    const items: Json[] = typeof text === 'string' ? [{ text }] : Array.isArray(text) ? text : [];
    const visit = (item: Json, owner: StructElem): Json[] => {
      if (typeof item === 'string') return visit({ text: item }, owner);
      if (!isRecord(item)) return [item];
      let target = owner;
      const ref = item['noteRef'];
      const link = item['link'];
      const dest = item['linkToDestination'];
      if (typeof ref === 'number') {
        target = make('Link', owner, { contents: `${wording.noteLink}${ref}`, inline: true });
        if (!citedBy.has(ref)) citedBy.set(ref, blockOf(owner));
      } else if (typeof link === 'string') {
        target = make('Link', owner, {
          contents: wording.link ? `${wording.link}${link}` : link,
          lang: 'en',
          inline: true,
        });
      } else if (typeof dest === 'string') {
        target = make('Link', owner, { contents: wording.noteBack, inline: true });
      } else if (typeof item['lang'] === 'string') {
        target = make('Span', owner, { lang: item['lang'], inline: true });
        delete item['lang'];
      }
      const inner = item['text'];
      if (Array.isArray(inner)) item['text'] = inner.flatMap((i) => visit(i, target));
      item[TAG_KEY] = base + target.index;
      if (target !== owner || typeof inner !== 'string' || item['id'] !== undefined) return [item];
      // English words inside Chinese text: a Span with /Lang en, so a screen reader switches voice.
      return splitLatin(inner).map(({ text: part, latin }) =>
        latin
          ? { ...item, text: part, [TAG_KEY]: base + make('Span', owner, { lang: 'en', inline: true }).index }
          : { ...item, text: part },
      );
    };
    node['text'] = items.flatMap((i) => visit(i, elem));
  };

  const walk = (node: Json, parent: StructElem, repeats: boolean): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n, parent, repeats);
      return;
    }
    if (!isRecord(node)) return;
    const role = roleOf(node);
    if (role === 'Artifact') return; // drawn without a $tag: an artifact
    let elem = parent;
    if (role === 'LI') {
      const li = make('LI', parent, attrs(node));
      make('Lbl', li);
      elem = make('LBody', li);
    } else if (role) {
      elem = make(role, parent, { ...attrs(node), ...(repeats ? { repeats } : {}) });
    }
    if (role === 'Note') elem.id = noteId(node, elements.length);
    if (typeof node['image'] === 'string') node[TAG_KEY] = base + elem.index;
    if (node['label'] !== undefined) {
      // The marker of the list item this block opens (its nearest LI), else the block's own.
      let li: StructElem | null = elem;
      while (li && li.role !== 'LI') li = li.role === 'L' ? null : li.parent;
      const lbl = li?.kids.find((k): k is { elem: StructElem } => 'elem' in k && k.elem.role === 'Lbl');
      node[LABEL_TAG_KEY] = base + (lbl && !labelled.has(lbl.elem) ? lbl.elem.index : elem.index);
      if (lbl) labelled.add(lbl.elem);
    }
    if (node['text'] !== undefined) tagInlines(node, elem);
    for (const key of ['stack', 'columns', 'ul', 'ol'] as const) {
      const child = node[key];
      if (child !== undefined) walk(child, elem, repeats);
    }
    const table = node['table'];
    if (isRecord(table) && Array.isArray(table['body'])) {
      if (elem.role === 'Table') {
        const headerRows = typeof table['headerRows'] === 'number' ? table['headerRows'] : 0;
        const head = headerRows > 0 ? make('THead', elem) : null;
        const body = make('TBody', elem);
        table['body'].forEach((row, i) => {
          const inHead = head !== null && i < headerRows;
          const tr = make('TR', inHead ? head : body, inHead ? { repeats: true } : {});
          if (Array.isArray(row)) for (const cell of row) walk(cell, tr, inHead);
        });
        for (const e of elements) if (e.role === 'TH' && e.scope === undefined) e.scope = 'Column';
      } else {
        for (const row of table['body']) walk(row, elem, repeats);
      }
    }
  };
  walk(definition['content'] ?? [], root, false);

  // The notes at the foot of the page: each right after the block that first cites it.
  const notes = Array.isArray(definition['footnotes']) ? definition['footnotes'] : [];
  for (const raw of notes) {
    if (!isRecord(raw) || typeof raw['note'] !== 'number') continue;
    const number = raw['note'];
    const citing = citedBy.get(number);
    const parent = citing?.parent ?? root;
    const note = make(roleOf(raw) ?? 'Note', null, { id: `note-${number}` });
    note.parent = parent;
    const at = citing ? parent.kids.findIndex((k) => 'elem' in k && k.elem === citing) : -1;
    // After the citing block and any note already placed after it.
    let slot = at < 0 ? parent.kids.length : at + 1;
    while (slot < parent.kids.length) {
      const k = parent.kids[slot];
      if (!k || !('elem' in k) || k.elem.role !== 'Note') break;
      slot++;
    }
    parent.kids.splice(slot, 0, { elem: note });
    tagInlines(raw, note);
    // The note's number links back to the text: a Link inside the Note.
    raw[LABEL_TAG_KEY] = base + make('Link', note, { contents: wording.noteBack, inline: true }).index;
  }
  return { root, elements };
}

/** Runs of English words (two letters or more, with the spaces between them) in a text. */
const LATIN_WORDS = /[A-Za-z][A-Za-z'’&-]*[A-Za-z](?:[ .,][ ]?[A-Za-z][A-Za-z'’&-]*[A-Za-z])*/g;

function splitLatin(text: string): { text: string; latin: boolean }[] {
  const out: { text: string; latin: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(LATIN_WORDS)) {
    // Text that is all Latin (a name, an address line) is the block's own language question.
    if (m[0].length === text.length) return [{ text, latin: false }];
    // Only words set apart from Western tokens (ES-11/1 stays one token, and so its spacing).
    const before = text[m.index - 1] ?? ' ';
    const after = text[m.index + m[0].length] ?? ' ';
    if (/[\x21-\x7e]/.test(before) || /[\x21-\x7e]/.test(after)) continue;
    if (m.index > last) out.push({ text: text.slice(last, m.index), latin: false });
    out.push({ text: m[0], latin: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), latin: false });
  return out.length ? out : [{ text, latin: false }];
}

/** The block-level element an inline element belongs to (a Link's P, not the Link). */
function blockOf(elem: StructElem): StructElem {
  let e = elem;
  while ((e.role === 'Link' || e.role === 'Span') && e.parent) e = e.parent;
  return e;
}

function noteId(node: JsonObject, serial: number): string {
  const id = node['id'];
  return typeof id === 'string' && id !== '' ? id : `note-${serial}`;
}

function readWording(value: Json | undefined): Wording {
  const o = isRecord(value) ? value : {};
  const s = (k: string, fallback: string): string => (typeof o[k] === 'string' ? o[k] : fallback);
  return {
    noteLink: s('noteLink', 'Note '),
    noteBack: s('noteBack', 'Back to the text'),
    link: s('link', ''),
  };
}
