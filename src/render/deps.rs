//! Fingerprints of what each page shows, for incremental rebuilds
//! (`tebiki serve`). A page's key hashes every input of its template
//! context; a page whose key did not change since the last render renders
//! to the same bytes, so it is skipped.
//!
//! Guides enter keys through a [`GuideStamp`]: a `revision` that changes
//! whenever the guide is parsed again (the guide's own page depends on all
//! of it) and hashes of the parts other pages show (its card in lists, its
//! link, its questions, its feed and sitemap entries), so that an edit to a
//! step re-renders the guide's page but not its category page. Whatever
//! every page of a language shows (site values, UI strings, the category
//! tree with titles and counts) is one hash per language.
//!
//! Keep this in step with the contexts built in `render/mod.rs` and
//! `render/context.rs`: an input missing here is a page that serve leaves
//! stale (the incremental property test in `tests/it/serve.rs` looks for it).

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::context::GuideCard;
use super::{Page, PageKind, Renderer};
use crate::model::{GuideId, Site};

/// What pages other than its own show of one guide, hashed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GuideStamp {
    /// Changes whenever the guide is parsed again.
    pub revision: u64,
    /// Its card in lists (title, summary, dates, category, step count …).
    pub card: u64,
    /// Title and URL (previous/next links, redirects).
    pub link: u64,
    /// Its questions as the FAQ page shows them; 0 without questions.
    pub faq: u64,
    /// Its feed entry.
    pub feed: u64,
    /// Its sitemap entry.
    pub sitemap: u64,
}

fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

fn json_hash<T: serde::Serialize>(value: &T) -> u64 {
    hash_of(&serde_json::to_vec(value).unwrap_or_default())
}

/// The stamp of guide `id` of a resolved site, parsed as `revision`.
pub fn stamp(site: &Site, id: GuideId, revision: u64) -> GuideStamp {
    let g = &site.guides[id];
    let m = &g.meta;
    let questions = crate::render::context::faq_items(g);
    let faq = if questions.is_empty() {
        0
    } else {
        let qs: Vec<_> = questions.iter().map(|q| (q.id, q.question, &q.answer)).collect();
        hash_of(&(&m.title, &g.url, &g.category, json_hash(&qs)))
    };
    GuideStamp {
        revision,
        card: json_hash(&GuideCard::new(site, id)),
        link: hash_of(&(&m.title, &g.url)),
        faq,
        feed: hash_of(&(&m.title, &m.summary, &g.url, m.published, m.last_changed(), &m.author)),
        sitemap: hash_of(&(&g.url, m.last_changed())),
    }
}

/// Computes page keys for one render of a site.
pub struct Keys<'r, 'a> {
    r: &'r Renderer<'a>,
    stamps: &'r [GuideStamp],
    /// Per language: what every page of that language shows.
    lang: BTreeMap<String, u64>,
}

impl<'r, 'a> Keys<'r, 'a> {
    /// `stamps` is parallel to the site's guides.
    pub fn new(r: &'r Renderer<'a>, stamps: &'r [GuideStamp]) -> Self {
        assert_eq!(stamps.len(), r.site.guides.len(), "one stamp per guide");
        let lang = r.shared.iter().map(|(l, s)| (l.clone(), json_hash(&s.base.clone().into_json()))).collect();
        Keys { r, stamps, lang }
    }

    fn lang(&self, lang: &str) -> u64 {
        self.lang.get(lang).copied().unwrap_or_default()
    }

    /// The key of a guide's page.
    pub fn guide(&self, id: GuideId) -> u64 {
        let site = self.r.site;
        let g = &site.guides[id];
        let nav = &site.nav[id];
        let mut h = DefaultHasher::new();
        ("guide", self.lang(&g.lang), self.stamps[id].revision).hash(&mut h);
        for &t in &nav.translations {
            (&site.guides[t].lang, &site.guides[t].url).hash(&mut h);
        }
        let tags = self.r.tags.get(&g.lang);
        for t in &g.meta.tags {
            (t, tags.and_then(|m| m.get(t)).map_or(0, Vec::len)).hash(&mut h);
        }
        for &r in &nav.related {
            (self.stamps[r].card, self.lang(&site.guides[r].lang)).hash(&mut h);
        }
        nav.prev.map(|p| self.stamps[p].link).hash(&mut h);
        nav.next.map(|n| self.stamps[n].link).hash(&mut h);
        // The notice of an outdated translation links to its original.
        nav.status.hash(&mut h);
        if let Some(crate::model::TranslationStatus::Outdated { original, .. }) = nav.status {
            self.stamps[original].link.hash(&mut h);
        }
        h.finish()
    }

