/**
 * renderPdf's archive behaviour on small real documents (real pdfmake and Noto faces): escaping
 * of the XMP, the PDF/A opt-out, required metadata, determinism and the content-derived /ID.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { Project } from '../../src/pipeline/index.js';
import { loadProject } from '../../src/pipeline/index.js';
import { extractXmp, readXmp } from '../../src/pdf/metadata.js';
import { renderPdf } from '../../src/pdf/index.js';
import { PROJECT_ROOT } from '../support/fixtures.js';
import { readPdf } from '../support/pdf.js';
import { PdfFile, pdfText } from './pdf-objects.js';
import { idProblems, outputIntentProblems, xmpProblems } from './pdfa-checks.js';
import type { DocDefinition, JsonObject } from '../../src/pdf/index.js';

let project: Project;
beforeAll(() => {
  project = loadProject(PROJECT_ROOT);
});

const DATE = new Date('2025-08-25T00:00:00Z');

function definition(info: JsonObject = {}, body = '本文第一段。'): DocDefinition {
  return {
    pageSize: 'A4',
    language: 'zh-Hant-TW',
    info: {
      title: '測試標題',
      author: '作者',
      subject: '遠景論壇・測試標題',
      keywords: ['關鍵詞一', '關鍵詞二'],
      creator: '遠景基金會',
      producer: 'prospect-brief 0.1.0',
      series: '遠景論壇',
      ...info,
    },
    content: [{ text: '測試標題', bookmark: 1 }, { text: '第一節', tocItem: true }, { text: body }],
    defaultStyle: { font: 'Serif', fontSize: 11 },
  };
}

async function render(def: DocDefinition, pdfa?: boolean): Promise<Buffer> {
  return renderPdf(def, {
    fonts: project.fonts['zh-Hant'],
    date: DATE,
    ...(pdfa === undefined ? {} : { pdfa }),
  });
}

/** The packet is well-formed as far as escaping goes: no bare &, < or > in text or attributes. */
function unescapedMarkup(xmp: string): string[] {
  const text = xmp
    .replace(/<\?xpacket[^?]*\?>/g, '')
    .replace(/<\/?[A-Za-z][\w:.-]*(\s+[\w:.-]+="[^"<&]*")*\s*\/?>/g, '')
    .replace(/&(#\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);/g, '');
  return [...text.matchAll(/[<>&]/g)].map((m) => text.slice(Math.max(0, m.index - 10), m.index + 10));
}

describe('renderPdf metadata', () => {
  it('escapes XML specials in every XMP field and keeps Info and XMP equal', async () => {
    const nasty = 'R&D <測試> "引號" \'單\' a&amp;b';
    const pdf = await render(
      definition({ title: nasty, author: 'A & B', subject: `遠景論壇・${nasty}`, keywords: ['x<y', 'p&q'] }),
    );
    const xmpText = extractXmp(pdf) ?? '';
    expect(unescapedMarkup(xmpText)).toEqual([]);
    const xmp = readXmp(xmpText);
    expect(xmp.title).toBe(nasty);
    expect(xmp.author).toBe('A & B');
    expect(xmp.keywords).toEqual(['x<y', 'p&q']);
    expect(xmpProblems(new PdfFile(pdf))).toEqual([]);
    const back = await readPdf(pdf);
    expect(back.info['Title']).toBe(nasty);
    expect(back.xmp).not.toBeNull();
  });

  it('the escaping check notices an unescaped packet', () => {
    expect(unescapedMarkup('<dc:title><rdf:li>R&D <b</rdf:li></dc:title>')).not.toEqual([]);
  });

  it('turns control characters into spaces (XML 1.0 cannot carry them) in both places', async () => {
    const pdf = await render(definition({ title: '標題\u0007之\n二' }));
    expect(readXmp(extractXmp(pdf) ?? '').title).toBe('標題 之 二');
    expect((await readPdf(pdf)).info['Title']).toBe('標題 之 二');
  });

  it('refuses a definition without the metadata the archive needs, naming the fields', async () => {
    await expect(render(definition({ title: '', series: undefined }))).rejects.toThrow(
      /info\.title, .*info\.series/,
    );
    const noLang = definition();
    delete noLang['language'];
    await expect(render(noLang)).rejects.toThrow(/language/);
  });
});

describe('PDF/A-2b is on unless a build opts out', () => {
  it('writes pdfaid and the OutputIntent by default', async () => {
    const file = new PdfFile(await render(definition()));
    expect(outputIntentProblems(file)).toEqual([]);
    expect(xmpProblems(file)).toEqual([]);
  });

  it('opting out drops pdfaid and the OutputIntent but keeps metadata, /Lang and the /ID', async () => {
    const pdf = await render(definition(), false);
    const file = new PdfFile(pdf);
    expect(outputIntentProblems(file)).toEqual(['catalog has no OutputIntents']);
    expect(readXmp(extractXmp(pdf) ?? '').pdfa).toBeNull();
    expect(xmpProblems(file).filter((p) => !p.startsWith('pdfaid'))).toEqual([]);
    expect(pdfText(file.catalog['Lang'])).toBe('zh-Hant-TW');
    expect(idProblems(file)).toEqual([]);
  });

  it('removes encryption settings from the definition', async () => {
    const pdf = await render({ ...definition(), userPassword: 'x', ownerPassword: 'y' });
    expect('Encrypt' in new PdfFile(pdf).trailer).toBe(false);
    // Without PDF/A the same definition is encrypted: the check above can fail.
    const plain = await render({ ...definition(), userPassword: 'x', ownerPassword: 'y' }, false);
    expect('Encrypt' in new PdfFile(plain).trailer).toBe(true);
  });
});

describe('identical sources give identical bytes', () => {
  const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

  it('renders the same definition twice to the same bytes', async () => {
    const a = await render(definition());
    const b = await render(definition());
    expect(sha(a)).toBe(sha(b));
  });

  it('one changed character gives other bytes and another /ID', async () => {
    const a = new PdfFile(await render(definition({}, '本文第一段。')));
    const b = new PdfFile(await render(definition({}, '本文第二段。')));
    expect(a.trailer['ID']).not.toEqual(b.trailer['ID']);
    expect(idProblems(a)).toEqual([]);
    expect(idProblems(b)).toEqual([]);
  });

  it('does not depend on the clock: the dates are the given date', async () => {
    const info = (await readPdf(await render(definition()))).info;
    expect(info['CreationDate']).toBe('D:20250825000000Z');
    expect(info['ModDate']).toBe('D:20250825000000Z');
  });
});
