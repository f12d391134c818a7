/**
 * One table describes the command line: `brief --help` prints it and the README shows exactly it;
 * every diagnostic code is explained in the README.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COMMANDS, OPTIONS, usageText } from '../../src/cli/options.js';
import { DIAGNOSTIC_CODES } from '../../src/diagnostic-codes.js';
import { PROJECT_ROOT } from '../support/fixtures.js';
import { cli } from '../support/run.js';

const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');

describe('the usage', () => {
  it('the README shows the usage the CLI prints', async () => {
    const block = /<!-- usage:[^>]*-->\n+```text\n([\s\S]*?)\n```\n+<!-- \/usage -->/.exec(readme)?.[1];
    expect(block).toBe(usageText());
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.trimEnd()).toBe(usageText());
  });

  it('names every command and option', () => {
    for (const c of COMMANDS) expect(usageText()).toContain(`brief ${c.name}`);
    for (const o of OPTIONS) expect(usageText()).toContain(`--${o.name}`);
  });

  it('the README explains every diagnostic code', () => {
    for (const code of Object.keys(DIAGNOSTIC_CODES))
      expect(readme).toMatch(new RegExp(`\\| \`${code.replace('/', '\\/')}\` +\\|`));
  });
});
