//! Pages two sources would write (`duplicate-output`): guides, category,
//! tag and language pages, copied files and alias redirects.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::rules;
use crate::urls;

/// Pages that two sources would write.
pub fn check(site: &Site, diags: &mut Vec<Diagnostic>) {
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
}
