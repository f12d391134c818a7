import { readdirSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { BriefError, diagnostic } from '../errors.js';
import { readUserFile } from '../files.js';
import type { Brief, DiagnosticCode, Run, SourceLocation } from '../model.js';
import { STRUCTURE_ROLES } from '../model.js';
import type { DocDefinition } from '../pdf/index.js';

/**
 * The template stage: a view of one edition's brief goes through the Handlebars templates in
 * templates/ and comes out as a pdfmake document definition (plain JSON data).
 *
 * Safety rules, enforced here rather than trusted to template authors:
 * - values enter the JSON only through the escaping helpers: `{{json x}}` (a JSON value),
 *   `{{str x}}` (inside a JSON string) and `{{runs x}}` (inline text); any other output, bare
 *   `{{x}}` and `{{{x}}}` included, is refused when the templates are loaded, with its line;
 * - the article's text is data passed to a compiled template, never compiled itself, so `{{` or
 *   `"}` in an article come out verbatim.
 */

/** The template stage writes the PDF stage's input: a document definition (src/pdf/definition.ts). */
export type { DocDefinition };

export interface TemplateView {
  edition: Brief['edition'];
  lang: string;
  labels: Record<string, string>;
  brief: Brief;
  date: { year: number; month: number; day: number; text: string };
  photo: { image: string; widthPt: number; heightPt: number };
  /** Each figure of the body, prepared by the photo stage, by its number. */
  figures: Record<number, { image: string; widthPt: number; heightPt: number }>;
  tool: { name: string; version: string };
  layout: TemplateLayout;
  /** The issue's online address for this edition (the QR code), null when the profile sets no archive. */
  archive: { url: string } | null;
}

/** templates/layout.json, checked, with the numbers that follow from it. */
export interface TemplateLayout {
  page: { size: string; width: number; height: number; margins: [number, number, number, number] };
  marginLeft: number;
  marginRight: number;
  /** Page width minus both side margins. */
  textWidth: number;
  /** The photo (and figures) are placed at the text width. */
  photoWidthPt: number;
  photoAspect: number;
}

export interface TemplateSet {
  dir: string;
  /** Layout numbers the templates and the other stages share (the photo's placed width …). */
  layout: TemplateLayout;
  labels: Record<string, Record<string, string>>;
  render(view: TemplateView): DocDefinition;
}

const MAIN = 'brief.hbs';

/** The only helpers whose output may be written into the JSON. */
const OUTPUT_HELPERS = new Set(['json', 'str', 'runs']);

/**
 * Handlebars' strict mode does not check a helper's last path segment, so `{{json brief.titel}}`
 * would print null; the output helpers refuse undefined values themselves, with the place.
 */
class UndefinedValueError extends Error {
  constructor(readonly loc: hbs.AST.SourceLocation) {
    super(`a value is not defined in the template's data - ${loc.start.line}:${loc.start.column}`);
  }
}

function defined<T>(value: T | undefined, options: Handlebars.HelperOptions): T {
  if (value === undefined)
    throw new UndefinedValueError((options as unknown as { loc: hbs.AST.SourceLocation }).loc);
  return value;
}

function createEnvironment(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('str', (value: unknown, options: Handlebars.HelperOptions) =>
    JSON.stringify(String(defined(value, options))).slice(1, -1),
  );
  hb.registerHelper(
    'json',
    (value: unknown, options: Handlebars.HelperOptions) =>
      new hb.SafeString(JSON.stringify(defined(value, options))),
  );
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('runs', (runs: Run[], options: Handlebars.HelperOptions) => {
    const linkStyle = typeof options.hash['linkStyle'] === 'string' ? options.hash['linkStyle'] : 'link';
    const emphasisStyle =
      typeof options.hash['emphasisStyle'] === 'string' ? options.hash['emphasisStyle'] : 'emphasis';
    const noteStyle = typeof options.hash['noteStyle'] === 'string' ? options.hash['noteStyle'] : 'noteRef';
    const inlines = defined(runs, options).map((r) => {
      // A footnote reference: the PDF stage links it to its note and keeps it with the word before.
      if (r.noteRef !== undefined) return { text: r.text, noteRef: r.noteRef, style: noteStyle };
      const styles = [r.emphasis ? emphasisStyle : null, r.link ? linkStyle : null].filter(Boolean);
      return {
        text: r.text,
        ...(styles.length ? { style: styles } : {}),
        ...(r.link ? { link: r.link } : {}),
      };
    });
    return new hb.SafeString(JSON.stringify(inlines));
  });
  hb.registerHelper('plain', (runs: Run[]) => (runs ?? []).map((r) => r.text).join(''));
  // A note's paragraphs as one run list (a full-width space between paragraphs), for {{runs …}}.
  hb.registerHelper('joinParagraphs', (blocks: { runs: Run[] }[]) =>
    (blocks ?? []).flatMap((b, i) => (i === 0 ? b.runs : [{ text: '\u3000' }, ...b.runs])),
  );
  // Numbers for templates: the marker of item `index` of an ordered list starting at `start`.
  hb.registerHelper('add', (a: unknown, b: unknown) => Number(a) + Number(b));
  // "表 1" and a full-width space before a caption's runs.
  hb.registerHelper('numbered', (label: unknown, number: unknown, runs: Run[] | string) => [
    { text: `${String(label)} ${String(number)}\u3000` },
    ...(typeof runs === 'string' ? [{ text: runs }] : (runs ?? [])),
  ]);
  hb.registerHelper('anyBio', (authors: { bio?: string }[]) => (authors ?? []).some((a) => Boolean(a.bio)));
  hb.registerHelper('text', (value: unknown) => [{ text: String(value) }]);
  hb.registerHelper('or', (a: unknown, b: unknown) => Boolean(a) || Boolean(b));
  hb.registerHelper('gt', (a: unknown, b: unknown) => Number(a) > Number(b));
  return hb;
}

/** Loads templates/brief.hbs, templates/partials/*.hbs, labels.json and layout.json once. */
export function loadTemplates(dir: string): TemplateSet {
  const hb = createEnvironment();
  const read = (file: string): string => readUserFile(file, 'the template file');
  const partialDir = path.join(dir, 'partials');
  const sources = new Map<string, string>();
  for (const name of readdirSync(partialDir)
    .filter((f) => f.endsWith('.hbs'))
    .sort()) {
    const file = path.join(partialDir, name);
    const source = read(file);
    checkTemplateSource(hb, file, source);
    checkRoles(file, source);
    sources.set(file, source);
    hb.registerPartial(name.replace(/\.hbs$/, ''), source);
  }
  const mainFile = path.join(dir, MAIN);
  const mainSource = read(mainFile);
  checkTemplateSource(hb, mainFile, mainSource);
  checkRoles(mainFile, mainSource);
  sources.set(mainFile, mainSource);

  let compiled: HandlebarsTemplateDelegate;
  try {
    compiled = hb.compile(mainSource, { strict: true, noEscape: true });
    // Compile eagerly so syntax errors in any partial surface now, with their file.
    for (const [file, source] of sources) {
      try {
        hb.precompile(source, { strict: true, noEscape: true });
      } catch (e) {
        throw templateError(file, e);
      }
    }
  } catch (e) {
    if (e instanceof BriefError) throw e;
    throw templateError(mainFile, e);
  }

  const labelsFile = path.join(dir, 'labels.json');
  const layoutFile = path.join(dir, 'layout.json');
  const labels = parseJsonFile(labelsFile, read(labelsFile)) as Record<string, Record<string, string>>;
  const layoutText = read(layoutFile);
  const layout = checkLayout(layoutFile, layoutText, parseJsonFile(layoutFile, layoutText));

  return {
    dir,
    layout,
    labels,
    render(view: TemplateView): DocDefinition {
      let text: string;
      try {
        text = compiled(view);
      } catch (e) {
        throw templateError(mainFile, e, sources);
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        const pos = Number(/position (\d+)/.exec(String(e))?.[1] ?? -1);
        const near = pos >= 0 ? text.slice(Math.max(0, pos - 60), pos + 20).replace(/\s+/g, ' ') : '';
        throw BriefError.at(
          { file: mainFile },
          'template/json',
          `the templates produced invalid JSON (${(e as Error).message})${near ? ` near: …${near}…` : ''}; check commas and quotes in brief.hbs and its partials`,
        );
      }
      if (!isDefinition(parsed)) {
        throw BriefError.at(
          { file: mainFile },
          'template/json',
          'the templates must produce a JSON object with a "content" list',
        );
      }
      return parsed;
    },
  };
}

/**
 * Every output statement must call an escaping helper; anything else (a bare `{{x}}`, whose HTML
 * escaping is wrong for JSON, or an unescaped `{{{x}}}`) is refused with its line and column.
 */
function checkTemplateSource(hb: typeof Handlebars, file: string, source: string): void {
  let ast: hbs.AST.Program;
  try {
    ast = hb.parse(source);
  } catch (e) {
    throw templateError(file, e);
  }
  const bad: hbs.AST.MustacheStatement[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string };
    if (n.type === 'MustacheStatement') {
      const m = node as hbs.AST.MustacheStatement;
      const name = m.path.type === 'PathExpression' ? (m.path as hbs.AST.PathExpression).original : '';
      if (!OUTPUT_HELPERS.has(name) || !m.escaped || m.params.length === 0) bad.push(m);
    }
    for (const value of Object.values(node as Record<string, unknown>)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object' && 'type' in value) visit(value);
    }
  };
  visit(ast);
  const first = bad[0];
  if (first) {
    throw new BriefError(
      bad.map((m) => ({
        file,
        line: m.loc.start.line,
        column: m.loc.start.column + 1,
        code: 'template/output' as const,
        severity: 'error' as const,
        message:
          'template output must go through an escaping helper: {{json value}}, "{{str value}}" or {{runs value}}',
      })),
    );
  }
}

