//! Hover, go to definition, find references and the document outline.
//!
//! - Hover on a link: the target's title and summary (and the step,
//!   heading or question its anchor names); on a `related` entry: the
//!   same; on an image: its size in pixels and a thumbnail.
//! - Definition: a link or `related` entry opens the target at its
//!   heading or step; an image opens the image file.
//! - References: on a heading, step or question, the links to that
//!   anchor; elsewhere in a guide, every link to the guide and every
//!   `related` entry that lists it.
//! - Symbols: sections, sub-procedures, procedures, steps (with
//!   sub-steps) and questions, nested as on the page.

use std::path::PathBuf;

use lsp_types::{DocumentSymbol, Hover, HoverContents, Location, MarkupContent, MarkupKind, Range, SymbolKind, Url};

use super::context::{anchors, AnchorKind, Ctx};
use super::syntax::images_on_line;
use crate::model::{Block, GuideId, Procedure, Span, StepBlock};
use crate::parse::markdown::NO_PLACE;

/// A link or `related` entry under the cursor: its span, target and anchor.
struct Target {
    span: Span,
    guide: GuideId,
    anchor: Option<String>,
}

/// The link (or `related` entry) of the document's guide at `offset`.
fn target_at(cx: &Ctx<'_>, offset: usize) -> Option<Target> {
    let me = cx.guide?;
    let g = &cx.site.guides[me];
    let contains = |s: &Span| s.start <= offset && offset < s.end.max(s.start + 1);
    if let Some(l) = g.links.iter().find(|l| contains(&l.span)) {
        let guide = cx.guide_by_source(&l.target)?;
        return Some(Target { span: l.span.clone(), guide, anchor: l.anchor.clone() });
    }
    let (span, guide) = cx.site.nav[me].related_entries.iter().find(|(s, _)| contains(s))?;
    Some(Target { span: span.clone(), guide: *guide, anchor: None })
}

/// The image written at `offset`: its whole span and the asset's path.
fn image_at(cx: &Ctx<'_>, offset: usize) -> Option<(Span, PathBuf, usize)> {
    let text = cx.text.as_str();
    let line = cx.text.line_at(offset);
    let (whole, dest) = images_on_line(text, &line).into_iter().find(|(w, _)| w.start <= offset && offset < w.end)?;
    let written = &text[dest];
    let rel = crate::parse::markdown::resolve_written(&cx.dir(), written.split(['?', '#']).next().unwrap_or(written))?;
    let id = cx.inc.discovery().asset_id(&rel)?;
    Some((whole, rel, id))
}

pub fn hover(cx: &Ctx<'_>, offset: usize) -> Option<Hover> {
    let (span, value) = if let Some(t) = target_at(cx, offset) {
        let g = &cx.site.guides[t.guide];
        let mut md = format!("**{}**", g.meta.title);
        if !g.meta.summary.is_empty() {
            md.push_str("\n\n");
            md.push_str(&g.meta.summary);
        }
        if let Some(id) = &t.anchor {
            let text = cx.text_of(&g.source);
            match anchors(g, text.as_str()).into_iter().find(|a| &a.id == id) {
                Some(a) => {
                    let what = match a.kind {
                        AnchorKind::Step => "Step",
                        AnchorKind::Heading => "Section",
                        AnchorKind::Question => "Question",
                    };
                    md.push_str(&format!("\n\n{what} `#{id}`: {}", a.label));
                }
                None => md.push_str(&format!("\n\nno anchor `#{id}` on this page")),
            }
        }
        md.push_str(&format!("\n\n`{}`", crate::discover::slash_path(&g.source)));
        (t.span, md)
    } else {
        let (span, rel, id) = image_at(cx, offset)?;
        let mut md = String::new();
        match cx.inc.images().get(id) {
            Some(Ok(i)) => {
                md.push_str(&format!("{} × {} px", i.width, i.height));
                if let Some(d) = i.density {
                    md.push_str(&format!(" at {d}×"));
                }
            }
            Some(Err(e)) => md.push_str(&format!("not a readable image: {e}")),
            None => md.push_str("not an image"),
        }
        md.push_str(&format!(" · `{}`", crate::discover::slash_path(&rel)));
        if let Ok(uri) = Url::from_file_path(cx.root.join(&rel)) {
            md.push_str(&format!("\n\n![{}]({uri})", rel.file_name().unwrap_or_default().to_string_lossy()));
        }
        (span, md)
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value }),
        range: Some(cx.text.range(&span)),
    })
}

