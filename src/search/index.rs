//! The index builder (SPEC.md §5–6): guides → weighted postings per term →
//! sorted terms cut into shards of about [`SHARD_BYTES`], plus one fragment
//! per guide and the meta file, every one a script file that hands its data
//! to `TebikiSearch` (so it loads from `file://`).
//!
//! Postings are per guide: `(guide, impact)`, where the impact is the
//! guide's BM25F weight for the term (field weights, length normalisation,
//! the guide's standing in the site) quantised to six bits, with a bit each
//! for "in the title" and "in a heading or question". A common term keeps
//! its strongest postings in full (the head) and only the membership of the
//! others (the tail). Which step or question matches best is decided in the
//! browser from the fragments of the top guides.

use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicBool, Ordering};

use base64::Engine;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};
use serde::Serialize;

use super::extract::{self, Extract, FIELD_WEIGHTS};
use super::lexicon::{FoldRules, Lexicon};
use super::text::{index_tokens, CjkKey, Token, SPEC_VERSION};
use crate::model::Site;

/// Aim for shards of about this many bytes of postings (before base64).
pub const SHARD_BYTES: usize = 2 * 1024;
/// BM25 saturation and length normalisation.
pub const K1: f32 = 1.2;
pub const B: f32 = 0.75;
/// Largest impact (six bits); the two bits above it are the field flags.
pub const IMPACT_MAX: u8 = 63;
/// Flag of a posting: the term is in the guide's title.
pub const IN_TITLE: u8 = 0x40;
/// Flag of a posting: the term is in a section heading or a question.
pub const IN_HEADING: u8 = 0x80;
/// Postings kept in full per term; the rest keep only their guide (SPEC.md §5).
pub const HEAD: usize = 64;
/// How much the guide's standing (links and `related` pointing at it) can
/// raise its impacts.
pub const PRIOR: f32 = 1.0;

/// Folder of the index inside the output, and its files.
pub const DIR: &str = "_tebiki/search";

/// Postings of the guides one task has processed, in guide order: CJK tokens
/// and short words by a packed integer, longer words by their text.
#[derive(Default)]
struct Postings {
    packed: FxHashMap<u64, u32>,
    long: FxHashMap<Box<str>, u32>,
    /// Per term id: `(guide | flags << 24, weighted tf)`, guides ascending.
    lists: Vec<Vec<(u32, f32)>>,
    /// Per guide of the task, in order: weighted length, and the hash and
    /// size of its fragment file (handed to the caller as soon as made).
    guides: Vec<(f32, u64, usize)>,
}

/// Marks a packed CJK token; a packed word keeps its length (≤ 7) in the top byte.
const CJK_TAG: u64 = 1 << 63;

fn pack_word(w: &str) -> Option<u64> {
    let b = w.as_bytes();
    (b.len() <= 7)
        .then(|| b.iter().enumerate().fold((b.len() as u64) << 56, |v, (i, &x)| v | (u64::from(x) << (8 * i))))
}

