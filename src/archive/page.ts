/**
 * The catalogue page, `out/index.html`, and its script `out/catalogue.js`: static files that work
 * opened from file:// or any static server, with no network requests. The page's own wording is
 * here in both scripts (LABELS); the issues come from `catalogue-data.js`, the search index from
 * `search/NN.js` (loaded per query), thumbnails from `thumbs/`.
 */

export const LABELS = {
  hant: {
    lang: 'zh-Hant-TW',
    heading: '典藏',
    search: '搜尋標題、作者、關鍵詞與全文',
    searchLabel: '搜尋',
    year: '年份',
    keyword: '關鍵詞',
    all: '全部',
    results: '{n} 篇',
    none: '沒有符合的文章',
    more: '顯示更多',
    pages: '{n} 頁',
    hant: '繁體版 PDF',
    hans: '简体版 PDF',
    sidecar: '資料 (JSON)',
    feed: '訂閱 (Atom)',
    list: '目錄 (JSON)',
    keyPoints: '重點摘要',
    script: '字體',
    thumb: '第 1 頁',
  },
  hans: {
    lang: 'zh-Hans-CN',
    heading: '典藏',
    search: '搜索标题、作者、关键词与全文',
    searchLabel: '搜索',
    year: '年份',
    keyword: '关键词',
    all: '全部',
    results: '{n} 篇',
    none: '没有符合的文章',
    more: '显示更多',
    pages: '{n} 页',
    hant: '繁體版 PDF',
    hans: '简体版 PDF',
    sidecar: '数据 (JSON)',
    feed: '订阅 (Atom)',
    list: '目录 (JSON)',
    keyPoints: '重点摘要',
    script: '字体',
    thumb: '第 1 页',
  },
} as const;