/**
 * Every block a template writes that sets text or an image declares its `role` (a structure type
 * of the tagged PDF, src/pdf/tags.ts; `Artifact` for page furniture): an object with a "text" or
 * "image" key needs a "role" key, unless it is an inline of a "text" list or lies inside a
 * "Figure" (whose parts are the figure). Checked on the template source, with Handlebars
 * statements blanked out, so the line and column are the object's opening brace.
 */
export function checkRoles(file: string, source: string): void {
  // Mustaches (and comments) replaced by spaces of the same length: positions stay.
  const text = source.replace(/\{\{!--[\s\S]*?--\}\}|\{\{[\s\S]*?\}\}/g, (m) => m.replace(/[^\n]/g, ' '));
  interface Frame {
    kind: '{' | '[';
    at: number;
    key: string | null;
    keys: Set<string>;
    role: string | null;
  }
  const stack: Frame[] = [];
  const problems: ReturnType<typeof diagnostic>[] = [];
  const where = (offset: number): SourceLocation => {
    const before = source.slice(0, offset).split('\n');
    return { file, line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
  };
  let pendingKey: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const str = text.slice(i + 1, j);
      const after = /^\s*:/.exec(text.slice(j + 1, j + 20));
      const top = stack[stack.length - 1];
      if (after && top?.kind === '{') {
        pendingKey = str;
        top.keys.add(str);
        if (str === 'role') {
          const value = /^\s*:\s*"([^"]*)"/.exec(text.slice(j + 1));
          top.role = value?.[1] ?? '';
          if (value?.[1] && value[1] !== 'Artifact' && !STRUCTURE_ROLES.includes(value[1])) {
            problems.push(
              diagnostic(
                where(j + 1 + (value.index ?? 0)),
                'template/role',
                `unknown role "${value[1]}": use a standard structure type (${STRUCTURE_ROLES.join(', ')}) or Artifact`,
              ),
            );
          }
        }
      }
      i = j;
      continue;
    }
    if (c === '{' || c === '[') {
      const top = stack[stack.length - 1];
      stack.push({ kind: c, at: i, key: top?.kind === '{' ? pendingKey : null, keys: new Set(), role: null });
      pendingKey = null;
      continue;
    }
    if (c === '}' || c === ']') {
      const frame = stack.pop();
      if (!frame || frame.kind !== '{') continue;
      if (!frame.keys.has('text') && !frame.keys.has('image')) continue;
      if (frame.keys.has('role')) continue;
      // An inline of a text list, or a part of a figure, takes its block's role.
      const inline = stack.some((f) => f.kind === '[' && f.key === 'text');
      const inFigure = stack.some((f) => f.role === 'Figure');
      if (inline || inFigure) continue;
      problems.push(
        diagnostic(
          where(frame.at),
          'template/role',
          `this block sets ${frame.keys.has('image') ? 'an image' : 'text'} without a "role"`,
          'give it its structure type for the tagged PDF, e.g. "role": "P" (a paragraph), "H2" (a heading), "Caption", "TD"; page furniture (running footer) is "role": "Artifact"',
        ),
      );
    }
  }
  if (problems.length) throw new BriefError(problems);
}