fn unpack(v: u64) -> String {
    if v & CJK_TAG != 0 {
        return CjkKey(v & !CJK_TAG).to_text();
    }
    let bytes: Vec<u8> = (0..(v >> 56) as usize).map(|i| (v >> (8 * i)) as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

impl Postings {
    fn id_of(&mut self, t: Token<'_>) -> u32 {
        let next = self.lists.len() as u32;
        let (id, new) = match t {
            Token::Cjk(k) => {
                let e = self.packed.entry(CJK_TAG | k.0);
                let new = matches!(e, std::collections::hash_map::Entry::Vacant(_));
                (*e.or_insert(next), new)
            }
            Token::Word(w) => match pack_word(w) {
                Some(v) => {
                    let e = self.packed.entry(v);
                    let new = matches!(e, std::collections::hash_map::Entry::Vacant(_));
                    (*e.or_insert(next), new)
                }
                None => match self.long.get(w) {
                    Some(&id) => (id, false),
                    None => {
                        self.long.insert(w.into(), next);
                        (next, true)
                    }
                },
            },
        };
        if new {
            self.lists.push(Vec::new());
        }
        id
    }

    /// Append the postings of `other`, whose guides all come after ours.
    fn append(mut self, other: Postings) -> Postings {
        let mut remap = vec![0u32; other.lists.len()];
        for (v, id) in other.packed {
            let next = self.lists.len() as u32;
            let mine = *self.packed.entry(v).or_insert(next);
            if mine == next {
                self.lists.push(Vec::new());
            }
            remap[id as usize] = mine;
        }
        for (w, id) in other.long {
            let next = self.lists.len() as u32;
            let mine = *self.long.entry(w).or_insert(next);
            if mine == next {
                self.lists.push(Vec::new());
            }
            remap[id as usize] = mine;
        }
        for (id, list) in other.lists.into_iter().enumerate() {
            self.lists[remap[id] as usize].extend(list);
        }
        self.guides.extend(other.guides);
        self
    }

    /// Every term with its postings.
    fn into_terms(self) -> Vec<(String, Vec<(u32, f32)>)> {
        let mut lists: Vec<Option<Vec<(u32, f32)>>> = self.lists.into_iter().map(Some).collect();
        let mut out = Vec::with_capacity(lists.len());
        for (v, id) in self.packed {
            out.push((unpack(v), lists[id as usize].take().unwrap_or_default()));
        }
        for (w, id) in self.long {
            out.push((w.into_string(), lists[id as usize].take().unwrap_or_default()));
        }
        out
    }
}

/// A posting's guide is below this; the flags sit above it.
const GUIDE_BITS: u32 = 24;

thread_local! {
    /// Term counts and field flags of the guide being indexed (one map per
    /// thread, reused).
    static COUNTS: std::cell::RefCell<FxHashMap<u32, (f32, u8)>> = std::cell::RefCell::default();
}

/// Sizes of a written index, for reports and benchmarks.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexStats {
    pub guides: usize,
    pub terms: usize,
    pub postings: usize,
    pub shards: usize,
    pub shard_bytes: usize,
    pub fragment_bytes: usize,
    pub meta_bytes: usize,
}

/// A built index: files (path inside the output → contents) and sizes.
pub struct Index {
    pub files: Vec<(String, Vec<u8>)>,
    pub stats: IndexStats,
}

/// Site-wide values the meta file carries besides the index itself.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MetaExtras {
    /// Per language: entry points shown when nothing is found
    /// (`[title, root-relative url]`), and UI strings.
    pub entry: serde_json::Map<String, serde_json::Value>,
    pub ui: serde_json::Map<String, serde_json::Value>,
}

fn varint(mut v: u32, out: &mut Vec<u8>) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Order of terms in the index: UTF-16 code units, as JavaScript compares.
fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// The impact of a term in a guide (SPEC.md §5): BM25 saturation and
/// length normalisation, scaled by the guide's standing `prior` (0–1) and
/// quantised to 1–[`IMPACT_MAX`].
pub fn impact(tf: f32, length: f32, avg: f32, prior: f32) -> u8 {
    let norm = 1.0 - B + B * (length / avg.max(1.0));
    let w = tf * (K1 + 1.0) / (tf + K1 * norm);
    let scaled = w / (K1 + 1.0) * (1.0 + PRIOR * prior) / (1.0 + PRIOR);
    (scaled * f32::from(IMPACT_MAX)).round().clamp(1.0, f32::from(IMPACT_MAX)) as u8
}

/// Each guide's standing in its site, 0–1: how many other guides link to it
/// or list it in `related`, on a log scale relative to the most linked-to.
fn standing(site: &Site) -> Vec<f32> {
    let by_source: FxHashMap<&std::ffi::OsStr, usize> =
        site.guides.iter().enumerate().map(|(i, g)| (g.source.as_os_str(), i)).collect();
    let mut linked_from: Vec<Vec<u32>> = vec![Vec::new(); site.guides.len()];
    for (from, g) in site.guides.iter().enumerate() {
        let targets = g.links.iter().filter_map(|l| by_source.get(l.target.as_os_str()).copied());
        let related = site.nav.get(from).map(|n| n.related.as_slice()).unwrap_or_default();
        for to in targets.chain(related.iter().copied()) {
            if to != from {
                linked_from[to].push(from as u32);
            }
        }
    }
    let counts: Vec<f32> = linked_from
        .iter_mut()
        .map(|v| {
            v.sort_unstable();
            v.dedup();
            (1.0 + v.len() as f32).ln()
        })
        .collect();
    let max = counts.iter().copied().fold(0.0, f32::max);
    counts.iter().map(|&c| if max > 0.0 { c / max } else { 0.0 }).collect()
}

