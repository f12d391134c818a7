/**
 * The catalogue page in a real browser: Debian's Chromium, driven by puppeteer-core, opening
 * out/index.html from file:// and from a static server on 127.0.0.1. Searches in both scripts,
 * the script switch, filters, a stable URL for a query, a PDF link followed, keyboard use, a
 * phone-width layout; no console errors, no failed requests, nothing fetched from elsewhere.
 * Without Chromium the tests are skipped with one loud line (.ci/run installs it).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';
import { decodePostings, queryTokens, shardOf } from '../../src/archive/index.js';
import { brief, copyProject } from './support.js';
import { CHROMIUM, requireTools } from '../support/tools.js';

const HAVE_CHROMIUM = requireTools('catalogue browser tests (tests/archive/browser.test.ts)', {
  [CHROMIUM]: 'chromium',
});
const describeBrowser = HAVE_CHROMIUM ? describe : describe.skip;

/** Where the screenshots go (kept after the run, for the resolution note). */
const SCREENSHOTS = path.join(tmpdir(), 'brief-catalogue');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/atom+xml',
  '.png': 'image/png',
  '.pdf': 'application/pdf',
};

let out: string;
let server: Server | undefined;
let httpBase = '';
let browser: Browser | undefined;

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const root = copyProject('browser-');
  out = path.join(root, 'out');
  expect((await brief(root, ['build'])).code).toBe(0);
  server = createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(out, rel.endsWith('/') ? `${rel}index.html` : rel);
    if (!file.startsWith(out) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  httpBase = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

/** A page that records console errors, failed requests and every URL it asked for. */
async function open(url: string): Promise<{ page: Page; problems: string[]; requests: string[] }> {
  if (!browser) throw new Error('no browser');
  const page = await browser.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.setViewport({ width: 1024, height: 900 });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready]');
  return { page, problems, requests };
}

async function titles(page: Page): Promise<string[]> {
  return page.$$eval('#list .issue h2', (hs) => hs.map((h) => h.textContent ?? ''));
}

/** Types a query as a reader would, and waits for the list to answer it. */
async function searchFor(page: Page, query: string): Promise<string[]> {
  await page.click('#q', { count: 3 });
  await page.keyboard.press('Backspace');
  await page.waitForFunction(() => document.body.getAttribute('data-answers') === '');
  await page.type('#q', query);
  await page.waitForFunction((q) => document.body.getAttribute('data-answers') === q, {}, query);
  expect(new URL(page.url()).searchParams.get('q')).toBe(query);
  return titles(page);
}

const ALASKA = '美俄阿拉斯加峰會對東北亞安保的影響';
const ALASKA_HANS = '美俄阿拉斯加峰会对东北亚安保的影响';
const INDO = '印太供應鏈重組下的臺灣角色與政策選項';

