/**
 * Personal names kept as names, and characters cited as characters.
 *
 * A name is kept: vocabulary, transliterations and OpenCC's phrase rules never touch it; its
 * characters are converted one by one, and a character with several Simplified forms follows the
 * rule for names below. Names come from the front matter (the author, `names:`) or are recognised:
 * surname + given name next to a title (王建民部長, 總統賴清德) or after a byline (作者：陳峯).
 *
 * A cited character is one character in 「」/『』 or right after 稱/叫/作/寫作 (…寫作「著」,
 * 台灣作䥑。): when conversion would change it, it is written as it is.
 */
import { twToCn } from './opencc.js';

/** Where a kept name came from. */
export type NameSource = 'author' | 'names' | 'title' | 'byline';

/** What happened to one character with several Simplified forms inside a name. */
export interface NameCharDecision {
  char: string;
  result: string;
  kept: boolean;
}

/**
 * Characters with several Simplified forms, as written inside a personal name: 於 as a surname
 * stays 於 (as a preposition it is 于); 乾 (乾隆), 瞭, 著, 藉, 覆 and 䥑 stay; 峯 takes the
 * mainland standard form 峰 unless the name is listed in `names:` (or `keep`), 餘 徵 夥 follow
 * the standard (余 征 伙).
 */
export const SEVERAL_FORMS: ReadonlyMap<string, string> = new Map([
  ['於', '于'],
  ['峯', '峰'],
  ['乾', '干'],
  ['瞭', '了'],
  ['著', '着'],
  ['藉', '借'],
  ['覆', '复'],
  ['䥑', '鿏'],
  ['餘', '余'],
  ['徵', '征'],
  ['夥', '伙'],
]);

const KEPT_IN_NAMES = new Set(['乾', '瞭', '著', '藉', '覆', '䥑']);

/** A name written for the Simplified edition, with a decision for each character that needed one. */
export function convertName(
  name: string,
  verbatim: boolean,
): { text: string; decisions: NameCharDecision[] } {
  let text = '';
  const decisions: NameCharDecision[] = [];
  [...name].forEach((char, k) => {
    const standard = SEVERAL_FORMS.get(char);
    if (standard === undefined) {
      text += twToCn(char);
      return;
    }
    const kept = verbatim || KEPT_IN_NAMES.has(char) || (char === '於' && k === 0);
    const result = kept ? char : standard;
    decisions.push({ char, result, kept });
    text += result;
  });
  return { text, decisions };
}

const COMPOUND_SURNAMES = [
  '歐陽',
  '司馬',
  '諸葛',
  '上官',
  '東方',
  '皇甫',
  '尉遲',
  '公孫',
  '慕容',
  '長孫',
  '宇文',
  '夏侯',
  '令狐',
  '端木',
  '軒轅',
  '司徒',
  '司空',
  '張簡',
  '范姜',
];
const SURNAMES = new Set([
  ...'王李張劉陳楊黃趙吳周徐孫馬朱胡郭何高林羅鄭梁謝宋唐許韓馮鄧曹彭曾蕭田董袁潘于蔣蔡余杜葉程蘇魏呂丁',
  ...'任沈姚盧姜崔鍾譚陸汪范金石廖賈夏韋方白鄒孟熊秦邱江尹薛閻段雷侯龍史陶黎賀顧毛郝龔邵萬錢嚴武戴',
  ...'莫孔向湯於連洪柯翁詹涂游賴邢溫莊康施卓藍童甘簡紀戚凌翟殷饒倪辜伍艾牛包滕褚柳駱岳傅',
]);

/** Titles that follow or precede a personal name. Longer first. */
const TITLES = [
  '助理研究員',
  '副研究員',
  '研究員',
  '講座教授',
  '副教授',
  '助理教授',
  '教授',
  '副總統',
  '總統',
  '副部長',
  '部長',
  '院長',
  '主任',
  '博士',
  '委員',
  '議員',
  '主席',
  '總理',
  '首相',
  '局長',
  '處長',
  '市長',
  '縣長',
  '大使',
  '董事長',
  '執行長',
  '總經理',
  '所長',
  '校長',
  '署長',
  '司令',
  '將軍',
  '發言人',
  '秘書長',
  '祕書長',
  '立委',
  '先生',
  '女士',
  '律師',
  '分析師',
  '記者',
  '總裁',
  '執委',
];
const BYLINES = ['本文作者', '作者', '撰文', '譯者', '口述', '文／', '文/'];

