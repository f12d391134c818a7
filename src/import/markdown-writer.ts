import { hasControlCharacter } from './decode.js';
import type { Block, Footnote, ImportedArticle, Inline, TableAlign } from './blocks.js';

/**
 * Writes an imported article as `article.md` in the rich-content syntax of issue 11: YAML front
 * matter, then a CommonMark + GFM body with one line per paragraph (no hard wrapping, like the
 * shipped sample). Every character that Markdown would read as markup is escaped, so the text
 * comes back exactly as it was found.
 */
export function writeArticle(article: ImportedArticle, origin: string): string {
  const front = article.rawFrontMatter ?? writeFrontMatter(article, origin);
  return `${front}\n${article.rawBody ?? writeBody(article.body, article.footnotes)}`;
}

const NEEDS_DATE = '# needs you: the issue date, YYYY-MM-DD (the source states none)';
const NEEDS_KEYWORDS = '# needs you: 3–6 keywords, e.g. [美俄峰會, 東北亞安保]';

function writeFrontMatter(a: ImportedArticle, origin: string): string {
  const out: string[] = ['---', `# Imported by \`brief import\` from ${origin}; check every value.`];
  out.push(keyLine('title', a.title, '# needs you: the title'));
  const [first, ...others] = a.authors;
  if (first && others.length === 0) {
    out.push('author:');
    out.push(keyLine('  name', first.name, '# needs you: the author'));
    out.push(keyLine('  affiliation', first.affiliation, "# needs you: the author's affiliation"));
  } else if (first) {
    out.push('authors:');
    for (const author of a.authors) {
      out.push(`  - name: ${yamlScalar(author.name)}`);
      out.push(
        author.affiliation
          ? `    affiliation: ${yamlScalar(author.affiliation)}`
          : "    affiliation: # needs you: this author's affiliation",
      );
    }
  } else {
    out.push('author:');
    out.push('  name: # needs you: the author');
    out.push("  affiliation: # needs you: the author's affiliation");
  }
  out.push(keyLine('date', a.date, NEEDS_DATE));
  out.push(
    a.keywords?.length
      ? `keywords: [${a.keywords.map((k) => yamlScalar(k, true)).join(', ')}]`
      : `keywords: ${NEEDS_KEYWORDS}`,
  );
  if (a.summary?.length) {
    out.push('summary:');
    for (const point of a.summary) out.push(`  - ${yamlScalar(point)}`);
  }
  out.push('photo:');
  out.push(keyLine('  file', a.photo.file, '# needs you: the photo file, placed beside article.md'));
  out.push(keyLine('  caption', a.photo.caption, '# needs you: the caption'));
  out.push(keyLine('  credit', a.photo.credit, '# needs you: the credit (圖片來源 or the source)'));
  if (a.photo.creditUrl) out.push(`  creditUrl: ${yamlScalar(a.photo.creditUrl)}`);
  out.push(
    keyLine(
      '  alt',
      a.photo.alt,
      '# needs you: what the photo shows, for people who cannot see it (the caption is not alt text)',
    ),
  );
  if (a.note) out.push(`note: ${yamlScalar(a.note)}`);
  out.push('---', '');
  return out.join('\n');
}

function keyLine(key: string, value: string | undefined, needs: string): string {
  return value ? `${key}: ${yamlScalar(value)}` : `${key}: ${needs}`;
}

/**
 * A YAML scalar: plain when it reads back as the same string, else double-quoted (JSON string
 * syntax is valid YAML). `inFlow` also quotes what a flow sequence `[a, b]` would split.
 */
