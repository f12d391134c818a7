import { pinyin } from 'pinyin-pro';
import { hasControlCharacter } from './decode.js';

/**
 * Issue slugs are folder names under assets/issues/ and the stem of every output file, so they
 * must be safe on Windows, macOS and Linux and in a URL: lowercase Latin letters, digits and
 * hyphens (dots and underscores inside), at most 64 characters. Returns what is wrong, or nothing.
 */
export function slugProblem(slug: string): string | undefined {
  if (slug === '') return 'the slug is empty';
  if (slug.includes('..')) return `the slug '${slug}' contains '..' (it must name one folder, not a path)`;
  if (/[/\\]/.test(slug)) return `the slug '${slug}' contains a slash (it must name one folder, not a path)`;
  if (/[<>:"|?*]/.test(slug) || hasControlCharacter(slug)) {
    return `the slug '${slug}' contains characters that Windows or macOS do not allow in file names`;
  }
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(slug))
    return `'${slug}' is a reserved file name on Windows`;
  if ([...slug].length > 64) return `the slug '${slug}' is longer than 64 characters`;
  if (!/^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/.test(slug)) {
    return `the slug '${slug}' may use only lowercase Latin letters, digits and - (. and _ inside), starting and ending with a letter or digit`;
  }
  return undefined;
}

/**
 * The default slug: the date (when the source states it, else the day of the import)
 * and a short romanised form of the title — the Hanyu Pinyin of its first six characters without
 * tones, Latin words kept — e.g. `2025-08-25-mei-e-a-la-si-jia` for 美俄阿拉斯加峰會…
 * Without a usable title, the source file's name is used instead.
 */
export function defaultSlug(date: string, title: string | undefined, fileStem: string): string {
  const fromTitle = title ? romanise(title) : '';
  const stem = fromTitle || romanise(fileStem) || 'issue';
  return `${date}-${stem}`.slice(0, 64).replace(/-+$/, '');
}

function romanise(text: string): string {
  const syllables: string[] = [];
  for (const piece of text.match(/[\p{Script=Han}]|[A-Za-z0-9]+/gu) ?? []) {
    if (syllables.length >= 6) break;
    const latin = /^[A-Za-z0-9]+$/.test(piece)
      ? piece.toLowerCase()
      : pinyin(piece, { toneType: 'none', type: 'array' }).join('').replace(/ü/g, 'v').toLowerCase();
    if (/^[a-z0-9]+$/.test(latin)) syllables.push(latin);
  }
  return syllables.join('-');
}
