import { cpSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { PROJECT_ROOT, tempDir } from '../support/fixtures.js';

/** A copy of the project (assets, templates, fonts manifest) in a temp folder: its own out/ and cache. */
export function copyProject(label: string): string {
  const root = tempDir(label);
  for (const part of ['assets', 'templates', 'fonts'])
    cpSync(path.join(PROJECT_ROOT, part), path.join(root, part), { recursive: true });
  return root;
}

/** `brief <args> --root root --out root/out`, in this process; exit code and what it printed. */
export async function brief(
  root: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--root', root, '--out', path.join(root, 'out')], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr };
}
