// tebiki serve: live reload and the problems overlay. Injected into pages
// by the dev server only; never part of a built site.
(function () {
  "use strict";
  var KEY = "tebiki-serve-scroll";
  var OVERLAY = "tebiki-serve-problems";
  var here = decodeURIComponent(location.pathname).replace(/^\/+/, "");
  if (here === "" || /\/$/.test(here)) here += "index.html";

  // Keep the reading position across a reload.
  try {
    var saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
    sessionStorage.removeItem(KEY);
    if (saved && saved.path === here) {
      var restore = function () { window.scrollTo(saved.x, saved.y); };
      if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
    }
  } catch (e) { /* storage may be off */ }

  function reload() {
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ path: here, x: window.scrollX, y: window.scrollY }));
    } catch (e) { /* storage may be off */ }
    location.reload();
  }

  // Whether this page shows a changed file: itself, a theme file (not the
  // search index, which a page only reads when searched), or a file it loads.
  function concerns(path) {
    if (path.indexOf("_tebiki/search/") === 0) return false;
    if (path === here || path.indexOf("_tebiki/") === 0) return true;
    var els = document.querySelectorAll("img[src], link[href], script[src]");
    for (var i = 0; i < els.length; i++) {
      var url = els[i].src || els[i].href || "";
      if (decodeURIComponent(url.split(/[?#]/)[0]).slice(-(path.length + 1)) === "/" + path) return true;
    }
    return false;
  }

  // `html` is the whole overlay element, as the server injects it.
  function showProblems(html) {
    var el = document.getElementById(OVERLAY);
    if (el) el.outerHTML = html; else document.body.insertAdjacentHTML("beforeend", html);
  }

  function clearProblems() {
    var el = document.getElementById(OVERLAY);
    if (el) el.remove();
  }

  var events = new EventSource("/__tebiki/events");
  events.addEventListener("reload", function (e) {
    var changed = JSON.parse(e.data).changed || [];
    if (changed.some(concerns)) reload();
  });
  events.addEventListener("problems", function (e) { showProblems(JSON.parse(e.data).html); });
  events.addEventListener("clear", clearProblems);
})();
