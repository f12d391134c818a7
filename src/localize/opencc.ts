/**
 * The only place that touches opencc-js. The `tw → cn` converter is built once per process, on
 * first use (building it costs about 10 ms; converting is about 18 M characters/s).
 */
import { Converter, Locale } from 'opencc-js/t2cn';
import type { ConverterFunction } from 'opencc-js/t2cn';

let converter: ConverterFunction | undefined;

/** Converts Traditional (Taiwan) characters to Simplified (mainland) characters, phrase-aware. */
export function twToCn(text: string): string {
  converter ??= Converter({ from: 'tw', to: 'cn' });
  return converter(text);
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
  walk(Locale);
  return [...words];
}
