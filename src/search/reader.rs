//! Reads a written index back from an output folder: the meta file, every
//! shard and fragment. It answers queries with a plain scorer (SPEC.md §6
//! without the browser's refinements), which is what the round-trip tests
//! use to check that what was written finds what it should.

use std::collections::BTreeMap;
use std::path::Path;

use base64::Engine;
use serde::Deserialize;

use super::lexicon::{FoldRules, Lexicon};
use super::query::{OKURI, PREFIX};
use super::text::{class, index_token_strings, Class};

/// A unit of a fragment: `(kind, anchor, label, text, section unit, step number)`.
pub type UnitRow = (String, String, String, String, Option<usize>, Option<u64>);

/// One guide's fragment, as written.
#[derive(Debug, Clone, Deserialize)]
pub struct Fragment {
    pub t: String,
    pub u: String,
    pub l: String,
    pub a: Vec<String>,
    pub x: Vec<UnitRow>,
}

impl Fragment {
    /// The element id unit `i` links to (short anchors expanded).
    pub fn anchor(&self, i: usize) -> String {
        let (kind, anchor, label, _, section, number) = &self.x[i];
        let section = section.map(|s| self.anchor(s));
        super::index::full_anchor(kind, anchor, label, section.as_deref(), *number)
    }

    /// The label of unit `i` (the guide's own unit is labelled by the title).
    pub fn label(&self, i: usize) -> &str {
        let (kind, _, label, ..) = &self.x[i];
        if kind == "g" {
            &self.t
        } else {
            label
        }
    }
}

#[derive(Debug, Deserialize)]
struct Meta {
    v: u32,
    n: usize,
    langs: Vec<String>,
    ls: Vec<usize>,
    shards: String,
    fold: FoldRules,
    yn: usize,
    yb: usize,
}

/// The strings [`super::index::front_code`] wrote.
pub fn front_decode(coded: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if coded.is_empty() {
        return out;
    }
    for entry in coded.split(' ') {
        let mut chars = entry.chars();
        let shared = chars.next().and_then(|c| c.to_digit(10)).unwrap_or(0) as usize;
        let mut s: String = out.last().map(|p| p.chars().take(shared).collect()).unwrap_or_default();
        s.extend(chars);
        out.push(s);
    }
    out
}

/// An index read back from disk.
pub struct Reader {
    pub version: u32,
    pub guides: usize,
    /// Where each shard begins (a start of its first term).
    pub shard_bounds: Vec<String>,
    /// Each guide's language.
    pub langs: Vec<String>,
    /// Term → postings `(guide, impact)`.
    pub terms: BTreeMap<String, Vec<(u32, u8)>>,
    /// Which shard each term was found in.
    pub shard_of: BTreeMap<String, usize>,
    pub fragments: Vec<Fragment>,
    pub lexicon: Lexicon,
}

/// A search result: a guide and its best unit.
#[derive(Debug, Clone)]
pub struct Hit {
    pub guide: usize,
    pub url: String,
    pub anchor: String,
    pub score: f32,
}

/// Whether `a` sorts before `b` in UTF-16 code units, as JavaScript compares.
fn utf16_lt(a: &str, b: &str) -> bool {
    a.encode_utf16().lt(b.encode_utf16())
}

fn call_args(text: &str, name: &str) -> Result<String, String> {
    let start = format!("TebikiSearch.{name}(");
    let body = text.trim().strip_prefix(&start).and_then(|t| t.strip_suffix(");")).ok_or("not an index file")?;
    Ok(format!("[{body}]"))
}

/// Reads bytes and varints from a postings blob.
struct Cursor<'a> {
    blob: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.blob.get(self.pos).ok_or("truncated postings")?;
        self.pos += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u32, String> {
        let mut v = 0u32;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            v |= u32::from(b & 0x7F) << shift;
            if b < 0x80 {
                return Ok(v);
            }
            shift += 7;
        }
    }
}

