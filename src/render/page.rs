//! The default theme's guide page (`base.html` with `guide.html`,
//! `partials/crumbs.html` and `partials/card.html`), FAQ page (`faq.html`,
//! `partials/qa-tools.html`) and tag pages (`tag.html`) written in Rust.
//! tera spends thousands of instructions on every variable it looks up: a
//! guide page looks up about a hundred, and the FAQ page of a big site
//! hundreds of thousands; this writes the same bytes directly. What is the
//! same on every page of a language is laid out once, in a [`Frame`]. Each
//! page is written here only while the site overrides none of the templates
//! it renders; tests render every guide, FAQ and tag page of the example
//! site and of fixture sites both ways and require the same bytes, so the
//! templates stay the specification.

use std::fmt::Write as _;

use crate::model::ROOT_MARK_STR;
use crate::render::context::{Alternate, FaqGroup, GuideCard, GuideView};
use crate::render::i18n::Strings;

/// The templates a [`Frame`] lays out (with the strings and the fragments,
/// which are rendered by the templates).
pub const FRAME_TEMPLATES: &[&str] = &["base.html", "search-popup.html", "partials/card.html"];

/// Append `s` escaped as tera's `escape_html` escapes it.
pub fn push_esc(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            b'/' => "&#x2F;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// `s` escaped as tera's `escape_html` escapes it.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_esc(&mut out, s);
    out
}

/// The site values a guide page shows (the `site` of the templates).
pub struct SiteValues<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub tags: &'a str,
    pub base_url: Option<&'a str>,
    pub feed: &'a str,
    pub home: &'a str,
    pub faq: &'a str,
    pub search: &'a str,
    pub assets: &'a str,
    pub feedback_endpoint: Option<&'a str>,
}

/// The language fragments (`fragments.*` of the templates).
pub struct Fragments<'a> {
    pub footer: &'a str,
    pub ui_strings: &'a str,
    pub search_popup: &'a str,
}

/// What every guide page of one language shares, laid out once.
pub struct Frame {
    lang: String,
    /// ` | ` and the site title, escaped.
    title_suffix: String,
    base_url: Option<String>,
    /// From the feed link to the end of the theme script in `<head>`.
    head_links: String,
    /// From the page kind in `<body class=…>` to the FAQ link of the header.
    body_rest: String,
    /// `t.language`, escaped.
    language: String,
    /// From the end of the header's links to the end of the header.
    header_end: String,
    /// The breadcrumbs up to their list's first entry.
    crumbs_open: String,
    /// `site.description`, raw.
    description: String,
    /// The FAQ page's heading and lead, and the Q and A marks.
    faq_open: String,
    question_prefix: String,
    answer_prefix: String,
    /// `partials/qa-tools.html`.
    qa_tools: String,
    /// `t.tags`, linked to the tags page, for a tag page's eyebrow.
    tags_eyebrow: String,
    /// `t.published`, `t.updated`, `t.author`, escaped.
    published: String,
    updated: String,
    author: String,
    /// From the end of the date line to the summary's value.
    facts_open: String,
    applies_to: String,
    tags: String,
    /// The table of contents up to its first entry.
    toc_open: String,
    /// The step tools up to the count of steps done.
    tools_open: String,
    /// `t.steps_done`, raw (the count goes in before it is escaped).
    steps_done: String,
    tools_close: String,
    stepbar: String,
    feedback_open: String,
    /// From the end of the `data-page` value to the end of the feedback section.
    feedback_close: String,
    related_open: String,
    steps_count: String,
    /// `t.translation_outdated`, escaped; `t.translation_original`, raw
    /// (the language name goes in before it is escaped).
    translation_outdated: String,
    translation_original_raw: String,
    pager_open: String,
    prev_label: String,
    next_label: String,
    /// From `</main>` to the end.
    tail: String,
}

