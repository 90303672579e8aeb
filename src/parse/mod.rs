//! Parse: one Markdown file (front matter + body) → a [`Guide`] of the model,
//! plus the diagnostics found on the way. Parsing never fails: a broken
//! guide still yields a guide (possibly empty) so every problem of a site is
//! reported in one run. Runs in parallel, one file per task.

pub mod cjk;
pub mod dialect;
pub mod flow;
pub mod frontmatter;
pub mod highlight;
pub mod images;
pub mod include;
pub mod markdown;
pub mod marks;
pub mod rawhtml;
pub mod structure;
pub mod summary;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;
use crate::discover::{CategorySource, Discovery, GuideSource};
use crate::model::{Block, CategoryText, Guide, Heading, HelpId, ROOT_MARK};
use crate::rules;
use highlight::Highlighter;
use markdown::{Ids, Renderer};

/// What parsing needs to know about the rest of the site.
pub struct ParseContext<'a> {
    pub config: &'a SiteConfig,
    pub discovery: &'a Discovery,
    pub highlighter: &'a Highlighter,
    /// The UI strings parsing writes into the model, per language
    /// ([`markdown::PARSE_STRING_KEYS`]: callout titles, footnotes).
    pub strings: &'a (dyn Fn(&str) -> markdown::ParseStrings + Sync),
    /// Build drafts as well.
    pub drafts: bool,
    /// Guides that are drafts (filled by a first, front-matter-only pass).
    pub draft_sources: &'a HashSet<PathBuf>,
    /// The site's front-matter schema.
    pub schema: &'a crate::schema::FrontMatterSchema,
    /// Dimensions of the site's images.
    pub images: &'a images::ImageSizes,
    /// Dates for guides whose front matter has none (git history, file times).
    pub dates: &'a crate::history::FileDates,
    /// Render HTML into the model. `tebiki check` turns it off: the model
    /// then has its structure, text, spans and links but no HTML, and the
    /// diagnostics are the same.
    pub html: bool,
    /// Where the texts of included files come from.
    pub includes: &'a dyn include::IncludeSource,
}

/// Read a file as UTF-8 text, reporting where it is not.
pub fn read_text(path: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::file(&rules::FILE_UNREADABLE, rel, format!("cannot read file: {e}")))?;
    String::from_utf8(bytes).map_err(|e| not_utf8(e.as_bytes(), e.utf8_error().valid_up_to(), rel))
}

/// A file's bytes as UTF-8 text, or a diagnostic naming the line of the first bad byte.
pub fn decode_text(bytes: &[u8], rel: &Path) -> Result<String, Diagnostic> {
    std::str::from_utf8(bytes).map(str::to_string).map_err(|e| not_utf8(bytes, e.valid_up_to(), rel))
}

/// The diagnostic for `bytes` that are not UTF-8 from offset `at` on.
fn not_utf8(bytes: &[u8], at: usize, rel: &Path) -> Diagnostic {
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    // The span is the first bad byte: the report reads the file lossily,
    // where everything before it is unchanged, so line and column are right.
    Diagnostic::new(
        &rules::FILE_UNREADABLE,
        rel,
        at..at + 1,
        format!("file is not valid UTF-8 (first bad byte on line {line}, byte offset {at})"),
    )
    .with_hint(Some("save the file as UTF-8 (Shift_JIS and other encodings are not read)".into()))
}

/// Whether a guide file says `draft: true` (a quick look, no diagnostics).
pub fn is_draft(text: &str) -> bool {
    let mut sink = Vec::new();
    let split = frontmatter::split(text, Path::new(""), &mut sink);
    split.yaml.is_some_and(|y| {
        text[y].lines().any(|l| {
            let l = l.trim_end();
            l.starts_with("draft:") && l["draft:".len()..].trim() == "true"
        })
    })
}

fn renderer<'c>(cx: &'c ParseContext<'c>, file: &Path, lang: &str, source: Arc<str>) -> Renderer<'c> {
    Renderer {
        config: cx.config,
        discovery: cx.discovery,
        highlighter: cx.highlighter,
        strings: (cx.strings)(lang),
        file: file.to_path_buf(),
        dir: crate::discover::slash_path(file.parent().unwrap_or(Path::new(""))),
        source,
        lang: lang.to_string(),
        drafts: cx.drafts,
        ids: Ids::default(),
        diagnostics: Vec::new(),
        links: Vec::new(),
        assets: Vec::new(),
        draft_sources: cx.draft_sources,
        images: cx.images,
        raw_html_seen: Default::default(),
        html: cx.html,
        images_shown: 0,
        raw_anchors: Default::default(),
        closed_elements: Default::default(),
        containers: Vec::new(),
        footnotes: Default::default(),
        included: Vec::new(),
        help_ids: Vec::new(),
        step_help_ids: Vec::new(),
    }
}

