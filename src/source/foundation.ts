import path from 'node:path';
import { BriefError } from '../errors.js';
import type { Edition, FontOverride, FontRole, Foundation } from '../model.js';
import { EDITIONS } from '../model.js';
import type { SourceLocation } from '../model.js';
import { readUserFile } from '../files.js';
import { YamlReader } from './yaml-reader.js';
import { isMap, isSeq } from 'yaml';
import type { Node, Pair } from 'yaml';

const TEXT_FIELDS = [
  'name',
  'shortName',
  'series',
  'about',
  'address',
  'tel',
  'fax',
  'url',
  'disclaimer',
] as const;
const FONT_ROLES: readonly FontRole[] = ['body', 'bodyBold', 'heading', 'sans'];

/**
 * Fills the disclaimer's `{{shortName}}`-style names from the profile. The template stage provides
 * it (src/template's renderTextTemplate): this stage knows no template engine.
 */
export type FillText = (template: string, data: Record<string, string>, origin: SourceLocation) => string;

/** Reads and validates assets/foundation.yaml. Every problem is reported at once, with its line. */
export function loadFoundation(file: string, fillText: FillText): Foundation {
  const text = readSource(file, 'foundation profile');
  const yaml = new YamlReader(file, text);
  if (yaml.diagnostics.length) throw new BriefError(yaml.diagnostics);
  const fields = yaml.mapping(yaml.root, 'the foundation profile', {
    required: TEXT_FIELDS,
    optional: ['conversion', 'fonts'],
  });
  const values: Partial<Record<(typeof TEXT_FIELDS)[number], string>> = {};
  for (const key of TEXT_FIELDS) values[key] = yaml.string(fields?.get(key), key);
  const conversion = yaml.oneOf(fields?.get('conversion'), 'conversion', ['script', 'mainland'] as const);
  const fonts = readFontOverrides(yaml, fields?.get('fonts'), path.dirname(file));
  if (yaml.diagnostics.length) throw new BriefError(yaml.diagnostics);

  const v = values as Record<(typeof TEXT_FIELDS)[number], string>;
  const disclaimerAt = yaml.locate(fields?.get('disclaimer')?.value);
  const profile = {
    name: v.name,
    shortName: v.shortName,
    series: v.series,
    about: v.about,
    address: v.address,
    tel: v.tel,
    fax: v.fax,
    url: v.url,
  };
  return {
    file,
    ...profile,
    disclaimer: fillText(v.disclaimer, profile, disclaimerAt),
    conversion: conversion ?? 'mainland',
    fonts,
  };
}

function readFontOverrides(
  yaml: YamlReader,
  pair: Pair<Node, Node | null> | undefined,
  baseDir: string,
): FontOverride[] {
  if (!pair) return [];
  if (!isSeq(pair.value)) {
    yaml.error(pair.value ?? pair.key, 'fonts must be a list of {edition, role, file, face?}');
    return [];
  }
  const out: FontOverride[] = [];
  for (const item of pair.value.items as Node[]) {
    if (!isMap(item)) {
      yaml.error(item, 'each entry of fonts must be a mapping {edition, role, file, face?}');
      continue;
    }
    const f = yaml.mapping(item, 'a fonts entry', {
      required: ['edition', 'role', 'file'],
      optional: ['face'],
    });
    const edition = yaml.oneOf<Edition>(f?.get('edition'), 'edition', EDITIONS);
    const role = yaml.oneOf<FontRole>(f?.get('role'), 'role', FONT_ROLES);
    const file = yaml.string(f?.get('file'), 'file');
    const face = yaml.string(f?.get('face'), 'face');
    if (edition && role && file) {
      out.push({
        edition,
        role,
        file: path.resolve(baseDir, file),
        ...(face ? { face } : {}),
        origin: yaml.locate(item),
      });
    }
  }
  return out;
}

/** Reads a UTF-8 source file (the one reader of user files, src/files.ts). */
export function readSource(file: string, what: string): string {
  return readUserFile(file, what);
}