export function yamlScalar(value: string, inFlow = false): string {
  const plain =
    value !== '' &&
    value === value.trim() &&
    !hasControlCharacter(value) &&
    !/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    !/: |:$| #/.test(value) &&
    !(inFlow && /[,[\]{}]/.test(value)) &&
    !/^(true|false|yes|no|on|off|null|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/i.test(
      value,
    );
  return plain ? value : JSON.stringify(value);
}

/** The body: blocks separated by blank lines, footnote definitions at the end. */
export function writeBody(blocks: readonly Block[], footnotes: readonly Footnote[]): string {
  const parts = blocks.map(writeBlock);
  for (const note of footnotes) {
    const [first, ...rest] = note.blocks.map(writeBlock);
    const lines = [`[^${note.label}]: ${first ?? ''}`];
    for (const more of rest) lines.push('', indent(more, '    '));
    parts.push(lines.join('\n'));
  }
  return parts.length ? `${parts.join('\n\n')}\n` : '';
}

function writeBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return escapeLineStart(writeInlines(block.inlines));
    case 'heading':
      return `${'#'.repeat(block.depth)} ${writeInlines(block.inlines)}`;
    case 'quote':
      return block.blocks
        .map(writeBlock)
        .join('\n\n')
        .split('\n')
        .map((l) => (l ? `> ${l}` : '>'))
        .join('\n');
    case 'list':
      return writeList(block.ordered, block.items);
    case 'table':
      return writeTable(block.header, block.rows, block.align, block.caption);
    case 'figure':
      return `![${escapeText(block.caption, '[]')}](${writeUrl(block.file)}${
        block.credit ? ` "${block.credit.replace(/(["\\])/g, '\\$1')}"` : ''
      })`;
  }
}

function writeList(ordered: boolean, items: readonly Block[][]): string {
  // Tight when every item is a single paragraph (the usual case), loose otherwise.
  const tight = items.every((item) => item.length <= 1 || item.slice(1).every((b) => b.kind === 'list'));
  const written = items.map((item, n) => {
    const marker = ordered ? `${n + 1}. ` : '- ';
    const pad = ' '.repeat(marker.length);
    const blocks = item.map(writeBlock);
    const body = blocks.length ? blocks.join(tight ? '\n' : '\n\n') : '';
    const [firstLine = '', ...rest] = body.split('\n');
    return [marker + firstLine, ...rest.map((l) => (l ? pad + l : l))].join('\n');
  });
  return written.join(tight ? '\n' : '\n\n');
}

function writeTable(
  header: readonly Inline[][],
  rows: readonly Inline[][][],
  align: readonly TableAlign[],
  caption?: Inline[],
): string {
  const width = Math.max(header.length, ...rows.map((r) => r.length));
  const cell = (c: Inline[] | undefined): string => writeInlines(c ?? [], '|') || ' ';
  const row = (cells: readonly Inline[][]): string =>
    `| ${Array.from({ length: width }, (_, i) => cell(cells[i])).join(' | ')} |`;
  const rule = Array.from({ length: width }, (_, i) => {
    const a = align[i] ?? null;
    return a === 'right' ? '---:' : a === 'center' ? ':---:' : a === 'left' ? ':---' : '---';
  });
  const lines = [row(header), `| ${rule.join(' | ')} |`, ...rows.map(row)];
  // The caption follows the table as its own paragraph `: caption` (pandoc's convention).
  if (caption?.length) lines.push('', `: ${writeInlines(caption)}`);
  return lines.join('\n');
}

function writeInlines(inlines: readonly Inline[], extra = ''): string {
  return inlines.map((i) => writeInline(i, extra)).join('');
}

function writeInline(inline: Inline, extra: string): string {
  switch (inline.kind) {
    case 'text':
      return escapeText(inline.text, extra);
    case 'footnoteRef':
      return `[^${inline.label}]`;
    case 'emphasis':
      return `*${writeInlines(inline.children, extra)}*`;
    case 'strong':
      return `**${writeInlines(inline.children, extra)}**`;
    case 'link': {
      const label = writeInlines(inline.children, extra);
      const only = inline.children.length === 1 ? inline.children[0] : undefined;
      const shownText = only?.kind === 'text' ? only.text : undefined;
      // A link whose text is its own address is written as an autolink, like the sample's.
      if (shownText === inline.url && /^(https?:|mailto:)[^\s<>]*$/.test(inline.url))
        return `<${inline.url}>`;
      return `[${label}](${writeUrl(inline.url)})`;
    }
  }
}

function writeUrl(url: string): string {
  return /[\s()<>]/.test(url) ? `<${url.replace(/([<>\\])/g, '\\$1')}>` : url.replace(/\\/g, '\\\\');
}

/**
 * Escapes what CommonMark + GFM would read as inline markup: emphasis, links, autolinks and HTML,
 * code, strikethrough, entity references, and `extra` (`|` inside table cells).
 */
export function escapeText(text: string, extra = ''): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if ('\\*_[]<>`~'.includes(ch) || extra.includes(ch)) out += `\\${ch}`;
    else if (ch === '!' && text[i + 1] === '[') out += '\\!';
    else if (ch === '&' && /^&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(text.slice(i))) out += '\\&';
    else out += ch;
  }
  return out;
}

/** A paragraph must not start like another block: a heading, list item, quote, rule or fence. */
function escapeLineStart(line: string): string {
  if (/^(#{1,6}(\s|$)|[-+*](\s|$)|>|=+\s*$|-+\s*$|\s)/.test(line)) return `\\${line}`;
  const ordered = /^(\d{1,9})([.)])(\s|$)/.exec(line);
  if (ordered?.[1] && ordered[2]) return `${ordered[1]}\\${line.slice(ordered[1].length)}`;
  return line;
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}
