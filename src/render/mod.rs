//! Render: the resolved [`Site`] → every output file (pages, feeds, sitemap,
//! theme files, copied assets) through tera templates. Templates receive the
//! model's blocks through the views of [`context`]; nothing here parses
//! Markdown. Guides render in parallel; output is the same bytes for the
//! same input. With the default templates, guide pages are written by the
//! Rust twins of them (`blocks`, `page`) instead.

pub mod blocks;
pub mod context;
pub mod deps;
pub mod i18n;
pub mod jsonld;
pub mod page;
pub mod theme;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::{json, Value};
use tera::Context;

use crate::model::{CategoryId, GuideId, Site, ROOT_MARK_STR};
use crate::output::{OutputError, Sink};
use crate::progress::{Progress, Stage};
use crate::urls;
use context::{href, Alternate, FaqGroup, GuideCard, GuideView, Link, TagLink};
use theme::Theme;

/// Why rendering failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("failed to render {page} with template `{template}`: {source}")]
    Template {
        page: String,
        template: String,
        #[source]
        source: tera::Error,
    },
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// What was written.
#[derive(Debug, Default, Clone)]
pub struct RenderStats {
    pub pages: usize,
    pub assets: usize,
    /// Time spent per phase, for `TEBIKI_TIMINGS`.
    pub timings: Vec<(&'static str, std::time::Duration)>,
    /// Sizes of the search index.
    pub search: crate::search::IndexStats,
    /// Screenshots encoded and reused (filled by the build, before rendering).
    pub images: crate::images::Stats,
}

/// A page that is not a guide: where it is written and what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Output path relative to the site root.
    pub path: String,
    pub kind: PageKind,
}

/// What a [`Page`] is; languages are codes of `languages`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Home(String),
    Category(String, CategoryId),
    /// The list of a language's tags.
    Tags(String),
    Tag(String, String),
    Faq(String),
    Search(String),
    Feed(String),
    NotFound,
    /// A redirect to a guide.
    Alias(GuideId),
    Sitemap,
    /// `open.html`: a product's help button lands here with a help id.
    HelpOpen,
    /// The help-id map for product developers (`help-ids.json`).
    HelpIdsJson,
    /// The help-id map for pages (`_tebiki/help-ids.js`).
    HelpIdsJs,
}

/// Values shared by every page of one language, built once.
struct LangShared {
    /// `site`, `t`, `nav`, `fragments`, `lang` and `root`: what every page
    /// of the language starts from. Cloned per page; tera would otherwise
    /// serialize each value again for every page.
    base: Context,
    /// What every guide page of the language shares, for `page::guide`.
    frame: Option<page::Frame>,
}

/// Templates rendered once per language and given to every page as
/// `fragments.<name>`: they depend on the language only, so rendering them
/// per page would repeat the same work thousands of times.
pub const FRAGMENTS: &[(&str, &str)] =
    &[("footer", "partials/footer.html"), ("ui_strings", "ui-strings.html"), ("search_popup", "search-popup.html")];

/// Renders pages of one site with one theme.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    shared: BTreeMap<String, LangShared>,
    /// Tags per language: tag → guides.
    tags: BTreeMap<String, BTreeMap<String, Vec<GuideId>>>,
    /// The site's help ids (`help-ids.json`, `_tebiki/help-ids.js`).
    pub help: crate::helpids::HelpMap,
}

