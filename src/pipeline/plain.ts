import type { Block, Brief, Paragraph, List, Run } from '../model.js';

/**
 * One edition's text as plain lines, for the archive's search (the sidecar's `text`): title,
 * authors, key points, the body (headings, paragraphs, lists, quotes, tables, figure captions)
 * and the notes. Not what the page shows (no labels, no contact block): what the issue says.
 */
export function briefPlainText(brief: Brief): string {
  const lines: string[] = [brief.title, brief.authors.map((a) => a.name).join('、'), ...brief.summary];
  for (const b of brief.body) lines.push(...blockLines(b));
  for (const n of brief.notes) lines.push(n.blocks.map((p) => runs(p.runs)).join(' '));
  return lines.filter((l) => l.trim() !== '').join('\n');
}

function runs(rs: readonly Run[]): string {
  return rs
    .filter((r) => r.noteRef === undefined)
    .map((r) => r.text)
    .join('');
}

function blockLines(b: Block | Paragraph | List): string[] {
  switch (b.kind) {
    case 'heading':
    case 'paragraph':
      return [runs(b.runs)];
    case 'list':
      return b.items.flatMap((i) => i.blocks.flatMap(blockLines));
    case 'quote':
      return b.blocks.flatMap(blockLines);
    case 'table':
      return [
        ...[b.header, ...b.rows].map((row) => row.cells.map(runs).join(' ')),
        ...(b.caption ? [runs(b.caption)] : []),
      ];
    case 'figure':
      return [b.caption];
  }
}
