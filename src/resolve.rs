//! Resolve: parsed guides and category files → a [`Site`]. Orders guides and
//! categories, groups translations, finds previous/next guides, resolves
//! `related` references (path or unique slug) and aliases. It reads no files.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;
use crate::discover::Discovery;
use crate::model::{Asset, Category, CategoryText, Guide, GuideId, GuideNav, Site};
use crate::rules;
use crate::source::closest;
use rustc_hash::FxHashMap;

/// A parsed `_index.md`.
#[derive(Debug, Clone)]
pub struct ParsedCategory {
    pub category: String,
    pub lang: String,
    pub text: CategoryText,
    pub weight: Option<i64>,
}

/// Assemble the site. `guides` may be in any order; drafts must already be
/// filtered out by the caller when they are not built.
pub fn resolve(
    config: SiteConfig,
    discovery: &Discovery,
    guides: Vec<Guide>,
    category_files: Vec<ParsedCategory>,
) -> (Site, Vec<Diagnostic>) {
    resolve_with_assets(config, discovery, guides, category_files, assets(discovery))
}

/// The files copied as they are, from discovery.
pub fn assets(discovery: &Discovery) -> Vec<Asset> {
    use rayon::prelude::*;
    discovery.assets.par_iter().map(|a| Asset { source: a.path.clone(), url: a.url.clone(), file: a.file }).collect()
}

