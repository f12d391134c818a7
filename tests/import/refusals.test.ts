/**
 * What `brief import` refuses, each with `path:line:col` and exit 1, writing nothing: a missing,
 * empty, binary or unsupported file, a PNG renamed .docx, zip bombs renamed .docx (limits in
 * src/import/zip.ts, checked before mammoth runs), an existing issue without --force, unsafe slugs.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { ZIP_LIMITS } from '../../src/import/index.js';
import { FIXTURES } from '../support/fixtures.js';
import { brief, png, removeTemp, temp, tempProject } from './support.js';

const SEED = path.join(FIXTURES, 'import/seed-2025-alaska-summit.txt');

afterAll(removeTemp);

/** A zip file written by hand, so an entry can declare whatever size a bomb would. */
function zip(entries: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const size = e.declaredSize ?? 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    central.push(dir, name);
    offset += 30 + name.length + e.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

async function refused(
  file: string,
  extra: string[] = [],
  root = tempProject(),
): Promise<{ stderr: string; root: string }> {
  const r = await brief(root, ['import', file, '--slug', 'refused', ...extra]);
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  expect(existsSync(path.join(root, 'assets/issues/refused'))).toBe(false);
  return { stderr: r.stderr, root };
}

function write(name: string, bytes: Buffer | string): string {
  const file = path.join(temp(), name);
  writeFileSync(file, bytes);
  return file;
}

describe('unreadable input', () => {
  it('a missing file', async () => {
    const file = path.join(temp(), 'nope.txt');
    expect((await refused(file)).stderr).toBe(
      `${file}:1:1: cannot read the file: no such file (check the name and the folder)\n`,
    );
  });

  it('an empty file, and one with only blank lines', async () => {
    const empty = write('empty.txt', '');
    expect((await refused(empty)).stderr).toBe(`${empty}:1:1: the file is empty; nothing to import\n`);
    const blank = write('blank.txt', '\r\n\u3000\n  \n');
    expect((await refused(blank)).stderr).toBe(
      `${blank}:1:1: the file has only blank lines; nothing to import\n`,
    );
    const emptyDocx = write('empty.docx', '');
    expect((await refused(emptyDocx)).stderr).toContain(`${emptyDocx}:1:1: the file is empty`);
  });

  it('a binary file named .txt, pointing at the first NUL byte', async () => {
    const file = write('binary.txt', Buffer.from('第一行\nab\u0000cd'));
    expect((await refused(file)).stderr).toBe(
      `${file}:2:3: this is a binary file, not text (it contains NUL bytes); import a .txt, .md, .html or .docx file\n`,
    );
  });

  it('text in neither UTF-8 nor Big5', async () => {
    const file = write('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0xff, 0xfe, 0xfd]));
    expect((await refused(file)).stderr).toMatch(/latin1\.txt:1:4: this file is neither UTF-8 nor Big5 text/);
  });

  it('an unsupported type, with what to do instead', async () => {
    const pdf = write('brief.pdf', '%PDF-1.7');
    expect((await refused(pdf)).stderr).toMatch(/brief\.pdf:1:1: PDF is not supported; save its text first/);
    const other = write('notes.rtf', '{\\rtf1}');
    expect((await refused(other)).stderr).toMatch(/notes\.rtf:1:1: unsupported file type '\.rtf'/);
  });
});

describe('files renamed .docx', () => {
  it('a PNG', async () => {
    const file = write('photo.docx', await png(10, 10, '#000000'));
    expect((await refused(file)).stderr).toBe(
      `${file}:1:1: this is not a Word .docx file (it is a PNG image); open it in Word and save it as .docx\n`,
    );
  });

  it('a zip bomb that declares its size: refused from the zip directory', async () => {
    // 300 MiB of zeros deflate to about 300 KB: over the total limit of 256 MiB.
    const bytes = 300 * 1024 * 1024;
    expect(bytes).toBeGreaterThan(ZIP_LIMITS.totalBytes);
    const data = deflateRawSync(Buffer.alloc(bytes), { level: 1 });
    const file = write('bomb.docx', zip([{ name: 'word/document.xml', data, declaredSize: bytes }]));
    expect((await refused(file)).stderr).toBe(
      `${file}:1:1: refused: it would decompress to more than 256 MiB (a zip bomb?)\n`,
    );
  });

  it('a zip bomb in one modest-looking entry: refused for its expansion ratio', async () => {
    const bytes = 64 * 1024 * 1024;
    const data = deflateRawSync(Buffer.alloc(bytes), { level: 1 });
    const file = write('ratio.docx', zip([{ name: 'word/document.xml', data, declaredSize: bytes }]));
    expect((await refused(file)).stderr).toMatch(
      /refused: entry word\/document\.xml would expand \d+ times \(a zip bomb\?\)/,
    );
  });

  it('a zip bomb that lies about its size: refused while decompressing, at the declared size', async () => {
    const data = deflateRawSync(Buffer.alloc(16 * 1024 * 1024), { level: 1 });
    const file = write('liar.docx', zip([{ name: 'word/document.xml', data, declaredSize: 1000 }]));
    expect((await refused(file)).stderr).toBe(
      `${file}:1:1: refused: entry word/document.xml decompresses to more than the 1000 bytes it declares (a zip bomb?)\n`,
    );
  });

  it('a zip with more entries than any Word file has', async () => {
    const entries = Array.from({ length: ZIP_LIMITS.entries + 1 }, (_, i) => ({
      name: `word/media/${i}.xml`,
      data: deflateRawSync(Buffer.from('x')),
      declaredSize: 1,
    }));
    const file = write('many.docx', zip(entries));
    expect((await refused(file)).stderr).toBe(
      `${file}:1:1: refused: the zip has ${ZIP_LIMITS.entries + 1} entries (the limit is ${ZIP_LIMITS.entries})\n`,
    );
  });

  it('a zip that is not a Word document', async () => {
    const text = Buffer.from('hello');
    const file = write(
      'other.docx',
      zip([{ name: 'readme.txt', data: deflateRawSync(text), declaredSize: 5 }]),
    );
    expect((await refused(file)).stderr).toBe(
      `${file}:1:1: this zip file is not a Word document (it has no word/document.xml)\n`,
    );
  });
});

describe('the issue folder', () => {
  it('an existing issue is kept without --force, and replaced whole with it', async () => {
    const root = tempProject();
    const first = await brief(root, ['import', SEED, '--slug', 'twice']);
    expect(first.code).toBe(0);
    const md = path.join(root, 'assets/issues/twice/article.md');
    writeFileSync(md, `${readFileSync(md, 'utf8')}\n編輯加上的一段。\n`);
    writeFileSync(path.join(root, 'assets/issues/twice/photo.jpg'), 'a photo the editor added');
    const edited = readFileSync(md, 'utf8');

    const again = await brief(root, ['import', SEED, '--slug', 'twice']);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      `${md}:1:1: this issue already exists; choose another --slug, or add --force to replace it\n`,
    );
    expect(readFileSync(md, 'utf8')).toBe(edited);

    const forced = await brief(root, ['import', SEED, '--slug', 'twice', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(md, 'utf8')).not.toContain('編輯加上的一段');
    expect(readdirSync(path.join(root, 'assets/issues/twice'))).toEqual(['article.md']);
    // No staging or set-aside folder is left behind.
    expect(readdirSync(path.join(root, 'assets')).sort()).toEqual(['foundation.yaml', 'issues']);
  });

  it('a default slug that exists is refused the same way', async () => {
    const root = tempProject();
    const first = await brief(root, ['import', SEED]);
    expect(first.code).toBe(0);
    const slug = /^slug: (\S+)/m.exec(first.stdout)?.[1] ?? '';
    expect(slug).toMatch(/^\d{4}-\d{2}-\d{2}-mei-e-a-la-si-jia$/);
    const again = await brief(root, ['import', SEED]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`assets/issues/${slug}/article.md:1:1: this issue already exists`);
  });

  it.each([
    ['../escape', "contains '..'"],
    ['a/b', 'contains a slash'],
    ['a\\b', 'contains a slash'],
    ['', 'the slug is empty'],
    ['con', 'reserved file name on Windows'],
    ['what?', 'characters that Windows or macOS do not allow'],
    ['兩岸', 'may use only lowercase Latin letters'],
    ['Upper', 'may use only lowercase Latin letters'],
    ['x-', 'may use only lowercase Latin letters'],
  ])('an unsafe slug %j', async (slug, why) => {
    const root = tempProject();
    mkdirSync(path.join(root, 'assets/issues'), { recursive: true });
    const r = await brief(root, ['import', SEED, '--slug', slug]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(why);
    expect(readdirSync(path.join(root, 'assets/issues'))).toEqual([]);
    expect(readdirSync(root).sort()).toEqual(['assets']);
  });
});
