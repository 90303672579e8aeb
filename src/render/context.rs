//! Views: what templates receive. Borrowed from the model where they can be;
//! every URL is root-marked (see [`crate::model::ROOT_MARK`]) so it works
//! from any page; dates come formatted for the page's language.

use std::borrow::Cow;

use serde::Serialize;

use crate::model::{Block, CategoryId, FlowNode, Guide, GuideId, RichText, Site, ROOT_MARK_STR};
use crate::parse::markdown::href_path;
use crate::render::i18n::format_date;
use crate::urls;

/// A root-marked href for a site-root-relative output path.
pub fn href(path: &str) -> String {
    format!("{ROOT_MARK_STR}{}", href_path(path))
}

#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct DateView {
    /// `2018-09-05`
    pub iso: String,
    /// `2018年9月5日` / `5 September 2018`
    pub text: String,
}

impl DateView {
    pub fn new(d: chrono::NaiveDate, lang: &str) -> Self {
        DateView { iso: d.to_string(), text: format_date(d, lang) }
    }
}

/// A language version of the current page, for the switcher.
#[derive(Serialize, Clone)]
pub struct Alternate {
    pub lang: String,
    pub name: String,
    pub url: String,
    pub current: bool,
    /// Whether the page exists in this language. When not (a guide without
    /// a translation), `url` is the language's home and `note` says so.
    pub available: bool,
    /// For an unavailable language: its `lang_missing` string, else empty.
    pub note: String,
}

/// A guide in a list.
#[derive(Serialize)]
pub struct GuideCard<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub url: String,
    pub applies_to: &'a [String],
    pub date: Option<DateView>,
    pub category: Option<Link>,
    pub steps: usize,
    /// Set on a guide listed in another language's page (`i18n.fallback:
    /// list`): its language, and the badge saying it is only in that one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub only_in: Option<String>,
}

impl<'a> GuideCard<'a> {
    pub fn new(site: &Site, id: GuideId) -> GuideCard<'_> {
        let g = &site.guides[id];
        let cat = site.category_of(id);
        let category = (cat != 0).then(|| Link {
            title: site.category_title(cat, &g.lang).to_string(),
            url: href(&urls::category(&site.config, &g.lang, &site.categories[cat].path)),
        });
        GuideCard {
            title: &g.meta.title,
            summary: &g.meta.summary,
            url: href(&g.url),
            applies_to: &g.meta.applies_to,
            date: g.meta.last_changed().map(|d| DateView::new(d, &g.lang)),
            category,
            steps: g.step_count(),
            lang: None,
            only_in: None,
        }
    }
}

/// The notice on a translation older than its original.
#[derive(Serialize)]
pub struct OutdatedNotice {
    /// The original's page.
    pub url: String,
    pub lang: String,
    /// The original's language, named in its own language (`日本語`).
    pub lang_name: String,
}

/// An entry of a guide's table of contents.
#[derive(Serialize)]
pub struct TocEntry {
    pub id: String,
    pub title: String,
    pub level: u8,
    /// `section` or `question`.
    pub kind: &'static str,
}

fn toc(blocks: &[Block], out: &mut Vec<TocEntry>) {
    for b in blocks {
        match b {
            Block::Section(s) => {
                out.push(TocEntry { id: s.id.clone(), title: s.title.text.clone(), level: s.level, kind: "section" });
                toc(&s.blocks, out);
            }
            Block::Flow(f) => {
                out.push(TocEntry { id: f.id.clone(), title: f.title.text.clone(), level: f.level, kind: "section" })
            }
            Block::Qa(q) => out.push(TocEntry {
                id: q.id.clone(),
                title: q.question.text.clone(),
                level: q.level,
                kind: "question",
            }),
            _ => {}
        }
    }
}

/// A tag with its page.
#[derive(Serialize)]
pub struct TagLink {
    pub name: String,
    pub url: String,
    pub count: usize,
}