/// Make every root-marked URL of a page relative to that page.
pub fn relativize(html: &str, page: &str) -> String {
    // Search the mark's UTF-8 bytes: a `char` search would stop at every
    // continuation byte of Japanese text.
    let prefix = urls::root_prefix(page);
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(ROOT_MARK_STR.as_bytes()));
    let finder = &*FINDER;
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut last = 0;
    for at in finder.find_iter(html.as_bytes()) {
        out.push_str(&html[last..at]);
        out.push_str(&prefix);
        last = at + ROOT_MARK_STR.len();
    }
    out.push_str(&html[last..]);
    out
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme) -> Result<Self, RenderError> {
        let config = &site.config;
        let mut tags: BTreeMap<String, BTreeMap<String, Vec<GuideId>>> = BTreeMap::new();
        for (id, g) in site.guides.iter().enumerate().filter(|(_, g)| !g.meta.tags.is_empty()) {
            // Look up before inserting: no string copies for tags seen before.
            if !tags.contains_key(&g.lang) {
                tags.insert(g.lang.clone(), BTreeMap::new());
            }
            let by_tag = tags.get_mut(&g.lang).expect("inserted above");
            for t in &g.meta.tags {
                match by_tag.get_mut(t) {
                    Some(ids) => ids.push(id),
                    None => {
                        by_tag.insert(t.clone(), vec![id]);
                    }
                }
            }
        }
        let shared = config
            .languages
            .iter()
            .map(|lang| {
                let strings = theme.strings(lang);
                let languages: Vec<Value> = config
                    .languages
                    .iter()
                    .map(|l| json!({"code": l, "name": theme.strings(l).get("language_name"), "url": href(&urls::home(config, l))}))
                    .collect();
                let site_value = json!({
                    "title": config.title_for(lang),
                    "description": config.description_for(lang),
                    "base_url": config.base_url(),
                    "languages": languages,
                    "default_language": config.default_language(),
                    "home": href(&urls::home(config, lang)),
                    "faq": href(&urls::faq(config, lang)),
                    "search": href(&urls::search(config, lang)),
                    "tags": href(&urls::tags(config, lang)),
                    "feed": href(&urls::feed(config, lang)),
                    "assets": format!("{ROOT_MARK_STR}{}/", urls::SUPPORT_DIR),
                    "feedback_endpoint": config.feedback.endpoint,
                    "has_tags": tags.get(lang).is_some_and(|t| !t.is_empty()),
                });
                let mut base = Context::new();
                base.insert("site", &site_value);
                base.insert("t", &strings.map);
                base.insert("nav", &context::nav_tree(site, 0, lang));
                base.insert("lang", lang);
                base.insert("root", ROOT_MARK_STR);
                (lang.clone(), LangShared { base, frame: None })
            })
            .collect();
        let help = crate::helpids::map(site);
        let mut renderer = Renderer { site, theme, shared, tags, help };
        for lang in &config.languages {
            let cx = renderer.base_context(lang, "", "fragment", "", Vec::new());
            let mut fragments = serde_json::Map::new();
            for (name, template) in FRAGMENTS {
                let html = theme.tera.render(template, &cx).map_err(|source| RenderError::Template {
                    page: format!("the {name} fragment ({lang})"),
                    template: template.to_string(),
                    source,
                })?;
                fragments.insert(name.to_string(), Value::String(html));
            }
            let frame = theme.default_templates(page::FRAME_TEMPLATES).then(|| {
                let fragment = |name: &str| fragments.get(name).and_then(Value::as_str).unwrap_or_default();
                let base_url = config.base_url();
                let (feed, home, faq, search) = (
                    href(&urls::feed(config, lang)),
                    href(&urls::home(config, lang)),
                    href(&urls::faq(config, lang)),
                    href(&urls::search(config, lang)),
                );
                page::Frame::new(
                    lang,
                    theme.strings(lang),
                    &page::SiteValues {
                        title: config.title_for(lang),
                        description: config.description_for(lang),
                        tags: &href(&urls::tags(config, lang)),
                        base_url: base_url.as_deref(),
                        feed: &feed,
                        home: &home,
                        faq: &faq,
                        search: &search,
                        assets: &format!("{ROOT_MARK_STR}{}/", urls::SUPPORT_DIR),
                        feedback_endpoint: config.feedback.endpoint.as_deref(),
                    },
                    &page::Fragments {
                        footer: fragment("footer"),
                        ui_strings: fragment("ui_strings"),
                        search_popup: fragment("search_popup"),
                    },
                )
            });
            let shared = renderer.shared.get_mut(lang).expect("one per language");
            shared.base.insert("fragments", &fragments);
            shared.frame = frame;
        }
        Ok(renderer)
    }

    fn base_context(&self, lang: &str, page: &str, kind: &str, title: &str, alternates: Vec<Alternate>) -> Context {
        let mut cx = self.shared[lang].base.clone();
        let canonical = self.canonical(page);
        cx.insert(
            "page",
            &json!({"kind": kind, "url": href(page), "path": page, "title": title, "canonical": canonical, "alternates": alternates}),
        );
        cx
    }

    /// The absolute URL of a page, with a `base_url`.
    fn canonical(&self, page: &str) -> Option<String> {
        self.site.config.base_url().map(|b| format!("{b}{}", crate::parse::markdown::href_path(page)))
    }

    fn render(&self, template: &str, page: &str, cx: &Context) -> Result<String, RenderError> {
        let html = self.theme.tera.render(template, cx).map_err(|source| RenderError::Template {
            page: page.to_string(),
            template: template.to_string(),
            source,
        })?;
        Ok(relativize(&html, page))
    }

    /// Alternates of a page that exists in every language at `path_for(lang)`.
    fn alternates_all(&self, lang: &str, path_for: impl Fn(&str) -> String) -> Vec<Alternate> {
        self.site
            .config
            .languages
            .iter()
            .map(|l| Alternate {
                lang: l.clone(),
                name: self.theme.strings(l).get("language_name").to_string(),
                url: href(&path_for(l)),
                current: l == lang,
                available: true,
                note: String::new(),
            })
            .collect()
    }

    /// A guide page: written by `page::guide` when the site overrides no
    /// template a guide page renders, else rendered by the templates.
    pub fn guide_page(&self, id: GuideId) -> Result<String, RenderError> {
        match self.guide_twin(id) {
            Some(html) => Ok(html),
            None => self.guide_page_templated(id),
        }
    }

    /// A guide page written by `page::guide`; `None` when the site
    /// overrides a template a guide page renders.
    pub fn guide_twin(&self, id: GuideId) -> Option<String> {
        let g = &self.site.guides[id];
        let frame = self.frame(&g.lang, &[]).filter(|_| self.theme.default_guide_page())?;
        let (alternates, view) = self.guide_view(id);
        let canonical = self.canonical(&g.url);
        let values = page::PageValues { path: &g.url, canonical: canonical.as_deref(), alternates: &alternates };
        Some(relativize(&page::guide(frame, &values, &view), &g.url))
    }

    /// The laid-out frame of `lang`'s pages, when the site overrides none of
    /// `templates` (nor `base.html`): `render::page` then writes the page.
    fn frame(&self, lang: &str, templates: &[&str]) -> Option<&page::Frame> {
        self.shared[lang].frame.as_ref().filter(|_| self.theme.default_templates(templates))
    }

    /// A guide page rendered by the templates (`guide.html`).
    pub fn guide_page_templated(&self, id: GuideId) -> Result<String, RenderError> {
        let g = &self.site.guides[id];
        let (alternates, view) = self.guide_view(id);
        let mut cx = self.base_context(&g.lang, &g.url, "guide", &g.meta.title, alternates);
        cx.insert("guide", &view);
        self.render("guide.html", &g.url, &cx)
    }

    /// The language versions of a guide page and its view.
    fn guide_view(&self, id: GuideId) -> (Vec<Alternate>, GuideView<'a>) {
        let g = &self.site.guides[id];
        let mut alternates = vec![Alternate {
            lang: g.lang.clone(),
            name: self.theme.strings(&g.lang).get("language_name").to_string(),
            url: href(&g.url),
            current: true,
            available: true,
            note: String::new(),
        }];
        for &t in &self.site.nav[id].translations {
            let o = &self.site.guides[t];
            alternates.push(Alternate {
                lang: o.lang.clone(),
                name: self.theme.strings(&o.lang).get("language_name").to_string(),
                url: href(&o.url),
                current: false,
                available: true,
                note: String::new(),
            });
        }
        // A language without this guide still shows, leading to its home.
        for l in &self.site.config.languages {
            if alternates.iter().all(|a| &a.lang != l) {
                let strings = self.theme.strings(l);
                alternates.push(Alternate {
                    lang: l.clone(),
                    name: strings.get("language_name").to_string(),
                    url: href(&urls::home(&self.site.config, l)),
                    current: false,
                    available: false,
                    note: strings.get("lang_missing").to_string(),
                });
            }
        }
        let rank = |l: &str| self.site.config.languages.iter().position(|x| x == l);
        alternates.sort_by_key(|a| rank(&a.lang));
        let mut view = GuideView::new(self.site, id);
        if let Some(crate::model::TranslationStatus::Outdated { original, .. }) = self.site.nav[id].status {
            let o = &self.site.guides[original];
            view.outdated = Some(context::OutdatedNotice {
                url: href(&o.url),
                lang: o.lang.clone(),
                lang_name: self.theme.strings(&o.lang).get("language_name").to_string(),
            });
        }
        if self.theme.fast_blocks() {
            let strings = self.theme.strings(&g.lang);
            view.intro_html = Some(blocks::blocks(&g.intro, strings));
            view.body_html = Some(blocks::blocks(&g.body, strings));
            view.blocks_html = true;
            if self.theme.default_guide_page() {
                (view.intro, view.body) = (None, None);
            }
        }
        for t in &mut view.tags {
            t.count = self.tags.get(&g.lang).and_then(|m| m.get(&t.name)).map_or(0, Vec::len);
        }
        (alternates, view)
    }

    /// Every page that is not a guide, in the order a build writes them:
    /// per language home, categories, tags, FAQ, search and feed; then the
    /// 404 page, alias redirects and the sitemap. Nothing is rendered yet.
    pub fn pages(&self) -> Vec<Page> {
        let site = self.site;
        let config = &site.config;
        let mut pages = Vec::new();
        let mut add = |path: String, kind: PageKind| pages.push(Page { path, kind });
        for lang in &config.languages {
            let l = || lang.clone();
            add(urls::home(config, lang), PageKind::Home(l()));
            for (cid, cat) in site.categories.iter().enumerate().skip(1) {
                if !site.guides_in(cid, lang).is_empty() {
                    add(urls::category(config, lang, &cat.path), PageKind::Category(l(), cid));
                }
            }
            if let Some(tags) = self.tags.get(lang).filter(|t| !t.is_empty()) {
                add(urls::tags(config, lang), PageKind::Tags(l()));
                for tag in tags.keys() {
                    add(urls::tag(config, lang, tag), PageKind::Tag(l(), tag.clone()));
                }
            }
            if let Some(faq) = site.generated_faq(lang) {
                add(faq, PageKind::Faq(l()));
            }
            add(urls::search(config, lang), PageKind::Search(l()));
            add(urls::feed(config, lang), PageKind::Feed(l()));
        }
        add(urls::NOT_FOUND.to_string(), PageKind::NotFound);
        for (alias, &target) in &site.aliases {
            add(alias.clone(), PageKind::Alias(target));
        }
        add(urls::HELP_OPEN.to_string(), PageKind::HelpOpen);
        add(urls::HELP_IDS_JSON.to_string(), PageKind::HelpIdsJson);
        add(urls::HELP_IDS_JS.to_string(), PageKind::HelpIdsJs);
        add(urls::SITEMAP.to_string(), PageKind::Sitemap);
        pages
    }

    /// Guides of `lang` newest first (by last change, then URL), at most `n`.
    pub fn newest(&self, lang: &str, n: usize) -> Vec<GuideId> {
        let site = self.site;
        let mut ids: Vec<GuideId> = (0..site.guides.len()).filter(|&g| site.guides[g].lang == lang).collect();
        ids.sort_by(|&a, &b| {
            let (ga, gb) = (&site.guides[a], &site.guides[b]);
            gb.meta.last_changed().cmp(&ga.meta.last_changed()).then_with(|| ga.url.cmp(&gb.url))
        });
        ids.truncate(n);
        ids
    }

    /// Alternates of a category page: the languages that have guides in it.
    fn category_alternates(&self, lang: &str, cid: CategoryId) -> Vec<Alternate> {
        let config = &self.site.config;
        let path = &self.site.categories[cid].path;
        self.alternates_all(lang, |l| urls::category(config, l, path))
            .into_iter()
            .filter(|a| !self.site.guides_in(cid, &a.lang).is_empty())
            .collect()
    }

    /// Alternates of the tag list: the languages that have tags.
    fn tags_alternates(&self, lang: &str) -> Vec<Alternate> {
        let config = &self.site.config;
        self.alternates_all(lang, |l| urls::tags(config, l))
            .into_iter()
            .filter(|a| self.tags.get(&a.lang).is_some_and(|t| !t.is_empty()))
            .collect()
    }

    /// Render one page of [`Renderer::pages`]; `all` is that whole list (the
    /// sitemap names every page).
    pub fn render_page(&self, page: &Page, all: &[Page]) -> Result<String, RenderError> {
        self.render_page_with(page, all, true)
    }

    /// A page rendered by the templates even where `render::page` could
    /// write it (for tests that hold the two to the same bytes).
    pub fn render_page_templated(&self, page: &Page, all: &[Page]) -> Result<String, RenderError> {
        self.render_page_with(page, all, false)
    }

    fn render_page_with(&self, page: &Page, all: &[Page], twin: bool) -> Result<String, RenderError> {
        let site = self.site;
        let config = &site.config;
        let path = &page.path;
        match &page.kind {
            PageKind::Home(lang) => {
                let mut cx = self.base_context(
                    lang,
                    path,
                    "home",
                    config.title_for(lang),
                    self.alternates_all(lang, |l| urls::home(config, l)),
                );
                let recent_cards: Vec<GuideCard> =
                    self.newest(lang, 10).iter().map(|&g| GuideCard::new(site, g)).collect();
                cx.insert("recent", &recent_cards);
                let root_guides: Vec<GuideCard> = site.categories[0]
                    .guides
                    .iter()
                    .filter(|&&g| &site.guides[g].lang == lang)
                    .map(|&g| GuideCard::new(site, g))
                    .collect();
                cx.insert("guides", &root_guides);
                let total = site.guides.iter().filter(|g| &g.lang == lang).count();
                cx.insert("guide_count", &total);
                self.render("home.html", path, &cx)
            }
            PageKind::Category(lang, cid) => {
                let cat = &site.categories[*cid];
                let text = site.category_text(*cid, lang);
                let alternates = self.category_alternates(lang, *cid);
                let mut cx = self.base_context(lang, path, "category", &text.title, alternates);
                let fallback = site.config.i18n.fallback == crate::config::Fallback::List;
                let guides: Vec<GuideCard> = cat
                    .guides
                    .iter()
                    .filter(|&&g| site.listed_in(g, lang, fallback))
                    .map(|&g| {
                        let mut card = GuideCard::new(site, g);
                        let other = &site.guides[g].lang;
                        if other != lang {
                            // Listed from the original language: says so, in this page's.
                            let name = self.theme.strings(other).get("language_name");
                            card.only_in =
                                Some(self.theme.strings(lang).get("only_in_language").replace("{lang}", name));
                            card.lang = Some(other);
                        }
                        card
                    })
                    .collect();
                cx.insert(
                    "category",
                    &json!({
                        "title": text.title,
                        "description": text.description,
                        "intro": text.intro_html,
                        "path": cat.path,
                        "url": href(path),
                        "children": context::nav_tree(site, *cid, lang),
                        "breadcrumbs": context::breadcrumbs(site, cat.parent.unwrap_or(0), lang),
                    }),
                );
                cx.insert("guides", &guides);
                self.render("category.html", path, &cx)
            }
            PageKind::Tags(lang) => {
                let empty = BTreeMap::new();
                let lang_tags = self.tags.get(lang).unwrap_or(&empty);
                let tag_links: Vec<TagLink> = lang_tags
                    .iter()
                    .map(|(t, ids)| TagLink {
                        name: t.clone(),
                        url: href(&urls::tag(config, lang, t)),
                        count: ids.len(),
                    })
                    .collect();
                let mut cx = self.base_context(
                    lang,
                    path,
                    "tags",
                    self.theme.strings(lang).get("tags"),
                    self.tags_alternates(lang),
                );
                cx.insert("tags", &tag_links);
                self.render("tags.html", path, &cx)
            }
            PageKind::Tag(lang, tag) => {
                let ids = self.tags.get(lang).and_then(|t| t.get(tag)).map(Vec::as_slice).unwrap_or_default();
                let guides: Vec<GuideCard> = ids.iter().map(|&g| GuideCard::new(site, g)).collect();
                if let Some(frame) = self.frame(lang, &["tag.html"]).filter(|_| twin) {
                    let canonical = self.canonical(path);
                    let values = page::PageValues { path, canonical: canonical.as_deref(), alternates: &[] };
                    return Ok(relativize(&page::tag(frame, &values, tag, &guides), path));
                }
                let mut cx = self.base_context(lang, path, "tag", tag, Vec::new());
                cx.insert("tag", &json!({"name": tag, "url": href(path), "all": href(&urls::tags(config, lang))}));
                cx.insert("guides", &guides);
                self.render("tag.html", path, &cx)
            }
            PageKind::Faq(lang) => {
                // Every question of the language, grouped by guide.
                let groups: Vec<FaqGroup> = site
                    .guides
                    .iter()
                    .enumerate()
                    .filter(|(_, g)| &g.lang == lang)
                    .filter_map(|(id, g)| {
                        let questions = context::faq_items(g);
                        (!questions.is_empty()).then(|| FaqGroup {
                            guide: Link { title: g.meta.title.clone(), url: href(&g.url) },
                            category: {
                                let c = site.category_of(id);
                                (c != 0).then(|| site.category_title(c, lang).to_string())
                            },
                            questions,
                        })
                    })
                    .collect();
                let title = self.theme.strings(lang).get("faq");
                let alternates = self.alternates_all(lang, |l| urls::faq(config, l));
                if let Some(frame) = self.frame(lang, &["faq.html", "partials/qa-tools.html"]).filter(|_| twin) {
                    let canonical = self.canonical(path);
                    let values = page::PageValues { path, canonical: canonical.as_deref(), alternates: &alternates };
                    return Ok(relativize(&page::faq(frame, &values, title, &groups), path));
                }
                let mut cx = self.base_context(lang, path, "faq", title, alternates);
                cx.insert("groups", &groups);
                self.render("faq.html", path, &cx)
            }
            PageKind::Search(lang) => {
                let cx = self.base_context(
                    lang,
                    path,
                    "search",
                    self.theme.strings(lang).get("search"),
                    self.alternates_all(lang, |l| urls::search(config, l)),
                );
                self.render("search.html", path, &cx)
            }
            PageKind::Feed(lang) => {
                let mut cx = self.base_context(lang, path, "feed", config.title_for(lang), Vec::new());
                let feed = self.newest(lang, 30);
                let entries: Vec<Value> = feed
                    .iter()
                    .map(|&g| {
                        let guide = &site.guides[g];
                        json!({
                            "title": guide.meta.title,
                            "summary": guide.meta.summary,
                            "url": self.absolute_or_marked(&guide.url),
                            "id": self.absolute_or_marked(&guide.url),
                            "published": guide.meta.published.map(|d| format!("{d}T00:00:00Z")),
                            "updated": guide.meta.last_changed().map(|d| format!("{d}T00:00:00Z")),
                            "author": guide.meta.author,
                        })
                    })
                    .collect();
                let updated =
                    feed.first().and_then(|&g| site.guides[g].meta.last_changed()).map(|d| format!("{d}T00:00:00Z"));
                cx.insert("entries", &entries);
                cx.insert("updated", &updated.unwrap_or_else(|| "1970-01-01T00:00:00Z".into()));
                cx.insert("feed_url", &self.absolute_or_marked(path));
                cx.insert("home_url", &self.absolute_or_marked(&urls::home(config, lang)));
                self.render("atom.xml", path, &cx)
            }
            PageKind::NotFound => {
                // In the default language.
                let lang = config.default_language();
                let cx =
                    self.base_context(lang, path, "404", self.theme.strings(lang).get("not_found_title"), Vec::new());
                self.render("404.html", path, &cx)
            }
            PageKind::Alias(target) => {
                let g = &site.guides[*target];
                let mut cx = self.base_context(&g.lang, path, "redirect", &g.meta.title, Vec::new());
                cx.insert("target", &json!({"title": g.meta.title, "url": href(&g.url)}));
                self.render("redirect.html", path, &cx)
            }
            PageKind::HelpOpen => {
                // In the default language; the script picks the reader's.
                let lang = config.default_language();
                let mut cx = self.base_context(
                    lang,
                    path,
                    "help-open",
                    self.theme.strings(lang).get("help_open_title"),
                    Vec::new(),
                );
                let search: BTreeMap<&str, String> =
                    config.languages.iter().map(|l| (l.as_str(), urls::search(config, l))).collect();
                cx.insert("help_open", &json!({"languages": config.languages, "search": search}));
                self.render("open.html", path, &cx)
            }
            PageKind::HelpIdsJson => Ok(self.help.to_json()),
            PageKind::HelpIdsJs => Ok(self.help.to_js()),
            PageKind::Sitemap => {
                // Every HTML page.
                let mut entries: Vec<Value> = site
                    .guides
                    .iter()
                    .map(|g| json!({"loc": self.absolute_or_marked(&g.url), "lastmod": g.meta.last_changed().map(|d| d.to_string())}))
                    .collect();
                for p in all {
                    if p.path.ends_with(".html")
                        && !matches!(p.kind, PageKind::NotFound | PageKind::Alias(_) | PageKind::HelpOpen)
                    {
                        entries.push(json!({"loc": self.absolute_or_marked(&p.path), "lastmod": null}));
                    }
                }
                entries.sort_by(|a, b| a["loc"].as_str().cmp(&b["loc"].as_str()));
                let mut cx = Context::new();
                cx.insert("entries", &entries);
                self.render("sitemap.xml", path, &cx)
            }
        }
    }

    /// An absolute URL when the site has a `base_url`, else a root-marked one.
    fn absolute_or_marked(&self, path: &str) -> String {
        match self.site.config.base_url() {
            Some(b) => format!("{b}{}", crate::parse::markdown::href_path(path)),
            None => href(path),
        }
    }
}

