/**
 * The only place that touches opencc-js. The `tw → cn` converter is built once per process, on
 * first use (building it costs about 10 ms; converting is about 18 M characters/s).
 */
import { createRequire } from 'node:module';
import type * as OpenCC from 'opencc-js/t2cn';
import type { ConverterFunction } from 'opencc-js/t2cn';

let converter: ConverterFunction | undefined;
let library: typeof OpenCC | undefined;

/**
 * opencc-js (its CommonJS build: the same code and dictionaries), loaded on first use, so a build
 * of the zh-Hant edition alone never loads it (≈ 40 ms of a cold start).
 */
function opencc(): typeof OpenCC {
  library ??= createRequire(import.meta.url)('opencc-js/t2cn') as typeof OpenCC;
  return library;
}

/** Converts Traditional (Taiwan) characters to Simplified (mainland) characters, phrase-aware. */
export function twToCn(text: string): string {
  converter ??= opencc().Converter({ from: 'tw', to: 'cn' });
  return converter(text);
}

/** Whether opencc-js has been loaded in this process (for tests). */
export function openccLoaded(): boolean {
  return library !== undefined;
}

/** Multi-character words of the opencc-js dictionaries (Taiwan phrases among them), for audits. */
export function dictionaryWords(): string[] {
  const words = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const pair of value.split('|')) {
        const word = pair.split(' ')[0] ?? '';
        if ([...word].length > 1) words.add(word);
      }
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item);
    } else if (typeof value === 'object' && value !== null) {
      for (const item of Object.values(value)) walk(item);
    }
  };
  walk(opencc().Locale);
  return [...words];
}
