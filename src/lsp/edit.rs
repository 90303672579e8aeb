//! Edits the server proposes: renaming a heading's explicit `{#id}` (and
//! every link to it), the links a file rename or move breaks
//! (`workspace/willRenameFiles`), and code actions from diagnostics and
//! their hints (the suggested path or anchor, an alt text placeholder,
//! steps renumbered, the repeated `# Title` removed, a missing guide
//! created from `tebiki new`'s skeleton).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_types::{
    CodeAction, CodeActionKind, CreateFile, CreateFileOptions, DocumentChangeOperation, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, Range, ResourceOp, TextDocumentEdit, TextEdit, Url, WorkspaceEdit,
};

use super::context::Ctx;
use super::syntax::{anchor_of, destination, explicit_id, images_on_line};
use super::text::Text;
use crate::model::{Block, GuideId, Procedure, Span, StepBlock};
use crate::parse::markdown::{relative_path, resolve_written};

/// Edits by file, collected across the site.
#[derive(Default)]
struct Edits(HashMap<Url, Vec<TextEdit>>);

impl Edits {
    fn push(&mut self, cx: &Ctx<'_>, rel: &Path, text: &Text, span: &Span, new_text: String) {
        if text.as_str().get(span.clone()) == Some(new_text.as_str()) {
            return;
        }
        if let Some(uri) = cx.uri(rel) {
            let edits = self.0.entry(uri).or_default();
            let range = text.range(span);
            if !edits.iter().any(|e| e.range == range) {
                edits.push(TextEdit { range, new_text });
            }
        }
    }

    fn into_edit(self) -> WorkspaceEdit {
        WorkspaceEdit { changes: Some(self.0), ..Default::default() }
    }
}

/// The explicit `{#id}` that a rename at `offset` would change: on the
/// heading's line, or in a link's anchor naming it. Returns the span to
/// show, the guide and the id.
fn renamable(cx: &Ctx<'_>, offset: usize) -> Result<(Span, GuideId, String), String> {
    let me = cx.guide.ok_or("only guides that are built can be renamed in")?;
    let g = &cx.site.guides[me];
    let text = cx.text.as_str();
    let line = cx.text.line_at(offset);
    // A heading with `{#id}` on this line.
    for (i, span) in g.anchor_spans.iter().enumerate() {
        if span.start >= line.start && span.start <= line.end {
            if let Some(id) = explicit_id(text, span) {
                return Ok((id, me, g.anchors[i].clone()));
            }
        }
    }
    // A link whose anchor names such a heading.
    for l in &g.links {
        if !(l.span.start <= offset && offset < l.span.end) {
            continue;
        }
        let (Some(anchor), Some(target)) = (&l.anchor, cx.guide_by_source(&l.target)) else { continue };
        let written = destination(text, &l.span).and_then(|d| anchor_of(text, &d));
        let t = &cx.site.guides[target];
        let ttext = cx.text_of(&t.source);
        let declared =
            t.anchors.iter().position(|a| a == anchor).and_then(|i| explicit_id(ttext.as_str(), &t.anchor_spans[i]));
        if let (Some(w), Some(_)) = (written, declared) {
            return Ok((w, target, anchor.clone()));
        }
    }
    Err("put the cursor on a heading with an explicit `{#id}` (or a link to one) to rename it".into())
}

pub fn prepare_rename(cx: &Ctx<'_>, offset: usize) -> Result<Range, String> {
    renamable(cx, offset).map(|(span, _, _)| cx.text.range(&span))
}

