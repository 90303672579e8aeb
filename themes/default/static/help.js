/* tebiki help ids: what a product's help button opens.
   On open.html (`open.html?id=print&lang=ja`, or `open.html#id=print&lang=ja`
   where a query string is awkward, as from file://) it finds the id in the
   map of help-ids.js (a script setting a global, so it loads from disk) and
   goes to the page and place, in the reader's language when the page has
   one in it: `lang`, else the language the reader last chose with the
   language switch (`tebiki-lang`), else the browser's; else the original.
   An id the map lacks goes to the search page (`search.html#help-id=…`),
   which says so; no id at all, to the search page. Never a blank page, no
   network, nothing sent anywhere. */
(function () {
  "use strict";

  /** The parameters of the query and of the fragment (the query wins). */
  function params() {
    var out = {};
    [location.search.slice(1), location.hash.slice(1)].forEach(function (part) {
      part.split("&").forEach(function (kv) {
        if (!kv) { return; }
        var i = kv.indexOf("=");
        var k = i < 0 ? kv : kv.slice(0, i);
        var v = i < 0 ? "" : kv.slice(i + 1);
        try {
          k = decodeURIComponent(k.replace(/\+/g, " "));
          v = decodeURIComponent(v.replace(/\+/g, " "));
        } catch (e) { return; }
        if (!Object.prototype.hasOwnProperty.call(out, k)) { out[k] = v; }
      });
    });
    return out;
  }

  function stored() {
    try { return JSON.parse(localStorage.getItem("tebiki-lang")); } catch (e) { return null; }
  }

  /** The language of `langs` (codes) that best matches `want` (`ja-JP` → `ja`). */
  function match(want, langs) {
    if (!want) { return null; }
    var w = String(want).toLowerCase();
    var i;
    for (i = 0; i < langs.length; i++) { if (langs[i].toLowerCase() === w) { return langs[i]; } }
    var primary = w.split("-")[0];
    for (i = 0; i < langs.length; i++) { if (langs[i].toLowerCase().split("-")[0] === primary) { return langs[i]; } }
    return null;
  }

  /** The reader's languages, most wanted first. */
  function wanted(p) {
    var out = [];
    if (p.lang) { out.push(p.lang); }
    var s = stored();
    if (typeof s === "string") { out.push(s); }
    (navigator.languages || [navigator.language]).forEach(function (l) { if (l) { out.push(l); } });
    return out;
  }

  function openPage(data) {
    var p = params();
    var id = (p.id || "").trim();
    var map = (window.tebikiHelpIds && window.tebikiHelpIds.ids) || {};
    var entries = Object.prototype.hasOwnProperty.call(map, id) ? map[id] : null;
    var want = wanted(p);
    if (entries && entries.length) {
      var langs = entries.map(function (e) { return e.lang; });
      var chosen = entries[0];
      for (var i = 0; i < want.length; i++) {
        var l = match(want[i], langs);
        if (l) { chosen = entries[langs.indexOf(l)]; break; }
      }
      location.replace(chosen.url);
      return;
    }
    // Unknown (or no) id: the search page in the reader's language, saying so.
    var lang = data.languages[0];
    for (var j = 0; j < want.length; j++) {
      var m = match(want[j], data.languages);
      if (m) { lang = m; break; }
    }
    location.replace(data.search[lang] + (id ? "#help-id=" + encodeURIComponent(id) : ""));
  }

  function explainUnknown() {
    var box = document.getElementById("help-unknown");
    if (!box) { return; }
    var p = params();
    if (!Object.prototype.hasOwnProperty.call(p, "help-id")) { return; }
    var text = box.querySelector("[data-template]");
    text.textContent = text.getAttribute("data-template").replace("{id}", p["help-id"]);
    box.hidden = false;
  }

  var data = document.getElementById("help-open-data");
  if (data) {
    openPage(JSON.parse(data.textContent));
  } else {
    explainUnknown();
  }
}());
