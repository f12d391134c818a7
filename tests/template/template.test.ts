import { describe, expect, it } from '@jest/globals';
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Brief } from '../../src/model.js';
import type { TemplateView } from '../../src/template/index.js';
import { loadTemplates, renderTextTemplate } from '../../src/template/index.js';
import { PROJECT_ROOT, tempDir } from '../support/fixtures.js';
import { briefErrorOf } from '../support/run.js';

const TEMPLATES = path.join(PROJECT_ROOT, 'templates');

function brief(overrides: Partial<Brief> = {}): Brief {
  return {
    edition: 'zh-Hant',
    lang: 'zh-Hant-TW',
    slug: 's',
    title: '標題',
    authors: [{ name: '作者', affiliation: '單位' }],
    author: { name: '作者', affiliation: '單位' },
    date: '2025-01-02',
    keywords: ['一'],
    summary: [],
    photo: { caption: '圖說', credit: '圖片來源', creditUrl: 'https://example.org/p', alt: '示意圖' },
    note: '編者的話',
    body: [
      { kind: 'heading', level: 2, runs: [{ text: '小節' }], line: 1 },
      { kind: 'paragraph', runs: [{ text: '正文' }, { text: '強調', emphasis: true }], line: 2 },
    ],
    notes: [],
    noteStyle: 'footnotes',
    foundation: {
      name: '基金會',
      shortName: '會',
      series: '論壇',
      about: '關於',
      address: '地址',
      tel: '1',
      fax: '2',
      url: 'http://example.org',
    },
    ...overrides,
  };
}

function view(b: Brief): TemplateView {
  return {
    edition: b.edition,
    lang: b.lang,
    labels: {
      editorNote: '編按：',
      tel: '電話',
      fax: '傳真',
      web: '網址',
      page: '{page}',
      subjectSeparator: '・',
      noteLink: '註 ',
      noteBack: '返回正文引用處',
    },
    brief: b,
    date: { year: 2025, month: 1, day: 2, text: '2025 年 1 月 2 日' },
    photo: { image: 'data:image/jpeg;base64,AAAA', widthPt: 100, heightPt: 50 },
    figures: {},
    tool: { name: 't', version: '0' },
    archive: null,
    layout: {
      page: { size: 'A4', width: 595.28, height: 841.89, margins: [64, 56, 64, 68] },
      marginLeft: 64,
      marginRight: 64,
      textWidth: 467.28,
      photoWidthPt: 467.28,
      photoAspect: 1.7778,
    },
  };
}

function copyTemplates(): string {
  const dir = path.join(tempDir(), 'templates');
  cpSync(TEMPLATES, dir, { recursive: true });
  return dir;
}

describe('the brief templates', () => {
  const templates = loadTemplates(TEMPLATES);

  it('produce a document definition carrying every part of the brief', () => {
    const def = templates.render(view(brief()));
    const json = JSON.stringify(def);
    for (const s of [
      '標題',
      '作者',
      '單位',
      '圖說',
      '編者的話',
      '小節',
      '強調',
      '基金會',
      '關於',
      'http://example.org',
    ]) {
      expect(json).toContain(s);
    }
    expect(def['pageSize']).toBe('A4');
    expect(def['language']).toBe('zh-Hant-TW');
  });

  it("set the article's text verbatim, whatever it contains", () => {
    const nasty = '{{title}} "} \\ \\n {{{x}}} </script> \u2028 ${x}';
    const def = templates.render(
      view(
        brief({
          title: nasty,
          note: nasty,
          body: [
            {
              kind: 'paragraph',
              runs: [{ text: nasty }, { text: nasty, link: 'https://e.org/"}' }],
              line: 1,
            },
          ],
        }),
      ),
    );
    const strings: string[] = [];
    const collect = (x: unknown): void => {
      if (typeof x === 'string') strings.push(x);
      else if (Array.isArray(x)) x.forEach(collect);
      else if (x && typeof x === 'object') Object.values(x).forEach(collect);
    };
    collect(def);
    expect(strings.filter((s) => s === nasty).length).toBeGreaterThanOrEqual(4);
    expect(strings).toContain('https://e.org/"}');
  });

  it('exposes the photo placement that the photo stage sizes for', () => {
    expect(templates.layout.photoWidthPt).toBeCloseTo(595.28 - 2 * 64, 2);
    expect(templates.layout.photoAspect).toBeGreaterThan(1);
  });
});

