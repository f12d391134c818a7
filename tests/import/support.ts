/**
 * Helpers for the import tests: a throw-away project root (with the foundation's profile), running
 * `brief new`/`brief import` in process against it, Word files made with the `docx` package, and
 * reading an imported article.md back with a real CommonMark + GFM parser.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AlignmentType,
  DeletedTextRun,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  InsertedTextRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import sharp from 'sharp';
import { runSourceCommand } from '../../src/import/index.js';
import { PROJECT_ROOT } from '../support/fixtures.js';
import type { Captured } from '../support/run.js';
import { captured } from '../support/run.js';

const made: string[] = [];

/** A temp folder `brief-test-…`, removed by `removeTemp()`. */
export function temp(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'brief-test-'));
  made.push(dir);
  return dir;
}

export function removeTemp(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A project root holding only assets/foundation.yaml (what import reads) and assets/issues/. */
export function tempProject(): string {
  const root = temp();
  mkdirSync(path.join(root, 'assets', 'issues'), { recursive: true });
  copyFileSync(path.join(PROJECT_ROOT, 'assets/foundation.yaml'), path.join(root, 'assets/foundation.yaml'));
  return root;
}

/** Runs `brief <args…> --root ROOT` through the import module's command, capturing output. */
export function brief(root: string, args: string[]): Promise<Captured> {
  return captured((io) => runSourceCommand([...args, '--root', root], io));
}

/** Front matter text and body text of an article.md. */
export function splitArticle(text: string): { front: string; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!m) throw new Error('no front matter');
  return { front: m[1] ?? '', body: m[2] ?? '' };
}

export function readArticle(issueDir: string): { text: string; front: string; body: string; tree: Root } {
  const text = readFileSync(path.join(issueDir, 'article.md'), 'utf8');
  const { front, body } = splitArticle(text);
  return { text, front, body, tree: parseMarkdown(body) };
}

