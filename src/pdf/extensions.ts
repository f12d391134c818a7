/**
 * Our layout vocabulary on top of pdfmake's, resolved here so templates stay declarative JSON:
 * - `linePitch` (em between baselines) → pdfmake `lineHeight`, which multiplies the face's own
 *   ascender−descender rather than the font size;
 * - `firstLineIndent` (em) → `leadingIndent` (points);
 * - `keepWithNext: true` → the block never ends a page: it goes over unless what follows has at
 *   least two lines on the same page (src/typeset/keep.ts);
 * - `typeset: "paragraph"` on a text block → set by our own Chinese typesetting (src/typeset):
 *   clreq line breaking, adjacent-punctuation compression, justification spread between
 *   characters, and widow/orphan control; each line becomes a row of fixed-width pdfmake columns
 *   whose pieces carry their own character spacing, so pdfmake only stacks lines;
 * - `typeset: "heading"` → set the same way, flush start, without widow control (a heading or
 *   title: clreq breaks and compressed punctuation; keepWithNext still applies);
 * - `breakUrl: true` on an inline → the block is typeset the same way (without widow control), so
 *   the URL breaks after / . - and nowhere else;
 * - `{"$perPage": content}` (footer/header) → filled per page: {page} and {pages} in its strings.
 */
import type { CustomTableLayout } from 'pdfmake/interfaces.js';
import type { EditionFonts, FontFace } from '../fonts/index.js';
import {
  fallbackFamilies,
  faceMetrics,
  openFace,
  plainAdvanceWidth,
  splitByCoverage,
} from '../fonts/index.js';
import type { LayoutFont, Mark, PlacedNode, TextRun, TypesetLine } from '../typeset/index.js';
import { decodeMark, encodeMark, fontMetrics, shouldBreakBefore } from '../typeset/index.js';

import type { DocDefinition, Json, JsonObject, ResolvedDefinition } from './definition.js';
import { FAMILY_ROLES, isRecord as isObject, mapChildren, resolveStyle } from './definition.js';
import { FootnoteLayout } from './footnotes.js';
import { composeParagraph } from './paragraph-cache.js';

interface NodeInfo {
  headlineLevel?: unknown;
  pageNumbers?: number[];
  startPosition?: { verticalRatio?: number };
  stack?: boolean;
  columns?: unknown;
}

interface PageBreakContext {
  getFollowingNodesOnPage(): NodeInfo[];
  getPreviousNodesOnPage(): NodeInfo[];
}

/** Text properties that decide which face and size a piece is measured in. */
interface TextProps {
  font: string;
  bold: boolean;
  fontSize: number;
  alignment: string;
  leadingIndent: number;
  lineHeight: number;
  /** Superscript (a note reference's style): set and measured at 58 %. */
  sup: boolean;
}

/** pdfmake sets a `sup` inline at this share of its size. */
const SUP_SCALE = 0.58;

/** pdfmake's built-in table layouts whose cell paddings we know: [left of first, between, right of last]. */
const TABLE_PADDINGS: Record<string, (columns: number) => number> = {
  lightHorizontalLines: (n) => 16 * (n - 1),
  lightRowsAcross: (n) => 16 * (n - 1),
  headerLineOnly: (n) => 16 * (n - 1),
  noBorders: (n) => 8 * n,
};

/**
 * The content width of each column of a `columns` node, and of each cell of a table, when the
 * widths are numbers or '*' (stars share the rest equally); cells spanning columns are left out.
 */
function childWidths(node: JsonObject, inner: number): Map<Json, number> {
  const out = new Map<Json, number>();
  const share = (specs: Json[], room: number): (number | undefined)[] => {
    const fixed = specs.reduce<number>((s, w) => s + (typeof w === 'number' ? w : 0), 0);
    const stars = specs.filter((w) => w === '*').length;
    if (!specs.every((w) => typeof w === 'number' || w === '*')) return specs.map(() => undefined);
    const star = stars ? Math.max(0, (room - fixed) / stars) : 0;
    return specs.map((w) => (typeof w === 'number' ? w : star));
  };
  const columns = node['columns'];
  if (Array.isArray(columns)) {
    const gap = typeof node['columnGap'] === 'number' ? node['columnGap'] : 0;
    const specs = columns.map((c) => (isObject(c) && c['width'] !== undefined ? c['width'] : '*'));
    const widths = share(specs, inner - gap * (columns.length - 1));
    columns.forEach((c, i) => {
      const w = widths[i];
      if (isObject(c) && w !== undefined) out.set(c, w);
    });
  }
  const table = node['table'];
  const layout = typeof node['layout'] === 'string' ? TABLE_PADDINGS[node['layout']] : undefined;
  if (isObject(table) && Array.isArray(table['widths']) && Array.isArray(table['body']) && layout) {
    const specs = table['widths'];
    const widths = share(specs, inner - layout(specs.length));
    // pdfmake works out the same widths itself; they are only passed down here.
    if (widths.every((w) => w !== undefined)) {
      for (const row of table['body'])
        if (Array.isArray(row))
          row.forEach((cell, i) => {
            const w = widths[i];
            if (isObject(cell) && w !== undefined && cell['colSpan'] === undefined) out.set(cell, w);
          });
    }
  }
  return out;
}

