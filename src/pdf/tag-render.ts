/**
 * Tagged PDF, part 2: marked content while pdfmake draws, and the structure tree after.
 *
 * pdfmake has no tagging hook, so this wraps its page rendering (pdfmake's `Renderer`), for the
 * render of a tagged definition only: `renderPages` is wrapped once per process, and it does
 * something only when the pages hold inlines or images with a `$tag` (src/pdf/tags.ts) of a plan
 * registered here; any other render goes through untouched. While the pages are drawn:
 * - text: each inline opens marked content for its element (`/P <</MCID n>> BDC`); consecutive
 *   inlines of one element on one page share one sequence, so a typeset block costs one MCID per
 *   page, not one per glyph or piece; an inline with `$actual` (a piece whose justification
 *   spreads its characters) gets a sequence of its own with `/ActualText`, so text extraction
 *   gives the characters without spaces between them;
 * - inlines without a `$tag` (the running footer) are `/Artifact` of type Pagination; vectors
 *   (rules, fills, table lines) are Layout artifacts; a repeated table header row is a Pagination
 *   artifact on every page after its first;
 * - every annotation made while an element is open (a link) gets `/StructParent`, the element's
 *   `/Contents`, and an OBJR with the page it is on.
 * The marked content is written directly (pdfkit's own `markContent` nests the first tagged item
 * of a page inside an open artifact, and flushes OBJRs with the wrong page), and the structure
 * elements, ParentTree (no `/Limits` on its root) and IDTree are written here after rendering.
 * The pdfmake/pdfkit members used are checked by `checkTaggingInternals` (tests/pdf/engine.test.ts)
 * and listed in docs/engine-patches.md.
 */
import { createRequire } from 'node:module';
import type { StructElem, TagPlan } from './tags.js';
import { TAG_KEY } from './tags.js';

/** A pdfkit indirect object. */
interface Ref {
  data: Record<string, unknown>;
  end(): void;
}

interface PdfkitPage {
  dictionary: Ref;
  annotations: Ref[];
}

interface PdfkitDoc {
  page: PdfkitPage;
  addContent(s: string): unknown;
  ref(data: Record<string, unknown>): Ref;
  addPage(...args: unknown[]): unknown;
  text(...args: unknown[]): unknown;
  annotate(x: number, y: number, w: number, h: number, options: Record<string, unknown>): unknown;
  _root: Ref;
}

interface Inline {
  [TAG_KEY]?: number;
  $actual?: string;
  /** The piece continues the ActualText span its run's first piece opened. */
  $actualCont?: boolean;
}

interface Line {
  inlines: Inline[];
}

type RendererMethod = (this: RendererInstance, ...args: unknown[]) => unknown;

interface RendererInstance {
  pdfDocument: PdfkitDoc;
  [method: string]: unknown;
}

interface Page {
  items: { type: string; item: unknown }[];
}

/** Element numbers are plan * PLAN_STRIDE + index, so a render finds its plan from any tag. */
const PLAN_STRIDE = 1_000_000;

const plans = new Map<number, RenderTags>();
let nextPlan = 1;

/** What one tagged render records: content per element, pages, annotations. */
class RenderTags {
  /** The marked content open now (an element, or an artifact type). */
  private open: { key: string; elem: StructElem | null } | null = null;
  private pageKeys = new Map<Ref, { key: number; mcids: StructElem[] }>();
  private firstPage = new Map<StructElem, Ref>();
  private annotParents: [number, StructElem][] = [];
  private nextKey = 0;
  doc: PdfkitDoc | null = null;

  constructor(
    readonly plan: TagPlan,
    readonly id: number,
  ) {}

  elem(tag: unknown): StructElem | null {
    if (typeof tag !== 'number') return null;
    const e = this.plan.elements[tag - this.id * PLAN_STRIDE];
    return e ?? null;
  }

