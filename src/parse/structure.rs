//! Gives a guide's Markdown its meaning: the introduction, `##` sections,
//! `###` sub-procedures, ordered lists as procedures of steps (instruction,
//! screenshots, details, sub-steps, notes), callouts, variant tabs, Q&A and
//! troubleshooters (`flow.rs`) — and the anchors of steps.

use std::borrow::Cow;

use pulldown_cmark::{Event, Tag};

use crate::diagnostic::Diagnostic;
use crate::model::{
    variant_key, Block, Callout, Procedure, Qa, RichText, Screenshot, Section, Span, Step, StepBlock, Tab, Tabs,
};
use crate::parse::markdown::{plain_text, CalloutParts, Node, Renderer};
use crate::parse::{dialect, flow, rawhtml};
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
    step_help_anchors(r);
    for b in &mut body.body {
        if let Block::Flow(f) = b {
            flow::resolve(f, r);
            if r.html {
                f.chart = crate::flowchart::svg(f, &r.strings, &r.lang);
            }
        }
    }
    body
}

/// Split nodes at headings whose level satisfies `splits`: each group is a
/// heading and the nodes up to the next such heading.
pub(crate) fn groups<'n, 'a>(
    nodes: &'n [Node<'a>],
    splits: impl Fn(u8) -> bool,
) -> Vec<(&'n Node<'a>, &'n [Node<'a>])> {
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
    if depth == 2 && flow::is_flow_heading(heading) {
        return Block::Flow(flow::flow(heading, content, depth, r));
    }
    if let Some(q) = question(heading, content, depth, r) {
        return Block::Qa(q);
    }
    let (id, title, aliases) = heading_id_and_title(heading, r);
    let blocks = if depth == 2 { section_blocks(content, 3, r) } else { content_blocks(content, r, true) };
    Block::Section(Section { id, level: depth, title, aliases, blocks })
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

/// A heading's id, its title, and the aliases of its id (the `<a id>` /
/// `<a name>` written in it).
pub(crate) fn heading_id_and_title(heading: &Node<'_>, r: &mut Renderer<'_>) -> (String, RichText, Vec<String>) {
    let (children, aliases) = r.heading_aliases(&heading.children);
    let title = r.inline(&children);
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
    r.heading_help_ids(heading, &id);
    // An anchor named like the heading's own id is no second id.
    let aliases = aliases.into_iter().filter(|a| *a != id && r.anchor(a, heading.span.clone())).collect();
    (id, title, aliases)
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
    let (id, question, aliases) = heading_id_and_title(&heading, r);

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
    let shows_image = r.images_shown > images_before;
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
    Some(Qa { id, level: depth, question, aliases, answer, span: heading.span.clone() })
}

/// Blocks of content: ordered lists become procedures when `procedures` is
/// set, quotes with a callout marker become callouts, the rest is HTML.
pub(crate) fn content_blocks(nodes: &[Node<'_>], r: &mut Renderer<'_>, procedures: bool) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut pending: Vec<&Node> = Vec::new();
    let flush = |pending: &mut Vec<&Node>, blocks: &mut Vec<Block>, r: &mut Renderer<'_>| {
        if !pending.is_empty() {
            let html = r.blocks_of(pending).html;
            blocks.push(Block::Html { html });
            pending.clear();
        }
    };
    let nodes: Vec<&Node> = nodes.iter().collect();
    let mut i = 0;
    while i < nodes.len() {
        let node = nodes[i];
        if rawhtml::starts_island(node, r.config.raw_html) {
            // Raw HTML and the Markdown inside its elements stay one block.
            let len = rawhtml::island_len(&nodes[i..]);
            pending.extend(nodes[i..i + len].iter().copied());
            i += len;
            continue;
        }
        match node.tag() {
            Some(Tag::List(Some(_))) if procedures => {
                flush(&mut pending, &mut blocks, r);
                let (p, next) = procedure_run(&nodes, i, r);
                blocks.push(Block::Procedure(p));
                i = next;
                continue;
            }
            Some(Tag::BlockQuote(None)) if r.tab_at(node).is_some() => {
                flush(&mut pending, &mut blocks, r);
                let n = r.tab_group_len(&nodes[i..]);
                let tabs = tab_group(&nodes[i..i + n], r, |children, r| content_blocks(children, r, procedures));
                blocks.push(Block::Tabs(tabs));
                i += n;
                continue;
            }
            Some(Tag::BlockQuote(_)) => match r.callout(node) {
                Some(c) => {
                    flush(&mut pending, &mut blocks, r);
                    blocks.push(Block::Callout(into_callout(c)));
                }
                None => pending.push(node),
            },
            _ => pending.push(node),
        }
        i += 1;
    }
    flush(&mut pending, &mut blocks, r);
    blocks
}

