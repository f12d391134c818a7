/**
 * The machine-checkable PDF/UA-1 rules our briefs can break, checked on a PDF with the in-repo
 * object reader (no qpdf, nothing outside the repository): the rules of the team's pdfua-check
 * tool that apply to what the build writes. Each function returns problems as text; [] means it holds.
 */
import type { PdfDict, PdfFile, PdfValue } from './pdf-objects.js';
import { Name, Ref, isDict, isStream, nameOf, pdfText } from './pdf-objects.js';

export interface StructNode {
  role: string;
  num: number;
  dict: PdfDict;
  parent: StructNode | null;
  kids: StructNode[];
  /** MCIDs with the number of the page object they are on. */
  mcids: { page: number; mcid: number }[];
  /** Annotation object numbers (OBJR). */
  annots: { annot: number; page: number }[];
}

const STANDARD = new Set(
  (
    'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 ' +
    'L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot ' +
    'Ruby RB RT RP Warichu WT WP Figure Formula Form'
  ).split(' '),
);

/** The structure tree, read from the catalog. */
export function structTree(pdf: PdfFile): StructNode {
  const root = pdf.dict(pdf.catalog['StructTreeRoot']);
  const pageOf = (v: PdfValue | undefined): number => (v instanceof Ref ? v.num : -1);
  const read = (ref: PdfValue, parent: StructNode | null): StructNode => {
    const num = ref instanceof Ref ? ref.num : -1;
    const dict = pdf.dict(ref);
    const node: StructNode = {
      role: nameOf(dict['S']) ?? '?',
      num,
      dict,
      parent,
      kids: [],
      mcids: [],
      annots: [],
    };
    const pg = pageOf(dict['Pg']);
    const k = dict['K'];
    const kids = Array.isArray(k) ? k : k === undefined ? [] : [k];
    for (const kid of kids) {
      if (typeof kid === 'number') node.mcids.push({ page: pg, mcid: kid });
      else if (kid instanceof Ref) node.kids.push(read(kid, node));
      else if (isDict(kid) && nameOf(kid['Type']) === 'MCR')
        node.mcids.push({ page: pageOf(kid['Pg']), mcid: Number(kid['MCID']) });
      else if (isDict(kid) && nameOf(kid['Type']) === 'OBJR')
        node.annots.push({ annot: pageOf(kid['Obj']), page: pageOf(kid['Pg']) });
    }
    return node;
  };
  const top: StructNode = {
    role: 'StructTreeRoot',
    num: -1,
    dict: root,
    parent: null,
    kids: [],
    mcids: [],
    annots: [],
  };
  const k = root['K'];
  for (const kid of Array.isArray(k) ? k : [k]) if (kid instanceof Ref) top.kids.push(read(kid, top));
  return top;
}

/** Every element in document (reading) order. */
export function preorder(node: StructNode): StructNode[] {
  return [node, ...node.kids.flatMap(preorder)];
}

/** The text an element's own marked content shows, per page content stream. */
export function pageObjects(pdf: PdfFile): number[] {
  const out: number[] = [];
  const visit = (v: PdfValue | undefined): void => {
    const d = pdf.dict(v);
    if (nameOf(d['Type']) === 'Page' && v instanceof Ref) out.push(v.num);
    const kids = d['Kids'];
    if (Array.isArray(kids)) for (const kid of kids) visit(kid);
  };
  visit(pdf.catalog['Pages']);
  return out;
}

/** Catalog, page and tree-level rules: 6.2, 7.1-8/10, 7.2-34, 7.18.3, 14.7.4 (ParentTree). */
export function documentProblems(pdf: PdfFile): string[] {
  const problems: string[] = [];
  const cat = pdf.catalog;
  const markInfo = pdf.dict(cat['MarkInfo']);
  if (markInfo['Marked'] !== true) problems.push('MarkInfo /Marked is not true');
  const prefs = cat['ViewerPreferences'] === undefined ? {} : pdf.dict(cat['ViewerPreferences']);
  if (prefs['DisplayDocTitle'] !== true) problems.push('ViewerPreferences /DisplayDocTitle is not true');
  if (!pdfText(pdf.resolve(cat['Lang']))) problems.push('catalog has no /Lang');
  for (const page of pageObjects(pdf)) {
    const d = pdf.dict(new Ref(page, 0));
    if (nameOf(d['Tabs']) !== 'S') problems.push(`page ${page} has no /Tabs /S`);
  }
  const root = pdf.dict(cat['StructTreeRoot']);
  const parentTree = pdf.dict(root['ParentTree']);
  if (parentTree['Limits'] !== undefined) problems.push('the ParentTree root has /Limits');
  return problems;
}