/**
 * Table layouts registered with pdfmake (src/pdf/index.ts). `lightRowsAcross` is pdfmake's
 * lightHorizontalLines for a table whose rows the footnotes may push to the next page: no rule
 * where a row broke (the row above is closed by its own rule; one drawn at the break would cross
 * the notes).
 */
export const TABLE_LAYOUTS: Record<string, CustomTableLayout & { hLineWhenBroken?: boolean }> = {
  lightRowsAcross: {
    hLineWidth: (i, node) =>
      i === 0 || i === node.table.body.length ? 0 : i === node.table.headerRows ? 2 : 1,
    vLineWidth: () => 0,
    hLineColor: (i) => (i === 1 ? 'black' : '#aaa'),
    paddingLeft: (i) => (i === 0 ? 0 : 8),
    paddingRight: (i, node) =>
      Array.isArray(node.table.widths) && i === node.table.widths.length - 1 ? 0 : 8,
    hLineWhenBroken: false,
  },
};

/** Letter spacing (em) above which a piece carries its text as ActualText (text extraction). */
const ACTUAL_TEXT_SPACING = 0.1;

/** Space the short rule above the footnotes takes, with its gaps, points. */
const NOTE_SEPARATOR = 9;
/** Width of a note's hanging number, em of the note's size. */
const NOTE_HANG_EM = 1.8;

/** The colour of the rule above the notes: the `footnoteRule` style's lineColor, else grey. */
function noteRuleColor(styles: JsonObject): string {
  const rule = styles['footnoteRule'];
  return isObject(rule) && typeof rule['lineColor'] === 'string' ? rule['lineColor'] : '#9aa7b8';
}

/** The notes a line cites: the `noteRef` of its pieces' inlines, in order, each once. */
function noteRefs(line: TypesetLine, inlines: JsonObject[]): number[] {
  const out: number[] = [];
  for (const piece of line.pieces) {
    const ref = inlines[piece.style]?.['noteRef'];
    if (typeof ref === 'number' && !out.includes(ref)) out.push(ref);
  }
  return out;
}

const TEXT_PROPS = ['font', 'bold', 'fontSize', 'alignment', 'leadingIndent', 'lineHeight', 'sup'] as const;

const PAGE_WIDTHS: Record<string, number> = { A4: 595.28, A5: 419.53, LETTER: 612, LEGAL: 612 };

