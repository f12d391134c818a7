/**
 * `brief new`: every key, commented, today's date; refuses an existing folder and unsafe slugs;
 * the build then names each key still to fill in with path:line:col. Also the CLI's dispatch to
 * `new`/`import` and their usage errors.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { localDate } from '../../src/import/index.js';
import { loadArticle } from '../../src/source/index.js';
import { briefErrorOf } from '../support/run.js';
import { brief, removeTemp, tempProject } from './support.js';
import type { Captured } from '../support/run.js';
import { captured } from '../support/run.js';

afterAll(removeTemp);

describe('brief new', () => {
  it('writes article.md with every key, commented, and today’s date', async () => {
    const root = tempProject();
    const before = localDate(new Date());
    const r = await brief(root, ['new', 'trade-talks', '--title', '臺美貿易協定的進展']);
    const after = localDate(new Date());
    expect(r.code).toBe(0);
    const file = path.join(root, 'assets/issues/trade-talks/article.md');
    expect(r.stdout).toMatch(/^wrote .*trade-talks\/article\.md$/m);
    const text = readFileSync(file, 'utf8');
    const date = /^date: (\d{4}-\d{2}-\d{2}) #/m.exec(text)?.[1];
    expect([before, after]).toContain(date);
    expect(text).toMatch(/^title: 臺美貿易協定的進展$/m);
    // Every key of the front matter appears, the optional ones commented out.
    for (const key of [
      'author:',
      '  name:',
      '  affiliation:',
      '# authors:',
      'date:',
      'keywords:',
      '# summary:',
      'photo:',
      '  file:',
      '  caption:',
      '  credit:',
      '  # creditUrl:',
      '  alt:',
      '  # decorative:',
      '  # focus:',
      '# note:',
      '# notes:',
      '# conversion:',
      '# glossary:',
      '# keep:',
    ]) {
      expect([key, text.split('\n').some((l) => l.startsWith(key))]).toEqual([key, true]);
    }
    // Each key a person must fill in says so on its own line.
    for (const key of [
      '  name:',
      '  affiliation:',
      'keywords:',
      '  file:',
      '  caption:',
      '  credit:',
      '  alt:',
    ]) {
      expect(text).toMatch(new RegExp(`^${key} # needs you: `, 'm'));
    }
  });

  it('leaves the build a path:line:col message for each key a person must fill in', async () => {
    const root = tempProject();
    expect((await brief(root, ['new', 'blank'])).code).toBe(0);
    const issue = path.join(root, 'assets/issues/blank');
    const file = path.join(issue, 'article.md');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = (prefix: string): string => {
      const n = lines.findIndex((l) => l.startsWith(prefix));
      return `${file}:${n + 1}:${prefix.length + 2}`;
    };
    const messages = briefErrorOf(() => loadArticle(issue)).message.split('\n');
    expect(messages).toEqual(
      expect.arrayContaining([
        `${at('title:')}: title is empty; fill it in`,
        `${at('  name:')}: author.name is empty; fill it in`,
        `${at('  affiliation:')}: author.affiliation is empty; fill it in`,
        `${at('keywords:')}: keywords is empty; fill it in (a list: [a, b])`,
        `${at('  file:')}: photo.file is empty; fill it in`,
        `${at('  caption:')}: photo.caption is empty; fill it in`,
        `${at('  credit:')}: photo.credit is empty; fill it in`,
        `${at('  alt:')}: photo.alt is empty; fill it in`,
        `${file}:${lines.length}: the article body has no paragraphs`,
      ]),
    );
    expect(messages.some((m) => m.includes('date'))).toBe(false);
  });

  it('refuses an existing folder, even an empty one', async () => {
    const root = tempProject();
    mkdirSync(path.join(root, 'assets/issues/taken'));
    writeFileSync(path.join(root, 'assets/issues/taken/notes.txt'), 'mine');
    const r = await brief(root, ['new', 'taken']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `${path.join(root, 'assets/issues/taken')}: this issue folder already exists; choose another slug (brief new never overwrites)\n`,
    );
    expect(readdirSync(path.join(root, 'assets/issues/taken'))).toEqual(['notes.txt']);
  });

  it.each(['../up', 'a/b', 'nul', 'Has Space'])('refuses the slug %j', async (slug) => {
    const root = tempProject();
    const r = await brief(root, ['new', slug]);
    expect(r.code).toBe(1);
    expect(readdirSync(path.join(root, 'assets/issues'))).toEqual([]);
  });
});

describe('the brief command line', () => {
  const cli = (argv: string[]): Promise<Captured> => captured((io) => runCli(argv, io));

  it('dispatches new and import, with their own options', async () => {
    const root = tempProject();
    const made = await cli(['new', 'via-cli', '--title', '標題', '--root', root]);
    expect(made.code).toBe(0);
    expect(readFileSync(path.join(root, 'assets/issues/via-cli/article.md'), 'utf8')).toContain(
      'title: 標題',
    );
    // The CLI prints import problems as it prints build problems: with their code.
    const refused = await cli(['new', 'via-cli', '--root', root]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/via-cli: this issue folder already exists; .* \[issue\/exists\]\n$/);
  });

  it('answers usage errors with 2 and the usage', async () => {
    const root = tempProject();
    for (const argv of [
      ['import'],
      ['new'],
      ['import', 'a.txt', 'b.txt'],
      ['new', 'x', '--photo', 'p.jpg'],
    ]) {
      const r = await cli([...argv, '--root', root]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('usage: brief new <slug>');
    }
    const help = await cli(['build', '--help']);
    expect(help.stdout).toContain('brief import FILE');
  });
});