/** Characters that end a given name: function words that follow names in running text. */
const NOT_IN_GIVEN = new Set([
  ...'的是在和與及對向為於以從曾已將等稱則就也又亦均都今昨近日更指表說認並即而或但乃與之其、，。：；！？「」『』（）　 ',
]);

/** Words ending in 於 in which 於 is the preposition, so that 於 cannot start a name after them. */
const YU_WORDS = new Set([
  ...'由對關至基鑒鑑處屬位等終在出歸限急敢善勇樂易便過甚大小高低多少早晚源來生死始止見載用適利忠免苦忙介'.split(
    '',
  ),
]);

export interface NameSpan {
  start: number;
  end: number;
  name: string;
  source: NameSource;
  /** False when the span looks like a name but is not taken as one (於 read as a preposition). */
  taken: boolean;
}

/** CJK unified ideographs (BMP blocks; names outside them are rare enough to leave alone). */
function isHan(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
}

/** Titles and bylines in one pattern, longer first, so that one regex scan finds them all. */
const MARKER_RE = new RegExp(
  [...TITLES, ...BYLINES]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[/]/g, '\\/'))
    .join('|'),
  'gu',
);
const TITLE_SET = new Set(TITLES);

/** Characters after which a name can start (a function word, punctuation, or the text's start). */
const BEFORE_NAME = new Set([...NOT_IN_GIVEN, ...'由據經請令讓派邀把被跟同替前原現新及或']);

/** The surname at i (compound first), or ''. */
function surnameAt(text: string, i: number): string {
  const two = text.slice(i, i + 2);
  if (COMPOUND_SURNAMES.includes(two)) return two;
  const one = text.charAt(i);
  return SURNAMES.has(one) ? one : '';
}

/** A name that starts at i: surname + one or two given characters. */
function nameFrom(text: string, i: number): string {
  const surname = surnameAt(text, i);
  if (surname === '') return '';
  let end = i + surname.length;
  for (let k = 0; k < 2; k++) {
    const ch = text.charAt(end);
    if (ch === '' || !isHan(ch) || NOT_IN_GIVEN.has(ch)) break;
    end++;
  }
  return end > i + surname.length ? text.slice(i, end) : '';
}

/** A name that ends at e: surname + one or two given characters, the longer when it fits. */
function nameBefore(text: string, e: number): string {
  for (const length of [3, 2, 4]) {
    const start = e - length;
    if (start < 0) continue;
    const candidate = text.slice(start, e);
    if (![...candidate].every((ch, k) => isHan(ch) && (k === 0 || !NOT_IN_GIVEN.has(ch)))) continue;
    const surname = surnameAt(text, start);
    if (surname === '' || candidate.length <= surname.length) continue;
    if (length === 4 && surname.length !== 2) continue;
    return candidate;
  }
  return '';
}

/**
 * Personal names recognised next to titles and after bylines, left to right, without overlaps.
 * A candidate that starts with 於 right after a title or byline (部長於會中表示) is returned
 * with taken = false: 於 is read as the preposition.
 */