export function resolveLayoutExtensions(
  definition: DocDefinition,
  naturalLineHeight: Record<string, number>,
  fonts?: EditionFonts,
): ResolvedDefinition {
  const doc: JsonObject = structuredClone(definition);
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

  const applyProps = (props: TextProps, o: JsonObject): TextProps =>
    resolveStyle(props, o, styles as { [name: string]: JsonObject }, TEXT_PROPS);
  const rootProps = applyProps(
    {
      font: 'Roboto',
      bold: false,
      fontSize: 12,
      alignment: 'left',
      leadingIndent: 0,
      lineHeight: 1,
      sup: false,
    },
    defaultStyle,
  );
  const composer = fonts ? makeComposer(fonts) : null;
  let paragraphs = 0;

  const pageWidth = pageWidthOf(doc['pageSize'], doc['pageOrientation']);
  const [marginLeft, , marginRight] = marginsOf(doc['pageMargins']);
  const contentWidth = pageWidth === undefined ? undefined : pageWidth - marginLeft - marginRight;

  let usesKeep = false;
  // Footnotes at the foot of the page (src/pdf/footnotes.ts): only when the definition has some.
  const footnoteNodes = Array.isArray(doc['footnotes']) ? doc['footnotes'] : [];
  delete doc['footnotes'];
  const [, marginTop, , marginBottom] = marginsOf(doc['pageMargins']);
  const pageHeight = pageHeightOf(doc['pageSize'], doc['pageOrientation']);
  const notes =
    footnoteNodes.length > 0 && contentWidth !== undefined && pageHeight !== undefined && composer
      ? new FootnoteLayout(
          {
            bodyBottom: pageHeight - marginBottom,
            separator: NOTE_SEPARATOR,
            marginLeft,
            textWidth: contentWidth,
          },
          { color: noteRuleColor(styles), width: contentWidth / 4 },
        )
      : null;
  void marginTop;
  /** Height in points of one line set in `props` (what pdfmake gives the row). */
  const rowHeight = (props: TextProps): number =>
    props.fontSize * props.lineHeight * (naturalLineHeight[props.font] ?? 1.437);

  const walk = (node: Json, props: TextProps, width: number | undefined): Json => {
    if (Array.isArray(node)) return node.flatMap((n) => expand(walk(n, props, width), props, width));
    if (!isObject(node)) return node;
    convert(node, props.font, props.fontSize);
    const own = applyProps(props, node);
    if (node['keepWithNext'] === true) {
      node['headlineLevel'] = encodeMark({ kind: 'keep' });
      delete node['keepWithNext'];
      usesKeep = true;
    }
    // A margin from the node's style (a list's or a quote's indent) narrows its children too.
    const [l, , r] = marginsOf(node['margin'] ?? styleMargin(node, styles));
    const inner = width === undefined ? undefined : width - l - r;
    const firstUnit = notes?.unitCount ?? 0;
    // Only stacks pass their width on; inside columns, lists and tables it is not known here.
    // (expand gives back exactly one node for one.)
    // Columns and table cells with a width we can work out ('*' shares what fixed widths leave)
    // pass it on too, so lists (a marker column and a text column) and tables are typeset.
    const widths = inner === undefined ? new Map<Json, number>() : childWidths(node, inner);
    const out = mapChildren(node, (child, key) => {
      const w = key === 'stack' || key === 'text' ? inner : widths.get(child);
      const walked = walk(child, own, w);
      return expand(walked, own, w)[0] ?? walked;
    });
    if (notes) {
      // A picture is a unit of its own height; an unbreakable box is one unit made of its rows.
      const box = node['unbreakable'] === true;
      const picture = typeof node['image'] === 'string' && typeof node['height'] === 'number';
      // A drawing (a rule) is a unit too, so a box keeps its rule with its text.
      const drawing = Array.isArray(node['canvas']) ? canvasHeight(node['canvas']) : null;
      if (picture || drawing !== null) {
        const id = notes.addUnit(picture ? (node['height'] as number) : (drawing ?? 0), []);
        const mark = decodeMark(node['headlineLevel']);
        node['headlineLevel'] = encodeMark({ ...(mark ?? { kind: 'unit' }), unit: id });
      }
      // A data table (rows kept whole by pdfmake) is laid out row by row instead, so its lines
      // have the page's positions: its rows break across pages as footnotes need, kept whole
      // by the footnote rules (FootnoteLayout.tableRows), the header repeated by pdfmake.
      const table = node['table'];
      if (isObject(table) && table['dontBreakRows'] === true && Array.isArray(table['body'])) {
        const cells = table['body'].map((row) => (Array.isArray(row) ? row.map(unitsIn) : []));
        if (cells.some((row) => row.some((cell) => cell.length > 0))) {
          delete table['dontBreakRows'];
          delete table['keepWithHeaderRows']; // (the keep rules below do it: see the table's mark)
          if (node['layout'] === 'lightHorizontalLines') node['layout'] = 'lightRowsAcross';
          const headerRows = typeof table['headerRows'] === 'number' ? table['headerRows'] : 0;
          notes.tableRows(cells, headerRows);
          // The table never leaves its header (and caption) at a page's foot: it is kept with its
          // first body row, looking past the header, which the keep rules treat as furniture.
          node['headlineLevel'] = encodeMark({ kind: 'keep' });
          usesKeep = true;
          table['body'].slice(0, headerRows).forEach((row) => remark(row, 'furniture'));
        }
      }
      if (box) {
        // pdfmake lays an unbreakable block out apart, where positions are not the page's; the
        // footnote rules need real ones. So the block's units are chained with keep-with-next
        // instead, which keeps them on one page just the same (src/typeset/keep.ts).
        const last = notes.unitCount - 1;
        if (last >= firstUnit) {
          delete node['unbreakable'];
          usesKeep = true;
          chainUnits(out, firstUnit, last);
        }
      }
    }
    return out;
  };

  /** Replaces a block marked for our typesetting by its lines; other nodes pass unchanged. */
  const expand = (node: Json, props: TextProps, width: number | undefined): Json[] => {
    if (!isObject(node)) return [node];
    const typeset = node['typeset'];
    const mode =
      typeset === 'paragraph' || typeset === 'heading' ? typeset : hasBreakUrl(node) ? 'block' : null;
    if (!mode) return [node];
    delete node['typeset'];
    if (!composer || width === undefined) return [fallbackUrls(node)];
    const [l, t, r, b] = marginsOf(node['margin'] ?? styleMargin(node, styles));
    const own = applyProps(props, node);
    const para = paragraphs++;
    // A labelled block (a list item, a key point) hangs its text after the label.
    const label = typeof node['label'] === 'string' ? node['label'] : null;
    const hang = label === null ? 0 : (typeof node['hang'] === 'number' ? node['hang'] : 1.8) * own.fontSize;
    delete node['label'];
    delete node['hang'];
    const set = composer(node, own, applyProps, width - l - r - hang);
    if (!set) return [fallbackUrls(node)];
    if (mode === 'paragraph') usesKeep = true;
    // A keep-with-next block keeps its mark on every line and piece, so the keep rule sees the
    // block whole and looks past it at what follows.
    const keep = node['headlineLevel'] === encodeMark({ kind: 'keep' }) ? encodeMark({ kind: 'keep' }) : null;
    const height = rowHeight(own);
    const measure = width - l - r;
    const rows: JsonObject[] = set.lines.map((line, index) => {
      const kind: Mark =
        mode === 'paragraph'
          ? { kind: 'line', para, index, count: set.lines.length }
          : keep
            ? { kind: 'keep' }
            : { kind: 'unit' };
      // With footnotes, every line is a unit of the body, and says which notes it cites.
      if (notes) kind.unit = notes.addUnit(height, noteRefs(line, set.inlines));
      const rowMark = mode === 'paragraph' || keep || notes ? encodeMark(kind) : null;
      const row = lineNode(
        line,
        set.inlines,
        set.textNode,
        rowMark,
        keep,
        ACTUAL_TEXT_SPACING * own.fontSize,
      );
      // Right- and centre-aligned blocks (numbers in a table) start where their width says.
      if (own.alignment === 'right' || own.alignment === 'center') {
        const free = Math.max(0, measure - line.start - line.width);
        row['margin'] = [round(line.start + (own.alignment === 'right' ? free : free / 2)), 0, 0, 0];
      }
      if (label !== null) hangLabel(row, index, hang, label, set.textNode);
      return row;
    });
    // A bookmark's destination (id) and pdfmake's toc flag go on the first piece of the first line.
    const firstRow = rows[0]?.['columns'];
    const firstPiece = Array.isArray(firstRow) ? firstRow[0] : undefined;
    for (const key of ['id', 'tocItem'] as const) {
      if (node[key] !== undefined && isObject(firstPiece)) firstPiece[key] = node[key];
    }
    const wrapper: JsonObject = { stack: rows, margin: [l, t, r, b] };
    for (const key of ['pageBreak', 'unbreakable'] as const) {
      const v = node[key];
      if (v !== undefined) wrapper[key] = v;
    }
    return [wrapper];
  };

  doc['content'] = walk(doc['content'] ?? [], rootProps, contentWidth);

  // The notes, each set as lines at the text width less the hanging number.
  if (notes && composer && contentWidth !== undefined) {
    for (const raw of footnoteNodes) {
      if (!isObject(raw) || typeof raw['note'] !== 'number') continue;
      convert(raw, rootProps.font, rootProps.fontSize);
      const own = applyProps(rootProps, raw);
      const hang = NOTE_HANG_EM * own.fontSize;
      const set = composer(raw, own, applyProps, contentWidth - hang);
      if (!set) continue;
      const label = typeof raw['label'] === 'string' ? raw['label'] : String(raw['note']);
      const rows = set.lines.map((line) =>
        lineNode(line, set.inlines, set.textNode, null, null, ACTUAL_TEXT_SPACING * own.fontSize),
      );
      rows.forEach((row, index) =>
        hangLabel(row, index, hang, label, set.textNode, {
          linkToDestination: `noteref-${raw['note']}`,
          id: `note-${raw['note']}`,
        }),
      );
      notes.addNote({ note: raw['note'], rows, heights: rows.map(() => rowHeight(own)) });
    }
  }

  const result: ResolvedDefinition = { ...doc, content: doc['content'] ?? [] };
  for (const slot of ['header', 'footer'] as const) {
    const spec = doc[slot];
    if (isObject(spec) && '$perPage' in spec) {
      const content = markFurniture(walk(spec['$perPage'] ?? null, rootProps, undefined));
      result[slot] =
        slot === 'footer' && notes?.active
          ? (page: number, pages: number): Json => [
              ...notes.footerContent(page),
              fillPage(content, page, pages),
            ]
          : (page: number, pages: number): Json => fillPage(content, page, pages);
    }
  }
  if (notes?.active) {
    // pdfmake lays out copies made after this stage (font fallback): find the units there.
    result['onFinalContent'] = (content: Json): void =>
      notes.bind(content, (node) => decodeMark(node['headlineLevel'])?.unit);
  }
  if (usesKeep || notes?.active) {
    // pdfmake makes a new info object per node and layout pass and hands the same ones to every
    // question of that pass (each node asks about every node on its page): read each one once.
    const placements = new WeakMap<NodeInfo, PlacedNode>();
    const place = (info: NodeInfo): PlacedNode => {
      let p = placements.get(info);
      if (!p) {
        p = {
          mark: decodeMark(info.headlineLevel),
          pages: info.pageNumbers ?? [],
          atPageTop: (info.startPosition?.verticalRatio ?? 1) < 1e-3,
          container: info.stack === true || info.columns !== undefined,
        };
        placements.set(info, p);
      }
      return p;
    };
    result['pageBreakBefore'] = (node: NodeInfo, ctx: PageBreakContext): boolean => {
      const placed = place(node);
      if (!placed.mark) return false;
      const unit = placed.mark.unit;
      if (notes && unit !== undefined && notes.mustBreakBefore(unit, placed.atPageTop)) return true;
      // Only lines and keep-with-next blocks away from the page top can move (shouldBreakBefore):
      // the others need not gather what is on their page.
      if (placed.atPageTop || (placed.mark.kind !== 'line' && placed.mark.kind !== 'keep')) return false;
      let following = ctx.getFollowingNodesOnPage().map(place);
      if (notes?.active) {
        // What the notes will push off this page does not count as on it.
        const cut = following.findIndex((f) => f.mark?.unit !== undefined && !notes.fits(f.mark.unit));
        if (cut >= 0) following = following.slice(0, cut);
      }
      return shouldBreakBefore(placed, {
        previousOnPage: ctx.getPreviousNodesOnPage().map(place),
        followingOnPage: following,
      });
    };
  }
  return result;
}