/// Rename the explicit id at `offset` to `new_id`, with every link to it.
pub fn rename(cx: &Ctx<'_>, offset: usize, new_id: &str) -> Result<WorkspaceEdit, String> {
    let new_id = new_id.trim().trim_start_matches('#');
    if new_id.is_empty() || new_id.contains(|c: char| c.is_whitespace() || "#{}()[]<>\"'`".contains(c)) {
        return Err(format!("`{new_id}` cannot be an id: use letters, digits, `-` or `_`"));
    }
    let (_, target, old) = renamable(cx, offset)?;
    let t = &cx.site.guides[target];
    if t.anchors.iter().any(|a| a == new_id) {
        return Err(format!("`{}` already has an anchor `#{new_id}`", t.source.display()));
    }
    let mut edits = Edits::default();
    let ttext = cx.text_of(&t.source);
    let i = t.anchors.iter().position(|a| *a == old).ok_or("the anchor is gone")?;
    let decl = explicit_id(ttext.as_str(), &t.anchor_spans[i]).ok_or("the heading has no explicit id")?;
    edits.push(cx, &t.source, &ttext, &decl, new_id.to_string());
    let linking: Vec<GuideId> = cx.inc.linking(&t.source).filter_map(|p| cx.guide_by_source(p)).collect();
    for g in linking.into_iter().map(|i| &cx.site.guides[i]) {
        let uses: Vec<&Span> = g
            .links
            .iter()
            .filter(|l| l.target == t.source && l.anchor.as_deref() == Some(old.as_str()))
            .map(|l| &l.span)
            .collect();
        if uses.is_empty() {
            continue;
        }
        let text = cx.text_of(&g.source);
        for span in uses {
            if let Some(a) = destination(text.as_str(), span).and_then(|d| anchor_of(text.as_str(), &d)) {
                edits.push(cx, &g.source, &text, &a, new_id.to_string());
            }
        }
    }
    Ok(edits.into_edit())
}

/// Where each renamed file or folder goes: old → new, relative to the site folder.
struct Moves(Vec<(PathBuf, PathBuf)>);

impl Moves {
    /// Where `rel` is after the renames.
    fn of(&self, rel: &Path) -> PathBuf {
        for (old, new) in &self.0 {
            if let Ok(rest) = rel.strip_prefix(old) {
                return if rest.as_os_str().is_empty() { new.clone() } else { new.join(rest) };
            }
        }
        rel.to_path_buf()
    }
}

/// The slug a guide file at `rel` gets (`a/b/index.md` → `b`, `a/x.en.md` → `x`).
fn slug_of(rel: &Path, languages: &[String]) -> String {
    let name = rel.file_name().unwrap_or_default().to_string_lossy();
    let stem = name.strip_suffix(".md").unwrap_or(&name);
    let stem = match stem.rsplit_once('.') {
        Some((base, l)) if languages.iter().any(|x| x == l) => base,
        _ => stem,
    };
    if stem == "index" {
        rel.parent().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    } else {
        stem.to_string()
    }
}

/// The edits that keep links, `related` entries and image paths working
/// when files or folders are renamed (`files`: old and new absolute paths).
pub fn will_rename(cx: &Ctx<'_>, files: &[(PathBuf, PathBuf)]) -> WorkspaceEdit {
    let moves = Moves(
        files
            .iter()
            .filter_map(|(o, n)| {
                Some((o.strip_prefix(cx.root).ok()?.to_path_buf(), n.strip_prefix(cx.root).ok()?.to_path_buf()))
            })
            .collect(),
    );
    let languages = &cx.site.config.languages;
    let mut edits = Edits::default();
    for (gid, g) in cx.site.guides.iter().enumerate() {
        let new_self = moves.of(&g.source);
        let moved = new_self != g.source;
        let old_dir = g.source.parent().unwrap_or(Path::new(""));
        let new_dir = new_self.parent().unwrap_or(Path::new("")).to_path_buf();
        let mut text: Option<Text> = None;
        // Links to guides.
        for l in &g.links {
            let new_target = moves.of(&l.target);
            if !moved && new_target == l.target {
                continue;
            }
            let t = text.get_or_insert_with(|| cx.text_of(&g.source));
            let Some(dest) = destination(t.as_str(), &l.span) else { continue };
            let written = &t.as_str()[dest.clone()];
            let path_len = written.find('#').unwrap_or(written.len());
            if path_len == 0 {
                continue; // `#anchor`: the same page wherever it goes.
            }
            let path = &written[..path_len];
            let to = if path.ends_with(".md") {
                new_target
            } else {
                new_target.parent().unwrap_or(Path::new("")).to_path_buf()
            };
            let new_path = relative_path(&new_dir, &to);
            edits.push(cx, &g.source, t, &(dest.start..dest.start + path_len), new_path);
        }
        // `related` entries.
        for (span, target) in &cx.site.nav[gid].related_entries {
            let t_old = &cx.site.guides[*target].source;
            let t_new = moves.of(t_old);
            if !moved && &t_new == t_old {
                continue;
            }
            let t = text.get_or_insert_with(|| cx.text_of(&g.source));
            let span = unquoted(t.as_str(), span);
            let written = t.as_str()[span.clone()].to_string();
            let new = if written.contains('/') || written.ends_with(".md") {
                relative_path(&new_dir, &t_new)
            } else {
                slug_of(&t_new, languages)
            };
            edits.push(cx, &g.source, t, &span, new);
        }
        // Images of a guide that moves away from them (or whose images move).
        let t = text.get_or_insert_with(|| cx.text_of(&g.source));
        let old_dir_s = crate::discover::slash_path(old_dir);
        let mut line_no = 0;
        while let Some(line) = t.line(line_no) {
            line_no += 1;
            if !t.as_str()[line.clone()].contains("![") {
                continue;
            }
            for (_, dest) in images_on_line(t.as_str(), &line) {
                let written = &t.as_str()[dest.clone()];
                if written.starts_with('/') || crate::parse::markdown::scheme_of(written).is_some() {
                    continue;
                }
                let Some(old) = resolve_written(&old_dir_s, written) else { continue };
                let new = moves.of(&old);
                if !moved && new == old {
                    continue;
                }
                edits.push(cx, &g.source, t, &dest, relative_path(&new_dir, &new));
            }
        }
    }
    edits.into_edit()
}

