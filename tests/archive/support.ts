import { cpSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { PROJECT_ROOT, tempDir } from '../support/fixtures.js';
import type { Captured } from '../support/run.js';
import { captured } from '../support/run.js';

/** A copy of the project (assets, templates, fonts manifest) in a temp folder: its own out/ and cache. */
export function copyProject(label: string): string {
  const root = tempDir(label);
  for (const part of ['assets', 'templates', 'fonts'])
    cpSync(path.join(PROJECT_ROOT, part), path.join(root, part), { recursive: true });
  return root;
}

/** `brief <args> --root root --out root/out`, in this process; exit code and what it printed. */
export function brief(root: string, args: string[]): Promise<Captured> {
  return captured((io) => runCli([...args, '--root', root, '--out', path.join(root, 'out')], io));
}
