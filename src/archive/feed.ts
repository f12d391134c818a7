import type { Catalogue } from '../pipeline/index.js';

/**
 * `out/feed.xml`: an Atom feed (RFC 4287) of the issues, newest first, each with both editions
 * as enclosures (type and length), for the foundation's mailing list and feed readers. Byte-stable:
 * `updated` is the newest issue's date, not the build time.
 */

export interface FeedOptions {
  /** The feed's title (the series). */
  title: string;
  /** The publisher. */
  author: string;
  /** Where the files are online (the profile's archive.baseUrl), or null: links stay relative. */
  baseUrl: string | null;
  /** The issue's page for an edition, or null (links go to the PDF). */
  issueUrl: (slug: string, edition: string) => string | null;
}

/** XML text: markup characters escaped, and the control characters XML 1.0 forbids dropped. */
function esc(s: string): string {
  const allowed = [...s].filter((c) => {
    const cp = c.codePointAt(0) ?? 0;
    return cp >= 0x20 || cp === 0x09 || cp === 0x0a || cp === 0x0d;
  });
  return allowed.join('').replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function stamp(date: string): string {
  return `${date}T00:00:00Z`;
}

function idFor(options: FeedOptions, slug: string): string {
  return options.baseUrl
    ? new URL(`${encodeURIComponent(slug)}/`, options.baseUrl).href
    : `urn:prospect-brief:${slug}`;
}

export function atomFeed(entries: readonly Catalogue[], options: FeedOptions): string {
  const updated = entries[0]?.date ?? '1970-01-01';
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-Hant-TW"${options.baseUrl ? ` xml:base="${esc(options.baseUrl)}"` : ''}>`,
    `  <id>${esc(options.baseUrl ?? 'urn:prospect-brief:catalogue')}</id>`,
    `  <title>${esc(options.title)}</title>`,
    `  <updated>${stamp(updated)}</updated>`,
    `  <author><name>${esc(options.author)}</name></author>`,
    '  <link rel="self" type="application/atom+xml" href="feed.xml"/>',
    '  <link rel="alternate" type="text/html" href="index.html"/>',
  ];
  for (const e of entries) {
    const [first] = e.files;
    if (!first) continue;
    const page = options.issueUrl(e.slug, first.edition);
    lines.push('  <entry>');
    lines.push(`    <id>${esc(idFor(options, e.slug))}</id>`);
    lines.push(
      `    <title xml:lang="${esc(first.lang)}">${esc(e.files.map((f) => f.title).join(' ／ '))}</title>`,
    );
    lines.push(`    <updated>${stamp(e.date)}</updated>`);
    lines.push(`    <published>${stamp(e.date)}</published>`);
    lines.push(`    <author><name>${esc(first.author)}</name></author>`);
    lines.push(
      `    <link rel="alternate" type="${page ? 'text/html' : 'application/pdf'}" href="${esc(page ?? first.file)}"/>`,
    );
    for (const f of e.files)
      lines.push(
        `    <link rel="enclosure" type="application/pdf" length="${f.bytes}" hreflang="${esc(f.lang)}" title="${esc(f.title)}" href="${esc(encodeURI(f.file))}"/>`,
      );
    for (const k of first.keywords) lines.push(`    <category term="${esc(k)}"/>`);
    const summary = first.keyPoints.length ? first.keyPoints.join('\n') : first.subject;
    lines.push(`    <summary xml:lang="${esc(first.lang)}">${esc(summary)}</summary>`);
    lines.push('  </entry>');
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
