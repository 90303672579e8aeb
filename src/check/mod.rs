//! Check: whole-site rules that need every guide at once (links and their
//! anchors, pages written twice), severities from the site's `rules:`, and
//! the report printed by `tebiki check` and `tebiki build`.

pub mod report;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::rules;
use crate::source::closest;
use crate::urls;

/// Checks across guides: internal link anchors and output collisions.
pub fn site_checks(site: &Site) -> Vec<Diagnostic> {
    let mut diags = anchor_checks(site);
    diags.extend(output_collisions(site));
    diags
}

/// Links to anchors that the target guide does not have.
pub fn anchor_checks(site: &Site) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let by_source: HashMap<&Path, usize> =
        site.guides.iter().enumerate().map(|(i, g)| (g.source.as_path(), i)).collect();
    for g in &site.guides {
        for link in &g.links {
            let Some(anchor) = link.anchor.as_deref().filter(|a| !a.is_empty()) else {
                continue;
            };
            let Some(&target) = by_source.get(link.target.as_path()) else {
                continue;
            };
            let t = &site.guides[target];
            if !t.anchors.iter().any(|a| a == anchor) {
                let hint = closest(anchor, t.anchors.iter().map(String::as_str))
                    .map(|a| format!("the page has an anchor `#{a}`"));
                diags.push(
                    Diagnostic::new(
                        &rules::ANCHOR_MISSING,
                        &g.source,
                        link.span.clone(),
                        format!("`{}` has no anchor `#{anchor}`", t.source.display()),
                    )
                    .with_hint(hint),
                );
            }
        }
    }
    diags
}

/// Pages that two sources would write. Depends only on which pages and
/// files exist (guide URLs, categories, tags-independent pages, assets,
/// aliases), so `serve` runs it again only when those change.
pub fn output_collisions(site: &Site) -> Vec<Diagnostic> {
    let config = &site.config;
    let mut owners: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut claim = |path: String, who: String| owners.entry(path).or_default().push(who);
    for g in &site.guides {
        claim(g.url.clone(), g.source.display().to_string());
    }
    for lang in &config.languages {
        for (page, what) in [
            (urls::home(config, lang), "the home page"),
            (urls::faq(config, lang), "the FAQ page"),
            (urls::search(config, lang), "the search page"),
            (urls::feed(config, lang), "the feed"),
            (urls::tags(config, lang), "the tag list"),
        ] {
            claim(page, what.to_string());
        }
        for c in site.categories.iter().skip(1) {
            claim(urls::category(config, lang, &c.path), format!("the page of category `{}`", c.path));
        }
    }
    claim(urls::NOT_FOUND.into(), "the 404 page".into());
    claim(urls::SITEMAP.into(), "the sitemap".into());
    for a in &site.assets {
        claim(a.url.clone(), format!("the file {}", a.url));
    }
    for (alias, &g) in &site.aliases {
        claim(alias.clone(), format!("an alias of {}", site.guides[g].source.display()));
    }
    let mut diags = Vec::new();
    for (path, who) in owners {
        let mut who = who;
        who.dedup();
        if who.len() > 1 {
            let file = site
                .guides
                .iter()
                .find(|g| who.contains(&g.source.display().to_string()))
                .map(|g| g.source.clone())
                .unwrap_or_else(|| Path::new("content").to_path_buf());
            diags.push(
                Diagnostic::file(
                    &rules::DUPLICATE_OUTPUT,
                    &file,
                    format!("two sources write `{path}`: {}", who.join(" and ")),
                )
                .with_hint(Some("rename one of them".into())),
            );
        }
    }
    diags
}