/// The postings of `count` terms (SPEC.md §5): per term, the head's
/// `(guide, impact and flags)`, then the tail's guides with the tail's impact.
pub fn decode_postings(blob: &[u8], count: usize) -> Result<Vec<Vec<(u32, u8)>>, String> {
    let mut c = Cursor { blob, pos: 0 };
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let h = c.varint()?;
        let mut list = Vec::with_capacity((h >> 1) as usize);
        let mut doc = 0;
        for _ in 0..h >> 1 {
            doc += c.varint()?;
            list.push((doc, c.byte()?));
        }
        if h & 1 == 1 {
            let t = c.varint()?;
            let impact = c.byte()?;
            if t & 1 == 1 {
                let first = c.varint()?;
                let len = c.varint()? as usize;
                for i in 0..len {
                    let byte = c.byte()?;
                    for bit in 0..8 {
                        if byte >> bit & 1 == 1 {
                            list.push((first + (i * 8 + bit) as u32, impact));
                        }
                    }
                }
                if list.len() != (h >> 1) as usize + (t >> 1) as usize {
                    return Err("tail bitmap does not match its count".into());
                }
            } else {
                let mut doc = 0;
                for _ in 0..t >> 1 {
                    doc += c.varint()?;
                    list.push((doc, impact));
                }
            }
        }
        out.push(list);
    }
    if c.pos != blob.len() {
        return Err("trailing bytes after postings".into());
    }
    Ok(out)
}

impl Reader {
    /// Read the index under `out/_tebiki/search/`.
    pub fn open(out: &Path) -> Result<Reader, String> {
        let dir = out.join(super::index::DIR);
        let read = |rel: String| std::fs::read_to_string(dir.join(&rel)).map_err(|e| format!("{rel}: {e}"));
        let meta_json = call_args(&read("meta.js".into())?, "m")?;
        let (meta,): (Meta,) = serde_json::from_str(&meta_json).map_err(|e| format!("meta.js: {e}"))?;
        let mut terms = BTreeMap::new();
        let mut shard_of = BTreeMap::new();
        let bounds = front_decode(&meta.shards);
        let mut last: Option<String> = None;
        for (s, bound) in bounds.iter().enumerate() {
            let json = call_args(&read(format!("t/{s}.js"))?, "s")?;
            let (id, names, b64): (usize, String, String) =
                serde_json::from_str(&json).map_err(|e| format!("t/{s}.js: {e}"))?;
            let names = front_decode(&names);
            let starts_here = names.first().is_some_and(|f| f.starts_with(bound.as_str()))
                && last.as_ref().is_none_or(|l| utf16_lt(l, bound));
            if id != s || !starts_here {
                return Err(format!("t/{s}.js does not start where meta.js says"));
            }
            last = names.last().cloned();
            let blob = base64::engine::general_purpose::STANDARD.decode(b64).map_err(|e| format!("t/{s}.js: {e}"))?;
            for (name, list) in names.iter().zip(decode_postings(&blob, names.len())?) {
                shard_of.insert(name.clone(), s);
                terms.insert(name.clone(), list);
            }
        }
        let mut synonyms: Vec<Option<Vec<String>>> = vec![None; meta.yn];
        for n in 0..meta.yb {
            let json = call_args(&read(format!("y/{n}.js"))?, "y")?;
            let (id, rows): (usize, Vec<(usize, Vec<String>)>) =
                serde_json::from_str(&json).map_err(|e| format!("y/{n}.js: {e}"))?;
            if id != n {
                return Err(format!("y/{n}.js holds file {id}"));
            }
            for (g, group) in rows {
                *synonyms.get_mut(g).ok_or(format!("y/{n}.js: group {g} out of range"))? = Some(group);
            }
        }
        let synonyms: Vec<Vec<String>> = synonyms.into_iter().map(Option::unwrap_or_default).collect();
        let mut langs = Vec::with_capacity(meta.n);
        for (l, w) in meta.ls.windows(2).enumerate() {
            langs.extend(std::iter::repeat_n(meta.langs.get(l).cloned().unwrap_or_default(), w[1] - w[0]));
        }
        if langs.len() != meta.n {
            return Err("meta.js: language ranges do not cover the guides".into());
        }
        let mut fragments = Vec::with_capacity(meta.n);
        for g in 0..meta.n {
            let json = call_args(&read(format!("f/{g}.js"))?, "f")?;
            let (id, frag): (usize, Fragment) = serde_json::from_str(&json).map_err(|e| format!("f/{g}.js: {e}"))?;
            if id != g {
                return Err(format!("f/{g}.js holds guide {id}"));
            }
            fragments.push(frag);
        }
        Ok(Reader {
            version: meta.v,
            guides: meta.n,
            shard_bounds: bounds,
            langs,
            terms,
            shard_of,
            fragments,
            lexicon: Lexicon { fold: meta.fold, synonyms },
        })
    }