/// A body read for parsing: normalised ([`dialect`]), includes spliced,
/// front-matter references written (`field`), with its containers moved to
/// file offsets (`base`: where the body starts in its file). The third
/// value is the text the parse's spans index: the file's text, followed by
/// the included files' when there are any.
fn normalized_body<'t, 'a>(
    text: &'t Arc<str>,
    base: usize,
    file: &Path,
    cx: &ParseContext<'a>,
    field: &dyn Fn(&str) -> Option<String>,
) -> (dialect::Normalized<'t>, Vec<dialect::Container>, Arc<str>, include::IncludeCx<'a>) {
    // `/…` and `~/…` in an include start at the content folder (`content:`).
    let content = if cx.config.content == "." { "" } else { cx.config.content.as_str() };
    let mut inc = include::IncludeCx::new(cx.includes, file, Path::new(content), &cx.discovery.fragments);
    inc.snippet_paths = cx.config.includes.snippet_paths.iter().map(PathBuf::from).collect();
    inc.guide_len = text.len();
    inc.body_start = base;
    let mut n = dialect::normalize_with(&text[base..], Some(&mut inc), field);
    let containers =
        std::mem::take(&mut n.containers).into_iter().map(|c| dialect::Container { at: c.at + base, ..c }).collect();
    let source = if inc.extra.is_empty() {
        text.clone()
    } else {
        let mut all = String::with_capacity(text.len() + inc.extra.len());
        all.push_str(text);
        all.push_str(&inc.extra);
        Arc::from(all)
    };
    (n, containers, source, inc)
}

/// Text compared as the same title: case, width and whitespace do not
/// count (`Ｗｉｎｄｏｗｓ の 設定` = `windows の設定`).
pub fn title_key(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfkc().flat_map(char::to_lowercase).filter(|c| !c.is_whitespace()).collect()
}

/// Parse one guide.
pub fn parse_guide(src: &GuideSource, cx: &ParseContext<'_>) -> (Option<Guide>, Vec<Diagnostic>) {
    let text = match read_text(&src.path, &src.rel) {
        Ok(t) => t,
        Err(d) => return (None, vec![d]),
    };
    let (guide, diags) = parse_guide_text(src, &text, cx);
    (Some(guide), diags)
}

