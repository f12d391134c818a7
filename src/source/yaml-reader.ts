import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node, Pair } from 'yaml';
import { diagnostic } from '../errors.js';
import type { Diagnostic, DiagnosticCode, SourceLocation } from '../model.js';

/**
 * Reads a YAML document (a profile, or an article's front matter) and validates it field by field,
 * collecting every problem with its line and column instead of stopping at the first.
 */
export class YamlReader {
  readonly diagnostics: Diagnostic[] = [];
  readonly root: Node | null;
  private readonly lines = new LineCounter();

  /**
   * @param file path shown in diagnostics
   * @param text the YAML text
   * @param firstLine the line of `file` on which `text` starts (front matter starts on line 2)
   */
  constructor(
    readonly file: string,
    text: string,
    private readonly firstLine = 1,
  ) {
    const doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    for (const e of doc.errors) {
      const pos = this.lines.linePos(e.pos[0]);
      const reason = e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? e.message;
      this.diagnostics.push({
        file,
        line: pos.line + firstLine - 1,
        column: pos.col,
        code: 'yaml/syntax',
        severity: 'error',
        message: `invalid YAML: ${reason}`,
      });
    }
    this.root = doc.errors.length ? null : (doc.contents as Node | null);
  }

  locate(node: Node | null | undefined): SourceLocation {
    const offset = node?.range?.[0];
    if (offset === undefined) return { file: this.file, line: this.firstLine };
    const pos = this.lines.linePos(offset);
    return { file: this.file, line: pos.line + this.firstLine - 1, column: pos.col };
  }

  error(node: Node | null | undefined, message: string, code: DiagnosticCode = 'field/invalid'): void {
    this.diagnostics.push(diagnostic(this.locate(node), code, message));
  }

  /**
   * The pairs of a mapping, keyed by name. Unknown keys and missing required keys are errors, so a
   * typo (`captoin:`) never passes silently.
   */
  mapping(
    node: Node | null | undefined,
    what: string,
    fields: { required: readonly string[]; optional: readonly string[] },
  ): Map<string, Pair<Node, Node | null>> | undefined {
    if (!isMap(node)) {
      this.error(node, `${what} must be a mapping of keys to values`);
      return undefined;
    }
    const known = new Set([...fields.required, ...fields.optional]);
    const found = new Map<string, Pair<Node, Node | null>>();
    for (const pair of node.items as Pair<Node, Node | null>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) {
        this.error(pair.key, `${what}: keys must be plain names`);
      } else if (!known.has(key)) {
        this.error(
          pair.key,
          `unknown key '${key}' in ${what}; expected one of: ${[...known].join(', ')} (is it a typo?)`,
          'field/unknown',
        );
      } else {
        found.set(key, pair);
      }
    }
    for (const key of fields.required) {
      if (!found.has(key)) this.error(node, `${what} is missing the required key '${key}'`, 'field/missing');
    }
    return found;
  }

  /** A non-empty string value (numbers such as phone numbers are taken as written). */
  string(pair: Pair<Node, Node | null> | undefined, what: string): string | undefined {
    if (!pair) return undefined;
    const node = pair.value;
    if (!isScalar(node) || node.value === null || typeof node.value === 'boolean') {
      // An empty value (`date:`) is a key left for a person to fill in, as `brief new` writes it.
      if (isEmptyValue(node)) this.error(node ?? pair.key, `${what} is empty; fill it in`, 'field/missing');
      else this.error(node ?? pair.key, `${what} must be text`);
      return undefined;
    }
    const text = (node.source ?? String(node.value)).trim();
    if (text === '') {
      this.error(node, `${what} must not be empty`);
      return undefined;
    }
    return text;
  }

  /** A list of non-empty strings. */
  stringList(pair: Pair<Node, Node | null> | undefined, what: string): string[] | undefined {
    if (!pair) return undefined;
    const node = pair.value;
    if (!isSeq(node)) {
      if (isEmptyValue(node)) {
        this.error(node ?? pair.key, `${what} is empty; fill it in (a list: [a, b])`, 'field/missing');
      } else this.error(node ?? pair.key, `${what} must be a list`);
      return undefined;
    }
    const out: string[] = [];
    for (const item of node.items as Node[]) {
      if (!isScalar(item) || item.value === null || String(item.value).trim() === '') {
        this.error(item, `each entry of ${what} must be non-empty text`);
      } else {
        out.push(String(item.value).trim());
      }
    }
    return out;
  }

  /** Entries of a mapping from text to text, with their locations (used for glossaries). */
  stringMap(
    pair: Pair<Node, Node | null> | undefined,
    what: string,
  ): { key: string; value: string; at: SourceLocation }[] | undefined {
    if (!pair) return undefined;
    const node = pair.value;
    if (!isMap(node)) {
      this.error(node ?? pair.key, `${what} must be a mapping (source: target)`);
      return undefined;
    }
    const out: { key: string; value: string; at: SourceLocation }[] = [];
    for (const item of node.items as Pair<Node, Node | null>[]) {
      const key = isScalar(item.key) ? String(item.key.value).trim() : '';
      const value = isScalar(item.value) && item.value.value !== null ? String(item.value.value).trim() : '';
      if (!key || !value) {
        this.error(item.key, `each entry of ${what} needs a source term and a non-empty target`);
      } else {
        out.push({ key, value, at: this.locate(item.key) });
      }
    }
    return out;
  }

  /** A number in [min, max]. */
  number(
    pair: Pair<Node, Node | null> | undefined,
    what: string,
    min: number,
    max: number,
  ): number | undefined {
    if (!pair) return undefined;
    const node = pair.value;
    if (!isScalar(node) || typeof node.value !== 'number' || node.value < min || node.value > max) {
      this.error(node ?? pair.key, `${what} must be a number from ${min} to ${max}`);
      return undefined;
    }
    return node.value;
  }

  /** One of a fixed set of words. */
  oneOf<T extends string>(
    pair: Pair<Node, Node | null> | undefined,
    what: string,
    allowed: readonly T[],
  ): T | undefined {
    const text = this.string(pair, what);
    if (text === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(text)) {
      this.error(pair?.value, `${what} must be one of: ${allowed.join(', ')} (got '${text}')`);
      return undefined;
    }
    return text as T;
  }
}

function isEmptyValue(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}