/// A group of variant tabs (`run`: its quotes), each tab's content made
/// into `B`s by `body`. Panel ids are given before the content's ids.
fn tab_group<B>(
    run: &[&Node<'_>],
    r: &mut Renderer<'_>,
    body: impl Fn(&[Node<'_>], &mut Renderer<'_>) -> Vec<B>,
) -> Tabs<B> {
    let mut tabs = Vec::with_capacity(run.len());
    let mut selected = 0;
    for (k, node) in run.iter().enumerate() {
        let mark = r.tab_at(node).expect("a run of tabs");
        if mark.selected {
            selected = k;
        }
        let id = r.ids.tab(&slugify(&mark.label));
        tabs.push(Tab { id, key: variant_key(&mark.label), label: mark.label, blocks: Vec::new() });
    }
    for (tab, node) in tabs.iter_mut().zip(run) {
        tab.blocks = body(&node.children, r);
    }
    Tabs { tabs, selected }
}

fn into_callout(c: CalloutParts) -> Callout {
    Callout { kind: c.kind, title: c.title, html: c.body.html, fold: c.fold }
}

/// The ordered list at `nodes[i]` as a procedure, with the lists after it
/// that go on with its numbering once something not indented under a step
/// (a screenshot, a paragraph) ended it: CommonMark reads those as two
/// lists, the author meant one procedure. What came between belongs to the
/// step before it, and is reported. Returns the index after the last list.
fn procedure_run(nodes: &[&Node<'_>], i: usize, r: &mut Renderer<'_>) -> (Procedure, usize) {
    let mut p = procedure(nodes[i], r);
    let mut next = i + 1;
    while let Some(k) = nodes[next..]
        .iter()
        .position(|n| matches!(n.tag(), Some(Tag::List(Some(_)))) || n.heading_level().is_some())
        .map(|k| next + k)
    {
        let Some(Tag::List(Some(start))) = nodes[k].tag() else { break };
        let Some(last) = p.steps.last() else { break };
        let expected = last.number + 1;
        let gap = &nodes[next..k];
        // Tabs between two lists (a procedure per variant for the steps
        // between): the numbering goes on in each tab and after them.
        if *start != expected && !gap.is_empty() && gap.iter().all(|n| r.tab_at(n).is_some()) {
            break;
        }
        if *start > expected && !gap.is_empty() {
            jump_warning(gap[0], last.number, *start, r);
        }
        if *start != expected {
            break;
        }
        interrupted_warning(gap, nodes[k], &p, r);
        let last = p.steps.last_mut().expect("checked above");
        step_content(&mut last.content, gap, r);
        let more = procedure(nodes[k], r);
        p.steps.extend(more.steps);
        p.written_numbers.extend(more.written_numbers);
        next = k + 1;
    }
    (p, next)
}

/// What a node that ends a list is, for a reader.
fn what_it_is(node: &Node<'_>, r: &Renderer<'_>) -> &'static str {
    if r.tab_at(node).is_some() {
        return "tab";
    }
    match node.tag() {
        Some(Tag::Paragraph) if lines(&node.children).iter().all(|l| is_image_line(l)) => "image",
        Some(Tag::Paragraph) => "paragraph",
        Some(Tag::BlockQuote(_)) => "note",
        Some(Tag::CodeBlock(_)) => "code block",
        Some(Tag::List(None)) => "bulleted list",
        Some(Tag::List(Some(_))) => "numbered list",
        Some(Tag::Table(_)) => "table",
        _ => "text",
    }
}

/// The span of the first line of a node.
pub(crate) fn first_line(node: &Node<'_>, source: &str) -> Span {
    let start = node.span.start;
    let end = source.get(start..node.span.end).and_then(|t| t.find('\n')).map_or(node.span.end, |e| start + e);
    start..end
}

/// Columns a line must be indented by to belong to `step` (as far as its text).
fn step_content_column(step: &Step, source: &str) -> usize {
    let line_start = source[..step.marker.start].rfind('\n').map_or(0, |i| i + 1);
    let before = source[line_start..step.marker.start].chars().count();
    let digits = source[step.marker.clone()].chars().count().saturating_sub(1);
    let after = &source[step.marker.end..];
    let spaces = after.bytes().take_while(|&b| b == b' ').count().max(1);
    before + digits + 1 + spaces
}

/// Report what ended a list that the next list goes on with.
fn interrupted_warning(gap: &[&Node<'_>], next_list: &Node<'_>, p: &Procedure, r: &mut Renderer<'_>) {
    let source = r.source.clone();
    let step = p.steps.last().expect("a procedure with steps");
    let n = step.number;
    let Some(first) = gap.first() else {
        // Nothing between: the marker changed (`2.` then `3)`), which starts a new list.
        let item = next_list.children.first().unwrap_or(next_list);
        let marker = dialect::written_marker(&source[item.span.start..]).map_or(0, |(_, len)| len);
        r.diagnostics.push(
            Diagnostic::new(
                &rules::LIST_INTERRUPTED,
                &r.file,
                item.span.start..item.span.start + marker,
                format!("step {} is written with another marker than step {n}, which starts a new list", n + 1),
            )
            .with_hint(Some("write every step of a procedure with the same marker, `1.` or `1)`".into())),
        );
        return;
    };
    let what = what_it_is(first, r);
    let cols = step_content_column(step, &source);
    r.diagnostics.push(
        Diagnostic::new(
            &rules::LIST_INTERRUPTED,
            &r.file,
            first_line(first, &source),
            format!("this {what} ends the list: indent it under step {n}"),
        )
        .with_hint(Some(format!(
            "indent it by {cols} spaces, as far as the text of step {n}; it is shown in step {n} and the steps after it keep their numbers and anchors"
        ))),
    );
}

/// Report a list that starts past the number the one before it reached:
/// what is between was probably meant as a step.
fn jump_warning(first: &Node<'_>, last: u64, start: u64, r: &mut Renderer<'_>) {
    let source = r.source.clone();
    let span = first_line(first, &source);
    let line = &source[span.clone()];
    let hint = if dialect::written_marker(line.trim_start()).is_some() {
        format!("to make it step {}, write a space after its number: `{}. …`", last + 1, last + 1)
    } else {
        format!("indent it under step {last}, or number the steps after it from {}", last + 1)
    };
    r.diagnostics.push(
        Diagnostic::new(
            &rules::LIST_INTERRUPTED,
            &r.file,
            span,
            format!("the steps jump from {last} to {start}: this {} between them is not a step", what_it_is(first, r)),
        )
        .with_hint(Some(hint)),
    );
}

fn procedure(list: &Node<'_>, r: &mut Renderer<'_>) -> Procedure {
    let start = match list.tag() {
        Some(Tag::List(Some(start))) => *start,
        _ => 1,
    };
    let source = r.source.clone();
    let items: Vec<&Node> = list.children.iter().filter(|n| matches!(n.tag(), Some(Tag::Item))).collect();
    let mut written_numbers = Vec::with_capacity(items.len());
    let mut steps = Vec::with_capacity(items.len());
    for (k, item) in items.iter().enumerate() {
        let at = item.span.start;
        let marker = source.get(at..).and_then(dialect::written_marker);
        if let Some((n, _)) = marker {
            written_numbers.push(n);
        }
        let mut s = step(item, start + k as u64, r);
        s.marker = at..at + marker.map_or(0, |(_, len)| len);
        steps.push(s);
    }
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
    let pixels = image.info.map(|i| (i.width, i.height));
    let marks = match dest_url.split_once('#').and_then(|(_, f)| crate::parse::marks::parse(f, pixels, image.density)) {
        Some(Ok(marks)) => marks,
        Some(Err(e)) => {
            // Point at the bad mark where it is written, when it is written as parsed.
            let written = r
                .source
                .get(node.span.clone())
                .and_then(|t| t.find(&format!("#{}", &dest_url[dest_url.find('#')? + 1..])));
            let span = written.map_or(node.span.clone(), |at| {
                let from = node.span.start + at + 1;
                from + e.at.start..from + e.at.end
            });
            r.diagnostics.push(
                Diagnostic::new(&rules::IMAGE_MARK, &r.file, span, e.message).with_hint(Some(
                    "marks are in the image's pixels: `#mark=rect:x,y,w,h;ellipse:x,y,w,h;arrow:x1,y1,x2,y2;badge:n@x,y;blur:x,y,w,h`"
                        .into(),
                )),
            );
            Vec::new()
        }
        None => Vec::new(),
    };
    let (blur, marks): (Vec<_>, Vec<_>) =
        marks.into_iter().partition(|m| matches!(m, crate::parse::marks::Mark::Blur { .. }));
    let focus_box = pixels.and_then(|size| Some((size, crate::parse::marks::focus(&marks, size, image.density)?)));
    let focus_scale = focus_box.map(|(size, (_, _, w, _))| f64::from(size.0) / f64::from(w));
    let focus = focus_box.map(|(size, (l, t, w, h))| {
        let (iw, ih) = (f64::from(size.0), f64::from(size.1));
        format!(
            "--focus-ratio:{w}/{h};--focus-scale:{:.4};--focus-x:{:.4}%;--focus-y:{:.4}%;--shot-ratio:{}/{}",
            iw / f64::from(w),
            -100.0 * f64::from(l) / iw,
            -100.0 * f64::from(t) / ih,
            size.0,
            size.1
        )
    });
    Some(Screenshot {
        src: image.url,
        alt,
        caption,
        width: image.width,
        height: image.height,
        pixel_width: pixels.map(|p| p.0),
        pixel_height: pixels.map(|p| p.1),
        density: image.density,
        marks,
        blur,
        focus,
        focus_scale,
        focus_box: focus_box.map(|(_, b)| b),
        picture: None,
        asset: image.asset,
        span: node.span.clone(),
    })
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
        if let Some(mut p) = text_part {
            // Copied (when borrowed) only for a step that has help ids.
            if ends_with_step_help(&p) {
                for (id, span) in take_step_help(p.to_mut()) {
                    r.step_help_ids.push((id, span, item.span.clone()));
                }
            }
            instruction = r.inline(&p);
        }
        content.extend(shots.into_iter().map(|s| StepBlock::Screenshot(Box::new(s))));
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
    let rest: Vec<&Node> = rest.iter().collect();
    step_content(&mut content, &rest, r);
    // Most steps hold a block or two: no room for four kept per step.
    content.shrink_to_fit();
    Step {
        number,
        anchor: String::new(),
        instruction,
        content,
        span: item.span.clone(),
        marker: item.span.start..item.span.start,
    }
}

/// The ids of a trailing `{help=id}` (the word repeated for more ids,
/// `{help=a help=b}`) of a text, and where its braces open; `None` when the
/// text does not end so (braces holding anything else are the author's).
fn step_help_block(text: &str) -> Option<(Vec<&str>, usize)> {
    let trimmed = text.trim_end();
    let open = trimmed.strip_suffix('}')?.rfind('{')?;
    let inner = &trimmed[open + 1..trimmed.len() - 1];
    let ids: Vec<&str> = inner
        .split_whitespace()
        .map(|w| w.strip_prefix(crate::parse::markdown::HELP_ATTR)?.strip_prefix('=').filter(|v| !v.is_empty()))
        .collect::<Option<_>>()?;
    (!ids.is_empty()).then_some((ids, open))
}

/// Whether a step's instruction (its inline nodes) ends with `{help=…}`.
fn ends_with_step_help(nodes: &[Node<'_>]) -> bool {
    matches!(nodes.last().map(|n| &n.event), Some(Event::Text(t)) if step_help_block(t).is_some())
}

/// Take a trailing `{help=…}` ([`step_help_block`]) off a step's
/// instruction: the ids, each with the span of the braces.
fn take_step_help(nodes: &mut Vec<Node<'_>>) -> Vec<(String, Span)> {
    let Some(last) = nodes.last() else { return Vec::new() };
    let Event::Text(t) = &last.event else { return Vec::new() };
    let Some((ids, open)) = step_help_block(t) else { return Vec::new() };
    let trimmed = t.trim_end();
    // The text's span is its bytes as written unless escapes changed them.
    let span = if last.span.len() == t.len() {
        last.span.start + open..last.span.start + trimmed.len()
    } else {
        last.span.clone()
    };
    let out = ids.into_iter().map(|id| (id.to_string(), span.clone())).collect();
    let rest = trimmed[..open].trim_end().to_string();
    if rest.is_empty() {
        nodes.pop();
    } else {
        let last = nodes.last_mut().expect("checked above");
        last.event = Event::Text(rest.into());
    }
    out
}

/// The help ids written on the step at `step` (its span), now that it has
/// its anchor.
fn give_step_help(r: &mut Renderer<'_>, step: &Span, anchor: &str) {
    if r.step_help_ids.is_empty() {
        return;
    }
    let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut r.step_help_ids).into_iter().partition(|h| h.2 == *step);
    r.step_help_ids = rest;
    for (id, span, _) in mine {
        r.help_ids.push(crate::model::HelpId { id, anchor: Some(anchor.to_string()), span, line: 0 });
    }
}

/// Help ids of steps that got no anchor (none should remain): the top of
/// the page.
fn step_help_anchors(r: &mut Renderer<'_>) {
    for (id, span, _) in std::mem::take(&mut r.step_help_ids) {
        r.help_ids.push(crate::model::HelpId { id, anchor: None, span, line: 0 });
    }
}

/// Add the blocks after a step's instruction to its content: screenshots,
/// sub-steps (with the lists that go on with them), notes, and details.
fn step_content(content: &mut Vec<StepBlock>, nodes: &[&Node<'_>], r: &mut Renderer<'_>) {
    let mut pending: Vec<Cow<Node>> = Vec::new();
    let flush = |pending: &mut Vec<Cow<Node>>, content: &mut Vec<StepBlock>, r: &mut Renderer<'_>| {
        if !pending.is_empty() {
            let refs: Vec<&Node> = pending.iter().map(|c| c.as_ref()).collect();
            let html = r.blocks_of(&refs).html;
            content.push(StepBlock::Details { html });
            pending.clear();
        }
    };
    let mut i = 0;
    while i < nodes.len() {
        let node = nodes[i];
        if rawhtml::starts_island(node, r.config.raw_html) {
            let len = rawhtml::island_len(&nodes[i..]);
            pending.extend(nodes[i..i + len].iter().map(|n| Cow::Borrowed(*n)));
            i += len;
            continue;
        }
        match node.tag() {
            Some(Tag::Paragraph) => {
                let (text_part, shots) = split_paragraph(&node.children, &node.span, r);
                if !shots.is_empty() {
                    flush(&mut pending, content, r);
                    content.extend(shots.into_iter().map(|s| StepBlock::Screenshot(Box::new(s))));
                }
                pending.extend(text_part.map(|t| match t {
                    Cow::Borrowed(_) => Cow::Borrowed(node),
                    Cow::Owned(kept) => {
                        Cow::Owned(Node { event: node.event.clone(), span: node.span.clone(), children: kept })
                    }
                }));
            }
            Some(Tag::List(Some(_))) => {
                flush(&mut pending, content, r);
                let (p, next) = procedure_run(nodes, i, r);
                content.push(StepBlock::Substeps(p));
                i = next;
                continue;
            }
            Some(Tag::BlockQuote(None)) if r.tab_at(node).is_some() => {
                flush(&mut pending, content, r);
                let n = r.tab_group_len(&nodes[i..]);
                let tabs = tab_group(&nodes[i..i + n], r, |children, r| {
                    let mut blocks = Vec::new();
                    let refs: Vec<&Node> = children.iter().collect();
                    step_content(&mut blocks, &refs, r);
                    blocks
                });
                content.push(StepBlock::Tabs(tabs));
                i += n;
                continue;
            }
            Some(Tag::BlockQuote(_)) => match r.callout(node) {
                Some(c) => {
                    flush(&mut pending, content, r);
                    content.push(StepBlock::Note(into_callout(c)));
                }
                None => pending.push(Cow::Borrowed(node)),
            },
            _ => pending.push(Cow::Borrowed(node)),
        }
        i += 1;
    }
    flush(&mut pending, content, r);
}

/// Give every step its anchor: `step-N` when the guide has one procedure,
/// `<section-id>-step-N` when it has several; sub-steps add `-M`. Steps in
/// a variant tab take the tab's id (`windows-11-step-N`), sub-steps in a
/// step's tab the step's and the tab's (`step-2-windows-11-M`).
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
    /// `tab`: the id of the tab the blocks are in.
    fn walk(blocks: &mut [Block], section: &str, tab: Option<&str>, several: bool, r: &mut Renderer<'_>) {
        for b in blocks {
            match b {
                Block::Procedure(p) => {
                    for s in &mut p.steps {
                        let base = match tab {
                            Some(t) => format!("{t}-step-{}", s.number),
                            None if several && !section.is_empty() => format!("{section}-step-{}", s.number),
                            None => format!("step-{}", s.number),
                        };
                        s.anchor = r.ids.generated(&base, s.span.clone());
                        give_step_help(r, &s.span, &s.anchor);
                        let parent = s.anchor.clone();
                        substep_anchors(&mut s.content, &parent, r);
                    }
                }
                Block::Section(s) => {
                    let id = s.id.clone();
                    walk(&mut s.blocks, &id, tab, several, r);
                }
                Block::Tabs(t) => {
                    for tab in &mut t.tabs {
                        let id = tab.id.clone();
                        walk(&mut tab.blocks, section, Some(&id), several, r);
                    }
                }
                // A fix's steps are named after its node (`wifi-off-step-2`),
                // and do not change the anchors of the guide's own steps.
                Block::Flow(f) => {
                    let id = f.id.clone();
                    walk(&mut f.intro, &id, None, true, r);
                    for n in &mut f.nodes {
                        let id = n.id.clone();
                        walk(&mut n.blocks, &id, None, true, r);
                    }
                }
                _ => {}
            }
        }
    }
    fn substep_anchors(content: &mut [StepBlock], parent: &str, r: &mut Renderer<'_>) {
        for c in content {
            match c {
                StepBlock::Substeps(p) => {
                    for s in &mut p.steps {
                        s.anchor = r.ids.generated(&format!("{parent}-{}", s.number), s.span.clone());
                        give_step_help(r, &s.span, &s.anchor);
                        let me = s.anchor.clone();
                        substep_anchors(&mut s.content, &me, r);
                    }
                }
                StepBlock::Tabs(t) => {
                    for tab in &mut t.tabs {
                        let inner = format!("{parent}-{}", tab.id);
                        substep_anchors(&mut tab.blocks, &inner, r);
                    }
                }
                _ => {}
            }
        }
    }
    let several = count(&body.intro) + count(&body.body) > 1;
    walk(&mut body.body, "", None, several, r);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_help_blocks() {
        assert_eq!(step_help_block("Click [OK]. {help=ok-button}"), Some((vec!["ok-button"], 12)));
        assert_eq!(step_help_block("を選びます。{help=印刷 help=print}  "), Some((vec!["印刷", "print"], 18)));
        // Not ours: other words, an empty id, text after the braces.
        assert_eq!(step_help_block("Type {name}"), None);
        assert_eq!(step_help_block("Set {help=} now"), None);
        assert_eq!(step_help_block("Set {help=}"), None);
        assert_eq!(step_help_block("Set {help=a other}"), None);
        assert_eq!(step_help_block("{help=a} then more"), None);
    }

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