interface ComposedBlock {
  lines: TypesetLine[];
  /** Inline properties (style, link, bold …) by run style id. */
  inlines: JsonObject[];
  /** Properties every piece's text node carries (the block's style, colour, line height …). */
  textNode: JsonObject;
}

type Composer = (
  node: JsonObject,
  props: TextProps,
  applyProps: (p: TextProps, o: JsonObject) => TextProps,
  width: number,
) => ComposedBlock | null;

/** Widths of pieces shaping cannot change, without shaping them (src/fonts/advances.ts). */
const plainWidth = (font: LayoutFont, text: string): number | undefined =>
  plainAdvanceWidth(font as unknown as Parameters<typeof plainAdvanceWidth>[0], text);

function makeComposer(fonts: EditionFonts): Composer {
  const cited = new Set<number>();
  const key = (f: FontFace): string => `${f.file}#${f.face ?? ''}`;
  const fallbackFamily = new Map(fallbackFamilies(fonts).map((f) => [key(f.face), f.family]));
  return (node, props, applyProps, width) => {
    const items = typeof node['text'] === 'string' ? [{ text: node['text'] }] : node['text'];
    if (!Array.isArray(items)) return null;
    const runs: TextRun[] = [];
    const inlines: JsonObject[] = [];
    const faces: { font: LayoutFont; size: number }[] = [];
    for (const item of items) {
      const inline: JsonObject =
        typeof item === 'string' ? { text: item } : isObject(item) ? { ...item } : {};
      const text = inline['text'];
      if (typeof text !== 'string') return null; // nested inlines: leave to pdfmake
      const p = applyProps(props, inline);
      const family = FAMILY_ROLES[p.font];
      if (!family) return null;
      const role = p.bold ? family.bold : family.normal;
      const chain = fonts.roles[role];
      const primary = chain[0];
      if (!primary) return null;
      delete inline['text'];
      delete inline['breakUrl'];
      const ref = inline['noteRef'];
      if (typeof ref === 'number') {
        // The reference links to its note; the note's number links back to the first reference.
        inline['linkToDestination'] ??= `note-${ref}`;
        if (!cited.has(ref)) inline['id'] ??= `noteref-${ref}`;
        cited.add(ref);
      }
      // Characters the primary face lacks are set (and measured) in the fallback face that has
      // them, as src/fonts' fallback pass would do.
      for (const run of splitByCoverage(text, fonts, role)) {
        const face = chain[run.face] ?? primary;
        const piece: JsonObject = { ...inline };
        const fallback = run.face > 0 ? fallbackFamily.get(key(face)) : undefined;
        if (fallback) {
          piece['font'] = fallback;
          const ratio = faceMetrics(primary).height / faceMetrics(face).height;
          if (ratio < 1) piece['lineHeight'] = p.lineHeight * ratio;
        }
        // A note reference is set superscript (pdfmake's sup: 58 %) and never begins a line.
        const sup = p.sup;
        // Its own column is top-aligned in the row: drop it so its baseline starts on the line's
        // (pdfmake then raises it by 0.75 of its size, its top level with the ideographs').
        if (sup) piece['supDrop'] = round(faceMetrics(face).ascent * p.fontSize * (1 - SUP_SCALE));
        runs.push({
          text: run.text,
          style: inlines.length,
          ...(typeof inline['noteRef'] === 'number' ? { attach: true } : {}),
        });
        inlines.push(piece);
        faces.push({
          font: openFace(fallback ? face : primary) as unknown as LayoutFont,
          size: sup ? p.fontSize * SUP_SCALE : p.fontSize,
        });
      }
    }
    const metrics = fontMetrics(
      (style) => faces[style] ?? { font: faces[0]?.font as LayoutFont, size: 0 },
      plainWidth,
    );
    const lines = composeParagraph(
      runs,
      { width, indent: props.leadingIndent, justify: props.alignment === 'justify' },
      faces,
      metrics,
    );
    const textNode: JsonObject = {};
    for (const [k, v] of Object.entries(node)) {
      if (['text', 'margin', 'pageBreak', 'unbreakable', 'id', 'headlineLevel', 'tocItem'].includes(k))
        continue;
      textNode[k] = v;
    }
    Object.assign(textNode, {
      // The block's margin and indent went to the block; the pieces have none of their own.
      margin: [0, 0, 0, 0],
      alignment: 'left',
      leadingIndent: 0,
      noWrap: true,
      preserveLeadingSpaces: true,
      preserveTrailingSpaces: true,
    });
    return { lines, inlines, textNode };
  };
}