    fn cards(&self, ids: impl Iterator<Item = GuideId>, h: &mut DefaultHasher) {
        for g in ids {
            self.stamps[g].card.hash(h);
        }
    }

    /// The key of a page of [`Renderer::pages`]; `all` is that list.
    pub fn page(&self, page: &Page, all: &[Page]) -> u64 {
        let r = self.r;
        let site = r.site;
        let config = &site.config;
        let mut h = DefaultHasher::new();
        page.path.hash(&mut h);
        match &page.kind {
            PageKind::Home(lang) => {
                ("home", self.lang(lang)).hash(&mut h);
                self.cards(r.newest(lang, 10).into_iter(), &mut h);
                "root".hash(&mut h);
                self.cards(site.categories[0].guides.iter().copied().filter(|&g| &site.guides[g].lang == lang), &mut h);
                site.guides.iter().filter(|g| &g.lang == lang).count().hash(&mut h);
            }
            PageKind::Category(lang, cid) => {
                ("category", self.lang(lang), &site.categories[*cid].path).hash(&mut h);
                for l in &config.languages {
                    site.guides_in(*cid, l).is_empty().hash(&mut h);
                }
                let text = site.category_text(*cid, lang);
                (&text.title, &text.description, &text.intro_html).hash(&mut h);
                let cat = &site.categories[*cid];
                let fallback = config.i18n.fallback == crate::config::Fallback::List;
                for &g in cat.guides.iter().filter(|&&g| site.listed_in(g, lang, fallback)) {
                    (self.stamps[g].card, &site.guides[g].lang).hash(&mut h);
                }
            }
            PageKind::Tags(lang) => {
                ("tags", self.lang(lang)).hash(&mut h);
                for l in &config.languages {
                    r.tags.get(l).is_some_and(|t| !t.is_empty()).hash(&mut h);
                }
                for (t, ids) in r.tags.get(lang).into_iter().flatten() {
                    (t, ids.len()).hash(&mut h);
                }
            }
            PageKind::Tag(lang, tag) => {
                ("tag", self.lang(lang), tag).hash(&mut h);
                let ids = r.tags.get(lang).and_then(|t| t.get(tag)).map(Vec::as_slice).unwrap_or_default();
                self.cards(ids.iter().copied(), &mut h);
            }
            PageKind::Faq(lang) => {
                ("faq", self.lang(lang)).hash(&mut h);
                for (g, guide) in site.guides.iter().enumerate().filter(|(_, g)| &g.lang == lang) {
                    let faq = self.stamps[g].faq;
                    if faq != 0 {
                        (faq, &guide.category).hash(&mut h);
                    }
                }
            }
            PageKind::Search(lang) => ("search", self.lang(lang)).hash(&mut h),
            PageKind::Feed(lang) => {
                ("feed", self.lang(lang)).hash(&mut h);
                for g in r.newest(lang, 30) {
                    self.stamps[g].feed.hash(&mut h);
                }
            }
            PageKind::NotFound => ("404", self.lang(config.default_language())).hash(&mut h),
            PageKind::Alias(target) => {
                ("alias", self.lang(&site.guides[*target].lang), self.stamps[*target].link).hash(&mut h);
            }
            PageKind::HelpOpen => ("help-open", self.lang(config.default_language())).hash(&mut h),
            PageKind::HelpIdsJson | PageKind::HelpIdsJs => {
                ("help-ids", &r.help).hash(&mut h);
            }
            PageKind::Sitemap => {
                "sitemap".hash(&mut h);
                for s in self.stamps {
                    s.sitemap.hash(&mut h);
                }
                for p in all {
                    if !matches!(p.kind, PageKind::NotFound | PageKind::Alias(_) | PageKind::HelpOpen) {
                        p.path.hash(&mut h);
                    }
                }
            }
        }
        h.finish()
    }
}
