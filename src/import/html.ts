import { parse } from 'parse5';
import type { DefaultTreeAdapterTypes } from 'parse5';
import type { Block, Footnote, ImportedArticle, Inline, TableAlign } from './blocks.js';
import { emptyArticle, plainText } from './blocks.js';
import { readByline, readCaption } from './text.js';

type Element = DefaultTreeAdapterTypes.Element;
type ChildNode = DefaultTreeAdapterTypes.ChildNode;

export interface HtmlImportOptions {
  /** Finds the image an `<img src>` names; returns the file name it was written under, if any. */
  image(src: string): string | undefined;
  /** `--photo` was given: every image in the document becomes a figure. */
  photoGiven: boolean;
  /** What to call the source in the report (`Word`, `HTML`). */
  kind: string;
}

/**
 * Maps HTML (a web page, or what mammoth makes of a Word file) into the rich-content syntax:
 * the first `h1` (Word's Title style) is the title, `h2`/`h3` are `##`/`###`, lists, block quotes,
 * tables with their header row and caption, images (the first is the lead photo, the rest figures),
 * footnotes (`<sup><a href="#footnote-1">` to an `<li id="footnote-1">`), strong/em and links.
 */
export function importHtml(html: string, options: HtmlImportOptions): ImportedArticle {
  const article = emptyArticle();
  const doc = parse(html);
  const body = find(doc.childNodes, 'body');
  const roots = body ? body.childNodes : doc.childNodes;
  const converter = new Converter(article, options, collectFootnoteTargets(roots));
  const blocks = converter.blocks(roots, true);
  article.body = converter.finishFront(blocks);
  article.footnotes = converter.footnotes();
  converter.summarise();
  return article;
}

function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

function isElement(node: ChildNode): node is Element {
  return 'tagName' in node;
}

function find(nodes: readonly ChildNode[], tag: string): Element | undefined {
  for (const n of nodes) {
    if (!isElement(n)) continue;
    if (n.tagName === tag) return n;
    const inner = find(n.childNodes, tag);
    if (inner) return inner;
  }
  return undefined;
}

const FOOTNOTE_ID = /^(footnote|endnote|fn)[-_:]?\d+$/i;

/** The ids of list items that are footnotes: named like one, or pointed to from a `<sup>` link. */
function collectFootnoteTargets(nodes: readonly ChildNode[]): Set<string> {
  const referenced = new Set<string>();
  const items = new Set<string>();
  const walk = (list: readonly ChildNode[], inSup: boolean): void => {
    for (const n of list) {
      if (!isElement(n)) continue;
      const href = attr(n, 'href');
      if (n.tagName === 'a' && href?.startsWith('#') && (inSup || FOOTNOTE_ID.test(href.slice(1)))) {
        referenced.add(href.slice(1));
      }
      const id = attr(n, 'id');
      if (n.tagName === 'li' && id) items.add(id);
      walk(n.childNodes, inSup || n.tagName === 'sup');
    }
  };
  walk(nodes, false);
  return new Set([...items].filter((id) => referenced.has(id)));
}

class Converter {
  private readonly notes = new Map<string, Block[]>();
  private readonly labels = new Map<string, string>();
  private readonly refIds = new Set<string>();
  private titleSeen = false;
  private imagesSeen = 0;
  private readonly counts = { headings: 0, subheadings: 0, lists: 0, tables: 0, figures: 0, quotes: 0 };
  private readonly dropped = new Map<string, number>();

  constructor(
    private readonly article: ImportedArticle,
    private readonly options: HtmlImportOptions,
    private readonly footnoteIds: Set<string>,
  ) {}

  private drop(what: string): void {
    this.dropped.set(what, (this.dropped.get(what) ?? 0) + 1);
  }

  blocks(nodes: readonly ChildNode[], top = false): Block[] {
    const out: Block[] = [];
    let loose: Inline[] = [];
    const flushLoose = (): void => {
      const inlines = tidy(loose);
      if (inlines.length) out.push({ kind: 'paragraph', inlines });
      loose = [];
    };
    for (const node of nodes) {
      if (!isElement(node)) {
        if (node.nodeName === '#text' && 'value' in node) loose.push({ kind: 'text', text: node.value });
        continue;
      }
      if (INLINE_TAGS.has(node.tagName) && node.tagName !== 'img') {
        loose.push(...this.inlines([node]));
        continue;
      }
      flushLoose();
      out.push(...this.block(node, top));
    }
    flushLoose();
    return out;
  }

