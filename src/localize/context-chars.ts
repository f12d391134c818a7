/**
 * Characters whose Simplified form depends on the word they are in. OpenCC `tw → cn` gets most
 * words right; the fix words below are the measured exceptions (see docs/editors-glossary.md).
 * Every occurrence of these characters is listed in the review with its context, fixed or not.
 */

/** The characters an editor should see in context, with what to look for. */
export const CONTEXT_CHARACTERS: ReadonlyMap<string, string> = new Map([
  ['著', '著 in 著名/著作/著有/论著/土著/卓著; 着 in 随着/看着/着重/着手'],
  ['乾', '乾 in 乾隆/乾坤; 干 in 干净/干旱/干杯'],
  ['瞭', '瞭 in 瞭望; 了 in 了解/明了'],
  ['藉', '藉 in 狼藉/慰藉/蕴藉; 借 in 借口/借由/凭借'],
  ['於', '于 as a preposition; 於 as a surname (add the name to `keep`)'],
  ['覆', '覆 in 覆盖/颠覆/覆辙; 复 in 答复/反复/复核'],
  ['峯', '峰 is the standard form; a personal name may keep 峯 (add it to `keep`)'],
  ['䥑', '鿏 (meitnerium) is the standard form but the SC fonts lack it; a character cited as such: `keep`'],
]);

/**
 * Words the converter gets wrong, with the right Simplified form, and guard words that keep a
 * longer match from misfiring (隨著有 is 随着 + 有, not 随 + 著有).
 */
export const FIX_WORDS: readonly (readonly [string, string])[] = [
  // 著 (zhù, "to write; notable") keeps 著
  ['著有', '著有'],
  ['論著', '论著'],
  ['土著', '土著'],
  ['卓著', '卓著'],
  ['專著', '专著'],
  ['編著', '编著'],
  ['原著', '原著'],
  ['遺著', '遗著'],
  ['撰著', '撰著'],
  ['舊著', '旧著'],
  ['拙著', '拙著'],
  ['彰明較著', '彰明较著'],
  // guards: aspect 著 (zhe) before 有/重 and after 論
  ['討論著', '讨论着'],
  ['談論著', '谈论着'],
  ['議論著', '议论着'],
  ['爭論著', '争论着'],
  ['辯論著', '辩论着'],
  ['土著重', '土着重'],
  ['隨著', '随着'],
  ['意味著', '意味着'],
  ['有著', '有着'],
  ['帶著', '带着'],
  ['存在著', '存在着'],
  ['面臨著', '面临着'],
  ['代表著', '代表着'],
  ['象徵著', '象征着'],
  ['影響著', '影响着'],
  ['沿著', '沿着'],
  ['朝著', '朝着'],
  ['向著', '向着'],
  ['本著', '本着'],
  ['接著', '接着'],
  ['靠著', '靠着'],
  ['藉著', '借着'],
  // 覆 (review, reply) → 复
  ['覆核', '复核'],
  ['覆議', '复议'],
  ['覆函', '复函'],
];