describeBrowser.each([['file://'], ['http://127.0.0.1']])('the catalogue page from %s', (scheme) => {
  const base = (): string => (scheme === 'file://' ? pathToFileURL(`${out}/`).href : httpBase);

  it('shows both issues newest first, with thumbnails, lang on every entry, and no errors', async () => {
    const { page, problems, requests } = await open(`${base()}index.html`);
    expect(await titles(page)).toEqual([INDO, ALASKA]);
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('#list img')).every(
        (i) => (i as HTMLImageElement).naturalWidth > 0,
      ),
    );
    expect(await page.$$eval('#list .issue', (es) => es.map((e) => e.getAttribute('lang')))).toEqual([
      'zh-Hant-TW',
      'zh-Hant-TW',
    ]);
    expect(await page.$eval('html', (h) => h.lang)).toBe('zh-Hant-TW');
    await page.screenshot({
      path: path.join(SCREENSHOTS, `${scheme.startsWith('file') ? 'file' : 'http'}.png`),
      fullPage: true,
    });
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(base()))).toEqual([]);
    await page.close();
  }, 60_000);

  it('finds the sample by a search typed in either script (特朗普, 川普, 普京)', async () => {
    const { page, problems } = await open(`${base()}index.html`);
    expect(await searchFor(page, '特朗普')).toEqual([ALASKA]);
    expect(await searchFor(page, '川普')).toEqual([ALASKA]);
    expect(await searchFor(page, '普京')).toEqual([ALASKA]);
    expect(await searchFor(page, '半導體')).toEqual([INDO]);
    expect(await searchFor(page, '没有这样的词')).toEqual([]);
    expect(await page.$eval('#count', (c) => c.textContent)).toBe('沒有符合的文章');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('switches the whole page to 简体, filters by year and keyword, and keeps it all in the URL', async () => {
    const { page, problems } = await open(`${base()}index.html`);
    await page.click('#script-hans');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans-CN');
    expect(await titles(page)).toContain(ALASKA_HANS);
    expect(await page.$eval('#heading', (h) => h.textContent)).toBe('远景论坛 典藏');
    expect(
      await page.$$eval('#list .issue', (es) => es.every((e) => e.getAttribute('lang') === 'zh-Hans-CN')),
    ).toBe(true);
    await page.select('#year', '2025');
    await page.select('#kw', '半導體');
    await page.waitForFunction(() => document.querySelectorAll('#list .issue').length === 1);
    const url = page.url();
    expect(new URL(url).searchParams.get('year')).toBe('2025');
    expect(new URL(url).searchParams.get('script')).toBe('hans');
    // The same URL opened again gives the same view.
    const again = await open(url);
    expect(await titles(again.page)).toEqual(['印太供应链重组下的台湾角色与政策选项']);
    // A query in the URL.
    const query = await open(`${base()}index.html?q=${encodeURIComponent('普京')}&year=2025`);
    expect(await titles(query.page)).toEqual([ALASKA]);
    expect(await query.page.$eval('#q', (i) => (i as HTMLInputElement).value)).toBe('普京');
    expect([...problems, ...again.problems, ...query.problems]).toEqual([]);
    await Promise.all([page.close(), again.page.close(), query.page.close()]);
  }, 60_000);

  it('links to PDFs that open', async () => {
    const { page, problems } = await open(`${base()}index.html`);
    const hrefs = await page.$$eval('#list a[type="application/pdf"]', (as) =>
      as.map((a) => (a as HTMLAnchorElement).href),
    );
    expect(hrefs).toHaveLength(4);
    // The catalogue page's own record; what Chromium's PDF viewer asks for (its favicon) is not the page's.
    expect([...problems]).toEqual([]);
    if (scheme === 'file://') {
      for (const h of hrefs) expect(statSync(fileURLToPath(h)).size).toBeGreaterThan(10_000);
    } else {
      const [first] = hrefs;
      const response = await page.goto(first ?? '', { waitUntil: 'load' }).catch(() => null);
      // Chromium shows the PDF (a response) or hands it to its downloader (no response): either way it arrived.
      if (response) {
        expect(response.status()).toBe(200);
        expect(response.headers()['content-type']).toBe('application/pdf');
      }
    }
    await page.close();
  }, 60_000);

  it('tokenizes queries exactly as the index was built (src/archive/tokens.ts)', async () => {
    const { page, problems } = await open(`${base()}index.html`);
    const queries = ['特朗普', '川普', '普', 'ＷＴＯ規則 2025', 'Trump 峰會', '𠀋𡈽 abc', '  ', '臺灣—美國'];
    const inPage = await page.evaluate((qs) => {
      const t = (
        window as unknown as { briefTokens: { queryTokens(q: string): string[]; shardOf(t: string): number } }
      ).briefTokens;
      return qs.map((q) => t.queryTokens(q).map((tok) => [tok, t.shardOf(tok)]));
    }, queries);
    expect(inPage).toEqual(queries.map((q) => queryTokens(q).map((tok) => [tok, shardOf(tok)])));
    const decoded = await page.evaluate(() =>
      (window as unknown as { briefTokens: { decode(s: string): number[] } }).briefTokens.decode('1:3,5,a:2'),
    );
    expect(decoded).toEqual(decodePostings('1:3,5,a:2'));
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('is usable with the keyboard and readable 360 px wide', async () => {
    const { page, problems } = await open(`${base()}index.html`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.type('川普');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('#list .issue').length === 1);
    await page.setViewport({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({
      path: path.join(SCREENSHOTS, `${scheme.startsWith('file') ? 'file' : 'http'}-360.png`),
    });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
