//! Completion: what may follow what the writer is typing. After `](` the
//! site's guides (relative paths, titles shown) or, in an image, the image
//! files under the guide's folder; after `#` in a link the target page's
//! anchors (steps with their instruction, headings, questions); after
//! `> [!` the callout kinds; after `[` the UI labels the site already
//! uses; in front matter the keys and values of the effective schema
//! (enums, the site's tags, guides for `related`).

use std::collections::BTreeMap;
use std::path::Path;

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionTextEdit, Documentation, InsertTextFormat,
    MarkupContent, MarkupKind, TextEdit,
};
use serde_json::Value;

use super::context::{anchors, AnchorKind, Ctx};
use super::syntax::{front_matter_at, typing, InFrontMatter, Typing};
use crate::model::Span;

/// At most this many items; past it the list is filtered by what was
/// typed and marked incomplete, so the editor asks again as typing goes on.
const MAX_ITEMS: usize = 500;

/// The completion list at `offset` of the document; `labels` are the
/// site's UI labels (asked for only when a label is being typed).
pub fn complete(cx: &Ctx<'_>, offset: usize, labels: &dyn Fn() -> Vec<(String, usize)>) -> Option<CompletionList> {
    let text = cx.text.as_str();
    let line = cx.text.line_at(offset);
    if let Some(yaml) = front_matter_span(text) {
        if let Some(at) = front_matter_at(text, &yaml, &line, offset) {
            return Some(front_matter(cx, at, &yaml));
        }
    }
    let items = match typing(text, line.start, offset) {
        Typing::Link { image: true, typed } => images(cx, &typed),
        Typing::Link { image: false, typed } => guides(cx, &typed, false),
        Typing::Anchor { path, typed } => anchor_items(cx, &text[path], &typed)?,
        Typing::Callout { typed } => callouts(cx, &typed),
        Typing::Label { typed } => labels()
            .into_iter()
            .map(|(name, uses)| CompletionItem {
                detail: Some(format!("UI label {}", self::uses(uses))),
                kind: Some(CompletionItemKind::VALUE),
                text_edit: Some(edit(cx, &typed, format!("{name}]"))),
                filter_text: Some(name.clone()),
                label: name,
                ..Default::default()
            })
            .collect(),
        Typing::Nothing => return None,
    };
    Some(capped(items, &text[typed_span(text, line.start, offset)]))
}

/// The text typed so far (for filtering long lists): after the last
/// separator before the cursor.
fn typed_span(text: &str, line_start: usize, offset: usize) -> Span {
    let before = &text[line_start..offset];
    let start = before.rfind(['(', '[', '/', '#', ' ', '!']).map_or(0, |i| i + 1);
    line_start + start..offset
}

/// Keep a long list short: the items whose label holds the typed text.
fn capped(mut items: Vec<CompletionItem>, typed: &str) -> CompletionList {
    if items.len() <= MAX_ITEMS {
        return CompletionList { is_incomplete: false, items };
    }
    let typed = typed.to_lowercase();
    items.retain(|i| i.label.to_lowercase().contains(&typed));
    items.truncate(MAX_ITEMS);
    CompletionList { is_incomplete: true, items }
}

fn edit(cx: &Ctx<'_>, span: &Span, new_text: String) -> CompletionTextEdit {
    CompletionTextEdit::Edit(TextEdit { range: cx.text.range(span), new_text })
}

fn markdown(value: String) -> Documentation {
    Documentation::MarkupContent(MarkupContent { kind: MarkupKind::Markdown, value })
}

/// The document's front matter YAML, if it has one.
fn front_matter_span(text: &str) -> Option<Span> {
    let mut sink = Vec::new();
    crate::parse::frontmatter::split(text, Path::new(""), &mut sink).yaml
}