describe('template errors', () => {
  it('refuse output that bypasses the escaping helpers, with file and line', () => {
    const dir = copyTemplates();
    writeFileSync(
      path.join(dir, 'partials/note.hbs'),
      '{\n  "text": "{{brief.note}}",\n  "x": {{{brief.title}}}\n}\n',
    );
    const e = briefErrorOf(() => loadTemplates(dir));
    expect(e.diagnostics.map((d) => [path.basename(d.file), d.line, d.column])).toEqual([
      ['note.hbs', 2, 12],
      ['note.hbs', 3, 8],
    ]);
    expect(e.message).toContain('escaping helper');
  });

  it('report a syntax error with its line', () => {
    const dir = copyTemplates();
    writeFileSync(path.join(dir, 'partials/note.hbs'), '{\n  "text": {{json brief.note}\n}\n');
    const e = briefErrorOf(() => loadTemplates(dir));
    expect(e.diagnostics[0]?.file).toBe(path.join(dir, 'partials/note.hbs'));
    expect(e.diagnostics[0]?.line).toBe(2);
  });

  it('report a name missing from the data', () => {
    const dir = copyTemplates();
    writeFileSync(
      path.join(dir, 'partials/note.hbs'),
      '{\n  "text": {{json brief.nothing}}, "role": "P"\n}\n',
    );
    const e = briefErrorOf(() => loadTemplates(dir).render(view(brief())));
    expect(e.message).toMatch(/note\.hbs:2:11: template error: \{\{json brief\.nothing\}\} is not defined/);
  });

  it('report JSON the templates break', () => {
    const dir = copyTemplates();
    writeFileSync(path.join(dir, 'partials/note.hbs'), '{ "role": "P", "text": {{json brief.note}} ');
    const e = briefErrorOf(() => loadTemplates(dir).render(view(brief())));
    expect(e.message).toMatch(/brief\.hbs: the templates produced invalid JSON/);
  });
});

describe('roles (tagged PDF)', () => {
  it('refuse a block that sets text without a role, at the line and column of its brace', () => {
    const dir = copyTemplates();
    writeFileSync(
      path.join(dir, 'partials/note.hbs'),
      '{\n  "stack": [\n    { "text": [{ "text": {{json brief.note}} }], "style": "noteBox" }\n  ], "role": "Div"\n}\n',
    );
    const e = briefErrorOf(() => loadTemplates(dir));
    expect(e.diagnostics.map((d) => [path.basename(d.file), d.line, d.column, d.code])).toEqual([
      ['note.hbs', 3, 5, 'template/role'],
    ]);
    expect(e.diagnostics[0]?.hint).toContain('"role": "P"');
  });

  it('refuse an unknown role, and accept inlines and the parts of a figure without one', () => {
    const dir = copyTemplates();
    writeFileSync(path.join(dir, 'partials/note.hbs'), '{ "text": {{json brief.note}}, "role": "Para" }\n');
    const e = briefErrorOf(() => loadTemplates(dir));
    expect(e.diagnostics.map((d) => [d.line, d.code])).toEqual([[1, 'template/role']]);
    expect(e.message).toContain('unknown role "Para"');
    // The shipped templates: inline runs and a figure's image carry no role of their own.
    expect(() => loadTemplates(TEMPLATES)).not.toThrow();
  });
});

describe('layout.json', () => {
  it('reports every wrong number at its line, with a code, not a crash later', () => {
    const dir = copyTemplates();
    writeFileSync(
      path.join(dir, 'layout.json'),
      '{\n  "page": { "size": "A4", "width": "wide", "height": 841.89,\n    "margins": [64, 56] },\n  "photoAspect": 0\n}\n',
    );
    const e = briefErrorOf(() => loadTemplates(dir));
    expect(e.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      ['template/layout', 2, 'page.width must be a positive number of points'],
      ['template/layout', 3, 'page.margins must be four numbers of points: [left, top, right, bottom]'],
      ['template/layout', 4, 'photoAspect must be a positive number (width / height)'],
    ]);
  });

  it('derives the text width and the photo width from the page, once', () => {
    const layout = loadTemplates(TEMPLATES).layout;
    expect(layout.textWidth).toBe(467.28);
    expect(layout.photoWidthPt).toBe(layout.textWidth);
    expect(layout.page.margins).toEqual([64, 56, 64, 68]);
  });
});

describe('renderTextTemplate', () => {
  it('fills names and leaves the rest as text', () => {
    expect(renderTextTemplate('不代表{{shortName}}之立場 & <x>', { shortName: '會' }, { file: 'f' })).toBe(
      '不代表會之立場 & <x>',
    );
  });
});
