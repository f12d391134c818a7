import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * System tools some tests need (Debian packages .ci/run installs when missing). A test file asks
 * for them once; without one, its tests are skipped and ONE loud line says what to install.
 */
export function haveCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

export function requireTools(what: string, tools: Record<string, string>): boolean {
  const missing = Object.entries(tools).filter(
    ([cmd]) => !(cmd.startsWith('/') ? existsSync(cmd) : haveCommand(cmd)),
  );
  if (!missing.length) return true;
  process.stderr.write(
    `\n*** SKIPPED ${what}: ${missing.map(([cmd]) => cmd).join(', ')} not found — install with: apt-get install ${[
      ...new Set(missing.map(([, pkg]) => pkg)),
    ].join(' ')} (.ci/run does this as root) ***\n\n`,
  );
  return false;
}

/** Debian's Chromium, for the catalogue's browser tests (CHROMIUM overrides the path). */
export const CHROMIUM = process.env['CHROMIUM'] ?? '/usr/bin/chromium';