/** How far down a canvas draws (its lines' and rectangles' lowest point), points. */
function canvasHeight(vectors: Json[]): number {
  let bottom = 0;
  for (const v of vectors) {
    if (!isObject(v)) continue;
    const n = (k: string): number => (typeof v[k] === 'number' ? v[k] : 0);
    const width = typeof v['lineWidth'] === 'number' ? v['lineWidth'] : 1;
    bottom = Math.max(bottom, n('y') + n('h'), n('y1') + width / 2, n('y2') + width / 2);
  }
  return bottom;
}

/** Gives every unit of a subtree the mark kind `kind` (keeping its unit number). */
function remark(node: Json | undefined, kind: 'furniture'): void {
  if (Array.isArray(node)) node.forEach((n) => remark(n, kind));
  else if (isObject(node)) {
    const mark = decodeMark(node['headlineLevel']);
    if (mark?.unit !== undefined) {
      node['headlineLevel'] = encodeMark({ kind, unit: mark.unit });
      // The line's pieces too, so the keep rules look past them (as for a heading's).
      const pieces = node['columns'];
      if (Array.isArray(pieces))
        for (const piece of pieces) if (isObject(piece)) piece['headlineLevel'] = encodeMark({ kind });
    }
    for (const value of Object.values(node))
      if (typeof value === 'object' && value !== null) remark(value, kind);
  }
}

