import mammoth from 'mammoth';
import { BriefError } from '../errors.js';
import type { FoundImage, ImportedArticle } from './blocks.js';
import { importHtml } from './html.js';
import { readZip } from './zip.js';

/**
 * Word's styles as the brief's structure: Title → the title, Heading 1 → `##`, Heading 2 → `###`
 * (deeper levels are reported and set as `###`), Caption → the caption of the image or table next
 * to it. mammoth's defaults handle lists, tables, footnotes, bold, italic and links.
 */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='title'] => h1:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  "p[style-name='heading 1'] => h2:fresh",
  "p[style-name='Heading 1'] => h2:fresh",
  'p.Heading1 => h2:fresh',
  "p[style-name='heading 2'] => h3:fresh",
  "p[style-name='Heading 2'] => h3:fresh",
  'p.Heading2 => h3:fresh',
  "p[style-name='heading 3'] => h4:fresh",
  "p[style-name='Heading 3'] => h4:fresh",
  'p.Heading3 => h4:fresh',
  "p[style-name='caption'] => p.caption:fresh",
  "p[style-name='Caption'] => p.caption:fresh",
];

const IMAGE_TYPES: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/tiff': 'tif',
  'image/avif': 'avif',
};

/**
 * A Word document: checked as a zip (limits in zip.ts), refused when it holds unaccepted tracked
 * changes, converted by mammoth to HTML, then mapped like any HTML. What Word has and a brief has
 * not (comments, text boxes, equations) is reported.
 */
export async function importDocx(bytes: Buffer, file: string, photoGiven: boolean): Promise<ImportedArticle> {
  const at = { file, line: 1, column: 1 };
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    throw BriefError.at(
      at,
      'import/unsupported',
      `this is not a Word .docx file (${sniff(bytes)}); open it in Word and save it as .docx`,
    );
  }
  const parts = readZip(bytes, file);
  const document = parts.get('word/document.xml');
  if (!document)
    throw BriefError.at(
      at,
      'import/unsupported',
      'this zip file is not a Word document (it has no word/document.xml)',
    );

  const xml = ['word/document.xml', 'word/footnotes.xml', 'word/endnotes.xml']
    .map((name) => parts.get(name)?.toString('utf8') ?? '')
    .join('\n');
  const changes = [...xml.matchAll(/<w:(ins|del|moveFrom|moveTo)[\s>/]/g)];
  if (changes.length) {
    const ins = changes.filter((m) => m[1] === 'ins' || m[1] === 'moveTo').length;
    throw BriefError.at(
      at,
      'import/refused',
      `the document has ${changes.length} unaccepted tracked changes (${ins} insertions or moves in, ${changes.length - ins} deletions or moves out); in Word choose Review → Accept All Changes (or reject them), save, and import again`,
    );
  }

  const images: FoundImage[] = [];
  const bySrc = new Map<string, string>();
  const convertImage = mammoth.images.imgElement(async (image) => {
    const ext = IMAGE_TYPES[image.contentType];
    if (!ext) return { src: `unsupported:${image.contentType}` };
    const name = `image-${images.length + 1}.${ext}`;
    images.push({ name, bytes: await image.readAsBuffer() });
    bySrc.set(name, name);
    return { src: name };
  });
  let html: string;
  let messages: { type: string; message: string }[];
  try {
    const result = await mammoth.convertToHtml({ buffer: bytes }, { styleMap: STYLE_MAP, convertImage });
    html = result.value;
    messages = result.messages;
  } catch (e) {
    throw BriefError.at(
      at,
      'import/refused',
      `Word document cannot be read: ${(e as Error).message.split('\n')[0]}`,
    );
  }

  const article = importHtml(html, { image: (src) => bySrc.get(src), photoGiven, kind: 'Word' });
  // Name images after their role: photo.<ext> for the lead photo, figure-N.<ext> for the rest.
  const renamed = new Map<string, string>();
  let figure = 0;
  for (const img of images) {
    const ext = img.name.split('.').pop() ?? 'png';
    const role = img.name === article.photo.file ? `photo.${ext}` : `figure-${++figure}.${ext}`;
    renamed.set(img.name, role);
    img.name = role;
  }
  article.decisions = article.decisions.map((d) => d.replace(/image-\d+\.\w+/g, (n) => renamed.get(n) ?? n));
  if (article.photo.file) article.photo.file = renamed.get(article.photo.file) ?? article.photo.file;
  for (const b of article.body) if (b.kind === 'figure') b.file = renamed.get(b.file) ?? b.file;
  article.images = images.filter(
    (i) =>
      i.name === article.photo.file || article.body.some((b) => b.kind === 'figure' && b.file === i.name),
  );

  const comments = (
    parts
      .get('word/comments.xml')
      ?.toString('utf8')
      .match(/<w:comment[\s>]/g) ?? []
  ).length;
  const textBoxes = (xml.match(/<w:txbxContent[\s>]/g) ?? []).length;
  const equations = (xml.match(/<m:oMath[\s>]/g) ?? []).length;
  if (comments) article.decisions.push(`no equivalent: ${comments} comments (dropped; read them in Word)`);
  if (textBoxes)
    article.decisions.push(
      `no equivalent: ${textBoxes} text boxes (their text was kept as paragraphs where they are anchored)`,
    );
  if (equations)
    article.decisions.push(`no equivalent: ${equations} equations (dropped; add them as figures)`);
  for (const m of messages) {
    if (/Unrecognised (paragraph|run) style/.test(m.message)) continue;
    article.decisions.push(`Word: ${m.message}`);
  }
  return article;
}

function sniff(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'it is a PNG image';
  if (head[0] === 0xff && head[1] === 0xd8) return 'it is a JPEG image';
  if (head.toString('latin1', 0, 4) === '%PDF') return 'it is a PDF';
  if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))
    return 'it is an old-style .doc file';
  return 'it does not start like a zip file';
}