/// The span of a YAML scalar without its quotes, if it has them.
fn unquoted(text: &str, span: &Span) -> Span {
    match text.get(span.clone()) {
        Some(raw) if raw.len() >= 2 && raw.starts_with(['"', '\'']) => span.start + 1..span.end - 1,
        _ => span.clone(),
    }
}

/// A diagnostic the editor sent back with a code-action request.
pub struct Problem {
    pub rule: String,
    pub span: Span,
    pub hint: Option<String>,
}

/// The text between the first pair of backticks of a hint.
fn quoted(hint: &str) -> Option<&str> {
    let start = hint.find('`')? + 1;
    let len = hint[start..].find('`')?;
    Some(&hint[start..start + len])
}

fn action(title: String, edit: WorkspaceEdit, preferred: bool) -> CodeAction {
    CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        edit: Some(edit),
        is_preferred: Some(preferred),
        ..Default::default()
    }
}

/// Code actions for the problems under the cursor.
pub fn code_actions(cx: &Ctx<'_>, problems: &[Problem], today: &str) -> Vec<CodeAction> {
    let text = cx.text.as_str();
    let mut out = Vec::new();
    let single = |span: &Span, new: String| {
        let mut e = Edits::default();
        e.push(cx, cx.rel, cx.text, span, new);
        e.into_edit()
    };
    for p in problems {
        let suggestion = p.hint.as_deref().and_then(quoted);
        match p.rule.as_str() {
            "asset-missing" | "link-target-missing"
                if p.hint.as_deref().is_some_and(|h| h.starts_with("did you mean")) =>
            {
                let (Some(s), Some(dest)) = (suggestion, destination(text, &p.span)) else { continue };
                let written = &text[dest.clone()];
                let path_len = written.find(['#', '?']).unwrap_or(written.len());
                out.push(action(
                    format!("Replace with `{s}`"),
                    single(&(dest.start..dest.start + path_len), s.to_string()),
                    true,
                ));
            }
            "anchor-missing" => {
                let (Some(s), Some(a)) = (suggestion, destination(text, &p.span).and_then(|d| anchor_of(text, &d)))
                else {
                    continue;
                };
                let s = s.trim_start_matches('#');
                out.push(action(format!("Replace with `#{s}`"), single(&a, s.to_string()), true));
            }
            "related-unknown" => {
                let Some(s) = suggestion else { continue };
                out.push(action(format!("Replace with `{s}`"), single(&unquoted(text, &p.span), s.to_string()), true));
            }
            "screenshot-alt-missing" => {
                let Some(open) = text[p.span.clone()].find("![").map(|i| p.span.start + i + 2) else { continue };
                let close = text[open..].find(']').map(|i| open + i).unwrap_or(open);
                let placeholder = crate::scaffold::alt_placeholder(cx.lang());
                out.push(action(
                    "Add an alt text placeholder".into(),
                    single(&(open..close), placeholder.to_string()),
                    true,
                ));
            }
            "step-numbering" => {
                if let Some(edit) = renumber(cx, p.span.start) {
                    out.push(action("Renumber the steps".into(), edit, true));
                }
            }
            "title-as-h1" => {
                let line = cx.text.line_at(p.span.start);
                let mut end = text[line.end..].find('\n').map_or(text.len(), |i| line.end + i + 1);
                // And the blank line after it.
                if text[end..].starts_with('\n') {
                    end += 1;
                } else if text[end..].starts_with("\r\n") {
                    end += 2;
                }
                out.push(action("Remove the repeated title".into(), single(&(line.start..end), String::new()), true));
            }
            "link-target-missing" => {}
            _ => {}
        }
        if p.rule == "link-target-missing" {
            if let Some(a) = create_guide(cx, &p.span, today) {
                out.push(a);
            }
        }
    }
    out
}

