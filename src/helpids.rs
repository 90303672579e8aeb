//! Help ids: the site's map from each stable id a product's help button
//! opens (`help_id:` in front matter, `{help=…}` on a heading, question or
//! step) to the page and place it lands on, in every language that has it.
//!
//! Built from the resolved [`Site`] only (no I/O but [`read_list`], the
//! product's list of ids): `render` writes it as `help-ids.json` and
//! `_tebiki/help-ids.js`, `check` reports ids written twice and listed ids
//! the site lacks, and `tebiki ids` prints it. Translations of one guide
//! share its ids: an id written in any language's file stands for the same
//! place in every language whose page has that place.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::diagnostic::Diagnostic;
use crate::model::{Block, GuideId, Site, StepBlock};
use crate::rules;
use crate::urls;

/// Version of the JSON written for product developers (`help-ids.json`).
pub const FORMAT_VERSION: u64 = 1;

/// Where one id lands in one language.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Entry {
    pub lang: String,
    /// The page and place, relative to the site root, percent-encoded
    /// where needed (`settings/display.html#step-3`).
    pub url: String,
    /// The guide's title.
    pub title: String,
    /// The heading, question or step instruction it lands on (plain text).
    pub place: Option<String>,
    pub guide: GuideId,
}

/// Every help id of the site → its entries: the original's language first,
/// then the others in the order of `languages`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct HelpMap {
    pub ids: BTreeMap<String, Vec<Entry>>,
}

/// The site's map.
pub fn map(site: &Site) -> HelpMap {
    if site.guides.iter().all(|g| g.help_ids.is_empty()) {
        return HelpMap::default();
    }
    let config = &site.config;
    let order = |lang: &str| config.languages.iter().position(|l| l == lang).unwrap_or(usize::MAX);
    // Guides by key (translations of one guide), in the order of `languages`.
    let mut by_key: BTreeMap<&str, Vec<GuideId>> = BTreeMap::new();
    for (i, g) in site.guides.iter().enumerate() {
        by_key.entry(&g.key).or_default().push(i);
    }
    let mut ids: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    for versions in by_key.values_mut() {
        versions.sort_by_key(|&g| order(&site.guides[g].lang));
        // Each (id, anchor) once, as first written in any version.
        let mut declared: Vec<(&str, Option<&str>)> = Vec::new();
        for &g in versions.iter() {
            for h in &site.guides[g].help_ids {
                let d = (h.id.as_str(), h.anchor.as_deref());
                if !declared.contains(&d) {
                    declared.push(d);
                }
            }
        }
        for (id, anchor) in declared {
            let entries = ids.entry(id.to_string()).or_default();
            for &g in versions.iter() {
                let guide = &site.guides[g];
                // Another place already took this id in this language: a
                // duplicate, reported by `duplicates`; the first stays.
                if entries.iter().any(|e| e.lang == guide.lang) {
                    continue;
                }
                let place = match anchor {
                    None => None,
                    Some(a) if guide.anchors.iter().any(|x| x == a) => Some(place_text(guide, a)),
                    // This translation lacks the place: the original serves.
                    Some(_) => continue,
                };
                entries.push(Entry {
                    lang: guide.lang.clone(),
                    url: urls::help_target(&guide.url, anchor),
                    title: guide.meta.title.clone(),
                    place: place.flatten(),
                    guide: g,
                });
            }
        }
    }
    // The original first: the site's default language when the guide has
    // it, else the first of `languages` it has.
    for entries in ids.values_mut() {
        entries.sort_by_key(|e| order(&e.lang));
    }
    HelpMap { ids }
}

/// The plain text of the heading, question, troubleshooter node or step
/// with element id `anchor` in `guide`.
fn place_text(guide: &crate::model::Guide, anchor: &str) -> Option<String> {
    fn in_blocks(blocks: &[Block], anchor: &str) -> Option<String> {
        blocks.iter().find_map(|b| in_block(b, anchor))
    }
    fn in_steps(steps: &[crate::model::Step], anchor: &str) -> Option<String> {
        steps.iter().find_map(|s| {
            if s.anchor == anchor {
                return Some(s.instruction.text.clone());
            }
            s.content.iter().find_map(|c| match c {
                StepBlock::Substeps(p) => in_steps(&p.steps, anchor),
                StepBlock::Tabs(t) => t.tabs.iter().find_map(|tab| {
                    tab.blocks.iter().find_map(|b| match b {
                        StepBlock::Substeps(p) => in_steps(&p.steps, anchor),
                        _ => None,
                    })
                }),
                _ => None,
            })
        })
    }
    fn in_block(b: &Block, anchor: &str) -> Option<String> {
        match b {
            Block::Section(s) if s.id == anchor || s.aliases.iter().any(|a| a == anchor) => Some(s.title.text.clone()),
            Block::Section(s) => in_blocks(&s.blocks, anchor),
            Block::Qa(q) if q.id == anchor || q.aliases.iter().any(|a| a == anchor) => Some(q.question.text.clone()),
            Block::Procedure(p) => in_steps(&p.steps, anchor),
            Block::Tabs(t) => t.tabs.iter().find_map(|tab| in_blocks(&tab.blocks, anchor)),
            Block::Flow(f) if f.id == anchor => Some(f.title.text.clone()),
            Block::Flow(f) => f.nodes.iter().find_map(|n| {
                if n.id == anchor {
                    Some(n.title.text.clone())
                } else {
                    in_blocks(&n.blocks, anchor)
                }
            }),
            _ => None,
        }
    }
    in_blocks(&guide.intro, anchor).or_else(|| in_blocks(&guide.body, anchor))
}

