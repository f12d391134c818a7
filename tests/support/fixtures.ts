import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(PROJECT_ROOT, 'tests/fixtures');
export const SAMPLE_ISSUE = path.join(PROJECT_ROOT, 'assets/issues/2025-alaska-summit');

export function tempDir(prefix = 'brief-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

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