function esc(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page shell: controls and an empty list the script fills (from the first screenful on). */
export function catalogueHtml(series: { hant: string; hans: string }, version: string): string {
  const l = LABELS.hant;
  return `<!doctype html>
<html lang="zh-Hant-TW">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(version)}">
<link rel="icon" href="data:,">
<title>${esc(series.hant)} ${esc(l.heading)}</title>
<link rel="alternate" type="application/atom+xml" href="feed.xml" title="${esc(series.hant)}">
<style>
:root { color-scheme: light; --ink: #1a1a1a; --blue: #12305a; --link: #1d4f91; --rule: #c9d2de; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.6 system-ui, "Noto Sans TC", "Noto Sans SC", sans-serif; color: var(--ink); background: #f6f7f9; }
header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.2rem; }
h1 { color: var(--blue); font-size: 1.6rem; margin: 0 0 .6rem; }
.controls { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin-bottom: .8rem; }
.controls label { display: flex; flex-direction: column; font-size: .85rem; color: #444; }
.controls .q { flex: 1 1 16rem; }
input, select, button { font: inherit; padding: .35rem .5rem; border: 1px solid #8a97a8; border-radius: 4px; background: #fff; color: var(--ink); }
button { cursor: pointer; }
button[aria-pressed="true"] { background: var(--blue); color: #fff; border-color: var(--blue); }
:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
.script { display: flex; gap: .25rem; }
#count { color: #444; margin: .4rem 0; }
ol#list { list-style: none; padding: 0; margin: 0; }
.issue { display: grid; grid-template-columns: 90px 1fr; gap: .9rem; background: #fff; border: 1px solid var(--rule); border-radius: 6px; padding: .8rem; margin-bottom: .7rem; }
.issue img { width: 90px; height: 127px; border: 1px solid var(--rule); background: #eee; }
.issue h2 { font-size: 1.15rem; margin: 0; color: var(--blue); }
.meta { color: #555; font-size: .9rem; }
.kw { display: flex; flex-wrap: wrap; gap: .3rem; padding: 0; margin: .3rem 0; list-style: none; }
.kw li { font-size: .8rem; background: #e8edf4; border-radius: 3px; padding: 0 .4rem; }
.points { margin: .3rem 0; padding-left: 1.2rem; font-size: .9rem; }
.files { display: flex; flex-wrap: wrap; gap: .3rem 1rem; font-size: .9rem; }
a { color: var(--link); }
#more { margin: .5rem 0 1.5rem; }
footer { font-size: .85rem; color: #555; padding-bottom: 2rem; }
@media (max-width: 480px) { .issue { grid-template-columns: 64px 1fr; } .issue img { width: 64px; height: 90px; } }
@media print { .controls, #more, footer { display: none; } body { background: #fff; } .issue { break-inside: avoid; border-color: #999; } }
</style>
</head>
<body>
<header>
<h1 id="heading">${esc(series.hant)} ${esc(l.heading)}</h1>
<form class="controls" role="search" id="controls">
<label class="q"><span data-label="searchLabel">${esc(l.searchLabel)}</span><input type="search" id="q" name="q" autocomplete="off" placeholder="${esc(l.search)}"></label>
<label><span data-label="year">${esc(l.year)}</span><select id="year" name="year"><option value="">${esc(l.all)}</option></select></label>
<label><span data-label="keyword">${esc(l.keyword)}</span><select id="kw" name="kw"><option value="">${esc(l.all)}</option></select></label>
<div class="script" role="group" aria-label="字體 / 字体"><button type="button" id="script-hant" lang="zh-Hant-TW" aria-pressed="true">繁體</button><button type="button" id="script-hans" lang="zh-Hans-CN" aria-pressed="false">简体</button></div>
</form>
<p id="count" role="status" aria-live="polite"></p>
</header>
<main>
<ol id="list"></ol>
<button type="button" id="more" hidden>${esc(l.more)}</button>
<noscript><p>This page needs JavaScript for its list; the issues are in <a href="catalogue.json">catalogue.json</a> and <a href="feed.xml">feed.xml</a>.</p></noscript>
</main>
<footer><a href="feed.xml" data-label="feed">${esc(l.feed)}</a> · <a href="catalogue.json" data-label="list">${esc(l.list)}</a> · ${esc(version)}</footer>
<script src="catalogue-data.js"></script>
<script src="catalogue.js"></script>
</body>
</html>
`;
}

/**
 * The page's script (plain ES2020, no dependencies). Search tokens, shards and postings follow
 * src/archive/tokens.ts exactly (tests/archive/catalogue.test.ts runs both on the same queries).
 */
export const CATALOGUE_JS = String.raw`'use strict';
(function () {
  var C = window.BRIEF_CATALOGUE;
  var L = C.labels;
  var CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{323af}]/u;
  var PIECES = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{323af}]+|(?:(?![\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{323af}])[\p{L}\p{N}])+/gu;
  var PAGE = 30;
  var shards = {};
  var waiting = {};
  window.briefSearchShard = function (n, data) { shards[n] = data; if (waiting[n]) { waiting[n](); delete waiting[n]; } };
  function queryTokens(q) {
    var out = [];
    var pieces = q.normalize('NFKC').toLowerCase().match(PIECES) || [];
    pieces.forEach(function (p) {
      if (!CJK.test(p)) { if (out.indexOf(p) < 0) out.push(p); return; }
      var chars = Array.from(p);
      if (chars.length === 1 && out.indexOf(p) < 0) out.push(p);
      for (var i = 0; i + 1 < chars.length; i++) { var t = chars[i] + chars[i + 1]; if (out.indexOf(t) < 0) out.push(t); }
    });
    return out;
  }
  function shardOf(token) {
    var h = 0;
    for (var ch of token) h = (h * 31 + ch.codePointAt(0)) % 1000003;
    return h % C.shards;
  }
  function decode(text) {
    var out = [], prev = -1;
    text.split(',').forEach(function (item) {
      if (!item) return;
      var parts = item.split(':');
      var start = prev + parseInt(parts[0], 36);
      var n = parts[1] ? parseInt(parts[1], 36) : 1;
      for (var k = 0; k < n; k++) out.push(start + k);
      prev = start + n - 1;
    });
    return out;
  }
  function loadShard(n) {
    if (shards[n]) return Promise.resolve();
    return new Promise(function (resolve) {
      waiting[n] = resolve;
      var s = document.createElement('script');
      s.src = 'search/' + (n < 10 ? '0' : '') + n + '.js';
      s.onerror = function () { shards[n] = {}; resolve(); };
      document.head.appendChild(s);
    });
  }
  function search(q) {
    var tokens = queryTokens(q);
    if (!tokens.length) return Promise.resolve(null);
    var need = [];
    tokens.forEach(function (t) { var n = shardOf(t); if (need.indexOf(n) < 0) need.push(n); });
    return Promise.all(need.map(loadShard)).then(function () {
      var hit = null;
      for (var i = 0; i < tokens.length; i++) {
        var postings = shards[shardOf(tokens[i])][tokens[i]];
        if (!postings) return new Set();
        var ids = new Set(decode(postings));
        if (hit) { var both = new Set(); hit.forEach(function (id) { if (ids.has(id)) both.add(id); }); hit = both; } else hit = ids;
      }
      return hit;
    });
  }

  // For the tests: the same answers as src/archive/tokens.ts.
  window.briefTokens = { queryTokens: queryTokens, shardOf: shardOf, decode: decode };

  var params = new URLSearchParams(location.search);
  var state = { q: params.get('q') || '', year: params.get('year') || '', kw: params.get('kw') || '', script: params.get('script') === 'hans' ? 'hans' : 'hant' };
  var $ = function (id) { return document.getElementById(id); };
  var qInput = $('q'), yearSel = $('year'), kwSel = $('kw'), list = $('list'), more = $('more'), count = $('count');
  var shown = [], rendered = 0, run = 0;

  function option(sel, value, text) { var o = document.createElement('option'); o.value = value; o.textContent = text; sel.appendChild(o); }
  var years = [], kws = {};
  C.issues.forEach(function (it) {
    if (years.indexOf(it.year) < 0) years.push(it.year);
    it.k[0].forEach(function (k, i) { var key = k; if (!kws[key]) kws[key] = { n: 0, hans: it.k[1] ? it.k[1][i] : k }; kws[key].n++; });
  });
  years.sort().reverse().forEach(function (y) { option(yearSel, y, y); });
  Object.keys(kws).sort(function (a, b) { return kws[b].n - kws[a].n || (a < b ? -1 : 1); }).slice(0, 300).forEach(function (k) { option(kwSel, k, k); });
  qInput.value = state.q; yearSel.value = state.year; kwSel.value = state.kw;

  function pick(pair) { return state.script === 'hans' && pair.length > 1 ? pair[1] : pair[0]; }
  function langOf() { return L[state.script].lang; }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function kb(bytes) { return Math.round(bytes / 1024) + ' KB'; }

  function entry(it) {
    var li = el('li', 'issue');
    li.lang = langOf();
    var img = el('img');
    img.loading = 'lazy'; img.decoding = 'async'; img.width = 90; img.height = 127;
    img.alt = pick(it.t) + ' ' + L[state.script].thumb;
    if (it.thumb) img.src = it.thumb;
    li.appendChild(img);
    var body = el('div');
    var h = el('h2', '', pick(it.t));
    body.appendChild(h);
    body.appendChild(el('p', 'meta', [it.n ? pick(it.n) : '', it.date, pick(it.a)].filter(Boolean).join(' · ')));
    var kw = el('ul', 'kw');
    pick(it.k).forEach(function (k) { kw.appendChild(el('li', '', k)); });
    body.appendChild(kw);
    var points = pick(it.s);
    if (points.length) {
      var ul = el('ul', 'points');
      ul.setAttribute('aria-label', L[state.script].keyPoints);
      points.forEach(function (p) { ul.appendChild(el('li', '', p)); });
      body.appendChild(ul);
    }
    var files = el('p', 'files');
    it.f.forEach(function (f) {
      var a = el('a', '', L[state.script][f.e === 'zh-Hans' ? 'hans' : 'hant']);
      a.href = f.file; a.lang = f.lang; a.type = 'application/pdf';
      files.appendChild(a);
      files.appendChild(el('span', 'meta', kb(f.bytes) + ' · ' + L[state.script].pages.replace('{n}', f.pages)));
    });
    var j = el('a', '', L[state.script].sidecar); j.href = it.json; j.type = 'application/json';
    files.appendChild(j);
    body.appendChild(files);
    li.appendChild(body);
    return li;
  }

  function renderMore() {
    var end = Math.min(shown.length, rendered + PAGE);
    var frag = document.createDocumentFragment();
    for (; rendered < end; rendered++) frag.appendChild(entry(C.issues[shown[rendered]]));
    list.appendChild(frag);
    more.hidden = rendered >= shown.length;
  }

  function labels() {
    var l = L[state.script];
    document.documentElement.lang = l.lang;
    $('heading').textContent = C.series[state.script] + ' ' + l.heading;
    document.title = $('heading').textContent;
    qInput.placeholder = l.search;
    document.querySelectorAll('[data-label]').forEach(function (e) { e.textContent = l[e.getAttribute('data-label')]; e.lang = l.lang; });
    more.textContent = l.more; more.lang = l.lang;
    yearSel.options[0].textContent = l.all; kwSel.options[0].textContent = l.all;
    for (var i = 1; i < kwSel.options.length; i++) { var k = kwSel.options[i].value; kwSel.options[i].textContent = state.script === 'hans' ? kws[k].hans : k; }
    kwSel.lang = l.lang;
    $('script-hant').setAttribute('aria-pressed', String(state.script === 'hant'));
    $('script-hans').setAttribute('aria-pressed', String(state.script === 'hans'));
  }

  function saveUrl() {
    var p = new URLSearchParams();
    if (state.q) p.set('q', state.q);
    if (state.year) p.set('year', state.year);
    if (state.kw) p.set('kw', state.kw);
    if (state.script === 'hans') p.set('script', 'hans');
    var s = p.toString();
    try { history.replaceState(null, '', s ? '?' + s : location.pathname); } catch (e) { /* some file:// setups refuse */ }
  }

  function update() {
    var mine = ++run;
    saveUrl();
    return search(state.q).then(function (hits) {
      if (mine !== run) return;
      shown = [];
      for (var i = 0; i < C.issues.length; i++) {
        var it = C.issues[i];
        if (hits && !hits.has(i)) continue;
        if (state.year && it.year !== state.year) continue;
        if (state.kw && it.k[0].indexOf(state.kw) < 0) continue;
        shown.push(i);
      }
      list.textContent = ''; rendered = 0;
      renderMore();
      var l = L[state.script];
      count.textContent = shown.length ? l.results.replace('{n}', shown.length) : l.none;
      count.lang = l.lang;
      // What the list now answers (tests and the benchmark wait for it).
      document.body.setAttribute('data-answers', state.q);
      document.body.setAttribute('data-ready', String(mine));
    });
  }

  var timer = 0;
  qInput.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(function () { state.q = qInput.value.trim(); update(); }, 80); });
  $('controls').addEventListener('submit', function (e) { e.preventDefault(); state.q = qInput.value.trim(); update(); });
  yearSel.addEventListener('change', function () { state.year = yearSel.value; update(); });
  kwSel.addEventListener('change', function () { state.kw = kwSel.value; update(); });
  function setScript(s) { state.script = s; labels(); update(); }
  $('script-hant').addEventListener('click', function () { setScript('hant'); });
  $('script-hans').addEventListener('click', function () { setScript('hans'); });
  more.addEventListener('click', renderMore);
  if ('IntersectionObserver' in window) new IntersectionObserver(function (es) { if (es[0].isIntersecting && !more.hidden) renderMore(); }, { rootMargin: '400px' }).observe(more);
  window.addEventListener('beforeprint', function () { while (rendered < shown.length) renderMore(); });
  labels();
  update();
})();
`;