function templateError(file: string, e: unknown, sources?: Map<string, string>): BriefError {
  const message = e instanceof Error ? e.message : String(e);
  const parse = /Parse error on line (\d+)/.exec(message);
  const strict = /^"?([^"]+)"? not defined in .* - (\d+):(\d+)/.exec(message);
  let line: number | undefined;
  let column: number | undefined;
  let where = file;
  let reason = message.split('\n')[0] ?? message;
  let code: DiagnosticCode = 'template/syntax';
  if (parse?.[1]) {
    line = Number(parse[1]);
    reason = message.split('\n').slice(1).join(' ').replace(/\s+/g, ' ').trim() || reason;
  } else if (e instanceof UndefinedValueError) {
    code = 'template/undefined';
    line = e.loc.start.line;
    column = e.loc.start.column + 1;
    let expression = '';
    for (const [f, src] of sources ?? []) {
      const text = src.split('\n')[line - 1]?.slice(e.loc.start.column, e.loc.end.column) ?? '';
      if (text.startsWith('{{') && text.endsWith('}}')) {
        where = f;
        expression = text;
        break;
      }
    }
    reason = `${expression || 'a value'} is not defined in the template's data`;
  } else if (strict?.[2]) {
    code = 'template/undefined';
    line = Number(strict[2]);
    column = Number(strict[3]) + 1;
    reason = `'${strict[1]}' is not defined in the template's data`;
    // Handlebars reports the line in the template that failed, which may be a partial.
    if (sources) {
      for (const [f, src] of sources) {
        if (src.split('\n')[line - 1]?.includes(strict[1] ?? '')) {
          where = f;
          break;
        }
      }
    }
  }
  return BriefError.at(
    { file: where, ...(line ? { line } : {}), ...(column ? { column } : {}) },
    code,
    `template error: ${reason}`,
  );
}