/// tebiki's own files for a theme (`_tebiki/…`): the theme's static files.
/// Returns (path, contents).
pub fn support_files(theme: &Theme) -> Vec<(String, Vec<u8>)> {
    theme.static_files.iter().map(|(name, bytes)| (format!("{}/{name}", urls::SUPPORT_DIR), bytes.clone())).collect()
}

/// Render the whole site into `out`. Every page is written as soon as it
/// is rendered, so no more than one page per thread is held at a time.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    out: &dyn Sink,
    progress: &dyn Progress,
) -> Result<RenderStats, RenderError> {
    let mut timings = Vec::new();
    let mut t = std::time::Instant::now();
    let mut lap = |name: &'static str| {
        timings.push((name, t.elapsed()));
        t = std::time::Instant::now();
    };
    let renderer = Renderer::new(site, theme)?;
    let pages = renderer.pages();
    let support = support_files(theme);
    out.create_dirs(
        &mut site
            .guides
            .iter()
            .map(|g| g.url.as_str())
            .chain(pages.iter().map(|p| p.path.as_str()))
            .chain(support.iter().map(|(p, _)| p.as_str()))
            .chain(crate::search::FOLDERS.iter().copied()),
    )?;
    for (path, bytes) in &support {
        out.write(path, bytes)?;
    }
    lap("  dirs+support");
    progress.stage(Stage::Render, pages.len() + site.guides.len());
    // The search index needs only the model: it is built side by side with
    // the pages and the assets, filling the gaps they leave on the cores.
    let (written, search) = rayon::join(
        || -> Result<Vec<(&'static str, std::time::Duration)>, RenderError> {
            let mut laps = Vec::new();
            let mut t = std::time::Instant::now();
            pages.par_iter().try_for_each(|p| -> Result<(), RenderError> {
                let html = renderer.render_page(p, &pages)?;
                out.write(&p.path, html.as_bytes())?;
                progress.advance(1);
                Ok(())
            })?;
            laps.push(("    other pages", t.elapsed()));
            t = std::time::Instant::now();
            (0..site.guides.len()).into_par_iter().try_for_each(|id| -> Result<(), RenderError> {
                let html = renderer.guide_page(id)?;
                out.write(&site.guides[id].url, html.as_bytes())?;
                progress.advance(1);
                Ok(())
            })?;
            laps.push(("    guide pages", t.elapsed()));
            t = std::time::Instant::now();
            // Copied folder by folder, unchanged ones linked: no count.
            progress.stage(Stage::Images, 0);
            out.copy_assets(&site.assets)?;
            laps.push(("    assets", t.elapsed()));
            // What may still run is the search index, on the other side of the join.
            progress.stage(Stage::SearchIndex, 0);
            Ok(laps)
        },
        || {
            let started = std::time::Instant::now();
            crate::search::write(site, theme, out).map(|s| (s, started.elapsed()))
        },
    );
    let laps = written?;
    let (search, search_time) = search?;
    lap("  pages, assets | search");
    timings.extend(laps);
    timings.push(("    search index", search_time));
    Ok(RenderStats {
        pages: site.guides.len() + pages.len(),
        assets: site.assets.len(),
        timings,
        search,
        images: Default::default(),
    })
}
