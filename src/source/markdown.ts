import path from 'node:path';
import type * as Md from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { diagnostic } from '../errors.js';
import { resolveInside } from '../files.js';
import type {
  Block,
  ColumnAlign,
  Diagnostic,
  DiagnosticCode,
  Figure,
  Heading,
  List,
  ListItem,
  Note,
  Paragraph,
  Quote,
  Run,
  Table,
  TableRow,
} from '../model.js';

/**
 * The article body: CommonMark + GFM (parsed by micromark, which keeps source positions), mapped
 * onto the brief's blocks. What a brief can set: `## `/`### ` headings, paragraphs with emphasis,
 * links and footnote references, bullet and ordered lists (one nested level), block quotes, GFM
 * tables with a `: caption` paragraph below, figures (an image alone in its paragraph) and GFM
 * footnotes. Everything else that Markdown would turn into structure (other heading levels, code,
 * HTML, thematic breaks, an image inside running text) is an error that says what to write instead,
 * rather than something printed wrong. All other characters, `{{` included, are text.
 */
export interface ParsedBody {
  blocks: Block[];
  notes: Note[];
  diagnostics: Diagnostic[];
}

/** `~` alone stays text: Chinese writes ranges as 3~5 年, which single-tilde strikethrough would eat. */
const PARSE_OPTIONS = {
  extensions: [gfm({ singleTilde: false })],
  mdastExtensions: [gfmFromMarkdown()],
};

/**
 * Parses the body of `file`, which starts on line `firstLine` of it (after the front matter).
 * Figures are resolved relative to the folder of `file`.
 */
export function parseBody(file: string, text: string, firstLine: number): ParsedBody {
  const reader = new BodyReader(file, text, firstLine);
  return reader.read();
}

/** Parses one line of inline Markdown into flat runs (a mark without its closing partner stays text). */
export function parseInline(text: string): Run[] {
  const tree = fromMarkdown(text, PARSE_OPTIONS);
  const first = tree.children[0];
  if (first?.type !== 'paragraph') return text ? [{ text }] : [];
  const reader = new BodyReader('inline', text, 1);
  return reader.inline(first.children, 'paragraph');
}

/** Where a run list comes from, for the messages about what may not appear in it. */
type InlineContext = 'paragraph' | 'heading' | 'table cell' | 'table caption' | 'note';

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F\u{20000}-\u{3FFFF}]/u;

/** What ends a bare web address in Chinese text (as in src/localize/protect.ts). */
const ADDRESS_END = /[\s<>"'`「」『』“”‘’（）【】《》〈〉，。、；：！？…]/u;

/** A `{alt="…"}` attribute right after a figure's image (pandoc's attribute syntax). */
const ALT_ATTRIBUTE = /^\{\s*alt\s*=\s*"([^"]*)"(\s+decorative)?\s*\}$/u;

/** What alt text is, for the diagnostics of a photo or figure without it. */
export const ALT_HINT =
  'alt text tells a reader who cannot see the image what it shows (for a chart: what it says), in a ' +
  'sentence or two; screen readers read it in place of the image. The caption is not alt text. ' +
  'Only an image that carries no information may have an empty alt, marked decorative ' +
  '(photo: `alt: ""` and `decorative: true`; figure: `{alt="" decorative}`)';

/** Two stars the parser left as text (not escaped). */
const LEFTOVER_STRONG = /(?<!\\)\*\*/u;

/** A footnote reference GFM left as text because no definition matches it. */
const UNDEFINED_NOTE = /(?<!\\)\[\^([^\]\s]+)\]/gu;

class BodyReader {
  readonly diagnostics: Diagnostic[] = [];
  private readonly dir: string;
  private tables = 0;
  private figures = 0;
  /** Footnote definitions by identifier (the first of duplicates). */
  private readonly definitions = new Map<string, Md.FootnoteDefinition>();
  /** Note number by identifier, in order of first reference. */
  private readonly noteNumbers = new Map<string, number>();
  private readonly linkDefinitions = new Map<string, Md.Definition>();

  constructor(
    private readonly file: string,
    private readonly source: string,
    private readonly firstLine: number,
  ) {
    this.dir = path.dirname(path.resolve(file));
  }

