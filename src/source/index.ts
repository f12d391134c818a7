export { loadArticle } from './article.js';
export { loadFoundation, readSource } from './foundation.js';
export { parseBody, parseInline } from './markdown.js';
