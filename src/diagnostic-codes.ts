/**
 * Every diagnostic code the tool reports, with what it means. The README's table of codes is
 * checked against this list (tests/cli/usage.test.ts).
 */
export const DIAGNOSTIC_CODES = {
  'file/missing': 'a file the build needs does not exist',
  'file/unreadable': 'a file exists but cannot be read (permissions, a folder)',
  'file/outside-issue': 'an article names a file outside its issue folder (absolute, `..`, a link out)',
  'yaml/syntax': 'the YAML of a front matter or profile is not valid YAML',
  'front-matter/missing': 'the article does not start with, or does not close, its front matter',
  'field/missing': 'a required key is absent',
  'field/unknown': 'a key the format does not know (often a typo)',
  'field/invalid': 'a value of the wrong kind or out of range',
  'markdown/unsupported': 'a Markdown construct a brief cannot hold',
  'markdown/empty': 'an empty heading or a body without paragraphs',
  'markdown/footnote': 'a footnote cited but not defined, defined but never cited, or defined twice',
  'glossary/invalid': 'a malformed glossary or vocabulary line',
  'glossary/unused': 'warning: a glossary entry never matched the text',
  'font/uncovered': 'a character no face of its role has',
  'font/invalid': 'a font file that cannot be used (missing, not a font, a web or variable font)',
  'font/manifest': 'the fonts manifest is malformed',
  'photo/unreadable': 'the photo is missing, empty, corrupt, too large or not an image',
  'photo/low-resolution': 'warning: the photo has under 150 ppi at its placed size',
  'template/output': 'a template writes a value without an escaping helper',
  'template/syntax': 'a Handlebars syntax error in a template',
  'template/undefined': "a template uses a value that is not in the template's data",
  'template/json': 'the templates produced invalid JSON',
  'template/definition': 'the templates produced a document pdfmake cannot lay out',
  'template/layout': 'templates/layout.json is missing a number or has a wrong one',
  'import/empty': 'a file given to brief import is empty, blank or holds no body text',
  'import/binary': 'a file given to brief import is binary, or text in neither UTF-8, UTF-16 nor Big5',
  'import/unsupported':
    'a file type brief import does not read (.pdf, .doc, …), or a zip that is no Word file',
  'import/refused': 'a .docx over the zip limits, damaged, encrypted, or with unaccepted tracked changes',
  'issue/exists': 'brief new or brief import would overwrite an existing issue folder',
  'issue/slug': 'a slug that is not a safe folder name',
  'profile/template': "the foundation's disclaimer uses an unknown name",
  // issue 14: tagged PDF (PDF/UA-1, PDF/A-2a)
  'template/role': 'a template block that sets text or an image has no role, or an unknown one',
  'photo/alt': 'the photo or a figure has no alt text (or an empty one without decorative: true)',
  // Issue 13: the archive.
  'archive/url': "the profile's archive address is not https, has spaces, or its path does not name {slug}",
  'archive/sidecar':
    'a sidecar in the output folder cannot be read into the catalogue (hand-edited, truncated)',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