impl HelpMap {
    /// The map as JSON values: id → entries (`lang`, `url`, `title`, and
    /// `place` when the id lands on a heading, question or step).
    fn entries_json(&self) -> Value {
        let ids: serde_json::Map<String, Value> = self
            .ids
            .iter()
            .map(|(id, entries)| {
                let list = entries
                    .iter()
                    .map(|e| {
                        let mut v = json!({"lang": e.lang, "url": e.url, "title": e.title});
                        if let Some(p) = &e.place {
                            v["place"] = json!(p);
                        }
                        v
                    })
                    .collect();
                (id.clone(), Value::Array(list))
            })
            .collect();
        Value::Object(ids)
    }

    /// `help-ids.json`: `{"version": 1, "ids": {id: [entry…]}}`, pretty,
    /// keys sorted.
    pub fn to_json(&self) -> String {
        let v = json!({"version": FORMAT_VERSION, "ids": self.entries_json()});
        let mut s = serde_json::to_string_pretty(&v).expect("a map of strings serializes");
        s.push('\n');
        s
    }

    /// `_tebiki/help-ids.js`: the same map set as a global, so pages opened
    /// from disk (`file://`, where `fetch` fails) can read it.
    pub fn to_js(&self) -> String {
        let v = json!({"version": FORMAT_VERSION, "ids": self.entries_json()});
        let json = serde_json::to_string(&v).expect("a map of strings serializes");
        // `</script` cannot end anything in an external script, but keep the
        // text safe to inline too.
        format!("window.tebikiHelpIds={};\n", json.replace("</", "<\\/"))
    }

    /// One line per id and language: `id  lang  url  title — place`.
    pub fn to_text(&self) -> String {
        use unicode_width::UnicodeWidthStr;
        // Columns as a terminal shows them: a Japanese id is twice as wide.
        let width = self.ids.keys().map(|k| k.width()).max().unwrap_or(0);
        let mut out = String::new();
        for (id, entries) in &self.ids {
            for e in entries {
                let pad = " ".repeat(width - id.width());
                let place = e.place.as_deref().map(|p| format!(" — {p}")).unwrap_or_default();
                out.push_str(&format!("{id}{pad}  {}  {}  {}{place}\n", e.lang, e.url, e.title));
            }
        }
        out
    }
}

/// Help ids written for two places (`help-id-duplicate`): each writing
/// after the first is reported, naming where the id was first written.
/// The same place written in an original and its translation is one place.
pub fn duplicates(site: &Site) -> Vec<Diagnostic> {
    if site.guides.iter().all(|g| g.help_ids.is_empty()) {
        return Vec::new();
    }
    // id → (guide key, anchor) of its first writing, with where it is.
    let mut first: BTreeMap<&str, (&str, Option<&str>, GuideId, usize)> = BTreeMap::new();
    let mut diags = Vec::new();
    let mut reported = std::collections::HashSet::new();
    // Originals before translations, then by file: the first writing is
    // the original's where the id is in both.
    let order = |lang: &str| site.config.languages.iter().position(|l| l == lang).unwrap_or(usize::MAX);
    let mut guides: Vec<GuideId> = (0..site.guides.len()).collect();
    guides.sort_by(|&a, &b| {
        let (a, b) = (&site.guides[a], &site.guides[b]);
        (order(&a.lang), &a.source).cmp(&(order(&b.lang), &b.source))
    });
    for gi in guides {
        let g = &site.guides[gi];
        let mut own: Vec<&str> = Vec::new();
        for (hi, h) in g.help_ids.iter().enumerate() {
            let twice_here = own.contains(&h.id.as_str());
            own.push(&h.id);
            let Some(&(key, anchor, fg, fh)) = first.get(h.id.as_str()) else {
                first.insert(&h.id, (&g.key, h.anchor.as_deref(), gi, hi));
                continue;
            };
            let place = (h.id.as_str(), g.key.as_str(), h.anchor.as_deref());
            if !twice_here && ((key, anchor) == (place.1, place.2) || !reported.insert(place)) {
                // A translation naming the same place as the first writing,
                // or as a writing already reported.
                continue;
            }
            let other = &site.guides[fg];
            let oh = &other.help_ids[fh];
            let there = format!("{}:{}", slash(other.help_id_file(oh)), oh.line);
            let mut d = Diagnostic::new(
                &rules::HELP_ID_DUPLICATE,
                &g.source,
                h.span.clone(),
                format!("help id `{}` is also given at {there}", h.id),
            )
            .with_hint(Some("a help id must open one place: give this one another id, or remove one of them".into()));
            g.relocate(&mut d);
            diags.push(d);
        }
    }
    diags
}

