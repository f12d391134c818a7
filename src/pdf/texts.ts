import type { FontRole } from '../model.js';
import type { DocDefinition } from './definition.js';
import { forEachNode, isRecord, roleOf } from './definition.js';

/**
 * Every string a document definition will set, grouped by the font role that sets it, so the
 * pre-flight coverage check looks up each character in the face that will really draw it.
 */
export function textsByRole(definition: DocDefinition): Record<FontRole, string> {
  const out: Record<FontRole, string> = { body: '', bodyBold: '', heading: '', sans: '' };
  forEachNode(definition, (node, style) => {
    const text = typeof node === 'string' ? node : isRecord(node) ? node['text'] : undefined;
    if (typeof text === 'string' || typeof text === 'number')
      out[roleOf(style.font, style.bold)] += String(text);
  });
  // Document metadata is shown by viewers in their own fonts, but it must still be text the
  // edition's faces can set (a search hit in the title should be visible in the page too).
  const info = definition.info ?? {};
  out.sans += ['title', 'author', 'subject'].map((k) => String(info[k] ?? '')).join('');
  return out;
}
