export { loadArticle } from './article.js';
export type { FillText } from './foundation.js';
export { archiveUrl, loadFoundation, readSource } from './foundation.js';
export { parseBody, parseInline } from './markdown.js';