/**
 * Tree rules: standard types only (7.1-5), /P is the parent (7.1-12), list and table nesting
 * (7.2), Figure Alt (7.3-1), heading order (7.4.2-1), TH Scope (7.5-1), Note IDs (7.9),
 * Links with their annotations (7.18.5), and the ParentTree agreeing with the MCIDs (14.7.4).
 */
export function treeProblems(pdf: PdfFile): string[] {
  const problems: string[] = [];
  const top = structTree(pdf);
  const all = preorder(top).slice(1);
  const ids = new Set<string>();
  let lastHeading = 0;
  for (const e of all) {
    const at = `${e.role} #${e.num}`;
    if (!STANDARD.has(e.role)) problems.push(`${at}: not a standard structure type`);
    const p = e.dict['P'];
    const parentNum = e.parent?.num ?? -1;
    if (!(p instanceof Ref) || (parentNum !== -1 && p.num !== parentNum))
      problems.push(`${at}: /P is not its parent`);
    const kidRoles = e.kids.map((k) => k.role);
    const parentRole = e.parent?.role ?? '';
    if (e.role === 'LI' && parentRole !== 'L') problems.push(`${at}: LI outside L`);
    if (e.role === 'L' && kidRoles.some((r) => r !== 'LI' && r !== 'L' && r !== 'Caption'))
      problems.push(`${at}: L holds ${kidRoles.join(' ')}`);
    if (e.role === 'LI' && kidRoles.some((r) => r !== 'Lbl' && r !== 'LBody'))
      problems.push(`${at}: LI holds ${kidRoles.join(' ')}`);
    if (e.role === 'TR' && !['Table', 'THead', 'TBody', 'TFoot'].includes(parentRole))
      problems.push(`${at}: TR outside a table`);
    if ((e.role === 'TH' || e.role === 'TD') && parentRole !== 'TR') problems.push(`${at}: cell outside TR`);
    if (e.role === 'Table' && kidRoles.some((r) => !['THead', 'TBody', 'TFoot', 'TR', 'Caption'].includes(r)))
      problems.push(`${at}: Table holds ${kidRoles.join(' ')}`);
    if (e.role === 'Figure' && !pdfText(pdf.resolve(e.dict['Alt'])))
      problems.push(`${at}: Figure without Alt`);
    if (e.role === 'TH') {
      const a = e.dict['A'] === undefined ? {} : pdf.dict(e.dict['A']);
      if (!['Row', 'Column', 'Both'].includes(nameOf(a['Scope']) ?? ''))
        problems.push(`${at}: TH without Scope`);
    }
    if (e.role === 'Note') {
      const id = pdfText(pdf.resolve(e.dict['ID']));
      if (!id) problems.push(`${at}: Note without ID`);
      else if (ids.has(id)) problems.push(`${at}: Note ID ${id} used twice`);
      else ids.add(id);
    }
    const level = /^H([1-6])$/.exec(e.role)?.[1];
    if (level) {
      const n = Number(level);
      if (lastHeading === 0 && n !== 1) problems.push(`${at}: the first heading is not H1`);
      if (n > lastHeading + 1 && lastHeading !== 0) problems.push(`${at}: heading skips a level`);
      lastHeading = n;
    }
  }
  // ParentTree: each page's array names, for every MCID, the element that has it.
  const root = pdf.dict(pdf.catalog['StructTreeRoot']);
  const nums = pdf.dict(root['ParentTree'])['Nums'];
  const tree = new Map<number, PdfValue>();
  if (Array.isArray(nums))
    for (let i = 0; i + 1 < nums.length; i += 2) tree.set(Number(nums[i]), nums[i + 1] ?? null);
  const owner = new Map<string, number>();
  for (const e of all) for (const m of e.mcids) owner.set(`${m.page}/${m.mcid}`, e.num);
  for (const page of pageObjects(pdf)) {
    const d = pdf.dict(new Ref(page, 0));
    const key = d['StructParents'];
    if (key === undefined) continue;
    const arr = pdf.resolve(tree.get(Number(key)));
    if (!Array.isArray(arr)) {
      problems.push(`page ${page}: no ParentTree entry`);
      continue;
    }
    arr.forEach((ref, mcid) => {
      const want = owner.get(`${page}/${mcid}`);
      if (!(ref instanceof Ref) || ref.num !== want)
        problems.push(`page ${page} MCID ${mcid}: ParentTree disagrees`);
    });
    for (const k of owner.keys()) {
      const [pg, mcid] = k.split('/').map(Number) as [number, number];
      if (pg === page && mcid >= arr.length)
        problems.push(`page ${page} MCID ${mcid}: not in the ParentTree`);
    }
    // Links: every annotation has a StructParent leading to a Link with an OBJR to it and Contents.
    const annots = pdf.resolve(d['Annots']);
    for (const a of Array.isArray(annots) ? annots : []) {
      if (!(a instanceof Ref)) continue;
      const ad = pdf.dict(a);
      if (nameOf(ad['Subtype']) !== 'Link') continue;
      const sp = ad['StructParent'];
      const elem = sp === undefined ? undefined : tree.get(Number(sp));
      const e = elem instanceof Ref ? all.find((x) => x.num === elem.num) : undefined;
      if (!e || e.role !== 'Link') problems.push(`annot ${a.num}: not in a Link element`);
      else if (!e.annots.some((o) => o.annot === a.num && o.page === page))
        problems.push(`annot ${a.num}: its Link has no OBJR to it on page ${page}`);
      if (!pdfText(pdf.resolve(ad['Contents']))?.trim()) problems.push(`annot ${a.num}: empty /Contents`);
    }
  }
  return problems;
}

