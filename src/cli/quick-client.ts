/**
 * The first thing `brief build` runs (bin/brief.cjs, from its own small bundle dist/brief-client.cjs):
 * when a resident server is running, the build is handed to it before the rest of the tool is
 * loaded at all. Node builtins only, so a served build costs this process Node's start and one
 * socket round trip, not the ≈ 30 ms of reading and starting the 0.4 MB bundle of the whole tool
 * (`brief --help` against a bare `node -e 0`).
 *
 * Anything this does not hand over (another command, --no-server, --help, BRIEF_SERVER=off, no
 * server answering) runs as before in the full tool, which asks once more (a refused connection
 * costs well under a millisecond) and builds in its own process.
 */
import { buildThroughServer } from './client.js';
import { serverWanted } from './socket.js';

/** Flags the full command line must see itself: help text, or a build that stays in-process. */
const IN_PROCESS_FLAGS = new Set(['--no-server', '--help', '-h']);

/** The exit code of a build the server ran, or undefined: run the full tool in this process. */
export async function tryServedBuild(argv: readonly string[]): Promise<number | undefined> {
  if (argv[0] !== 'build' || argv.some((a) => IN_PROCESS_FLAGS.has(a)) || !serverWanted(false)) {
    return undefined;
  }
  return buildThroughServer([...argv], process);
}
