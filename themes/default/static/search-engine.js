/* tebiki search: the query side of the index tebiki writes under
   _tebiki/search/, and the search UI. search.js (on every page) loads this
   file when a reader starts to search. Plain script, no modules, no fetch,
   no workers, no wasm:
   index files are script files that call TebikiSearch.m/s/f, so search works
   from file:// and from any sub-path. The tokenizer and query analysis follow
   src/search/SPEC.md exactly as the Rust side does; tests/search/vectors.json
   holds the cases both must pass.

   Sections: 1 text (normalise, classes, stemmer, index tokens),
   2 query analysis, 3 index loading, 4 ranking, 5 snippets, 6 the UI. */
(function (global) {
  "use strict";

  var SPEC_VERSION = 2;
  var MAX_WORD = 40;
  // MET: how much of a CJK word a guide must hold from its start (termMet).
  var MET = 0.6;
  var W_TYPED = 1, W_VARIANT = 0.95, W_KANGO = 0.9, W_PREFIX = 0.85, W_TRANSLIT = 0.85, W_OKURI = 0.7, W_SYNONYM = 0.6, W_TYPO = 0.5;
  var PREFIX = "*", OKURI = "~", NEGATED = "\u00ac";

  // ---------------------------------------------------------------- 1 text
  var WORD = 1, HAN = 2, HIRA = 3, KATA = 4, LONG = 5, HANGUL = 6, SPACE = 7, OTHER = 8;
  var ALNUM = /^[\p{Alphabetic}\p{N}]$/u;
  // Characters that continue the previous one (NFKC composes them with it).
  var CONTINUES = /^[\p{M}\u3099\u309A\uFF9E\uFF9F\u1160-\u11FF]$/u;

  function cls(ch) {
    var u = ch.codePointAt(0);
    if (u === 0x20 || u === 0x09) return SPACE;
    if ((u >= 0x30 && u <= 0x39) || (u >= 0x61 && u <= 0x7a)) return WORD;
    if (u <= 0x7f) return OTHER;
    if (u === 0x30fc) return LONG;
    if ((u >= 0x3041 && u <= 0x3096) || (u >= 0x309d && u <= 0x309f)) return HIRA;
    if ((u >= 0x30a1 && u <= 0x30fa) || (u >= 0x30fd && u <= 0x30ff) || (u >= 0x31f0 && u <= 0x31ff)) return KATA;
    if (u === 0x3005 || u === 0x3006 || u === 0x3007 || u === 0x303b || (u >= 0x3400 && u <= 0x4dbf) ||
        (u >= 0x4e00 && u <= 0x9fff) || (u >= 0xf900 && u <= 0xfaff) || (u >= 0x20000 && u <= 0x3ffff)) return HAN;
    if ((u >= 0x1100 && u <= 0x11ff) || (u >= 0x3130 && u <= 0x318f) || (u >= 0xac00 && u <= 0xd7a3)) return HANGUL;
    return ALNUM.test(ch) ? WORD : OTHER;
  }
  function isCjk(k) { return k === HAN || k === HIRA || k === KATA || k === LONG || k === HANGUL; }
  function isKana(k) { return k === HIRA || k === KATA || k === LONG; }
  function isConnector(ch) { return ch === "." || ch === "_" || ch === "-" || ch === "'" || ch === "\u2019"; }
  function chars(s) { return Array.from(s); }
  function len(s) { return chars(s).length; }

  // Normalise with a map back to the source: NFKC per segment (a character
  // and the marks that follow it), then each character lower-cased.
  // Returns { c: [chars], s: [source start], e: [source end] }.
  function normalizeMapped(text) {
    var out = { c: [], s: [], e: [] };
    var cps = chars(text);
    var pos = 0, i = 0;
    while (i < cps.length) {
      var start = pos, seg = cps[i];
      pos += cps[i].length; i++;
      while (i < cps.length && CONTINUES.test(cps[i])) { seg += cps[i]; pos += cps[i].length; i++; }
      var norm = chars(seg.normalize("NFKC"));
      for (var j = 0; j < norm.length; j++) {
        var low = chars(norm[j].toLowerCase());
        for (var k = 0; k < low.length; k++) { out.c.push(low[k]); out.s.push(start); out.e.push(pos); }
      }
    }
    return out;
  }
  function normalize(text) { return normalizeMapped(text).c.join(""); }

  function kanaFold(ch) {
    var u = ch.codePointAt(0);
    if ((u >= 0x3041 && u <= 0x3096) || (u >= 0x309d && u <= 0x309e)) return String.fromCodePoint(u + 0x60);
    return ch;
  }
  // A CJK run [[ch, class, ...]] → folded characters (keeping the items).
  function foldRun(run) {
    var out = [], prev = 0;
    for (var i = 0; i < run.length; i++) {
      var k = run[i][1];
      var drop = k === LONG && prev && isKana(prev);
      prev = k;
      if (!drop) out.push([kanaFold(run[i][0])].concat(run[i].slice(1)));
    }
    return out;
  }
  function fold(text) {
    var n = normalize(text), out = "", prev = OTHER;
    chars(n).forEach(function (c) {
      var k = cls(c);
      if (!(k === LONG && isKana(prev))) out += kanaFold(c);
      prev = k;
    });
    return out;
  }

  function stem(w) {
    if (w.length < 4 || !/^[a-z]+$/.test(w)) return w;
    if (/sses$/.test(w)) w = w.slice(0, -2);
    else if (/ies$/.test(w) && w.length > 4) w = w.slice(0, -3) + "y";
    else if (/s$/.test(w) && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
    var undouble = function (x) {
      var n = x.length;
      return n >= 2 && x[n - 1] === x[n - 2] && "aeioulsz".indexOf(x[n - 1]) < 0 ? x.slice(0, -1) : x;
    };
    if (/ied$/.test(w) && w.length > 4) w = w.slice(0, -3) + "y";
    else if (/ing$/.test(w) && w.length >= 6 && /[aeiouy]/.test(w.slice(0, -3))) w = undouble(w.slice(0, -3));
    else if (/ed$/.test(w) && w.length >= 5 && /[aeiouy]/.test(w.slice(0, -2))) w = undouble(w.slice(0, -2));
    else if (/e$/.test(w) && w.length >= 4) w = w.slice(0, -1);
    return w;
  }

  // Tokens of one word run (with connectors): the whole, then its parts.
  function wordTokens(word, sink) {
    var emit = function (t, s, e) { if (len(t) <= MAX_WORD) sink(stem(t), s, e); };
    var cs = word.c;
    var hasConn = cs.some(isConnector);
    var s0 = word.s[0], e0 = word.e[cs.length - 1];
    if (!hasConn) { emit(cs.join(""), s0, e0); return; }
    emit(cs.filter(function (c) { return !isConnector(c); }).join(""), s0, e0);
    var part = [], ps = 0;
    for (var i = 0; i <= cs.length; i++) {
      if (i === cs.length || isConnector(cs[i])) {
        var t = part.join("");
        if (part.length >= 2 || /[0-9]/.test(t)) emit(t, word.s[ps], word.e[i - 1]);
        part = []; ps = i + 1;
      } else part.push(cs[i]);
    }
  }

  // Every index token of `text`, in order: sink(token, sourceStart, sourceEnd).
  function indexTokens(text, sink) {
    var n = normalizeMapped(text);
    var run = [], bridge = null, word = { c: [], s: [], e: [] }, pending = null;
    function endRun() {
      if (!run.length) return;
      var f = foldRun(run);
      run = [];
      if (bridge && f.length) sink(bridge[0] + f[0][0], bridge[2], f[0][3]);
      if (f.length === 1) sink(f[0][0], f[0][2], f[0][3]);
      for (var i = 0; i + 1 < f.length; i++) sink(f[i][0] + f[i + 1][0], f[i][2], f[i + 1][3]);
      bridge = f.length ? f[f.length - 1] : null;
    }
    function endWord() {
      pending = null;
      if (!word.c.length) return;
      wordTokens(word, sink);
      word = { c: [], s: [], e: [] };
    }
    for (var i = 0; i < n.c.length; i++) {
      var c = n.c[i], k = cls(c);
      if (isCjk(k)) { endWord(); run.push([c, k, n.s[i], n.e[i]]); continue; }
      endRun();
      if (k === WORD) {
        if (pending) { word.c.push(pending[0]); word.s.push(pending[1]); word.e.push(pending[2]); pending = null; }
        word.c.push(c); word.s.push(n.s[i]); word.e.push(n.e[i]);
        bridge = null;
      } else if (isConnector(c) && word.c.length && !pending) {
        pending = [c, n.s[i], n.e[i]]; bridge = null;
      } else if (k === SPACE) {
        endWord();
      } else {
        endWord(); bridge = null;
      }
    }
    endRun(); endWord();
  }
  function indexTokenList(text) { var out = []; indexTokens(text, function (t) { out.push(t); }); return out; }

  // ------------------------------------------------------- 2 query analysis
  function Lexicon(foldRules, synonyms) {
    this.f = foldRules;
    this.syn = synonyms || [];
    this._entries = null;
  }
  function charsOf(s) { return chars(s).map(function (c) { return [c, cls(c)]; }); }
  function strOf(items) { return items.map(function (x) { return x[0]; }).join(""); }
  function hiraLike(items) {
    var out = [], prev = false;
    items.forEach(function (x) { var h = x[1] === HIRA || (x[1] === LONG && prev); out.push(h); prev = h; });
    return out;
  }
  function foldChars(items) { return foldRun(items).map(function (x) { return x[0]; }); }
  function bigrams(f) {
    if (!f.length) return [];
    if (f.length === 1) return [f[0] + PREFIX];
    var out = [];
    for (var i = 0; i + 1 < f.length; i++) if (out.indexOf(f[i] + f[i + 1]) < 0) out.push(f[i] + f[i + 1]);
    return out;
  }
  function startsWithAny(s, list) { for (var i = 0; i < list.length; i++) if (s.startsWith(list[i])) return list[i]; return null; }
  function endsWithAny(s, list) { for (var i = 0; i < list.length; i++) if (s.endsWith(list[i])) return list[i]; return null; }
  function take(s, n) { return chars(s).slice(0, n).join(""); }
  function skip(s, n) { return chars(s).slice(n).join(""); }
  function sameList(a, b) { return a.length === b.length && a.every(function (x, i) { return x === b[i]; }); }

  function scriptChange(a, b) {
    var kata = function (k) { return k === KATA || k === LONG; };
    return (a === HAN && kata(b)) || (kata(a) && b === HAN);
  }
  function splitScripts(piece) {
    var kata = function (k) { return k === KATA || k === LONG; };
    var out = [], start = 0;
    for (var j = 1; j < piece.length; j++) {
      var a = piece[j - 1][1], b = piece[j][1];
      if (!((kata(a) && b === HAN) || (a === HAN && b === KATA))) continue;
      var stretch;
      if (kata(a)) { var s = j; while (s > start && kata(piece[s - 1][1])) s--; stretch = piece.slice(s, j); }
      else { var e = j; while (e < piece.length && kata(piece[e][1])) e++; stretch = piece.slice(j, e); }
      if (foldChars(stretch).length >= 2) { out.push(piece.slice(start, j)); start = j; }
    }
    out.push(piece.slice(start));
    return out;
  }

  Lexicon.prototype.cutStopPhrases = function (run) {
    var parts = [[run, false]];
    var phrases = this.f.stop.ja.filter(function (s) { return len(s) >= 2; });
    phrases = phrases.map(function (p, i) { return [p, i]; })
      .sort(function (a, b) { return len(b[0]) - len(a[0]) || a[1] - b[1]; }).map(function (x) { return x[0]; });
    phrases.forEach(function (phrase) {
      var p = chars(phrase), next = [];
      parts.forEach(function (pt) {
        var part = pt[0];
        if (pt[1]) { next.push(pt); return; }
        var start = 0, j = 0;
        while (j + p.length <= part.length) {
          // Not the okurigana of a one-kanji verb: 消したい keeps its したい,
          // 禁止したい loses it.
          var hit = !(cls(p[0]) === HIRA && j >= 1 && part[j - 1][1] === HAN && (j < 2 || part[j - 2][1] !== HAN));
          for (var q = 0; hit && q < p.length; q++) if (part[j + q][0] !== p[q]) hit = false;
          if (hit) {
            if (j > start) next.push([part.slice(start, j), false]);
            next.push([part.slice(j, j + p.length), true]);
            j += p.length; start = j;
          } else j++;
        }
        if (start < part.length) next.push([part.slice(start), false]);
      });
      parts = next;
    });
    return parts;
  };

  Lexicon.prototype.splitPieces = function (run) {
    var n = run.length, hira = hiraLike(run), pieces = [], cur = 0, i = 0, particles = this.f.particles;
    while (i < n) {
      if (!hira[i]) { i++; continue; }
      var s = i;
      while (i < n && hira[i]) i++;
      var e = i, h = strOf(run.slice(s, e)), before = s > 0, after = e < n;
      // "Without" the noun before it (暗証番号なしで): two words.
      if (before && s > cur && startsWithAny(h, this.f.without)) { pieces.push(run.slice(cur, s)); pieces.push(run.slice(s, e)); cur = e; }
      else if (!before && after) { pieces.push(run.slice(0, e)); cur = e; }
      else if (before && after) {
        if (particles.indexOf(h) >= 0) { pieces.push(run.slice(cur, s)); cur = e; }
        // Two or more kana, or one between kanji and katakana (古いクライアント):
        // the end of a word, kept on its left; one between two kanji is
        // okurigana inside a compound (受け取れない).
        else if (e - s >= 2 || (e - s === 1 && scriptChange(run[s - 1][1], run[e][1]))) { pieces.push(run.slice(cur, e)); cur = e; }
      } else if (before && !after && s - cur >= 2) {
        var p = startsWithAny(h, this.f.tail_particles);
        if (p && len(h) - len(p) >= 3) {
          pieces.push(run.slice(cur, s));
          pieces.push(run.slice(s + len(p), e));
          cur = e;
        }
      }
    }
    if (cur < n) pieces.push(run.slice(cur));
    // "The way to": a how_to kanji right after hiragana is dropped (開き方 → 開き).
    var kept = [], howTo = this.f.how_to;
    pieces.filter(function (p) { return p.length; }).forEach(function (p) {
      var last = kept.length ? kept[kept.length - 1] : null;
      var afterKana = p.length === 1 ? !!last && last[last.length - 1][1] === HIRA : p[p.length - 2][1] === HIRA;
      if (afterKana && howTo.indexOf(p[p.length - 1][0]) >= 0) p = p.slice(0, -1);
      if (p.length) kept.push(p);
    });
    var out = [];
    kept.forEach(function (p) { out = out.concat(splitScripts(p)); });
    return out;
  };

  // The synonym key of a one-kanji verb that starts with a `verbs` stem
  // holding okurigana: the stem folded, then ~ (止めたい → 止メ~, 止まる →
  // 止マ~), so two verbs of one kanji do not meet each other's synonyms.
  // The longest such stem wins; null when none fits (消したい keeps 消~).
  Lexicon.prototype.verbKey = function (surface) {
    var best = null;
    this.f.verbs.forEach(function (v) {
      var k = chars(v[0]);
      if (k.length < 2 || cls(k[0]) !== HAN || !k.slice(1).every(function (c) { return cls(c) === HIRA; })) return;
      if (!surface.startsWith(v[0])) return;
      var rest = chars(surface.slice(v[0].length));
      if (rest.length && cls(rest[0]) !== HIRA) return;
      if (!best || k.length > chars(best).length) best = v[0];
    });
    return best === null ? null : fold(best) + OKURI;
  };

  // Whether an ending negates its word (らない, ません).
  Lexicon.prototype.negated = function (ending) {
    return this.f.negations.some(function (n) { return ending.indexOf(n) >= 0; });
  };

  // Drop a particle from the end of a word in hiragana, and from its start
  // when it directly follows a Latin word (`lead`).
  Lexicon.prototype.stripParticles = function (s, lead) {
    var p = lead ? startsWithAny(s, this.f.particles) : null;
    if (p && len(s) - len(p) >= 2) s = skip(s, len(p));
    p = endsWithAny(s, this.f.particles);
    if (p && len(s) - len(p) >= 2) s = take(s, len(s) - len(p));
    return s;
  };

  Lexicon.prototype.stripInflection = function (s) {
    var n = len(s);
    if (n < 3) return s;
    // The longer of the two endings wins; an aux ending also takes the kana
    // before it.
    var a = endsWithAny(s, this.f.suffixes.aux), e = endsWithAny(s, this.f.suffixes.end);
    if (a && !(n - len(a) > 2)) a = null;
    if (e && !(n - len(e) >= 2)) e = null;
    if (a && e && len(e) > len(a)) return take(s, n - len(e));
    if (a) return take(s, n - len(a) - 1);
    if (e) return take(s, n - len(e));
    return s;
  };

  Lexicon.prototype.form = function (piece, lead) {
    var hira = hiraLike(piece);
    if (hira.every(Boolean)) {
      var surface = this.stripParticles(strOf(piece), lead);
      if (this.f.particles.indexOf(surface) >= 0) return null;
      var stemmed = this.stripInflection(surface);
      var keyChars = foldChars(charsOf(stemmed)), surfChars = foldChars(charsOf(surface));
      if (surfChars.length < 2) return null;
      var hkey = keyChars.join("") + (this.negated(skip(surface, len(stemmed))) ? NEGATED : "");
      return { key: hkey, surfaceKey: surfChars.join(""), tokens: bigrams(keyChars),
               surfaceTokens: bigrams(surfChars), phrase: keyChars.join("") };
    }
    var cut = piece.length;
    while (cut > 0 && hira[cut - 1]) cut--;
    var tail = strOf(piece.slice(cut));
    var okurigana = tail !== "" && this.f.particles.indexOf(tail) < 0;
    var st = piece.slice(0, cut), folded = foldChars(st), key, tokens, phrase;
    if (folded.length === 1) {
      var token = folded[0] + (okurigana && st[0][1] === HAN ? OKURI : PREFIX);
      key = (okurigana && st[0][1] === HAN && this.verbKey(strOf(piece))) || token;
      tokens = [token]; phrase = "";
    } else {
      key = folded.join(""); tokens = bigrams(folded); phrase = key;
    }
    if (okurigana && this.negated(tail)) key += NEGATED;
    return { key: key, surfaceKey: foldChars(piece).join(""), tokens: tokens, surfaceTokens: tokens.slice(), phrase: phrase };
  };

  Lexicon.prototype.verbVariant = function (surface, allHira) {
    var verbs = this.f.verbs, i;
    if (!allHira) {
      for (i = 0; i < verbs.length; i++) {
        var kanji = verbs[i][0];
        if (surface.startsWith(kanji)) {
          var rest = surface.slice(kanji.length);
          if (rest === "" || cls(chars(rest)[0]) === HIRA) return verbs[i][1] + rest;
        }
      }
      return null;
    }
    var byKana = verbs.map(function (v, j) { return [v, j]; })
      .sort(function (a, b) { return len(b[0][1]) - len(a[0][1]) || a[1] - b[1]; });
    for (i = 0; i < byKana.length; i++) {
      var v = byKana[i][0];
      if (surface.startsWith(v[1]) && surface.length > v[1].length) return v[0] + surface.slice(v[1].length);
    }
    return null;
  };

  // The kango noun of a verb written with its kanji and okurigana
  // (作りたい → 作成, 変えたい → 変更).
  Lexicon.prototype.kango = function (surface, allHira) {
    if (allHira) return null;
    var list = this.f.kango;
    for (var i = 0; i < list.length; i++) {
      if (surface.startsWith(list[i][0])) {
        var rest = chars(surface.slice(list[i][0].length));
        if (rest.length && cls(rest[0]) === HIRA) return list[i][1];
      }
    }
    return null;
  };

  Lexicon.prototype.pieceAtom = function (piece, query, lead) {
    var self = this, form = this.form(piece, lead);
    if (!form) return null;
    var allHira = hiraLike(piece).every(Boolean);
    var surface = allHira ? this.stripParticles(strOf(piece), lead) : strOf(piece);
    var keys = [form.key], variants = [], v = this.verbVariant(surface, allHira);
    if (v !== null) {
      var forms = this.splitPieces(charsOf(v)).map(function (p) { return self.form(p, false); }).filter(Boolean);
      if (forms.length === 1) keys.push(forms[0].key);
      var toks = [];
      forms.forEach(function (f) { toks = toks.concat(f.tokens); });
      if (toks.length && !sameList(toks, form.tokens)) { variants.push([toks, W_VARIANT, v]); }
    }
    // The kango noun of the verb, typed in kanji or in hiragana (はじめる is
    // 始める, so 開始 too).
    var k = this.kango(surface, allHira);
    if (k === null && allHira && v !== null) k = this.kango(v, false);
    if (k !== null) {
      var ktoks = bigrams(foldChars(charsOf(k)));
      if (ktoks.length && !sameList(ktoks, form.tokens)) variants.push([ktoks, W_KANGO, k]);
    }
    var bare = form.key.replace(/[*~\u00ac]+$/, "");
    var stop = query && this.f.stop.ja.some(function (s) { var f = fold(s); return f === bare || f === form.surfaceKey; });
    return { text: surface, keys: keys, surfaceKey: form.surfaceKey !== form.key ? form.surfaceKey : null, tokens: form.tokens,
             surfaceTokens: sameList(form.surfaceTokens, form.tokens) ? null : form.surfaceTokens,
             variants: variants, phrase: form.phrase, stop: stop, open: false,
             script: piece.every(function (x) { return x[1] === KATA || x[1] === LONG; }) ? "kana" : "other" };
  };

  Lexicon.prototype.atoms = function (input, query) {
    var self = this, norm = chars(normalize(input)), atoms = [], run = [], word = "";
    // Whether the current CJK run follows a Latin word directly (`Excelが落ちる`):
    // only then may it start with a particle.
    var afterWord = false;
    // English stop words are only dropped from a query without CJK: in a
    // Japanese query a Latin word is a term (`IMが来ない`, `ITに聞く`).
    var english = query && !norm.some(function (c) { return isCjk(cls(c)); });
    function flushWord(open) {
      if (!word) return;
      var joined = chars(word).filter(function (c) { return !isConnector(c); }).join("");
      if (len(joined) <= MAX_WORD) {
        var key = stem(joined);
        open = open && len(joined) >= 2;
        var stop = english && self.f.stop.en.indexOf(joined) >= 0;
        atoms.push({ text: word, keys: [key], surfaceKey: null, tokens: [key], surfaceTokens: null, variants: [], phrase: "", stop: stop, open: open,
                     script: /[a-z]/.test(joined) ? "latin" : "other" });
      }
      word = "";
    }
    function flushRun() {
      if (!run.length) return;
      var parts = query ? self.cutStopPhrases(run) : [[run, false]], lead = afterWord;
      parts.forEach(function (pt) {
        self.splitPieces(pt[0]).forEach(function (piece) {
          var atom = self.pieceAtom(piece, query, lead);
          if (atom) { atom.stop = atom.stop || pt[1]; atoms.push(atom); }
          lead = false;
        });
      });
      run = [];
    }
    for (var i = 0; i <= norm.length; i++) {
      var c = norm[i], k = c === undefined ? OTHER : cls(c);
      if (isCjk(k)) {
        if (!run.length) afterWord = i > 0 && cls(norm[i - 1]) === WORD;
        flushWord(false); run.push([c, k]); continue;
      }
      flushRun();
      if (c !== undefined && k === WORD) word += c;
      else if (c !== undefined && isConnector(c) && word && norm[i + 1] !== undefined && cls(norm[i + 1]) === WORD) word += c;
      else if (c === undefined) flushWord(query);
      else flushWord(false);
    }
    return atoms;
  };

  // The keys of a query's words that synonym groups are filed under
  // (SPEC.md §5): each word's keys and surface key.
  Lexicon.prototype.queryKeys = function (query) {
    var out = [];
    this.atoms(query, true).forEach(function (a) {
      a.keys.concat(a.surfaceKey === null ? [] : [a.surfaceKey]).forEach(function (k) { if (out.indexOf(k) < 0) out.push(k); });
    });
    return out;
  };

  Lexicon.prototype.entries = function () {
    if (this._entries) return this._entries;
    var self = this, out = [];
    this.syn.forEach(function (group, g) {
      group.forEach(function (entry) {
        var atoms = self.atoms(entry, false);
        if (atoms.length) out.push([g, atoms, entry]);
      });
    });
    return (this._entries = out);
  };

  // A query → [{ text, phrase, alts: [{ t: [tokens], w }] }] (SPEC.md §4).
  Lexicon.prototype.analyze = function (query) {
    var atoms = this.atoms(query, true), entries = this.entries();
    var allStop = atoms.every(function (a) { return a.stop; });
    var terms = [], i = 0;
    // Whether atom a meets entry atom e: false by one of its keys, true by
    // its surface only, null not at all.
    var meets = function (a, e) {
      var has = function (k) { return e.keys.indexOf(k) >= 0 || e.surfaceKey === k; };
      if (a.keys.some(has)) return false;
      if (a.surfaceKey !== null && has(a.surfaceKey)) return true;
      return null;
    };
    while (i < atoms.length) {
      var best = null;
      for (var x = 0; x < entries.length; x++) {
        var entry = entries[x][1], size = entry.length;
        if (i + size > atoms.length || (best && best[0] >= size)) continue;
        var bySurface = [], ok = true;
        for (var y = 0; y < size; y++) {
          var m = meets(atoms[i + y], entry[y]);
          if (m === null) { ok = false; break; }
          bySurface.push(m);
        }
        if (ok) best = [size, bySurface];
      }
      var matched = !!best;
      if (!best) best = [1, [false]];
      var n = best[0], span = atoms.slice(i, i + n);
      i += n;
      if (n === 1 && span[0].stop && !allStop) continue;
      var typed = [];
      span.forEach(function (a, j) {
        typed = typed.concat(a.surfaceTokens && best[1][j] ? a.surfaceTokens : a.tokens);
      });
      // `s`: the folded surface of a CJK alternative, for ranking parts
      // whose wording is closest to it (not part of the tokens).
      var cjk = function (text) { return chars(text).some(function (c) { return isCjk(cls(c)); }) ? fold(text) : ""; };
      var alts = [{ t: typed, w: W_TYPED, s: n === 1 ? cjk(span[0].text) : "" }];
      if (n === 1) {
        span[0].variants.forEach(function (v) { alts.push({ t: v[0], w: v[1], s: cjk(v[2]) }); });
        if (span[0].open) {
          var prefix = chars(span[0].text).filter(function (c) { return !isConnector(c); }).join("");
          alts.push({ t: [prefix + PREFIX], w: W_PREFIX });
        }
      }
      if (matched) {
        var matches = function (e) {
          return e.length === n && e.every(function (ea, j) { return meets(span[j], ea) !== null; });
        };
        var groups = entries.filter(function (en) { return matches(en[1]); }).map(function (en) { return en[0]; });
        entries.forEach(function (en) {
          if (groups.indexOf(en[0]) < 0) return;
          var toks = [];
          en[1].forEach(function (a) { toks = toks.concat(a.tokens); });
          if (!toks.length || alts.some(function (al) { return sameList(al.t, toks); })) return;
          // The same word in the other script (ピン ⇄ PIN) weighs more.
          var translit = function (a, b) {
            return span.every(function (x) { return x.script === a; }) && en[1].every(function (x) { return x.script === b; });
          };
          var w = translit("kana", "latin") || translit("latin", "kana") ? W_TRANSLIT : W_SYNONYM;
          alts.push({ t: toks, w: w, s: en[1].length === 1 ? cjk(en[2]) : "" });
        });
      }
      var text = span.map(function (a) { return a.text; }).join(" ");
      var phrase = n === 1 ? span[0].phrase : "";
      if (!terms.some(function (t) { return sameList(t.alts[0].t, alts[0].t) && t.alts[0].w === alts[0].w; })) {
        terms.push({ text: text, phrase: phrase, alts: alts });
      }
    }
    return terms;
  };

  // ---------------------------------------------------------- 3 the index
  var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  var state = { meta: null, lexicon: null, shards: {}, frags: {}, syn: {}, lang: {}, applies: null, waiting: {}, root: "", failed: null };

  function decodeBase64(b64) {
    var bin = global.atob(b64), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  // Sorted strings front-coded by the index (SPEC.md §5): entries split by
  // spaces, each the count of leading characters shared with the one
  // before (one digit), then the rest.
  function frontDecode(coded) {
    var out = [], prev = "";
    if (!coded) return out;
    coded.split(" ").forEach(function (e) {
      var k = e.charCodeAt(0) - 48, i = 0, cut = 0;
      while (i < k && cut < prev.length) { cut += prev.codePointAt(cut) > 0xffff ? 2 : 1; i++; }
      prev = prev.slice(0, cut) + e.slice(1);
      out.push(prev);
    });
    return out;
  }

  // A shard: its terms and their postings (per term: the head's guides
  // with impact and flags, then the tail's guides with one impact).
  function Shard(names, blob) {
    this.names = frontDecode(names);
    this.blob = blob;
    this.offsets = new Uint32Array(this.names.length);
    this.lists = {};
    var pos = 0;
    for (var i = 0; i < this.names.length; i++) {
      this.offsets[i] = pos;
      var r = readVarint(blob, pos), h = r[0];
      pos = r[1];
      for (var j = 0; j < h >> 1; j++) pos = readVarint(blob, pos)[1] + 1;
      if (h & 1) {
        r = readVarint(blob, pos); var t = r[0]; pos = r[1] + 1;
        if (t & 1) { r = readVarint(blob, readVarint(blob, pos)[1]); pos = r[1] + r[0]; }
        else for (j = 0; j < t >> 1; j++) pos = readVarint(blob, pos)[1];
      }
    }
  }
  function readVarint(b, pos) {
    var v = 0, shift = 0, x;
    do { x = b[pos++]; v += (x & 0x7f) * Math.pow(2, shift); shift += 7; } while (x >= 0x80);
    return [v, pos];
  }
  Shard.prototype.find = function (term) {
    var lo = 0, hi = this.names.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (this.names[mid] < term) lo = mid + 1; else hi = mid; }
    return lo;
  };
  // The postings of term i: { docs, imps } (imps: impact | IN_TITLE | IN_HEADING).
  Shard.prototype.list = function (i) {
    if (this.lists[i]) return this.lists[i];
    var b = this.blob, r = readVarint(b, this.offsets[i]), h = r[0], pos = r[1], nh = h >> 1, nt = 0, tailImp = 0, t = 0;
    if (h & 1) {
      // Where the tail starts: skip the head.
      var p = pos;
      for (var j = 0; j < nh; j++) p = readVarint(b, p)[1] + 1;
      r = readVarint(b, p); t = r[0]; nt = t >> 1; tailImp = b[r[1]]; var tailPos = r[1] + 1;
    }
    var docs = new Uint32Array(nh + nt), imps = new Uint8Array(nh + nt), doc = 0, k = 0;
    for (j = 0; j < nh; j++) {
      r = readVarint(b, pos); doc += r[0]; pos = r[1];
      docs[k] = doc; imps[k++] = b[pos++];
    }
    if (nt) {
      if (t & 1) {
        r = readVarint(b, tailPos); var first = r[0]; r = readVarint(b, r[1]);
        for (var x = 0; x < r[0]; x++) {
          var byte = b[r[1] + x];
          for (var bit = 0; byte && bit < 8; bit++) if (byte >> bit & 1) { docs[k] = first + x * 8 + bit; imps[k++] = tailImp; }
        }
      } else {
        doc = 0; pos = tailPos;
        for (j = 0; j < nt; j++) { r = readVarint(b, pos); doc += r[0]; pos = r[1]; docs[k] = doc; imps[k++] = tailImp; }
      }
    }
    return (this.lists[i] = { docs: docs, imps: imps });
  };

  var TS = global.TebikiSearch = global.TebikiSearch || {};
  TS.m = function (meta) {
    if (meta.v !== SPEC_VERSION) { state.failed = "version"; resolveWaiting("meta", false); return; }
    // Guides are numbered language by language: ls[l] is the first of langs[l].
    var docLang = new Uint8Array(meta.n);
    for (var l = 0; l + 1 < meta.ls.length; l++) docLang.fill(l, meta.ls[l], meta.ls[l + 1]);
    meta.docLang = docLang;
    meta.bounds = frontDecode(meta.shards);
    state.meta = meta;
    // Synonym groups arrive file by file (TS.y), as queries need them.
    state.lexicon = new Lexicon(meta.fold, new Array(meta.yn));
    resolveWaiting("meta", true);
  };
  // The applies_to sets of the guides (a.js), for the filter only.
  TS.a = function (a) {
    var n = state.meta ? state.meta.n : 0, w = a.width, docSet = new Uint32Array(n);
    for (var d = 0; d < n; d++) {
      var c = 0;
      for (var k = 0; k < w; k++) c = c * 64 + B64.indexOf(a.docs.charAt(d * w + k));
      docSet[d] = c;
    }
    state.applies = { sets: a.combos, docSet: docSet };
    resolveWaiting("a", true);
  };
  TS.l = function (lang, strings) { state.lang[lang] = strings; resolveWaiting("l/" + lang, true); };
  TS.y = function (id, rows) {
    rows.forEach(function (r) { state.lexicon.syn[r[0]] = r[1]; });
    state.lexicon._entries = null;
    state.syn[id] = 1;
    resolveWaiting("y/" + id, true);
  };
  TS.s = function (id, names, b64) { state.shards[id] = new Shard(names, decodeBase64(b64)); resolveWaiting("t/" + id, true); };
  // A fragment's short forms expanded (SPEC.md §5): the guide's unit is
  // labelled by the title, a heading or question written without anchor has
  // the slug of its text.
  TS.f = function (id, frag) {
    frag.x.forEach(function (u) {
      if (u[0] === "g" && !u[2]) u[2] = frag.t;
      if ((u[0] === "h" || u[0] === "q") && u[1] === "") u[1] = slugify(u[2]);
    });
    state.frags[id] = frag;
    resolveWaiting("f/" + id, true);
  };
  // Element ids of headings, as src/slug.rs makes them.
  var SLUG_CHAR = /^[\p{Alphabetic}\p{N}_]$/u;
  function slugify(text) {
    var out = "", dash = false;
    chars(text).forEach(function (c) {
      if (SLUG_CHAR.test(c)) { if (dash && out) out += "-"; dash = false; out += c.toLowerCase(); }
      else if (c === "-" || /^\s$/.test(c)) dash = true;
    });
    return out;
  }

  function resolveWaiting(key, ok) {
    var list = state.waiting[key];
    if (!list) return;
    delete state.waiting[key];
    list.forEach(function (cb) { cb(ok); });
  }

  function rootPrefix() {
    var b = global.document && global.document.body;
    return (b && b.getAttribute("data-root")) || "";
  }

  // Load one index file by adding a script element; resolves when its data
  // has registered (or rejects when the file is missing).
  function load(key, loaded) {
    return new Promise(function (resolve, reject) {
      if (loaded()) { resolve(); return; }
      var first = !state.waiting[key];
      (state.waiting[key] = state.waiting[key] || []).push(function (ok) { if (ok) resolve(); else reject(new Error("cannot load " + key)); });
      if (!first) return;
      var el = global.document.createElement("script");
      var v = state.meta ? "?v=" + state.meta.id : "";
      el.src = rootPrefix() + "_tebiki/search/" + key + ".js" + v;
      el.async = true;
      el.onerror = function () { resolveWaiting(key, false); };
      el.onload = function () { if (!loaded()) resolveWaiting(key, false); };
      global.document.head.appendChild(el);
    });
  }
  // The meta file, then the UI strings and entry points of the page's
  // language (or the site's first).
  function loadMeta() {
    if (state.failed) return Promise.reject(new Error(state.failed));
    return load("meta", function () { return !!state.meta; }).then(function () {
      var l = uiLang();
      return load("l/" + l, function () { return !!state.lang[l]; });
    });
  }
  function uiLang() { var l = pageLang(); return state.meta.langs.indexOf(l) >= 0 ? l : state.meta.langs[0]; }
  function loadApplies() { return load("a", function () { return !!state.applies; }); }
  function loadShard(id) { return load("t/" + id, function () { return !!state.shards[id]; }); }
  // The synonym files a query's words can meet groups in (FNV-1a of a key
  // over its UTF-16 code units, modulo the number of files).
  function synonymFiles(query) {
    var count = state.meta.yb, need = [];
    if (count) state.lexicon.queryKeys(query).forEach(function (k) {
      var h = 2166136261;
      for (var i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 16777619) >>> 0;
      if (need.indexOf(h % count) < 0) need.push(h % count);
    });
    return need;
  }
  function loadSynonyms(query) {
    return Promise.all(synonymFiles(query).map(function (n) {
      return load("y/" + n, function () { return !!state.syn[n]; });
    }));
  }
  function loadFragment(id) { return load("f/" + id, function () { return !!state.frags[id]; }); }

  // The shard a term is in (the last whose first term is ≤ it).
  function shardOf(term) {
    var b = state.meta.bounds, lo = 0, hi = b.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (b[mid] <= term) lo = mid + 1; else hi = mid; }
    return Math.max(0, lo - 1);
  }
  // Shards a query token needs: one for a term, up to three for a prefix.
  function shardsFor(token) {
    var last = token.slice(-1);
    if (last === PREFIX || last === OKURI) {
      var p = token.slice(0, -1), a = shardOf(p), z = shardOf(p + "\uffff"), out = [];
      for (var s = a; s <= Math.min(z, a + 2); s++) out.push(s);
      return out;
    }
    return [shardOf(token)];
  }

  // Index terms a query token stands for: [[shard, index, weight]]. `hint`,
  // for an okurigana wildcard (出~), is the bigram as typed (出テ): it counts
  // fully, the other forms of the word (出ル, 出マ) less.
  function expand(token, hint) {
    var last = token.slice(-1);
    if (last !== PREFIX && last !== OKURI) {
      var sh = state.shards[shardOf(token)];
      if (!sh) return [];
      var i = sh.find(token);
      return i < sh.names.length && sh.names[i] === token ? [[sh, i, 1]] : [];
    }
    var p = token.slice(0, -1), out = [], notOkuri = state.meta.fold.not_okurigana.map(fold);
    shardsFor(token).forEach(function (s) {
      var shard = state.shards[s];
      if (!shard) return;
      for (var j = shard.find(p); j < shard.names.length && shard.names[j].startsWith(p); j++) {
        var name = shard.names[j];
        if (last === OKURI) {
          var second = chars(name)[1];
          if (second !== undefined && (!(cls(second) === KATA || cls(second) === LONG) || notOkuri.indexOf(second) >= 0)) continue;
          out.push([shard, j, !hint || name === hint ? 1 : W_OKURI]);
        } else out.push([shard, j, name === p ? 1 : W_PREFIX]);
      }
    });
    if (out.length > 40) {
      out.sort(function (a, b) { return b[0].list(b[1]).docs.length - a[0].list(a[1]).docs.length; });
      out.length = 40;
    }
    return out;
  }

  // A token of an alternative with its expansions and idf; a wildcard's idf
  // is that of all its forms together (出~ is as common as 出 + kana).
  function tokenInfo(alt, k) {
    alt.info = alt.info || [];
    if (alt.info[k]) return alt.info[k];
    var token = alt.t[k], hint = null;
    if (token.slice(-1) === OKURI && alt.s) {
      var cs = chars(alt.s), at = cs.indexOf(token.slice(0, -1));
      if (at >= 0 && at + 1 < cs.length) hint = cs[at] + cs[at + 1];
    }
    var exp = expand(token, hint), df = 0;
    if (exp.length === 1) df = exp[0][0].list(exp[0][1]).docs.length;
    else if (exp.length > 1) {
      var seen = {};
      exp.forEach(function (x) { var l = x[0].list(x[1]); for (var j = 0; j < l.docs.length; j++) seen[l.docs[j]] = 1; });
      df = Object.keys(seen).length;
    }
    return (alt.info[k] = { exp: exp, df: df, idf: df ? idf(df) : 0 });
  }

  // ------------------------------------------------------------ 4 ranking
  function idf(df) { var n = state.meta.n; return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }

  // Damerau–Levenshtein distance (adjacent swaps count 1), or max + 1.
  function editDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var d = [], i, j;
    for (i = 0; i <= a.length; i++) d.push([i]);
    for (j = 0; j <= b.length; j++) d[0][j] = j;
    for (i = 1; i <= a.length; i++) {
      var rowMin = Infinity;
      for (j = 1; j <= b.length; j++) {
        var v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
        d[i][j] = v;
        if (v < rowMin) rowMin = v;
      }
      if (rowMin > max) return max + 1;
    }
    return d[a.length][b.length];
  }

  // A close index word for a Latin word the index lacks (its shard and the
  // next one are searched), or null.
  function nearWord(word) {
    if (word.length < 4 || !/^[a-z]+$/.test(word)) return null;
    var max = word.length >= 8 ? 2 : 1, best = null, s = shardOf(word);
    [s, s + 1].forEach(function (id) {
      var sh = state.shards[id];
      if (!sh) return;
      for (var i = 0; i < sh.names.length; i++) {
        var name = sh.names[i];
        if (name[0] !== word[0] || !/^[a-z]+$/.test(name)) continue;
        var d = editDistance(word, name, max);
        if (d > max) continue;
        var df = sh.list(i).docs.length;
        if (!best || d < best.d || (d === best.d && df > best.df)) best = { term: name, d: d, df: df };
      }
    });
    return best && best.term;
  }

  // Score one alternative: for each guide, Σ idf·impact of its tokens found,
  // how many were found, and how many of those as typed (not a weaker form
  // of an okurigana wildcard). Returns { sum, found, strong, n, concrete }.
  var IMPACT = 63, IN_TITLE = 0x40, IN_HEADING = 0x80;
  // Ranking weights (SPEC.md §6).
  var P = { title: 3.5, heading: 2, exactFirst: 0, surface: 0.5, unitCover: 0.8, titleAll: 1.3, extra: 0, troubleUnit: 1.3, troubleGuide: 1.15, oneChar: 0.4, cover: 1, scatter: 1, clipped: 1, symptom: 1, verb: 0.4, floor: 0.2, exp: 2, common: 0.5, translate: 1, pageLang: 2, headShare: 10 };

  // Score one alternative: for each guide, Σ idf·impact of its tokens found,
  // how many were found, how many of those as typed (not a weaker form of
  // an okurigana wildcard), and how many in the title / in a heading or
  // the title. Returns { sum, found, strong, title, head, n, concrete }.
  // Scratch arrays of one per guide, reused by every search (each user
  // clears what it set). `only`, when given, marks the guides to look at.
  function scratch(N) {
    if (!state.scratch || state.scratch.n !== N) {
      state.scratch = { n: N, best: new Float32Array(N), flags: new Uint8Array(N), sum: new Float32Array(N), found: new Uint16Array(N),
                        strong: new Uint16Array(N), title: new Uint16Array(N), head: new Uint16Array(N) };
    }
    return state.scratch;
  }
  function scoreAlt(alt, N, only) {
    var S = scratch(N), concrete = [], docs = [];
    alt.t.forEach(function (token, k) {
      var info = tokenInfo(alt, k), best = S.best, flags = S.flags, touched = [];
      info.exp.forEach(function (x) {
        var l = x[0].list(x[1]), f = Math.max(info.idf, alt.idfFloor || 0) * x[2] / IMPACT, full = x[2] >= W_PREFIX ? 1 : 0;
        concrete.push(x[0].names[x[1]]);
        for (var j = 0; j < l.docs.length; j++) {
          var d = l.docs[j];
          if (only && !only[d]) continue;
          var b = l.imps[j], sc = f * (b & IMPACT);
          if (best[d] === 0 && flags[d] === 0) touched.push(d);
          if (sc > best[d]) best[d] = sc;
          flags[d] |= 8;
          if (full) flags[d] |= 1 | (b & (IN_TITLE | IN_HEADING)) >> 5;
        }
      });
      touched.forEach(function (d) {
        var fl = flags[d];
        if (!S.found[d]) docs.push(d);
        S.sum[d] += best[d]; S.found[d]++; S.strong[d] += fl & 1;
        if (fl & 2) S.title[d]++;
        if (fl & 6) S.head[d]++;
        best[d] = 0; flags[d] = 0;
      });
    });
    // Copy out the guides found and clear the scratch.
    var n = docs.length, r = { docs: docs, sum: new Float32Array(n), found: new Uint16Array(n), strong: new Uint16Array(n),
      title: new Uint16Array(n), head: new Uint16Array(n), n: alt.t.length, concrete: concrete };
    docs.forEach(function (d, i) {
      r.sum[i] = S.sum[d]; r.found[i] = S.found[d]; r.strong[i] = S.strong[d]; r.title[i] = S.title[d]; r.head[i] = S.head[d];
      S.sum[d] = 0; S.found[d] = 0; S.strong[d] = 0; S.title[d] = 0; S.head[d] = 0;
    });
    return r;
  }

  // The weight of a term in the coverage: mean idf of the tokens of its
  // first alternative the index knows (0 when it knows none).
  function termWeight(term) {
    for (var i = 0; i < term.alts.length; i++) {
      var alt = term.alts[i], idfs = [];
      alt.t.forEach(function (tok, k) { var info = tokenInfo(alt, k); if (info.exp.length) idfs.push(info.idf); });
      if (idfs.length) return idfs.reduce(function (a, b) { return a + b; }, 0) / idfs.length;
    }
    return 0;
  }

  // The script of an alternative's tokens: "latin", "cjk", or "" when mixed.
  function altScript(alt) {
    var latin = alt.t.every(function (x) { return /^[a-z0-9]/.test(x); });
    var cjk = alt.t.every(function (x) { return isCjk(cls(chars(x)[0])); });
    return latin ? "latin" : cjk ? "cjk" : "";
  }

  // Whether an alternative other than what was typed (a synonym, a form, a
  // prefix) is a word of most guides: each of its tokens is in more than
  // P.common of them. Such an alternative only adds to guides that other
  // alternatives found (SPEC.md §6.4): on its own it would make almost
  // every guide a candidate, say nothing about them, and cost time.
  function commonAlt(alt, N) {
    if (alt.w >= W_TYPED || !P.common) return false;
    var min = Infinity;
    for (var k = 0; k < alt.t.length; k++) min = Math.min(min, tokenInfo(alt, k).df);
    return min > P.common * N;
  }

  // Score every guide (SPEC.md §6): the terms' BM25 scores, times how much
  // of the query it covers, how much of it its title covers and how much
  // its headings and questions cover.
  function rankGuides(terms, opts) {
    var meta = state.meta, N = meta.n;
    var total = new Float32Array(N), cover = new Float32Array(N), inTitle = new Float32Array(N), inHead = new Float32Array(N);
    var exactCount = new Uint16Array(N), weightSum = 0, known = 0, whole = new Uint8Array(N), candidates = [], isCandidate = new Uint8Array(N);
    var states = terms.map(function (term) {
      var W = termWeight(term);
      // A translation (the typed word's synonym in the other script) is the
      // same concept: its tokens count at least with the typed word's idf,
      // so a rare Latin word on a site written mostly in Japanese does not
      // outweigh its Japanese translation by its rarity alone (and back).
      var typedScript = altScript(term.alts[0]);
      term.alts.forEach(function (alt, i) {
        alt.idfFloor = i > 0 && P.translate && typedScript && altScript(alt) && altScript(alt) !== typedScript ? W * P.translate : 0;
      });
      // A lone kanji (他, 人) says little next to real words.
      if (terms.length > 1 && /^.[*]$/.test(term.alts[0].t.join(" "))) W *= P.oneChar;
      // A verb (落ちる, 変えたい) says what to do; the nouns say about what.
      // (typed in kanji, or in hiragana whose kanji form is such a verb).
      else if (terms.length > 1 && term.alts.some(function (a, i) { return (i === 0 || a.w === W_VARIANT) && /^.[~]$/.test(a.t.join(" ")); })) W *= P.verb;
      // So does "without" (暗証番号なしで): it qualifies the noun before it.
      else if (terms.length > 1 && (meta.fold.without || []).indexOf(term.text) >= 0) W *= P.verb;
      term.weight = W;
      term.concrete = [];
      return { term: term, W: W, best: new Float32Array(N), strength: new Float32Array(N), tstr: new Float32Array(N), hstr: new Float32Array(N),
               exact: new Uint8Array(N), seen: [], mark: new Uint8Array(N) };
    });
    function apply(st, alt, only) {
      var r = scoreAlt(alt, N, only);
      alt.concrete = r.concrete;
      st.term.concrete = st.term.concrete.concat(r.concrete);
      for (var i = 0; i < r.docs.length; i++) {
        var d = r.docs[i], f = r.found[i];
        var frac = f / r.n;
        var s = alt.w * (r.sum[i] / r.n) * frac * frac;
        if (!st.mark[d]) { st.mark[d] = 1; st.seen.push(d); }
        if (s > st.best[d]) st.best[d] = s;
        var counts = r.n <= 2 ? frac === 1 : frac >= 0.5;
        if (counts && alt.w * frac > st.strength[d]) st.strength[d] = alt.w * frac;
        if (r.strong[i] === r.n && alt.w >= W_PREFIX) st.exact[d] = 1;
        if (f === r.n) whole[d] = 1;
        var t = r.title[i] / r.n, h = r.head[i] / r.n;
        if (alt.w * t * t > st.tstr[d]) st.tstr[d] = alt.w * t * t;
        if (alt.w * h * h > st.hstr[d]) st.hstr[d] = alt.w * h * h;
      }
    }
    // First what was typed and the alternatives of few guides, then the
    // common ones, on the guides where those count for the coverage (on
    // every guide when there is none).
    var common = [];
    states.forEach(function (st) {
      st.term.alts.forEach(function (alt) { if (commonAlt(alt, N)) common.push([st, alt]); else apply(st, alt, null); });
    });
    var found = new Uint8Array(N), any = false;
    states.forEach(function (st) { st.seen.forEach(function (d) { if (st.strength[d] > 0) { found[d] = 1; any = true; } }); });
    common.forEach(function (x) { apply(x[0], x[1], any ? found : null); });
    states.forEach(function (st) {
      var W = st.W;
      if (W > 0) { weightSum += W; known++; }
      st.seen.forEach(function (d) {
        if (!isCandidate[d]) { isCandidate[d] = 1; candidates.push(d); }
        total[d] += st.best[d];
        cover[d] += W * st.strength[d];
        inTitle[d] += W * st.tstr[d];
        inHead[d] += W * st.hstr[d];
        if (st.exact[d] && W > 0) exactCount[d]++;
      });
      st.term.exact = st.exact;
    });
    var docs = [];
    candidates.forEach(function (d) {
      if (total[d] <= 0 || cover[d] <= 0) return;
      if (opts.applies != null && state.applies.sets[state.applies.docSet[d]].indexOf(opts.applies) < 0) return;
      var c = weightSum > 0 ? cover[d] / weightSum : 0, tc = weightSum > 0 ? inTitle[d] / weightSum : 0;
      var hc = weightSum > 0 ? inHead[d] / weightSum : 0;
      var lang = meta.langs[meta.docLang[d]];
      docs.push({ doc: d, lang: lang, coverage: c, title: tc, head: hc, exact: known > 0 && exactCount[d] === known, whole: !!whole[d],
                  score: total[d] * (P.floor + (1 - P.floor) * Math.pow(c, P.exp)) * (1 + P.title * tc * tc + P.heading * hc * hc) * (lang === opts.lang ? P.pageLang : 1) });
    });
    docs.sort(compareHits);
    return docs;
  }
  function compareHits(a, b) { return (P.exactFirst ? b.exact - a.exact : 0) || (b.score - a.score) || (a.doc - b.doc); }

  // Tokens of a unit's label and text, with counts.
  function unitTokens(frag) {
    if (frag.tokens) return frag.tokens;
    frag.tokens = frag.x.map(function (u) {
      var label = {}, text = {};
      indexTokens(u[2], function (t) { label[t] = (label[t] || 0) + 1; });
      indexTokens(u[3], function (t) { text[t] = (text[t] || 0) + 1; });
      return { label: label, text: text, folded: fold(u[2] + "\n" + u[3]), kata: katakanaWords(u[2] + "\n" + u[3]) };
    });
    return frag.tokens;
  }

  // The katakana words of a text, folded (ピン in 「PIN のロック」, not in マッピング).
  function katakanaWords(text) {
    var out = {}, run = [];
    var end = function () { if (run.length) out[foldRun(run).map(function (x) { return x[0]; }).join("")] = 1; run = []; };
    chars(normalize(text)).forEach(function (c) {
      var k = cls(c);
      if (k === KATA || (k === LONG && run.length)) run.push([c, k]); else end();
    });
    end();
    return out;
  }
  // A typed word of three or fewer katakana (ピン, ロック) matches only as a
  // whole katakana word, not inside a longer one (マッピング, ブロック).
  function shortKatakana(term) {
    var cs = chars(term.text);
    if (!cs.length || !cs.every(function (c) { var k = cls(c); return k === KATA || k === LONG; })) return "";
    var f = foldChars(charsOf(term.text));
    return f.length <= 3 ? f.join("") : "";
  }

  // The bigrams of a long CJK word that cover it without overlapping (and
  // the last): ranking reads these only (SPEC.md §6), which halves the
  // shards a long word loads; the phrase check still wants the word whole.
  function coverOf(tokens) {
    if (tokens.length < 4 || !tokens.every(function (x) { return x.length === 2 && isCjk(cls(x[0])) && isCjk(cls(x[1])); })) return tokens;
    var out = [];
    for (var i = 0; i < tokens.length; i += 2) out.push(tokens[i]);
    if (tokens.length % 2 === 0) out.push(tokens[tokens.length - 1]);
    return out;
  }

  // Whether a query describes a problem (fold.yaml `symptom`).
  function isSymptom(query) {
    if (!P.symptom) return false;
    var f = state.meta.fold, q = normalize(query);
    if (f.symptom.ja.some(function (w) { return q.indexOf(w) >= 0; })) return true;
    return (q.match(/[a-z0-9']+/g) || []).some(function (w) { return f.symptom.en.indexOf(w) >= 0; });
  }
  // Whether a heading or title names a problem or its answers.
  var troubleCache = {};
  function troubleLabel(text) {
    if (text in troubleCache) return troubleCache[text];
    var t = normalize(text), f = state.meta.fold;
    return (troubleCache[text] = f.trouble.some(function (w) { return t.indexOf(w) >= 0; }) || f.symptom.ja.some(function (w) { return t.indexOf(w) >= 0; }));
  }

  // Refine the top guides with their fragments: the best unit, phrases,
  // terms in the title. Returns the hits with .unit set, re-sorted.
  function refine(hits, terms) {
    var wsum = terms.reduce(function (a, t) { return a + Math.max(0, t.weight); }, 0) || 1;
    hits.forEach(function (hit) {
      var frag = state.frags[hit.doc], toks = unitTokens(frag);
      var best = -1, bestScore = -1, bestCover = 0, exact = hit.exact, surface = 0;
      var penalty = 1;
      terms.forEach(function (term) {
        if (term.weight <= 0) return;
        // An exact hit must hold the typed word as written, not only its
        // bigrams here and there.
        var whole = shortKatakana(term);
        var held = whole ? toks.some(function (t) { return t.kata[whole]; })
          : !term.phrase || toks.some(function (t) { return t.folded.indexOf(term.phrase) >= 0; });
        if (!held && !term.alts.slice(1).some(function (a) { return a.w >= W_PREFIX && altIn(a, toks); })) {
          exact = false;
          if (whole) penalty *= 0.6;
        }
        // How closely the guide's wording follows the query's (inflection
        // included): 受け取れません is closer to 受け取れない than 受け取り方法.
        var closest = 0;
        term.alts.forEach(function (alt) {
          if (!alt.s) return;
          toks.forEach(function (ut) { var v = alt.w * surfaceMatch(alt.s, ut.folded); if (v > closest) closest = v; });
        });
        surface += term.weight * closest;
      });
      toks.forEach(function (ut, i) {
        var s = 0, cov = 0;
        terms.forEach(function (term) {
          if (term.weight <= 0) return;
          var m = 0;
          term.alts.forEach(function (alt) {
            var names = altNames(alt), n = alt.t.length, inLabel = 0, inText = 0;
            alt.t.forEach(function (tok, k) {
              var set = names[k];
              if (set.some(function (x) { return ut.label[x]; })) inLabel++;
              else if (set.some(function (x) { return ut.text[x]; })) inText++;
            });
            var frac = (inLabel + inText) / n;
            var v = alt.w * frac * frac * (1 + inLabel / n);
            if (v > 0 && alt.s) v *= 1 + 0.5 * surfaceMatch(alt.s, ut.folded);
            if (v > m) m = v;
          });
          s += term.weight * m;
          if (m > 0) cov += term.weight;
        });
        var u = frag.x[i], kind = u[0];
        if (kind === "s" || kind === "q") s *= 1.05;
        // A problem is answered by a question, or by a part of a
        // troubleshooting section.
        if (terms.symptom && s > 0 && (kind === "q" || (u[4] != null && troubleLabel(frag.x[u[4]][2])))) s *= P.troubleUnit;
        if (s > bestScore) { bestScore = s; best = i; bestCover = cov; }
      });
      var titleAll = terms.every(function (t) { return t.weight <= 0 || t.alts.some(function (a) { return a.w >= W_PREFIX && altIn(a, [toks[0]], true); }); });
      hit.unit = best;
      hit.exact = exact;
      // Texts cut short (…) may hold the rest: a guide that holds every
      // token of some alternative is judged scattered only when seen whole.
      var seen = frag.x.every(function (u) { return u[3].slice(-1) !== "\u2026"; });
      hit.scattered = P.scatter && !exact && (seen || !hit.whole || !P.clipped) && !terms.some(function (t) { return t.weight > 0 && termMet(t, toks); });
      hit.score *= penalty * (1 + P.surface * surface / wsum) * (1 + P.unitCover * bestCover / wsum) * (titleAll ? P.titleAll : 1);
      if (terms.symptom && troubleLabel(frag.t)) hit.score *= P.troubleGuide;
      // A heading among many (a resource kit's tool list) says less about
      // its guide than one among few.
      if (P.headShare) {
        var nh = frag.x.filter(function (u) { return u[0] === "h"; }).length;
        var share = Math.min(1, P.headShare / Math.max(1, nh));
        var tt = P.title * hit.title * hit.title, hh = P.heading * hit.head * hit.head;
        hit.score *= (1 + tt + hh * share) / (1 + tt + hh);
      }
    });
    hits.sort(compareHits);
    return hits;
  }
  // Whether a guide's units really hold a term, not only some of its bigrams
  // scattered over other words (プリンタ is not in アプリ…リンク): a CJK
  // alternative's surface must appear for 60% of its length from its start
  // (受け取れ of 受け取れない), anything else with all its tokens.
  function termMet(term, toks) {
    return term.alts.some(function (alt) {
      if (alt.s && len(alt.s) > 2) {
        return toks.some(function (ut) { return surfaceMatch(alt.s, ut.folded) >= MET; });
      }
      return altIn(alt, toks);
    });
  }
  // How much of a folded surface form a folded text holds: the longest
  // prefix of it found in the text, as a fraction (0 under two characters).
  var prefixCache = {};
  function surfaceMatch(surface, text) {
    var pre = prefixCache[surface];
    if (!pre) {
      var cs = chars(surface);
      pre = prefixCache[surface] = [];
      for (var k = 2; k <= cs.length; k++) pre.push(cs.slice(0, k).join(""));
      pre.n = cs.length;
    }
    var best = 0;
    for (var i = 0; i < pre.length; i++) {
      if (text.indexOf(pre[i]) < 0) break;
      best = i + 2;
    }
    return best / pre.n;
  }

  // The concrete index terms of each token of an alternative.
  function altNames(alt) {
    if (alt.names) return alt.names;
    alt.names = alt.t.map(function (tok, k) { return tokenInfo(alt, k).exp.map(function (x) { return x[0].names[x[1]]; }); });
    return alt.names;
  }
  // Whether every token of an alternative occurs in the units (labels only
  // when `labelOnly`).
  function altIn(alt, units, labelOnly) {
    var names = altNames(alt);
    return names.every(function (set) {
      return units.some(function (u) { return set.some(function (x) { return u.label[x] || (!labelOnly && u.text[x]); }); });
    });
  }

  // Search. opts: { lang, applies (index into meta.applies or null), limit }.
  // Resolves to { terms, hits: [{ doc, frag, unit, exact, score, lang }], ready, total, suggestion }:
  // the first `ready` hits are refined (unit set); `more` refines the rest.
  function search(query, opts) {
    opts = opts || {};
    var limit = opts.limit || 8;
    return loadMeta().then(function () { return loadSynonyms(query); }).then(function () {
      var terms = state.lexicon.analyze(query);
      terms.symptom = isSymptom(query);
      if (P.cover) terms.forEach(function (t) { t.alts.forEach(function (a) { a.t = coverOf(a.t); }); });
      if (!terms.length) return { terms: terms, hits: [], ready: 0, total: 0, suggestion: null };
      var need = {};
      terms.forEach(function (t) { t.alts.forEach(function (a) { a.t.forEach(function (tok) { shardsFor(tok).forEach(function (s) { need[s] = 1; }); }); }); });
      var loads = Object.keys(need).map(function (s) { return loadShard(+s); });
      if (opts.applies != null) loads.push(loadApplies());
      return Promise.all(loads).then(function () {
        var suggestion = null;
        // A Latin word that is nowhere in the index: try a near spelling.
        var typo = terms.filter(function (t) {
          return t.alts.every(function (a) { return a.t.every(function (tok) { return !expand(tok).length; }); });
        });
        var extra = [];
        typo.forEach(function (t) {
          var tok = t.alts[0].t;
          if (tok.length !== 1 || /[*~]$/.test(tok[0])) return;
          extra.push(shardOf(tok[0]) + 1);
        });
        return Promise.all(extra.filter(function (s) { return s < state.meta.bounds.length; }).map(loadShard)).then(function () {
          var fixed = query;
          typo.forEach(function (t) {
            var near = nearWord(t.alts[0].t[0]);
            if (!near) return;
            t.alts.push({ t: [near], w: W_TYPO });
            fixed = fixed.replace(new RegExp(t.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i"), near);
          });
          if (fixed !== query) suggestion = fixed;
          var t0 = now();
          var hits = rankGuides(terms, opts);
          var top = hits.slice(0, limit + P.extra);
          var rankMs = now() - t0;
          return Promise.all(top.map(function (h) { return loadFragment(h.doc); })).then(function () {
            var t1 = now();
            refine(top, terms);
            var ms = rankMs + now() - t1;
            // Guides that hold no term, only fragments of them, are dropped;
            // when the best ones all do, nothing fits the query (SPEC §6.7).
            var kept = top.filter(function (h) { return !h.scattered; });
            var rest = kept.length ? hits.slice(limit + P.extra) : [];
            var list = kept.concat(rest);
            list.forEach(function (h) { h.frag = state.frags[h.doc]; });
            return { terms: terms, hits: list, ready: kept.length, total: list.length, suggestion: suggestion, ms: ms };
          });
        });
      });
    });
  }
  function now() { return global.performance ? global.performance.now() : Date.now(); }

  // Load fragments for hits [from, to) of a result list and refine them;
  // resolves to those that hold a term (see termMet).
  function more(result, from, to) {
    var part = result.hits.slice(from, to);
    return Promise.all(part.map(function (h) { return loadFragment(h.doc); })).then(function () {
      part.forEach(function (h) { if (!h.frag) { h.frag = state.frags[h.doc]; refine([h], result.terms); } });
      return part.filter(function (h) { return !h.scattered; });
    });
  }

  // ----------------------------------------------------------- 5 snippets
  // Marked ranges [[start, end]] of a text for the terms of a query: the
  // tokens of every alternative whose tokens all occur in `unit` (the unit
  // the text belongs to; the text itself when not given).
  function markRanges(text, terms, unit) {
    var want = {}, have = {};
    indexTokens(unit === undefined ? text : unit, function (t) { have[t] = 1; });
    terms.forEach(function (term) {
      term.alts.forEach(function (alt) {
        var names = altNames(alt);
        if (!names.every(function (set) { return set.some(function (x) { return have[x]; }); })) return;
        names.forEach(function (set) { set.forEach(function (x) { want[x] = 1; }); });
      });
    });
    var ranges = [];
    indexTokens(text, function (t, s, e) { if (want[t]) ranges.push([s, e]); });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  }
  // The window of about `size` characters (UTF-16 units) with the most
  // marked text.
  function snippetWindow(text, ranges, size) {
    if (text.length <= size) return [0, text.length];
    var bestStart = 0, bestScore = -1;
    ranges.forEach(function (r) {
      var start = Math.max(0, Math.min(r[0] - 20, text.length - size)), end = start + size, score = 0;
      ranges.forEach(function (q) { score += Math.max(0, Math.min(q[1], end) - Math.max(q[0], start)); });
      if (score > bestScore) { bestScore = score; bestStart = start; }
    });
    return [bestStart, Math.min(text.length, bestStart + size)];
  }
  // Append `text` to `el` with <mark> around the ranges, limited to [from, to).
  function appendMarked(el, text, ranges, from, to) {
    var doc = el.ownerDocument, pos = from;
    if (from > 0) el.appendChild(doc.createTextNode("…"));
    ranges.forEach(function (r) {
      var s = Math.max(r[0], from), e = Math.min(r[1], to);
      if (e <= s) return;
      if (s > pos) el.appendChild(doc.createTextNode(text.slice(pos, s)));
      var m = doc.createElement("mark");
      m.textContent = text.slice(s, e);
      el.appendChild(m);
      pos = e;
    });
    if (pos < to) el.appendChild(doc.createTextNode(text.slice(pos, to)));
    if (to < text.length) el.appendChild(doc.createTextNode("…"));
  }

  // ------------------------------------------------------------- 6 the UI
  var MISSES = "tebiki-search-misses", APPLIES = "tebiki-search-applies";

  function storage() { try { return global.localStorage; } catch (e) { return null; } }
  function readMisses() {
    var s = storage();
    try { var v = s && JSON.parse(s.getItem(MISSES) || "null"); return v && v.q ? v : { v: 1, q: {} }; }
    catch (e) { return { v: 1, q: {} }; }
  }
  // Count a query that found nothing (once per query and page view).
  var logged = {};
  function logMiss(query, lang) {
    query = query.trim();
    var s = storage();
    if (!query || !s || logged[query]) return;
    logged[query] = 1;
    var m = readMisses(), day = new Date().toISOString().slice(0, 10);
    var item = m.q[query] || { n: 0, first: day, lang: lang };
    item.n++; item.last = day;
    m.q[query] = item;
    try { s.setItem(MISSES, JSON.stringify(m)); } catch (e) { /* storage full or blocked */ }
  }
  function missesCsv() {
    var m = readMisses(), rows = [["query", "count", "first", "last", "lang"]];
    Object.keys(m.q).sort(function (a, b) { return m.q[b].n - m.q[a].n || (a < b ? -1 : 1); }).forEach(function (q) {
      var it = m.q[q];
      rows.push([q, it.n, it.first || "", it.last || "", it.lang || ""]);
    });
    return rows.map(function (r) {
      return r.map(function (c) { c = String(c); return /[",\n]/.test(c) ? '"' + c.replace(/"/g, '""') + '"' : c; }).join(",");
    }).join("\n") + "\n";
  }

  function pageLang() { return (global.document.documentElement.getAttribute("lang") || "").toLowerCase(); }
  function ui(key) {
    var strings = state.meta && state.lang[uiLang()];
    var table = (strings && strings.ui) || {};
    return table[key] || "";
  }
  function fmt(s, vars) { return s.replace(/\{(\w+)\}/g, function (_, k) { return vars[k] !== undefined ? vars[k] : ""; }); }
  function el(tag, cls, text) {
    var e = global.document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function hitUrl(hit) {
    var frag = hit.frag, unit = frag.x[hit.unit] || frag.x[0], anchor = unitAnchor(frag, unit);
    return rootPrefix() + frag.u + (anchor ? "#" + encodeURIComponent(anchor).replace(/%2F/g, "/") : "");
  }
  // A unit's anchor: step anchors made by the format's rule are written
  // short, "" for step-N and "-" for <section>-step-N (SPEC §5).
  function unitAnchor(frag, unit) {
    if (unit[0] !== "s" || unit[5] == null) return unit[1];
    if (unit[1] === "") return "step-" + unit[5];
    if (unit[1] === "-") return frag.x[unit[4]][1] + "-step-" + unit[5];
    return unit[1];
  }

  // One result: title, the matching step or question, snippet, badges.
  // `option`: an option of the popup's listbox (else an item of a list).
  function renderHit(hit, terms, id, option) {
    var frag = hit.frag, unit = frag.x[hit.unit] || frag.x[0];
    var li = el("li", "search-hit");
    li.id = id;
    var a = el("a", "search-hit-link");
    a.href = hitUrl(hit);
    if (option) {
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      a.setAttribute("tabindex", "-1");
    }
    var title = el("span", "search-hit-title");
    title.setAttribute("lang", frag.l);
    appendMarked(title, frag.t, markRanges(frag.t, terms), 0, frag.t.length);
    if (frag.l !== pageLang()) title.appendChild(el("span", "search-hit-lang", frag.l.toUpperCase()));
    a.appendChild(title);
    var whole = unit[2] + "\n" + unit[3];
    if (unit[0] !== "g") {
      var where = el("span", "search-hit-part search-hit-" + unit[0]);
      var prefix = unit[0] === "s" ? (ui("step") || "Step") + " " + unit[5] : unit[0] === "q" ? "Q" : "§";
      where.appendChild(el("span", "search-hit-kind", prefix));
      var label = unit[2].length > 90 ? unit[2].slice(0, 90) + "…" : unit[2];
      appendMarked(where, label, markRanges(label, terms, whole), 0, label.length);
      a.appendChild(where);
    }
    var body = unit[3] || "";
    if (body) {
      var ranges = markRanges(body, terms, whole), w = snippetWindow(body, ranges, 110);
      var snip = el("span", "search-hit-snippet");
      appendMarked(snip, body, ranges, w[0], w[1]);
      a.appendChild(snip);
    }
    if (frag.a.length) {
      var badges = el("span", "search-hit-badges");
      frag.a.forEach(function (x) { badges.appendChild(el("span", "badge", x)); });
      a.appendChild(badges);
    }
    li.appendChild(a);
    return li;
  }

  function renderEmpty(box, query) {
    var m = state.meta;
    box.appendChild(el("p", "search-empty", fmt(ui("no_results") || "No results for “{q}”.", { q: query })));
    var strings = m && state.lang[uiLang()], entries = (strings && strings.entry) || [];
    if (entries.length) {
      box.appendChild(el("p", "search-empty-hint", ui("try_instead")));
      var ul = el("ul", "search-entry-points");
      entries.forEach(function (e) {
        var li = el("li"), a = el("a", "", e[0]);
        a.href = rootPrefix() + e[1];
        li.appendChild(a); ul.appendChild(li);
      });
      box.appendChild(ul);
    }
  }
  function renderSuggestion(box, suggestion, onPick) {
    if (!suggestion) return;
    var p = el("p", "search-suggestion", (ui("did_you_mean") || "Did you mean") + " ");
    var a = el("a", "search-suggestion-link", suggestion);
    a.href = rootPrefix() + "search.html?q=" + encodeURIComponent(suggestion);
    a.addEventListener("click", function (ev) { if (onPick) { ev.preventDefault(); onPick(suggestion); } });
    p.appendChild(a);
    box.appendChild(p);
  }
  function appliesSelect(select) {
    var m = state.meta;
    if (!select || !m || select.options.length > 1 || !m.applies.length) { if (select && m && !m.applies.length) select.hidden = true; return; }
    m.applies.forEach(function (a, i) { var o = el("option", "", a); o.value = String(i); select.appendChild(o); });
    var saved = storage() && storage().getItem(APPLIES);
    if (saved !== null && m.applies.indexOf(saved) >= 0) select.value = String(m.applies.indexOf(saved));
    select.hidden = false;
  }
  function appliesValue(select) {
    if (!select || select.value === "") return null;
    return +select.value;
  }
  function rememberApplies(select) {
    var s = storage();
    if (!s || !state.meta) return;
    var v = appliesValue(select);
    try { if (v === null) s.removeItem(APPLIES); else s.setItem(APPLIES, state.meta.applies[v]); } catch (e) { /* blocked */ }
  }

  // The header field: results as you type in a popup.
  function initPopup(doc) {
    var input = doc.getElementById("search-input"), popup = doc.getElementById("search-popup");
    if (!input || !popup) return;
    var list = popup.querySelector(".search-results"), status = popup.querySelector(".search-status");
    var all = popup.querySelector(".search-all"), select = popup.querySelector(".search-filter");
    var seq = 0, active = -1, timer = null, last = { query: "", hits: [] };
    // A search box that controls a listbox (role=combobox is not allowed on
    // <input type=search>); the active option is aria-activedescendant.
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);

    function open() { popup.hidden = false; }
    function close() {
      if (!popup.hidden && last.query && !last.hits.length && last.done) logMiss(last.query, pageLang());
      popup.hidden = true; input.removeAttribute("aria-activedescendant");
    }
    function setActive(i) {
      var items = list.querySelectorAll(".search-hit");
      if (!items.length) { active = -1; return; }
      active = (i + items.length) % items.length;
      items.forEach(function (it, j) { it.setAttribute("aria-selected", j === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }
    function run() {
      var query = input.value;
      var my = ++seq;
      if (!query.trim()) { list.textContent = ""; status.textContent = ""; close(); last = { query: "", hits: [] }; return; }
      loadMeta().then(function () {
        appliesSelect(select);
        return search(query, { lang: pageLang(), applies: appliesValue(select), limit: 8 });
      }).then(function (res) {
        if (my !== seq) return;
        list.textContent = "";
        status.textContent = "";
        var shown = res.hits.slice(0, Math.min(8, res.ready));
        shown.forEach(function (h, i) { list.appendChild(renderHit(h, res.terms, "search-hit-" + i, true)); });
        renderSuggestion(status, res.suggestion, function (s) { input.value = s; run(); input.focus(); });
        if (!shown.length) renderEmpty(status, query);
        all.href = rootPrefix() + (pageLang() === state.meta.langs[0] ? "" : pageLang() + "/") + "search.html?q=" + encodeURIComponent(query);
        all.textContent = fmt(ui("all_results") || "All {n} results", { n: res.total });
        all.hidden = res.total <= shown.length;
        last = { query: query, hits: shown, done: true };
        // Which query the popup shows (tests wait on it).
        popup.setAttribute("data-query", query);
        open();
        setActive(shown.length ? 0 : -1);
      }).catch(function () {
        if (my !== seq) return;
        list.textContent = "";
        status.textContent = ui("error") || "The search index could not be loaded.";
        open();
      });
    }
    input.addEventListener("focus", function () { loadMeta().then(function () { appliesSelect(select); }).catch(function () {}); if (input.value.trim() && list.children.length) open(); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 60); });
    if (select) select.addEventListener("change", function () { rememberApplies(select); run(); input.focus(); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown") { ev.preventDefault(); if (popup.hidden) run(); else setActive(active + 1); }
      else if (ev.key === "ArrowUp") { ev.preventDefault(); setActive(active - 1); }
      else if (ev.key === "Escape") { if (!popup.hidden) { ev.preventDefault(); close(); } else if (input.value) { input.value = ""; } }
      else if (ev.key === "Enter") {
        var items = list.querySelectorAll(".search-hit a");
        if (!popup.hidden && active >= 0 && items[active]) { ev.preventDefault(); global.location.href = items[active].href; }
        else if (last.done && last.query === input.value && !last.hits.length) logMiss(input.value, pageLang());
      }
    });
    doc.addEventListener("mousedown", function (ev) { if (!popup.contains(ev.target) && ev.target !== input) close(); });
    input.form && input.form.addEventListener("focusout", function (ev) { if (!input.form.contains(ev.relatedTarget)) close(); });
    // Typed before this file had loaded: search it now.
    if (input.value.trim() && doc.activeElement === input) run();
  }

  // The search page: search.html?q=…, long lists, the miss log export.
  function initPage(doc) {
    var box = doc.getElementById("search-page-results");
    if (!box) return;
    var input = doc.getElementById("search-page-input"), select = doc.getElementById("search-page-filter");
    var info = doc.getElementById("search-page-info"), moreBtn = doc.getElementById("search-page-more");
    var params = new URLSearchParams(global.location.search), query = params.get("q") || "";
    // shown: hits of the list looked at; drawn: those on the page.
    var seq = 0, result = null, shown = 0, drawn = 0, PAGE = 20;
    input.value = query;
    function showMore() {
      var my = seq;
      more(result, shown, shown + PAGE).then(function (part) {
        if (my !== seq) return;
        part.forEach(function (h) { box.appendChild(renderHit(h, result.terms, "search-page-hit-" + (drawn++), false)); });
        shown = Math.min(shown + PAGE, result.hits.length);
        moreBtn.hidden = shown >= result.hits.length;
      });
    }
    function run() {
      var q = input.value, my = ++seq;
      box.textContent = ""; info.textContent = ""; moreBtn.hidden = true;
      if (!q.trim()) return;
      loadMeta().then(function () {
        appliesSelect(select);
        return search(q, { lang: pageLang(), applies: appliesValue(select), limit: PAGE });
      }).then(function (res) {
        if (my !== seq) return;
        result = res; shown = 0;
        box.setAttribute("data-query", q);
        info.textContent = res.total ? fmt(ui("count") || "{n} guides", { n: res.total }) : "";
        renderSuggestion(info, res.suggestion, function (s) { input.value = s; history.replaceState(null, "", "?q=" + encodeURIComponent(s)); run(); });
        if (!res.total) { renderEmpty(box, q); logMiss(q, pageLang()); return; }
        var first = res.hits.slice(0, Math.min(PAGE, res.ready));
        first.forEach(function (h, i) { box.appendChild(renderHit(h, res.terms, "search-page-hit-" + i, false)); });
        shown = drawn = first.length;
        moreBtn.hidden = shown >= res.hits.length;
      }).catch(function () { if (my === seq) info.textContent = ui("error") || "The search index could not be loaded."; });
    }
    input.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
      run();
    });
    if (select) select.addEventListener("change", function () { rememberApplies(select); run(); });
    moreBtn.addEventListener("click", showMore);
    run();
    initMisses(doc);
  }

  // The list of queries that found nothing on this device, with export.
  function initMisses(doc) {
    var box = doc.getElementById("search-misses");
    if (!box) return;
    var table = box.querySelector("tbody"), empty = box.querySelector(".search-misses-empty");
    function draw() {
      var m = readMisses(), keys = Object.keys(m.q).sort(function (a, b) { return m.q[b].n - m.q[a].n; });
      table.textContent = "";
      keys.forEach(function (q) {
        var tr = el("tr");
        tr.appendChild(el("td", "", q));
        tr.appendChild(el("td", "num", String(m.q[q].n)));
        tr.appendChild(el("td", "", m.q[q].last || ""));
        table.appendChild(tr);
      });
      empty.hidden = keys.length > 0;
      box.querySelector(".search-misses-count").textContent = String(keys.length);
    }
    box.querySelector(".search-misses-export").addEventListener("click", function () {
      var blob = new Blob(["\ufeff" + missesCsv()], { type: "text/csv;charset=utf-8" });
      var a = el("a");
      a.href = URL.createObjectURL(blob);
      a.download = "tebiki-search-misses.csv";
      doc.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    });
    box.querySelector(".search-misses-clear").addEventListener("click", function () {
      var s = storage();
      if (s) s.removeItem(MISSES);
      draw();
    });
    if (global.location.hash === "#search-misses") box.open = true;
    draw();
  }

  // The engine, for tests and tools (Node loads this file in a vm).
  TS.engine = {
    SPEC_VERSION: SPEC_VERSION, normalize: normalize, fold: fold, stem: stem, indexTokens: indexTokenList,
    indexTokensAt: indexTokens, Lexicon: Lexicon, search: search, more: more, markRanges: markRanges,
    missesCsv: missesCsv, state: state, loadMeta: loadMeta, P: P, slugify: slugify, synonymFiles: synonymFiles
  };

  if (global.document && global.document.addEventListener) {
    var start = function () { initPopup(global.document); initPage(global.document); };
    if (global.document.readyState === "loading") global.document.addEventListener("DOMContentLoaded", start);
    else start();
  }
})(typeof window !== "undefined" ? window : globalThis);
