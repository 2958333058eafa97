//! The review's style sheet, legend and the index's one small script, inlined into every page
//! so each file is self-contained (no network, no framework).

/// OCR confidence (0–100) below which a line or record is flagged as doubtful.
pub(crate) const LOW_CONFIDENCE: f32 = 60.0;

/// The legend of the text column's marks.
pub(crate) const LEGEND: &str = "<ul class=\"legend\">\
<li><span class=\"sw z-header\"></span>header zone</li>\
<li><span class=\"sw z-attendance\"></span>attendance zone</li>\
<li><span class=\"sw not-taken\"></span>in a zone, but no record came from it</li>\
<li><span class=\"sw dropped-sw\"></span>page furniture (running header, page number): not read</li>\
<li><b>12</b> a record starts here · <b class=\"warned-n\">12</b> a warning points here</li>\
<li><span class=\"ctl\">U+202E</span> an invisible character, shown by its code</li>\
</ul>\n";

pub(crate) const CSS: &str = r#"
:root{--fg:#1d1d1f;--muted:#66666c;--rule:#e2e2e8;--hz:#2f6fd6;--hzbg:#edf3ff;--az:#1f8a4c;--azbg:#eaf7ef;--nt:#a85400;--ntbg:#ffefcf;--warn:#c0262d;--target:#ffe066}
*{box-sizing:border-box}
html{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--fg);background:#fff}
body{margin:0}
a{color:#1a56b8}
header.top{padding:10px 20px 8px;border-bottom:1px solid var(--rule);background:#f8f8fa}
header.top h1{font-size:1.3rem;margin:2px 0}
header.top nav{font-size:.9rem}
.path{color:var(--muted);margin:0 0 4px;overflow-wrap:anywhere;font-size:.9rem}
dl.facts{display:flex;flex-wrap:wrap;gap:2px 18px;margin:4px 0}
dl.facts div,dl.meeting div{display:flex;gap:6px}
dt{color:var(--muted)}
dd{margin:0}
.status{display:inline-block;padding:0 8px;border-radius:10px;font-weight:600;font-size:.85rem;white-space:nowrap}
.s-ok{background:#e1f3e6;color:#17663a}
.s-partial{background:#ffefcf;color:#844700}
.s-empty{background:#fde0e0;color:#961b1b}
.s-not_minutes{background:#ebebf0;color:#46464f}
.s-failed{background:#961b1b;color:#fff}
.notice{padding:5px 10px;border-left:4px solid var(--nt);background:var(--ntbg);margin:6px 0;max-width:70em}
.notice.bad{border-color:var(--warn);background:#fde0e0}
ul.legend{list-style:none;padding:0;margin:6px 0 0;display:flex;flex-wrap:wrap;gap:2px 16px;font-size:.82rem;color:var(--muted)}
ul.legend .sw{display:inline-block;width:1.6em;height:1em;vertical-align:-2px;margin-right:5px;border-left:4px solid transparent}
.dropped-sw{background:#f0f0f2}
.warned-n{color:var(--warn)}
.layout{display:grid;grid-template-columns:minmax(0,1.1fr) minmax(0,1fr);align-items:start}
main.text{padding:4px 14px 30vh;border-right:1px solid var(--rule);min-width:0}
aside.records{position:sticky;top:0;max-height:100vh;overflow:auto;padding:0 16px 30vh}
.page h2{font-size:1rem;margin:14px 0 4px;padding-bottom:2px;border-bottom:2px solid var(--rule)}
.meta{color:var(--muted);font-weight:normal;font-size:.85rem}
.lines{font:13px/1.5 "DejaVu Sans Mono",ui-monospace,Menlo,Consolas,monospace}
.line{display:flex;gap:8px;border-left:4px solid transparent;padding-left:2px;min-height:1.5em}
.line .n{flex:0 0 3em;text-align:right;color:#a0a0a8;text-decoration:none}
.line .t{flex:1 1 auto;min-width:0;white-space:pre-wrap;overflow-wrap:anywhere;unicode-bidi:isolate}
.line .refs{flex:0 0 auto;display:flex;gap:3px;align-items:flex-start;font:11px/1.9 system-ui,sans-serif}
.ref{padding:0 5px;border-radius:6px;background:#e6e6ee;color:#333;text-decoration:none}
.ref.w{background:#fde0e0;color:var(--warn)}
.more{color:var(--muted)}
.z-header{border-left-color:var(--hz);background:var(--hzbg)}
.z-attendance{border-left-color:var(--az);background:var(--azbg)}
.not-taken{background:repeating-linear-gradient(135deg,var(--ntbg) 0 7px,#ffe2a8 7px 14px)}
.line.not-taken .t::after{content:"  ← not taken";color:var(--nt);font:italic 12px system-ui,sans-serif}
.dropped{background:#f3f3f5}
.dropped .t{color:#9a9aa2;text-decoration:line-through}
.cited .n{color:var(--fg);font-weight:700}
.warned .n{color:var(--warn);font-weight:700}
.low-conf .t{text-decoration:underline dotted var(--warn)}
.ctl{font-size:.75em;padding:0 2px;border:1px solid var(--warn);color:var(--warn);border-radius:3px}
/* A target is scrolled to below the records' sticky bar, with some context above it. */
.line{scroll-margin-top:3em}
.records [id]{scroll-margin-top:2.6em}
.line:target,.records :target{background:var(--target)!important;outline:2px solid #d9a400;outline-offset:-1px}
.empty-page{color:var(--muted);font-style:italic}
.no-text{margin:20px 0;padding:10px 14px;border:2px dashed var(--warn);border-radius:6px}
.records h2{font-size:1.05rem;margin:14px 0 6px}
.jump{font-size:.88rem;position:sticky;top:0;z-index:1;background:#fff;padding:6px 0;border-bottom:1px solid var(--rule)}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:3px 6px;border-bottom:1px solid var(--rule);vertical-align:top}
th{font-weight:600;color:#44444c}
.src{font:12px "DejaVu Sans Mono",ui-monospace,monospace;white-space:nowrap;padding:0 4px;border-radius:4px;background:#e9eefb;color:#203a70;text-decoration:none}
a.src:hover{background:#d6e0f7}
.src.unresolved{background:#fde0e0;color:var(--warn)}
.num{color:var(--muted);font-size:.85em}
.about{display:block;color:var(--muted);font-size:.84rem}
.absent{color:var(--warn);font-size:.84rem}
.participant.absent .name{color:#7a1d1d}
.ocr{font-size:.75rem;margin-left:6px;padding:0 4px;border-radius:4px;background:#e6e6ee;white-space:nowrap}
.ocr.low{background:#fde0e0;color:var(--warn)}
article.item{border:1px solid var(--rule);border-radius:6px;padding:5px 10px;margin:8px 0}
article.item h3{font-size:.95rem;margin:2px 0}
.closed{font-size:.78rem;color:var(--muted);border:1px solid var(--rule);border-radius:4px;padding:0 4px}
ul.sections{list-style:none;padding:0;margin:4px 0;font-size:.87rem}
ul.sections li{margin:2px 0}
.excerpt{color:#44444c}
.decision{background:#f5f5f8;border-radius:4px;padding:3px 8px;margin-top:6px;font-size:.9rem}
.decision p{margin:3px 0}
.outcome{font-size:.78rem;padding:0 6px;border-radius:8px;background:#e1f3e6;color:#17663a}
.o-rejected{background:#fde0e0;color:#961b1b}
.o-postponed,.o-referred{background:#ffefcf;color:#844700}
.o-noted,.o-discussed{background:#ebebf0;color:#46464f}
table.votes th{width:6em}
td.count{width:3em;text-align:right}
.none,.null{color:var(--muted);font-style:italic}
ol.warnings{padding:0;list-style:none;font-size:.88rem;margin:0}
li.warning{padding:3px 0;border-bottom:1px solid var(--rule)}
code.code{color:var(--warn);font-weight:600}
body.index main{padding:0 20px 40px}
nav.filters{margin:8px 0;display:flex;flex-wrap:wrap;gap:6px;align-items:center}
nav.filters a{padding:1px 10px;border:1px solid var(--rule);border-radius:12px;text-decoration:none;color:var(--fg);font-size:.9rem}
nav.filters a[aria-current]{background:var(--fg);color:#fff;border-color:var(--fg)}
#shown{color:var(--muted);font-size:.9rem;margin-left:8px}
table#documents th button{font:inherit;font-weight:600;border:0;background:none;padding:0;cursor:pointer;color:#44444c}
table#documents th[aria-sort=ascending] button::after{content:" ▲"}
table#documents th[aria-sort=descending] button::after{content:" ▼"}
table#documents td.n,table#documents th.n{text-align:right;font-variant-numeric:tabular-nums}
table#documents tr:hover td{background:#f6f8fd}
.codes{font-size:.8rem;color:var(--muted)}
.codes code{color:var(--warn)}
.reason{font-size:.85rem;color:var(--warn)}
tr[hidden]{display:none}
@media (max-width:900px){.layout{display:block}aside.records{position:static;max-height:none;overflow:visible}}
@media print{
  html{font-size:10pt}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  header.top{background:none;padding:0 0 6px}
  header.top nav,nav.jump,nav.filters,.line .refs{display:none}
  .layout{display:block}
  main.text{border:0;padding:0}
  aside.records{position:static;max-height:none;overflow:visible;padding:0;break-before:page}
  .lines{font-size:8.5pt}
  .page+.page{break-before:page}
  .line,article.item,tr,li.warning{break-inside:avoid}
  a{color:inherit;text-decoration:none}
  .line:target,.records :target{background:none!important;outline:0}
}
"#;

/// The index's script: filter by status and sort by a column, both read from the URL
/// (`index.html#status=partial,empty&sort=-warnings`, or the same as a query) on load and on
/// every change, so a filtered view can be bookmarked. It reads nothing but the page's own
/// attributes; no document text is ever part of it.
pub(crate) const INDEX_JS: &str = r##"
(function () {
  "use strict";
  var table = document.getElementById("documents");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  function decode(text) {
    try { return decodeURIComponent(text); } catch (e) { return text; }
  }
  function settings() {
    var out = {};
    (location.search.slice(1) + "&" + location.hash.slice(1)).split("&").forEach(function (part) {
      if (!part) { return; }
      var at = part.indexOf("=");
      var key = decode(at < 0 ? part : part.slice(0, at));
      out[key] = at < 0 ? "" : decode(part.slice(at + 1));
    });
    return out;
  }
  function fragment(status, sort) {
    var parts = [];
    if (status) { parts.push("status=" + status); }
    if (sort) { parts.push("sort=" + sort); }
    return "#" + parts.join("&");
  }
  function value(row, column) {
    var cell = row.cells[column];
    var v = cell.getAttribute("data-v");
    return v !== null ? Number(v) : cell.textContent.trim().toLowerCase();
  }
  function order(row) { return Number(row.getAttribute("data-order")); }
  function sortBy(key) {
    var desc = key.charAt(0) === "-";
    var name = desc ? key.slice(1) : key;
    var column = -1;
    heads.forEach(function (th, i) {
      th.removeAttribute("aria-sort");
      if (name && th.getAttribute("data-key") === name) { column = i; }
    });
    if (column >= 0) { heads[column].setAttribute("aria-sort", desc ? "descending" : "ascending"); }
    rows.sort(function (a, b) {
      var c = 0;
      if (column >= 0) {
        var x = value(a, column), y = value(b, column);
        c = (typeof x === "number" && typeof y === "number") ? x - y : String(x).localeCompare(String(y), "da");
        if (desc) { c = -c; }
      }
      return c || order(a) - order(b);
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function apply() {
    var s = settings();
    var wanted = (s.status || "").split(",").filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var match = wanted.length === 0 || wanted.indexOf(row.getAttribute("data-status")) >= 0;
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    var filter = wanted.length ? wanted.join(",") : "all";
    document.body.setAttribute("data-filter", filter);
    var count = document.getElementById("shown");
    if (count) { count.textContent = shown + " of " + rows.length + " shown"; }
    Array.prototype.forEach.call(document.querySelectorAll("nav.filters a"), function (a) {
      if (a.getAttribute("data-filter") === filter) { a.setAttribute("aria-current", "true"); }
      else { a.removeAttribute("aria-current"); }
    });
    sortBy(s.sort || "");
  }
  heads.forEach(function (th) {
    var button = th.querySelector("button");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var s = settings();
      var key = th.getAttribute("data-key");
      location.hash = fragment(s.status, s.sort === key ? "-" + key : key);
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("nav.filters a"), function (a) {
    a.addEventListener("click", function (event) {
      var f = a.getAttribute("data-filter");
      event.preventDefault();
      location.hash = fragment(f === "all" ? "" : f, settings().sort);
    });
  });
  window.addEventListener("hashchange", apply);
  apply();
})();
"##;
