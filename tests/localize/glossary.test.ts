import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadGlossary, mergeGlossaries, parseGlossary } from '../../src/localize/index.js';
import { entry } from './helpers.js';
import { briefErrorOf } from '../support/run.js';

const FOUNDATION_GLOSSARY = fileURLToPath(new URL('../../assets/glossary.zh-Hans.tsv', import.meta.url));

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'glossary-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('the foundation glossary file', () => {
  test('has exactly the nine entries', () => {
    const entries = loadGlossary(FOUNDATION_GLOSSARY).map((e) => [e.source, e.target]);
    expect(entries).toEqual([
      ['川普', '特朗普'],
      ['普丁', '普京'],
      ['普普會面', '特普会面'],
      ['北韓', '朝鲜'],
      ['雅爾達', '雅尔塔'],
      ['透過', '通过'],
      ['作法', '做法'],
      ['執委會', '委员会'],
      ['假處分', '临时措施'],
    ]);
  });

  test('records file and line of each entry', () => {
    const [first] = loadGlossary(FOUNDATION_GLOSSARY);
    expect(first?.origin.file).toBe(FOUNDATION_GLOSSARY);
    expect(first?.origin.line).toBe(3);
  });
});

describe('loadGlossary', () => {
  test('accepts comments, blank lines, CRLF, a BOM and a repeated identical entry', () => {
    const file = write(
      'ok.tsv',
      '\uFEFF# comment\r\n\r\n川普\t特朗普\r\n  # indented comment\n川普\t特朗普\n普丁\t普京\n',
    );
    expect(loadGlossary(file)).toEqual([entry('川普', '特朗普', file, 3), entry('普丁', '普京', file, 6)]);
  });

  test('a line without a tab is malformed, with file:line', () => {
    const file = write('malformed.tsv', '# header\n川普 特朗普\n');
    const e = briefErrorOf(() => loadGlossary(file));
    expect(e.diagnostics).toHaveLength(1);
    expect(e.diagnostics[0]).toMatchObject({ file, line: 2, severity: 'error' });
    expect(e.message).toBe(`${file}:2:1: malformed glossary line: expected "source<TAB>target"`);
  });

  test('a third column is malformed', () => {
    const e = briefErrorOf(() => loadGlossary(write('three.tsv', '川普\t特朗普\t特朗普\n')));
    expect(e.message).toMatch(/three\.tsv:1:\d+: malformed glossary line: more than two columns/);
  });

  test('an empty target is an error at its line', () => {
    const file = write('empty.tsv', '川普\t特朗普\n普丁\t \n');
    const e = briefErrorOf(() => loadGlossary(file));
    expect(e.message).toBe(`${file}:2:4: empty target for "普丁"`);
  });

  test('an empty source is an error', () => {
    const e = briefErrorOf(() => loadGlossary(write('nosource.tsv', '\t普京\n')));
    expect(e.message).toMatch(/nosource\.tsv:1:1: empty source term/);
  });

  test('a duplicate source with two targets is an error naming both lines', () => {
    const file = write('dup.tsv', '川普\t特朗普\n# x\n川普\t川普\n');
    const e = briefErrorOf(() => loadGlossary(file));
    expect(e.message).toBe(`${file}:3:1: duplicate source term "川普": "川普" here, "特朗普" at line 1`);
  });

  test('all problems are reported together', () => {
    const e = briefErrorOf(() => loadGlossary(write('many.tsv', 'a b\n川普\t\n普丁\t普京\n普丁\t普丁\n')));
    expect(e.diagnostics.map((d) => d.line)).toEqual([1, 2, 4]);
  });

  test('a missing file is a BriefError naming it', () => {
    const missing = join(dir, 'missing.tsv');
    expect(briefErrorOf(() => loadGlossary(missing)).message).toBe(
      `${missing}: cannot read the glossary: no such file (check the name and the folder)`,
    );
  });

  test('parseGlossary works on text', () => {
    expect(parseGlossary('北韓\t朝鲜\n', 'x.tsv')).toEqual([entry('北韓', '朝鲜', 'x.tsv', 1)]);
  });
});

describe('mergeGlossaries', () => {
  test('issue entries add to and override the foundation entries', () => {
    const merged = mergeGlossaries(
      [entry('作法', '做法', 'f.tsv', 1), entry('透過', '通过', 'f.tsv', 2)],
      [entry('作法', '作法', 'article.md', 5), entry('陸委會', '陆委会', 'article.md', 6)],
    );
    expect(merged.map((e) => [e.source, e.target, e.origin.file])).toEqual([
      ['作法', '作法', 'article.md'],
      ['透過', '通过', 'f.tsv'],
      ['陸委會', '陆委会', 'article.md'],
    ]);
  });
});