export function recognizeNames(text: string): NameSpan[] {
  const spans: NameSpan[] = [];
  const add = (span: NameSpan) => {
    if (spans.some((s) => s.start < span.end && span.start < s.end)) return;
    spans.push(span);
  };
  MARKER_RE.lastIndex = 0;
  for (let m = MARKER_RE.exec(text); m !== null; m = MARKER_RE.exec(text)) {
    const i = m.index;
    const marker = m[0];
    const title = TITLE_SET.has(marker) ? marker : undefined;
    const byline = title === undefined ? marker : undefined;
    if (title !== undefined) {
      const before = nameBefore(text, i);
      const start = i - before.length;
      if (
        before !== '' &&
        (start === 0 || BEFORE_NAME.has(text.charAt(start - 1)) || !isHan(text.charAt(start - 1)))
      ) {
        const yuIsPreposition = before.startsWith('於') && YU_WORDS.has(text.charAt(start - 1));
        if (!yuIsPreposition) add({ start, end: i, name: before, source: 'title', taken: true });
      }
    }
    let after = i + marker.length;
    if (byline !== undefined) while ('：:／/ 　'.includes(text.charAt(after)) && after < text.length) after++;
    // After a byline's separator (作者：於正平) 於 starts a name; right after a title it is the
    // preposition (部長於會中表示).
    const separated = after > i + marker.length;
    const name = nameFrom(text, after);
    // A name that runs on (部長盧特尼克, 主席馮德萊恩) is a transliteration, not surname + given name.
    const next = text.charAt(after + name.length);
    if (name !== '' && !(isHan(next) && !NOT_IN_GIVEN.has(next))) {
      add({
        start: after,
        end: after + name.length,
        name,
        source: title ? 'title' : 'byline',
        taken: separated || !name.startsWith('於'),
      });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Occurrences of the listed names (the author, `names:`), longest first, without overlaps. */
export function findListedNames(
  text: string,
  names: readonly { name: string; source: NameSource }[],
): NameSpan[] {
  const spans: NameSpan[] = [];
  const sorted = [...names].filter((n) => n.name !== '').sort((a, b) => b.name.length - a.name.length);
  for (const { name, source } of sorted) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) {
      if (spans.some((s) => s.start < i + name.length && i < s.end)) continue;
      spans.push({ start: i, end: i + name.length, name, source, taken: true });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** A character cited as a character. */
export interface CitedSpan {
  start: number;
  char: string;
}

/** Trigger + character pairs that are ordinary words, not citations (作為。 叫囂。). */
const TRIGGER_WORDS = new Set([
  '作為',
  '作業',
  '作戰',
  '作風',
  '作價',
  '作廢',
  '作惡',
  '作對',
  '作夢',
  '作證',
  '作亂',
  '作態',
  '作響',
  '作樂',
  '作陪',
  '作嘔',
  '作罷',
  '作數',
  '作莊',
  '作繭',
  '作勢',
  '作聲',
  '作鳥',
  '作物',
  '稱號',
  '稱讚',
  '稱職',
  '稱頌',
  '稱霸',
  '稱謂',
  '稱帝',
  '稱臣',
  '稱雄',
  '稱羨',
  '稱許',
  '稱病',
  '稱兄',
  '叫賣',
  '叫陣',
  '叫囂',
  '叫罵',
  '叫響',
  '叫嚷',
  '叫喚',
  '叫車',
  '叫價',
  '叫絕',
  '叫醒',
  '叫號',
  '叫雞',
  '稱為',
  '叫做',
]);
const QUOTED_RE = /[「『“‘]([\p{Script=Han}])[」』”’]/gu;
/** Words right before a quoted character that make it a cited character (寫作「著」, 叫「乾」). */
const CITE_CUES = ['寫作', '寫成', '稱為', '叫做', '稱', '叫', '作', '寫', '字', '用'];
const TRIGGERED_RE = /(寫作|寫成|稱為|叫做|稱|叫|作)([\p{Script=Han}])(?=[」』”’，。、；：！？）)\s]|字|$)/gu;

/** Cited characters that conversion would change. */
export function findCitedCharacters(text: string): CitedSpan[] {
  const found = new Map<number, string>();
  QUOTED_RE.lastIndex = 0;
  for (let m = QUOTED_RE.exec(text); m !== null; m = QUOTED_RE.exec(text)) {
    const char = m[1] ?? '';
    // A one-character quotation (他說「對」) is speech, not a citation: it needs a cue before it,
    // 字 after it, or a character known to have several forms.
    const before = text.slice(Math.max(0, m.index - 2), m.index);
    const cited =
      SEVERAL_FORMS.has(char) ||
      CITE_CUES.some((cue) => before.endsWith(cue)) ||
      text.charAt(m.index + m[0].length) === '字';
    if (cited && twToCn(char) !== char) found.set(m.index + 1, char);
  }
  TRIGGERED_RE.lastIndex = 0;
  for (let m = TRIGGERED_RE.exec(text); m !== null; m = TRIGGERED_RE.exec(text)) {
    const trigger = m[1] ?? '';
    const char = m[2] ?? '';
    if (TRIGGER_WORDS.has(trigger.slice(-1) + char)) continue;
    if (twToCn(char) !== char) found.set(m.index + trigger.length, char);
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([start, char]) => ({ start, char }));
}