/// One term's postings in the index's byte format (SPEC.md §5): the head
/// (every posting when there are at most [`HEAD`], else the strongest, the
/// title's first) with impacts and flags, then the tail's guides only, as
/// gaps or a bitmap, whichever is shorter, with one impact for all of them.
fn encode_postings(postings: &[(u32, u8)], out: &mut Vec<u8>) {
    let rank = |&(_, b): &(u32, u8)| (b & IN_TITLE != 0, b & IN_HEADING != 0, b & IMPACT_MAX);
    let mut head: Vec<(u32, u8)> = postings.to_vec();
    let mut tail: Vec<(u32, u8)> = Vec::new();
    if head.len() > HEAD {
        head.sort_unstable_by(|a, b| rank(b).cmp(&rank(a)).then(a.0.cmp(&b.0)));
        let titles = head.iter().take_while(|p| p.1 & IN_TITLE != 0).count();
        tail = head.split_off(HEAD.max(titles));
        head.sort_unstable_by_key(|p| p.0);
        tail.sort_unstable_by_key(|p| p.0);
    }
    varint((head.len() as u32) << 1 | u32::from(!tail.is_empty()), out);
    let mut prev = 0;
    for &(doc, b) in &head {
        varint(doc - prev, out);
        out.push(b);
        prev = doc;
    }
    if tail.is_empty() {
        return;
    }
    let mut impacts: Vec<u8> = tail.iter().map(|p| p.1 & IMPACT_MAX).collect();
    impacts.sort_unstable();
    let tail_impact = impacts[impacts.len() / 2];
    let mut gaps = Vec::with_capacity(tail.len() + 4);
    let mut prev = 0;
    for &(doc, _) in &tail {
        varint(doc - prev, &mut gaps);
        prev = doc;
    }
    let (first, last) = (tail[0].0, tail[tail.len() - 1].0);
    let bitmap_len = ((last - first) / 8 + 1) as usize;
    let as_bitmap = bitmap_len + 8 < gaps.len();
    varint((tail.len() as u32) << 1 | u32::from(as_bitmap), out);
    out.push(tail_impact);
    if as_bitmap {
        varint(first, out);
        varint(bitmap_len as u32, out);
        let start = out.len();
        out.resize(start + bitmap_len, 0);
        for &(doc, _) in &tail {
            let bit = (doc - first) as usize;
            out[start + bit / 8] |= 1 << (bit % 8);
        }
    } else {
        out.extend_from_slice(&gaps);
    }
}

/// Sorted strings written as one: each entry is the number of leading
/// characters it shares with the one before (one digit, at most 9), then
/// the rest; entries are separated by a space, which no term holds.
pub fn front_code<'a>(sorted: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut prev: &str = "";
    for (i, s) in sorted.into_iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let shared = prev.chars().zip(s.chars()).take_while(|(a, b)| a == b).count().min(9);
        out.push(char::from(b'0' + shared as u8));
        out.extend(s.chars().skip(shared));
        prev = s;
    }
    out
}

/// The shortest start of `next` that sorts after `prev` (UTF-16 order):
/// where a shard begins, as the meta file records it.
fn separator<'a>(prev: &str, next: &'a str) -> &'a str {
    for (i, c) in next.char_indices() {
        let cut = &next[..i + c.len_utf8()];
        if utf16_cmp(cut, prev) == std::cmp::Ordering::Greater {
            return cut;
        }
    }
    next
}

/// A unit in a fragment: `[kind, anchor, label, text, section unit, step number]`.
type UnitRow<'a> = (&'static str, &'a str, &'a str, &'a str, Option<usize>, Option<u64>);

/// A guide's fragment: what the result list shows and ranks steps with.
#[derive(Serialize)]
struct Fragment<'a> {
    /// Title.
    t: &'a str,
    /// Page, relative to the site root.
    u: &'a str,
    l: &'a str,
    a: &'a [String],
    x: Vec<UnitRow<'a>>,
}

/// Where fragments go as they are made: output path and bytes.
pub type Emit<'a> = &'a (dyn Fn(String, Vec<u8>) + Sync);

/// The field flags of a posting for each field of [`extract::Field`].
const FIELD_FLAGS: [u8; 5] = [IN_TITLE, IN_HEADING, 0, 0, 0];

