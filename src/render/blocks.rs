//! The default theme's block partials (`templates/partials/blocks.html`,
//! `procedure.html`, `callout.html`, `qa.html`, `qa-tools.html`,
//! `tabs.html`) written in
//! Rust. Guide bodies are most of a site's HTML, and tera spends thousands
//! of instructions on every variable it looks up; this renders the same
//! markup directly. It is used only while a site does not override those
//! partials, and a test builds the example site both ways and requires the
//! same markup, so the templates stay the specification.

use std::fmt::Write as _;

use crate::model::{Block, Callout, Flow, Fold, NodeKind, Procedure, Qa, StepBlock, Tabs, Target};
use crate::parse::markdown::{footnotes_html, tab_panel_open, tabs_open, TabHead, TAB_PANEL_CLOSE};
use crate::render::i18n::Strings;
use crate::render::page::{esc, push_esc};

/// The partials this module stands in for.
pub const PARTIALS: &[&str] = &[
    "partials/blocks.html",
    "partials/procedure.html",
    "partials/callout.html",
    "partials/qa.html",
    "partials/qa-tools.html",
    "partials/footnotes.html",
    "partials/tabs.html",
    "partials/step-content.html",
    "partials/flow.html",
];

/// HTML of a list of blocks, as `partials/blocks.html` renders it.
pub fn blocks(list: &[Block], t: &Strings) -> String {
    let mut out = String::with_capacity(4096);
    write_blocks(list, t, &mut out);
    out
}

fn write_blocks(list: &[Block], t: &Strings, out: &mut String) {
    if list.iter().filter(|b| matches!(b, Block::Qa(_))).count() > 1 {
        qa_tools(t, out);
    }
    for b in list {
        match b {
            Block::Html { html } => {
                out.push_str("<div class=\"prose\">");
                out.push_str(html);
                out.push_str("</div>\n");
            }
            Block::Procedure(p) => procedure(p, false, t, out),
            Block::Callout(c) => callout(c, t, out),
            Block::Qa(q) => qa(q, t, out),
            Block::Flow(f) => flow(f, t, out),
            Block::Footnotes(f) => {
                out.push_str(&footnotes_html(f, t.get("footnotes"), t.get("footnote_back")));
            }
            Block::Tabs(tabs) => tab_group(tabs, out, |blocks, out| write_blocks(blocks, t, out)),
            Block::Section(s) => {
                let (level, id) = (s.level, esc(&s.id));
                let _ = write!(
                    out,
                    "<section class=\"section section-{level}\" aria-labelledby=\"{id}\"><h{level} id=\"{id}\">"
                );
                aliases(&s.aliases, out);
                out.push_str(&s.title.html);
                let _ = writeln!(out, "</h{level}>");
                write_blocks(&s.blocks, t, out);
                out.push_str("</section>\n");
            }
        }
    }
}

