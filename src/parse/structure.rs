//! Gives a guide's Markdown its meaning: the introduction, `##` sections,
//! `###` sub-procedures, ordered lists as procedures of steps (instruction,
//! screenshots, details, sub-steps, notes), callouts and Q&A — and the
//! anchors of steps.

use std::borrow::Cow;

use pulldown_cmark::{Event, Tag};

use crate::diagnostic::Diagnostic;
use crate::model::{Block, Callout, Procedure, Qa, RichText, Screenshot, Section, Span, Step, StepBlock};
use crate::parse::markdown::{plain_text, Node, Renderer};
use crate::rules;
use crate::slug::slugify;

/// The structured body of a guide.
pub struct Body {
    pub intro: Vec<Block>,
    pub body: Vec<Block>,
}

/// Build the body from the top-level nodes of a guide.
pub fn build(nodes: &[Node<'_>], r: &mut Renderer<'_>) -> Body {
    let has_sections = nodes.iter().any(|n| n.heading_level().is_some_and(|l| l <= 2));
    let mut body = if has_sections {
        let first = nodes.iter().position(|n| n.heading_level().is_some_and(|l| l <= 2)).unwrap();
        let intro = content_blocks(&nodes[..first], r, false);
        let mut body = Vec::new();
        for (heading, content) in groups(&nodes[first..], |l| l <= 2) {
            body.push(heading_block(heading, content, 2, r));
        }
        Body { intro, body }
    } else {
        Body { intro: Vec::new(), body: section_blocks(nodes, 2, r) }
    };
    assign_step_anchors(&mut body, r);
    body
}

/// Split nodes at headings whose level satisfies `splits`: each group is a
/// heading and the nodes up to the next such heading.
fn groups<'n, 'a>(nodes: &'n [Node<'a>], splits: impl Fn(u8) -> bool) -> Vec<(&'n Node<'a>, &'n [Node<'a>])> {
    let starts: Vec<usize> =
        nodes.iter().enumerate().filter(|(_, n)| n.heading_level().is_some_and(&splits)).map(|(i, _)| i).collect();
    starts
        .iter()
        .enumerate()
        .map(|(k, &s)| {
            let end = starts.get(k + 1).copied().unwrap_or(nodes.len());
            (&nodes[s], &nodes[s + 1..end])
        })
        .collect()
}

/// A section heading with its content: a `Section`, or a `Qa` when the
/// heading is a question. `depth` is 2 for `##`-level, 3 below.
fn heading_block(heading: &Node<'_>, content: &[Node<'_>], depth: u8, r: &mut Renderer<'_>) -> Block {
    if let Some(q) = question(heading, content, depth, r) {
        return Block::Qa(q);
    }
    let (id, title) = heading_id_and_title(heading, r);
    let blocks = if depth == 2 { section_blocks(content, 3, r) } else { content_blocks(content, r, true) };
    Block::Section(Section { id, level: depth, title, blocks })
}

