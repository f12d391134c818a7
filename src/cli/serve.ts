/**
 * The resident build server: one process per user (and copy of the tool) that keeps the loaded
 * project, the parsed fonts and JIT-compiled code between builds, so `brief build` answers in a
 * fraction of a cold start. It runs the very same command line (runCli) on each request, in the
 * client's folder, and sends back what it prints and its exit code: the output is byte-identical
 * to a build in the client's own process.
 *
 * - Requests are served one at a time (so a second build of an issue waits for the first).
 * - It exits after IDLE_MINUTES without a request, on `brief server stop`, and when the tool,
 *   fonts, templates or profile it loaded have changed (the client then builds in its own process
 *   and starts a fresh server).
 * - It listens only on a Unix socket in a folder of its user's (0700, src/cli/socket.ts).
 */
import { mkdtempSync, readdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import type { Server, Socket } from 'node:net';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Project } from '../index.js';
import type { CliContext, CliOutput } from './run.js';
import type { Reply, Request } from './socket.js';
import { ensurePrivateDir, lineReader, socketDir, socketPath, TOOL_ROOT } from './socket.js';

export const IDLE_MINUTES = 15;

export interface ServeOptions {
  /** A project to load at once, and issues of it to build once (into a scratch folder) to warm up. */
  root?: string;
  warm?: readonly string[];
  runCli: (argv: string[], io: CliOutput, context?: CliContext) => Promise<number>;
  /** Minutes without a request before the server exits (default IDLE_MINUTES). */
  idleMinutes?: number;
}

export interface RunningServer {
  socket: string;
  /** Settles when the server has stopped (idle, stop request, restart, close()). */
  closed: Promise<void>;
  close(): Promise<void>;
}

/** Builds of the warm-up issues a new server makes before its first request finds it. */
const WARM_ROUNDS = 6;

/** Modification stamps of the files a loaded project (or the tool) was made from. */
function stamp(files: readonly string[]): string {
  return files
    .map((f) => {
      try {
        const st = statSync(f);
        return `${f}:${st.size}:${st.mtimeMs}:${st.ino}`;
      } catch {
        return `${f}:missing`;
      }
    })
    .join('\n');
}

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .sort()
      .map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

/** The tool: the bundle, the library build, the shared word lists. */
function toolStamp(): string {
  return stamp([
    path.join(TOOL_ROOT, 'package.json'),
    path.join(TOOL_ROOT, 'dist/brief.cjs'),
    path.join(TOOL_ROOT, 'dist/index.js'),
    ...filesUnder(path.join(TOOL_ROOT, 'assets')).filter((f) => f.endsWith('.tsv')),
  ]);
}

/** A project's own files: its profile, glossary, templates and fonts manifest. */
export function projectStamp(root: string): string {
  return stamp([
    path.join(root, 'assets/foundation.yaml'),
    path.join(root, 'assets/glossary.zh-Hans.tsv'),
    path.join(root, 'fonts/fonts.json'),
    ...filesUnder(path.join(root, 'templates')),
  ]);
}

/** Every font file a loaded project names. */
function fontStamp(project: Project): string {
  const files = Object.values(project.fonts).flatMap((e) =>
    Object.values(e.roles).flatMap((chain) => chain.map((f) => f.file)),
  );
  return stamp([...new Set(files)].sort());
}