/// Parse a guide from its text (the file's whole contents).
pub fn parse_guide_text(src: &GuideSource, text: &str, cx: &ParseContext<'_>) -> (Guide, Vec<Diagnostic>) {
    // The root marker may not occur in guide text; U+FFFD has the same UTF-8 length.
    let text: Arc<str> =
        if text.contains(ROOT_MARK) { Arc::from(text.replace(ROOT_MARK, "\u{FFFD}")) } else { Arc::from(text) };
    let mut diags = Vec::new();
    let split = frontmatter::split_in(&text, &src.rel, &src.lang, &mut diags);
    let without_front_matter = split.yaml.is_none() && diags.iter().any(|d| d.rule == &rules::FRONT_MATTER_MISSING);
    // `{{ $frontmatter.title }}` and the like: the field's text as written.
    let fields = split.yaml.as_ref().and_then(|y| crate::yaml::load(&text[y.clone()], 0).ok());
    let field = |name: &str| {
        let v = fields.as_ref()?.value.as_object()?.get(name)?;
        Some(v.as_str().map_or_else(|| v.to_string(), str::to_string))
    };
    let (normalized, containers, source, inc) = normalized_body(&text, split.body_start, &src.rel, cx, &field);
    let mut r = renderer(cx, &src.rel, &src.lang, source.clone());
    r.containers = containers;
    r.included = inc.files.clone();
    diags.extend(inc.diagnostics);
    for &at in &normalized.unclosed {
        let at = split.body_start + at;
        let end = at + text[at..].find('\n').unwrap_or(text.len() - at);
        diags.push(
            Diagnostic::new(
                &rules::CONTAINER_UNCLOSED,
                &src.rel,
                at..end,
                "this `:::` container is not closed; it runs to the end of the page",
            )
            .with_hint(Some("end it with a line of as many colons: `:::`".into())),
        );
    }
    let (mut nodes, too_deep) = markdown::tree_checked(&normalized.text, split.body_start, &normalized.map);
    r.closed_elements = rawhtml::closed_names(&nodes);
    let footnote_defs = markdown::take_footnotes(&normalized.text, &mut nodes);
    r.footnotes.labels = footnote_defs.iter().map(|(l, _)| l.clone()).collect();
    r.footnotes.given = vec![None; footnote_defs.len()];
    // The title: the front matter's, else the body's first `#` heading.
    let first_h1 = nodes.iter().find(|n| n.heading_level() == Some(1));
    let h1_title = first_h1.map(|n| markdown::plain_text(&n.children)).filter(|t| !t.is_empty());
    // Plain Markdown (a wiki page, an MkDocs article) needs no front matter
    // when its `#` heading gives the title: the rest is derived.
    if without_front_matter && h1_title.is_some() {
        diags.retain(|d| d.rule != &rules::FRONT_MATTER_MISSING);
    }
    let mut meta = frontmatter::parse(&text, &split, &src.rel, cx.schema, &src.lang, h1_title.as_deref(), &mut diags);
    cx.dates.fill(&src.rel, &src.path, &mut meta);
    if let Some(span) = too_deep {
        let end = span.start + source.get(span.clone()).and_then(|t| t.find('\n')).unwrap_or(span.len());
        diags.push(
            Diagnostic::new(
                &rules::NESTING_TOO_DEEP,
                &src.rel,
                span.start..end,
                format!("Markdown nested more than {} levels deep; deeper levels are flattened", markdown::MAX_NESTING),
            )
            .with_hint(Some("split the quote or list into flatter parts".into())),
        );
    }
    if nodes.is_empty() {
        diags.push(
            Diagnostic::new(
                &rules::EMPTY_GUIDE,
                &src.rel,
                split.body_start..split.body_start,
                "guide has no content below its front matter",
            )
            .with_hint(Some("write the steps of the guide below the closing `---`".into())),
        );
    }
    let headings = nodes
        .iter()
        .filter_map(|n| {
            let level = n.heading_level()?;
            // Without the line end, so the span is the heading's line.
            let end = n.span.start + source.get(n.span.clone()).map_or(0, |t| t.trim_end().len());
            Some(Heading { level, text: markdown::plain_text(&n.children), span: n.span.start..end })
        })
        .collect();
    if meta.summary.is_empty() {
        meta.summary = summary::first_paragraph(&nodes).map(|p| summary::derive(&p)).unwrap_or_default();
        diags.push(
            Diagnostic::new(
                &rules::SUMMARY_MISSING,
                &src.rel,
                split.open.clone(),
                "guide has no `summary`; its first paragraph is used",
            )
            .with_hint(Some(format!(
                "add `summary: {}` to the front matter",
                if src.lang == "ja" {
                    "この手順でできることを一文で。"
                } else {
                    "What this guide helps the reader do."
                }
            ))),
        );
    }
    // A body whose first heading is the title as `#` does not show it again
    // (its id still counts, so links to it land at the top of the page).
    let first_heading = nodes.iter().position(|n| n.heading_level().is_some());
    if let Some(i) = first_heading.filter(|&i| {
        nodes[i].heading_level() == Some(1)
            && (meta.title_from_heading
                || title_key(&markdown::plain_text(&nodes[i].children)) == title_key(&meta.title))
    }) {
        r.heading_id(&nodes[i]);
        nodes.remove(i);
    }
    let mut body = structure::build(&nodes, &mut r);
    if let Some(notes) = r.footnotes(&footnote_defs) {
        body.body.push(Block::Footnotes(notes));
    }
    r.finish();
    diags.append(&mut r.diagnostics);
    let includes = std::mem::take(&mut r.included);
    // In source order: the guide's own (front matter) first.
    let mut help_ids: Vec<HelpId> = meta
        .help_ids
        .iter()
        .map(|(id, span)| HelpId { id: id.clone(), anchor: None, span: span.clone(), line: 0 })
        .chain(std::mem::take(&mut r.help_ids))
        .map(|mut h| {
            h.line = match crate::model::included_at(&includes, h.span.start) {
                Some((_, f)) => crate::source::line_of(&source[f.base..f.base + f.len], h.span.start - f.base),
                None => crate::source::line_of(&text, h.span.start),
            };
            h
        })
        .collect();
    help_ids.sort_by_key(|h| h.span.start);
    let guide = Guide {
        source: src.rel.clone(),
        lang: src.lang.clone(),
        slug: src.slug.clone(),
        category: src.category.clone(),
        key: if src.category.is_empty() { src.slug.clone() } else { format!("{}/{}", src.category, src.slug) },
        url: src.url.clone(),
        meta,
        intro: body.intro,
        body: body.body,
        anchors: r.ids.order,
        anchor_spans: r.ids.spans,
        links: r.links,
        assets: r.assets,
        headings,
        includes,
        help_ids,
    };
    for d in &mut diags {
        guide.relocate(d);
    }
    (guide, diags)
}

/// Parse a category's `_index.md`: its title, description, weight and introduction.
pub fn parse_category(src: &CategorySource, cx: &ParseContext<'_>) -> (CategoryText, Option<i64>, Vec<Diagnostic>) {
    match read_text(&src.path, &src.rel) {
        Ok(t) => parse_category_text(src, &t, cx),
        Err(d) => (CategoryText::default(), None, vec![d]),
    }
}