  private block(el: Element, top: boolean): Block[] {
    switch (el.tagName) {
      case 'h1': {
        const inlines = tidy(this.inlines(el.childNodes));
        if (!this.titleSeen && top) {
          this.titleSeen = true;
          this.article.title = plainText(inlines);
          this.article.decisions.push(
            `title: ${this.article.title}  (${this.options.kind} title style / h1)`,
          );
          return [];
        }
        this.counts.headings += 1;
        return inlines.length ? [{ kind: 'heading', depth: 2, inlines }] : [];
      }
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6': {
        const inlines = tidy(this.inlines(el.childNodes));
        if (!inlines.length) return [];
        if (el.tagName === 'h2') this.counts.headings += 1;
        else this.counts.subheadings += 1;
        if (el.tagName > 'h3')
          this.drop(`${el.tagName} heading set as ### (the brief has two heading levels)`);
        return [{ kind: 'heading', depth: el.tagName === 'h2' ? 2 : 3, inlines }];
      }
      case 'p':
        return this.paragraph(el);
      case 'ul':
      case 'ol':
        return this.list(el);
      case 'blockquote':
        this.counts.quotes += 1;
        return [{ kind: 'quote', blocks: this.blocks(el.childNodes) }];
      case 'table':
        return this.table(el);
      case 'img':
        return this.image(el);
      case 'hr':
        this.drop('horizontal rule');
        return [];
      case 'script':
      case 'style':
      case 'head':
      case 'title':
      case 'nav':
      case 'template':
        return [];
      case 'pre': {
        this.drop('code block kept as a paragraph');
        const inlines = tidy(this.inlines(el.childNodes));
        return inlines.length ? [{ kind: 'paragraph', inlines }] : [];
      }
      default:
        return this.blocks(el.childNodes, top);
    }
  }

  private paragraph(el: Element): Block[] {
    const images = el.childNodes.filter((n): n is Element => isElement(n) && n.tagName === 'img');
    const inlines = tidy(this.inlines(el.childNodes));
    const blocks: Block[] = [];
    if (attr(el, 'class')?.split(/\s+/).includes('caption') && inlines.length) {
      return [{ kind: 'paragraph', inlines: [{ kind: 'text', text: CAPTION_MARK }, ...inlines] }];
    }
    if (inlines.length) blocks.push({ kind: 'paragraph', inlines });
    for (const img of images) {
      if (inlines.length) this.drop('image inside a paragraph moved after it');
      blocks.push(...this.image(img));
    }
    return blocks;
  }

  private image(el: Element): Block[] {
    const src = attr(el, 'src') ?? '';
    const alt = (attr(el, 'alt') ?? '').trim();
    const file = this.options.image(src);
    if (!file) {
      this.article.decisions.push(`needs you: image '${src.slice(0, 60)}' could not be read; add it by hand`);
      return [];
    }
    this.imagesSeen += 1;
    if (this.imagesSeen === 1 && !this.options.photoGiven) {
      this.article.photo.file = file;
      if (alt) this.article.photo.alt = alt;
      this.article.decisions.push(`photo: ${file} (the document's first image)`);
      return [{ kind: 'figure', file: LEAD_PHOTO, caption: alt }];
    }
    this.counts.figures += 1;
    return [{ kind: 'figure', file, caption: alt }];
  }

  private list(el: Element): Block[] {
    const items: Block[][] = [];
    for (const li of el.childNodes) {
      if (!isElement(li) || li.tagName !== 'li') continue;
      const id = attr(li, 'id');
      if (id && this.footnoteIds.has(id)) {
        this.notes.set(id, this.blocks(li.childNodes));
        continue;
      }
      items.push(this.blocks(li.childNodes));
    }
    if (!items.length) return [];
    this.counts.lists += 1;
    return [{ kind: 'list', ordered: el.tagName === 'ol', items }];
  }

  private table(el: Element): Block[] {
    const rows: { cells: Inline[][]; header: boolean; align: TableAlign[] }[] = [];
    let caption: Inline[] | undefined;
    const walk = (nodes: readonly ChildNode[], inHead: boolean): void => {
      for (const n of nodes) {
        if (!isElement(n)) continue;
        if (n.tagName === 'caption') {
          caption = tidy(this.inlines(n.childNodes));
          const first = caption[0];
          if (first?.kind === 'text') first.text = unnumbered(first.text);
        } else if (n.tagName === 'tr') {
          const cells = n.childNodes.filter((c): c is Element => isElement(c) && /^t[hd]$/.test(c.tagName));
          rows.push({
            cells: cells.map((c) => tidy(this.inlines(flattenCell(c.childNodes)))),
            header: inHead || (cells.length > 0 && cells.every((c) => c.tagName === 'th')),
            align: cells.map(cellAlign),
          });
        } else walk(n.childNodes, inHead || n.tagName === 'thead');
      }
    };
    walk(el.childNodes, false);
    if (!rows.length) return [];
    this.counts.tables += 1;
    // GFM tables need a header row: a Word table's first row is taken as its header.
    const [head, ...rest] = rows;
    if (!head?.header)
      this.article.decisions.push(`table ${this.counts.tables}: first row taken as the header row`);
    const align = (rest[0] ?? head)?.align ?? [];
    return [
      {
        kind: 'table',
        header: head?.cells ?? [],
        rows: rest.map((r) => r.cells),
        align,
        ...(caption?.length ? { caption } : {}),
      },
    ];
  }

  inlines(nodes: readonly ChildNode[]): Inline[] {
    const out: Inline[] = [];
    for (const n of nodes) {
      if (!isElement(n)) {
        if (n.nodeName === '#text' && 'value' in n) out.push({ kind: 'text', text: n.value });
        continue;
      }
      switch (n.tagName) {
        case 'strong':
        case 'b':
          out.push({ kind: 'strong', children: this.inlines(n.childNodes) });
          break;
        case 'em':
        case 'i':
          out.push({ kind: 'emphasis', children: this.inlines(n.childNodes) });
          break;
        case 'a': {
          const href = attr(n, 'href') ?? '';
          const target = href.slice(1);
          if (href.startsWith('#') && this.footnoteIds.has(target)) {
            const id = attr(n, 'id');
            if (id) this.refIds.add(id);
            let label = this.labels.get(target);
            if (!label) {
              label = String(this.labels.size + 1);
              this.labels.set(target, label);
            }
            out.push({ kind: 'footnoteRef', label });
          } else if (href.startsWith('#')) {
            // A back-link from a note to its marker, or an in-page anchor: keep the text only.
            if (!/^(?:[↑↩^\s[\]]|\uFE0E)*$/.test(textOf(n.childNodes)))
              out.push(...this.inlines(n.childNodes));
          } else if (/^(https?:|mailto:)/i.test(href)) {
            out.push({ kind: 'link', url: href, children: this.inlines(n.childNodes) });
          } else {
            out.push(...this.inlines(n.childNodes));
          }
          break;
        }
        case 'br':
          out.push({ kind: 'text', text: '\n' });
          break;
        case 'img':
          break;
        case 'sup':
        case 'sub':
        case 'span':
        case 'u':
        case 's':
        case 'del':
        case 'ins':
        case 'small':
        case 'code':
        default:
          out.push(...this.inlines(n.childNodes));
      }
    }
    return out;
  }

  /**
   * The blocks before the body proper: the byline after the title, the caption of the lead photo.
   * The lead photo's figure placeholder is removed from the body (it lives in the front matter).
   */
  finishFront(blocks: Block[]): Block[] {
    const out: Block[] = [];
    // Byline: the first paragraphs after the title (the lead photo and its caption may come first).
    const candidates: { text: string; line: number; index: number }[] = [];
    for (let k = 0; k < blocks.length && candidates.length < 3; k++) {
      const b = blocks[k];
      if (!b || b.kind === 'figure' || captionOf(b) !== undefined) continue;
      if (b.kind !== 'paragraph') break;
      candidates.push({ text: plainText(b.inlines), line: k + 1, index: k });
    }
    const byline = this.titleSeen ? readByline(candidates, 0) : undefined;
    const bylineAt = new Set<number>();
    if (byline) {
      this.article.authors = byline.authors;
      for (const a of byline.authors) {
        this.article.decisions.push(`author: ${a.name}${a.affiliation ? `, ${a.affiliation}` : ''}`);
      }
      for (const c of candidates.slice(0, byline.next)) bylineAt.add(c.index);
    }
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i];
      if (!b || bylineAt.has(i)) continue;
      const next = blocks[i + 1];
      const captionText = next ? captionOf(next) : undefined;
      if (b.kind === 'figure') {
        const lead = b.file === LEAD_PHOTO;
        if (captionText !== undefined) i += 1;
        const parsed = captionText !== undefined ? readCaption(captionText) : undefined;
        const caption = unnumbered(parsed?.caption ?? captionText ?? b.caption);
        if (lead) {
          if (caption) this.article.photo.caption = caption;
          if (parsed?.credit) this.article.photo.credit = parsed.credit;
          if (parsed?.creditUrl) this.article.photo.creditUrl = parsed.creditUrl;
          continue;
        }
        if (!caption) this.article.decisions.push(`needs you: a caption for figure ${b.file}`);
        out.push({
          kind: 'figure',
          file: b.file,
          caption,
          ...(parsed?.credit ? { credit: parsed.credit } : {}),
        });
        continue;
      }
      if (b.kind === 'table' && !b.caption && captionText !== undefined) {
        out.push({ ...b, caption: [{ kind: 'text', text: unnumbered(captionText) }] });
        i += 1;
        continue;
      }
      if (b.kind === 'paragraph' && captionOf(b) !== undefined) {
        // A caption with nothing to caption: keep it as text.
        out.push({ kind: 'paragraph', inlines: stripCaptionMark(b.inlines) });
        continue;
      }
      out.push(b);
    }
    return withoutLeadPhoto(out);
  }

  footnotes(): Footnote[] {
    const notes: Footnote[] = [];
    for (const [id, label] of this.labels) {
      const blocks = this.notes.get(id);
      if (blocks) notes.push({ label, blocks });
    }
    const unused = [...this.notes.keys()].filter((id) => !this.labels.has(id)).length;
    if (unused) this.drop('footnote never referenced');
    return notes;
  }

  summarise(): void {
    const c = this.counts;
    const d = this.article.decisions;
    d.push(`headings: ${c.headings}, sub-headings: ${c.subheadings}`);
    if (c.lists) d.push(`lists: ${c.lists}`);
    if (c.tables) d.push(`tables: ${c.tables}`);
    if (c.quotes) d.push(`block quotes: ${c.quotes}`);
    if (c.figures) d.push(`figures: ${c.figures}`);
    if (this.labels.size) d.push(`footnotes: ${this.labels.size}`);
    for (const [what, n] of this.dropped) d.push(`no equivalent: ${what}${n > 1 ? ` ×${n}` : ''}`);
  }
}