    /// The index terms a query token stands for, with their weight
    /// (prefixes and okurigana wildcards expand; SPEC.md §6).
    pub fn expand(&self, token: &str) -> Vec<(&str, f32)> {
        if let Some(p) = token.strip_suffix(PREFIX) {
            return self
                .terms
                .range(p.to_string()..)
                .take_while(|(t, _)| t.starts_with(p))
                .map(|(t, _)| (t.as_str(), if t == p { 1.0 } else { 0.85 }))
                .collect();
        }
        if let Some(k) = token.strip_suffix(OKURI) {
            return self
                .terms
                .range(k.to_string()..)
                .take_while(|(t, _)| t.starts_with(k))
                .filter(|(t, _)| {
                    t.chars().nth(1).is_none_or(|c| {
                        matches!(class(c), Class::Katakana | Class::Long)
                            && !self.lexicon.fold.not_okurigana.iter().any(|n| super::text::fold(n).starts_with(c))
                    })
                })
                .map(|(t, _)| (t.as_str(), 1.0))
                .collect();
        }
        self.terms.get_key_value(token).map(|(t, _)| (t.as_str(), 1.0)).into_iter().collect()
    }

    fn idf(&self, df: usize) -> f32 {
        let n = self.guides as f32;
        (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln()
    }

    /// Score every guide for a query and return the best, each with its
    /// best unit.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let terms = self.lexicon.analyze(query);
        let mut scores = vec![0f32; self.guides];
        for term in &terms {
            let mut best = vec![0f32; self.guides];
            for alt in &term.alts {
                let mut sum = vec![0f32; self.guides];
                let mut found = vec![0u32; self.guides];
                for token in &alt.tokens {
                    let mut tok = vec![0f32; self.guides];
                    for (t, w) in self.expand(token) {
                        let list = &self.terms[t];
                        let idf = self.idf(list.len());
                        for &(d, imp) in list {
                            let s = w * idf * f32::from(imp & super::index::IMPACT_MAX)
                                / f32::from(super::index::IMPACT_MAX);
                            tok[d as usize] = tok[d as usize].max(s);
                        }
                    }
                    for d in 0..self.guides {
                        if tok[d] > 0.0 {
                            sum[d] += tok[d];
                            found[d] += 1;
                        }
                    }
                }
                let n = alt.tokens.len().max(1) as f32;
                for d in 0..self.guides {
                    let frac = found[d] as f32 / n;
                    best[d] = best[d].max(alt.weight * sum[d] / n * frac * frac);
                }
            }
            for d in 0..self.guides {
                scores[d] += best[d];
            }
        }
        let mut order: Vec<usize> = (0..self.guides).filter(|&d| scores[d] > 0.0).collect();
        order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
        order.truncate(limit);
        order
            .into_iter()
            .map(|d| {
                let frag = &self.fragments[d];
                let anchor = self.best_unit(frag, &terms);
                Hit { guide: d, url: frag.u.clone(), anchor, score: scores[d] }
            })
            .collect()
    }

    /// The anchor of the unit that holds the most of the query's tokens
    /// (labels count double).
    fn best_unit(&self, frag: &Fragment, terms: &[super::query::Term]) -> String {
        let wanted: Vec<Vec<String>> = terms
            .iter()
            .map(|t| {
                t.alts
                    .iter()
                    .flat_map(|a| a.tokens.iter())
                    .flat_map(|tok| self.expand(tok).into_iter().map(|(t, _)| t.to_string()))
                    .collect()
            })
            .collect();
        let mut best = (0f32, String::new());
        for (i, (_, _, _, text, _, _)) in frag.x.iter().enumerate() {
            let l = index_token_strings(frag.label(i));
            let b = index_token_strings(text);
            let score: f32 = wanted
                .iter()
                .map(|toks| {
                    let in_label = toks.iter().filter(|t| l.contains(t)).count() as f32;
                    let in_text = toks.iter().filter(|t| b.contains(t)).count() as f32;
                    2.0 * in_label + in_text
                })
                .sum();
            if score > best.0 {
                best = (score, frag.anchor(i));
            }
        }
        best.1
    }
}
