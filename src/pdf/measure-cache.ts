/**
 * Faster text measuring inside pdfmake (engine patches, docs/engine-patches.md). Same values, so
 * the same bytes; both patches act only while pdfmake measures text.
 *
 * 1. Style lookups. `TextInlines.measure` resolves 22 style properties for every inline, each
 *    through `StyleContextStack.getStyleProperty`, which pushes the inline on the stack, walks the
 *    whole stack and pops it again: the largest single cost of measuring. Within one `measure`
 *    call the stack does not change (every lookup pops what it pushed), so for an inline without
 *    a `style` of its own the answer is its own value, else the stack's, which is the same for all
 *    the inlines of the call: looked up once per property and call. An inline with a `style` of
 *    its own takes the stock path.
 * 2. Layout passes. Each page break our rules add (widows, keep-with-next, footnotes: the
 *    `pageBreakBefore` of src/pdf/extensions.ts) makes pdfmake lay the whole document out again,
 *    measuring every text node anew (the rich sample: five passes per edition). A text node keeps
 *    its place in the tree, hence its styles, from pass to pass, so its measured inlines are kept
 *    for the document and each later pass gets fresh copies (layout consumes and moves them).
 *    Not for nodes whose text pdfmake fills in (page references), nor when the text was replaced.
 */
import { createRequire } from 'node:module';
import { enginePatchesAllowed } from './engine.js';

interface Stack {
  getProperty(property: string): unknown;
}

type Inline = Record<string, unknown>;

interface StyleContextStackClass {
  getStyleProperty(item: Inline, stack: Stack | undefined, property: string, fallback: unknown): unknown;
}

interface TextInlinesClass {
  prototype: { measure(this: unknown, array: unknown[], stack: Stack | undefined): unknown[] };
}

interface TextNode {
  text?: unknown;
  _textRef?: unknown;
  _inlines?: Inline[];
  _minWidth?: number;
  _maxWidth?: number;
}

interface DocMeasureClass {
  prototype: { measureLeaf(this: unknown, node: TextNode): TextNode };
}

let installed = false;
let enabled = true;
const stats = { lookupsShared: 0, leavesReused: 0 };

/** Turns the patches off or on (on by default); off measures exactly as stock pdfmake does. */
export function setMeasureCache(on: boolean): void {
  enabled = on;
}

/** Style lookups answered from a `measure` call's memo, and text nodes measured again for free. */
export function measureCacheStats(): typeof stats {
  return { ...stats };
}

/** The stack of the `measure` call in progress and the stack values it looked up. */
let current: { stack: Stack; values: Map<string, unknown> } | null = null;
const sharedValues = new Map<string, unknown>();
/** Per text node of a document being laid out: its text and measured inlines (untouched copies). */
const measured = new WeakMap<
  TextNode,
  { text: unknown; inlines: Inline[]; minWidth?: number; maxWidth?: number }
>();

const isValue = (v: unknown): boolean => v !== undefined && v !== null;
const copies = (inlines: readonly Inline[]): Inline[] => inlines.map((i) => ({ ...i }));

/** Installs the patches once, on the engine versions they were verified with (src/pdf/engine.ts). */
export function installMeasureCache(): void {
  if (installed || !enginePatchesAllowed()) return;
  installed = true;
  // By absolute path, as src/pdf/tag-render.ts does: the very module copies pdfmake itself loaded.
  const requireHere = createRequire(import.meta.url);
  const pdfmakeModule = <T>(name: string): T =>
    (requireHere(requireHere.resolve('pdfmake').replace(/index\.js$/, name)) as { default: T }).default;
  const StyleContextStack = pdfmakeModule<StyleContextStackClass>('StyleContextStack.js');
  const TextInlines = pdfmakeModule<TextInlinesClass>('TextInlines.js');
  const DocMeasure = pdfmakeModule<DocMeasureClass>('DocMeasure.js');
  if (
    typeof StyleContextStack.getStyleProperty !== 'function' ||
    typeof TextInlines.prototype.measure !== 'function' ||
    typeof DocMeasure.prototype.measureLeaf !== 'function'
  ) {
    throw new Error(
      'src/pdf/measure-cache.ts: pdfmake no longer has StyleContextStack.getStyleProperty, TextInlines.measure or DocMeasure.measureLeaf',
    );
  }

  const stockLookup = StyleContextStack.getStyleProperty.bind(StyleContextStack);
  StyleContextStack.getStyleProperty = (item, stack, property, fallback): unknown => {
    const call = current;
    if (call === null || stack !== call.stack || item['style'])
      return stockLookup(item, stack, property, fallback);
    stats.lookupsShared += 1;
    const own = item[property];
    if (isValue(own)) return own;
    let value = call.values.get(property);
    if (value === undefined && !call.values.has(property)) {
      value = stack.getProperty(property);
      call.values.set(property, value);
    }
    return isValue(value) ? value : fallback;
  };

  const stockMeasure = TextInlines.prototype.measure;
  TextInlines.prototype.measure = function (array, stack) {
    if (!enabled || stack === undefined) return stockMeasure.call(this, array, stack);
    const outer = current;
    // One map serves every call (cleared), unless a call runs inside another.
    const values = outer === null ? sharedValues : new Map<string, unknown>();
    values.clear();
    current = { stack, values };
    try {
      return stockMeasure.call(this, array, stack);
    } finally {
      values.clear(); // nothing of a document outlives its measuring here
      current = outer;
    }
  };

  const stockMeasureLeaf = DocMeasure.prototype.measureLeaf;
  DocMeasure.prototype.measureLeaf = function (node) {
    if (!enabled || node._textRef) return stockMeasureLeaf.call(this, node);
    const kept = measured.get(node);
    if (kept && kept.text === node.text) {
      stats.leavesReused += 1;
      node._inlines = copies(kept.inlines);
      node._minWidth = kept.minWidth;
      node._maxWidth = kept.maxWidth;
      return node;
    }
    const result = stockMeasureLeaf.call(this, node);
    if (Array.isArray(node._inlines)) {
      measured.set(node, {
        text: node.text,
        inlines: copies(node._inlines),
        ...(node._minWidth === undefined ? {} : { minWidth: node._minWidth }),
        ...(node._maxWidth === undefined ? {} : { maxWidth: node._maxWidth }),
      });
    }
    return result;
  };
}
