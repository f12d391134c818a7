import type { Block, Diagnostic, Run } from '../model.js';

/**
 * The article body's Markdown subset: paragraphs separated by blank lines, `## ` section headings,
 * `*emphasis*` (or `**…**`), `[text](url)` links and `<url>` autolinks, `\` escapes. Anything else
 * that Markdown would turn into structure we do not set (lists, quotes, code, images, HTML) is an
 * error rather than something printed wrong. All other characters, `{{` included, are text.
 */
export function parseBody(
  file: string,
  text: string,
  firstLine: number,
): { blocks: Block[]; diagnostics: Diagnostic[] } {
  const blocks: Block[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.split('\n');
  let para: { start: number; lines: string[] } | null = null;

  const flush = (): void => {
    if (!para) return;
    const joined = joinLines(para.lines);
    const runs = parseInline(joined);
    if (runs.length) blocks.push({ kind: 'paragraph', runs, line: para.start });
    para = null;
  };

  lines.forEach((raw, i) => {
    const lineNo = firstLine + i;
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '') {
      flush();
      return;
    }
    const heading = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?$/.exec(line);
    if (heading) {
      flush();
      const runs = parseInline((heading[2] ?? '').trim());
      if (runs.length === 0) {
        diagnostics.push({
          file,
          line: lineNo,
          column: 1,
          code: 'markdown/empty',
          severity: 'error',
          message: 'empty heading',
        });
      } else {
        blocks.push({ kind: 'heading', runs, line: lineNo });
      }
      return;
    }
    const unsupported = unsupportedBlock(line);
    if (unsupported && !para) {
      diagnostics.push({
        file,
        line: lineNo,
        column: 1,
        code: 'markdown/unsupported',
        severity: 'error',
        message: `${unsupported} are not supported in the article body; write plain paragraphs (escape a leading mark with \\ to keep it as text)`,
      });
      return;
    }
    if (!para) para = { start: lineNo, lines: [] };
    para.lines.push(line.trim());
  });
  flush();
  return { blocks, diagnostics };
}

function unsupportedBlock(line: string): string | undefined {
  if (/^\s*([-+*])\s/.test(line) || /^\s*\d+[.)]\s/.test(line)) return 'lists';
  if (/^\s*>/.test(line)) return 'block quotes';
  if (/^\s*(```|~~~)/.test(line) || /^( {4}|\t)/.test(line)) return 'code blocks';
  if (/^\s*!\[/.test(line)) return 'images (the photo belongs in the front matter)';
  if (/^\s*<(?!https?:|mailto:)[a-zA-Z/!]/.test(line)) return 'HTML blocks';
  if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) return 'horizontal rules';
  return undefined;
}

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F\u{20000}-\u{3FFFF}]/u;

/** Soft line breaks: Chinese text is joined without a space, Western text with one. */
function joinLines(lines: string[]): string {
  let out = lines[0] ?? '';
  for (const next of lines.slice(1)) {
    const last = [...out].at(-1) ?? '';
    const first = [...next][0] ?? '';
    out += CJK.test(last) || CJK.test(first) ? next : ` ${next}`;
  }
  return out;
}

/** Parses inline Markdown into flat runs. A mark without its closing partner stays text. */
export function parseInline(text: string): Run[] {
  const runs: Run[] = [];
  const push = (run: Run): void => {
    if (!run.text) return;
    const prev = runs.at(-1);
    if (prev && prev.emphasis === run.emphasis && prev.link === run.link) prev.text += run.text;
    else runs.push(run);
  };

  let i = 0;
  let plain = '';
  let emphasis = false;
  let emphasisMark = '';
  const emit = (): void => {
    push(emphasis ? { text: plain, emphasis: true } : { text: plain });
    plain = '';
  };
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch === '\\' && i + 1 < text.length && /[\\`*_{}[\]()#+\-.!<>|]/.test(text[i + 1] ?? '')) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === '<') {
      const auto = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/.exec(text.slice(i));
      if (auto?.[1]) {
        emit();
        const url = auto[1];
        push({ text: url.replace(/^mailto:/, ''), link: url, ...(emphasis ? { emphasis: true } : {}) });
        i += auto[0].length;
        continue;
      }
    }
    if (ch === '[') {
      const link = /^\[([^\]]+)\]\(\s*([^\s)]+)\s*\)/.exec(text.slice(i));
      if (link?.[1] && link[2]) {
        emit();
        const label = link[1].replace(/\\(.)/g, '$1').replace(/\*+/g, '');
        push({ text: label, link: link[2], ...(emphasis ? { emphasis: true } : {}) });
        i += link[0].length;
        continue;
      }
    }
    if (ch === '*') {
      const mark = text.startsWith('**', i) ? '**' : '*';
      if (emphasis && mark === emphasisMark) {
        emit();
        emphasis = false;
        i += mark.length;
        continue;
      }
      if (!emphasis && text.indexOf(mark, i + mark.length) > i + mark.length) {
        emit();
        emphasis = true;
        emphasisMark = mark;
        i += mark.length;
        continue;
      }
    }
    plain += ch;
    i += 1;
  }
  emit();
  return runs;
}