/// Content of a section: blocks before its first sub-heading, then one
/// sub-section (or question) per heading of `sub_level`.
fn section_blocks(nodes: &[Node<'_>], sub_level: u8, r: &mut Renderer<'_>) -> Vec<Block> {
    let first = nodes.iter().position(|n| n.heading_level() == Some(sub_level)).unwrap_or(nodes.len());
    let mut blocks = content_blocks(&nodes[..first], r, true);
    for (heading, content) in groups(&nodes[first..], |l| l <= sub_level) {
        blocks.push(heading_block(heading, content, 3, r));
    }
    blocks
}

fn heading_id_and_title(heading: &Node<'_>, r: &mut Renderer<'_>) -> (String, RichText) {
    let title = r.inline(&heading.children);
    let id = match heading.tag() {
        Some(Tag::Heading { id: Some(explicit), .. }) => {
            if !r.ids.explicit(explicit, heading.span.clone()) {
                r.diagnostics.push(Diagnostic::new(
                    &rules::DUPLICATE_ANCHOR,
                    &r.file,
                    heading.span.clone(),
                    format!("id `{explicit}` is used twice on this page"),
                ));
            }
            explicit.to_string()
        }
        _ => r.ids.generated(&slugify(&title.text), heading.span.clone()),
    };
    (id, title)
}

/// Strip a question prefix (`Q:`, `Q.`, `Q：`, `Ｑ：`, `Q ` …) from heading text.
pub fn strip_question_prefix(text: &str) -> Option<&str> {
    let mut chars = text.char_indices();
    let (_, q) = chars.next()?;
    if q != 'Q' && q != 'Ｑ' {
        return None;
    }
    let (i, sep) = chars.next()?;
    if !matches!(sep, ':' | '：' | '.' | '．' | ' ' | '\u{3000}' | '\t') {
        return None;
    }
    let rest = text[i + sep.len_utf8()..].trim_start_matches([' ', '\u{3000}', '\t']);
    (!rest.is_empty()).then_some(rest)
}

/// Strip an answer prefix (`A:`, `Ａ：` …).
fn strip_answer_prefix(text: &str) -> Option<&str> {
    let mut chars = text.char_indices();
    let (_, a) = chars.next()?;
    if a != 'A' && a != 'Ａ' {
        return None;
    }
    let (i, sep) = chars.next()?;
    if !matches!(sep, ':' | '：' | '.' | '．') {
        return None;
    }
    Some(text[i + sep.len_utf8()..].trim_start_matches([' ', '\u{3000}', '\t']))
}

fn question(heading: &Node<'_>, content: &[Node<'_>], depth: u8, r: &mut Renderer<'_>) -> Option<Qa> {
    // The prefix may span text nodes (`Ｑ：` then markup): strip it byte by byte.
    let full = plain_text(&heading.children);
    let rest = strip_question_prefix(&full)?;
    let mut to_strip = full.len() - rest.len();
    let mut heading = heading.clone();
    for node in heading.children.iter_mut() {
        if to_strip == 0 {
            break;
        }
        match &mut node.event {
            Event::Text(t) => {
                let cut = to_strip.min(t.len());
                let kept = t[cut..].trim_start_matches([' ', '\u{3000}', '\t']).to_string();
                to_strip -= cut;
                *t = kept.into();
            }
            _ => break,
        }
    }
    let (id, question) = heading_id_and_title(&heading, r);

    // Drop a leading `A:` from the answer's first paragraph.
    let mut content = content.to_vec();
    if let Some(first) = content.first_mut().filter(|n| matches!(n.tag(), Some(Tag::Paragraph))) {
        if let Some(Node { event: Event::Text(t), .. }) = first.children.first_mut() {
            if let Some(rest) = strip_answer_prefix(t) {
                *t = rest.to_string().into();
            }
        }
    }
    let images_before = r.images_shown;
    let answer = r.blocks(&content);
    let shows_image = if r.html { answer.html.contains("<img") } else { r.images_shown > images_before };
    if answer.text.is_empty() && !shows_image {
        r.diagnostics.push(
            Diagnostic::new(
                &rules::QUESTION_NO_ANSWER,
                &r.file,
                heading.span.clone(),
                format!("question “{}” has no answer", question.text),
            )
            .with_hint(Some("write the answer below the question, before the next heading".into())),
        );
    }
    Some(Qa { id, level: depth, question, answer, span: heading.span.clone() })
}

/// Blocks of content: ordered lists become procedures when `procedures` is
/// set, quotes with a callout marker become callouts, the rest is HTML.
fn content_blocks(nodes: &[Node<'_>], r: &mut Renderer<'_>, procedures: bool) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut pending: Vec<&Node> = Vec::new();
    let flush = |pending: &mut Vec<&Node>, blocks: &mut Vec<Block>, r: &mut Renderer<'_>| {
        if !pending.is_empty() {
            let html = r.blocks_of(pending).html;
            blocks.push(Block::Html { html });
            pending.clear();
        }
    };
    for node in nodes {
        match node.tag() {
            Some(Tag::List(Some(start))) if procedures => {
                flush(&mut pending, &mut blocks, r);
                blocks.push(Block::Procedure(procedure(node, *start, r)));
            }
            Some(Tag::BlockQuote(_)) => match r.callout(node) {
                Some((kind, title, body)) => {
                    flush(&mut pending, &mut blocks, r);
                    blocks.push(Block::Callout(Callout { kind, title, html: body.html }));
                }
                None => pending.push(node),
            },
            _ => pending.push(node),
        }
    }
    flush(&mut pending, &mut blocks, r);
    blocks
}

