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
use super::index::{SiteIndex, Values};
use super::syntax::{front_matter_at, typing, InFrontMatter, Typing};
use crate::model::Span;

/// At most this many items; past it the list is filtered by what was
/// typed and marked incomplete, so the editor asks again as typing goes on.
const MAX_ITEMS: usize = 500;

/// The completion list at `offset` of the document; `index` counts the
/// site's UI labels, tags and `applies_to` values.
pub fn complete(cx: &Ctx<'_>, offset: usize, index: &mut SiteIndex) -> Option<CompletionList> {
    let text = cx.text.as_str();
    let line = cx.text.line_at(offset);
    if let Some(yaml) = front_matter_span(text) {
        if let Some(at) = front_matter_at(text, &yaml, &line, offset) {
            return Some(front_matter(cx, at, &yaml, index));
        }
    }
    let filter = &text[typed_span(text, line.start, offset)];
    let items = match typing(text, line.start, offset) {
        Typing::Link { image: true, typed } => images(cx, &typed),
        Typing::Link { image: false, typed } => return Some(guides(cx, &typed, filter, false)),
        Typing::Anchor { path, typed } => anchor_items(cx, &text[path], &typed)?,
        Typing::Callout { typed } => callouts(cx, &typed),
        Typing::Label { typed } => index
            .values(Values::Labels, cx.lang(), cx.rel, cx.site, cx.inc)
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
    Some(capped(items, filter))
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

/// Whether `hay` holds `needle`, ASCII letters in any case.
fn contains_ascii_ci(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

/// Guides of the document's language, as paths relative to it, whose path
/// holds `filter` (what is typed of the file name): first those under the
/// document's folder, then the others, at most [`MAX_ITEMS`]. The list is
/// incomplete when a guide was left out, so the editor asks again as
/// typing goes on. Items are made only for the guides listed; the others
/// cost a look at their path.
fn guides(cx: &Ctx<'_>, typed: &Span, filter: &str, for_related: bool) -> CompletionList {
    let lang = cx.lang();
    let here = cx.rel.parent().unwrap_or(Path::new(""));
    let filter = filter.to_lowercase();
    // A file name typed in ASCII is looked for in the source path first; a
    // relative path adds only `../` to it.
    let quick = filter.is_ascii() && !filter.chars().all(|c| c == '.');
    let mut items = Vec::new();
    let mut left_out = false;
    let candidates = cx.site.guides.iter().enumerate().filter(|(i, g)| g.lang == lang && Some(*i) != cx.guide);
    let (near, far): (Vec<_>, Vec<_>) = candidates.partition(|(_, g)| g.source.starts_with(here));
    for (_, g) in near.into_iter().chain(far) {
        if quick && !contains_ascii_ci(g.source.as_os_str().as_encoded_bytes(), filter.as_bytes()) {
            left_out = true;
            continue;
        }
        let path = cx.relative(&g.source);
        if !path.to_lowercase().contains(&filter) {
            left_out = true;
            continue;
        }
        if items.len() == MAX_ITEMS {
            left_out = true;
            break;
        }
        items.push(CompletionItem {
            detail: Some(g.meta.title.clone()),
            documentation: (!g.meta.summary.is_empty()).then(|| markdown(g.meta.summary.clone())),
            kind: Some(if for_related { CompletionItemKind::REFERENCE } else { CompletionItemKind::FILE }),
            text_edit: Some(edit(cx, typed, path.clone())),
            filter_text: Some(path.clone()),
            sort_text: Some(format!("{}{path}", if path.starts_with("..") { 1 } else { 0 })),
            label: path,
            ..Default::default()
        });
    }
    CompletionList { is_incomplete: left_out, items }
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
            let info = cx.inc.images().get(id)?.as_ref().ok().copied()?;
            let (w, h) = (info.width, info.height);
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

fn front_matter(cx: &Ctx<'_>, at: InFrontMatter, yaml: &Span, index: &mut SiteIndex) -> CompletionList {
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
                // Other tools' names for tebiki's fields are read, not offered.
                .filter(|(k, _)| !crate::init::ALIASES.iter().any(|(a, _)| a == k))
                // Written by `tebiki i18n mark`, not by hand.
                .filter(|(k, _)| *k != "translated_from")
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
            let mut site_values = |which| index.values(which, cx.lang(), cx.rel, cx.site, cx.inc);
            match key.as_str() {
                "related" => return guides(cx, &typed, &text[typed.clone()], true),
                "tags" => site_values(Values::Tags).into_iter().map(|(t, n)| value(t, Some(uses(n)))).collect(),
                _ => match enum_values(&defs) {
                    Some(values) => values
                        .into_iter()
                        .map(|v| value(v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()), None))
                        .collect(),
                    None if key == "applies_to" => {
                        site_values(Values::AppliesTo).into_iter().map(|(t, n)| value(t, Some(uses(n)))).collect()
                    }
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