/// Guides of the document's language, as paths relative to it.
fn guides(cx: &Ctx<'_>, typed: &Span, for_related: bool) -> Vec<CompletionItem> {
    let lang = cx.lang();
    let mut items: Vec<CompletionItem> = cx
        .site
        .guides
        .iter()
        .enumerate()
        .filter(|(i, g)| g.lang == lang && Some(*i) != cx.guide)
        .map(|(_, g)| {
            let path = cx.relative(&g.source);
            CompletionItem {
                detail: Some(g.meta.title.clone()),
                documentation: (!g.meta.summary.is_empty()).then(|| markdown(g.meta.summary.clone())),
                kind: Some(CompletionItemKind::FILE),
                text_edit: Some(edit(cx, typed, path.clone())),
                filter_text: Some(path.clone()),
                sort_text: Some(format!("{}{path}", if path.starts_with("..") { 1 } else { 0 })),
                label: path,
                ..Default::default()
            }
        })
        .collect();
    if for_related {
        for i in &mut items {
            i.kind = Some(CompletionItemKind::REFERENCE);
        }
    }
    items
}

/// Image files under the document's folder.
fn images(cx: &Ctx<'_>, typed: &Span) -> Vec<CompletionItem> {
    let dir = cx.rel.parent().unwrap_or(Path::new(""));
    let d = cx.inc.discovery();
    d.assets
        .iter()
        .enumerate()
        .filter(|(_, a)| a.rel.starts_with(dir))
        .filter_map(|(id, a)| {
            let (w, h) = cx.inc.images().get(id)?.as_ref().ok().copied()?;
            let path = cx.relative(&a.rel);
            Some(CompletionItem {
                detail: Some(format!("{w} × {h} px")),
                kind: Some(CompletionItemKind::FILE),
                text_edit: Some(edit(cx, typed, path.clone())),
                label: path,
                ..Default::default()
            })
        })
        .collect()
}

/// Anchors of the page a link names (`path` empty: this page).
fn anchor_items(cx: &Ctx<'_>, path: &str, typed: &Span) -> Option<Vec<CompletionItem>> {
    let target = cx.resolve_guide(path)?;
    let g = &cx.site.guides[target];
    let text = cx.text_of(&g.source);
    Some(
        anchors(g, text.as_str())
            .into_iter()
            .enumerate()
            .map(|(i, a)| {
                let (kind, what) = match a.kind {
                    AnchorKind::Step => (CompletionItemKind::ENUM_MEMBER, "step"),
                    AnchorKind::Heading => (CompletionItemKind::REFERENCE, "heading"),
                    AnchorKind::Question => (CompletionItemKind::EVENT, "question"),
                };
                CompletionItem {
                    detail: Some(a.label.clone()),
                    documentation: Some(markdown(format!("{what} of *{}*", g.meta.title))),
                    kind: Some(kind),
                    text_edit: Some(edit(cx, typed, a.id.clone())),
                    // Page order, not alphabetical.
                    sort_text: Some(format!("{i:05}")),
                    filter_text: Some(format!("{} {}", a.id, a.label)),
                    label: a.id,
                    ..Default::default()
                }
            })
            .collect(),
    )
}

/// Callout kinds, with their title in the document's language.
fn callouts(cx: &Ctx<'_>, typed: &Span) -> Vec<CompletionItem> {
    // The first five parse strings are the callout titles, in this order.
    let titles = cx.inc.theme().parse_strings(cx.lang());
    ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"]
        .iter()
        .zip(titles.into_iter().take(5))
        .enumerate()
        .map(|(i, (kind, title))| CompletionItem {
            label: kind.to_string(),
            detail: Some(title),
            kind: Some(CompletionItemKind::KEYWORD),
            text_edit: Some(edit(cx, typed, format!("{kind}]"))),
            sort_text: Some(i.to_string()),
            ..Default::default()
        })
        .collect()
}

/// Every property the schema names (top level and in `allOf` parts), with
/// its merged definition parts.
fn properties(schema: &Value) -> BTreeMap<String, Vec<&Value>> {
    let mut out: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    fn collect<'v>(s: &'v Value, out: &mut BTreeMap<String, Vec<&'v Value>>) {
        if let Some(props) = s.get("properties").and_then(Value::as_object) {
            for (k, v) in props {
                out.entry(k.clone()).or_default().push(v);
            }
        }
        for part in s.get("allOf").and_then(Value::as_array).into_iter().flatten() {
            collect(part, out);
        }
    }
    collect(schema, &mut out);
    out
}