pub fn definition(cx: &Ctx<'_>, offset: usize) -> Option<Location> {
    if let Some(t) = target_at(cx, offset) {
        return cx.location(t.guide, t.anchor.as_deref());
    }
    let (_, rel, _) = image_at(cx, offset)?;
    Some(Location { uri: cx.uri(&rel)?, range: Range::default() })
}

/// The anchor of the document's guide written at `offset` (a heading,
/// step or question line).
fn anchor_at(cx: &Ctx<'_>, offset: usize) -> Option<String> {
    let g = &cx.site.guides[cx.guide?];
    let line = cx.text.line_at(offset);
    // The innermost anchor starting on this line.
    g.anchor_spans
        .iter()
        .enumerate()
        .filter(|(_, s)| s.start >= line.start && s.start <= line.end && **s != NO_PLACE)
        .max_by_key(|(_, s)| s.start)
        .map(|(i, _)| g.anchors[i].clone())
}

pub fn references(cx: &Ctx<'_>, offset: usize, include_declaration: bool) -> Vec<Location> {
    let Some(me) = cx.guide else {
        return Vec::new();
    };
    let source = &cx.site.guides[me].source;
    let anchor = anchor_at(cx, offset);
    let mut out = Vec::new();
    if include_declaration {
        if let Some(l) = cx.location(me, anchor.as_deref()) {
            out.push(l);
        }
    }
    // Guides linking to this one (the pipeline's link index), and, for the
    // guide itself, guides listing it in `related`; in site order.
    let mut from: std::collections::BTreeSet<GuideId> =
        cx.inc.linking(source).filter_map(|p| cx.guide_by_source(p)).collect();
    if anchor.is_none() {
        from.extend(
            cx.site
                .nav
                .iter()
                .enumerate()
                .filter(|(_, n)| n.related_entries.iter().any(|(_, t)| *t == me))
                .map(|(i, _)| i),
        );
    }
    for gid in from {
        let g = &cx.site.guides[gid];
        let mut text = None;
        let mut push = |span: &Span, out: &mut Vec<Location>| {
            let t = text.get_or_insert_with(|| cx.text_of(&g.source));
            if let Some(uri) = cx.uri(&g.source) {
                out.push(Location { uri, range: t.range(span) });
            }
        };
        for l in &g.links {
            let hit = match &anchor {
                Some(a) => l.anchor.as_deref() == Some(a.as_str()),
                None => true,
            };
            if &l.target == source && hit {
                push(&l.span, &mut out);
            }
        }
        if anchor.is_none() {
            for (span, target) in &cx.site.nav[gid].related_entries {
                if *target == me {
                    push(span, &mut out);
                }
            }
        }
    }
    out
}