/** The footnote units a subtree draws, in order. */
function unitsIn(node: Json | undefined): number[] {
  const out: number[] = [];
  const visit = (n: Json | undefined): void => {
    if (Array.isArray(n)) n.forEach(visit);
    else if (isObject(n)) {
      const unit = decodeMark(n['headlineLevel'])?.unit;
      if (unit !== undefined && !out.includes(unit)) out.push(unit);
      for (const value of Object.values(n)) if (typeof value === 'object' && value !== null) visit(value);
    }
  };
  visit(node);
  return out;
}

/** Marks every unit in [first, last) of a subtree keep-with-next, so the units stay together. */
function chainUnits(node: Json, first: number, last: number): void {
  if (Array.isArray(node)) {
    for (const n of node) chainUnits(n, first, last);
    return;
  }
  if (!isObject(node)) return;
  const mark = decodeMark(node['headlineLevel']);
  if (mark?.unit !== undefined && mark.unit >= first && mark.unit < last) {
    node['headlineLevel'] = encodeMark({ kind: 'keep', unit: mark.unit });
    // The row's pieces too, as for a keep-with-next heading: the rule looks past them.
    const pieces = node['columns'];
    if (Array.isArray(pieces))
      for (const piece of pieces) if (isObject(piece)) piece['headlineLevel'] = encodeMark({ kind: 'keep' });
  }
  for (const value of Object.values(node))
    if (typeof value === 'object' && value !== null) chainUnits(value, first, last);
}