/// Renumber the procedure holding the step that starts at `at`.
fn renumber(cx: &Ctx<'_>, at: usize) -> Option<WorkspaceEdit> {
    let g = &cx.site.guides[cx.guide?];
    fn in_procedure(p: &Procedure, at: usize) -> Option<&Procedure> {
        if p.steps.iter().any(|s| s.span.start == at) {
            return Some(p);
        }
        p.steps.iter().flat_map(|s| &s.content).find_map(|c| match c {
            StepBlock::Substeps(sub) => in_procedure(sub, at),
            _ => None,
        })
    }
    fn find(blocks: &[Block], at: usize) -> Option<&Procedure> {
        blocks.iter().find_map(|b| match b {
            Block::Procedure(p) => in_procedure(p, at),
            Block::Section(s) => find(&s.blocks, at),
            _ => None,
        })
    }
    let p = find(&g.intro, at).or_else(|| find(&g.body, at))?;
    let text = cx.text.as_str();
    let mut edits = Edits::default();
    for (i, s) in p.steps.iter().enumerate() {
        let digits = text[s.span.start..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
            .map(char::len_utf8)
            .sum::<usize>();
        if digits == 0 {
            continue;
        }
        edits.push(cx, cx.rel, cx.text, &(s.span.start..s.span.start + digits), (p.start + i as u64).to_string());
    }
    Some(edits.into_edit())
}

/// Create the guide a link names, from `tebiki new`'s skeleton, titled by
/// the link's text.
fn create_guide(cx: &Ctx<'_>, span: &Span, today: &str) -> Option<CodeAction> {
    let text = cx.text.as_str();
    let dest = destination(text, span)?;
    let written = &text[dest.clone()];
    let path = written.split(['#', '?']).next().unwrap_or(written);
    if !path.ends_with(".md") {
        return None;
    }
    let rel = resolve_written(&cx.dir(), path)?;
    if !rel.starts_with("content") {
        return None;
    }
    let languages = &cx.site.config.languages;
    let name = rel.file_name()?.to_string_lossy().into_owned();
    let lang = name
        .strip_suffix(".md")
        .and_then(|s| s.rsplit_once('.'))
        .map(|(_, l)| l)
        .filter(|l| languages.iter().any(|x| x == l))
        .unwrap_or(cx.site.config.default_language());
    let link_text = text[span.clone()].strip_prefix('[').and_then(|s| s.rfind("](").map(|i| s[..i].trim().to_string()));
    let title = link_text.filter(|t| !t.is_empty()).unwrap_or_else(|| slug_of(&rel, languages));
    let depth = rel.parent().map_or(0, |p| p.components().count());
    let schema = format!("{}{}", "../".repeat(depth), crate::scaffold::SCHEMA_FILE);
    let body = crate::scaffold::guide_text(lang, &title, today, &schema, None);
    let uri = cx.uri(&rel)?;
    let ops = vec![
        DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
            uri: uri.clone(),
            options: Some(CreateFileOptions { overwrite: Some(false), ignore_if_exists: Some(true) }),
            annotation_id: None,
        })),
        DocumentChangeOperation::Edit(TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
            edits: vec![OneOf::Left(TextEdit { range: Range::default(), new_text: body })],
        }),
    ];
    let edit = WorkspaceEdit { document_changes: Some(DocumentChanges::Operations(ops)), ..Default::default() };
    Some(action(format!("Create `{}` from the new-guide skeleton", crate::discover::slash_path(&rel)), edit, false))
}
