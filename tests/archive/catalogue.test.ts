/**
 * The archive written by `brief build` of a whole project: the catalogue page and its files, the
 * Atom feed (parsed by a real XML parser) and catalogue.json, beside the PDFs.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { decodePostings, encodePostings, indexTokens, queryTokens } from '../../src/archive/index.js';
import { buildPostings } from '../../src/archive/search.js';
import type { Catalogue } from '../../src/pipeline/index.js';
import { brief, copyProject } from './support.js';

let root: string;
let out: string;
let stdout: string;

beforeAll(async () => {
  root = copyProject('catalogue-');
  out = path.join(root, 'out');
  const r = await brief(root, ['build']);
  expect(r).toEqual({ code: 0, stdout: expect.any(String), stderr: expect.any(String) });
  stdout = r.stdout;
}, 120_000);

const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

describe('brief build of the whole project', () => {
  it('writes index.html, feed.xml and catalogue.json beside the PDFs, and says so', () => {
    const files = readdirSync(out);
    for (const f of ['index.html', 'feed.xml', 'catalogue.json', 'catalogue.js', 'catalogue-data.js'])
      expect(files).toContain(f);
    expect(readdirSync(path.join(out, 'search'))).toHaveLength(64);
    expect(stdout).toMatch(/index\.html {2}2 issues \(thumbnails: 2 made, 0 kept\)/);
    expect(stdout).toMatch(/built +2\n +skipped +0\n +failed +0/);
  });

  it('gives each issue a thumbnail of its page 1 (a PNG in A4 proportions)', async () => {
    const list = JSON.parse(readFileSync(path.join(out, 'catalogue.json'), 'utf8')) as {
      issues: { thumbnail: string }[];
    };
    for (const i of list.issues) {
      const meta = await sharp(path.join(out, i.thumbnail)).metadata();
      expect(meta.format).toBe('png');
      expect(meta.width).toBe(180);
      expect((meta.height ?? 0) / (meta.width ?? 1)).toBeCloseTo(841.89 / 595.28, 1);
      // Not a blank page: the masthead band makes dark pixels.
      const stats = await sharp(path.join(out, i.thumbnail)).stats();
      expect(Math.min(...stats.channels.map((c) => c.min))).toBeLessThan(80);
    }
  });

  it('lists the issues newest first in catalogue.json, without their full text', () => {
    const list = JSON.parse(readFileSync(path.join(out, 'catalogue.json'), 'utf8')) as {
      issues: { slug: string; date: string; files: Record<string, unknown>[] }[];
    };
    expect(list.issues.map((i) => i.slug)).toEqual(['2025-indo-pacific-supply-chains', '2025-alaska-summit']);
    for (const i of list.issues) {
      expect(i.files.map((f) => f['edition'])).toEqual(['zh-Hant', 'zh-Hans']);
      for (const f of i.files) {
        expect(f['text']).toBeUndefined();
        expect(f['pages']).toBeGreaterThan(1);
        expect(f['bytes']).toBe(statSync(path.join(out, String(f['file']))).size);
      }
    }
  });

  it('writes a valid Atom feed: id, title, updated, entry links and enclosures with length and type', () => {
    const xml = readFileSync(path.join(out, 'feed.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml) as {
      feed: Record<string, unknown>;
    };
    const feed = doc.feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed['id']).toBe('https://www.pf.org.tw/briefs/');
    expect(feed['title']).toBe('遠景論壇');
    expect(feed['updated']).toBe('2025-10-20T00:00:00Z');
    const entries = asArray(feed['entry'] as Record<string, unknown>[]);
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => e['updated'])).toEqual(['2025-10-20T00:00:00Z', '2025-08-25T00:00:00Z']);
    for (const e of entries) {
      expect(String(e['id'])).toMatch(/^https:\/\/www\.pf\.org\.tw\/briefs\/2025-/);
      expect(String(e['title'])).toMatch(/\S/);
      const links = asArray(e['link'] as Record<string, string>[]);
      const alternate = links.find((l) => l['@rel'] === 'alternate');
      expect(alternate?.['@href']).toMatch(/^https:\/\/www\.pf\.org\.tw\/briefs\/2025-.*\/zh-Hant\/$/);
      const enclosures = links.filter((l) => l['@rel'] === 'enclosure');
      expect(enclosures.map((l) => l['@hreflang'])).toEqual(['zh-Hant-TW', 'zh-Hans-CN']);
      for (const l of enclosures) {
        expect(l['@type']).toBe('application/pdf');
        expect(Number(l['@length'])).toBe(statSync(path.join(out, String(l['@href']))).size);
      }
    }
  });

  it('indexes both editions: 川普 (zh-Hant), 特朗普 and 普京 (zh-Hans) all find the sample', () => {
    const data = readFileSync(path.join(out, 'catalogue-data.js'), 'utf8');
    const catalogue = JSON.parse(data.slice(data.indexOf('{'), data.lastIndexOf('}') + 1)) as {
      issues: { slug: string }[];
    };
    const shards = new Map<string, string>();
    for (const f of readdirSync(path.join(out, 'search'))) {
      const text = readFileSync(path.join(out, 'search', f), 'utf8');
      const obj = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as Record<
        string,
        string
      >;
      for (const [k, v] of Object.entries(obj)) shards.set(k, v);
    }
    const find = (q: string): string[] => {
      let hits: number[] | null = null;
      for (const t of queryTokens(q)) {
        const ids = new Set(decodePostings(shards.get(t) ?? ''));
        hits = hits === null ? [...ids] : hits.filter((i: number) => ids.has(i));
      }
      return (hits ?? []).map((i) => catalogue.issues[i]?.slug ?? '');
    };
    for (const q of ['川普', '特朗普', '普京', '阿拉斯加峰會', '阿拉斯加峰会', '李明峻'])
      expect(find(q)).toEqual(['2025-alaska-summit']);
    expect(find('半導體')).toEqual(['2025-indo-pacific-supply-chains']);
    expect(find('不存在的詞語')).toEqual([]);
  });
});

describe('search tokens', () => {
  it('the index holds exactly the tokens of each issue’s texts', () => {
    const entries = ['2025-indo-pacific-supply-chains', '2025-alaska-summit'].map(
      (slug) => JSON.parse(readFileSync(path.join(out, `${slug}.json`), 'utf8')) as Catalogue,
    );
    const postings = buildPostings(entries);
    entries.forEach((e, id) => {
      const expected = new Set<string>();
      for (const text of [
        e.slug,
        ...e.files.flatMap((f) => [f.title, f.author, ...f.keywords, ...f.keyPoints, f.text]),
      ])
        for (const t of indexTokens(text)) expected.add(t);
      const held = [...postings].filter(([, ids]) => ids.includes(id)).map(([t]) => t);
      expect(held.sort()).toEqual([...expected].sort());
    });
  });

  it('are characters and pairs for CJK, lower-cased words otherwise', () => {
    expect([...indexTokens('川普 WTO')].sort()).toEqual(['wto', '川', '川普', '普'].sort());
    expect([...indexTokens('WTO規則')].sort()).toEqual(['wto', '規', '則', '規則'].sort());
    expect(queryTokens('特朗普')).toEqual(['特朗', '朗普']);
    expect(queryTokens('普')).toEqual(['普']);
    expect(queryTokens('ＷＴＯ 規則')).toEqual(['wto', '規則']);
  });

  it('postings round-trip, runs compressed', () => {
    const ids = [0, 1, 2, 3, 7, 9, 10, 11, 500];
    expect(decodePostings(encodePostings(ids))).toEqual(ids);
    expect(encodePostings(Array.from({ length: 1000 }, (_, i) => i))).toBe('1:rs');
  });
});