  read(): ParsedBody {
    const tree = fromMarkdown(this.source, PARSE_OPTIONS);
    this.collectDefinitions(tree);
    const blocks = this.flow(tree.children);
    const notes = this.notes();
    const diagnostics = [...this.diagnostics].sort(
      (x, y) => (x.line ?? 0) - (y.line ?? 0) || (x.column ?? 0) - (y.column ?? 0),
    );
    return { blocks, notes, diagnostics };
  }

  // ——— positions and diagnostics ———

  private lineOf(node: Md.Node): number {
    return (node.position?.start.line ?? 1) + this.firstLine - 1;
  }

  private error(node: Md.Node, message: string, code: DiagnosticCode = 'markdown/unsupported'): void {
    const at = { file: this.file, line: this.lineOf(node), column: node.position?.start.column ?? 1 };
    this.diagnostics.push(diagnostic(at, code, message));
  }

  /** An error at a character offset of the body text. */
  private errorAtOffset(offset: number, message: string, code: DiagnosticCode): void {
    const before = this.source.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - (before.lastIndexOf('\n') + 1) + 1;
    this.diagnostics.push(
      diagnostic({ file: this.file, line: line + this.firstLine - 1, column }, code, message),
    );
  }

  // ——— footnote and link definitions ———

  private collectDefinitions(node: Md.Nodes): void {
    if (node.type === 'footnoteDefinition') {
      const first = this.definitions.get(node.identifier);
      if (first) {
        this.error(
          node,
          `footnote [^${node.label ?? node.identifier}] is defined twice (first on line ${this.lineOf(first)}); keep one definition`,
          'markdown/footnote',
        );
      } else {
        this.definitions.set(node.identifier, node);
      }
    } else if (node.type === 'definition') {
      if (!this.linkDefinitions.has(node.identifier)) this.linkDefinitions.set(node.identifier, node);
    }
    if ('children' in node) for (const child of node.children) this.collectDefinitions(child);
  }

  /** The notes in number order; unused definitions are errors. */
  private notes(): Note[] {
    const notes: Note[] = [];
    const numbered = [...this.noteNumbers.entries()].sort((a, b) => a[1] - b[1]);
    for (const [identifier, number] of numbered) {
      const definition = this.definitions.get(identifier);
      if (!definition) continue;
      const blocks: Paragraph[] = [];
      for (const child of definition.children) {
        if (child.type === 'paragraph') {
          const runs = this.inline(child.children, 'note');
          if (runs.length) blocks.push({ kind: 'paragraph', runs, line: this.lineOf(child) });
        } else if (child.type !== 'definition') {
          this.error(
            child,
            `a footnote holds only paragraphs of text (found ${describe(child)}); write the note as text, or move the ${describe(child)} into the body`,
          );
        }
      }
      if (blocks.length === 0) {
        this.error(
          definition,
          `footnote [^${definition.label ?? identifier}] is empty: write its text after the colon`,
          'markdown/empty',
        );
      }
      notes.push({ number, label: definition.label ?? identifier, blocks, line: this.lineOf(definition) });
    }
    for (const [identifier, definition] of this.definitions) {
      if (!this.noteNumbers.has(identifier)) {
        const label = definition.label ?? identifier;
        this.error(
          definition,
          `footnote [^${label}] is defined but never cited: cite it with [^${label}] in the text, or delete the definition`,
          'markdown/footnote',
        );
      }
    }
    return notes;
  }

  // ——— blocks ———

  /** The top level of the body. */
  private flow(nodes: Md.RootContent[]): Block[] {
    const blocks: Block[] = [];
    nodes.forEach((node, i) => {
      const previous = i > 0 ? nodes[i - 1] : undefined;
      switch (node.type) {
        case 'heading': {
          const heading = this.heading(node);
          if (heading) blocks.push(heading);
          return;
        }
        case 'paragraph': {
          if (this.isCaptionLine(node)) {
            const table = blocks.at(-1);
            if (previous?.type === 'table' && table?.kind === 'table') {
              const runs = this.inline(node.children, 'table caption');
              const [head, ...rest] = runs;
              if (head) {
                const text = head.text.replace(/^:\s+/u, '');
                const caption = text ? [{ ...head, text }, ...rest] : rest;
                if (caption.length) table.caption = caption;
                else
                  this.error(node, 'the table caption is empty: write its text after `: `', 'markdown/empty');
              }
            } else {
              this.error(
                node,
                'a table caption line `: …` must come directly below its table (after one blank line); move it there, or write `\\:` to start a paragraph with a colon',
              );
            }
            return;
          }
          const block = this.paragraphOrFigure(node, true);
          if (block) blocks.push(block);
          return;
        }
        case 'list':
          blocks.push(this.list(node, 0));
          return;
        case 'blockquote':
          blocks.push(this.quote(node));
          return;
        case 'table': {
          const table = this.table(node);
          if (table) blocks.push(table);
          return;
        }
        default:
          this.refuseBlock(node, 'the body');
      }
    });
    return blocks;
  }

