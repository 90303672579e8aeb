//! Query analysis (SPEC.md §4): a query → terms, each with weighted
//! alternatives (what was typed, kanji/kana variants, prefix completion,
//! synonyms), every alternative a list of index tokens. The browser does the
//! same in `search-engine.js`; the Rust side serves the test vectors and the
//! round-trip tests of the index.

use serde::Serialize;

use super::lexicon::Lexicon;
use super::text::{self, class, fold_cjk_run, is_connector, normalize, stem, Class};

/// Weight of the alternatives of a term.
pub const W_TYPED: f32 = 1.0;
pub const W_VARIANT: f32 = 0.95;
pub const W_KANGO: f32 = 0.9;
pub const W_PREFIX: f32 = 0.85;
pub const W_SYNONYM: f32 = 0.6;
/// A synonym that is the same word in the other script: a katakana word and
/// its Latin spelling (`ピン` ⇄ `PIN`, `エクセル` ⇄ `Excel`).
pub const W_TRANSLIT: f32 = 0.85;

/// Token suffix: any index term that starts with the rest.
pub const PREFIX: char = '*';
/// Token suffix: a bigram of this kanji followed by kana (okurigana).
pub const OKURI: char = '~';
/// Suffix of the synonym key of a negated word (`繋がらない`, `表示されない`),
/// so it does not meet the plain word (`繋がる`, `表示`).
pub const NEGATED: char = '¬';

/// One way of matching a term: every token must occur.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alt {
    #[serde(rename = "t")]
    pub tokens: Vec<String>,
    #[serde(rename = "w")]
    pub weight: f32,
}

/// A term of the query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    /// What the user typed for it, normalised.
    pub text: String,
    /// The folded form whose appearance in a text counts as a phrase match
    /// (empty when the term has no such form).
    pub phrase: String,
    pub alts: Vec<Alt>,
}

/// One word of a query before synonyms: a Latin word or a CJK piece.
#[derive(Debug, Clone)]
struct Atom {
    /// Normalised surface.
    text: String,
    /// Keys it matches synonym entries by: its own, then its kanji/kana
    /// variant's.
    keys: Vec<String>,
    /// The key of the surface as typed, when it differs (a match by it
    /// searches the surface tokens).
    surface_key: Option<String>,
    tokens: Vec<String>,
    /// Tokens of the surface as typed, when they differ (a loanword in
    /// hiragana whose ending looked like an inflection).
    surface_tokens: Option<Vec<String>>,
    /// Other spellings: kanji/kana (`W_VARIANT`), the kango noun (`W_KANGO`).
    variants: Vec<(Vec<String>, f32)>,
    phrase: String,
    stop: bool,
    /// The last word of the query, still being typed.
    open: bool,
    /// Written in Latin letters / only in katakana.
    script: Script,
}

/// The script an atom is written in, for telling transliterations apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Kana,
    Other,
}

/// Whether a query atom meets a synonym entry's atom: `Some(false)` by one
/// of its keys, `Some(true)` by its surface only, `None` not at all.
fn atom_meets(a: &Atom, e: &Atom) -> Option<bool> {
    let has = |k: &String| e.keys.contains(k) || e.surface_key.as_ref() == Some(k);
    if a.keys.iter().any(has) {
        Some(false)
    } else if a.surface_key.as_ref().is_some_and(has) {
        Some(true)
    } else {
        None
    }
}

/// Whether two characters are kanji and katakana, in either order: one kana
/// between them ends a word (`古いクライアント`, `ログインし直す`), while one
/// between two kanji is okurigana inside a compound (`受け取れない`).
fn script_change(a: Class, b: Class) -> bool {
    let kata = |k: Class| matches!(k, Class::Katakana | Class::Long);
    (a == Class::Han && kata(b)) || (kata(a) && b == Class::Han)
}

