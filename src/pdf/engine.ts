import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The fence around pdfmake/pdfkit/fontkit internals. Everything this project does to their
 * unexported parts (listed in docs/engine-patches.md) was verified against exactly these versions;
 * with any other version installed, the patches that have a stock path (the shared-font cache)
 * are switched off with one warning, and output stays correct, only slower. The touches without
 * a stock path (the XMP packet, the outline's /Limits) check the members they use and fail with
 * a message naming this file.
 */
export const ENGINE_VERSIONS_TESTED = { pdfmake: '0.3.11', pdfkit: '0.19.1', fontkit: '2.0.4' } as const;

export type EngineVersions = Record<keyof typeof ENGINE_VERSIONS_TESTED, string>;

const requireHere = createRequire(import.meta.url);

/** The versions actually loaded: pdfkit and fontkit as pdfmake resolves them. */
export function installedEngineVersions(): EngineVersions {
  // The package.json above the module's entry file (some packages do not export package.json).
  const version = (name: string, from: NodeJS.Require): string => {
    try {
      let dir = path.dirname(from.resolve(name));
      while (path.basename(dir) !== name && path.dirname(dir) !== dir) dir = path.dirname(dir);
      return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string })
        .version;
    } catch {
      return 'unknown';
    }
  };
  const inPdfmake = createRequire(requireHere.resolve('pdfmake'));
  const inPdfkit = createRequire(inPdfmake.resolve('pdfkit'));
  return {
    pdfmake: version('pdfmake', requireHere),
    pdfkit: version('pdfkit', inPdfmake),
    fontkit: version('fontkit', inPdfkit),
  };
}

/** The engines that differ from the tested versions, as `name installed (tested x)`. */
export function engineMismatches(installed: EngineVersions): string[] {
  return (Object.keys(ENGINE_VERSIONS_TESTED) as (keyof EngineVersions)[])
    .filter((k) => installed[k] !== ENGINE_VERSIONS_TESTED[k])
    .map((k) => `${k} ${installed[k]} (tested ${ENGINE_VERSIONS_TESTED[k]})`);
}

let decided: boolean | undefined;

/**
 * Whether the patches may be installed in this process: true with the tested versions; otherwise
 * false, after one warning on stderr.
 */
export function enginePatchesAllowed(warn: (text: string) => void = (t) => process.stderr.write(t)): boolean {
  if (decided !== undefined) return decided;
  const mismatches = engineMismatches(installedEngineVersions());
  decided = mismatches.length === 0;
  if (!decided) {
    warn(
      `brief: warning: ${mismatches.join(', ')}: the font cache is off (builds are slower, output is the same); ` +
        'see docs/engine-patches.md\n',
    );
  }
  return decided;
}
