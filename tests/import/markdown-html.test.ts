/**
 * `brief import` of Markdown (kept as written; front matter added when missing) and of HTML
 * (mapped to the rich-content syntax, checked with a CommonMark + GFM parser).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MdNode } from './support.js';
import { brief, nodes, png, readArticle, removeTemp, temp, tempProject, textOf } from './support.js';

afterAll(removeTemp);

describe('Markdown', () => {
  it('with front matter: kept as written, its images copied, missing keys reported', async () => {
    const dir = temp();
    mkdirSync(path.join(dir, 'img'));
    const chart = await png(300, 150, '#336699');
    writeFileSync(path.join(dir, 'img/chart.png'), chart);
    const source = [
      '---',
      'title: 能源轉型的十字路口',
      'author: { name: 王五, affiliation: 某研究院研究員 }',
      'date: 2025-11-03',
      '---',
      '',
      '第一段，說明背景。',
      '',
      '![裝置容量的變化](img/chart.png "能源署")',
      '',
      '- 第一點',
      '- 第二點',
      '',
    ].join('\n');
    const file = path.join(dir, 'energy.md');
    writeFileSync(file, `\uFEFF${source.replace(/\n/g, '\r\n')}`);
    const root = tempProject();
    const r = await brief(root, ['import', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('front matter: kept as written (lines 1–5)');
    expect(r.stdout).toContain('needs you: photo (not in the front matter)');
    // The slug takes the date the source states, not the day of the import.
    expect(r.stdout).toMatch(
      /^slug: 2025-11-03-neng-yuan-zhuan-xing-de-shi \(from the issue's date and the title\)$/m,
    );
    const issue = path.join(root, 'assets/issues/2025-11-03-neng-yuan-zhuan-xing-de-shi');
    expect(readFileSync(path.join(issue, 'article.md'), 'utf8')).toBe(source);
    expect(readFileSync(path.join(issue, 'img/chart.png')).equals(chart)).toBe(true);
  });

  it('without front matter: the first # heading is the title, the body is kept', async () => {
    const file = path.join(temp(), 'plain.md');
    writeFileSync(
      file,
      '# 標題在此\n\n第一段。\n\n## 小節\n\n第二段，含 *強調* 與 [連結](https://example.org)。\n',
    );
    const root = tempProject();
    const r = await brief(root, ['import', file, '--slug', 'plain-md']);
    expect(r.code).toBe(0);
    const a = readArticle(path.join(root, 'assets/issues/plain-md'));
    expect(a.front).toMatch(/^title: 標題在此$/m);
    expect(a.body).toBe('\n第一段。\n\n## 小節\n\n第二段，含 *強調* 與 [連結](https://example.org)。\n');
    expect(r.stdout).toMatch(
      /^needs you: author, date, keywords, photo file, photo caption, photo credit, photo alt$/m,
    );
  });
});

describe('HTML', () => {
  it('maps headings, lists, a table with caption, a quote, footnotes, images and inline marks', async () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'lead.png'), await png(400, 200, '#aa3300'));
    const chart = await png(300, 150, '#003366');
    const html = `<!doctype html><html><head><title>ignored</title></head><body>
      <h1>區域安全的
        新情勢</h1>
      <p>作者：趙六（某大學政治學系副教授）</p>
      <p><img src="lead.png" alt="會談現場"></p>
      <p>雙方代表於會談前握手。（圖片來源：https://www.example.org/p/1）</p>
      <p>本文討論<strong>三個</strong>面向<sup><a href="#fn1" id="fnref1">1</a></sup>，並引用<em>官方</em>說法<sup><a href="#fn2" id="fnref2">2</a></sup>，
      詳見<a href="https://www.example.org/a">原文</a>。</p>
      <h2>背景</h2>
      <blockquote><p>「和平需要實力。」</p></blockquote>
      <ul><li>第一項</li><li>第二項<ul><li>細項</li></ul></li></ul>
      <h3>數據</h3>
      <table><caption>表 2：預算變化</caption><thead><tr><th>年度</th><th align="right">億元</th></tr></thead>
        <tbody><tr><td>2024</td><td align="right">4,000</td></tr><tr><td>2025 | 預估</td><td align="right">4,500</td></tr></tbody></table>
      <p><img src="data:image/png;base64,${chart.toString('base64')}" alt="預算趨勢"></p>
      <ol><li>建議一</li><li>建議二<sup><a href="#fn3" id="fnref3">3</a></sup></li></ol>
      <section class="footnotes"><ol>
        <li id="fn1"><p>第一個註。<a href="#fnref1">↩</a></p></li>
        <li id="fn2"><p>第二個註，見 <a href="https://www.example.org/n">來源</a>。<a href="#fnref2">↩</a></p></li>
        <li id="fn3"><p>第三個註。<a href="#fnref3">↩</a></p></li>
      </ol></section>
    </body></html>`;
    const file = path.join(dir, 'page.html');
    writeFileSync(file, html);
    const root = tempProject();
    const r = await brief(root, ['import', file, '--slug', 'html-page']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const issue = path.join(root, 'assets/issues/html-page');
    const a = readArticle(issue);
    expect(a.front).toMatch(/^title: 區域安全的新情勢$/m);
    expect(a.front).toContain('  name: 趙六\n  affiliation: 某大學政治學系副教授');
    expect(a.front).toContain(
      '  file: photo.png\n  caption: 雙方代表於會談前握手。\n  credit: 圖片來源\n  creditUrl: https://www.example.org/p/1\n  alt: 會談現場',
    );
    const all = nodes(a.tree);
    const of = (type: string): MdNode[] => all.filter((n) => n.type === type);
    expect(of('heading').map((h) => [h.depth, textOf(h)])).toEqual([
      [2, '背景'],
      [3, '數據'],
    ]);
    expect(of('blockquote').map(textOf)).toEqual(['「和平需要實力。」']);
    const lists = of('list');
    expect(lists.map((l) => l.ordered)).toEqual([false, false, true]);
    expect(textOf(lists[1] ?? { type: 'missing' })).toBe('細項');
    expect(of('table')).toHaveLength(1);
    const rows: MdNode[] = of('table')[0]?.children ?? [];
    expect(rows.map((row) => (row.children ?? []).map(textOf))).toEqual([
      ['年度', '億元'],
      ['2024', '4,000'],
      ['2025 | 預估', '4,500'],
    ]);
    expect(of('table')[0]?.align).toEqual([null, 'right']);
    expect(a.body).toContain('\n\n: 預算變化\n');
    expect(of('image').map((i) => [i.url, i.alt])).toEqual([['figure-1.png', '預算趨勢']]);
    expect(readFileSync(path.join(issue, 'figure-1.png')).equals(chart)).toBe(true);
    expect(of('footnoteReference').map((f) => f.identifier)).toEqual(['1', '2', '3']);
    expect(of('footnoteDefinition').map(textOf)).toEqual(['第一個註。', '第二個註，見 來源。', '第三個註。']);
    expect(of('strong').map(textOf)).toEqual(['三個']);
    expect(of('emphasis').map(textOf)).toEqual(['官方']);
    expect(of('link').map((l) => l.url)).toEqual(['https://www.example.org/a', 'https://www.example.org/n']);
  });
});