impl Frame {
    pub fn new(lang: &str, t: &Strings, site: &SiteValues, fragments: &Fragments) -> Frame {
        let e = |key: &str| esc(t.get(key));
        let base_url = site.base_url.filter(|b| !b.is_empty()).map(str::to_string);
        let site_title = esc(site.title);
        let assets = site.assets;
        let head_links = format!(
            "\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{site_title}\" href=\"{feed}\">\n\
             <link rel=\"icon\" href=\"{assets}favicon.svg\" type=\"image/svg+xml\">\n\
             <link rel=\"stylesheet\" href=\"{assets}tebiki.css\">\n\
             <link rel=\"stylesheet\" href=\"{assets}search.css\">\n\
             <script>document.documentElement.classList.add(\"js\");try{{var m=localStorage.getItem(\"tebiki-theme\");if(m===\"dark\"||m===\"light\")document.documentElement.setAttribute(\"data-theme\",m)}}catch(e){{}}</script>\n",
            feed = site.feed
        );
        let lang_e = esc(lang);
        let body_rest = format!(
            "\" data-root=\"{ROOT_MARK_STR}\" data-lang=\"{lang_e}\">\n\
             <a class=\"skip-link\" href=\"#main\">{skip}</a>\n\
             <header class=\"site-header\">\n  <div class=\"header-inner\">\n    \
             <a class=\"brand\" href=\"{home}\"><span class=\"brand-mark\" aria-hidden=\"true\">?</span><span class=\"brand-name\">{site_title}</span></a>\n    \
             <form class=\"search-form\" role=\"search\" action=\"{search}\" method=\"get\">\n      \
             <label class=\"visually-hidden\" for=\"search-input\">{search_label}</label>\n      \
             <input id=\"search-input\" class=\"search-input\" type=\"search\" name=\"q\" placeholder=\"{placeholder}\" autocomplete=\"off\" spellcheck=\"false\">\n      \
             <button class=\"search-button\" type=\"submit\">{button}</button>{popup}\n    </form>\n    \
             <nav class=\"header-links\" aria-label=\"{menu}\">\n      <a href=\"{faq}\">{faq_label}</a>",
            skip = e("skip_to_content"),
            home = site.home,
            search = site.search,
            search_label = e("search_label"),
            placeholder = e("search_placeholder"),
            button = e("search_button"),
            popup = fragments.search_popup,
            menu = e("menu"),
            faq = site.faq,
            faq_label = e("faq"),
        );
        let header_end = format!(
            "\n    </nav>\n    \
             <button class=\"theme-toggle js-only\" type=\"button\" aria-pressed=\"false\" title=\"{dark}\"><span class=\"icon icon-moon\" aria-hidden=\"true\"></span><span class=\"icon icon-sun\" aria-hidden=\"true\"></span><span class=\"visually-hidden\">{dark}</span></button>\n  \
             </div>\n</header>\n",
            dark = e("theme_dark"),
        );
        let crumbs_open =
            format!("<div class=\"crumb-bar\">\n<nav class=\"breadcrumbs\" aria-label=\"{}\"><ol>", e("breadcrumb"));
        let faq_open = format!(
            "\n<header class=\"list-header\">\n<h1>{}</h1>\n<p class=\"lead\">{}</p>\n</header>",
            e("faq"),
            e("faq_intro")
        );
        let qa_tools = format!(
            "\n<div class=\"qa-tools js-only\"><button type=\"button\" class=\"btn btn-quiet qa-toggle-all\" aria-expanded=\"false\"><span class=\"icon icon-down\" aria-hidden=\"true\"></span><span class=\"qa-toggle-label\">{}</span></button></div>\n",
            e("expand_all")
        );
        let tags_eyebrow = format!("<a href=\"{}\">{}</a>", site.tags, e("tags"));
        let facts_open = format!(
            "\n</div>\n<dl class=\"guide-facts\">\n<div class=\"fact fact-summary\"><dt>{}</dt><dd>",
            e("summary")
        );
        let toc_open =
            format!("\n<nav class=\"toc\" aria-labelledby=\"toc-title\">\n<h2 id=\"toc-title\" class=\"toc-title\">{}</h2>\n<ol>", e("contents"));
        let tools_open = format!(
            "\n<div class=\"guide-tools js-only\">\n\
             <button type=\"button\" class=\"btn step-mode-toggle\" aria-pressed=\"false\" aria-describedby=\"step-mode-hint\"><span class=\"switch\" aria-hidden=\"true\"></span>{}</button>\n\
             <span id=\"step-mode-hint\" class=\"guide-tools-hint\">{}</span>\n\
             <span class=\"steps-status\"><span class=\"steps-done-count\">",
            e("step_mode"),
            e("step_mode_hint")
        );
        let tools_close = format!(
            "</span>\n<button type=\"button\" class=\"btn btn-quiet steps-reset\">{}</button></span>\n</div>",
            e("steps_reset")
        );
        let stepbar = format!(
            "\n<div class=\"stepbar js-only\" role=\"group\" aria-label=\"{}\">\n\
             <button type=\"button\" class=\"btn step-prev\"><span class=\"icon icon-left\" aria-hidden=\"true\"></span>{}</button>\n\
             <p class=\"step-progress\"><span class=\"step-progress-text\" aria-live=\"polite\"></span><span class=\"step-progress-bar\" aria-hidden=\"true\"><span></span></span></p>\n\
             <button type=\"button\" class=\"btn btn-primary step-next\"><span class=\"step-next-label\">{}</span><span class=\"icon icon-right\" aria-hidden=\"true\"></span></button>\n\
             </div>",
            e("step_nav"),
            e("step_prev"),
            e("step_next")
        );
        let endpoint = match site.feedback_endpoint.filter(|s| !s.is_empty()) {
            Some(u) => format!(" data-endpoint=\"{}\"", esc(u)),
            None => String::new(),
        };
        let feedback_close = format!(
            "\"{endpoint}>\n<h2 id=\"feedback-title\" class=\"feedback-title\">{}</h2>\n\
             <div class=\"feedback-buttons\">\n\
             <button type=\"button\" class=\"btn feedback-vote\" data-helpful=\"yes\" aria-pressed=\"false\"><span class=\"icon icon-up-thumb\" aria-hidden=\"true\"></span>{}</button>\n\
             <button type=\"button\" class=\"btn feedback-vote\" data-helpful=\"no\" aria-pressed=\"false\"><span class=\"icon icon-down-thumb\" aria-hidden=\"true\"></span>{}</button>\n\
             </div>\n<p class=\"feedback-status\" role=\"status\"></p>\n</section>",
            e("feedback_question"),
            e("feedback_yes"),
            e("feedback_no")
        );
        let related_open = format!(
            "\n<section class=\"related\" aria-labelledby=\"related-title\">\n<h2 id=\"related-title\">{}</h2>\n<ul class=\"cards\">",
            e("related")
        );
        let tail = format!(
            "\n</main>\n{}\n{}\n<script src=\"{assets}tebiki.js\" defer></script>\n<script src=\"{assets}search.js\" defer></script>\n\n</body>\n</html>\n",
            fragments.footer, fragments.ui_strings
        );
        Frame {
            lang: lang.to_string(),
            title_suffix: format!(" | {site_title}"),
            base_url,
            head_links,
            body_rest,
            language: e("language"),
            header_end,
            crumbs_open,
            description: site.description.to_string(),
            faq_open,
            question_prefix: e("question_prefix"),
            answer_prefix: e("answer_prefix"),
            qa_tools,
            tags_eyebrow,
            published: e("published"),
            updated: e("updated"),
            author: e("author"),
            facts_open,
            applies_to: e("applies_to"),
            tags: e("tags"),
            toc_open,
            tools_open,
            steps_done: t.get("steps_done").to_string(),
            tools_close,
            stepbar,
            feedback_open: "\n<section class=\"feedback js-only\" aria-labelledby=\"feedback-title\" data-page=\""
                .into(),
            feedback_close,
            related_open,
            steps_count: e("steps_count"),
            translation_outdated: e("translation_outdated"),
            translation_original_raw: t.get("translation_original").to_string(),
            pager_open: format!("\n<nav class=\"pager\" aria-label=\"{}\">", e("guides")),
            prev_label: e("prev_guide"),
            next_label: e("next_guide"),
            tail,
        }
    }
}