/// Everything a guide page shows.
#[derive(Serialize)]
pub struct GuideView<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub lang: &'a str,
    pub url: String,
    pub source: String,
    pub slug: &'a str,
    pub applies_to: &'a [String],
    pub tags: Vec<TagLink>,
    pub published: Option<DateView>,
    pub updated: Option<DateView>,
    pub author: Option<&'a str>,
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
    pub breadcrumbs: Vec<Link>,
    pub toc: Vec<TocEntry>,
    /// The blocks for the block partials; left out (`None`) when
    /// `intro_html` and `body_html` hold them laid out and no template the
    /// site supplies could look at them (see `Theme::default_guide_page`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intro: Option<&'a [Block]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<&'a [Block]>,
    /// `intro` and `body` already laid out as the default partials would
    /// (see `render::blocks`); `None` when the theme overrides them.
    pub intro_html: Option<String>,
    pub body_html: Option<String>,
    /// Whether `intro_html` and `body_html` are there. Templates test this
    /// rather than the strings: tera escapes a string to test it.
    pub blocks_html: bool,
    pub step_count: usize,
    pub question_count: usize,
    pub related: Vec<GuideCard<'a>>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    /// Structured data documents (JSON, safe inside `<script>`).
    pub jsonld: Vec<String>,
    /// Set when the guide is a translation older than its original.
    pub outdated: Option<OutdatedNotice>,
}

/// Breadcrumbs from the home page down to `category` (inclusive).
pub fn breadcrumbs(site: &Site, category: CategoryId, lang: &str) -> Vec<Link> {
    let mut chain = Vec::new();
    let mut cur = Some(category);
    while let Some(c) = cur {
        if c != 0 {
            chain.push(Link {
                title: site.category_text(c, lang).title,
                url: href(&urls::category(&site.config, lang, &site.categories[c].path)),
            });
        }
        cur = site.categories[c].parent;
    }
    chain.push(Link { title: site.config.title_for(lang).to_string(), url: href(&urls::home(&site.config, lang)) });
    chain.reverse();
    chain
}

impl<'a> GuideView<'a> {
    pub fn new(site: &'a Site, id: GuideId) -> Self {
        let g: &'a Guide = &site.guides[id];
        let nav = &site.nav[id];
        let lang = g.lang.as_str();
        let link = |o: GuideId| Link { title: site.guides[o].meta.title.clone(), url: href(&site.guides[o].url) };
        let mut toc_entries = Vec::new();
        toc(&g.body, &mut toc_entries);
        GuideView {
            title: &g.meta.title,
            summary: &g.meta.summary,
            lang,
            url: href(&g.url),
            source: g.source.to_string_lossy().into_owned(),
            slug: &g.slug,
            applies_to: &g.meta.applies_to,
            tags: g
                .meta
                .tags
                .iter()
                .map(|t| TagLink { name: t.clone(), url: href(&urls::tag(&site.config, lang, t)), count: 0 })
                .collect(),
            published: g.meta.published.map(|d| DateView::new(d, lang)),
            updated: g.meta.updated.map(|d| DateView::new(d, lang)),
            author: g.meta.author.as_deref(),
            extra: &g.meta.extra,
            breadcrumbs: breadcrumbs(site, site.category_of(id), lang),
            toc: toc_entries,
            intro: Some(&g.intro),
            body: Some(&g.body),
            intro_html: None,
            body_html: None,
            blocks_html: false,
            step_count: g.step_count(),
            question_count: g.questions().len(),
            related: nav.related.iter().map(|&r| GuideCard::new(site, r)).collect(),
            prev: nav.prev.map(link),
            next: nav.next.map(link),
            jsonld: crate::render::jsonld::guide(g, site.config.base_url().as_deref()),
            outdated: None,
        }
    }
}

/// A category in the navigation tree of one language.
#[derive(Serialize)]
pub struct NavCategory {
    pub title: String,
    pub description: String,
    pub url: String,
    pub path: String,
    /// Guides in this category and below, in this language.
    pub count: usize,
    pub children: Vec<NavCategory>,
}

/// The category tree of a language, without categories that have no guide in it.
pub fn nav_tree(site: &Site, category: CategoryId, lang: &str) -> Vec<NavCategory> {
    site.categories[category]
        .children
        .iter()
        .filter_map(|&c| {
            let count = site.guides_in(c, lang).len();
            (count > 0).then(|| {
                let text = site.category_text(c, lang);
                NavCategory {
                    title: text.title,
                    description: text.description,
                    url: href(&urls::category(&site.config, lang, &site.categories[c].path)),
                    path: site.categories[c].path.clone(),
                    count,
                    children: nav_tree(site, c, lang),
                }
            })
        })
        .collect()
}

/// The questions of one guide on the FAQ page.
#[derive(Serialize)]
pub struct FaqGroup<'a> {
    pub guide: Link,
    pub category: Option<String>,
    pub questions: Vec<FaqItem<'a>>,
}

/// A question on the FAQ page, with its anchor in its guide.
#[derive(Serialize)]
pub struct FaqItem<'a> {
    pub id: &'a str,
    pub url: String,
    pub question: &'a RichText,
    /// Without the ids the answer has on its guide's page ([`without_ids`]).
    pub answer: Cow<'a, RichText>,
}

