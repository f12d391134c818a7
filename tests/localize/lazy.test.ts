/** The vocabulary and names files, and opencc-js, are loaded only when a zh-Hans edition is built. */
import { expect, test } from '@jest/globals';

import { defaultNamesLoaded, defaultVocabularyLoaded, localizeBrief } from '../../src/localize/index.js';
import { openccLoaded } from '../../src/localize/opencc.js';
import { makeArticle, makeFoundation } from './helpers.js';

test('a zh-Hant edition reads neither file; the first zh-Hans edition reads both', () => {
  // jest gives each test file its own module registry, so nothing has been read yet.
  const article = makeArticle();
  localizeBrief(article, makeFoundation(), 'zh-Hant', []);
  expect([defaultVocabularyLoaded(), defaultNamesLoaded(), openccLoaded()]).toEqual([false, false, false]);
  localizeBrief(article, makeFoundation(), 'zh-Hans', []);
  expect([defaultVocabularyLoaded(), defaultNamesLoaded(), openccLoaded()]).toEqual([true, true, true]);
});
