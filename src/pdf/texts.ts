import type { FontRole } from '../model.js';

/**
 * Every string a document definition will set, grouped by the font role that sets it, so the
 * pre-flight coverage check looks up each character in the face that will really draw it.
 * Family 'Serif' regular → body, bold → bodyBold; 'Sans' regular → sans, bold → heading.
 */
export function textsByRole(definition: Record<string, unknown>): Record<FontRole, string> {
  const out: Record<FontRole, string> = { body: '', bodyBold: '', heading: '', sans: '' };
  const styles = (definition['styles'] ?? {}) as Record<string, Record<string, unknown>>;
  const base = (definition['defaultStyle'] ?? {}) as Record<string, unknown>;

  const visit = (node: unknown, font: string, bold: boolean): void => {
    if (typeof node === 'string') {
      out[roleOf(font, bold)] += node;
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((n) => visit(n, font, bold));
      return;
    }
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    let f = font;
    let b = bold;
    const names = Array.isArray(o['style']) ? o['style'] : [o['style']];
    for (const name of names) {
      const st = typeof name === 'string' ? styles[name] : undefined;
      if (st && typeof st['font'] === 'string') f = st['font'];
      if (st && typeof st['bold'] === 'boolean') b = st['bold'];
    }
    if (typeof o['font'] === 'string') f = o['font'];
    if (typeof o['bold'] === 'boolean') b = o['bold'];
    for (const key of ['text', 'stack', 'columns', 'table', 'body', '$perPage']) {
      if (key in o) visit(o[key], f, b);
    }
  };
  const font = typeof base['font'] === 'string' ? base['font'] : 'Serif';
  const bold = base['bold'] === true;
  visit(definition['content'], font, bold);
  const footer = definition['footer'];
  if (footer && typeof footer === 'object') visit(footer, font, bold);
  // Document metadata is shown by viewers in their own fonts, but it must still be text the
  // edition's faces can set (a search hit in the title should be visible in the page too).
  const info = (definition['info'] ?? {}) as Record<string, unknown>;
  out.sans += ['title', 'author', 'subject'].map((k) => String(info[k] ?? '')).join('');
  return out;
}

function roleOf(font: string, bold: boolean): FontRole {
  if (font === 'Sans') return bold ? 'heading' : 'sans';
  return bold ? 'bodyBold' : 'body';
}