/// What a guide puts on the FAQ page: its questions, then the fixes of its
/// troubleshooters (the fix's heading as the question, what it says as the
/// answer, linking to the troubleshooter opened at that fix).
pub fn faq_items(g: &Guide) -> Vec<FaqItem<'_>> {
    let page = href(&g.url);
    let mut items: Vec<FaqItem> = g
        .questions()
        .into_iter()
        .map(|q| FaqItem {
            id: &q.id,
            url: format!("{page}#{}", q.id),
            question: &q.question,
            answer: without_ids(&q.answer),
        })
        .collect();
    for f in g.flows() {
        for n in f.nodes.iter().filter(|n| !n.is_question()) {
            items.push(FaqItem {
                id: &n.id,
                url: format!("{page}#{}", n.id),
                question: &n.title,
                answer: Cow::Owned(without_ids(&outcome_answer(n)).into_owned()),
            });
        }
    }
    items
}

/// A fix as a FAQ answer: its text and lists, its steps as a plain
/// numbered list (their screenshots, checks and anchors stay on the guide
/// page, which the answer links to).
pub fn outcome_answer(n: &FlowNode) -> RichText {
    let mut html = String::new();
    answer_blocks(&n.blocks, &mut html);
    RichText { html, text: n.text.clone() }
}

/// The blocks of a fix as [`outcome_answer`] writes them; variant tabs as
/// each tab's label followed by its blocks.
fn answer_blocks(blocks: &[Block], html: &mut String) {
    for b in blocks {
        match b {
            Block::Html { html: h } => html.push_str(h),
            Block::Procedure(p) => {
                html.push_str(
                    if p.start == 1 { "<ol>".into() } else { format!("<ol start=\"{}\">", p.start) }.as_str(),
                );
                for s in &p.steps {
                    html.push_str("<li>");
                    html.push_str(&s.instruction.html);
                    html.push_str("</li>");
                }
                html.push_str("</ol>\n");
            }
            Block::Callout(c) => html.push_str(&c.html),
            Block::Tabs(t) => {
                for tab in &t.tabs {
                    html.push_str("<p><strong>");
                    html.push_str(&crate::render::page::esc(&tab.label));
                    html.push_str("</strong></p>\n");
                    answer_blocks(&tab.blocks, html);
                }
            }
            Block::Qa(_) | Block::Section(_) | Block::Flow(_) | Block::Footnotes(_) => {}
        }
    }
}

/// An answer as the FAQ page shows it: the FAQ page gathers the answers of
/// many guides, whose anchors (`<a id>` written in raw HTML, a footnote's
/// id) belong to their guide's page; kept, the same id would be written
/// twice. The `id` attributes of its tags are left out.
pub fn without_ids(text: &RichText) -> Cow<'_, RichText> {
    if !text.html.contains(" id=") {
        return Cow::Borrowed(text);
    }
    let b = text.html.as_bytes();
    let mut html = String::with_capacity(b.len());
    let (mut from, mut i, mut in_tag, mut quote) = (0, 0, false, 0u8);
    while i < b.len() {
        let c = b[i];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if !in_tag {
            in_tag = c == b'<' && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic);
        } else if c == b'>' {
            in_tag = false;
        } else if c == b'"' || c == b'\'' {
            quote = c;
        } else if c == b' ' && b[i + 1..].starts_with(b"id=\"") {
            let value = i + 5;
            let end = memchr::memchr(b'"', &b[value..]).map_or(b.len(), |k| value + k + 1);
            html.push_str(&text.html[from..i]);
            from = end;
            i = end;
            continue;
        }
        i += 1;
    }
    html.push_str(&text.html[from..]);
    Cow::Owned(RichText { html, text: text.text.clone() })
}

#[cfg(test)]
mod faq_tests {
    use super::without_ids;
    use crate::model::RichText;

    #[test]
    fn answers_lose_the_ids_of_their_tags_only() {
        let answer = RichText {
            html: "<p><a id=\"x\"></a>Set id=\"y\" <a title=\"a id=&quot;z\" href=\"#x\" id=\"w\">here</a>.</p>".into(),
            text: "Set id=\"y\" here.".into(),
        };
        assert_eq!(
            without_ids(&answer).html,
            "<p><a></a>Set id=\"y\" <a title=\"a id=&quot;z\" href=\"#x\">here</a>.</p>"
        );
    }
}
