import { afterAll } from '@jest/globals';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(PROJECT_ROOT, 'tests/fixtures');
export const SAMPLE_ISSUE = path.join(PROJECT_ROOT, 'assets/issues/2025-alaska-summit');

/** The sample issue's original text as the foundation delivered it (see tests/fixtures/seed/README.md). */
export const SEED_TEXT = path.join(FIXTURES, 'seed/000_875db6663b2e44f4.txt');

/** Every folder `tempDir` made for the test file that imports this module (jest gives each file its own copy). */
const madeTempDirs: string[] = [];

/**
 * A new empty folder `brief-test-<label>XXXXXX` in the system temp dir, removed with everything in it
 * (including what child processes and worker threads wrote there) after the test file's last test.
 */
export function tempDir(label = ''): string {
  const dir = mkdtempSync(path.join(tmpdir(), `brief-test-${label}`));
  madeTempDirs.push(dir);
  return dir;
}

// Registered while the importing test file loads, so it runs once, after all of that file's tests.
afterAll(() => {
  for (const dir of madeTempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A small real JPEG (a two-tone picture), made fresh so no binary is committed. */
export async function makePhoto(file: string, width = 800, height = 450): Promise<void> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#5b7391"/><circle cx="${width / 3}" cy="${height / 2}" r="${height / 3}" fill="#d8c9a3"/></svg>`;
  writeFileSync(file, await sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer());
}

/**
 * Copies a fixture issue folder (tests/fixtures/<name>) into a temp folder and gives it a photo,
 * so tests can build it without committed binaries. Returns the issue folder.
 */
export async function stageIssue(
  fixture: string,
  options: { photo?: boolean; slug?: string } = {},
): Promise<string> {
  const dir = path.join(tempDir(), options.slug ?? path.basename(fixture));
  cpSync(path.isAbsolute(fixture) ? fixture : path.join(FIXTURES, fixture), dir, { recursive: true });
  if (options.photo !== false) await makePhoto(path.join(dir, 'photo.jpg'));
  return dir;
}
