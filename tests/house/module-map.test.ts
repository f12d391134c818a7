/**
 * The module map is a lint rule, not a claim: imports that break it fail `npm run lint`.
 */
import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';
import path from 'node:path';
import { PROJECT_ROOT } from '../support/fixtures.js';

const eslint = new ESLint({ cwd: PROJECT_ROOT });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(PROJECT_ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the module map', () => {
  it('refuses a deep import into another folder of src/', async () => {
    expect(
      await problems('src/source/x.ts', "import { readXmp } from '../pdf/metadata.js';\nvoid readXmp;\n"),
    ).toEqual([expect.stringMatching(/only through its index\.ts/)]);
  });

  it('refuses an engine outside its folder, and allows it inside', async () => {
    const code = "import sharp from 'sharp';\nvoid sharp;\n";
    expect(await problems('src/pdf/x.ts', code)).toEqual([expect.stringMatching(/lives in another folder/)]);
    expect(await problems('src/photo/x.ts', code)).toEqual([]);
    expect(await problems('src/template/x.ts', "import p from 'pdfmake';\nvoid p;\n")).toHaveLength(1);
    expect(await problems('src/localize/x.ts', "import h from 'handlebars';\nvoid h;\n")).toHaveLength(1);
  });

  it('refuses a stage importing the CLI, and allows index imports', async () => {
    expect(
      await problems('src/pipeline/x.ts', "import { runCli } from '../cli/index.js';\nvoid runCli;\n"),
    ).toEqual([expect.stringMatching(/no stage imports the CLI/)]);
    expect(
      await problems('src/pipeline/x.ts', "import { renderPdf } from '../pdf/index.js';\nvoid renderPdf;\n"),
    ).toEqual([]);
  });

  it('the source tree as committed passes', async () => {
    const results = await eslint.lintFiles(['src/**/*.ts']);
    const broken = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}: ${m.message}`));
    expect(broken).toEqual([]);
  });
});