/** Marks the lead photo's place until its caption is found. */
const LEAD_PHOTO = '\u0000lead-photo';
/** The lead photo lives in the front matter: its place holder goes wherever it was nested. */
function withoutLeadPhoto(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    if (b.kind === 'figure' && b.file === LEAD_PHOTO) continue;
    if (b.kind === 'list') out.push({ ...b, items: b.items.map(withoutLeadPhoto) });
    else if (b.kind === 'quote') out.push({ ...b, blocks: withoutLeadPhoto(b.blocks) });
    else out.push(b);
  }
  return out;
}

/** Marks a paragraph in a caption style until it is attached to its figure or table. */
const CAPTION_MARK = '\u0000caption:';

/** A caption paragraph: in a caption style, or `圖 1：…`, `表 1：…`, or `…（圖片來源：…）`. */
function captionOf(b: Block): string | undefined {
  if (b.kind !== 'paragraph') return undefined;
  const t = plainText(b.inlines);
  if (t.startsWith(CAPTION_MARK)) return t.slice(CAPTION_MARK.length).trim();
  if (/^[圖表]\s*[\d一二三四五六七八九十]+\s*[：:．.、\s]/.test(t) && [...t].length <= 120) return t;
  if (readCaption(t)) return t;
  return undefined;
}

