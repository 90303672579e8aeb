/* tebiki default theme behaviour. Plain script (no modules, no network), so
   it also runs when the site is opened from disk (file://). Everything on the
   page is readable without it; it adds comfort: the theme toggle, step mode
   and done checks, opening linked questions, a language switch that keeps
   the reader's place, the screenshot lightbox, copy buttons, variant tabs
   and "Was this helpful?". What a reader chooses is kept in localStorage,
   per page under "tebiki:" + the page's path, the variant chosen (for
   every page) under "tebiki-variant", and the language last chosen with the
   language switch under "tebiki-lang" (help.js prefers it). */
(function () {
  "use strict";
  var doc = document, root = doc.documentElement;

  function $(sel, el) { return (el || doc).querySelector(sel); }
  function $$(sel, el) { return Array.prototype.slice.call((el || doc).querySelectorAll(sel)); }
  function on(el, type, fn, opts) { if (el) el.addEventListener(type, fn, opts); }

  // UI strings of the page's language (themes/default/templates/ui-strings.html).
  var strings = {};
  try { strings = JSON.parse($("#tebiki-strings").textContent); } catch (e) { /* keys stand in */ }
  function str(key, vars) {
    var s = strings[key] || key;
    for (var k in vars) s = s.split("{" + k + "}").join(vars[k]);
    return s;
  }

  // localStorage may be refused (private windows, some file:// setups): then nothing is kept.
  function load(key) { try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; } }
  function keep(key, value) { try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* not kept */ } }
  var pageKey = "tebiki:" + location.pathname;
  var state = load(pageKey) || {};
  if (!Array.isArray(state.done)) state.done = [];
  function save() { keep(pageKey, state); }

  // One polite live region for short announcements ("Copied").
  var live = doc.createElement("div");
  live.className = "visually-hidden";
  live.setAttribute("role", "status");
  doc.body.appendChild(live);
  function announce(text) { live.textContent = ""; setTimeout(function () { live.textContent = text; }, 50); }

  /* ---- Anchors land below the sticky header, however many rows it has. ---- */
  var header = $(".site-header");
  function headerHeight() { root.style.setProperty("--header-h", header.offsetHeight + "px"); }
  if (header && window.ResizeObserver) new ResizeObserver(headerHeight).observe(header);

  /* ---- Dark mode: follows the system until the reader picks one. ---- */
  var darkQuery = window.matchMedia ? matchMedia("(prefers-color-scheme: dark)") : null;
  var themeButtons = $$(".theme-toggle");
  function isDark() {
    var chosen = root.getAttribute("data-theme");
    return chosen ? chosen === "dark" : !!(darkQuery && darkQuery.matches);
  }
  function syncTheme() { themeButtons.forEach(function (b) { b.setAttribute("aria-pressed", String(isDark())); }); }
  themeButtons.forEach(function (b) {
    on(b, "click", function () {
      var next = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem("tebiki-theme", next); } catch (e) { /* not kept */ }
      syncTheme();
    });
  });
  if (darkQuery && darkQuery.addEventListener) darkQuery.addEventListener("change", syncTheme);

  // The language a reader chooses is remembered: a product's help button
  // (open.html, help.js) then opens pages in it.
  Array.prototype.forEach.call(document.querySelectorAll(".lang-switch a[hreflang]"), function (a) {
    on(a, "click", function () { keep("tebiki-lang", a.getAttribute("hreflang")); });
  });
  on(window, "storage", function (e) {
    if (e.key === "tebiki-theme" && (e.newValue === "dark" || e.newValue === "light")) {
      root.setAttribute("data-theme", e.newValue);
      syncTheme();
    }
  });
  syncTheme();

  /* ---- Questions: open the one a link points at; "expand all" per group. ---- */
  // The questions a button governs: those of the block that holds it.
  function groupOf(button) { return $$("details.qa", button.closest(".qa-tools").parentNode); }
  function syncQaTools() {
    $$(".qa-toggle-all").forEach(function (b) {
      var all = groupOf(b).every(function (d) { return d.open; });
      b.setAttribute("aria-expanded", String(all));
      $(".qa-toggle-label", b).textContent = str(all ? "collapse_all" : "expand_all");
    });
  }
  $$(".qa-toggle-all").forEach(function (b) {
    on(b, "click", function () {
      var open = b.getAttribute("aria-expanded") !== "true";
      groupOf(b).forEach(function (d) { d.open = open; });
      syncQaTools();
    });
  });
  on(doc, "toggle", function (e) { if (e.target.matches && e.target.matches("details.qa")) syncQaTools(); }, true);
  syncQaTools();

  // Print every answer, then fold them back.
  var foldedForPrint = [];
  on(window, "beforeprint", function () {
    foldedForPrint = $$("details:not([open])");
    foldedForPrint.forEach(function (d) { d.open = true; });
  });
  on(window, "afterprint", function () {
    foldedForPrint.forEach(function (d) { d.open = false; });
    foldedForPrint = [];
  });

  /* ---- Copy buttons on code blocks. ---- */
  function icon(name) {
    var span = doc.createElement("span");
    span.className = "icon icon-" + name;
    span.setAttribute("aria-hidden", "true");
    return span;
  }
  function copyText(text) {
    function fallback() {
      var area = doc.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.cssText = "position:fixed;top:0;left:0;opacity:0";
      doc.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = doc.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
    }
    if (navigator.clipboard && navigator.clipboard.writeText) return navigator.clipboard.writeText(text).catch(fallback);
    return fallback();
  }
  $$("main pre").forEach(function (pre) {
    var wrap = doc.createElement("div");
    wrap.className = "code-block";
    pre.parentNode.insertBefore(wrap, pre);
    wrap.appendChild(pre);
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "btn copy-btn";
    function label(name, text) {
      button.textContent = "";
      button.appendChild(icon(name));
      button.appendChild(doc.createTextNode(text));
    }
    label("copy", str("copy"));
    var timer;
    on(button, "click", function () {
      var text = (pre.querySelector("code") || pre).textContent.replace(/\n$/, "");
      copyText(text).then(function () {
        label("check", str("copied"));
        button.classList.add("is-copied");
        announce(str("copied"));
      }, function () {
        label("copy", str("copy_failed"));
        announce(str("copy_failed"));
      });
      button.focus();
      clearTimeout(timer);
      timer = setTimeout(function () { label("copy", str("copy")); button.classList.remove("is-copied"); }, 2000);
    });
    wrap.appendChild(button);
  });

  /* ---- Screenshot lightbox: a modal dialog, keyboard first. ---- */
  var shots = $$(".screenshot-link");
  var box, boxImg, boxFrame, boxWhole, boxCaption, boxCount, boxClose, boxPrev, boxNext, shown = -1, opener = null;
  var phone = window.matchMedia ? window.matchMedia("(max-width: 600px)") : null;
  function iconButton(cls, name) {
    var b = doc.createElement("button");
    b.type = "button";
    b.className = "btn " + cls;
    b.appendChild(icon(name));
    return b;
  }
  function buildBox() {
    box = doc.createElement("dialog");
    box.className = "lightbox";
    box.setAttribute("aria-labelledby", "lightbox-caption");
    var bar = doc.createElement("div");
    bar.className = "lightbox-bar";
    boxCount = doc.createElement("p");
    boxCount.className = "lightbox-count";
    boxClose = iconButton("lightbox-close", "close");
    boxClose.appendChild(doc.createTextNode(str("close")));
    // On a phone a marked screenshot opens zoomed on its marks (the frame
    // scrolls, so a finger can pan); this button shows it whole and back.
    boxWhole = doc.createElement("button");
    boxWhole.type = "button";
    boxWhole.className = "btn lightbox-whole";
    boxWhole.setAttribute("aria-pressed", "false");
    boxWhole.textContent = str("shot_whole");
    bar.appendChild(boxCount);
    bar.appendChild(boxClose);
    var figure = doc.createElement("figure");
    figure.className = "lightbox-figure";
    boxFrame = doc.createElement("div");
    boxFrame.className = "lightbox-frame";
    boxImg = doc.createElement("img");
    boxImg.className = "lightbox-img";
    boxImg.alt = "";
    boxCaption = doc.createElement("figcaption");
    boxCaption.id = "lightbox-caption";
    boxCaption.className = "lightbox-caption";
    boxFrame.appendChild(boxImg);
    figure.appendChild(boxFrame);
    figure.appendChild(boxCaption);
    boxPrev = iconButton("lightbox-prev", "left");
    boxPrev.setAttribute("aria-label", str("prev_image"));
    boxNext = iconButton("lightbox-next", "right");
    boxNext.setAttribute("aria-label", str("next_image"));
    box.appendChild(bar);
    box.appendChild(figure);
    box.appendChild(boxWhole);
    box.appendChild(boxPrev);
    box.appendChild(boxNext);
    on(boxClose, "click", function () { box.close(); });
    on(boxWhole, "click", function () {
      setZoom(boxWhole.getAttribute("aria-pressed") === "true");
    });
    on(boxPrev, "click", function () { showShot(shown - 1); });
    on(boxNext, "click", function () { showShot(shown + 1); });
    on(box, "click", function (e) { if (e.target === box || e.target === figure) box.close(); });
    on(box, "close", function () {
      if (opener) opener.focus();
      opener = null;
    });
    on(box, "keydown", function (e) {
      if (e.key === "ArrowRight") { showShot(shown + 1); e.preventDefault(); }
      else if (e.key === "ArrowLeft") { showShot(shown - 1); e.preventDefault(); }
      else if (e.key === "Tab") {
        // Keep focus inside: close → previous → next → close.
        var order = [boxClose, boxPrev, boxNext];
        if (box.classList.contains("can-zoom")) order.unshift(boxWhole);
        var i = order.indexOf(doc.activeElement);
        order[(i + (e.shiftKey ? order.length - 1 : 1)) % order.length].focus();
        e.preventDefault();
      }
    });
    doc.body.appendChild(box);
  }
  function showShot(i) {
    if (i < 0 || i >= shots.length) return;
    shown = i;
    var link = shots[i], img = $("img", link), figure = link.closest("figure");
    var caption = figure && $("figcaption", figure), step = link.closest(".step");
    boxImg.src = link.href;
    boxImg.alt = img ? img.alt : "";
    if (img && img.getAttribute("width")) {
      boxImg.width = +img.getAttribute("width");
      boxImg.height = +img.getAttribute("height");
    }
    placeMarks(figure && $(".shot-marks", figure));
    // The build's focus box of a marked screenshot (--focus-* on its figure).
    var focus = figure && figure.classList.contains("has-focus") ? figure.getAttribute("style") : "";
    boxFrame.setAttribute("style", focus || "");
    box.classList.toggle("can-zoom", !!focus && !!phone && phone.matches);
    setZoom(box.classList.contains("can-zoom"));
    boxCaption.textContent = "";
    if (step) {
      var tag = doc.createElement("span");
      tag.className = "lightbox-step";
      tag.textContent = $(".step-number", step).textContent;
      boxCaption.appendChild(tag);
    }
    if (caption) {
      Array.prototype.forEach.call(caption.childNodes, function (n) { boxCaption.appendChild(n.cloneNode(true)); });
    } else {
      boxCaption.appendChild(doc.createTextNode(boxImg.alt));
    }
    boxCount.textContent = str("image_counter", { n: i + 1, total: shots.length });
    boxPrev.setAttribute("aria-disabled", String(i === 0));
    boxNext.setAttribute("aria-disabled", String(i === shots.length - 1));
  }
  /* Zoomed on the marks (true) or whole (false); zooming scrolls the frame
     to the focus box once the image has its size. */
  function setZoom(zoom) {
    box.classList.toggle("is-zoomed", zoom);
    boxWhole.setAttribute("aria-pressed", String(!zoom && box.classList.contains("can-zoom")));
    if (zoom) {
      // Once the dialog is open and laid out, and again when the image arrives.
      requestAnimationFrame(scrollToFocus);
      if (!boxImg.complete) on(boxImg, "load", scrollToFocus, { once: true });
    } else {
      boxFrame.scrollLeft = boxFrame.scrollTop = 0;
    }
    fitMarks();
  }
  function scrollToFocus() {
    if (!box.classList.contains("is-zoomed")) return;
    var s = getComputedStyle(boxFrame);
    fitMarks();
    boxFrame.scrollLeft = (-parseFloat(s.getPropertyValue("--focus-x")) / 100) * boxImg.offsetWidth;
    // The frame may be taller than the focus box: centre the box in it.
    var ratio = s.getPropertyValue("--focus-ratio").split("/");
    var focusHeight = boxFrame.clientWidth * (parseFloat(ratio[1]) / parseFloat(ratio[0]));
    boxFrame.scrollTop = (-parseFloat(s.getPropertyValue("--focus-y")) / 100) * boxImg.offsetHeight -
      Math.max(0, boxFrame.clientHeight - focusHeight) / 2;
  }

  /* The marks of the screenshot shown, laid over the lightbox image's box. */
  var boxMarks = null, boxWatch = null;
  function fitMarks() {
    if (!boxMarks) return;
    var s = boxMarks.style;
    s.left = boxImg.offsetLeft + "px";
    s.top = boxImg.offsetTop + "px";
    s.width = boxImg.offsetWidth + "px";
    s.height = boxImg.offsetHeight + "px";
  }
  function placeMarks(svg) {
    if (boxMarks) boxMarks.remove();
    boxMarks = null;
    if (!svg) return;
    boxMarks = svg.cloneNode(true);
    boxMarks.setAttribute("class", "shot-marks lightbox-marks");
    boxImg.parentNode.insertBefore(boxMarks, boxImg.nextSibling);
    if (!boxWatch && window.ResizeObserver) {
      boxWatch = new ResizeObserver(fitMarks);
      boxWatch.observe(boxImg);
    }
    on(boxImg, "load", fitMarks, { once: true });
    fitMarks();
  }

  /* A phone shows a marked screenshot cropped to its marks; the button
     shows it whole (and cropped again). Where the build cropped the file
     too, the phone's <source> of the crop is switched off while whole, so
     the browser fetches the whole screenshot then, not before. */
  $$(".shot-whole").forEach(function (b) {
    on(b, "click", function () {
      var whole = b.getAttribute("aria-pressed") !== "true";
      var fig = b.closest("figure");
      b.setAttribute("aria-pressed", String(whole));
      fig.classList.toggle("is-whole", whole);
      var crop = fig.querySelector("source[data-crop], source[media]");
      if (crop) {
        if (!crop.hasAttribute("data-crop")) crop.setAttribute("data-crop", crop.media);
        crop.media = whole ? "not all" : crop.getAttribute("data-crop");
      }
    });
  });

  shots.forEach(function (link, i) {
    link.setAttribute("aria-haspopup", "dialog");
    on(link, "click", function (e) {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button > 0) return; // a new tab is the reader's wish
      e.preventDefault();
      if (!box) buildBox();
      if (!box.showModal) return;
      opener = link;
      showShot(i);
      box.showModal();
      boxClose.focus();
    });
  });

  /* ---- Table of contents: mark the section being read. ---- */
  var tocLinks = $$(".toc a[href^='#']");
  var tocTargets = tocLinks.map(function (a) { return doc.getElementById(decodeURIComponent(a.hash.slice(1))); });
  var spyQueued = false;
  function spy() {
    spyQueued = false;
    var current = -1;
    tocTargets.forEach(function (t, i) { if (t && t.offsetParent !== null && t.getBoundingClientRect().top < 140) current = i; });
    tocLinks.forEach(function (a, i) {
      if (i === current) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
  }
  if (tocLinks.length) {
    on(window, "scroll", function () { if (!spyQueued) { spyQueued = true; requestAnimationFrame(spy); } }, { passive: true });
    spy();
  }

  /* ---- Variant tabs: the reader's choice, remembered on every page. ---- */
  // A choice is a key ("windows-10": the label folded as the build folds it).
  // Choices are kept newest first, so each group shows the first it has. A
  // link chooses with ?v=key, or #v=key (also from file://, where a query
  // may be lost), followed by &anchor to go somewhere; the search page's
  // applies_to filter chooses too.
  var VARIANT = "tebiki-variant";
  function variantKey(s) {
    s = String(s || "");
    if (s.normalize) s = s.normalize("NFKC");
    return s.toLowerCase().trim().split(/\s+/).join("-");
  }
  var variants = load(VARIANT) || {};
  if (!Array.isArray(variants.keys)) variants.keys = [];
  function prefer(key) {
    if (!key) return;
    variants.keys = [key].concat(variants.keys.filter(function (k) { return k !== key; })).slice(0, 12);
    keep(VARIANT, variants);
  }
  var filter = null;
  try { filter = localStorage.getItem("tebiki-search-applies"); } catch (e) { /* none */ }
  if (filter !== (variants.filter || null)) {
    variants.filter = filter;
    if (filter) prefer(variantKey(filter)); else keep(VARIANT, variants);
  }
  var asked = /[?&]v=([^&#]*)/.exec(location.search), askedHash = /^#v=([^&]*)(?:&(.*))?$/.exec(location.hash);
  function decode(s) { try { return decodeURIComponent(s.replace(/\+/g, " ")); } catch (e) { return s; } }
  if (asked) prefer(variantKey(decode(asked[1])));
  if (askedHash) {
    prefer(variantKey(decode(askedHash[1])));
    var rest = askedHash[2] ? "#" + askedHash[2] : "";
    if (history.replaceState) history.replaceState(null, "", location.pathname + location.search + rest);
  }
  var groups = $$(".tabs");
  function tabsOf(group) { return $$(":scope > .tab-list > .tab", group); }
  function selectTab(group, i) {
    tabsOf(group).forEach(function (t, k) {
      t.setAttribute("aria-selected", String(k === i));
      t.tabIndex = k === i ? 0 : -1;
    });
    $$(":scope > .tab-panel", group).forEach(function (p, k) { p.classList.toggle("is-selected", k === i); });
  }
  function applyVariants() {
    groups.forEach(function (g) {
      var keys = tabsOf(g).map(function (t) { return t.getAttribute("data-key"); });
      for (var j = 0; j < variants.keys.length; j++) {
        var i = keys.indexOf(variants.keys[j]);
        if (i >= 0) { selectTab(g, i); return; }
      }
    });
  }
  var onVariant = function () {};
  function choose(tab) {
    // The chosen tab stays where it was on the screen while groups above change.
    var before = tab.getBoundingClientRect().top;
    prefer(tab.getAttribute("data-key"));
    applyVariants();
    onVariant();
    window.scrollBy(0, tab.getBoundingClientRect().top - before);
  }
  groups.forEach(function (g) {
    var tabs = tabsOf(g);
    tabs.forEach(function (t, i) {
      on(t, "click", function () { choose(t); });
      on(t, "keydown", function (e) {
        var to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
        if (to === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
        e.preventDefault();
        e.stopPropagation();
        var next = tabs[(to + tabs.length) % tabs.length];
        choose(next);
        next.focus();
      });
    });
  });
  applyVariants();
  on(window, "storage", function (e) {
    if (e.key !== VARIANT) return;
    variants = load(VARIANT) || { keys: [] };
    if (!Array.isArray(variants.keys)) variants.keys = [];
    applyVariants();
    onVariant();
  });
  // A result's applies_to badge opens the guide with that variant chosen
  // (in the #v= form, which survives file://).
  on(doc, "click", function (e) {
    var badge = e.target.closest && e.target.closest(".search-hit .badge");
    var link = badge && badge.closest("a[href]");
    if (!link || e.ctrlKey || e.metaKey || e.shiftKey || e.button > 0) return;
    e.preventDefault();
    var parts = link.href.split("#");
    location.href = parts[0] + "#v=" + encodeURIComponent(variantKey(badge.textContent)) + (parts[1] ? "&" + parts[1] : "");
  });
  // An element in a tab that is not shown (a link to its step): show that tab.
  function reveal(el) {
    for (var p = el && el.closest(".tab-panel"); p; p = p.parentElement.closest(".tab-panel")) {
      if (!p.classList.contains("is-selected")) {
        var g = p.parentElement;
        selectTab(g, $$(":scope > .tab-panel", g).indexOf(p));
      }
    }
  }
  // "#step-3" on a page whose steps are in tabs: that step of the tab shown.
  function findTarget(id) {
    var el = id && doc.getElementById(id);
    if (el || !/^step-/.test(id)) return el;
    var shown = $$(".tab-panel.is-selected");
    for (var k = 0; k < shown.length; k++) {
      el = doc.getElementById(shown[k].id + "-" + id);
      if (el) return el;
    }
    return null;
  }

  /* ---- Troubleshooters: one question at a time, the path in the URL. ---- */
  // The hash holds the way from the first node, ids joined by "/"
  // (#icon/network-listed/password): a support agent can send it, a reload
  // keeps it, Back steps back. A link to one node, or to anything inside one
  // (a step of a fix, a search result), opens the troubleshooter there.
  var flows = $$(".flow[data-flow]").map(function (el) {
    var nodes = {};
    $$(".flow-node", el).forEach(function (n) { nodes[n.getAttribute("data-node")] = n; });
    return { el: el, start: el.getAttribute("data-flow"), nodes: nodes, path: [] };
  }).filter(function (f) { return f.nodes[f.start]; });
  if (!state.flows) state.flows = {};
  if (!state.solved) state.solved = {};

  function pathHash(path) { return "#" + path.map(encodeURIComponent).join("/"); }
  // Where a node leads: [node id, the words of the answer].
  function exits(f, id) {
    var node = f.nodes[id], out = [];
    $$("a.flow-choice[data-to]", node).forEach(function (a) { out.push([a.getAttribute("data-to"), a.textContent]); });
    var next = $(".flow-next[data-to]", node);
    if (next) out.push([next.getAttribute("data-to"), str("flow_solved_no")]);
    return out.filter(function (e) { return f.nodes[e[0]]; });
  }
  function answer(f, from, to) {
    var e = exits(f, from).filter(function (x) { return x[0] === to; })[0];
    return e ? e[1] : "";
  }
  // The shortest way from the first node to `id`.
  function wayTo(f, id) {
    var prev = {}, queue = [f.start];
    prev[f.start] = null;
    while (queue.length && !(id in prev)) {
      var at = queue.shift();
      exits(f, at).forEach(function (e) { if (!(e[0] in prev)) { prev[e[0]] = at; queue.push(e[0]); } });
    }
    if (!(id in prev)) return [id];
    var path = [];
    for (var p = id; p !== null; p = prev[p]) path.unshift(p);
    return path;
  }
  // The way a hash names in a flow, or null when it names nothing of it.
  function pathOf(f, hash) {
    if (!hash || hash.length < 2) return null;
    var parts = hash.slice(1).split("/").map(function (p) { try { return decodeURIComponent(p); } catch (e) { return p; } });
    if (parts.length > 1) {
      if (parts[0] !== f.start || !f.nodes[parts[0]]) return null;
      var path = [parts[0]];
      for (var i = 1; i < parts.length && answer(f, parts[i - 1], parts[i]); i++) path.push(parts[i]);
      return path;
    }
    var target = doc.getElementById(parts[0]), node = target && target.closest(".flow-node");
    if (!node || !f.el.contains(node)) return null;
    var id = node.getAttribute("data-node"), kept = state.flows[f.start];
    // The way the reader took to it, when it was this node.
    if (Array.isArray(kept) && kept[kept.length - 1] === id && pathOf(f, pathHash(kept)).length === kept.length) return kept;
    return wayTo(f, id);
  }
  function showFlow(f, path, moved) {
    var id = path[path.length - 1], node = f.nodes[id];
    f.path = path;
    f.el.classList.add("is-live");
    for (var n in f.nodes) f.nodes[n].classList.toggle("is-current", n === id);
    // The trail: each answer so far, a link back to the question it answered.
    var ol = $(".flow-trail ol", f.el);
    ol.textContent = "";
    path.slice(0, -1).forEach(function (at, i) {
      var li = doc.createElement("li"), a = doc.createElement("a"), q = doc.createElement("span");
      a.href = pathHash(path.slice(0, i + 1));
      q.className = "visually-hidden";
      q.textContent = $(".flow-node-title", f.nodes[at]).textContent + ": ";
      a.appendChild(q);
      a.appendChild(doc.createTextNode(answer(f, at, path[i + 1])));
      li.appendChild(a);
      ol.appendChild(li);
    });
    $(".flow-trail", f.el).hidden = path.length < 2;
    $(".flow-restart", f.el).setAttribute("aria-disabled", String(path.length < 2));
    // The answers go on from here.
    $$("a.flow-choice[data-to]", node).forEach(function (a) { a.href = pathHash(path.concat(a.getAttribute("data-to"))); });
    syncSolved(id);
    state.flows[f.start] = path;
    save();
    refreshSteps();
    if (moved) {
      var h = $(".flow-node-title", node);
      h.setAttribute("tabindex", "-1");
      h.focus({ preventScroll: true });
      var top = header && getComputedStyle(header).position === "sticky" ? header.getBoundingClientRect().bottom : 0;
      var box = f.el.getBoundingClientRect(), nodeBox = node.getBoundingClientRect();
      if (nodeBox.top < top || nodeBox.top > window.innerHeight * 0.6) (box.top < top || box.top > window.innerHeight * 0.6 ? node : f.el).scrollIntoView({ block: "start" });
    }
  }
  function syncSolved(id) {
    var node = null;
    flows.forEach(function (f) { node = node || f.nodes[id]; });
    var box = node && $(".flow-solved", node);
    if (!box) return;
    var v = state.solved[id], answered = typeof v === "boolean";
    $$(".flow-vote", box).forEach(function (b) { b.setAttribute("aria-pressed", String(answered && (b.getAttribute("data-solved") === "yes") === v)); });
    $(".flow-solved-status", box).textContent = v === true ? str("flow_thanks") : "";
    var contact = $(".flow-contact", node);
    if (contact) contact.classList.toggle("is-shown", v === false);
  }
  function followFlows(moved) {
    flows.forEach(function (f) {
      var path = pathOf(f, location.hash);
      if (path && path.join("/") !== f.path.join("/")) showFlow(f, path, moved);
    });
  }
  flows.forEach(function (f) {
    var path = pathOf(f, location.hash);
    showFlow(f, path || [f.start], false);
    // A link to one node is written out as the way to it.
    if (path && history.replaceState && f.nodes[decodeURIComponent(location.hash.slice(1))]) {
      try { history.replaceState(null, "", pathHash(path)); } catch (e) { /* kept as it was */ }
    }
    var chart = $(".flow-chart", f.el);
    if (chart) chart.open = false;
    // Opened at a place in the troubleshooter (a link, a reload): show the
    // trail and the node, once the chart between them is folded.
    if (path && path.length > 1) ($(".flow-bar", f.el) || f.nodes[path[path.length - 1]]).scrollIntoView({ block: "start" });
    on($(".flow-restart", f.el), "click", function () {
      if (f.path.length > 1) location.hash = pathHash([f.start]);
    });
    $$(".flow-vote", f.el).forEach(function (b) {
      on(b, "click", function () {
        var node = b.closest(".flow-node"), id = node.getAttribute("data-node");
        var solved = b.getAttribute("data-solved") === "yes";
        if (state.solved[id] !== solved) {
          state.solved[id] = solved;
          save();
          sendFeedback({ helpful: solved, node: id, flow: f.start, path: f.path });
        }
        syncSolved(id);
        if (solved) return;
        var next = $(".flow-next[data-to]", node), contact = $(".flow-contact a", node);
        if (next) location.hash = pathHash(f.path.concat(next.getAttribute("data-to")));
        else if (contact) contact.focus();
      });
    });
  });
  on(window, "hashchange", function () { followFlows(true); });

  // An answer to "Was this helpful?" or to a fix's "Did this solve it?",
  // POSTed to the site's feedback endpoint (`extra`: helpful, and a fix's
  // node, flow and path).
  function sendFeedback(extra) {
    var fb = $(".feedback"), endpoint = fb && fb.getAttribute("data-endpoint");
    if (!endpoint || !window.fetch) return;
    var title = $(".guide-title");
    var body = { page: fb.getAttribute("data-page"), lang: root.lang, title: title ? title.textContent : doc.title };
    for (var k in extra) body[k] = extra[k];
    fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
      keepalive: true,
    }).then(function (r) { state.sent = r.ok; save(); }, function () { state.sent = false; save(); });
  }

  /* ---- Steps: done checks, step mode. ---- */
  var guide = $(".guide");
  var allSteps = guide ? $$(".guide-body ol.steps > li.step", guide) : [];
  // The steps a reader can see: those of the tabs shown (step mode walks
  // the chosen variant), and of a troubleshooter's current node only.
  function inShownTab(li) { return !li.closest(".tab-panel:not(.is-selected)"); }
  function stepShown(li) {
    var n = li.closest(".flow.is-live .flow-node");
    return inShownTab(li) && (!n || n.classList.contains("is-current"));
  }
  function shownSteps() { return allSteps.filter(stepShown); }
  var steps = shownSteps();
  var current = 0;
  var modeButton = $(".step-mode-toggle"), stepbar = $(".stepbar");
  var prevButton = stepbar && $(".step-prev", stepbar), nextButton = stepbar && $(".step-next", stepbar);

  function stepOf(el) {
    while (el && steps.indexOf(el) < 0) el = el.parentElement;
    return el;
  }
  function isStepMode() { return !!guide && guide.classList.contains("step-mode"); }

  function syncDone() {
    var n = 0;
    allSteps.forEach(function (li) {
      var done = state.done.indexOf(li.id) >= 0, box = $(".step-done", li);
      li.classList.toggle("is-done", done);
      if (box) box.checked = done;
      if (done && inShownTab(li)) n++;
    });
    var count = $(".steps-done-count");
    var total = allSteps.filter(inShownTab).length;
    if (count) count.textContent = str("steps_done", { n: n, total: total });
    var reset = $(".steps-reset");
    if (reset) reset.setAttribute("aria-disabled", String(!state.done.length));
  }

  // After a troubleshooter moved: step mode goes on with the steps now shown.
  function refreshSteps() {
    if (!stepbar) return;
    var at = steps[current];
    steps = shownSteps();
    modeButton.setAttribute("aria-disabled", String(!steps.length));
    if (!steps.length) { if (isStepMode()) setStepMode(false); return; }
    var kept = steps.indexOf(at);
    current = kept < 0 ? 0 : kept;
    if (isStepMode() || kept < 0) showStep(current);
  }

  function showStep(i) {
    if (!steps.length) return;
    current = Math.max(0, Math.min(steps.length - 1, i));
    var li = steps[current], ol = li.parentElement;
    steps.forEach(function (s) { s.classList.toggle("is-current", s === li); });
    $$(".sm-path", guide).forEach(function (el) { el.classList.remove("sm-path"); });
    for (var el = ol; el && !el.classList.contains("guide-body"); el = el.parentElement) el.classList.add("sm-path");
    var siblings = $$(":scope > li.step", ol), start = ol.start || 1;
    var n = start + siblings.indexOf(li), total = start + siblings.length - 1;
    $(".step-progress-text", stepbar).textContent = str("step_progress", { n: n, total: total });
    $(".step-progress-bar > span", stepbar).style.width = (100 * n / total) + "%";
    prevButton.setAttribute("aria-disabled", String(current === 0));
    $(".step-next-label", nextButton).textContent = str(current === steps.length - 1 ? "step_finish" : "step_next");
    state.at = li.id;
    save();
    if (isStepMode()) {
      if (history.replaceState) history.replaceState(null, "", "#" + encodeURIComponent(li.id));
      // Bring the step into view when it is not wholly in view already.
      var box = li.getBoundingClientRect(), header = $(".site-header"), bar = stepbar.getBoundingClientRect();
      var top = header && getComputedStyle(header).position === "sticky" ? header.getBoundingClientRect().bottom : 0;
      if (box.top < top || box.bottom > Math.min(window.innerHeight, bar.top)) li.scrollIntoView({ block: "start" });
    }
  }

  function setStepMode(onOff) {
    if (onOff && !steps.length) return;
    guide.classList.toggle("step-mode", onOff);
    modeButton.setAttribute("aria-pressed", String(onOff));
    state.mode = onOff;
    save();
    if (onOff) showStep(current);
    else if (history.replaceState && /-?step-\d+$/.test(location.hash)) history.replaceState(null, "", location.pathname + location.search);
  }

  function go(delta) {
    if (delta > 0 && current === steps.length - 1) {
      // Finished: back to the whole guide, at "Was this helpful?".
      setStepMode(false);
      var fb = $(".feedback");
      if (fb) {
        fb.scrollIntoView({ block: "center" });
        $(".feedback-vote", fb).focus();
      }
      return;
    }
    showStep(current + delta);
  }

  if (guide && allSteps.length && modeButton && stepbar) {
    var startAt = steps.map(function (s) { return s.id; }).indexOf(state.at);
    current = startAt < 0 ? 0 : startAt;
    modeButton.setAttribute("aria-disabled", String(!steps.length));
    syncDone();
    allSteps.forEach(function (li) {
      on($(".step-done", li), "change", function (e) {
        var i = state.done.indexOf(li.id);
        if (e.target.checked && i < 0) state.done.push(li.id);
        if (!e.target.checked && i >= 0) state.done.splice(i, 1);
        save();
        syncDone();
      });
    });
    on($(".steps-reset"), "click", function () {
      if (!state.done.length) return;
      state.done = [];
      save();
      syncDone();
    });
    on(modeButton, "click", function () { setStepMode(!isStepMode()); });
    on(prevButton, "click", function () { if (current > 0) go(-1); });
    on(nextButton, "click", function () { go(1); });
    on(doc, "keydown", function (e) {
      if (!isStepMode() || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.isComposing) return;
      if (box && box.open) return;
      var t = e.target;
      if (t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName) || (t.tagName === "INPUT" && !/^(checkbox|radio|button)$/.test(t.type))) return;
      if (e.key === "ArrowRight") { go(1); e.preventDefault(); }
      else if (e.key === "ArrowLeft" && current > 0) { go(-1); e.preventDefault(); }
    });
    if (state.mode) setStepMode(true);
    else showStep(current);
    // Another variant chosen: the same place in its steps.
    onVariant = function () {
      var at = steps[current];
      steps = shownSteps();
      var i = steps.indexOf(at);
      current = i >= 0 ? i : Math.min(current, steps.length - 1);
      syncDone();
      if (steps.length) showStep(current);
    };
  } else {
    stepbar = null;
  }

  // A link to a step opens step mode there; a link to anything else step mode hides leaves it.
  function followHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = findTarget(id);
    if (!target) return;
    // The browser could not scroll to it: hidden in a tab, or found for
    // another id ("#step-3" for "windows-10-step-3").
    var scroll = target.id !== id || !!target.closest(".tab-panel:not(.is-selected)");
    if (scroll) {
      reveal(target);
      onVariant();
    }
    for (var d = target; d; d = d.parentElement) if (d.tagName === "DETAILS") d.open = true;
    var li = stepOf(target);
    if (li && stepbar) {
      current = steps.indexOf(li);
      showStep(current);
    } else if (isStepMode() && target.offsetParent === null) {
      setStepMode(false);
      scroll = true;
    }
    if (scroll && !isStepMode()) target.scrollIntoView({ block: "start" });
  }
  /* ---- The language switch keeps the reader's place. ---- */
  // A translation has the same steps and questions in the same order but
  // not the same anchors (they follow each language's headings), so the
  // switch carries a position ("#@step-3", "#@q-2") and the other page
  // turns it back into its own anchor.
  var questions = guide ? $$(".guide-body details.qa", guide) : [];
  function place() {
    if (isStepMode()) return "step-" + (current + 1);
    if (window.scrollY < 1) return "";
    var header = $(".site-header");
    var line = header && getComputedStyle(header).position === "sticky" ? header.getBoundingClientRect().bottom : 0;
    var marks = steps.map(function (el, i) { return { el: el, name: "step-" + (i + 1) }; })
      .concat(questions.map(function (el, i) { return { el: el, name: "q-" + (i + 1) }; }));
    // The step or question being read: the one across a reading line just
    // under the header (the innermost, for sub-steps), else the first below it.
    var y = line + 24, across = "", below = null;
    marks.forEach(function (m) {
      var r = m.el.getBoundingClientRect();
      if (!r.height) return;
      if (r.top <= y && r.bottom > y) across = m.name;
      else if (r.top > y && r.top < window.innerHeight && (!below || r.top < below.top)) below = { top: r.top, name: m.name };
    });
    return across || (below ? below.name : "");
  }
  if (guide) {
    $$(".lang-switch a.lang:not(.missing)").forEach(function (a) {
      on(a, "click", function () {
        // Mid-way through a troubleshooter, the way so far (translations keep the node ids).
        var way = flows.filter(function (f) { return f.path.length > 1; })[0];
        var at = place();
        a.href = a.href.split("#")[0] + (way ? pathHash(way.path) : at ? "#@" + at : "");
      });
    });
  }
  var carried = /^#@(step|q)-(\d+)$/.exec(location.hash), carriedTo = null;
  if (carried) {
    carriedTo = (carried[1] === "step" ? steps : questions)[Number(carried[2]) - 1] || null;
    if (history.replaceState) history.replaceState(null, "", carriedTo ? "#" + encodeURIComponent(carriedTo.id) : location.pathname + location.search);
  }

  on(window, "hashchange", followHash);
  followHash();
  if (carriedTo && !isStepMode()) carriedTo.scrollIntoView({ block: "start" });

  /* ---- "Was this helpful?": kept here, sent where the site says. ---- */
  var feedback = $(".feedback");
  if (feedback) {
    var send = function (helpful) { sendFeedback({ helpful: helpful }); };
    var votes = $$(".feedback-vote", feedback), status = $(".feedback-status", feedback);
    var syncVotes = function () {
      var answered = typeof state.helpful === "boolean";
      votes.forEach(function (b) {
        b.setAttribute("aria-pressed", String(answered && (b.getAttribute("data-helpful") === "yes") === state.helpful));
      });
      status.textContent = answered ? str(state.helpful ? "feedback_thanks_yes" : "feedback_thanks_no") : "";
    };
    votes.forEach(function (b) {
      on(b, "click", function () {
        var helpful = b.getAttribute("data-helpful") === "yes";
        if (state.helpful === helpful) return;
        state.helpful = helpful;
        state.sent = false;
        save();
        syncVotes();
        send(helpful);
      });
    });
    syncVotes();
  }
})();
