import type { ImportedArticle } from './blocks.js';
import { emptyArticle } from './blocks.js';

const REQUIRED = ['title', 'author|authors', 'date', 'photo'] as const;

/**
 * A Markdown file is already in the article's syntax: its body is kept exactly as written. With
 * front matter, that is kept too (and the required keys it lacks are reported); without, the
 * first `# ` heading becomes the title and the rest of the front matter is left for a person.
 * Local images it names (the photo's `file:`, `![…](chart.png)`) are listed for copying.
 */
export function importMarkdown(text: string): { article: ImportedArticle; images: string[] } {
  const article = emptyArticle();
  const lines = text.split('\n');
  const images: string[] = [];
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (end > 0) {
      const front = lines.slice(1, end);
      article.rawFrontMatter = lines.slice(0, end + 1).join('\n');
      article.rawBody = lines.slice(end + 1).join('\n');
      article.decisions.push(`front matter: kept as written (lines 1–${end + 1})`);
      for (const key of REQUIRED) {
        if (!front.some((l) => new RegExp(`^(${key}):`).test(l))) {
          article.decisions.push(`needs you: ${key.replace('|', ' or ')} (not in the front matter)`);
        }
      }
      const title = front.find((l) => l.startsWith('title:'));
      if (title) article.title = title.replace(/^title:\s*/, '').replace(/^["']|["']$/g, '');
      const date = /^date:\s*["']?(\d{4}-\d{2}-\d{2})/.exec(front.find((l) => l.startsWith('date:')) ?? '');
      if (date?.[1]) article.date = date[1];
      const photo = front
        .map((l) => /^\s+file:\s*["']?([^"'#\s]+)/.exec(l)?.[1])
        .find((f) => f !== undefined);
      if (photo) images.push(photo);
      collectFigures(article.rawBody, images);
      article.decisions.push('body: kept as written');
      return { article, images };
    }
  }
  const titleAt = lines.findIndex((l) => /^#\s+\S/.test(l));
  const beforeTitle = titleAt >= 0 ? lines.slice(0, titleAt).every((l) => l.trim() === '') : false;
  let body = lines;
  if (titleAt >= 0 && beforeTitle) {
    article.title = (lines[titleAt] ?? '').replace(/^#\s+/, '').replace(/\s+#*\s*$/, '');
    article.decisions.push(`title: ${article.title}  (line ${titleAt + 1}, the first # heading)`);
    body = lines.slice(titleAt + 1);
  } else {
    article.decisions.push('title: none found (no # heading at the top)');
  }
  while (body.length && body[0]?.trim() === '') body = body.slice(1);
  article.rawBody = `${body.join('\n').replace(/\s+$/, '')}\n`;
  collectFigures(article.rawBody, images);
  article.decisions.push('body: kept as written');
  return { article, images };
}

function collectFigures(body: string, images: string[]): void {
  for (const m of body.matchAll(/!\[[^\]]*\]\(\s*<?([^\s)>]+)>?/g)) {
    if (m[1] && !/^[a-z]+:/i.test(m[1])) images.push(m[1]);
  }
}