/**
 * Content rules (7.1-3): every text-showing, path-painting and image operator is inside marked
 * content with an MCID or inside an Artifact; no tagged content inside an Artifact or the reverse;
 * BDC/EMC balanced. Counts what each page marks, for the assertions on what is an artifact.
 */
export function contentProblems(pdf: PdfFile): { problems: string[]; artifacts: Record<string, number> } {
  const problems: string[] = [];
  const artifacts: Record<string, number> = {};
  const PAINT = new Set(['Tj', 'TJ', "'", '"', 'S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'sh', 'Do']);
  for (const page of pageObjects(pdf)) {
    const d = pdf.dict(new Ref(page, 0));
    const contents = pdf.resolve(d['Contents']);
    const streams = (Array.isArray(contents) ? contents.map((c) => pdf.resolve(c)) : [contents]).filter(
      isStream,
    );
    const data = Buffer.concat(streams.map((s) => s.data)).toString('latin1');
    const stack: ('mcid' | 'artifact' | 'other')[] = [];
    let operands: string[] = [];
    for (const token of tokens(data)) {
      if (!/^[A-Za-z'"*]+$/.test(token) || token === 'true' || token === 'false' || token === 'null') {
        operands.push(token);
        continue;
      }
      if (token === 'BDC' || token === 'BMC') {
        const tag = operands.find((o) => o.startsWith('/')) ?? '';
        const props = operands.join(' ');
        const kind = tag === '/Artifact' ? 'artifact' : /\/MCID\s/.test(props) ? 'mcid' : 'other';
        if (kind === 'mcid' && stack.includes('artifact'))
          problems.push(`page ${page}: MCID inside an Artifact`);
        if (kind === 'artifact' && stack.includes('mcid'))
          problems.push(`page ${page}: Artifact inside tagged content`);
        if (kind === 'artifact') {
          const type = /\/Type\s*\/(\w+)/.exec(props)?.[1] ?? 'none';
          artifacts[type] = (artifacts[type] ?? 0) + 1;
        }
        stack.push(kind);
      } else if (token === 'EMC') {
        if (stack.pop() === undefined) problems.push(`page ${page}: EMC without BDC`);
      } else if (PAINT.has(token) && !stack.includes('mcid') && !stack.includes('artifact')) {
        problems.push(`page ${page}: ${token} outside marked content`);
      }
      operands = [];
    }
    if (stack.length) problems.push(`page ${page}: ${stack.length} marked-content sequences left open`);
  }
  return { problems: [...new Set(problems)], artifacts };
}

/** Content-stream tokens: strings and dictionaries kept whole enough not to be read as operators. */
function* tokens(s: string): Generator<string> {
  let i = 0;
  while (i < s.length) {
    const c = s[i] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (c === '%') {
      while (i < s.length && s[i] !== '\n') i++;
    } else if (c === '(') {
      let depth = 0;
      const start = i;
      for (; i < s.length; i++) {
        if (s[i] === '\\') i++;
        else if (s[i] === '(') depth++;
        else if (s[i] === ')' && --depth === 0) break;
      }
      i++;
      yield s.slice(start, i);
    } else if (c === '<' && s[i + 1] === '<') {
      yield '<<';
      i += 2;
    } else if (c === '>' && s[i + 1] === '>') {
      yield '>>';
      i += 2;
    } else if (c === '<') {
      const end = s.indexOf('>', i);
      yield s.slice(i, end + 1);
      i = end + 1;
    } else if (c === '[' || c === ']' || c === '{' || c === '}') {
      yield c;
      i++;
    } else {
      const start = i;
      i++;
      while (i < s.length && !/[\s()<>[\]{}/%]/.test(s[i] ?? '')) i++;
      yield s.slice(start, i);
    }
  }
}

export { Name };