/// Index one guide (search id `sid`, guide `id`) into a task's postings;
/// its fragment goes to `emit`.
fn index_guide(site: &Site, sid: usize, id: usize, acc: &mut Postings, emit: Emit<'_>) {
    let g = &site.guides[id];
    let cat = site.category_of(id);
    let category = if cat == 0 { String::new() } else { site.category_title(cat, &g.lang).to_string() };
    let ex: Extract = extract::extract(site, id, &category);
    let mut length = 0.0;
    COUNTS.with_borrow_mut(|counts| {
        counts.clear();
        for (f, segments) in ex.fields.iter().enumerate() {
            let (w, flag) = (FIELD_WEIGHTS[f], FIELD_FLAGS[f]);
            for seg in segments {
                index_tokens(seg, &mut |t| {
                    length += w;
                    let c = counts.entry(acc.id_of(t)).or_default();
                    c.0 += w;
                    c.1 |= flag;
                });
            }
        }
        for (&term, &(tf, flags)) in counts.iter() {
            acc.lists[term as usize].push((sid as u32 | u32::from(flags) << GUIDE_BITS, tf));
        }
    });
    // An href: names with spaces, `#` or `%` are percent-encoded.
    let href = crate::parse::markdown::href_path(&g.url);
    let fragment = Fragment {
        t: &g.meta.title,
        u: &href,
        l: &g.lang,
        a: &g.meta.applies_to,
        x: ex
            .units
            .iter()
            .map(|u| {
                let section = u.section.map(|i| ex.units[i].anchor);
                // The guide's own unit is labelled by the title (`t`).
                let label = if u.kind == extract::UnitKind::Guide { "" } else { u.label };
                (u.kind.code(), short_anchor(u, section), label, u.text.as_str(), u.section, u.number)
            })
            .collect(),
    };
    let mut js = format!("TebikiSearch.f({sid},").into_bytes();
    if serde_json::to_writer(&mut js, &fragment).is_err() {
        js.extend_from_slice(b"{}");
    }
    js.extend_from_slice(b");\n");
    let mut hash = FxHasher::default();
    js.hash(&mut hash);
    acc.guides.push((length, hash.finish(), js.len()));
    emit(format!("{DIR}/f/{sid}.js"), js);
}

/// A unit's anchor as a fragment writes it: a step anchor made by FORMAT.md's
/// rule is shortened to `""` (`step-N`) or `"-"` (`<section anchor>-step-N`),
/// a heading's or question's anchor that is the slug of its text (written
/// only with characters whose slug both sides agree on) to `""`;
/// [`full_anchor`] and the browser expand them again.
fn short_anchor<'a>(u: &extract::Unit<'a>, section: Option<&str>) -> &'a str {
    if matches!(u.kind, extract::UnitKind::Section | extract::UnitKind::Question) {
        return if slug_safe(u.label) && crate::slug::slugify(u.label) == u.anchor { "" } else { u.anchor };
    }
    let Some(n) = u.number.filter(|_| u.kind == extract::UnitKind::Step) else { return u.anchor };
    let Some(rest) = u.anchor.strip_suffix(n.to_string().as_str()) else { return u.anchor };
    if rest == "step-" {
        ""
    } else if section.is_some_and(|s| rest.strip_suffix("-step-") == Some(s)) {
        "-"
    } else {
        u.anchor
    }
}

/// Whether the browser's slug of `text` surely equals [`crate::slug::slugify`]:
/// ASCII, CJK and CJK or full-width punctuation only.
fn slug_safe(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_ascii()
            || super::text::class(c).is_cjk()
            || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}')
    })
}

/// A unit's anchor from a fragment row (kind, anchor, label, section anchor,
/// number).
pub fn full_anchor(kind: &str, anchor: &str, label: &str, section: Option<&str>, number: Option<u64>) -> String {
    match (kind, anchor, number) {
        ("s", "", Some(n)) => format!("step-{n}"),
        ("s", "-", Some(n)) => format!("{}-step-{n}", section.unwrap_or_default()),
        ("h" | "q", "", _) => crate::slug::slugify(label),
        _ => anchor.to_string(),
    }
}

/// Synonym keys per file, on average.
const KEYS_PER_FILE: usize = 3;

/// The file a synonym key is in, of `count` (SPEC.md §5): FNV-1a over the
/// key's UTF-16 code units.
pub fn synonym_file(key: &str, count: usize) -> usize {
    let h = key.encode_utf16().fold(2_166_136_261u32, |h, u| (h ^ u32::from(u)).wrapping_mul(16_777_619));
    h as usize % count.max(1)
}