/** Starts the server; resolves to undefined when another one already answers on the socket. */
export async function serve(options: ServeOptions): Promise<RunningServer | undefined> {
  const dir = socketDir();
  if (!ensurePrivateDir(dir)) throw new Error(`${dir} is not a private folder of this user`);
  const file = socketPath();
  if (await answers(file)) return undefined;
  try {
    unlinkSync(file); // a socket left by a server that died
  } catch {
    // none
  }

  const tool = toolStamp();
  const startedAt = new Date();
  const projects = new Map<string, { project: Project; stamp: string }>();
  let builds = 0;
  let queue: Promise<void> = Promise.resolve();
  let idleTimer: NodeJS.Timeout | undefined;
  let lastRequest = Date.now();
  const idleMs = (options.idleMinutes ?? IDLE_MINUTES) * 60_000;
  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  let closing = false;

  // A project's stamp is taken before it is read, so a change while it loads is caught next time.
  const lib = await import('../index.js');
  const loadProject = (root: string): Project => {
    const known = projects.get(root);
    if (known) return known.project;
    const before = projectStamp(root);
    const project = lib.loadProject(root);
    projects.set(root, { project, stamp: `${before}\n${fontStamp(project)}` });
    return project;
  };
  const changed = (root: string): string | undefined => {
    if (toolStamp() !== tool) return 'the tool was rebuilt';
    const known = projects.get(root);
    if (!known) return undefined;
    const now = `${projectStamp(root)}\n${fontStamp(known.project)}`;
    return now === known.stamp ? undefined : 'the fonts, templates or profile changed';
  };

  const server: Server = createServer((socket) => handle(socket));
  const close = async (): Promise<void> => {
    if (closing) return closed;
    closing = true;
    if (idleTimer) clearTimeout(idleTimer);
    await new Promise<void>((r) => server.close(() => r()));
    resolveClosed();
    return closed;
  };
  const armIdle = (): void => {
    if (idleTimer) clearTimeout(idleTimer);
    lastRequest = Date.now();
    idleTimer = setTimeout(() => void close(), idleMs);
  };

  function handle(socket: Socket): void {
    socket.on('error', () => undefined);
    socket.on(
      'data',
      lineReader((message) => {
        const request = message as Request;
        const send = (reply: Reply): void => {
          if (!socket.destroyed) socket.write(`${JSON.stringify(reply)}\n`);
        };
        if (request.kind === 'status') {
          send({
            kind: 'status',
            status: {
              pid: process.pid,
              socket: file,
              startedAt: startedAt.toISOString(),
              builds,
              idleMinutesLeft: Math.max(0, Math.ceil((lastRequest + idleMs - Date.now()) / 60_000)),
              roots: [...projects.keys()],
              tool: TOOL_ROOT,
            },
          });
          socket.end();
          return;
        }
        if (request.kind === 'stop') {
          send({ kind: 'stopping' });
          socket.end();
          void close();
          return;
        }
        armIdle();
        queue = queue.then(() => runRequest(request.argv, request.cwd, send)).finally(() => socket.end());
      }),
    );
  }

  async function runRequest(argv: string[], cwd: string, send: (r: Reply) => void): Promise<void> {
    if (closing) {
      send({ kind: 'restart', reason: 'the server is stopping' });
      return;
    }
    const root = path.resolve(cwd, rootOf(argv));
    const reason = changed(root);
    if (reason) {
      // Stop listening first, so the client's fresh server can take the socket.
      send({ kind: 'restart', reason });
      await close();
      return;
    }
    const here = process.cwd();
    try {
      process.chdir(cwd);
      const code = await options.runCli(
        argv,
        {
          stdout: { write: (text: string) => send({ kind: 'out', text }) },
          stderr: { write: (text: string) => send({ kind: 'err', text }) },
        },
        { served: true, loadProject },
      );
      builds += 1;
      send({ kind: 'exit', code });
    } catch (e) {
      send({
        kind: 'err',
        text: `brief: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      });
      send({ kind: 'exit', code: 70 });
    } finally {
      process.chdir(here);
      armIdle();
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(file, () => resolve());
  });
  await chmod(file, 0o600);
  armIdle();

  if (options.root !== undefined) {
    // Warm-up: load the project and build the given issues once into a scratch folder, so the
    // first build a client asks for finds the code compiled and the fonts' tables decoded.
    const root = path.resolve(options.root);
    try {
      loadProject(root);
      if (options.warm?.length) {
        const scratch = mkdtempSync(path.join(tmpdir(), 'brief-server-warm-'));
        try {
          const quiet = { write: () => true };
          // A few rounds, not one: V8 optimises the layout code only after it has run hot, and
          // a build in a JIT-cold process takes about twice as long (measured: ≈ 110 ms on the
          // second build of the sample, ≈ 55 ms from the sixth on).
          for (let round = 0; round < WARM_ROUNDS; round++)
            await options.runCli(
              ['build', ...options.warm, '--root', root, '--out', scratch, '--force'],
              { stdout: quiet, stderr: quiet },
              { served: true, loadProject },
            );
        } finally {
          rmSync(scratch, { recursive: true, force: true });
        }
      }
    } catch {
      // A project that does not load: the first request reports it.
    }
  }
  return { socket: file, closed, close };
}

/** The --root of a command line (default: the current folder). */
function rootOf(argv: readonly string[]): string {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--root') return argv[i + 1] ?? '.';
    if (a.startsWith('--root=')) return a.slice('--root='.length);
  }
  return '.';
}

/** Whether a server answers on the socket already. */
function answers(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(file);
    s.on('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}