/// The page values of a guide page (the `page` of the templates).
pub struct PageValues<'a> {
    /// Output path.
    pub path: &'a str,
    pub canonical: Option<&'a str>,
    pub alternates: &'a [Alternate],
}

/// `base.html` from the start to the end of its `head` block's default
/// (the page's own `<head>` content goes next).
fn head(f: &Frame, page: &PageValues, title: &str, description: &str, o: &mut String) {
    o.push_str("<!DOCTYPE html>\n<html lang=\"");
    push_esc(o, &f.lang);
    o.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    push_esc(o, title);
    o.push_str(&f.title_suffix);
    o.push_str("</title>\n<meta name=\"description\" content=\"");
    push_esc(o, description);
    o.push_str("\">");
    if let Some(c) = page.canonical.filter(|c| !c.is_empty()) {
        o.push_str("\n<link rel=\"canonical\" href=\"");
        o.push_str(c);
        o.push_str("\">");
    }
    if let Some(base) = &f.base_url {
        if page.alternates.iter().filter(|a| a.available).count() > 1 {
            for alt in page.alternates.iter().filter(|a| a.available) {
                o.push_str("\n<link rel=\"alternate\" hreflang=\"");
                push_esc(o, &alt.lang);
                o.push_str("\" href=\"");
                o.push_str(base);
                o.push_str(&alt.url.replace(ROOT_MARK_STR, ""));
                o.push_str("\">");
            }
        }
    }
    o.push_str(&f.head_links);
}