/// The number written before a list item (`3.` → 3).
fn written_number(r: &Renderer<'_>, item: &Node<'_>, source: &str) -> Option<u64> {
    let _ = r;
    let s = source.get(item.span.clone())?;
    let digits: String = s.trim_start().chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

fn procedure(list: &Node<'_>, start: u64, r: &mut Renderer<'_>) -> Procedure {
    let source = r.source.clone();
    let items: Vec<&Node> = list.children.iter().filter(|n| matches!(n.tag(), Some(Tag::Item))).collect();
    let written_numbers = items.iter().filter_map(|i| written_number(r, i, &source)).collect();
    let steps = items.iter().enumerate().map(|(k, item)| step(item, start + k as u64, r)).collect();
    Procedure { start, steps, written_numbers }
}

/// Split a paragraph's inline nodes into lines at soft and hard breaks.
fn lines<'n, 'a>(nodes: &'n [Node<'a>]) -> Vec<&'n [Node<'a>]> {
    nodes.split(|n| matches!(n.event, Event::SoftBreak | Event::HardBreak)).collect()
}

fn is_image_line(line: &[Node<'_>]) -> bool {
    line.iter().any(|n| matches!(n.tag(), Some(Tag::Image { .. })))
        && line.iter().all(|n| matches!(n.tag(), Some(Tag::Image { .. })) || n.is_blank())
}

fn screenshot(node: &Node<'_>, r: &mut Renderer<'_>) -> Option<Screenshot> {
    let Some(Tag::Image { dest_url, title, .. }) = node.tag() else {
        return None;
    };
    let alt = plain_text(&node.children);
    if alt.is_empty() {
        r.diagnostics.push(
            Diagnostic::new(&rules::SCREENSHOT_ALT_MISSING, &r.file, node.span.clone(), "screenshot has no alt text")
                .with_hint(Some(
                    "describe what the screenshot shows: `![The Start button](shots/start.png \"Click [Start].\")`"
                        .into(),
                )),
        );
    }
    let image = r.image(dest_url, node.span.clone());
    let caption = (!title.trim().is_empty()).then(|| RichText {
        html: if r.html { crate::parse::markdown::ui_labels(title.trim()) } else { String::new() },
        text: title.trim().to_string(),
    });
    let image = image?;
    Some(Screenshot { src: image.url, alt, caption, width: image.width, height: image.height, span: node.span.clone() })
}

/// A paragraph (its inline nodes and span) split into its screenshot
/// lines and the rest.
fn split_paragraph<'n, 'a>(
    children: &'n [Node<'a>],
    span: &Span,
    r: &mut Renderer<'_>,
) -> (Option<Cow<'n, [Node<'a>]>>, Vec<Screenshot>) {
    let all_lines = lines(children);
    if !all_lines.iter().any(|l| is_image_line(l)) {
        return (Some(Cow::Borrowed(children)), Vec::new());
    }
    let mut shots = Vec::new();
    let mut kept: Vec<Node> = Vec::new();
    for line in all_lines {
        if is_image_line(line) {
            shots.extend(line.iter().filter_map(|n| screenshot(n, r)));
        } else {
            if !kept.is_empty() {
                kept.push(Node { event: Event::SoftBreak, span: span.clone(), children: Vec::new() });
            }
            kept.extend(line.iter().cloned());
        }
    }
    let rest = (!kept.is_empty()).then_some(Cow::Owned(kept));
    (rest, shots)
}