/// The document outline.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must be named.
pub fn symbols(cx: &Ctx<'_>) -> Vec<DocumentSymbol> {
    let Some(me) = cx.guide else {
        return Vec::new();
    };
    let g = &cx.site.guides[me];
    let span_of = |id: &str| g.anchors.iter().position(|a| a == id).map(|i| g.anchor_spans[i].clone());
    let text = cx.text;
    let line_of = |start: usize| start..text.line_at(start).end;
    let symbol = |name: String, detail: Option<String>, kind, whole: Span, sel: Span, children| DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: text.range(&whole),
        selection_range: text.range(&sel),
        children: Some(children),
    };
    fn procedure(
        p: &Procedure,
        text: &super::text::Text,
        make: &dyn Fn(String, Option<String>, SymbolKind, Span, Span, Vec<DocumentSymbol>) -> DocumentSymbol,
    ) -> Option<DocumentSymbol> {
        let first = p.steps.first()?;
        let last = p.steps.last()?;
        let steps = p
            .steps
            .iter()
            .map(|s| {
                let subs: Vec<DocumentSymbol> = s
                    .content
                    .iter()
                    .filter_map(|c| match c {
                        StepBlock::Substeps(p) => procedure(p, text, make),
                        _ => None,
                    })
                    .flat_map(|p| p.children.unwrap_or_default())
                    .collect();
                let sel = s.span.start..text.line_at(s.span.start).end;
                let name = format!("{}. {}", s.number, s.instruction.text.trim());
                make(name, Some(format!("#{}", s.anchor)), SymbolKind::ENUM_MEMBER, s.span.clone(), sel, subs)
            })
            .collect();
        let whole = first.span.start..last.span.end;
        let sel = first.span.start..text.line_at(first.span.start).end;
        let name = format!("{} steps", p.steps.len());
        Some(make(name, None, SymbolKind::ARRAY, whole, sel, steps))
    }
    /// Symbols of blocks; `end` is where the enclosing part ends.
    fn walk(
        blocks: &[Block],
        end: usize,
        span_of: &dyn Fn(&str) -> Option<Span>,
        line_of: &dyn Fn(usize) -> Span,
        text: &super::text::Text,
        make: &dyn Fn(String, Option<String>, SymbolKind, Span, Span, Vec<DocumentSymbol>) -> DocumentSymbol,
    ) -> Vec<DocumentSymbol> {
        // Where each heading-like block starts, so a part ends where the next begins.
        let starts: Vec<Option<usize>> = blocks
            .iter()
            .map(|b| match b {
                Block::Section(s) => span_of(&s.id).map(|s| s.start),
                Block::Qa(q) => Some(q.span.start),
                Block::Flow(f) => Some(f.span.start),
                _ => None,
            })
            .collect();
        let mut out = Vec::new();
        for (i, b) in blocks.iter().enumerate() {
            let next = starts[i + 1..].iter().flatten().next().copied().unwrap_or(end);
            match b {
                Block::Section(s) => {
                    let Some(head) = span_of(&s.id) else { continue };
                    let children = walk(&s.blocks, next, span_of, line_of, text, make);
                    let kind = if s.level == 2 { SymbolKind::NAMESPACE } else { SymbolKind::CLASS };
                    let name = s.title.text.trim().to_string();
                    out.push(make(
                        name,
                        Some(format!("#{}", s.id)),
                        kind,
                        head.start..next,
                        line_of(head.start),
                        children,
                    ));
                }
                Block::Qa(q) => {
                    let name = format!("Q: {}", q.question.text.trim());
                    let whole = q.span.start..next;
                    out.push(make(
                        name,
                        Some(format!("#{}", q.id)),
                        SymbolKind::EVENT,
                        whole,
                        line_of(q.span.start),
                        vec![],
                    ));
                }
                Block::Flow(f) => {
                    let mut children = walk(&f.intro, next, span_of, line_of, text, make);
                    for (n, node) in f.nodes.iter().enumerate() {
                        let node_end = f.nodes.get(n + 1).map_or(next, |m| m.span.start);
                        let name = node.title.text.trim().to_string();
                        let inner = walk(&node.blocks, node_end, span_of, line_of, text, make);
                        children.push(make(
                            name,
                            Some(format!("#{}", node.id)),
                            SymbolKind::EVENT,
                            node.span.start..node_end,
                            line_of(node.span.start),
                            inner,
                        ));
                    }
                    let kind = if f.level == 2 { SymbolKind::NAMESPACE } else { SymbolKind::CLASS };
                    out.push(make(
                        f.title.text.trim().to_string(),
                        Some(format!("#{}", f.id)),
                        kind,
                        f.span.start..next,
                        line_of(f.span.start),
                        children,
                    ));
                }
                Block::Procedure(p) => out.extend(procedure(p, text, make)),
                // A variant's sections and steps, in the order written.
                Block::Tabs(t) => {
                    for tab in &t.tabs {
                        out.extend(walk(&tab.blocks, next, span_of, line_of, text, make));
                    }
                }
                Block::Callout(_) | Block::Html { .. } | Block::Footnotes(_) => {}
            }
        }
        out
    }
    let end = text.as_str().trim_end().len();
    let mut out = walk(&g.intro, end, &span_of, &line_of, text, &symbol);
    out.extend(walk(&g.body, end, &span_of, &line_of, text, &symbol));
    out
}

/// The page of the document's guide (its path in the built site) and the
/// anchor nearest before `offset` — the step, heading or question the
/// cursor is in — for the editor's preview (`tebiki/page`).
pub fn page(cx: &Ctx<'_>, offset: usize) -> Option<serde_json::Value> {
    let g = &cx.site.guides[cx.guide?];
    let anchor = g
        .anchor_spans
        .iter()
        .enumerate()
        .filter(|(_, s)| s.start <= offset && **s != NO_PLACE)
        .max_by_key(|(_, s)| s.start)
        .map(|(i, _)| g.anchors[i].clone());
    Some(serde_json::json!({ "path": g.url, "anchor": anchor }))
}
