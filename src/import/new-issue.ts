import { yamlScalar } from './markdown-writer.js';

/**
 * The article.md that `brief new` writes: every key of the front matter, each with a comment
 * saying what goes there. Keys a person must fill in are left empty, so `brief build` stops at
 * each of them with its line and column until they are; optional keys are commented out.
 */
export function newArticle(
  slug: string,
  title: string | undefined,
  today: string,
): { text: string; needs: string[] } {
  const needs = [
    ...(title ? [] : ['title']),
    'author',
    'affiliation',
    'keywords',
    'photo file',
    'photo caption',
    'photo credit',
    'photo alt',
    'body',
  ];
  const lines = [
    '---',
    `# A new issue made by \`brief new\` on ${today}. Fill in every value marked "needs you", put the`,
    '# photo beside this file, write the article below the closing --- line (paragraphs separated by',
    `# blank lines, ## for section headings), then: npx brief build assets/issues/${slug}`,
    title ? `title: ${yamlScalar(title)}` : 'title: # needs you: the title',
    'author: # one author; for several use `authors:` below instead (not both)',
    "  name: # needs you: the author's name, e.g. 李明峻",
    "  affiliation: # needs you: the author's affiliation, e.g. 新台灣國策智庫研發長",
    '# authors: # several authors, each with an optional bio (作者簡介)',
    '#   - { name: 甲, affiliation: 某大學教授, bio: 一句話的作者簡介。 }',
    '#   - { name: 乙, affiliation: 某研究院研究員 }',
    `date: ${today} # the issue date, YYYY-MM-DD (today's date; change it if the issue is dated otherwise)`,
    'keywords: # needs you: 3–6 keywords, e.g. [美俄峰會, 東北亞安保]',
    '# summary: # optional: 3–6 key points, set in a box after the byline (重點摘要)',
    '#   - 第一個重點。',
    'photo:',
    '  file: # needs you: the photo file beside article.md, e.g. photo.jpg',
    '  caption: # needs you: the caption, one sentence',
    '  credit: # needs you: 圖片來源, or the photographer or agency',
    '  # creditUrl: https://example.org/photo # optional: where the credit links to',
    '  alt: # needs you: what the photo shows, for people who cannot see it (the caption is not alt text)',
    '  # decorative: true # only for a photo that carries no information, with alt: ""',
    '  # focus: { x: 0.5, y: 0.4 } # optional: the point to keep when the photo is cropped',
    "# note: … # optional: replaces the foundation's disclaimer as the editor's note (編按)",
    '# notes: footnotes # optional: footnotes (default) or endnotes',
    '# conversion: mainland # optional: mainland (default) or script, for the Simplified edition',
    "# glossary: { 某詞: 某词 } # optional: this issue's additions to the Simplified glossary",
    '# keep: [某詞] # optional: terms never converted in the Simplified edition',
    '---',
    '',
  ];
  return { text: lines.join('\n'), needs };
}
