//! Pages two sources would write (`duplicate-output`): guides, category,
//! tag and language pages, copied files and alias redirects.

use std::borrow::Cow;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::rules;
use crate::urls;

/// What claims a page (described only when two claim one).
#[derive(Clone, Copy)]
enum Who<'a> {
    Guide(usize),
    Page(&'static str),
    Category(&'a str),
    File(&'a str),
    Alias(usize),
}

impl Who<'_> {
    fn describe(self, site: &Site) -> String {
        match self {
            Who::Guide(g) => site.guides[g].source.display().to_string(),
            Who::Page(what) => what.to_string(),
            Who::Category(path) => format!("the page of category `{path}`"),
            Who::File(url) => format!("the file {url}"),
            Who::Alias(g) => format!("an alias of {}", site.guides[g].source.display()),
        }
    }
}

/// Pages that two sources would write.
pub fn check(site: &Site, diags: &mut Vec<Diagnostic>) {
    let config = &site.config;
    let mut claims: Vec<(Cow<str>, Who)> = Vec::with_capacity(site.guides.len() + site.assets.len() + 64);
    for (i, g) in site.guides.iter().enumerate() {
        claims.push((Cow::Borrowed(&g.url), Who::Guide(i)));
    }
    for lang in &config.languages {
        let pages = [
            Some((urls::home(config, lang), "the home page")),
            site.generated_faq(lang).map(|url| (url, "the FAQ page")),
            Some((urls::search(config, lang), "the search page")),
            Some((urls::feed(config, lang), "the feed")),
            Some((urls::tags(config, lang), "the tag list")),
        ];
        for (page, what) in pages.into_iter().flatten() {
            claims.push((Cow::Owned(page), Who::Page(what)));
        }
        for c in site.categories.iter().skip(1) {
            claims.push((Cow::Owned(urls::category(config, lang, &c.path)), Who::Category(&c.path)));
        }
    }
    claims.push((Cow::Borrowed(urls::NOT_FOUND), Who::Page("the 404 page")));
    claims.push((Cow::Borrowed(urls::SITEMAP), Who::Page("the sitemap")));
    claims.push((Cow::Borrowed(urls::HELP_OPEN), Who::Page("the page that opens help ids")));
    claims.push((Cow::Borrowed(urls::HELP_IDS_JSON), Who::Page("the map of help ids")));
    for a in &site.assets {
        claims.push((Cow::Borrowed(&a.url), Who::File(&a.url)));
    }
    for (alias, &g) in &site.aliases {
        claims.push((Cow::Borrowed(alias), Who::Alias(g)));
    }
    // Stable: the claims of one page stay in the order above.
    claims.sort_by(|a, b| a.0.cmp(&b.0));
    for group in claims.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        let path = &group[0].0;
        let mut who: Vec<String> = group.iter().map(|(_, w)| w.describe(site)).collect();
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