/** Tables and figures are numbered by the build (表 1, 圖 1): the source's own number goes. */
function unnumbered(caption: string): string {
  return caption.replace(/^[圖表]\s*[\d一二三四五六七八九十]+\s*[：:．.、]?\s*/, '');
}

function stripCaptionMark(inlines: Inline[]): Inline[] {
  const [first, ...rest] = inlines;
  if (first?.kind === 'text' && first.text === CAPTION_MARK) return rest;
  return inlines;
}

function cellAlign(cell: Element): TableAlign {
  const a = (
    attr(cell, 'align') ??
    /text-align:\s*(\w+)/.exec(attr(cell, 'style') ?? '')?.[1] ??
    ''
  ).toLowerCase();
  return a === 'right' || a === 'center' || a === 'left' ? a : null;
}

/** Paragraphs inside a table cell become one line (GFM cells hold a single line). */
function flattenCell(nodes: readonly ChildNode[]): ChildNode[] {
  const out: ChildNode[] = [];
  for (const n of nodes) {
    if (isElement(n) && /^(p|div|ul|ol|li)$/.test(n.tagName)) {
      if (out.length) out.push({ nodeName: '#text', value: ' ', parentNode: null });
      out.push(...flattenCell(n.childNodes));
    } else out.push(n);
  }
  return out;
}

function textOf(nodes: readonly ChildNode[]): string {
  return nodes.map((n) => (isElement(n) ? textOf(n.childNodes) : 'value' in n ? n.value : '')).join('');
}