  private heading(node: Md.Heading): Heading | undefined {
    if (node.depth === 1) {
      this.error(
        node,
        '`#` headings are not used in the body (the title comes from the front matter): write `## ` for a section or `### ` for a sub-section',
      );
      return undefined;
    }
    if (node.depth > 3) {
      this.error(
        node,
        `\`${'#'.repeat(node.depth)}\` headings are too deep: write \`## \` for a section or \`### \` for a sub-section, or make it a paragraph`,
      );
      return undefined;
    }
    const runs = this.inline(node.children, 'heading');
    if (runs.length === 0) {
      this.error(node, 'empty heading', 'markdown/empty');
      return undefined;
    }
    return { kind: 'heading', level: node.depth === 2 ? 2 : 3, runs, line: this.lineOf(node) };
  }

  /** A paragraph, or a figure when the paragraph is one image (and its `{alt="…"}`). */
  private paragraphOrFigure(node: Md.Paragraph, figureAllowed: boolean): Paragraph | Figure | undefined {
    const image = node.children.find((c): c is Md.Image => c.type === 'image');
    if (image) {
      const others = node.children.filter((c) => c !== image);
      const attributes = others
        .map((c) => (c.type === 'text' ? c.value : '\u0000'))
        .join('')
        .trim();
      const alt = ALT_ATTRIBUTE.exec(attributes);
      if (attributes === '' || alt) {
        if (!figureAllowed) {
          this.error(
            image,
            'a figure stands alone in the body, not inside a list, quote or note: move it out, after a blank line',
          );
          return undefined;
        }
        return this.figure(image, alt?.[1]?.trim(), alt?.[2] !== undefined);
      }
      if (attributes.startsWith('{') && node.children.at(-1)?.type === 'text') {
        this.error(
          image,
          'after a figure, only a description `{alt="…"}` may follow: write `![caption](chart.png "credit"){alt="what the chart shows"}`',
        );
        return undefined;
      }
    }
    const runs = this.inline(node.children, 'paragraph');
    if (runs.length === 0) return undefined;
    return { kind: 'paragraph', runs, line: this.lineOf(node) };
  }

  private figure(image: Md.Image, alt: string | undefined, decorative: boolean): Figure | undefined {
    const caption = (image.alt ?? '').trim();
    const credit = (image.title ?? '').trim();
    let ok = true;
    if (caption === '') {
      this.error(image, 'a figure needs a caption: write `![caption](chart.png "credit")`', 'markdown/empty');
      ok = false;
    }
    if (credit === '') {
      this.error(
        image,
        'a figure needs a credit in quotes after the file: `![caption](chart.png "資料來源：…")`',
        'markdown/empty',
      );
      ok = false;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//iu.test(image.url)) {
      this.error(
        image,
        `a figure is a file in the issue folder, not a web address ('${image.url}'): download it beside article.md and name it`,
      );
      return undefined;
    }
    const at = { file: this.file, line: this.lineOf(image), column: image.position?.start.column ?? 1 };
    // The photo's guards: no absolute, Windows or `..` path, no link out of the issue folder.
    const resolved = resolveInside(this.dir, image.url, at, 'figure');
    if ('problem' in resolved) {
      this.diagnostics.push(resolved.problem);
      return undefined;
    }
    if (!ok) return undefined;
    if (!alt && !decorative) {
      const at = { file: this.file, line: this.lineOf(image), column: image.position?.start.column ?? 1 };
      this.diagnostics.push(
        diagnostic(
          at,
          'photo/alt',
          alt === undefined
            ? 'a figure needs alt text: write `![caption](chart.png "credit"){alt="what the chart shows"}`'
            : "the figure's alt text is empty",
          ALT_HINT,
        ),
      );
      return undefined;
    }
    this.figures += 1;
    return {
      kind: 'figure',
      number: this.figures,
      file: resolved.file,
      caption,
      credit,
      ...(alt ? { alt } : {}),
      ...(decorative ? { decorative } : {}),
      line: this.lineOf(image),
    };
  }