/**
 * Hangs a block's lines after its label: the first line starts with the label in a column of the
 * hang's width, the others are indented by it.
 */
function hangLabel(
  row: JsonObject,
  index: number,
  hang: number,
  label: string,
  textNode: JsonObject,
  extra: { linkToDestination?: string; id?: string } = {},
): void {
  const [start] = marginsOf(row['margin']);
  if (index > 0 || !Array.isArray(row['columns'])) {
    row['margin'] = [round(start + hang), 0, 0, 0];
    return;
  }
  const { id, ...link } = extra;
  row['columns'].unshift({
    ...textNode,
    width: round(hang + start),
    // The label's structure element (a list's Lbl, a note's link back), src/pdf/tags.ts.
    text: [{ text: label, ...link, $tag: textNode['$labelTag'] ?? textNode['$tag'] ?? null }],
    ...(id ? { id } : {}),
  });
  row['margin'] = [0, 0, 0, 0];
}

/** One line: its pieces as fixed-width columns, placed one after another. */
function lineNode(
  line: TypesetLine,
  inlines: JsonObject[],
  textNode: JsonObject,
  rowMark: string | null,
  pieceMark: string | null,
  spread?: number,
): JsonObject {
  const pieceInlines: JsonObject[] = [];
  const columns: Json[] = line.pieces.map((piece) => {
    const { id, noteRef: _ref, supDrop, ...own } = inlines[piece.style] ?? {};
    void _ref;
    const inline: JsonObject = { ...own, text: piece.text };
    pieceInlines.push(inline);
    if (piece.spacing !== 0) inline['characterSpacing'] = round(piece.spacing);
    const column: JsonObject = { ...textNode, width: round(piece.advance), text: [inline] };
    if (typeof supDrop === 'number') column['margin'] = [0, supDrop, 0, 0];
    // A destination named on an inline (a note reference) is the place of its piece.
    if (typeof id === 'string') column['id'] = id;
    if (pieceMark) column['headlineLevel'] = pieceMark;
    return column;
  });
  if (spread !== undefined) markSpreadRuns(line, pieceInlines, spread);
  const row: JsonObject = { columns, columnGap: 0, margin: [round(line.start), 0, 0, 0] };
  // pdfmake asks pageBreakBefore about every placed node, the row of columns included.
  if (rowMark) row['headlineLevel'] = rowMark;
  return row;
}

/**
 * Characters spread apart extract with spaces between them, so a run of pieces of one structure
 * element (a caption, a link) with a piece spread wider than `spread` carries its text, for extraction
 * and screen readers, as one ActualText (src/pdf/tag-render.ts): its first piece holds the text,
 * the others continue it. One span per run, not per piece: poppler lays each ActualText out as a
 * word of its own, and a line cut into many of them came out of `pdftotext` in the wrong order.
 */
