import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * The module map as a rule (see README "Pipeline"): each third-party engine is imported in its one
 * folder of src/, and a folder reaches another only through that folder's index.ts. Tests and
 * scripts are exempt (they test the parts).
 */
const ENGINES = {
  pdf: ['pdfmake', 'pdfmake/*', 'pdfkit', 'pdfkit/*'],
  fonts: ['fontkit'],
  localize: ['opencc-js', 'opencc-js/*'],
  photo: ['sharp'],
  template: ['handlebars'],
  source: ['yaml', 'mdast-util-*', 'micromark*'],
  import: ['mammoth', 'parse5', 'pinyin-pro'],
  // The catalogue's thumbnails (src/archive/thumbnail.ts renders page 1 of a PDF).
  archive: ['pdfjs-dist', 'pdfjs-dist/*', '@napi-rs/canvas'],
};
/** Test tools: never imported by src/ (tests and scripts only). */
const TEST_ONLY = ['puppeteer-core', 'fast-xml-parser', '@jest/*', 'jest'];
const allEngines = [...Object.values(ENGINES).flat(), ...TEST_ONLY];
const THROUGH_INDEX = {
  group: ['../*/*', '!../*/index.js', './*/*', '!./*/index.js'],
  message: 'reach another folder of src/ only through its index.ts (the module map)',
};
const NO_CLI = { group: ['../cli/*', './cli/*'], message: 'no stage imports the CLI' };

function restrictFor(folder) {
  const own = ENGINES[folder] ?? [];
  const foreign = allEngines.filter((p) => !own.includes(p));
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(folder === 'cli' ? [THROUGH_INDEX] : [THROUGH_INDEX, NO_CLI]),
            {
              group: foreign,
              message: `this engine lives in another folder of src/ (${folder} may not import it)`,
            },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  // Dot-folders hold caches and scratch output (.cache/ is the photo cache).
  { ignores: ['dist/', 'out/', 'node_modules/', 'coverage/', '.*/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [THROUGH_INDEX, NO_CLI, { group: allEngines, message: 'engines live in their folders' }],
        },
      ],
    },
  },
  ...[
    'cli',
    'pipeline',
    'source',
    'localize',
    'photo',
    'template',
    'typeset',
    'pdf',
    'fonts',
    'import',
    'archive',
  ].map(restrictFor),
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  // The launcher (bin/brief.cjs) is CommonJS: it runs the bundle with V8's code cache.
  {
    files: ['**/*.cjs'],
    languageOptions: { globals: globals.node, sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
