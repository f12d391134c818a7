/**
 * `brief build` as a client of the resident server, and `brief server status|stop|start|run`.
 *
 * A build first asks the server (src/cli/socket.ts for where it listens). If nothing answers, or
 * the server says it must restart (the tool, fonts, templates or profile changed), the build runs
 * in this process as before and then starts a server in the background for the next one.
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { CliOutput } from './run.js';
import type { Reply, Request, ServerStatus } from './socket.js';
import { ensurePrivateDir, lineReader, socketDir, socketPath } from './socket.js';

/**
 * Sends one request; `onReply` hears every reply. Resolves with the last reply, or undefined when
 * no server answers (no socket, a stale socket, a folder that is not private).
 */
export function ask(
  request: Request,
  onReply: (reply: Reply) => void = () => undefined,
): Promise<Reply | undefined> {
  return new Promise((resolve) => {
    if (!ensurePrivateDir(socketDir())) {
      resolve(undefined);
      return;
    }
    let last: Reply | undefined;
    let settled = false;
    const done = (value: Reply | undefined): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(value);
    };
    const socket = connect(socketPath());
    socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on(
      'data',
      lineReader((message) => {
        last = message as Reply;
        onReply(last);
        if (
          last.kind === 'exit' ||
          last.kind === 'restart' ||
          last.kind === 'status' ||
          last.kind === 'stopping'
        )
          done(last);
      }),
    );
    // ENOENT / ECONNREFUSED: no server. A server that dies mid-build: build here instead.
    socket.on('error', () => done(undefined));
    socket.on('close', () => done(last?.kind === 'exit' ? last : undefined));
  });
}

/**
 * Runs `brief build …` in the server. Returns its exit code, or undefined when it must run here
 * (no server, or one that is restarting). Output is printed as the server sends it.
 */
export async function buildThroughServer(argv: string[], io: CliOutput): Promise<number | undefined> {
  const buffered: Reply[] = [];
  const last = await ask({ kind: 'cli', argv, cwd: process.cwd() }, (r) => {
    // Held back until the end: a server that restarts mid-way must not leave half a report.
    if (r.kind === 'out' || r.kind === 'err') buffered.push(r);
  });
  if (last?.kind !== 'exit') return undefined;
  for (const r of buffered) {
    if (r.kind === 'out') io.stdout.write(r.text);
    else if (r.kind === 'err') io.stderr.write(r.text);
  }
  return last.code;
}

/** The command that runs this tool (the launcher beside dist/, in either build of the CLI). */
function toolEntry(): string {
  return fileURLToPath(new URL('../../bin/brief.cjs', import.meta.url));
}

/** Starts a server in the background, detached from this process (which exits at once). */
export function startServer(root: string, warmIssues: readonly string[] = []): void {
  if (!ensurePrivateDir(socketDir())) return;
  if ((process.env['BRIEF_SERVER'] ?? '') === 'no-spawn') return;
  try {
    const child = spawn(process.execPath, [toolEntry(), 'server', 'run', '--root', root, ...warmIssues], {
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, BRIEF_SERVER: 'on' },
    });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No server: the next build runs in its own process, as this one did.
  }
}

/** `brief server status|stop|start|run`. */
export async function runServerCommand(
  args: string[],
  root: string,
  io: CliOutput,
  runCli: (argv: string[], io: CliOutput) => Promise<number>,
): Promise<number> {
  const [action = 'status', ...rest] = args;
  if (action === 'status') {
    const reply = await ask({ kind: 'status' });
    if (reply?.kind !== 'status') {
      io.stdout.write(`no server running (socket: ${socketPath()})\n`);
      return 1;
    }
    io.stdout.write(formatStatus(reply.status));
    return 0;
  }
  if (action === 'stop') {
    const reply = await ask({ kind: 'stop' });
    io.stdout.write(reply?.kind === 'stopping' ? 'server stopped\n' : 'no server running\n');
    return 0;
  }
  if (action === 'start') {
    const running = await ask({ kind: 'status' });
    if (running?.kind === 'status') {
      io.stdout.write(`already running: pid ${running.status.pid}\n`);
      return 0;
    }
    startServer(root, rest);
    io.stdout.write(`server starting (socket: ${socketPath()})\n`);
    return 0;
  }
  if (action === 'run') {
    // The server itself, in the foreground (what `start` and `brief build` launch, detached).
    const { serve } = await import('./serve.js');
    const server = await serve({ root, warm: rest, runCli });
    if (!server) {
      io.stderr.write(`brief: another server already answers on ${socketPath()}\n`);
      return 0;
    }
    await server.closed;
    process.exit(0);
  }
  io.stderr.write(`brief: server takes status, stop, start or run (got '${action}')\n`);
  return 2;
}

function formatStatus(s: ServerStatus): string {
  return [
    `pid ${s.pid}, up since ${s.startedAt}, ${s.builds} build${s.builds === 1 ? '' : 's'} served`,
    `socket ${s.socket}`,
    `tool ${s.tool}`,
    `projects ${s.roots.length ? s.roots.join(', ') : '(none loaded yet)'}`,
    `exits after ${s.idleMinutesLeft} more idle minute${s.idleMinutesLeft === 1 ? '' : 's'}`,
    '',
  ].join('\n');
}