/// Split a piece where katakana meets kanji, when the katakana side is a
/// word of its own (two or more characters once folded):
/// `パスワード忘れた` → `パスワード` | `忘れた`, but `回復キー` stays whole.
fn split_scripts(piece: &[(char, Class)]) -> Vec<Vec<(char, Class)>> {
    let kata = |k: Class| matches!(k, Class::Katakana | Class::Long);
    let mut out = Vec::new();
    let mut start = 0;
    for j in 1..piece.len() {
        let (a, b) = (piece[j - 1].1, piece[j].1);
        let boundary = (kata(a) && b == Class::Han) || (a == Class::Han && b == Class::Katakana);
        if !boundary {
            continue;
        }
        // The katakana stretch on the side of the boundary.
        let stretch: Vec<(char, Class)> = if kata(a) {
            let mut s = j;
            while s > start && kata(piece[s - 1].1) {
                s -= 1;
            }
            piece[s..j].to_vec()
        } else {
            let mut e = j;
            while e < piece.len() && kata(piece[e].1) {
                e += 1;
            }
            piece[j..e].to_vec()
        };
        if fold_chars(&stretch).len() >= 2 {
            out.push(piece[start..j].to_vec());
            start = j;
        }
    }
    out.push(piece[start..].to_vec());
    out
}

/// The form a CJK piece is searched by.
struct Form {
    key: String,
    surface_key: String,
    tokens: Vec<String>,
    surface_tokens: Vec<String>,
    phrase: String,
}

fn chars_of(s: &str) -> Vec<(char, Class)> {
    s.chars().map(|c| (c, class(c))).collect()
}

fn string_of(chars: &[(char, Class)]) -> String {
    chars.iter().map(|&(c, _)| c).collect()
}

/// Hiragana, or `ー` after hiragana.
fn hira_like(chars: &[(char, Class)]) -> Vec<bool> {
    let mut out = Vec::with_capacity(chars.len());
    let mut prev = false;
    for &(_, k) in chars {
        let h = k == Class::Hiragana || (k == Class::Long && prev);
        out.push(h);
        prev = h;
    }
    out
}

fn fold_chars(chars: &[(char, Class)]) -> Vec<char> {
    let mut out = Vec::new();
    fold_cjk_run(chars, &mut out);
    out
}

/// The distinct bigrams of a folded word, in order (one character: a prefix).
fn bigrams(folded: &[char]) -> Vec<String> {
    match folded.len() {
        0 => Vec::new(),
        1 => vec![format!("{}{PREFIX}", folded[0])],
        _ => {
            let mut out: Vec<String> = Vec::new();
            for w in folded.windows(2) {
                let b: String = w.iter().collect();
                if !out.contains(&b) {
                    out.push(b);
                }
            }
            out
        }
    }
}

fn starts_with_any<'a>(s: &str, list: &'a [String]) -> Option<&'a str> {
    list.iter().find(|p| s.starts_with(p.as_str())).map(String::as_str)
}

fn ends_with_any<'a>(s: &str, list: &'a [String]) -> Option<&'a str> {
    list.iter().find(|p| s.ends_with(p.as_str())).map(String::as_str)
}

fn len(s: &str) -> usize {
    s.chars().count()
}

/// Drop the first `n` characters.
fn skip(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or("", |(i, _)| &s[i..])
}