function markSpreadRuns(line: TypesetLine, pieceInlines: JsonObject[], spread: number): void {
  const pieces = line.pieces;
  // Pieces of one structure element (src/pdf/tags.ts) may share a span; untagged ones, one style.
  const owner = (k: number): unknown => pieceInlines[k]?.['$tag'] ?? `style ${pieces[k]?.style}`;
  for (let i = 0; i < pieces.length;) {
    let j = i + 1;
    while (j < pieces.length && owner(j) === owner(i)) j++;
    const run = pieces.slice(i, j);
    if (run.some((p) => p.spacing > spread && [...p.text].length > 1)) {
      const first = pieceInlines[i];
      if (first) first['$actual'] = run.map((p) => p.text).join('');
      for (let k = i + 1; k < j; k++) {
        const next = pieceInlines[k];
        if (next) next['$actualCont'] = true;
      }
    }
    i = j;
  }
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** The margin a node gets from its styles (the last one that sets it). */
function styleMargin(node: JsonObject, styles: JsonObject): Json | undefined {
  const names = Array.isArray(node['style']) ? node['style'] : [node['style']];
  let margin: Json | undefined;
  for (const name of names) {
    const st = typeof name === 'string' ? styles[name] : undefined;
    if (isObject(st) && st['margin'] !== undefined) margin = st['margin'];
  }
  return margin;
}

function hasBreakUrl(node: JsonObject): boolean {
  const text = node['text'];
  return Array.isArray(text) && text.some((t) => isObject(t) && t['breakUrl'] === true);
}

/** Without our typesetting: split URLs at their break points (pdfmake may still keep pieces together). */
function fallbackUrls(node: JsonObject): JsonObject {
  const text = node['text'];
  if (!Array.isArray(text)) return node;
  node['text'] = text.flatMap((t) => {
    if (!isObject(t) || t['breakUrl'] !== true || typeof t['text'] !== 'string') return [t];
    const { breakUrl: _drop, text: url, ...rest } = t;
    void _drop;
    const pieces = url.match(/[^/.\-?&=_#]*[/.\-?&=_#]*/g)?.filter((p) => p !== '') ?? [url];
    return pieces.map((piece) => ({ ...rest, text: piece }));
  });
  return node;
}

/** Marks the text of a header or footer, which the keep rules must not count as content. */
function markFurniture(node: Json): Json {
  if (Array.isArray(node)) return node.map(markFurniture);
  if (!isObject(node)) return node;
  const out: JsonObject = { ...node };
  if ('text' in out || 'canvas' in out) out['headlineLevel'] = encodeMark({ kind: 'furniture' });
  for (const key of ['stack', 'columns'] as const) {
    const child = out[key];
    if (child !== undefined) out[key] = markFurniture(child);
  }
  return out;
}

function pageHeightOf(size: Json | undefined, orientation: Json | undefined): number | undefined {
  const [w, h] = pageSizeOf(size);
  if (orientation === 'landscape' && w !== undefined && h !== undefined) return Math.min(w, h);
  return h;
}

function pageSizeOf(size: Json | undefined): [number | undefined, number | undefined] {
  if (typeof size === 'string')
    return [PAGE_WIDTHS[size.toUpperCase()], size.toUpperCase() === 'A4' ? 841.89 : undefined];
  if (size === undefined) return [PAGE_WIDTHS['A4'], 841.89];
  if (isObject(size) && typeof size['width'] === 'number')
    return [size['width'], typeof size['height'] === 'number' ? size['height'] : undefined];
  return [undefined, undefined];
}

function pageWidthOf(size: Json | undefined, orientation: Json | undefined): number | undefined {
  const [w, h] = pageSizeOf(size);
  if (orientation === 'landscape' && w !== undefined && h !== undefined) return Math.max(w, h);
  return w;
}

/** [left, top, right, bottom] from pdfmake's margin forms (number, [h, v], [l, t, r, b]). */
function marginsOf(m: Json | undefined): [number, number, number, number] {
  if (typeof m === 'number') return [m, m, m, m];
  if (Array.isArray(m) && m.every((x) => typeof x === 'number')) {
    const n = m as number[];
    if (n.length === 2) return [n[0] ?? 0, n[1] ?? 0, n[0] ?? 0, n[1] ?? 0];
    if (n.length === 4) return [n[0] ?? 0, n[1] ?? 0, n[2] ?? 0, n[3] ?? 0];
  }
  return [0, 0, 0, 0];
}

function fillPage(node: Json, page: number, pages: number): Json {
  if (typeof node === 'string')
    return node.replaceAll('{page}', String(page)).replaceAll('{pages}', String(pages));
  if (Array.isArray(node)) return node.map((n) => fillPage(n, page, pages));
  if (isObject(node)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(node)) if (v !== undefined) out[k] = fillPage(v, page, pages);
    return out;
  }
  return node;
}
