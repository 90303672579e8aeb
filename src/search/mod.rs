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
                entry.push(json!([title, urls::category(config, lang, &site.categories[c].path)]));
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

/// The files of the search index of `site` (path, bytes).
pub fn files(site: &Site, theme: &Theme) -> Vec<(String, Vec<u8>)> {
    let lexicon = Lexicon::for_site(&site.config.search);
    index::build(site, &lexicon, &extras(site, theme)).files
}

/// [`files`], or `None` when `cancel` was set before it was done.
pub fn files_unless(
    site: &Site,
    theme: &Theme,
    cancel: &std::sync::atomic::AtomicBool,
) -> Option<Vec<(String, Vec<u8>)>> {
    let lexicon = Lexicon::for_site(&site.config.search);
    index::build_unless(site, &lexicon, &extras(site, theme), cancel).map(|i| i.files)
}

/// Build the search index of `site` and write it into the output.
pub fn write(site: &Site, theme: &Theme, out: &dyn Sink) -> Result<IndexStats, OutputError> {
    let lexicon = Lexicon::for_site(&site.config.search);
    let built = index::build(site, &lexicon, &extras(site, theme));
    out.create_dirs(&mut built.files.iter().map(|(p, _)| p.as_str()))?;
    built.files.par_iter().try_for_each(|(path, bytes)| out.write(path, bytes))?;
    Ok(built.stats)
}