const INLINE_TAGS = new Set([
  'a',
  'b',
  'strong',
  'i',
  'em',
  'span',
  'sup',
  'sub',
  'u',
  's',
  'del',
  'ins',
  'small',
  'code',
  'br',
  'img',
]);

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F\u{20000}-\u{3FFFF}]/u;

/**
 * Whitespace as a browser shows it (runs collapsed; a line break between two Chinese characters
 * is no space at all), trimmed at the block's edges; adjacent runs of the same kind merged;
 * punctuation and spaces at the edges of bold/italic moved outside, where CommonMark's rules for
 * `*` can see the mark (`說**「重點」**` would not be bold; `說「**重點**」` is).
 */
export function tidy(inlines: readonly Inline[]): Inline[] {
  const collapsed = collapseSpace(inlines);
  const merged = merge(collapsed);
  return trimEdges(merged);
}

function collapseSpace(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const i of inlines) {
    if (i.kind === 'text') {
      const t = i.text.replace(/[ \t\r\n\f]+/g, ' ');
      if (t) out.push({ kind: 'text', text: t });
    } else if (i.kind === 'footnoteRef') out.push(i);
    else {
      const children = collapseSpace(i.children);
      if (children.length) out.push({ ...i, children });
    }
  }
  return out;
}

function merge(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const i of inlines) {
    const prev = out.at(-1);
    if (prev?.kind === 'text' && i.kind === 'text') prev.text += i.text;
    else if (prev && (prev.kind === 'strong' || prev.kind === 'emphasis') && prev.kind === i.kind)
      prev.children = merge([...prev.children, ...i.children]);
    else if (i.kind === 'strong' || i.kind === 'emphasis') {
      const children = merge(i.children);
      // Edge punctuation and spaces go outside the mark.
      const inner = plainText(children);
      const lead = /^[\s\p{P}]+/u.exec(inner)?.[0] ?? '';
      const trail = inner.length > lead.length ? (/[\s\p{P}]+$/u.exec(inner)?.[0] ?? '') : '';
      const trimmed = trimText(children, lead.length, trail.length);
      if (lead) pushText(out, lead);
      if (trimmed.length) out.push({ kind: i.kind, children: trimmed });
      if (trail) pushText(out, trail);
    } else if (i.kind === 'link') out.push({ ...i, children: merge(i.children) });
    else out.push({ ...i });
  }
  return out;
}

function pushText(out: Inline[], t: string): void {
  const prev = out.at(-1);
  if (prev?.kind === 'text') prev.text += t;
  else out.push({ kind: 'text', text: t });
}

/** Removes `head` characters from the start and `tail` from the end of the plain text. */
function trimText(inlines: readonly Inline[], head: number, tail: number): Inline[] {
  if (!head && !tail) return [...inlines];
  const out = inlines.map((i) => ({ ...i }));
  const cut = (list: Inline[], n: number, fromEnd: boolean): number => {
    const order = fromEnd ? [...list.keys()].reverse() : [...list.keys()];
    for (const k of order) {
      if (n <= 0) break;
      const i = list[k];
      if (!i) continue;
      if (i.kind === 'text') {
        const take = Math.min(n, i.text.length);
        i.text = fromEnd ? i.text.slice(0, i.text.length - take) : i.text.slice(take);
        n -= take;
      } else if (i.kind !== 'footnoteRef') {
        i.children = i.children.map((c) => ({ ...c }));
        n = cut(i.children, n, fromEnd);
      }
    }
    return n;
  };
  cut(out, head, false);
  cut(out, tail, true);
  return out.filter((i) => i.kind !== 'text' || i.text !== '');
}

/** Trims the block's edges and removes spaces (from source line breaks) between CJK characters. */
function trimEdges(inlines: Inline[]): Inline[] {
  const fix = (list: Inline[]): void => {
    for (const i of list) {
      if (i.kind === 'text') {
        i.text = i.text.replace(/(\S) (?=\S)/gu, (m, a: string, offset: number, s: string) => {
          const b = s[offset + 2] ?? '';
          return CJK.test(a) && CJK.test(b) ? a : m;
        });
      } else if (i.kind !== 'footnoteRef') fix(i.children);
    }
  };
  fix(inlines);
  const first = inlines[0];
  if (first?.kind === 'text') first.text = first.text.replace(/^\s+/, '');
  const last = inlines.at(-1);
  if (last?.kind === 'text') last.text = last.text.replace(/\s+$/, '');
  return inlines.filter((i) => i.kind !== 'text' || i.text !== '');
}
