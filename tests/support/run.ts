import { runCli } from '../../src/cli/run.js';
import { BriefError } from '../../src/errors.js';
import { PROJECT_ROOT } from './fixtures.js';

/** The BriefError that `fn` throws; any other outcome fails the test. */
export function briefErrorOf(fn: () => unknown): BriefError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BriefError) return e;
    throw e;
  }
  throw new Error('expected a BriefError');
}

/** Runs `brief …` in process against this project, capturing what it prints. */
export async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--root', PROJECT_ROOT], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr };
}
