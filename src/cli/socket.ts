/**
 * Where the resident build server listens, and the messages it exchanges with `brief build`.
 *
 * A Unix socket (never TCP) in a folder only its user may enter (0700): $BRIEF_SOCKET_DIR, else
 * $XDG_RUNTIME_DIR/prospect-brief, else the cache folder's run/ ($XDG_CACHE_HOME/prospect-brief or
 * ~/.cache/prospect-brief). One socket per installed copy of the tool (named by a hash of its
 * folder), so two checkouts never serve each other.
 */
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package folder (this file is src/cli/x.ts, dist/cli/x.js, or bundled as if it were). */
export const TOOL_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The user's cache folder for the tool (code cache; the server's folder when there is no runtime dir). */
export function cacheRoot(): string {
  const env = process.env;
  if (env['BRIEF_CACHE_DIR']) return env['BRIEF_CACHE_DIR'];
  return path.join(env['XDG_CACHE_HOME'] || path.join(homedir(), '.cache'), 'prospect-brief');
}

export function socketDir(): string {
  const env = process.env;
  if (env['BRIEF_SOCKET_DIR']) return env['BRIEF_SOCKET_DIR'];
  if (env['XDG_RUNTIME_DIR']) return path.join(env['XDG_RUNTIME_DIR'], 'prospect-brief');
  return path.join(cacheRoot(), 'run');
}

export function socketPath(): string {
  const tool = createHash('sha256').update(TOOL_ROOT).digest('hex').slice(0, 12);
  return path.join(socketDir(), `brief-${tool}.sock`);
}

/**
 * Makes the socket folder (0700) and checks it is ours and closed to others; returns false when it
 * is not (then there is no server: builds run in the process, as with --no-server).
 */
export function ensurePrivateDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = lstatSync(dir);
    if (!st.isDirectory()) return false;
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return false;
    if ((st.mode & 0o077) !== 0) chmodSync(dir, 0o700);
    return (lstatSync(dir).mode & 0o077) === 0;
  } catch {
    return false;
  }
}

/** Whether this build may use (and start) the server: not with --no-server or BRIEF_SERVER=off. */
export function serverWanted(noServerFlag: boolean): boolean {
  const env = (process.env['BRIEF_SERVER'] ?? '').toLowerCase();
  return !noServerFlag && env !== 'off' && env !== '0' && env !== 'no';
}

/** Client → server: one JSON line. */
export type Request = { kind: 'cli'; argv: string[]; cwd: string } | { kind: 'status' } | { kind: 'stop' };

/** Server → client: JSON lines; a `cli` request ends with `exit` or `restart`. */
export type Reply =
  | { kind: 'out'; text: string }
  | { kind: 'err'; text: string }
  | { kind: 'exit'; code: number }
  | { kind: 'restart'; reason: string }
  | { kind: 'status'; status: ServerStatus }
  | { kind: 'stopping' };

export interface ServerStatus {
  pid: number;
  socket: string;
  startedAt: string;
  builds: number;
  idleMinutesLeft: number;
  roots: string[];
  tool: string;
}

/** Splits a stream of bytes into JSON lines. */
export function lineReader(onMessage: (message: unknown) => void): (chunk: Buffer) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString('utf8');
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (line.trim()) onMessage(JSON.parse(line));
    }
  };
}
