//! Parse: one Markdown file (front matter + body) → a [`Guide`] of the model,
//! plus the diagnostics found on the way. Parsing never fails: a broken
//! guide still yields a guide (possibly empty) so every problem of a site is
//! reported in one run. Runs in parallel, one file per task.

pub mod frontmatter;
pub mod highlight;
pub mod images;
pub mod markdown;
pub mod rawhtml;
pub mod structure;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;
use crate::discover::{CategorySource, Discovery, GuideSource};
use crate::model::{CategoryText, FrontMatter, Guide, ROOT_MARK};
use crate::rules;
use highlight::Highlighter;
use markdown::{Ids, Renderer};

/// What parsing needs to know about the rest of the site.
pub struct ParseContext<'a> {
    pub config: &'a SiteConfig,
    pub discovery: &'a Discovery,
    pub highlighter: &'a Highlighter,
    /// Callout titles per language (note, tip, important, warning, caution).
    pub callout_titles: &'a (dyn Fn(&str) -> [String; 5] + Sync),
    /// Build drafts as well.
    pub drafts: bool,
    /// Guides that are drafts (filled by a first, front-matter-only pass).
    pub draft_sources: &'a HashSet<PathBuf>,
    /// Whether the site schema allows fields beyond FORMAT.md's.
    pub extra_fields: bool,
    /// Dimensions of the site's images.
    pub images: &'a images::ImageSizes,
}

/// Read a file as UTF-8 text, reporting where it is not.
pub fn read_text(path: &Path, rel: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::file(&rules::FILE_UNREADABLE, rel, format!("cannot read file: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let mut d = Diagnostic::file(
            &rules::FILE_UNREADABLE,
            rel,
            format!("file is not valid UTF-8 (first bad byte on line {line}, byte offset {})", valid.len()),
        )
        .with_hint(Some("save the file as UTF-8".into()));
        // Point at the valid text up to the bad byte: there is no source line to show.
        d.span = None;
        d.message = format!("{} ", d.message).trim_end().to_string();
        d
    })
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
        callout_titles: (cx.callout_titles)(lang),
        file: file.to_path_buf(),
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
    }
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
    let split = frontmatter::split(&text, &src.rel, &mut diags);
    let meta = match &split.yaml {
        Some(range) => frontmatter::parse(&text[range.clone()], range.start, &src.rel, cx.extra_fields, &mut diags),
        None => FrontMatter::default(),
    };
    let body_text = &text[split.body_start..];
    let mut r = renderer(cx, &src.rel, &src.lang, text.clone());
    let nodes = markdown::tree(body_text, split.body_start);
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
    let body = structure::build(&nodes, &mut r);
    let plain_text = markdown::plain_text(&nodes);
    r.finish();
    diags.append(&mut r.diagnostics);
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
        links: r.links,
        assets: r.assets,
        plain_text,
    };
    (guide, diags)
}

/// Parse a category's `_index.md`: its title, description, weight and introduction.
pub fn parse_category(src: &CategorySource, cx: &ParseContext<'_>) -> (CategoryText, Option<i64>, Vec<Diagnostic>) {
    let text = match read_text(&src.path, &src.rel) {
        Ok(t) => t.replace(ROOT_MARK, "\u{FFFD}"),
        Err(d) => return (CategoryText::default(), None, vec![d]),
    };
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
                                "a category's `_index.md` takes `title`, `description` and `weight`".into(),
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
    let text: Arc<str> = Arc::from(text);
    let mut r = renderer(cx, &src.rel, &src.lang, text.clone());
    let nodes = markdown::tree(&text[split.body_start..], split.body_start);
    out.intro_html = r.blocks(&nodes).html;
    r.finish();
    diags.append(&mut r.diagnostics);
    (out, weight, diags)
}