/// A property's definition parts: itself, its `allOf` parts and what its
/// `$ref`s name in the schema's `$defs`, recursively.
fn parts<'v>(defs: &[&'v Value], schema: &'v Value) -> Vec<&'v Value> {
    let mut out = Vec::new();
    let mut todo: Vec<&Value> = defs.to_vec();
    while let Some(d) = todo.pop() {
        if out.len() > 64 {
            break; // A loop of `$ref`s.
        }
        out.push(d);
        todo.extend(d.get("allOf").and_then(Value::as_array).into_iter().flatten());
        if let Some(target) = d.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
            todo.extend(schema.pointer(target));
        }
    }
    out
}

/// The values an enum allows, narrowest first: an `allOf` part narrows.
fn enum_values(defs: &[&Value]) -> Option<Vec<Value>> {
    let mut found: Option<Vec<Value>> = None;
    for d in defs {
        for s in [Some(*d), d.get("items")].into_iter().flatten() {
            if let Some(e) = s.get("enum").and_then(Value::as_array) {
                found = Some(match found {
                    Some(prev) => prev.into_iter().filter(|v| e.contains(v)).collect(),
                    None => e.clone(),
                });
            }
        }
    }
    found
}

fn front_matter(cx: &Ctx<'_>, at: InFrontMatter, yaml: &Span) -> CompletionList {
    let schema = cx.inc.schema().effective();
    let props = properties(schema);
    let text = cx.text.as_str();
    let items = match at {
        InFrontMatter::Key { typed } => {
            let present: Vec<&str> = text[yaml.clone()]
                .lines()
                .filter(|l| !l.starts_with([' ', '\t', '-', '#']))
                .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim()))
                .collect();
            props
                .iter()
                .filter(|(k, _)| !present.contains(&k.as_str()))
                .map(|(k, defs)| {
                    let defs = parts(defs, schema);
                    let description = defs.iter().find_map(|d| d.get("description")?.as_str()).unwrap_or_default();
                    let ty = defs.iter().find_map(|d| d.get("type")?.as_str()).unwrap_or_default();
                    CompletionItem {
                        label: k.clone(),
                        detail: (!ty.is_empty()).then(|| ty.to_string()),
                        documentation: (!description.is_empty()).then(|| markdown(description.to_string())),
                        kind: Some(CompletionItemKind::PROPERTY),
                        text_edit: Some(edit(cx, &typed, format!("{k}: "))),
                        insert_text_format: Some(InsertTextFormat::PLAIN_TEXT),
                        ..Default::default()
                    }
                })
                .collect()
        }
        InFrontMatter::Value { key, typed } => {
            let defs = parts(&props.get(&key).cloned().unwrap_or_default(), schema);
            let value = |label: String, detail: Option<String>| CompletionItem {
                text_edit: Some(edit(cx, &typed, label.clone())),
                kind: Some(CompletionItemKind::ENUM_MEMBER),
                detail,
                label,
                ..Default::default()
            };
            match key.as_str() {
                "related" => guides(cx, &typed, true),
                "tags" => site_values(cx, |g| &g.meta.tags).into_iter().map(|(t, n)| value(t, Some(uses(n)))).collect(),
                _ => match enum_values(&defs) {
                    Some(values) => values
                        .into_iter()
                        .map(|v| value(v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()), None))
                        .collect(),
                    None if key == "applies_to" => site_values(cx, |g| &g.meta.applies_to)
                        .into_iter()
                        .map(|(t, n)| value(t, Some(uses(n))))
                        .collect(),
                    None if defs.iter().any(|d| d.get("type").and_then(Value::as_str) == Some("boolean")) => {
                        vec![value("true".into(), None), value("false".into(), None)]
                    }
                    None => Vec::new(),
                },
            }
        }
    };
    capped(items, "")
}

fn uses(n: usize) -> String {
    format!("used by {n} guide{}", if n == 1 { "" } else { "s" })
}

/// Values of a list field across the site's other guides, most used first.
fn site_values(cx: &Ctx<'_>, field: impl Fn(&crate::model::Guide) -> &Vec<String>) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, g) in cx.site.guides.iter().enumerate().filter(|(i, _)| Some(*i) != cx.guide) {
        for v in field(g) {
            *counts.entry(v.as_str()).or_default() += 1;
        }
    }
    let mut v: Vec<(String, usize)> = counts.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}