  /** `depth` 0 for a list in the body or a quote, 1 for a list inside an item. */
  private list(node: Md.List, depth: number): List {
    const items: ListItem[] = [];
    for (const item of node.children) {
      if (item.checked !== null && item.checked !== undefined) {
        this.error(
          item,
          'task list boxes `[ ]`/`[x]` have no meaning in a brief: write the item without the box',
        );
      }
      const blocks: (Paragraph | List)[] = [];
      const reported = this.diagnostics.length;
      for (const child of item.children) {
        if (child.type === 'paragraph') {
          const block = this.paragraphOrFigure(child, false);
          if (block?.kind === 'paragraph') blocks.push(block);
        } else if (child.type === 'list') {
          if (depth >= 1) {
            this.error(
              child,
              'lists nest one level deep at most: write this level as text of its item, or as a separate list',
            );
          } else {
            blocks.push(this.list(child, depth + 1));
          }
        } else if (child.type !== 'footnoteDefinition' && child.type !== 'definition') {
          this.refuseBlock(child, 'a list item');
        }
      }
      if (blocks.length === 0) {
        // An item whose only content was refused above is not reported empty as well.
        if (this.diagnostics.length === reported) {
          this.error(item, 'empty list item: write its text or delete the marker', 'markdown/empty');
        }
        continue;
      }
      items.push({ blocks, line: this.lineOf(item) });
    }
    return {
      kind: 'list',
      ordered: node.ordered === true,
      start: node.ordered === true ? (node.start ?? 1) : 1,
      items,
      line: this.lineOf(node),
    };
  }

  private quote(node: Md.Blockquote): Quote {
    const blocks: (Paragraph | List)[] = [];
    for (const child of node.children) {
      if (child.type === 'paragraph') {
        const block = this.paragraphOrFigure(child, false);
        if (block?.kind === 'paragraph') blocks.push(block);
      } else if (child.type === 'list') {
        blocks.push(this.list(child, 0));
      } else if (child.type !== 'footnoteDefinition' && child.type !== 'definition') {
        this.refuseBlock(child, 'a block quote');
      }
    }
    return { kind: 'quote', blocks, line: this.lineOf(node) };
  }

  private table(node: Md.Table): Table | undefined {
    const [head, ...body] = node.children;
    if (!head) return undefined;
    const width = head.children.length;
    const row = (r: Md.TableRow): TableRow => {
      if (r.children.length > width) {
        this.error(
          r,
          `this table row has ${r.children.length} cells but the header has ${width}: remove the extra cells or add a header cell`,
        );
      }
      const cells = r.children.slice(0, width).map((cell) => this.inline(cell.children, 'table cell'));
      while (cells.length < width) cells.push([]);
      return { cells, line: this.lineOf(r) };
    };
    const last = body.at(-1);
    if (last && this.isCaptionRow(last)) {
      this.error(
        last,
        'leave a blank line between the table and its caption line `: …` (without it the line is read as a table row)',
      );
    }
    this.tables += 1;
    const align: ColumnAlign[] = head.children.map((_, i) => node.align?.[i] ?? null);
    return {
      kind: 'table',
      number: this.tables,
      header: row(head),
      rows: body.map(row),
      align,
      line: this.lineOf(node),
    };
  }

  /** A paragraph written as `: caption` (an escaped `\:` is text). */
  private isCaptionLine(node: Md.Paragraph): boolean {
    const start = node.position?.start.offset;
    if (start === undefined) return false;
    return /^:[ \t]/u.test(this.source.slice(start, start + 2));
  }

  /** A last table row that is a caption line written without the blank line above it. */
  private isCaptionRow(row: Md.TableRow): boolean {
    const [first, ...rest] = row.children;
    const start = first?.position?.start.offset;
    if (start === undefined) return false;
    return /^:[ \t]/u.test(this.source.slice(start, start + 2)) && rest.every((c) => c.children.length === 0);
  }