fn step(item: &Node<'_>, number: u64, r: &mut Renderer<'_>) -> Step {
    let children = &item.children;
    // A tight item holds its first paragraph's inline nodes directly.
    let inline_end = children.iter().position(Node::is_block).unwrap_or(children.len());
    // The first paragraph's inline nodes and span.
    let (first_para, rest): (Option<(&[Node], &Span)>, &[Node]) = if inline_end > 0 {
        (Some((&children[..inline_end], &item.span)), &children[inline_end..])
    } else if let Some(p) = children.first().filter(|n| matches!(n.tag(), Some(Tag::Paragraph))) {
        (Some((&p.children, &p.span)), &children[1..])
    } else {
        (None, &children[..])
    };

    let mut content = Vec::new();
    let mut instruction = RichText::default();
    if let Some((inlines, span)) = first_para {
        let (text_part, shots) = split_paragraph(inlines, span, r);
        if let Some(p) = text_part {
            instruction = r.inline(&p);
        }
        content.extend(shots.into_iter().map(StepBlock::Screenshot));
    }
    if instruction.text.is_empty() {
        r.diagnostics.push(
            Diagnostic::new(
                &rules::STEP_NO_INSTRUCTION,
                &r.file,
                item.span.start..item.span.start + 2,
                format!("step {number} has no instruction text"),
            )
            .with_hint(Some("start the step with a sentence saying what to do".into())),
        );
    }

    let mut pending: Vec<Cow<Node>> = Vec::new();
    let flush = |pending: &mut Vec<Cow<Node>>, content: &mut Vec<StepBlock>, r: &mut Renderer<'_>| {
        if !pending.is_empty() {
            let refs: Vec<&Node> = pending.iter().map(|c| c.as_ref()).collect();
            let html = r.blocks_of(&refs).html;
            content.push(StepBlock::Details { html });
            pending.clear();
        }
    };
    for node in rest {
        match node.tag() {
            Some(Tag::Paragraph) => {
                let (text_part, shots) = split_paragraph(&node.children, &node.span, r);
                if !shots.is_empty() {
                    flush(&mut pending, &mut content, r);
                    content.extend(shots.into_iter().map(StepBlock::Screenshot));
                }
                pending.extend(text_part.map(|t| match t {
                    Cow::Borrowed(_) => Cow::Borrowed(node),
                    Cow::Owned(kept) => {
                        Cow::Owned(Node { event: node.event.clone(), span: node.span.clone(), children: kept })
                    }
                }));
            }
            Some(Tag::List(Some(start))) => {
                flush(&mut pending, &mut content, r);
                content.push(StepBlock::Substeps(procedure(node, *start, r)));
            }
            Some(Tag::BlockQuote(_)) => match r.callout(node) {
                Some((kind, title, body)) => {
                    flush(&mut pending, &mut content, r);
                    content.push(StepBlock::Note(Callout { kind, title, html: body.html }));
                }
                None => pending.push(Cow::Borrowed(node)),
            },
            _ => pending.push(Cow::Borrowed(node)),
        }
    }
    flush(&mut pending, &mut content, r);
    Step { number, anchor: String::new(), instruction, content, span: item.span.clone() }
}

/// Give every step its anchor: `step-N` when the guide has one procedure,
/// `<section-id>-step-N` when it has several; sub-steps add `-M`.
fn assign_step_anchors(body: &mut Body, r: &mut Renderer<'_>) {
    fn count(blocks: &[Block]) -> usize {
        blocks
            .iter()
            .map(|b| match b {
                Block::Procedure(_) => 1,
                Block::Section(s) => count(&s.blocks),
                _ => 0,
            })
            .sum()
    }
    fn walk(blocks: &mut [Block], section: &str, several: bool, r: &mut Renderer<'_>) {
        for b in blocks {
            match b {
                Block::Procedure(p) => {
                    for s in &mut p.steps {
                        let base = if several && !section.is_empty() {
                            format!("{section}-step-{}", s.number)
                        } else {
                            format!("step-{}", s.number)
                        };
                        s.anchor = r.ids.generated(&base, s.span.clone());
                        let parent = s.anchor.clone();
                        substep_anchors(&mut s.content, &parent, r);
                    }
                }
                Block::Section(s) => {
                    let id = s.id.clone();
                    walk(&mut s.blocks, &id, several, r);
                }
                _ => {}
            }
        }
    }
    fn substep_anchors(content: &mut [StepBlock], parent: &str, r: &mut Renderer<'_>) {
        for c in content {
            if let StepBlock::Substeps(p) = c {
                for s in &mut p.steps {
                    s.anchor = r.ids.generated(&format!("{parent}-{}", s.number), s.span.clone());
                    let me = s.anchor.clone();
                    substep_anchors(&mut s.content, &me, r);
                }
            }
        }
    }
    let several = count(&body.intro) + count(&body.body) > 1;
    walk(&mut body.body, "", several, r);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_prefixes() {
        for h in ["Q: x", "Q. x", "Q：x", "Ｑ：x", "Q x", "Ｑ．x", "Q\u{3000}x"] {
            assert_eq!(strip_question_prefix(h), Some("x"), "{h}");
        }
        for h in ["QR code", "Questions", "Q", "q: x", "Q:"] {
            assert_eq!(strip_question_prefix(h), None, "{h}");
        }
        assert_eq!(strip_answer_prefix("A: yes"), Some("yes"));
        assert_eq!(strip_answer_prefix("Ａ：はい"), Some("はい"));
        assert_eq!(strip_answer_prefix("All good"), None);
    }
}