  /** Makes the content drawn next belong to `elem` (null: an artifact of `type`). */
  enter(elem: StructElem | null, type: 'Pagination' | 'Layout', actual?: string, cont = false): void {
    const doc = this.doc;
    if (!doc) return;
    const page = doc.page.dictionary;
    if (elem?.repeats) {
      const first = this.firstPage.get(elem);
      if (first === undefined) this.firstPage.set(elem, page);
      else if (first !== page) elem = null;
      if (!elem) type = 'Pagination';
    }
    const key = elem ? `e${elem.index}` : `a${type}`;
    // The rest of a spread run stays in the span its first piece opened.
    if (cont && elem && this.open?.key === '' && this.open.elem === elem) return;
    if (this.open && this.open.key === key && actual === undefined) return;
    this.close();
    if (!elem) {
      doc.addContent(`/Artifact <</Type /${type}>> BDC`);
      this.open = { key, elem: null };
      return;
    }
    let state = this.pageKeys.get(page);
    if (!state) {
      state = { key: this.nextKey++, mcids: [] };
      this.pageKeys.set(page, state);
      page.data['StructParents'] = state.key;
    }
    this.attach(elem);
    const mcid = state.mcids.length;
    state.mcids.push(elem);
    elem.kids.push({ mcid, page });
    const tag = actual === undefined ? elem.role : 'Span';
    const actualText = actual === undefined ? '' : ` /ActualText ${hexString(actual)}`;
    doc.addContent(`/${tag} <</MCID ${mcid}${actualText}>> BDC`);
    // A piece with ActualText is a sequence of its own: the next piece opens another.
    this.open = { key: actual === undefined ? key : '', elem };
  }

  /** An inline element joins its parent where its first content is drawn. */
  private attach(elem: StructElem): void {
    let e: StructElem | null = elem;
    while (e?.inline && e.parent) {
      e.parent.kids.push({ elem: e });
      e.inline = false;
      e = e.parent;
    }
  }

  close(): void {
    if (!this.open || !this.doc) return;
    this.doc.addContent('EMC');
    this.open = null;
  }

  /** Called by the wrapped `annotate`: the open element owns the annotation. */
  annotation(options: Record<string, unknown>, done: () => void): void {
    const doc = this.doc;
    const elem = this.open?.elem ?? null;
    if (!doc || !elem) {
      done();
      return;
    }
    const key = this.nextKey++;
    options['StructParent'] = key;
    if (elem.contents !== undefined) options['Contents'] = pdfString(elem.contents);
    done();
    const annot = doc.page.annotations[doc.page.annotations.length - 1];
    if (annot) {
      this.attach(elem);
      elem.kids.push({ annot, page: doc.page.dictionary });
      this.annotParents.push([key, elem]);
    }
  }

  /** Writes the structure tree (after rendering, before the document ends). */
  finish(): void {
    const doc = this.doc;
    if (!doc) return;
    this.close();
    const keep = (e: StructElem): boolean => {
      e.kids = e.kids.filter((k) => !('elem' in k) || keep(k.elem));
      return e.kids.length > 0 || e.parent === null;
    };
    keep(this.plan.root);
    const refs = new Map<StructElem, Ref>();
    const order: StructElem[] = [];
    const collect = (e: StructElem): void => {
      order.push(e);
      refs.set(e, doc.ref({ S: e.role }));
      for (const k of e.kids) if ('elem' in k) collect(k.elem);
    };
    collect(this.plan.root);
    const root = doc._root.data['StructTreeRoot'] as Ref | undefined;
    if (!root)
      throw new Error('pdfkit did not create a StructTreeRoot: src/pdf/tag-render.ts must be adapted');
    const ids: [string, Ref][] = [];
    for (const e of order) {
      const ref = refs.get(e) as Ref;
      const d = ref.data;
      d['P'] = e.parent ? refs.get(e.parent) : root;
      const firstMc = e.kids.find((k): k is { mcid: number; page: Ref } => 'mcid' in k);
      const pg = firstMc?.page;
      if (pg) d['Pg'] = pg;
      d['K'] = e.kids.map((k) => {
        if ('elem' in k) return refs.get(k.elem);
        if ('mcid' in k) return k.page === pg ? k.mcid : { Type: 'MCR', Pg: k.page, MCID: k.mcid };
        return { Type: 'OBJR', Obj: k.annot, Pg: k.page };
      });
      if (e.id !== undefined) {
        d['ID'] = pdfString(e.id);
        ids.push([e.id, ref]);
      }
      if (e.alt !== undefined) d['Alt'] = pdfString(e.alt);
      if (e.lang !== undefined) d['Lang'] = pdfString(e.lang);
      if (e.scope !== undefined) d['A'] = { O: 'Table', Scope: e.scope };
    }
    for (const e of order) refs.get(e)?.end();
    const nums: unknown[] = [];
    const entries: [number, unknown][] = [
      ...[...this.pageKeys.values()].map((s): [number, unknown] => [s.key, s.mcids.map((m) => refs.get(m))]),
      ...this.annotParents.map(([k, e]): [number, unknown] => [k, refs.get(e)]),
    ].sort((a, b) => a[0] - b[0]);
    for (const [k, v] of entries) nums.push(k, v);
    const parentTree = doc.ref({ Nums: nums });
    parentTree.end();
    root.data['K'] = [refs.get(this.plan.root)];
    root.data['ParentTree'] = parentTree;
    root.data['ParentTreeNextKey'] = this.nextKey;
    if (ids.length) {
      ids.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const idTree = doc.ref({ Names: ids.flatMap(([id, ref]) => [pdfString(id), ref]) });
      idTree.end();
      root.data['IDTree'] = idTree;
    }
  }
}