/// `base.html` from `</head>` to the end of the site header.
fn header(f: &Frame, page: &PageValues, kind: &str, o: &mut String) {
    o.push_str("\n</head>\n<body class=\"page-");
    push_esc(o, kind);
    o.push_str(&f.body_rest);
    if page.alternates.len() > 1 {
        o.push_str("\n      <span class=\"lang-switch\" role=\"group\" aria-label=\"");
        o.push_str(&f.language);
        o.push_str("\">");
        for alt in page.alternates {
            if alt.current {
                o.push_str("<span class=\"lang current\" aria-current=\"true\" lang=\"");
                push_esc(o, &alt.lang);
                o.push_str("\">");
                push_esc(o, &alt.name);
                o.push_str("</span>");
            } else {
                o.push_str(if alt.available {
                    "<a class=\"lang\" href=\""
                } else {
                    "<a class=\"lang missing\" href=\""
                });
                o.push_str(&alt.url);
                o.push_str("\" hreflang=\"");
                push_esc(o, &alt.lang);
                o.push_str("\" lang=\"");
                push_esc(o, &alt.lang);
                if !alt.available {
                    o.push_str("\" title=\"");
                    push_esc(o, &alt.note);
                }
                o.push_str("\">");
                push_esc(o, &alt.name);
                o.push_str("</a>");
            }
        }
        o.push_str("\n      </span>");
    }
    o.push_str(&f.header_end);
}