  private refuseBlock(node: Md.Nodes, where: string): void {
    switch (node.type) {
      case 'footnoteDefinition':
      case 'definition':
        return;
      case 'code':
        this.error(
          node,
          'code blocks (``` fences, or lines indented by 4 spaces) have no place in a brief: write the text as a paragraph, without fences or indent',
        );
        return;
      case 'html':
        this.error(
          node,
          'raw HTML is not supported: write the text in Markdown (write `\\<` for a literal `<`)',
        );
        return;
      case 'thematicBreak':
        this.error(
          node,
          'thematic breaks (`---`, `***`) are not supported: start a new section with a `## ` heading instead',
        );
        return;
      case 'heading':
        this.error(
          node,
          `headings belong at the top level of the body, not in ${where}: move it out, after a blank line`,
        );
        return;
      default:
        this.error(
          node,
          `${describe(node)} cannot appear in ${where}: ${where === 'the body' ? 'write paragraphs, headings, lists, quotes, tables or figures' : 'write paragraphs (and in a list item, one nested list)'}`,
        );
    }
  }

  // ——— inline ———

  /** Flat runs from phrasing content; soft line breaks joined the Chinese way. */
  inline(nodes: Md.PhrasingContent[], context: InlineContext): Run[] {
    const runs: Run[] = [];
    const push = (run: Run): void => {
      if (!run.text) return;
      const prev = runs.at(-1);
      if (
        prev &&
        prev.noteRef === undefined &&
        run.noteRef === undefined &&
        prev.emphasis === run.emphasis &&
        prev.link === run.link
      ) {
        prev.text += run.text;
      } else {
        runs.push(run);
      }
    };
    const walk = (list: Md.PhrasingContent[], emphasis: boolean, link: string | undefined): void => {
      const styled = (text: string): Run => ({
        text,
        ...(emphasis ? { emphasis: true } : {}),
        ...(link !== undefined ? { link } : {}),
      });
      for (const node of list) {
        switch (node.type) {
          case 'text':
            this.checkLeftoverMarks(node);
            push(styled(node.value));
            break;
          case 'inlineCode':
            push(styled(node.value));
            break;
          case 'break':
            push(styled('\n'));
            break;
          case 'emphasis':
          case 'strong':
            walk(node.children, true, link);
            break;
          case 'link':
            if (this.isLiteralAutolink(node)) this.literalAutolink(node, styled, push, emphasis);
            else walk(mailtoShown(node), emphasis, node.url);
            break;
          case 'linkReference': {
            const definition = this.linkDefinitions.get(node.identifier);
            walk(node.children, emphasis, definition?.url ?? link);
            break;
          }
          case 'footnoteReference':
            if (context === 'note') {
              this.error(
                node,
                'a footnote cannot cite another footnote: write the reference as text in the note',
                'markdown/footnote',
              );
            } else {
              push({
                text: String(this.noteNumber(node.identifier)),
                noteRef: this.noteNumber(node.identifier),
              });
            }
            break;
          case 'delete':
            this.error(
              node,
              'strikethrough `~~…~~` has no meaning in a brief: delete the text, or write `\\~~` to keep the tildes',
            );
            break;
          case 'html':
            // One report per tag pair: the closing tag says nothing new.
            if (node.value.startsWith('</')) break;
            this.error(
              node,
              'raw HTML is not supported: write the text in Markdown (write `\\<` for a literal `<`)',
            );
            break;
          case 'image':
          case 'imageReference':
            this.error(
              node,
              context === 'paragraph'
                ? 'an image inside a running paragraph: put the figure alone in its own paragraph, `![caption](chart.png "credit")` with blank lines before and after'
                : `an image cannot appear in a ${context}: put the figure alone in its own paragraph of the body`,
            );
            break;
          default:
            this.error(node, `${describe(node)} is not supported here: write plain text`);
        }
      }
    };
    walk(nodes, false, undefined);
    return joinSoftBreaks(runs);
  }

  /** A bare address (GFM autolink literal), as opposed to `<…>` or `[text](…)`. */
  private isLiteralAutolink(node: Md.Link): boolean {
    const start = node.position?.start.offset;
    if (start === undefined) return false;
    const mark = this.source.charAt(start);
    return mark !== '<' && mark !== '[';
  }