/// The synonym files: `y/<n>.js` → `TebikiSearch.y(n, [[group, [entries…]], …])`,
/// each group in the file of every key it is filed under.
fn synonym_files(lexicon: &Lexicon) -> Vec<(String, Vec<u8>)> {
    // A group is in the file of each of its keys: about KEYS_PER_FILE keys
    // a file keeps what a query loads small.
    let group_keys = lexicon.group_keys();
    let count = group_keys.iter().map(Vec::len).sum::<usize>().div_ceil(KEYS_PER_FILE).max(1);
    let mut files: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (g, keys) in group_keys.iter().enumerate() {
        for k in keys {
            let f = &mut files[synonym_file(k, count)];
            if !f.contains(&g) {
                f.push(g);
            }
        }
    }
    files
        .iter()
        .enumerate()
        .map(|(n, groups)| {
            let rows: Vec<(usize, &Vec<String>)> = groups.iter().map(|&g| (g, &lexicon.synonyms[g])).collect();
            let json = serde_json::to_string(&rows).unwrap_or_else(|_| "[]".into());
            (format!("{DIR}/y/{n}.js"), format!("TebikiSearch.y({n},{json});\n").into_bytes())
        })
        .collect()
}

/// The meta file's object.
#[derive(Serialize)]
struct Meta<'a> {
    v: u32,
    /// Build id: changes whenever any index file does.
    id: String,
    n: usize,
    langs: &'a [String],
    /// Distinct `applies_to` values.
    applies: Vec<String>,
    /// Guides are numbered language by language: the first guide of each
    /// language of `langs`, then `n`.
    ls: Vec<usize>,
    /// Where each shard begins (the shortest start of its first term that
    /// sorts after the shard before), front-coded (see [`front_code`]).
    shards: String,
    fold: &'a FoldRules,
    /// Synonym groups: how many, and in how many files (`y/<n>.js`) they
    /// are filed by the keys of their entries' first words.
    yn: usize,
    yb: usize,
}

/// The applies_to file's object (`a.js`), loaded only when a search is
/// filtered by applies_to.
#[derive(Serialize)]
struct Applies {
    /// Distinct applies_to sets (indices into the meta's `applies`).
    combos: Vec<Vec<usize>>,
    /// Each guide's set, `width` base-64 digits per guide.
    docs: String,
    width: usize,
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Build the index of a site, handing each guide's fragment to `emit` as
/// soon as it is made (so they are not all held at once) and returning the
/// other files. Gives up (`None`) as soon as `cancel` is set: `serve` drops
/// a rebuild when a new save comes in.
pub fn build(
    site: &Site,
    lexicon: &Lexicon,
    extras: &MetaExtras,
    cancel: &AtomicBool,
    emit: Emit<'_>,
) -> Option<Index> {
    let n = site.guides.len();
    // Search ids number the guides language by language, so a guide's
    // language is a range of ids.
    let langs = &site.config.languages;
    let lang_of = |g: usize| langs.iter().position(|l| l == &site.guides[g].lang).unwrap_or(0);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&g| lang_of(g));
    let mut lang_starts: Vec<usize> = (0..langs.len()).map(|l| order.partition_point(|&g| lang_of(g) < l)).collect();
    lang_starts.push(n);
    // Guides in parallel; each task indexes a contiguous range and the
    // tasks are appended in order, so every postings list is sorted.
    let mut acc = (0..n)
        .into_par_iter()
        .fold(Postings::default, |mut acc, sid| {
            if !cancel.load(Ordering::Relaxed) {
                index_guide(site, sid, order[sid], &mut acc, emit);
            }
            acc
        })
        .reduce(Postings::default, Postings::append);
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    let per_guide: Vec<(f32, u64, usize)> = std::mem::take(&mut acc.guides);
    let avg = if n == 0 { 1.0 } else { per_guide.iter().map(|g| g.0).sum::<f32>() / n as f32 };
    let lengths: Vec<f32> = per_guide.iter().map(|g| g.0).collect();
    let standing = standing(site);
    let mut terms: Vec<(String, Vec<u8>, usize)> = acc
        .into_terms()
        .into_par_iter()
        .map(|(term, postings)| {
            let postings: Vec<(u32, u8)> = postings
                .iter()
                .map(|&(tagged, tf)| {
                    let doc = tagged & ((1 << GUIDE_BITS) - 1);
                    let flags = (tagged >> GUIDE_BITS) as u8;
                    let d = doc as usize;
                    (doc, impact(tf, lengths[d], avg, standing[order[d]]) | flags)
                })
                .collect();
            debug_assert!(postings.windows(2).all(|w| w[0].0 < w[1].0));
            let mut bytes = Vec::with_capacity(postings.len().min(HEAD) * 2 + 8);
            encode_postings(&postings, &mut bytes);
            (term, bytes, postings.len())
        })
        .collect();
    terms.par_sort_unstable_by(|a, b| utf16_cmp(&a.0, &b.0));