function isDefinition(x: unknown): x is DocDefinition {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && 'content' in x;
}

/** Every number of layout.json is checked here, so a typo is a diagnostic, not a crash later. */
function checkLayout(file: string, text: string, raw: unknown): TemplateLayout {
  const at = (key: string): SourceLocation => {
    const index = text.indexOf(`"${key}"`);
    if (index < 0) return { file };
    const before = text.slice(0, index).split('\n');
    return { file, line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
  };
  const problems: ReturnType<typeof diagnostic>[] = [];
  const fail = (key: string, message: string): void => {
    problems.push(diagnostic(at(key), 'template/layout', message, 'see the $comment in layout.json'));
  };
  const obj = (x: unknown): Record<string, unknown> =>
    typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
  const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;
  const page = obj(obj(raw)['page']);
  const size = page['size'];
  if (typeof size !== 'string' || size === '') fail('page', 'page.size must be a paper size such as "A4"');
  for (const key of ['width', 'height'] as const) {
    if (!positive(page[key]))
      fail(key === 'width' ? 'page' : 'height', `page.${key} must be a positive number of points`);
  }
  const margins = page['margins'];
  const fourMargins =
    Array.isArray(margins) &&
    margins.length === 4 &&
    margins.every((m) => typeof m === 'number' && Number.isFinite(m) && m >= 0);
  if (!fourMargins)
    fail('margins', 'page.margins must be four numbers of points: [left, top, right, bottom]');
  const photoAspect = obj(raw)['photoAspect'];
  if (!positive(photoAspect)) fail('photoAspect', 'photoAspect must be a positive number (width / height)');
  if (problems.length || !fourMargins || !positive(photoAspect) || typeof size !== 'string') {
    throw new BriefError(problems);
  }
  const [left, top, right, bottom] = margins as [number, number, number, number];
  const width = page['width'] as number;
  const textWidth = Math.round((width - left - right) * 100) / 100;
  if (textWidth < 100) {
    fail('margins', `the side margins leave ${textWidth} pt of text width; leave at least 100`);
    throw new BriefError(problems);
  }
  return {
    page: { size, width, height: page['height'] as number, margins: [left, top, right, bottom] },
    marginLeft: left,
    marginRight: right,
    textWidth,
    photoWidthPt: textWidth,
    photoAspect,
  };
}

function parseJsonFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw BriefError.at({ file }, 'template/json', `invalid JSON: ${(e as Error).message}`);
  }
}

/**
 * Fills a one-line text template from a profile (the foundation's disclaimer: `…不代表{{shortName}}…`).
 * The result is text, not JSON or HTML, so nothing is escaped; unknown names are errors.
 */
export function renderTextTemplate(
  template: string,
  data: Record<string, string>,
  origin: SourceLocation,
): string {
  const hb = Handlebars.create();
  try {
    return hb.compile(template, { strict: true, noEscape: true, knownHelpersOnly: true })(data);
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    throw BriefError.at(
      origin,
      'profile/template',
      `template error: ${reason}; the available names are ${Object.keys(data)
        .map((k) => `{{${k}}}`)
        .join(' ')}`,
    );
  }
}
