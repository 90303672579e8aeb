/* tebiki search, the part every page loads: the "/" key, and loading the
   search engine (search-engine.min.js, minified from search-engine.js) when
   a reader starts to search, so pages stay light. A plain script tag, so it
   works from file:// too. */
(function () {
  "use strict";
  var doc = document, started = false;
  function start() {
    if (started) return;
    started = true;
    var el = doc.createElement("script");
    el.src = (doc.body.getAttribute("data-root") || "") + "_tebiki/search-engine.min.js";
    el.async = true;
    doc.head.appendChild(el);
  }
  var input = doc.getElementById("search-input");
  if (input) {
    input.addEventListener("focus", start);
    input.addEventListener("input", start);
  }
  // The search page searches as soon as it opens.
  if (doc.getElementById("search-page-results")) start();
  doc.addEventListener("keydown", function (ev) {
    var t = ev.target, tag = t && t.tagName;
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey || !input) return;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    ev.preventDefault();
    input.focus();
    input.select();
  });
})();