/// [`resolve`] with the asset list given (it is the same until discovery
/// changes, so `serve` keeps it instead of building it on every change).
pub fn resolve_with_assets(
    config: SiteConfig,
    discovery: &Discovery,
    guides: Vec<Guide>,
    category_files: Vec<ParsedCategory>,
    assets: Vec<Asset>,
) -> (Site, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let lang_rank = |l: &str| config.languages.iter().position(|x| x == l).unwrap_or(usize::MAX);
    // Sort positions, then move each guide once: guides are large values.
    fn key(g: &Guide, rank: usize) -> (&str, i64, &str, &str, usize) {
        (g.category.as_str(), g.meta.weight.unwrap_or(i64::MAX), g.meta.title.as_str(), g.slug.as_str(), rank)
    }
    let mut order: Vec<usize> = (0..guides.len()).collect();
    order.sort_by(|&a, &b| {
        let (ga, gb) = (&guides[a], &guides[b]);
        key(ga, lang_rank(&ga.lang)).cmp(&key(gb, lang_rank(&gb.lang)))
    });
    let mut slots: Vec<Option<Guide>> = guides.into_iter().map(Some).collect();
    let guides: Vec<Guide> = order.into_iter().filter_map(|i| slots[i].take()).collect();

    // Categories: folders holding guides (at any depth) or an `_index.md`.
    let mut paths: Vec<String> = vec![String::new()];
    let add_with_parents = |p: &str, paths: &mut Vec<String>| {
        let mut cur = p.to_string();
        loop {
            paths.push(cur.clone());
            match cur.rfind('/') {
                Some(i) => cur.truncate(i),
                None if !cur.is_empty() => cur.clear(),
                None => break,
            }
        }
    };
    // Guides are sorted by category: each category once.
    let mut last: Option<&str> = None;
    for g in &guides {
        if last != Some(g.category.as_str()) {
            add_with_parents(&g.category, &mut paths);
            last = Some(&g.category);
        }
    }
    for c in &category_files {
        add_with_parents(&c.category, &mut paths);
    }
    paths.sort();
    paths.dedup();
    let mut categories: Vec<Category> = paths
        .iter()
        .map(|p| {
            let name = p.rsplit('/').next().unwrap_or_default();
            Category {
                path: p.clone(),
                parent: None,
                children: Vec::new(),
                text: BTreeMap::new(),
                // `01-setup/` orders a folder as Docusaurus and MkDocs sites do.
                weight: crate::slug::order_prefix(name).map(|(n, _)| n),
                guides: Vec::new(),
                folder_title: crate::slug::humanize(name),
            }
        })
        .collect();
    let index_of = |p: &str| paths.binary_search_by(|x| x.as_str().cmp(p)).ok();
    for c in category_files {
        if let Some(i) = index_of(&c.category) {
            if let Some(w) = c.weight.filter(|_| {
                c.lang == config.default_language() || categories[i].text.keys().all(|l| l != config.default_language())
            }) {
                categories[i].weight = Some(w);
            }
            categories[i].text.insert(c.lang, c.text);
        }
    }
    for cat in categories.iter_mut().skip(1) {
        let parent_path = cat.path.rsplit_once('/').map(|(p, _)| p).unwrap_or("");
        cat.parent = Some(index_of(parent_path).unwrap_or(0));
    }
    let default_lang = config.default_language().to_string();
    let sort_key = |c: &Category| {
        let title = c.text.get(&default_lang).map(|t| t.title.clone()).unwrap_or_else(|| c.folder_title.clone());
        (c.weight.unwrap_or(i64::MAX), title, c.path.clone())
    };
    let mut children: Vec<(usize, usize)> = (1..categories.len()).map(|i| (categories[i].parent.unwrap(), i)).collect();
    children.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| sort_key(&categories[a.1]).cmp(&sort_key(&categories[b.1]))));
    for (parent, child) in children {
        categories[parent].children.push(child);
    }
    for (id, g) in guides.iter().enumerate() {
        if let Some(i) = index_of(&g.category) {
            categories[i].guides.push(id);
        }
    }

    // Translations, previous/next.
    let mut by_key: BTreeMap<&str, Vec<GuideId>> = BTreeMap::new();
    for (id, g) in guides.iter().enumerate() {
        by_key.entry(g.key.as_str()).or_default().push(id);
    }
    let mut nav = vec![GuideNav::default(); guides.len()];
    for ids in by_key.values() {
        let mut sorted = ids.clone();
        sorted.sort_by_key(|&g| lang_rank(&guides[g].lang));
        for &g in ids {
            nav[g].translations =
                sorted.iter().copied().filter(|&o| o != g && guides[o].lang != guides[g].lang).collect();
        }
    }
    for cat in &categories {
        for lang in &config.languages {
            let in_lang: Vec<GuideId> = cat.guides.iter().copied().filter(|&g| &guides[g].lang == lang).collect();
            for w in in_lang.windows(2) {
                nav[w[0]].next = Some(w[1]);
                nav[w[1]].prev = Some(w[0]);
            }
        }
    }

    // Related guides.
    let by_source: FxHashMap<&OsStr, GuideId> =
        guides.iter().enumerate().map(|(i, g)| (g.source.as_os_str(), i)).collect();
    let mut by_slug: FxHashMap<&str, Vec<GuideId>> = FxHashMap::default();
    for (i, g) in guides.iter().enumerate() {
        by_slug.entry(g.slug.as_str()).or_default().push(i);
    }
    for (id, g) in guides.iter().enumerate() {
        for (reference, span) in &g.meta.related {
            let content_path = |p: &str| config.content_path(p);
            let found = related_target(reference, &content_path, g, discovery, &by_source, &by_slug, &guides);
            match found {
                Ok(target) => {
                    nav[id].related_entries.push((span.clone(), target));
                    // Prefer the translation in the guide's own language.
                    let key = &guides[target].key;
                    let target =
                        by_key[key.as_str()].iter().copied().find(|&t| guides[t].lang == g.lang).unwrap_or(target);
                    if target != id && !nav[id].related.contains(&target) {
                        nav[id].related.push(target);
                    }
                }
                Err(reason) => {
                    let hint = closest(reference, guides.iter().map(|x| x.slug.as_str()))
                        .map(|s| format!("a guide with the slug `{s}` exists"))
                        .or_else(|| {
                            // A path whose last part is nearly a guide's slug.
                            let last = reference.trim_end_matches(".md").rsplit('/').next().unwrap_or_default();
                            let slug = closest(last, guides.iter().map(|x| x.slug.as_str()))?;
                            let keys: Vec<&str> =
                                guides.iter().filter(|x| x.slug == slug).map(|x| x.key.as_str()).collect();
                            (keys.iter().all(|k| *k == keys[0])).then(|| format!("a guide at `{}` exists", keys[0]))
                        })
                        .or_else(|| {
                            Some(
                                "write the guide's path in the content folder (`account/reset-password`), a path \
                                 relative to this file (`../account/reset-password.md`), or a slug that only one \
                                 guide has (`reset-password`)"
                                    .into(),
                            )
                        });
                    diags.push(
                        Diagnostic::new(&rules::RELATED_UNKNOWN, &g.source, span.clone(), reason).with_hint(hint),
                    );
                }
            }
        }
    }

    // Aliases.
    let mut aliases = BTreeMap::new();
    for (id, g) in guides.iter().enumerate() {
        for alias in &g.meta.aliases {
            let path = alias_path(alias);
            if path.is_empty() || path.split('/').any(|p| p == "..") {
                diags.push(Diagnostic::file(
                    &rules::PATH_ESCAPES_SITE,
                    &g.source,
                    format!("alias `{alias}` is not a path inside the site"),
                ));
                continue;
            }
            if let Some(&other) = aliases.get(&path) {
                let other: &Guide = &guides[other];
                diags.push(Diagnostic::file(
                    &rules::DUPLICATE_OUTPUT,
                    &g.source,
                    format!("alias `{alias}` is also an alias of {}", other.source.display()),
                ));
                continue;
            }
            aliases.insert(path, id);
        }
    }

    let fragments = discovery.fragments.clone();
    let site = Site { config, guides, nav, categories, assets, aliases, fragments };
    (site, diags)
}

