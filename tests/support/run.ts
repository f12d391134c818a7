import type { CliOutput } from '../../src/cli/run.js';
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

/** A command's exit code and everything it printed. */
export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command (runCli, runSourceCommand …) with an output that keeps what it prints. */
export async function captured(run: (io: CliOutput) => Promise<number>): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const code = await run({
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr };
}

/** Runs `brief …` in process against this project, capturing what it prints. */
export function cli(args: string[]): Promise<Captured> {
  return captured((io) => runCli([...args, '--root', PROJECT_ROOT], io));
}
