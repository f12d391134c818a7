/**
 * `brief import` of an earlier brief's text layer: the seed gives back the shipped sample exactly
 * and builds to the same zh-Hant text; two more dumps of our own (hard-wrapped lines, a running
 * header, a list, a differing note and foundation block; CRLF, BOM, full-width indents, page
 * footers and a form feed) and the Big5 form of one of them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildIssue, loadProject } from '../../src/pipeline/index.js';
import { loadArticle } from '../../src/source/index.js';
import { FIXTURES, PROJECT_ROOT, SAMPLE_ISSUE, makePhoto } from '../support/fixtures.js';
import { missingCharacters, readPdf, squash, textWithoutFooters } from '../support/pdf.js';
import { brief, nodes, readArticle, removeTemp, splitArticle, temp, tempProject, textOf } from './support.js';

const SEED = path.join(FIXTURES, 'import/seed-2025-alaska-summit.txt');
const SEMI = path.join(FIXTURES, 'import/dump-semiconductor.txt');
const SEMI_BIG5 = path.join(FIXTURES, 'import/dump-semiconductor.big5.txt');
const MARITIME = path.join(FIXTURES, 'import/dump-maritime-crlf.txt');

afterAll(removeTemp);

/** Fills in what only a person can: the date, the keywords, the photo file and its alt text. */
function supply(issue: string, values: { date: string; keywords: string; photo: string }): void {
  const md = path.join(issue, 'article.md');
  writeFileSync(
    md,
    readFileSync(md, 'utf8')
      .replace(/^date: # needs you.*$/m, `date: ${values.date}`)
      .replace(/^keywords: # needs you.*$/m, `keywords: ${values.keywords}`)
      .replace(/^ {2}file: # needs you.*$/m, `  file: ${values.photo}`)
      .replace(
        /^ {2}alt: # needs you.*$/m,
        '  alt: 示意圖：黃昏時分的海灣，兩岸山丘之間有一條以虛線表示的分界線，遠方山脈後方是落日（代替峰會新聞照片的佔位圖像）。',
      ),
  );
}

describe('the seed', () => {
  let root: string;
  let issue: string;
  let out: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    root = tempProject();
    out = await brief(root, ['import', SEED, '--slug', 'seed-import']);
    issue = path.join(root, 'assets/issues/seed-import');
  });

  it('reports one line per decision and exits 0', () => {
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    for (const line of [
      "dropped: masthead '遠景論壇' (line 3, the foundation's series)",
      'title: 美俄阿拉斯加峰會對東北亞安保的影響  (line 9)',
      'author: 李明峻  (line 11)',
      'affiliation: 新台灣國策智庫研發長  (line 13)',
      'paragraph rejoined across page break at line 17',
      'headings: 2',
      "dropped: editor's note (line 37, equals the foundation's disclaimer)",
      'dropped: foundation block (lines 41–51, matches assets/foundation.yaml)',
      'needs you: date, keywords, photo file, photo alt',
    ]) {
      expect(lines).toContain(line);
    }
  });

  it('gives an article.md whose body is the shipped sample body, character for character', () => {
    const ours = splitArticle(readFileSync(path.join(issue, 'article.md'), 'utf8')).body;
    const sample = splitArticle(readFileSync(path.join(SAMPLE_ISSUE, 'article.md'), 'utf8')).body;
    expect(ours.length).toBeGreaterThan(1800);
    expect(ours).toBe(sample);
  });

  it('invents no date, keywords or photo: the build stops at each with path:line:col', async () => {
    const file = path.join(issue, 'article.md');
    const lines = readFileSync(file, 'utf8').split('\n');
    const lineOf = (prefix: string): number => lines.findIndex((l) => l.startsWith(prefix)) + 1;
    let message = '';
    try {
      loadArticle(issue);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`${file}:${lineOf('date:')}:7: date is empty; fill it in`);
    expect(message).toContain(`${file}:${lineOf('keywords:')}:11: keywords is empty; fill it in`);
    expect(message).toContain(`${file}:${lineOf('  file:')}:9: photo.file is empty; fill it in`);
  });

  it('with the sample photo and date, reads as the sample and builds to its zh-Hant text with 0 missing characters', async () => {
    const sample = loadArticle(SAMPLE_ISSUE);
    copyFileSync(path.join(SAMPLE_ISSUE, 'photo.jpg'), path.join(issue, 'photo.jpg'));
    supply(issue, { date: sample.date, keywords: `[${sample.keywords.join(', ')}]`, photo: 'photo.jpg' });
    const ours = loadArticle(issue);
    expect(ours.title).toBe(sample.title);
    expect(ours.author).toEqual(sample.author);
    expect({ ...ours.photo, file: '' }).toEqual({ ...sample.photo, file: '' });
    expect(ours.photo.creditUrl).toBe(
      'https://www.flickr.com/photos/whitehouse/54731999445/in/album-72177720328474477',
    );
    expect(ours.note).toBeUndefined();

    // Without the archive address (the QR code's URL names each issue's own slug).
    const loaded = loadProject(PROJECT_ROOT);
    const project = { ...loaded, foundation: { ...loaded.foundation, archive: null } };
    const [imported, shipped] = await Promise.all(
      [issue, SAMPLE_ISSUE].map(async (dir) => {
        const build = await buildIssue(project, dir, { editions: ['zh-Hant'], outDir: temp() });
        const pdf = build.editions[0]?.pdf;
        if (!pdf) throw new Error('no PDF');
        return readPdf(pdf);
      }),
    );
    if (!imported || !shipped) throw new Error('two builds expected');
    // Against the sample's own PDF and against the seed's text (less the furniture the template
    // composes differently: the credit's brackets and the Tel:/Fax: labels).
    expect(missingCharacters(shipped.text, imported.text)).toEqual([]);
    expect(missingCharacters(imported.text, shipped.text)).toEqual([]);
    expect(imported.text).toBe(shipped.text);
    const seedText = readFileSync(SEED, 'utf8')
      .replace(/\(圖片來源：<(.*)>\)/, '圖片來源：$1')
      .replace(/^(Tel|Fax): /gm, '')
      .replace(/[<>]/g, '');
    expect(missingCharacters(seedText, textWithoutFooters(imported))).toEqual([]);
  });
});

describe('a hard-wrapped dump with a running header, a list and a differing note', () => {
  let out: { code: number; stdout: string; stderr: string };
  let article: ReturnType<typeof readArticle>;

  beforeAll(async () => {
    const root = tempProject();
    out = await brief(root, ['import', SEMI, '--slug', 'semi']);
    article = readArticle(path.join(root, 'assets/issues/semi'));
  });

  it('reports what it recognised and what differs from the profile', () => {
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines).toContain("dropped: running header '遠景論壇' (line 23, repeats line 2)");
    expect(lines).toContain('author: 王小明, 國立政治大學外交學系教授  (line 6)');
    expect(lines).toContain('paragraph rejoined across page break at line 23');
    expect(lines).toContain('lists: 1');
    expect(out.stdout).toMatch(
      /^dropped: foundation block \(lines 45–55\); it differs .*'Tel: 886-2-23654300' is not in the profile/m,
    );
    expect(out.stdout).toMatch(/^note: 本文為作者於研討會之發言整理，不代表遠景基金會之立場。 {2}\(line 41/m);
  });

  it('keeps the caption credit, the note, the headings, the list and the link', () => {
    expect(article.front).toContain('  caption: 晶圓廠在夜間持續運轉，象徵臺灣在全球供應鏈中的關鍵地位。');
    expect(article.front).toContain('  credit: 圖片來源：路透社');
    expect(article.front).toContain('note: 本文為作者於研討會之發言整理，不代表遠景基金會之立場。');
    const all = nodes(article.tree);
    expect(all.filter((n) => n.type === 'heading').map(textOf)).toEqual([
      '供應鏈重組的驅動力',
      '臺灣的優勢與風險',
      '政策建議',
    ]);
    const lists = all.filter((n) => n.type === 'list');
    expect(lists).toHaveLength(1);
    expect(lists[0]?.children?.map(textOf)).toEqual([
      '強化與理念相近國家的供應鏈合作機制。',
      '擴大工程人才培育，並放寬國際人才來臺限制。',
      '確保能源與水資源的長期穩定供應。',
    ]);
    const paragraphs = (article.tree.children as { type: string }[]).filter((n) => n.type === 'paragraph');
    expect(paragraphs.map((p) => textOf(p))).toEqual([
      '過去十年，美中科技競爭從貿易摩擦延伸到出口管制與產業補貼，半導體成為各國政策的核心。臺灣身處供應鏈的中心，既是受益者，也承受前所未有的壓力。',
      '本文從三個面向檢視此一變化，並提出政策建議。',
      '美國《晶片與科學法》提供約 527 億美元的補貼，日本與歐盟也相繼推出類似方案。各國的共同目標是降低對單一地區的依賴，這使得臺灣企業必須在海外設廠與維持本地研發優勢之間取得平衡，而人才、水電與土地等條件都將影響企業的布局決策。',
      '臺灣的優勢在於完整的產業聚落與工程人才，風險則在於地緣政治的不確定性。詳細數據可參考 https://www.example.org/report-2025。',
      '結論而言，臺灣應以技術領先為本，兼顧分散風險，方能在供應鏈重組中維持關鍵地位。',
    ]);
    const links = all.filter((n) => n.type === 'link') as { url?: string }[];
    expect(links.map((l) => l.url)).toEqual(['https://www.example.org/report-2025']);
  });

  it('reads the same text from its Big5 form, and says it converted it', async () => {
    const root = tempProject();
    const big5 = await brief(root, ['import', SEMI_BIG5, '--slug', 'semi-big5']);
    expect(big5.code).toBe(0);
    expect(big5.stdout.split('\n')[0]).toBe('encoding: Big5 (converted to UTF-8)');
    const converted = readArticle(path.join(root, 'assets/issues/semi-big5'));
    expect(converted.body).toBe(article.body);
    expect(converted.front.replace(/semiconductor\.big5\.txt/, 'semiconductor.txt')).toBe(article.front);
  });
});

describe('a Windows export with CRLF, a BOM, full-width indents and page footers', () => {
  it('imports, builds, and keeps every paragraph and heading', async () => {
    const root = tempProject();
    const out = await brief(root, ['import', MARITIME, '--slug', 'maritime']);
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('encoding: UTF-8 with BOM');
    expect(lines).toContain('line ends: CRLF read as LF');
    expect(lines).toContain('full-width indents removed: 5 lines');
    expect(lines).toContain("dropped: page header/footer '遠景基金會　第 N 頁' ×2 (lines 20, 29)");
    expect(lines).toContain('paragraph rejoined across page break at line 21');
    const issue = path.join(root, 'assets/issues/maritime');
    const article = readArticle(issue);
    expect(article.text).not.toMatch(/[\r\uFEFF\u3000\f]/);
    expect(article.front).toContain('  caption: 美日菲三國海巡聯合演練。');
    expect(article.front).toContain('  creditUrl: https://www.example.org/photos/coast-guard-2025');
    const expected = [
      [
        'paragraph',
        '近年來，印太地區的海上安全情勢日益複雜，灰色地帶行動頻繁，各國海巡與海軍的合作因而受到重視。',
      ],
      [
        'paragraph',
        '本文檢視區域合作的新趨勢，並分析其對臺灣的意涵，尤其是資訊共享、聯合演練與能力建構三個方面的發展。',
      ],
      ['heading', '區域合作的新趨勢'],
      [
        'paragraph',
        '美國、日本、菲律賓與澳洲近年密集舉行海上聯合演練，並建立資訊共享機制。這些合作不僅強化了各國的海域覺知能力，也傳遞出維護航行自由的明確訊息。',
      ],
      ['paragraph', '此外，東南亞國家也逐步提升海巡能量，區域內的雙邊與多邊合作日益緊密。'],
      ['heading', '對臺灣的意涵'],
      ['paragraph', '臺灣應積極參與區域海上安全對話，分享海巡經驗，並在人道救援與搜救等議題上尋求合作空間。'],
    ];
    expect((article.tree.children as { type: string }[]).map((n) => [n.type, textOf(n)])).toEqual(expected);

    await makePhoto(path.join(issue, 'photo.jpg'));
    supply(issue, { date: '2025-10-01', keywords: '[海上安全]', photo: 'photo.jpg' });
    const build = await buildIssue(loadProject(PROJECT_ROOT), issue, {
      editions: ['zh-Hant'],
      outDir: temp(),
    });
    const pdf = build.editions[0]?.pdf;
    if (!pdf) throw new Error('no PDF');
    const text = textWithoutFooters(await readPdf(pdf));
    expect(missingCharacters(expected.map((e) => e[1]).join(''), text)).toEqual([]);
    expect(squash(text)).not.toContain('第1頁');
  });
});

describe('a byline with two authors', () => {
  it('becomes authors: with each affiliation', async () => {
    const root = tempProject();
    const file = path.join(temp(), 'two.txt');
    writeFileSync(
      file,
      '雙邊關係的新局\n\n民國 114 年 10 月 5 日\n\n陳大文、林美玲\n\n國防安全研究院研究員\n\n淡江大學國際事務學院副教授\n\n第一段內容，說明背景。\n\n第二段內容，提出結論。\n',
    );
    const out = await brief(root, ['import', file, '--slug', 'two']);
    expect(out.code).toBe(0);
    const { front } = readArticle(path.join(root, 'assets/issues/two'));
    // A date the text states (here in the Minguo calendar) is taken; none is ever made up.
    expect(out.stdout).toContain('date: 2025-10-05  (line 3, as the text states it)');
    expect(front).toMatch(/^date: 2025-10-05$/m);
    expect(out.stdout).toMatch(/^needs you: keywords, photo file, photo caption, photo credit, photo alt$/m);
    expect(front).toContain(
      'authors:\n  - name: 陳大文\n    affiliation: 國防安全研究院研究員\n  - name: 林美玲\n    affiliation: 淡江大學國際事務學院副教授',
    );
  });
});