/// A guide page as `guide.html` renders it, before URLs are made relative.
/// `view` must hold the laid-out blocks (`intro_html`, `body_html`).
pub fn guide(f: &Frame, page: &PageValues, g: &GuideView) -> String {
    let mut o = String::with_capacity(
        16 * 1024
            + g.intro_html.as_ref().map_or(0, String::len)
            + g.body_html.as_ref().map_or(0, String::len)
            + g.jsonld.iter().map(String::len).sum::<usize>(),
    );
    head(f, page, g.title, g.summary, &mut o);
    for doc in &g.jsonld {
        o.push_str("\n<script type=\"application/ld+json\">");
        o.push_str(doc);
        o.push_str("</script>");
    }
    o.push('\n');
    header(f, page, "guide", &mut o);
    o.push_str(&f.crumbs_open);
    for c in &g.breadcrumbs {
        o.push_str("<li><a href=\"");
        o.push_str(&c.url);
        o.push_str("\">");
        push_esc(&mut o, &c.title);
        o.push_str("</a></li>");
    }
    o.push_str("\n</ol></nav>\n</div>\n<main id=\"main\" class=\"main\" tabindex=\"-1\">\n\n<div class=\"guide-layout\">\n<article class=\"guide\" data-guide=\"");
    o.push_str(&g.url);
    let _ =
        write!(o, "\" data-steps=\"{}\">\n<header class=\"guide-header\">\n<h1 class=\"guide-title\">", g.step_count);
    push_esc(&mut o, g.title);
    o.push_str("</h1>\n<div class=\"guide-meta\">");
    for (label, date) in [(&f.published, &g.published), (&f.updated, &g.updated)] {
        if let Some(d) = date {
            o.push_str("<span>");
            o.push_str(label);
            o.push_str(": <time datetime=\"");
            push_esc(&mut o, &d.iso);
            o.push_str("\">");
            push_esc(&mut o, &d.text);
            o.push_str("</time></span>");
        }
    }
    if let Some(a) = g.author.filter(|a| !a.is_empty()) {
        o.push_str("<span>");
        o.push_str(&f.author);
        o.push_str(": ");
        push_esc(&mut o, a);
        o.push_str("</span>");
    }
    o.push_str(&f.facts_open);
    push_esc(&mut o, g.summary);
    o.push_str("</dd></div>");
    if !g.applies_to.is_empty() {
        o.push_str("\n<div class=\"fact fact-applies\"><dt>");
        o.push_str(&f.applies_to);
        o.push_str("</dt><dd>");
        for a in g.applies_to {
            o.push_str("<span class=\"badge\">");
            push_esc(&mut o, a);
            o.push_str("</span>");
        }
        o.push_str("</dd></div>");
    }
    if !g.tags.is_empty() {
        o.push_str("\n<div class=\"fact fact-tags\"><dt>");
        o.push_str(&f.tags);
        o.push_str("</dt><dd>");
        for t in &g.tags {
            o.push_str("<a class=\"tag\" href=\"");
            o.push_str(&t.url);
            o.push_str("\">");
            push_esc(&mut o, &t.name);
            o.push_str("</a>");
        }
        o.push_str("</dd></div>");
    }
    o.push_str("\n</dl>\n</header>");
    if let Some(n) = &g.outdated {
        o.push_str("\n<aside class=\"notice notice-outdated\"><p>");
        o.push_str(&f.translation_outdated);
        o.push_str(" <a href=\"");
        o.push_str(&n.url);
        o.push_str("\" hreflang=\"");
        push_esc(&mut o, &n.lang);
        o.push_str("\">");
        push_esc(&mut o, &f.translation_original_raw.replace("{lang}", &n.lang_name));
        o.push_str("</a></p></aside>");
    }
    if g.toc.len() > 1 {
        o.push_str(&f.toc_open);
        for e in &g.toc {
            let _ = write!(o, "<li class=\"toc-{} toc-level-{}\"><a href=\"#", e.kind, e.level);
            push_esc(&mut o, &e.id);
            o.push_str("\">");
            push_esc(&mut o, &e.title);
            o.push_str("</a></li>");
        }
        o.push_str("\n</ol>\n</nav>");
    }
    if g.step_count > 0 {
        o.push_str(&f.tools_open);
        let done = f.steps_done.replace("{n}", "0").replace("{total}", &g.step_count.to_string());
        push_esc(&mut o, &done);
        o.push_str(&f.tools_close);
    }
    o.push_str("\n<div class=\"guide-body\">\n");
    o.push_str(g.intro_html.as_deref().unwrap_or_default());
    o.push('\n');
    o.push_str(g.body_html.as_deref().unwrap_or_default());
    o.push_str("\n</div>");
    if g.step_count > 0 {
        o.push_str(&f.stepbar);
    }
    o.push_str(&f.feedback_open);
    push_esc(&mut o, page.path);
    o.push_str(&f.feedback_close);
    if !g.related.is_empty() {
        o.push_str(&f.related_open);
        for c in &g.related {
            card(f, c, &mut o);
        }
        o.push_str("</ul>\n</section>");
    }
    if g.prev.is_some() || g.next.is_some() {
        o.push_str(&f.pager_open);
        for (link, class, rel, label) in
            [(&g.prev, "pager-prev", "prev", &f.prev_label), (&g.next, "pager-next", "next", &f.next_label)]
        {
            if let Some(l) = link {
                let _ = write!(
                    o,
                    "<a class=\"{class}\" rel=\"{rel}\" href=\"{}\"><span class=\"pager-label\">{label}</span>",
                    l.url
                );
                push_esc(&mut o, &l.title);
                o.push_str("</a>");
            }
        }
        o.push_str("\n</nav>");
    }
    o.push_str("\n</article>\n</div>\n");
    o.push_str(&f.tail);
    o
}

/// A page of `base.html` whose `main` block is written by `main` (`title`
/// is the page's, before ` | ` and the site title).
fn list_page(
    f: &Frame,
    page: &PageValues,
    kind: &str,
    title: &str,
    size: usize,
    main: impl FnOnce(&mut String),
) -> String {
    let mut o = String::with_capacity(12 * 1024 + size);
    head(f, page, title, &f.description, &mut o);
    header(f, page, kind, &mut o);
    o.push_str("\n<main id=\"main\" class=\"main\" tabindex=\"-1\">\n");
    main(&mut o);
    o.push_str(&f.tail);
    o
}