/// Output path of an alias: `/old/page/` → `old/page/index.html`.
pub fn alias_path(alias: &str) -> String {
    let trimmed = alias.trim().trim_start_matches('/');
    let last = trimmed.rsplit('/').next().unwrap_or("");
    if trimmed.is_empty() {
        String::new()
    } else if trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else if last.contains('.') {
        trimmed.to_string()
    } else {
        format!("{trimmed}/index.html")
    }
}

fn related_target(
    reference: &str,
    content_path: &dyn Fn(&str) -> String,
    from: &Guide,
    discovery: &Discovery,
    by_source: &FxHashMap<&OsStr, GuideId>,
    by_slug: &FxHashMap<&str, Vec<GuideId>>,
    guides: &[Guide],
) -> Result<GuideId, String> {
    let looks_like_path = reference.contains('/') || reference.ends_with(".md");
    if looks_like_path {
        let base = from.source.parent().unwrap_or(Path::new(""));
        let mut parts: Vec<String> = base.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        for piece in reference.split('/') {
            match piece {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                p => parts.push(p.to_string()),
            }
        }
        let rel: PathBuf = parts.iter().collect();
        // Also as `tebiki new guide` takes it: the guide's place in the
        // content folder (`account/sms-not-arriving`).
        let key = reference.trim().trim_start_matches('/').trim_end_matches('/');
        let key = key.strip_suffix("/index.md").or_else(|| key.strip_suffix(".md")).unwrap_or(key);
        let in_content = PathBuf::from(content_path(key));
        let candidates =
            [rel.clone(), rel.join("index.md"), in_content.with_extension("md"), in_content.join("index.md")];
        for c in &candidates {
            if let Some(&id) = by_source.get(c.as_os_str()) {
                return Ok(id);
            }
            if discovery.guide(c).is_some() {
                return Err(format!("related guide `{reference}` is a draft or was not built"));
            }
        }
        return Err(format!("related guide `{reference}` does not exist"));
    }
    let slug = reference.trim();
    match by_slug.get(slug) {
        Some(ids) => {
            let mut keys: Vec<&str> = ids.iter().map(|&i| guides[i].key.as_str()).collect();
            keys.sort();
            keys.dedup();
            if keys.len() == 1 {
                Ok(ids[0])
            } else {
                Err(format!("slug `{slug}` is ambiguous: {}; write the path instead", keys.join(", ")))
            }
        }
        None => Err(format!("no guide has the slug `{slug}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_paths() {
        assert_eq!(alias_path("/old/page/"), "old/page/index.html");
        assert_eq!(alias_path("old/page"), "old/page/index.html");
        assert_eq!(alias_path("/old/page.html"), "old/page.html");
        assert_eq!(alias_path("/"), "");
    }
}