    // Cut the sorted terms into shards of about SHARD_BYTES.
    let mut bounds: Vec<usize> = Vec::new();
    let mut acc = 0;
    for (i, (_, bytes, _)) in terms.iter().enumerate() {
        if bounds.is_empty() || (acc > 0 && acc + bytes.len() > SHARD_BYTES) {
            bounds.push(i);
            acc = 0;
        }
        acc += bytes.len();
    }
    let shard_files: Vec<(String, Vec<u8>)> = bounds
        .par_iter()
        .enumerate()
        .map(|(s, &start)| {
            let end = bounds.get(s + 1).copied().unwrap_or(terms.len());
            let slice = &terms[start..end];
            let names = front_code(slice.iter().map(|t| t.0.as_str()));
            let mut blob = Vec::with_capacity(slice.iter().map(|t| t.1.len()).sum());
            for t in slice {
                blob.extend_from_slice(&t.1);
            }
            let b64 = base64::engine::general_purpose::STANDARD.encode(&blob);
            let names_json = serde_json::to_string(&names).unwrap_or_else(|_| "\"\"".into());
            (format!("{DIR}/t/{s}.js"), format!("TebikiSearch.s({s},{names_json},\"{b64}\");\n").into_bytes())
        })
        .collect();

    // Each guide's applies_to set (in its own file, for the filter).
    let mut applies: Vec<String> = site.guides.iter().flat_map(|g| g.meta.applies_to.iter().cloned()).collect();
    applies.sort();
    applies.dedup();
    let mut combos: Vec<Vec<usize>> = Vec::new();
    let mut combo_of: FxHashMap<Vec<usize>, usize> = FxHashMap::default();
    let mut doc_combo = Vec::with_capacity(n);
    for g in order.iter().map(|&g| &site.guides[g]) {
        let mut set: Vec<usize> = g.meta.applies_to.iter().filter_map(|a| applies.binary_search(a).ok()).collect();
        set.sort_unstable();
        set.dedup();
        let id = *combo_of.entry(set.clone()).or_insert_with(|| {
            combos.push(set);
            combos.len() - 1
        });
        doc_combo.push(id);
    }
    let mut width = 1;
    while 64usize.pow(width as u32) < combos.len().max(1) {
        width += 1;
    }
    let mut docs = String::with_capacity(n * width);
    for &c in &doc_combo {
        for d in (0..width).rev() {
            docs.push(B64[(c / 64usize.pow(d as u32)) % 64] as char);
        }
    }

    let synonym_files = synonym_files(lexicon);
    // What the page of each language shows besides results: `l/<lang>.js`.
    let language_files: Vec<(String, Vec<u8>)> = langs
        .iter()
        .map(|l| {
            let strings = serde_json::json!({ "ui": extras.ui.get(l), "entry": extras.entry.get(l) });
            (format!("{DIR}/l/{l}.js"), format!("TebikiSearch.l({},{strings});\n", serde_json::json!(l)).into_bytes())
        })
        .collect();
    let fragment_bytes: usize = per_guide.iter().map(|g| g.2).sum();
    let shard_bytes: usize = shard_files.iter().map(|f| f.1.len()).sum();
    let mut build_id = FxHasher::default();
    for (_, bytes) in shard_files.iter().chain(&synonym_files) {
        bytes.hash(&mut build_id);
    }
    for g in &per_guide {
        g.1.hash(&mut build_id);
    }
    let meta = Meta {
        v: SPEC_VERSION,
        id: format!("{:016x}", build_id.finish()),
        n,
        langs: &site.config.languages,
        applies,
        ls: lang_starts,
        shards: front_code(bounds.iter().enumerate().map(|(s, &i)| match s {
            0 => "",
            _ => separator(&terms[i - 1].0, &terms[i].0),
        })),
        fold: &lexicon.fold,
        yn: lexicon.synonyms.len(),
        yb: synonym_files.len(),
    };
    let meta_js = format!("TebikiSearch.m({});\n", serde_json::to_string(&meta).unwrap_or_else(|_| "{}".into()));
    let applies_js = format!(
        "TebikiSearch.a({});\n",
        serde_json::to_string(&Applies { combos, docs, width }).unwrap_or_else(|_| "{}".into())
    );