/// The FAQ page as `faq.html` renders it, before URLs are made relative.
pub fn faq(f: &Frame, page: &PageValues, title: &str, groups: &[FaqGroup]) -> String {
    let size =
        groups.iter().flat_map(|g| &g.questions).map(|q| q.question.html.len() + q.answer.html.len() + 600).sum();
    list_page(f, page, "faq", title, size, |o| {
        o.push_str(&f.faq_open);
        if !groups.is_empty() {
            o.push('\n');
            o.push_str(&f.qa_tools);
        }
        for (i, g) in groups.iter().enumerate() {
            let n = i + 1;
            let _ =
                write!(o, "\n<section class=\"faq-group\" aria-labelledby=\"faq-{n}\">\n<h2 id=\"faq-{n}\"><a href=\"");
            o.push_str(&g.guide.url);
            o.push_str("\">");
            push_esc(o, &g.guide.title);
            o.push_str("</a>");
            if let Some(c) = g.category.as_deref().filter(|c| !c.is_empty()) {
                o.push_str(" <span class=\"faq-category\">");
                push_esc(o, c);
                o.push_str("</span>");
            }
            o.push_str("</h2>");
            for q in &g.questions {
                let _ = write!(o, "\n<details class=\"qa\" id=\"q{n}-");
                push_esc(o, q.id);
                o.push_str("\">\n<summary><h3 class=\"qa-question\"><span class=\"qa-mark\" aria-hidden=\"true\">");
                o.push_str(&f.question_prefix);
                o.push_str("</span>");
                o.push_str(&q.question.html);
                o.push_str("</h3></summary>\n<div class=\"qa-answer\"><span class=\"qa-mark qa-mark-answer\" aria-hidden=\"true\">");
                o.push_str(&f.answer_prefix);
                o.push_str("</span><div class=\"qa-answer-body\">");
                o.push_str(&q.answer.html);
                o.push_str("<p class=\"qa-source\"><a href=\"");
                o.push_str(&q.url);
                o.push_str("\">");
                push_esc(o, &g.guide.title);
                o.push_str("</a></p></div></div>\n</details>");
            }
            o.push_str("\n</section>");
        }
        o.push('\n');
    })
}

/// A tag's page as `tag.html` renders it, before URLs are made relative.
pub fn tag(f: &Frame, page: &PageValues, tag: &str, cards: &[GuideCard]) -> String {
    list_page(f, page, "tag", tag, cards.len() * 400, |o| {
        o.push_str("\n<header class=\"list-header\">\n<p class=\"eyebrow\">");
        o.push_str(&f.tags_eyebrow);
        o.push_str("</p>\n<h1>");
        push_esc(o, tag);
        o.push_str("</h1>\n</header>\n<ul class=\"cards\">");
        for c in cards {
            card(f, c, o);
        }
        o.push_str("</ul>\n");
    })
}

/// `partials/card.html`.
fn card(f: &Frame, g: &GuideCard, o: &mut String) {
    o.push_str("\n<li class=\"card\">\n<a class=\"card-link\" href=\"");
    o.push_str(&g.url);
    o.push('"');
    if let Some(l) = g.lang {
        o.push_str(" hreflang=\"");
        push_esc(o, l);
        o.push_str("\" lang=\"");
        push_esc(o, l);
        o.push('"');
    }
    o.push('>');
    push_esc(o, g.title);
    o.push_str("</a>\n<p class=\"card-summary\"");
    if let Some(l) = g.lang {
        o.push_str(" lang=\"");
        push_esc(o, l);
        o.push('"');
    }
    o.push('>');
    push_esc(o, g.summary);
    o.push_str("</p>\n<p class=\"card-meta\">");
    if let Some(only) = &g.only_in {
        o.push_str("<span class=\"badge badge-lang\">");
        push_esc(o, only);
        o.push_str("</span>");
    }
    for a in g.applies_to {
        o.push_str("<span class=\"badge\">");
        push_esc(o, a);
        o.push_str("</span>");
    }
    if g.steps > 0 {
        let _ = write!(o, "<span class=\"meta-item\">{} {}</span>", g.steps, f.steps_count);
    }
    if let Some(d) = &g.date {
        o.push_str("<time class=\"meta-item\" datetime=\"");
        push_esc(o, &d.iso);
        o.push_str("\">");
        push_esc(o, &d.text);
        o.push_str("</time>");
    }
    o.push_str("\n</p>\n</li>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_tera_does() {
        for s in ["", "plain", "</script> & \"q\" 'a' a/b <>", "日本語&", "&&", "末尾/"] {
            let mut out = String::new();
            push_esc(&mut out, s);
            assert_eq!(out, tera::escape_html(s), "{s}");
        }
    }
}