/// Parse a category's `_index.md` from its text (the file's whole contents).
pub fn parse_category_text(
    src: &CategorySource,
    text: &str,
    cx: &ParseContext<'_>,
) -> (CategoryText, Option<i64>, Vec<Diagnostic>) {
    let text = text.replace(ROOT_MARK, "\u{FFFD}");
    let mut diags = Vec::new();
    let mut sink = Vec::new();
    let split = frontmatter::split(&text, &src.rel, &mut sink);
    let mut out = CategoryText { source: Some(src.rel.clone()), ..Default::default() };
    let mut weight = None;
    if let Some(range) = &split.yaml {
        match serde_yaml::from_str::<serde_yaml::Value>(&text[range.clone()]) {
            Ok(serde_yaml::Value::Mapping(map)) => {
                for (k, v) in map {
                    let key = k.as_str().unwrap_or_default().to_string();
                    let span = crate::source::key_span(&text[range.clone()], range.start, &key)
                        .unwrap_or(range.start..range.start);
                    match (key.as_str(), &v) {
                        ("title", serde_yaml::Value::String(s)) => out.title = s.trim().to_string(),
                        ("description", serde_yaml::Value::String(s)) => out.description = s.trim().to_string(),
                        // A landing page (`index.md`) may say it as a guide does.
                        ("summary", serde_yaml::Value::String(s)) if out.description.is_empty() => {
                            out.description = s.trim().to_string()
                        }
                        // Fields of a guide's front matter say nothing about the category.
                        (k, _) if cx.schema.fields.iter().any(|f| f == k) && !matches!(k, "title" | "weight") => {}
                        _ if cx.config.front_matter.unknown == crate::config::UnknownFields::Ignore => {}
                        ("weight", v) if v.as_i64().is_some() => weight = v.as_i64(),
                        ("title" | "description" | "weight", _) => {
                            diags.push(Diagnostic::new(
                                &rules::SCHEMA,
                                &src.rel,
                                span,
                                format!("`{key}` has the wrong type"),
                            ));
                        }
                        _ => diags.push(
                            Diagnostic::new(
                                &rules::SCHEMA,
                                &src.rel,
                                span,
                                format!("unknown field `{key}` in a category file"),
                            )
                            .with_hint(Some(
                                "a category's `_index.md` takes `title`, `description` and `weight` (and the fields of a guide, which it does not use)".into(),
                            )),
                        ),
                    }
                }
            }
            Ok(serde_yaml::Value::Null) => {}
            Ok(_) => diags.push(Diagnostic::new(
                &rules::SCHEMA,
                &src.rel,
                range.clone(),
                "front matter must be a mapping of fields",
            )),
            Err(e) => {
                let at = range.start + e.location().map(|l| l.index()).unwrap_or(0);
                diags.push(Diagnostic::new(
                    &rules::FRONT_MATTER_SYNTAX,
                    &src.rel,
                    at..at,
                    format!("invalid YAML: {e}"),
                ));
            }
        }
    }
    // A landing page generated with its file's name as title says nothing
    // (`title: index`): the folder's name is the better title.
    for field in [&mut out.title, &mut out.description] {
        if field.eq_ignore_ascii_case("index") {
            field.clear();
        }
    }
    let text: Arc<str> = Arc::from(text);
    let (normalized, containers, source, inc) = normalized_body(&text, split.body_start, &src.rel, cx, &|_| None);
    let mut r = renderer(cx, &src.rel, &src.lang, source);
    r.containers = containers;
    r.included = inc.files.clone();
    diags.extend(inc.diagnostics);
    let (mut nodes, _) = markdown::tree_checked(&normalized.text, split.body_start, &normalized.map);
    r.closed_elements = rawhtml::closed_names(&nodes);
    let footnote_defs = markdown::take_footnotes(&normalized.text, &mut nodes);
    r.footnotes.labels = footnote_defs.iter().map(|(l, _)| l.clone()).collect();
    r.footnotes.given = vec![None; footnote_defs.len()];
    out.intro_html = r.blocks(&nodes).html;
    if let Some(notes) = r.footnotes(&footnote_defs) {
        if r.html {
            let [.., heading, back] = &r.strings;
            out.intro_html.push_str(&markdown::footnotes_html(&notes, heading, back));
        }
    }
    r.finish();
    out.assets = std::mem::take(&mut r.assets);
    diags.append(&mut r.diagnostics);
    let included = std::mem::take(&mut r.included);
    for d in &mut diags {
        crate::model::relocate(&src.rel, &included, d);
    }
    out.includes = included.into_iter().map(|f| f.rel).collect();
    (out, weight, diags)
}