    let stats = IndexStats {
        guides: n,
        terms: terms.len(),
        postings: terms.iter().map(|t| t.2).sum(),
        shards: shard_files.len(),
        shard_bytes,
        fragment_bytes,
        meta_bytes: meta_js.len(),
    };
    let mut files = Vec::with_capacity(shard_files.len() + 2);
    files.push((format!("{DIR}/meta.js"), meta_js.into_bytes()));
    files.push((format!("{DIR}/a.js"), applies_js.into_bytes()));
    files.extend(shard_files);
    files.extend(synonym_files);
    files.extend(language_files);
    Some(Index { files, stats })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_strings_front_code_and_shards_begin_at_separators() {
        assert_eq!(front_code(["設定", "設置", "mail", "mailbox"]), "0設定 1置 0mail 4box");
        assert_eq!(front_code(Vec::<&str>::new()), "");
        assert_eq!(separator("設定", "設置"), "設置");
        assert_eq!(separator("mail", "mailbox"), "mailb");
        assert_eq!(separator("abc", "b"), "b");
        assert_eq!(separator("ab", "ac"), "ac");
    }

    #[test]
    fn impact_saturates_and_prefers_short_and_linked_to_guides() {
        assert!(impact(6.0, 100.0, 100.0, 0.0) > impact(1.0, 100.0, 100.0, 0.0));
        assert!(impact(1.0, 50.0, 100.0, 0.0) > impact(1.0, 200.0, 100.0, 0.0));
        assert!(impact(3.0, 100.0, 100.0, 1.0) > impact(3.0, 100.0, 100.0, 0.0));
        assert_eq!(impact(1000.0, 100.0, 100.0, 1.0), IMPACT_MAX);
        assert!(impact(0.01, 10_000.0, 100.0, 0.0) >= 1);
    }

    #[test]
    fn long_lists_keep_their_strongest_postings_and_the_rest_as_membership() {
        use super::super::reader::decode_postings;
        // A short list: every posting in the head.
        let mut out = Vec::new();
        encode_postings(&[(3, 10), (7, 20 | IN_TITLE)], &mut out);
        assert_eq!(out, vec![4, 3, 10, 4, 20 | IN_TITLE]);
        // A long list: the title's postings and the strongest others in the
        // head, the rest as a bitmap (dense) with their median impact.
        let postings: Vec<(u32, u8)> =
            (0..(HEAD as u32 + 40)).map(|d| (d, if d == 70 { 1 | IN_TITLE } else { 1 + (d % 50) as u8 })).collect();
        let mut out = Vec::new();
        encode_postings(&postings, &mut out);
        assert_eq!(out[0] & 1, 1, "has a tail");
        assert!(out.len() < postings.len() * 2 - 40, "{} bytes", out.len());
        let decoded = &decode_postings(&out, 1).unwrap()[0];
        assert_eq!(decoded.len(), postings.len());
        assert!(decoded.contains(&(70, 1 | IN_TITLE)), "the title's posting stays whole");
        assert!(decoded.contains(&(49, 50)) && decoded.contains(&(99, 50)), "the strongest stay whole");
        let mut docs: Vec<u32> = decoded.iter().map(|p| p.0).collect();
        docs.sort_unstable();
        assert_eq!(docs, (0..(HEAD as u32 + 40)).collect::<Vec<_>>(), "every guide is still listed");
        // A sparse tail is written as gaps.
        let sparse: Vec<(u32, u8)> = (0..(HEAD as u32 + 5)).map(|d| (d * 1000, 9)).collect();
        let mut out = Vec::new();
        encode_postings(&sparse, &mut out);
        let decoded = &decode_postings(&out, 1).unwrap()[0];
        let mut docs: Vec<u32> = decoded.iter().map(|p| p.0).collect();
        docs.sort_unstable();
        assert_eq!(docs, sparse.iter().map(|p| p.0).collect::<Vec<_>>());
    }

    #[test]
    fn varints() {
        let mut v = Vec::new();
        varint(5, &mut v);
        varint(300, &mut v);
        assert_eq!(v, vec![5, 0xAC, 0x02]);
    }
}
