//! Search: tebiki's own client-side search index, built from the guide
//! model at build time and read by `themes/default/static/search-engine.js`.
//!
//! The specification both sides implement is `SPEC.md` in this folder:
//! - [`text`]: normalisation, folding and the tokens a text gives the index;
//! - [`lexicon`]: the folding tables and synonym groups (embedded YAML data);
//! - [`query`]: query analysis into weighted alternatives;
//! - [`extract`]: a guide → its searchable units and weighted fields;
//! - [`index`]: postings, shards and fragments, encoded as script files;
//! - [`reader`]: reads a written index back (round-trip tests, evaluation).
//!
//! [`write`] is what `render` calls: it builds the index of a site and
//! writes it under `_tebiki/search/`.

pub mod extract;
pub mod index;
pub mod lexicon;
pub mod query;
pub mod reader;
pub mod text;
#[cfg(test)]
mod vectors;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;
use serde_json::{json, Value};

pub use index::IndexStats;
pub use lexicon::Lexicon;

use crate::model::Site;
use crate::output::{OutputError, Sink};
use crate::render::theme::Theme;
use crate::urls;

/// Entry points and UI strings of every language, for the meta file.
fn extras(site: &Site, theme: &Theme) -> index::MetaExtras {
    let config = &site.config;
    let mut extras = index::MetaExtras::default();
    for lang in &config.languages {
        let strings = theme.strings(lang);
        let mut entry = vec![json!([strings.get("faq"), urls::faq(config, lang)])];
        for &c in &site.categories[0].children {
            if !site.guides_in(c, lang).is_empty() {
                let title = site.category_text(c, lang).title;
                let url = urls::category(config, lang, &site.categories[c].path);
                entry.push(json!([title, crate::parse::markdown::href_path(&url)]));
            }
        }
        extras.entry.insert(lang.clone(), Value::Array(entry));
        let ui: serde_json::Map<String, Value> = strings
            .map
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("search_").map(|k| (k.to_string(), Value::String(v.clone()))))
            .chain([("step".to_string(), Value::String(strings.get("step").to_string()))])
            .collect();
        extras.ui.insert(lang.clone(), Value::Object(ui));
    }
    extras
}

/// The files of the search index of `site` (path, bytes), or `None` when
/// `cancel` was set before it was done (`serve` keeps them in memory).
pub fn files_unless(site: &Site, theme: &Theme, cancel: &AtomicBool) -> Option<Vec<(String, Vec<u8>)>> {
    let lexicon = Lexicon::for_site(&site.config.search);
    let fragments = Mutex::new(Vec::new());
    let emit = |path: String, bytes: Vec<u8>| fragments.lock().unwrap_or_else(|e| e.into_inner()).push((path, bytes));
    let mut files = index::build(site, &lexicon, &extras(site, theme), cancel, &emit)?.files;
    files.extend(fragments.into_inner().unwrap_or_else(|e| e.into_inner()));
    Some(files)
}

/// Paths in every folder the search index writes to (for `Sink::create_dirs`).
pub const FOLDERS: &[&str] =
    &["_tebiki/search/f/0.js", "_tebiki/search/t/0.js", "_tebiki/search/y/0.js", "_tebiki/search/l/ja.js"];

/// Build the search index of `site` and write it into the output; each
/// guide's fragment is written as soon as it is made.
pub fn write(site: &Site, theme: &Theme, out: &dyn Sink) -> Result<IndexStats, OutputError> {
    let lexicon = Lexicon::for_site(&site.config.search);
    out.create_dirs(&mut FOLDERS.iter().copied())?;
    let failed: Mutex<Option<OutputError>> = Mutex::new(None);
    let stop = AtomicBool::new(false);
    let emit = |path: String, bytes: Vec<u8>| {
        if let Err(e) = out.write(&path, &bytes) {
            stop.store(true, Ordering::Relaxed);
            failed.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(e);
        }
    };
    let built = index::build(site, &lexicon, &extras(site, theme), &stop, &emit);
    if let Some(e) = failed.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return Err(e);
    }
    let built = built.unwrap_or_else(|| unreachable!("stopped only by a failed write"));
    built.files.par_iter().try_for_each(|(path, bytes)| out.write(path, bytes))?;
    Ok(built.stats)
}