  /**
   * GFM ends a bare address only at white space, but Chinese text runs on without one: the
   * address ends at the first full-width mark or quotation mark (`見https://x.org/a。後續`), the
   * rule the zh-Hans conversion protects addresses by (src/localize/protect.ts); Chinese
   * characters in its path belong to it.
   */
  private literalAutolink(
    node: Md.Link,
    styled: (text: string) => Run,
    push: (run: Run) => void,
    emphasis: boolean,
  ): void {
    const [child] = node.children;
    const shown = child?.type === 'text' && node.children.length === 1 ? child.value : undefined;
    const cut = shown === undefined ? -1 : shown.search(ADDRESS_END);
    if (shown === undefined || cut < 0 || !node.url.endsWith(shown)) {
      for (const c of node.children) if (c.type === 'text') push({ ...styled(c.value), link: node.url });
      return;
    }
    const tail = shown.slice(cut);
    if (cut > 0) {
      push({
        text: shown.slice(0, cut),
        ...(emphasis ? { emphasis: true } : {}),
        link: node.url.slice(0, -tail.length),
      });
    }
    push(styled(tail));
  }

  private noteNumber(identifier: string): number {
    let number = this.noteNumbers.get(identifier);
    if (number === undefined) {
      number = this.noteNumbers.size + 1;
      this.noteNumbers.set(identifier, number);
    }
    return number;
  }

  /**
   * Marks the parser left as text: `[^x]` that nothing defines (a forgotten definition), and `**`
   * that did not become emphasis — CommonMark does not close emphasis after a full-width mark that
   * is followed by text (`**重點。**其後`), a trap for Chinese writing.
   */
  private checkLeftoverMarks(node: Md.Text): void {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const written = this.source.slice(start, end);
    for (const match of written.matchAll(UNDEFINED_NOTE)) {
      const label = match[1] ?? '';
      this.errorAtOffset(
        start + (match.index ?? 0),
        `footnote [^${label}] is not defined: add a line \`[^${label}]: the note's text\` (after the paragraph or at the end of the article)`,
        'markdown/footnote',
      );
    }
    // One report per text: the opening `**` says it all.
    const strong = LEFTOVER_STRONG.exec(written);
    if (strong) {
      this.errorAtOffset(
        start + strong.index,
        '`**` here is not read as emphasis: end the emphasis before the punctuation (`**重點**。` rather than `**重點。**`), or write `\\*\\*` for two stars',
        'markdown/unsupported',
      );
    }
  }
}

/** `<mailto:a@b.org>` shows the address without `mailto:`. */
function mailtoShown(node: Md.Link): Md.PhrasingContent[] {
  const [child] = node.children;
  if (
    node.children.length === 1 &&
    child?.type === 'text' &&
    child.value === node.url &&
    /^mailto:/iu.test(child.value)
  ) {
    return [{ ...child, value: child.value.replace(/^mailto:/iu, '') }];
  }
  return node.children;
}

/** A Markdown node named for a reader. */
function describe(node: Md.Nodes): string {
  switch (node.type) {
    case 'blockquote':
      return 'a block quote';
    case 'list':
      return 'a list';
    case 'table':
      return 'a table';
    case 'code':
      return 'a code block';
    case 'heading':
      return 'a heading';
    case 'image':
      return 'an image';
    default:
      return `Markdown ${node.type}`;
  }
}

/**
 * Soft line breaks (and hard ones, which a brief does not set): Chinese text is joined without a
 * space, Western text with one, looking across run boundaries.
 */
function joinSoftBreaks(runs: Run[]): Run[] {
  const chars = (i: number): string => runs[i]?.text ?? '';
  const out: Run[] = [];
  runs.forEach((run, i) => {
    if (!run.text.includes('\n')) {
      out.push(run);
      return;
    }
    const text = run.text.replace(/[ \t]*\n[ \t]*/gu, (match, offset: number, whole: string) => {
      let before = whole.slice(0, offset);
      for (let k = i - 1; before === '' && k >= 0; k--) before = chars(k);
      let after = whole.slice(offset + match.length);
      for (let k = i + 1; after === '' && k < runs.length; k++) after = chars(k);
      const last = [...before].at(-1) ?? '';
      const first = [...after][0] ?? '';
      if (last === '' || first === '') return '';
      return CJK.test(last) || CJK.test(first) ? '' : ' ';
    });
    if (text) out.push({ ...run, text });
  });
  return out;
}
