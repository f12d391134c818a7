import path from 'node:path';
import { BriefError, diagnostic } from '../errors.js';
import type { Edition, FontOverride, FontRole, Foundation, FoundationArchive, NoteStyle } from '../model.js';
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
    optional: ['conversion', 'notes', 'fonts', 'archive'],
  });
  const values: Partial<Record<(typeof TEXT_FIELDS)[number], string>> = {};
  for (const key of TEXT_FIELDS) values[key] = yaml.string(fields?.get(key), key);
  const conversion = yaml.oneOf(fields?.get('conversion'), 'conversion', ['script', 'mainland'] as const);
  const notes = yaml.oneOf<NoteStyle>(fields?.get('notes'), 'notes', ['footnotes', 'endnotes']);
  const fonts = readFontOverrides(yaml, fields?.get('fonts'), path.dirname(file));
  const archive = readArchive(yaml, fields?.get('archive'));
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
    notes: notes ?? 'footnotes',
    fonts,
    archive,
  };
}

/**
 * `archive: { baseUrl: https://…, issuePath: "{slug}/" }`: where each issue is online, for the QR
 * code on the brief and the catalogue's feed. https only, no spaces, a path that names the issue.
 */
function readArchive(yaml: YamlReader, pair: Pair<Node, Node | null> | undefined): FoundationArchive | null {
  if (!pair) return null;
  const f = yaml.mapping(pair.value, 'archive', { required: ['baseUrl'], optional: ['issuePath'] });
  if (!f) return null;
  const baseUrl = yaml.string(f.get('baseUrl'), 'archive.baseUrl');
  const issuePath = f.has('issuePath') ? yaml.string(f.get('issuePath'), 'archive.issuePath') : '{slug}/';
  const baseNode = f.get('baseUrl')?.value;
  const pathNode = f.get('issuePath')?.value ?? pair.value;
  let ok = baseUrl !== undefined && issuePath !== undefined;
  if (baseUrl !== undefined) {
    let url: URL | null = null;
    try {
      url = /\s/.test(baseUrl) ? null : new URL(baseUrl);
    } catch {
      url = null;
    }
    if (!url || url.protocol !== 'https:' || !url.hostname || url.search || url.hash) {
      yaml.diagnostics.push(
        diagnostic(
          yaml.locate(baseNode),
          'archive/url',
          `archive.baseUrl must be an https:// address without spaces, query or fragment (got '${baseUrl}')`,
          'for example: baseUrl: https://www.pf.org.tw/briefs/',
        ),
      );
      ok = false;
    }
  }
  if (
    issuePath !== undefined &&
    (/\s/.test(issuePath) || !issuePath.includes('{slug}') || /^\/|:\/\//.test(issuePath))
  ) {
    yaml.diagnostics.push(
      diagnostic(
        yaml.locate(pathNode),
        'archive/url',
        `archive.issuePath must be a relative path naming {slug}, without spaces (got '${issuePath}')`,
        'for example: issuePath: "{slug}/" or "{slug}/{edition}.html"',
      ),
    );
    ok = false;
  }
  if (!ok || baseUrl === undefined || issuePath === undefined) return null;
  return { baseUrl: baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`, issuePath };
}

/** The archive address of one edition of an issue. */
export function archiveUrl(archive: FoundationArchive, slug: string, edition: Edition): string {
  const rel = archive.issuePath
    .replaceAll('{slug}', encodeURIComponent(slug))
    .replaceAll('{edition}', edition);
  return new URL(rel, archive.baseUrl).href;
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