/** CommonMark + GFM, as issue 11 specifies the body syntax. */
export function parseMarkdown(body: string): Root {
  return fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

/** An mdast node, with the fields the tests look at. */
export interface MdNode {
  type: string;
  children?: MdNode[];
  value?: string;
  depth?: number;
  ordered?: boolean | null;
  url?: string;
  alt?: string | null;
  title?: string | null;
  identifier?: string;
  align?: (string | null)[] | null;
}

/** Every node of the tree, depth first. */
export function nodes(tree: MdNode): MdNode[] {
  return [tree, ...(tree.children ?? []).flatMap((c) => nodes(c))];
}

/** The plain text under a node. */
export function textOf(node: MdNode): string {
  return node.value ?? (node.children ?? []).map(textOf).join('');
}

export async function png(width: number, height: number, colour: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${colour}"/><circle cx="${width / 2}" cy="${height / 2}" r="${height / 3}" fill="#ffffff"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function jpeg(width: number, height: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#5b7391"/><circle cx="${width / 3}" cy="${height / 2}" r="${height / 3}" fill="#d8c9a3"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

export const CREDIT_URL = 'https://www.example.org/photos/fab-2025';

/**
 * A Word report as authors send them: Title, a byline, the lead photo with a caption, bold,
 * italic and a link, Heading 1 and 2, a bulleted and a numbered list, a table with a header row
 * and its caption, three footnotes and a chart as a second image.
 */
export async function richDocx(photo: Buffer, chart: Buffer): Promise<Buffer> {
  const doc = new Document({
    styles: {
      paragraphStyles: [{ id: 'Caption', name: 'caption', basedOn: 'Normal', run: { italics: true } }],
    },
    numbering: {
      config: [
        {
          reference: 'recommendations',
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
        },
      ],
    },
    footnotes: {
      1: { children: [new Paragraph('經濟部統計處，《工業生產統計》，2025 年。')] },
      2: {
        children: [
          new Paragraph({
            children: [
              new TextRun('參見 '),
              new TextRun({ text: 'Chip Wars', italics: true }),
              new TextRun('，第 3 章。'),
            ],
          }),
        ],
      },
      3: { children: [new Paragraph('作者訪談，2025 年 6 月。')] },
    },
    sections: [
      {
        children: [
          new Paragraph({ text: '半導體供應鏈的下一步', heading: HeadingLevel.TITLE }),
          new Paragraph('作者：張三（國立臺灣大學經濟學系教授）'),
          new Paragraph({
            children: [
              new ImageRun({ type: 'jpg', data: photo, transformation: { width: 320, height: 180 } }),
            ],
          }),
          new Paragraph({ text: `新竹科學園區的晶圓廠。(圖片來源：<${CREDIT_URL}>)`, style: 'Caption' }),
          new Paragraph({
            children: [
              new TextRun('臺灣的晶圓代工占全球產能六成以上，'),
              new TextRun({ text: '這是不爭的事實', bold: true }),
              new FootnoteReferenceRun(1),
              new TextRun('。然而'),
              new TextRun({ text: '地緣政治風險', italics: true }),
              new TextRun('正在上升，詳見'),
              new ExternalHyperlink({
                children: [new TextRun({ text: '報告全文', style: 'Hyperlink' })],
                link: 'https://www.example.org/report',
              }),
              new TextRun('。'),
            ],
          }),
          new Paragraph({ text: '產業現況', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [new TextRun('主要挑戰有三'), new FootnoteReferenceRun(2), new TextRun('：')],
          }),
          new Paragraph({ text: '人才短缺', bullet: { level: 0 } }),
          new Paragraph({ text: '能源供應', bullet: { level: 0 } }),
          new Paragraph({ text: '地緣風險', bullet: { level: 0 } }),
          new Paragraph({ text: '產能數據', heading: HeadingLevel.HEADING_2 }),
          new Table({
            rows: [
              new TableRow({
                tableHeader: true,
                children: ['年份', '產能（萬片）'].map(
                  (t) => new TableCell({ children: [new Paragraph(t)] }),
                ),
              }),
              ...[
                ['2023', '1,200'],
                ['2024', '1,350'],
                ['2025', '1,500'],
              ].map(
                (cells) =>
                  new TableRow({
                    children: cells.map((t) => new TableCell({ children: [new Paragraph(t)] })),
                  }),
              ),
            ],
          }),
          new Paragraph({ text: '表 1：臺灣晶圓產能', style: 'Caption' }),
          new Paragraph({
            children: [
              new ImageRun({ type: 'png', data: chart, transformation: { width: 300, height: 150 } }),
            ],
          }),
          new Paragraph({ text: '圖 1：產能成長趨勢', style: 'Caption' }),
          new Paragraph({ text: '政策建議', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: '擴大人才培育。', numbering: { reference: 'recommendations', level: 0 } }),
          new Paragraph({ text: '確保能源穩定。', numbering: { reference: 'recommendations', level: 0 } }),
          new Paragraph({
            children: [new TextRun('以上建議均需跨部會協調'), new FootnoteReferenceRun(3), new TextRun('。')],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A Word file with only what today's build accepts: title, byline, photo, headings, emphasis, a link. */
export async function plainDocx(photo: Buffer): Promise<Buffer> {
  const doc = new Document({
    styles: {
      paragraphStyles: [{ id: 'Caption', name: 'caption', basedOn: 'Normal', run: { italics: true } }],
    },
    sections: [
      {
        children: [
          new Paragraph({ text: '離岸風電的下一個十年', heading: HeadingLevel.TITLE }),
          new Paragraph('李四'),
          new Paragraph('中華經濟研究院研究員'),
          new Paragraph({
            children: [
              new ImageRun({ type: 'jpg', data: photo, transformation: { width: 320, height: 180 } }),
            ],
          }),
          new Paragraph({ text: `彰化外海的風機。（圖片來源：${CREDIT_URL}）`, style: 'Caption' }),
          new Paragraph({
            children: [
              new TextRun('離岸風電是能源轉型的'),
              new TextRun({ text: '關鍵', bold: true }),
              new TextRun('，政府的'),
              new TextRun({ text: '區塊開發', italics: true }),
              new TextRun('政策已進入第三階段，詳見'),
              new ExternalHyperlink({
                children: [new TextRun({ text: '能源署公告', style: 'Hyperlink' })],
                link: 'https://www.example.org/energy',
              }),
              new TextRun('。'),
            ],
          }),
          new Paragraph({ text: '國產化的挑戰', heading: HeadingLevel.HEADING_1 }),
          new Paragraph('國產化要求提高了成本，也延後了併網時程，業者與政府需要重新協商。'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A Word file with an insertion and a deletion still tracked (not accepted). */
export async function trackedDocx(): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: '追蹤修訂的文件', heading: HeadingLevel.TITLE }),
          new Paragraph({
            children: [
              new TextRun('這一段有'),
              new InsertedTextRun({
                text: '新增的文字',
                id: 1,
                author: '編輯',
                date: '2025-06-01T00:00:00Z',
              }),
              new DeletedTextRun({ text: '刪除的文字', id: 2, author: '編輯', date: '2025-06-01T00:00:00Z' }),
              new TextRun('。'),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