/// A troubleshooter, as `partials/flow.html` lays it out: its heading and
/// introduction, the reader's path and restart (shown with JavaScript), the
/// flowchart, then every node as a section that links on.
fn flow(f: &Flow, t: &Strings, out: &mut String) {
    let (level, id) = (f.level, esc(&f.id));
    let start = f.nodes.first().map(|n| esc(&n.id)).unwrap_or_default();
    let _ = write!(
        out,
        "<section class=\"section section-{level} flow\" aria-labelledby=\"{id}\" data-flow=\"{start}\"><h{level} id=\"{id}\">"
    );
    aliases(&f.aliases, out);
    out.push_str(&f.title.html);
    let _ = writeln!(out, "</h{level}>");
    write_blocks(&f.intro, t, out);
    let _ = writeln!(
        out,
        "<div class=\"flow-bar js-only\"><nav class=\"flow-trail\" aria-label=\"{}\"><ol></ol></nav><button type=\"button\" class=\"btn btn-quiet flow-restart\"><span class=\"icon icon-restart\" aria-hidden=\"true\"></span>{}</button></div>",
        esc(t.get("flow_trail")),
        esc(t.get("flow_restart"))
    );
    let _ = writeln!(
        out,
        "<details class=\"flow-chart\" open><summary>{}</summary><div class=\"flow-chart-scroll\" tabindex=\"0\">{}</div></details>",
        esc(t.get("flow_chart")),
        f.chart
    );
    let sub = level + 1;
    for n in &f.nodes {
        let kind = match n.kind {
            NodeKind::Question => "question",
            NodeKind::Outcome => "outcome",
        };
        let nid = esc(&n.id);
        let _ = write!(
            out,
            "<section class=\"flow-node flow-{kind}\" aria-labelledby=\"{nid}\" data-node=\"{nid}\"><h{sub} id=\"{nid}\" class=\"flow-node-title\">"
        );
        aliases(&n.aliases, out);
        out.push_str(&n.title.html);
        let _ = writeln!(out, "</h{sub}>");
        write_blocks(&n.blocks, t, out);
        if n.kind == NodeKind::Question {
            out.push_str("<ul class=\"flow-choices\">\n");
            for c in &n.choices {
                if c.target == Target::Nothing {
                    let _ = writeln!(out, "<li><span class=\"flow-choice\">{}</span></li>", c.label.html);
                    continue;
                }
                out.push_str("<li><a class=\"flow-choice\" href=\"");
                out.push_str(&c.href);
                out.push('"');
                if let Target::Node(to) = &c.target {
                    let _ = write!(out, " data-to=\"{}\"", esc(to));
                }
                out.push('>');
                out.push_str(&c.label.html);
                out.push_str("</a>");
                if !c.leads_to.is_empty() {
                    let _ = write!(out, "<span class=\"flow-to\">{}</span>", esc(&c.leads_to));
                }
                if let Some(note) = &c.note {
                    let _ = write!(out, "<span class=\"flow-choice-note\">{}</span>", note.html);
                }
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        } else {
            let _ = writeln!(
                out,
                "<div class=\"flow-solved js-only\" role=\"group\" aria-label=\"{q}\"><p class=\"flow-solved-question\">{q}</p><div class=\"flow-solved-buttons\"><button type=\"button\" class=\"btn flow-vote\" data-solved=\"yes\" aria-pressed=\"false\"><span class=\"icon icon-check\" aria-hidden=\"true\"></span>{yes}</button><button type=\"button\" class=\"btn flow-vote\" data-solved=\"no\" aria-pressed=\"false\">{no}</button></div><p class=\"flow-solved-status\" role=\"status\"></p></div>",
                q = esc(t.get("flow_solved")),
                yes = esc(t.get("flow_solved_yes")),
                no = esc(t.get("flow_solved_no"))
            );
            match (&n.next, &f.contact) {
                (Some(next), _) => {
                    out.push_str("<p class=\"flow-next\"");
                    if let Target::Node(to) = &next.target {
                        let _ = write!(out, " data-to=\"{}\"", esc(to));
                    }
                    let _ = writeln!(out, ">{}</p>", next.html);
                }
                (None, Some(contact)) => {
                    let _ = writeln!(
                        out,
                        "<p class=\"flow-next flow-contact\">{}<a href=\"{}\">{}</a></p>",
                        esc(t.get("flow_contact_lead")),
                        contact,
                        esc(t.get("flow_contact_link"))
                    );
                }
                (None, None) => {}
            }
        }
        out.push_str("</section>\n");
    }
    out.push_str("</section>\n");
}

fn qa_tools(t: &Strings, out: &mut String) {
    let _ = writeln!(out, "<div class=\"qa-tools js-only\"><button type=\"button\" class=\"btn btn-quiet qa-toggle-all\" aria-expanded=\"false\"><span class=\"icon icon-down\" aria-hidden=\"true\"></span><span class=\"qa-toggle-label\">{}</span></button></div>",
        esc(t.get("expand_all"))
    );
}

fn procedure(p: &Procedure, sub: bool, t: &Strings, out: &mut String) {
    let class = if sub { "substeps" } else { "steps" };
    let _ = write!(out, "<ol class=\"{class}\"");
    if p.start != 1 {
        let _ = write!(out, " start=\"{}\"", p.start);
    }
    out.push_str(">\n");
    let step_label = esc(t.get("step"));
    let step_done = esc(t.get("step_done"));
    for s in &p.steps {
        let n = &s.number.to_string();
        out.push_str("<li class=\"step\" id=\"");
        push_esc(out, &s.anchor);
        out.push_str("\"><div class=\"step-head\"><span class=\"step-number\"><span class=\"visually-hidden\">");
        out.push_str(&step_label);
        out.push_str(" </span>");
        out.push_str(n);
        out.push_str("</span><div class=\"step-instruction\">");
        out.push_str(&s.instruction.html);
        out.push_str("</div>");
        if !sub {
            out.push_str("<label class=\"step-check js-only\"><input type=\"checkbox\" class=\"step-done\" value=\"");
            push_esc(out, &s.anchor);
            out.push_str("\"><span class=\"step-check-text\"><span class=\"visually-hidden\">");
            out.push_str(&step_label);
            out.push(' ');
            out.push_str(n);
            out.push_str(" </span>");
            out.push_str(&step_done);
            out.push_str("</span></label>");
        }
        out.push_str("</div>\n");
        if !s.content.is_empty() {
            out.push_str("<div class=\"step-body\">\n");
            step_blocks(&s.content, t, out);
            out.push_str("</div>\n");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}

/// A step's content after its instruction.
fn step_blocks(content: &[StepBlock], t: &Strings, out: &mut String) {
    for c in content {
        match c {
            StepBlock::Screenshot(shot) if !shot.marks.is_empty() => marked_screenshot(shot, t, out),
            StepBlock::Screenshot(shot) => {
                out.push_str("<figure class=\"screenshot\"><a class=\"screenshot-link\" href=\"");
                out.push_str(&shot.src);
                out.push_str("\">");
                shot_img(shot, out);
                out.push_str("</a>");
                if let Some(caption) = &shot.caption {
                    out.push_str("<figcaption>");
                    out.push_str(&caption.html);
                    out.push_str("</figcaption>");
                }
                out.push_str("</figure>\n");
            }
            StepBlock::Details { html } => {
                let _ = writeln!(out, "<div class=\"step-details\">{html}</div>");
            }
            StepBlock::Substeps(p) => procedure(p, true, t, out),
            StepBlock::Note(c) => callout(c, t, out),
            StepBlock::Tabs(tabs) => tab_group(tabs, out, |blocks, out| step_blocks(blocks, t, out)),
        }
    }
}

/// A screenshot with marks, as `partials/step-content.html` lays it out:
/// the image and its SVG overlay in a frame a phone crops to the marks.
fn marked_screenshot(shot: &crate::model::Screenshot, t: &Strings, out: &mut String) {
    use crate::parse::marks::Mark;
    out.push_str("<figure class=\"screenshot has-marks");
    if let Some(focus) = &shot.focus {
        let crop = if shot.picture.as_ref().is_some_and(|p| p.crop.is_some()) { " has-crop" } else { "" };
        let _ = write!(out, " has-focus{crop}\" style=\"{focus}\"");
    } else {
        out.push('"');
    }
    let _ = write!(
        out,
        "><a class=\"screenshot-link\" href=\"{}\"><span class=\"shot-frame\"><span class=\"shot-canvas\">",
        shot.src
    );
    shot_img(shot, out);
    if let (Some(w), Some(h)) = (shot.pixel_width, shot.pixel_height) {
        let _ = write!(
            out,
            "<svg class=\"shot-marks\" viewBox=\"0 0 {w} {h}\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\">"
        );
        for m in &shot.marks {
            match m {
                Mark::Rect { x, y, w, h, r } => {
                    let _ = write!(
                        out,
                        "<rect class=\"mark\" x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"{r}\"/>"
                    );
                }
                Mark::Ellipse { cx, cy, rx, ry, .. } => {
                    let _ = write!(out, "<ellipse class=\"mark\" cx=\"{cx}\" cy=\"{cy}\" rx=\"{rx}\" ry=\"{ry}\"/>");
                }
                Mark::Arrow { x1, y1, x2, y2, head } => {
                    let _ = write!(
                        out,
                        "<line class=\"mark\" x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\"/><polygon class=\"mark mark-head\" points=\"{head}\"/>"
                    );
                }
                // Never drawn: the build hides its pixels.
                Mark::Blur { .. } => {}
                Mark::Badge { n, x, y, r } => {
                    let _ = write!(
                        out,
                        "<g class=\"mark-badge\"><circle cx=\"{x}\" cy=\"{y}\" r=\"{r}\"/><text x=\"{x}\" y=\"{y}\" font-size=\"{r}\" dy=\"0.35em\" text-anchor=\"middle\">{n}</text></g>"
                    );
                }
            }
        }
        out.push_str("</svg>");
    }
    out.push_str("</span></span></a>");
    if shot.focus.is_some() {
        out.push_str("<button type=\"button\" class=\"btn shot-whole js-only\" aria-pressed=\"false\">");
        push_esc(out, t.get("shot_whole"));
        out.push_str("</button>");
    }
    out.push_str("<span class=\"visually-hidden\">");
    push_esc(out, t.get("shot_marked"));
    out.push(' ');
    push_esc(out, &shot.alt);
    out.push_str("</span>");
    if let Some(caption) = &shot.caption {
        out.push_str("<figcaption>");
        out.push_str(&caption.html);
        out.push_str("</figcaption>");
    }
    out.push_str("</figure>\n");
}

/// The screens a marked screenshot's crop is for: the theme's phone
/// layout (`tebiki.css` crops to the marks under the same query).
const PHONE: &str = "screen and (max-width: 600px)";

/// A screenshot's image: its optimised files in a `<picture>` when the
/// build made them, else the file alone.
fn shot_img(shot: &crate::model::Screenshot, out: &mut String) {
    match &shot.picture {
        Some(p) => {
            out.push_str("<picture>");
            if let Some(crop) = &p.crop {
                let _ = write!(out, "<source media=\"{PHONE}\" type=\"image/webp\" srcset=\"{crop}\">");
            }
            if let Some(webp) = &p.webp {
                let _ = write!(out, "<source type=\"image/webp\" srcset=\"{webp}\"");
                if let Some(sizes) = &p.sizes {
                    let _ = write!(out, " sizes=\"{sizes}\"");
                }
                out.push('>');
            }
            let _ = write!(out, "<img src=\"{}\"", p.src);
            if let Some(srcset) = &p.srcset {
                let _ = write!(out, " srcset=\"{srcset}\"");
            }
            if let Some(sizes) = &p.sizes {
                let _ = write!(out, " sizes=\"{sizes}\"");
            }
        }
        None => {
            let _ = write!(out, "<img src=\"{}\"", shot.src);
        }
    }
    out.push_str(" alt=\"");
    push_esc(out, &shot.alt);
    out.push('"');
    if let (Some(w), Some(h)) = (shot.width, shot.height) {
        let _ = write!(out, " width=\"{w}\" height=\"{h}\"");
    }
    out.push_str(" loading=\"lazy\" decoding=\"async\">");
    if shot.picture.is_some() {
        out.push_str("</picture>");
    }
}

/// A group of variant tabs, as `partials/tabs.html` lays it out; `body`
/// writes a tab's content.
fn tab_group<B>(tabs: &Tabs<B>, out: &mut String, mut body: impl FnMut(&[B], &mut String)) {
    let heads: Vec<TabHead> =
        tabs.tabs.iter().map(|tab| TabHead { id: &tab.id, label: &tab.label, key: &tab.key }).collect();
    tabs_open(out, &heads, tabs.selected);
    for (k, (head, tab)) in heads.iter().zip(&tabs.tabs).enumerate() {
        tab_panel_open(out, head, k == tabs.selected);
        body(&tab.blocks, out);
        out.push_str(TAB_PANEL_CLOSE);
    }
    out.push_str(TAB_PANEL_CLOSE);
}

fn callout(c: &Callout, t: &Strings, out: &mut String) {
    let kind = c.kind.as_str();
    let default = || esc(t.get(&format!("callout_{kind}")));
    match c.fold {
        Fold::None => {
            let _ = write!(out, "<aside class=\"callout callout-{kind}\">");
            match &c.title {
                Some(title) if title.html.is_empty() => {}
                Some(title) => {
                    let _ = write!(out, "<p class=\"callout-title\">{}</p>", title.html);
                }
                None => {
                    let _ = write!(out, "<p class=\"callout-title\">{}</p>", default());
                }
            }
            let _ = writeln!(out, "<div class=\"callout-body\">{}</div></aside>", c.html);
        }
        Fold::Closed | Fold::Open => {
            let open = if c.fold == Fold::Open { " open" } else { "" };
            let _ = write!(out, "<details class=\"callout callout-{kind}\"{open}><summary class=\"callout-title\">");
            match &c.title {
                Some(title) if !title.html.is_empty() => out.push_str(&title.html),
                _ => out.push_str(&default()),
            }
            let _ = writeln!(out, "</summary><div class=\"callout-body\">{}</div></details>", c.html);
        }
    }
}

/// Empty anchors carrying a heading's aliases (old deep links land on it).
fn aliases(ids: &[String], out: &mut String) {
    for id in ids {
        out.push_str("<a id=\"");
        push_esc(out, id);
        out.push_str("\"></a>");
    }
}

fn qa(q: &Qa, t: &Strings, out: &mut String) {
    let level = q.level;
    let mut alias_html = String::new();
    aliases(&q.aliases, &mut alias_html);
    let _ = writeln!(out, "<details class=\"qa\" id=\"{}\"><summary><h{level} class=\"qa-question\">{alias_html}<span class=\"qa-mark\" aria-hidden=\"true\">{}</span>{}</h{level}></summary><div class=\"qa-answer\"><span class=\"qa-mark qa-mark-answer\" aria-hidden=\"true\">{}</span><div class=\"qa-answer-body\">{}</div></div></details>",
        esc(&q.id),
        esc(t.get("question_prefix")),
        q.question.html,
        esc(t.get("answer_prefix")),
        q.answer.html
    );
}