fn slash(p: &Path) -> String {
    crate::discover::slash_path(p)
}

/// One id of the product's list (`help_ids.list`), with its span in that
/// file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub id: String,
    pub span: std::ops::Range<usize>,
}

/// The ids of a list's text: one per line, `#` starting a comment, blank
/// lines and surrounding spaces ignored.
pub fn parse_list(text: &str) -> Vec<Listed> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let content = line.split('#').next().unwrap_or("");
        let id = content.trim();
        if !id.is_empty() {
            let start = at + content.find(id).unwrap_or(0);
            out.push(Listed { id: id.to_string(), span: start..start + id.len() });
        }
        at += line.len();
    }
    out
}

/// The site's list of ids (`help_ids.list`, relative to `root`) as its
/// path and text; `None` when the site names none. A list that cannot be
/// read is a diagnostic on `tebiki.yaml`.
pub fn read_list(root: &Path, site: &Site) -> Option<Result<(PathBuf, String), Diagnostic>> {
    let rel = site.config.help_ids.list.clone()?;
    Some(match std::fs::read(root.join(&rel)) {
        Ok(bytes) => crate::parse::decode_text(&bytes, &rel).map(|t| (rel, t)),
        Err(e) => Err(Diagnostic::file(
            &rules::HELP_ID_MISSING,
            Path::new(crate::config::CONFIG_FILE),
            format!("the list of help ids `{}` cannot be read: {e}", slash(&rel)),
        )
        .with_hint(Some("create the file (one id per line) or correct `help_ids` in tebiki.yaml".into()))),
    })
}

/// Listed ids the site does not have (`help-id-missing`), each reported at
/// its line of the list (`file`, `text`).
pub fn missing(map: &HelpMap, file: &Path, text: &str) -> Vec<Diagnostic> {
    parse_list(text)
        .into_iter()
        .filter(|l| !map.ids.contains_key(&l.id))
        .map(|l| {
            let near = crate::source::closest(&l.id, map.ids.keys().map(String::as_str));
            Diagnostic::new(
                &rules::HELP_ID_MISSING,
                file,
                l.span,
                format!("help id `{}` is listed but no guide has it", l.id),
            )
            .with_hint(Some(match near {
                Some(n) => {
                    format!("the site has `{n}`: list that, or give the page it should open `help_id: {}`", l.id)
                }
                None => format!(
                    "give the page it should open `help_id: {}` (or `{{help={}}}` on a heading or step)",
                    l.id, l.id
                ),
            }))
        })
        .collect()
}

/// Both help-id rules over the site (`root`: the site folder, where the
/// list is).
pub fn check(site: &Site, root: &Path) -> Vec<Diagnostic> {
    let mut diags = duplicates(site);
    match read_list(root, site) {
        None => {}
        Some(Err(d)) => diags.push(d),
        Some(Ok((file, text))) => diags.extend(missing(&map(site), &file, &text)),
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_ids_comments_and_blank_lines() {
        let l = parse_list("# ids of the app\nprint-dialog\n\n  settings.display  # the display pane\r\n1002\n");
        let ids: Vec<&str> = l.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["print-dialog", "settings.display", "1002"]);
        let text = "# ids of the app\nprint-dialog\n\n  settings.display  # the display pane\r\n1002\n";
        assert_eq!(&text[l[1].span.clone()], "settings.display");
        assert_eq!(crate::source::line_of(text, l[1].span.start), 4);
    }

    #[test]
    fn japanese_ids_are_listed() {
        let l = parse_list("印刷ダイアログ\n");
        assert_eq!(l[0].id, "印刷ダイアログ");
        assert_eq!(l[0].span, 0.."印刷ダイアログ".len());
    }
}