/// Keep the first `n` characters.
fn take(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

impl Lexicon {
    /// Analyse a query into terms (SPEC.md §4).
    pub fn analyze(&self, query: &str) -> Vec<Term> {
        let atoms = self.atoms(query, true);
        self.terms(atoms)
    }

    /// The atoms of a text: Latin words and CJK pieces. `query` turns on
    /// what only applies to typed queries (stop words, the open last word).
    fn atoms(&self, input: &str, query: bool) -> Vec<Atom> {
        let norm = normalize(input);
        let mut atoms = Vec::new();
        let mut run: Vec<(char, Class)> = Vec::new();
        let mut word = String::new();
        let chars: Vec<char> = norm.chars().collect();
        // English stop words are only dropped from a query without CJK: in a
        // Japanese query a Latin word is a term (`IMが来ない`, `ITに聞く`).
        let english = query && !chars.iter().any(|&c| class(c).is_cjk());
        // Whether the current CJK run follows a Latin word directly
        // (`Excelが落ちる`): only then may it start with a particle.
        let mut after_word = false;
        let mut i = 0;
        while i <= chars.len() {
            let c = chars.get(i).copied();
            let k = c.map_or(Class::Other, class);
            if k.is_cjk() {
                if run.is_empty() {
                    after_word = i > 0 && class(chars[i - 1]) == Class::Word;
                }
                self.flush_word(&mut word, &mut atoms, english, false);
                run.push((c.unwrap_or(' '), k));
            } else {
                self.flush_run(&mut run, &mut atoms, query, after_word);
                match c {
                    Some(c) if k == Class::Word => word.push(c),
                    Some(c)
                        if is_connector(c)
                            && !word.is_empty()
                            && chars.get(i + 1).is_some_and(|&n| class(n) == Class::Word) =>
                    {
                        word.push(c)
                    }
                    None => self.flush_word(&mut word, &mut atoms, english, query),
                    Some(_) => self.flush_word(&mut word, &mut atoms, english, false),
                }
            }
            i += 1;
        }
        atoms
    }

    /// `stops`: drop it when it is an English stop word.
    fn flush_word(&self, word: &mut String, atoms: &mut Vec<Atom>, stops: bool, open: bool) {
        if word.is_empty() {
            return;
        }
        let joined: String = word.chars().filter(|&c| !is_connector(c)).collect();
        if len(&joined) <= text::MAX_WORD {
            let key = stem(&joined).into_owned();
            let open = open && len(&joined) >= 2;
            let stop = stops && self.fold.stop.en.contains(&joined);
            atoms.push(Atom {
                text: word.clone(),
                keys: vec![key.clone()],
                surface_key: None,
                tokens: vec![key],
                surface_tokens: None,
                variants: Vec::new(),
                phrase: String::new(),
                stop,
                open,
                script: if joined.chars().any(|c| c.is_ascii_alphabetic()) { Script::Latin } else { Script::Other },
            });
        }
        word.clear();
    }

    fn flush_run(&self, run: &mut Vec<(char, Class)>, atoms: &mut Vec<Atom>, query: bool, after_word: bool) {
        if run.is_empty() {
            return;
        }
        let parts = if query { self.cut_stop_phrases(run) } else { vec![(run.clone(), false)] };
        let mut lead = after_word;
        for (sub, stop) in parts {
            for piece in self.split_pieces(&sub) {
                if let Some(mut atom) = self.piece_atom(&piece, query, lead) {
                    atom.stop |= stop;
                    atoms.push(atom);
                }
                lead = false;
            }
        }
        run.clear();
    }

    /// Cut stop phrases of two or more characters out of a run. Returns the
    /// parts in order, each marked whether it is a stop phrase.
    fn cut_stop_phrases(&self, run: &[(char, Class)]) -> Vec<(Vec<(char, Class)>, bool)> {
        let mut parts = vec![(run.to_vec(), false)];
        let mut phrases: Vec<&String> = self.fold.stop.ja.iter().filter(|s| len(s) >= 2).collect();
        phrases.sort_by_key(|s| std::cmp::Reverse(len(s)));
        for phrase in phrases {
            let p: Vec<char> = phrase.chars().collect();
            let mut next = Vec::new();
            for (part, stop) in parts {
                if stop {
                    next.push((part, stop));
                    continue;
                }
                let mut start = 0;
                let mut j = 0;
                while j + p.len() <= part.len() {
                    // Not the okurigana of a one-kanji verb: 消したい keeps
                    // its したい, 禁止したい loses it.
                    let okurigana = class(p[0]) == Class::Hiragana
                        && j >= 1
                        && part[j - 1].1 == Class::Han
                        && (j < 2 || part[j - 2].1 != Class::Han);
                    if !okurigana && part[j..j + p.len()].iter().map(|&(c, _)| c).eq(p.iter().copied()) {
                        if j > start {
                            next.push((part[start..j].to_vec(), false));
                        }
                        next.push((part[j..j + p.len()].to_vec(), true));
                        j += p.len();
                        start = j;
                    } else {
                        j += 1;
                    }
                }
                if start < part.len() {
                    next.push((part[start..].to_vec(), false));
                }
            }
            parts = next;
        }
        parts
    }

    /// Split a CJK run into pieces at particles and at hiragana stretches of
    /// two or more characters between words, dropping a "way to" kanji
    /// after hiragana (SPEC.md §4.2).
    fn split_pieces(&self, run: &[(char, Class)]) -> Vec<Vec<(char, Class)>> {
        let n = run.len();
        let hira = hira_like(run);
        let mut pieces = Vec::new();
        let mut cur = 0;
        let mut i = 0;
        while i < n {
            if !hira[i] {
                i += 1;
                continue;
            }
            let s = i;
            while i < n && hira[i] {
                i += 1;
            }
            let e = i;
            let h = string_of(&run[s..e]);
            let before = s > 0;
            let after = e < n;
            if before && s > cur && starts_with_any(&h, &self.fold.without).is_some() {
                // "Without" the noun before it (暗証番号なしで): two words.
                pieces.push(run[cur..s].to_vec());
                pieces.push(run[s..e].to_vec());
                cur = e;
            } else if !before && after {
                pieces.push(run[..e].to_vec());
                cur = e;
            } else if before && after {
                if self.fold.particles.contains(&h) {
                    pieces.push(run[cur..s].to_vec());
                    cur = e;
                } else if e - s >= 2 || (e - s == 1 && script_change(run[s - 1].1, run[e].1)) {
                    // Two or more kana, or one between kanji and katakana
                    // (古いクライアント): the end of a word, kept on its left.
                    pieces.push(run[cur..e].to_vec());
                    cur = e;
                }
            } else if before && !after && s - cur >= 2 {
                if let Some(p) = starts_with_any(&h, &self.fold.tail_particles) {
                    if len(&h) - len(p) >= 3 {
                        pieces.push(run[cur..s].to_vec());
                        pieces.push(run[s + len(p)..e].to_vec());
                        cur = e;
                    }
                }
            }
        }
        if cur < n {
            pieces.push(run[cur..].to_vec());
        }
        pieces.retain(|p| !p.is_empty());
        // "The way to": a `how_to` kanji right after hiragana is dropped
        // (開き方 → 開き; バックアップのとり方 → バックアップのとり).
        let mut kept: Vec<Vec<(char, Class)>> = Vec::with_capacity(pieces.len());
        for mut p in pieces {
            let last = p.last().map(|&(c, _)| c.to_string()).unwrap_or_default();
            let after_kana = match p.len() {
                1 => kept.last().and_then(|k| k.last()).is_some_and(|&(_, k)| k == Class::Hiragana),
                n => p[n - 2].1 == Class::Hiragana,
            };
            if after_kana && self.fold.how_to.contains(&last) {
                p.pop();
            }
            if !p.is_empty() {
                kept.push(p);
            }
        }
        kept.into_iter().flat_map(|p| split_scripts(&p)).collect()
    }

    /// The form of a piece (SPEC.md §4.3), `None` for a lone kana.
    fn form(&self, piece: &[(char, Class)], lead: bool) -> Option<Form> {
        let hira = hira_like(piece);
        if hira.iter().all(|&h| h) {
            let surface = self.strip_particles(&string_of(piece), lead);
            if self.fold.particles.contains(&surface) {
                return None;
            }
            let stemmed = self.strip_inflection(&surface);
            let key_chars = fold_chars(&chars_of(&stemmed));
            let surface_chars = fold_chars(&chars_of(&surface));
            if surface_chars.len() < 2 {
                return None;
            }
            let mut key: String = key_chars.iter().collect();
            if self.negated(skip(&surface, len(&stemmed))) {
                key.push(NEGATED);
            }
            return Some(Form {
                key,
                surface_key: surface_chars.iter().collect(),
                tokens: bigrams(&key_chars),
                surface_tokens: bigrams(&surface_chars),
                phrase: key_chars.iter().collect(),
            });
        }
        // A stem and its trailing hiragana (okurigana or a particle).
        let mut cut = piece.len();
        while cut > 0 && hira[cut - 1] {
            cut -= 1;
        }
        let tail = string_of(&piece[cut..]);
        let okurigana = !tail.is_empty() && !self.fold.particles.contains(&tail);
        let stem = &piece[..cut];
        let folded = fold_chars(stem);
        let (mut key, tokens, phrase) = if folded.len() == 1 {
            let marker = if okurigana && stem[0].1 == Class::Han { OKURI } else { PREFIX };
            let k = format!("{}{marker}", folded[0]);
            let key = if marker == OKURI { self.verb_key(&string_of(piece)) } else { None };
            (key.unwrap_or_else(|| k.clone()), vec![k], String::new())
        } else {
            let k: String = folded.iter().collect();
            (k.clone(), bigrams(&folded), k)
        };
        if okurigana && self.negated(&tail) {
            key.push(NEGATED);
        }
        let surface_key: String = fold_chars(piece).iter().collect();
        Some(Form { key, surface_key, surface_tokens: tokens.clone(), tokens, phrase })
    }

    /// The synonym key of a one-kanji verb that starts with a `verbs` stem
    /// holding okurigana: the stem folded, then `~` (`止めたい` → `止メ~`,
    /// `止まる` → `止マ~`), so two verbs of one kanji (stop it / it stopped,
    /// erase / disappear) do not meet each other's synonyms. The longest
    /// such stem wins; `None` when none fits (`消したい` keeps `消~`).
    fn verb_key(&self, surface: &str) -> Option<String> {
        self.fold
            .verbs
            .iter()
            .map(|(kanji, _)| kanji)
            .filter(|k| len(k) >= 2 && k.chars().next().is_some_and(|c| class(c) == Class::Han))
            .filter(|k| k.chars().skip(1).all(|c| class(c) == Class::Hiragana))
            .filter(|k| {
                surface
                    .strip_prefix(k.as_str())
                    .is_some_and(|rest| rest.chars().next().is_none_or(|c| class(c) == Class::Hiragana))
            })
            .max_by_key(|k| len(k))
            .map(|k| format!("{}{OKURI}", text::fold(k)))
    }

    /// Whether an ending negates its word (`らない`, `ません`).
    fn negated(&self, ending: &str) -> bool {
        self.fold.negations.iter().any(|n| ending.contains(n.as_str()))
    }

    /// Drop a particle from the end of a word in hiragana, and from its
    /// start when it directly follows a Latin word (`lead`).
    fn strip_particles(&self, s: &str, lead: bool) -> String {
        let mut s = s.to_string();
        if let Some(p) = starts_with_any(&s, &self.fold.particles).filter(|_| lead) {
            if len(&s) - len(p) >= 2 {
                s = skip(&s, len(p)).to_string();
            }
        }
        if let Some(p) = ends_with_any(&s, &self.fold.particles) {
            if len(&s) - len(p) >= 2 {
                s = take(&s, len(&s) - len(p)).to_string();
            }
        }
        s
    }

    /// Remove an inflection ending from a word in hiragana (SPEC.md §4.3).
    fn strip_inflection(&self, s: &str) -> String {
        let n = len(s);
        if n < 3 {
            return s.to_string();
        }
        // The longer of the two endings wins; an aux ending also takes the
        // kana before it.
        let aux = ends_with_any(s, &self.fold.suffixes.aux).filter(|a| n - len(a) > 2);
        let end = ends_with_any(s, &self.fold.suffixes.end).filter(|e| n - len(e) >= 2);
        match (aux, end) {
            (Some(a), Some(e)) if len(e) > len(a) => take(s, n - len(e)).to_string(),
            (Some(a), _) => take(s, n - len(a) - 1).to_string(),
            (None, Some(e)) => take(s, n - len(e)).to_string(),
            (None, None) => s.to_string(),
        }
    }

    /// The other spelling of a piece that starts with a verb of the table.
    fn verb_variant(&self, surface: &str, all_hira: bool) -> Option<String> {
        for (kanji, kana) in &self.fold.verbs {
            if !all_hira {
                if let Some(rest) = surface.strip_prefix(kanji.as_str()) {
                    if rest.is_empty() || rest.chars().next().is_some_and(|c| class(c) == Class::Hiragana) {
                        return Some(format!("{kana}{rest}"));
                    }
                }
            }
        }
        if all_hira {
            let mut by_kana: Vec<&(String, String)> = self.fold.verbs.iter().collect();
            by_kana.sort_by_key(|(_, r)| std::cmp::Reverse(len(r)));
            for (kanji, kana) in by_kana {
                if let Some(rest) = surface.strip_prefix(kana.as_str()) {
                    if !rest.is_empty() {
                        return Some(format!("{kanji}{rest}"));
                    }
                }
            }
        }
        None
    }

    /// The kango noun of a verb written with its kanji and okurigana
    /// (`作りたい` → `作成`, `変えたい` → `変更`).
    fn kango(&self, surface: &str, all_hira: bool) -> Option<String> {
        if all_hira {
            return None;
        }
        self.fold.kango.iter().find_map(|(wago, kango)| {
            let rest = surface.strip_prefix(wago.as_str())?;
            let first = rest.chars().next()?;
            (class(first) == Class::Hiragana).then(|| kango.clone())
        })
    }

    fn piece_atom(&self, piece: &[(char, Class)], query: bool, lead: bool) -> Option<Atom> {
        let form = self.form(piece, lead)?;
        let all_hira = hira_like(piece).iter().all(|&h| h);
        let surface = if all_hira { self.strip_particles(&string_of(piece), lead) } else { string_of(piece) };
        let mut keys = vec![form.key.clone()];
        let mut variants = Vec::new();
        let variant = self.verb_variant(&surface, all_hira);
        if let Some(v) = &variant {
            let forms: Vec<Form> = self.split_pieces(&chars_of(v)).iter().filter_map(|p| self.form(p, false)).collect();
            if let [only] = forms.as_slice() {
                keys.push(only.key.clone());
            }
            let tokens: Vec<String> = forms.into_iter().flat_map(|f| f.tokens).collect();
            if !tokens.is_empty() && tokens != form.tokens {
                variants.push((tokens, W_VARIANT));
            }
        }
        // The kango noun of the verb, typed in kanji or in hiragana (はじめる
        // is 始める, so 開始 too).
        let kango = self
            .kango(&surface, all_hira)
            .or_else(|| variant.as_ref().filter(|_| all_hira).and_then(|v| self.kango(v, false)));
        if let Some(k) = kango {
            let tokens = bigrams(&fold_chars(&chars_of(&k)));
            if !tokens.is_empty() && tokens != form.tokens {
                variants.push((tokens, W_KANGO));
            }
        }
        let bare = form.key.trim_end_matches([PREFIX, OKURI, NEGATED]);
        let stop = query
            && self.fold.stop.ja.iter().any(|s| {
                let f = text::fold(s);
                f == bare || f == form.surface_key
            });
        Some(Atom {
            text: surface,
            keys,
            surface_key: (form.surface_key != form.key).then_some(form.surface_key),
            surface_tokens: (form.surface_tokens != form.tokens).then_some(form.surface_tokens),
            tokens: form.tokens,
            variants,
            phrase: form.phrase,
            stop,
            open: false,
            script: if piece.iter().all(|&(_, k)| matches!(k, Class::Katakana | Class::Long)) {
                Script::Kana
            } else {
                Script::Other
            },
        })
    }

    /// The keys a query word finds synonym entries by (SPEC.md §4.6): for
    /// each group, the keys and surface key of the first word of each of its
    /// entries. The index files the groups under these keys so a query
    /// loads only the groups its words can meet.
    pub fn group_keys(&self) -> Vec<Vec<String>> {
        let mut out = vec![Vec::new(); self.synonyms.len()];
        for (g, atoms) in self.entries() {
            let first = &atoms[0];
            for k in first.keys.iter().chain(&first.surface_key) {
                if !out[g].contains(k) {
                    out[g].push(k.clone());
                }
            }
        }
        out
    }

    /// The keys of a query's words that synonym groups are filed under
    /// (see [`Lexicon::group_keys`]).
    pub fn query_keys(&self, query: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for a in self.atoms(query, true) {
            for k in a.keys.iter().chain(&a.surface_key) {
                if !out.contains(k) {
                    out.push(k.clone());
                }
            }
        }
        out
    }

    /// Synonym entries as atom sequences, with their group.
    fn entries(&self) -> Vec<(usize, Vec<Atom>)> {
        let mut out = Vec::new();
        for (g, group) in self.synonyms.iter().enumerate() {
            for entry in group {
                let atoms = self.atoms(entry, false);
                if !atoms.is_empty() {
                    out.push((g, atoms));
                }
            }
        }
        out
    }

    /// Turn atoms into terms: match synonym entries (longest first), drop
    /// stop words, add the alternatives.
    fn terms(&self, atoms: Vec<Atom>) -> Vec<Term> {
        let entries = self.entries();
        let all_stop = atoms.iter().all(|a| a.stop);
        let mut terms: Vec<Term> = Vec::new();
        let mut i = 0;
        while i < atoms.len() {
            // The longest entry matching at i; the atoms matched by surface.
            let mut best: Option<(usize, Vec<bool>)> = None;
            for (_, entry) in &entries {
                let n = entry.len();
                if i + n > atoms.len() || best.as_ref().is_some_and(|(m, _)| *m >= n) {
                    continue;
                }
                let mut by_surface = Vec::with_capacity(n);
                let ok = entry.iter().zip(&atoms[i..i + n]).all(|(e, a)| match atom_meets(a, e) {
                    Some(surface) => {
                        by_surface.push(surface);
                        true
                    }
                    None => false,
                });
                if ok {
                    best = Some((n, by_surface));
                }
            }
            let matched = best.is_some();
            let (n, by_surface) = best.unwrap_or_else(|| (1, vec![false]));
            let span = &atoms[i..i + n];
            i += n;
            if n == 1 && span[0].stop && !all_stop {
                continue;
            }
            let mut typed = Vec::new();
            for (a, surf) in span.iter().zip(&by_surface) {
                match (&a.surface_tokens, surf) {
                    (Some(t), true) => typed.extend(t.iter().cloned()),
                    _ => typed.extend(a.tokens.iter().cloned()),
                }
            }
            let mut alts = vec![Alt { tokens: typed, weight: W_TYPED }];
            if n == 1 {
                for (v, w) in &span[0].variants {
                    alts.push(Alt { tokens: v.clone(), weight: *w });
                }
                if span[0].open {
                    let prefix: String = span[0].text.chars().filter(|&c| !is_connector(c)).collect();
                    alts.push(Alt { tokens: vec![format!("{prefix}{PREFIX}")], weight: W_PREFIX });
                }
            }
            if matched {
                // Every group with an entry that matches the span.
                let matches = |e: &[Atom]| e.len() == n && e.iter().zip(span).all(|(e, a)| atom_meets(a, e).is_some());
                let groups: Vec<usize> = entries.iter().filter(|(_, e)| matches(e)).map(|(g, _)| *g).collect();
                for (g, entry) in &entries {
                    if !groups.contains(g) {
                        continue;
                    }
                    let tokens: Vec<String> = entry.iter().flat_map(|a| a.tokens.iter().cloned()).collect();
                    if !tokens.is_empty() && !alts.iter().any(|a| a.tokens == tokens) {
                        let translit = |a: Script, b: Script| {
                            span.iter().all(|x| x.script == a) && entry.iter().all(|x| x.script == b)
                        };
                        let weight = if translit(Script::Kana, Script::Latin) || translit(Script::Latin, Script::Kana) {
                            W_TRANSLIT
                        } else {
                            W_SYNONYM
                        };
                        alts.push(Alt { tokens, weight });
                    }
                }
            }
            let text = span.iter().map(|a| a.text.as_str()).collect::<Vec<_>>().join(" ");
            let phrase = if n == 1 { span[0].phrase.clone() } else { String::new() };
            if !terms.iter().any(|t| t.alts[0] == alts[0]) {
                terms.push(Term { text, phrase, alts });
            }
        }
        terms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(lex: &Lexicon, q: &str) -> Vec<Vec<String>> {
        lex.analyze(q).into_iter().map(|t| t.alts[0].tokens.clone()).collect()
    }

    #[test]
    fn inflection_and_particles() {
        let lex = Lexicon::with_synonyms(Vec::new());
        assert_eq!(tokens(&lex, "受け取れない"), vec![vec!["受ケ", "ケ取"]]);
        assert_eq!(tokens(&lex, "パスワードを忘れた"), vec![vec!["パス", "スワ", "ワド"], vec!["忘~"]]);
        assert_eq!(tokens(&lex, "ネットにつながらない"), vec![vec!["ネッ", "ット"], vec!["ツナ", "ナガ"]]);
    }
}