/** One tagged render: the base its plan numbers tags from, then the plan, then the tree. */
export interface TagSession {
  /** Added to every element number written as a `$tag` (src/pdf/tags.ts `planStructure`). */
  readonly base: number;
  register(plan: TagPlan): void;
  /** Writes the structure tree into the rendered (not yet ended) pdfkit document. */
  finish(doc: unknown): void;
  release(): void;
}

export function startTagging(): TagSession {
  installRendererWrapper();
  const id = nextPlan++;
  let tags: RenderTags | null = null;
  return {
    base: id * PLAN_STRIDE,
    register(plan: TagPlan): void {
      if (plan.elements.length >= PLAN_STRIDE) throw new Error('too many structure elements');
      tags = new RenderTags(plan, id);
      plans.set(id, tags);
    },
    finish(doc: unknown): void {
      if (!tags) return;
      tags.doc = doc as PdfkitDoc;
      tags.finish();
    },
    release(): void {
      plans.delete(id);
    },
  };
}

/**
 * The pdfmake and pdfkit members tagging relies on, and the one behaviour: pdfmake's `renderLine`
 * draws a line's inlines in order with one `pdfDocument.text` call each. Empty when all hold.
 */
export function checkTaggingInternals(): string[] {
  const missing: string[] = [];
  const renderer = rendererPrototype();
  for (const m of [
    'renderPages',
    'renderLine',
    'renderVector',
    'renderImage',
    'beginClip',
    'endClip',
    'beginVerticalAlignment',
    'endVerticalAlignment',
  ]) {
    if (typeof renderer?.[m] !== 'function') missing.push(`pdfmake Renderer.${m}`);
  }
  const renderLine = renderer?.['renderLine'];
  const source = typeof renderLine === 'function' ? String(renderLine) : '';
  if (
    !/for \(let i = 0, l = line\.inlines\.length; i < l; i\+\+\)[\s\S]*this\.pdfDocument\.text\(inline\.text/.test(
      source,
    )
  ) {
    missing.push('pdfmake Renderer.renderLine drawing each inline with one pdfDocument.text call');
  }
  const kit = pdfkitPrototype();
  for (const m of ['addContent', 'annotate', 'text', 'addPage', 'ref', 'getStructTreeRoot']) {
    if (typeof kit?.[m] !== 'function') missing.push(`pdfkit PDFDocument.${m}`);
  }
  return missing;
}

function pdfkitPrototype(): Record<string, unknown> | undefined {
  try {
    const requireHere = createRequire(import.meta.url);
    const inPdfmake = createRequire(requireHere.resolve('pdfmake'));
    const mod = inPdfmake('pdfkit') as {
      prototype?: Record<string, unknown>;
      default?: { prototype: Record<string, unknown> };
    };
    return mod.default?.prototype ?? mod.prototype;
  } catch {
    return undefined;
  }
}

function rendererPrototype(): Record<string, unknown> | undefined {
  try {
    const requireHere = createRequire(import.meta.url);
    const mod = requireHere(requireHere.resolve('pdfmake').replace(/index\.js$/, 'Renderer.js')) as {
      default?: { prototype: Record<string, unknown> };
    };
    return mod.default?.prototype;
  } catch {
    return undefined;
  }
}

let installed = false;

function installRendererWrapper(): void {
  if (installed) return;
  const proto = rendererPrototype();
  const missing = checkTaggingInternals();
  if (!proto || missing.length) {
    throw new Error(
      `pdfmake no longer has ${missing.join(', ')}: src/pdf/tag-render.ts must be adapted to it`,
    );
  }
  installed = true;
  const renderPages = proto['renderPages'] as RendererMethod;
  proto['renderPages'] = function (this: RendererInstance, pages: unknown): unknown {
    const tags = findPlan(pages as Page[]);
    if (!tags) return renderPages.call(this, pages);
    return renderTagged(this, tags, () => renderPages.call(this, pages));
  };
}

function findPlan(pages: Page[]): RenderTags | null {
  for (const page of pages) {
    for (const { type, item } of page.items) {
      let tag: unknown;
      if (type === 'line') tag = (item as Line).inlines.find((i) => i[TAG_KEY] !== undefined)?.[TAG_KEY];
      else if (type === 'image') tag = (item as Inline)[TAG_KEY];
      if (typeof tag === 'number') return plans.get(Math.floor(tag / PLAN_STRIDE)) ?? null;
    }
  }
  return null;
}

/** Runs one render with the renderer's and the document's drawing calls wrapped. */
function renderTagged(renderer: RendererInstance, tags: RenderTags, render: () => unknown): unknown {
  const doc = renderer.pdfDocument;
  tags.doc = doc;
  const proto = Object.getPrototypeOf(renderer) as Record<string, RendererMethod>;
  const wrapped: string[] = [];
  const own = (name: string, fn: RendererMethod): void => {
    renderer[name] = fn;
    wrapped.push(name);
  };
  let line: Line | null = null;
  let inlineIndex = 0;
  const enterInline = (inline: Inline | undefined): void => {
    const elem = tags.elem(inline?.[TAG_KEY]);
    tags.enter(elem, 'Pagination', elem ? inline?.$actual : undefined, inline?.$actualCont === true);
  };
  own('renderLine', function (this: RendererInstance, ...args: unknown[]) {
    line = args[0] as Line;
    inlineIndex = 0;
    enterInline(line.inlines[0]);
    const r = proto['renderLine']?.apply(this, args);
    line = null;
    return r;
  });
  own('renderVector', function (this: RendererInstance, ...args: unknown[]) {
    tags.enter(null, 'Layout');
    return proto['renderVector']?.apply(this, args);
  });
  own('renderImage', function (this: RendererInstance, ...args: unknown[]) {
    tags.enter(tags.elem((args[0] as Inline)[TAG_KEY]), 'Layout');
    return proto['renderImage']?.apply(this, args);
  });
  for (const name of ['renderSVG', 'renderAttachment', 'renderWatermark']) {
    own(name, function (this: RendererInstance, ...args: unknown[]) {
      tags.enter(null, 'Layout');
      return proto[name]?.apply(this, args);
    });
  }
  // Marked content and q/Q nest: close before a clip or a shift begins or ends.
  for (const name of ['beginClip', 'endClip', 'beginVerticalAlignment', 'endVerticalAlignment']) {
    own(name, function (this: RendererInstance, ...args: unknown[]) {
      tags.close();
      return proto[name]?.apply(this, args);
    });
  }
  const docText = doc.text;
  const docAddPage = doc.addPage;
  const docAnnotate = doc.annotate;
  const patched = doc as unknown as Record<string, unknown>;
  patched['text'] = function (this: PdfkitDoc, ...args: unknown[]) {
    if (line) {
      const inline = line.inlines[inlineIndex++];
      if (inlineIndex > 1) enterInline(inline);
    }
    return docText.apply(this, args);
  };
  patched['addPage'] = function (this: PdfkitDoc, ...args: unknown[]) {
    tags.close();
    return docAddPage.apply(this, args);
  };
  patched['annotate'] = function (this: PdfkitDoc, ...args: unknown[]) {
    let result: unknown;
    tags.annotation(args[4] as Record<string, unknown>, () => {
      result = docAnnotate.apply(this, args as Parameters<PdfkitDoc['annotate']>);
    });
    return result;
  };
  try {
    return render();
  } finally {
    tags.close();
    delete patched['text'];
    delete patched['addPage'];
    delete patched['annotate'];
    for (const name of wrapped) Reflect.deleteProperty(renderer, name);
  }
}

/** A PDF text string: pdfkit writes a String object as one (UTF-16 when needed). */
function pdfString(s: string): unknown {
  return new String(s);
}

/** `<FEFF…>`: a UTF-16BE text string in hex, for the content stream. */
function hexString(s: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}
