//! The flowchart of a troubleshooter, drawn by tebiki at build time as an
//! inline SVG that needs no script: one box per node (questions, fixes,
//! pages an answer leaves for, the contact point), an arrow per answer
//! labelled with it, and "not solved" arrows from fixes to what comes next.
//! `wrap` measures and wraps the words, `layout` places boxes and arrows;
//! colours come from the theme's stylesheet (classes `fc-…`), so the chart
//! follows light and dark mode and prints.

pub mod layout;
pub mod wrap;

use std::fmt::Write as _;

use crate::model::{Flow, Target};
use crate::parse::markdown::{attr, ParseStrings, FLOW_CONTACT, FLOW_NOT_SOLVED};
use layout::{Edge, Layout, Size};

/// Font size of a box's words, in pixels.
const FONT: f32 = 13.0;
/// Font size of an arrow's label.
const LABEL_FONT: f32 = 12.0;
/// Line height, in font sizes.
const LEADING: f32 = 1.4;
/// Padding inside a box.
const PAD_X: f32 = 12.0;
const PAD_Y: f32 = 8.0;
/// The widest line of a box and of a label, in em; and how many lines.
const BOX_EM: f32 = 12.0;
const BOX_LINES: usize = 4;
const LABEL_EM: f32 = 9.0;
const LABEL_LINES: usize = 3;
/// The narrowest box, in em.
const MIN_BOX_EM: f32 = 6.0;

/// What a box stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoxKind {
    Question,
    Outcome,
    /// A page an answer leads to (another guide, a step of one, a web page).
    Page,
    /// The site's contact point.
    Contact,
}

impl BoxKind {
    fn class(self) -> &'static str {
        match self {
            BoxKind::Question => "fc-q",
            BoxKind::Outcome => "fc-o",
            BoxKind::Page => "fc-x",
            BoxKind::Contact => "fc-c",
        }
    }
}

/// A box of the chart: its kind and its words, wrapped.
#[derive(Debug, Clone)]
pub struct ChartBox {
    pub kind: BoxKind,
    pub lines: Vec<String>,
    pub size: Size,
}

/// An arrow of the chart.
#[derive(Debug, Clone)]
pub struct Arrow {
    pub from: usize,
    pub to: usize,
    pub label: Vec<String>,
}

/// A flow's chart before it is laid out: its boxes (the flow's nodes first,
/// in order) and arrows.
#[derive(Debug, Clone)]
pub struct Chart {
    pub boxes: Vec<ChartBox>,
    pub arrows: Vec<Arrow>,
}

fn lines_size(lines: &[String], font: f32, cjk: bool, min_em: f32) -> Size {
    let widest = lines.iter().map(|l| wrap::text_em(l, cjk)).fold(min_em, f32::max);
    Size { w: (widest * font + 2.0 * PAD_X).ceil(), h: (lines.len() as f32 * font * LEADING + 2.0 * PAD_Y).ceil() }
}

fn label_size(lines: &[String], cjk: bool) -> Size {
    let widest = lines.iter().map(|l| wrap::text_em(l, cjk)).fold(0.0, f32::max);
    Size { w: (widest * LABEL_FONT + 10.0).ceil(), h: (lines.len() as f32 * LABEL_FONT * LEADING + 4.0).ceil() }
}

impl Chart {
    /// The chart of a flow (`strings`: the page's parse strings).
    pub fn of(flow: &Flow, strings: &ParseStrings, lang: &str) -> Chart {
        let cjk = wrap::is_cjk_lang(lang);
        let make_box = |kind: BoxKind, text: &str| {
            let lines = wrap::wrap(text, BOX_EM, BOX_LINES, cjk);
            let size = lines_size(&lines, FONT, cjk, MIN_BOX_EM);
            ChartBox { kind, lines, size }
        };
        let mut boxes: Vec<ChartBox> = flow
            .nodes
            .iter()
            .map(|n| make_box(if n.is_question() { BoxKind::Question } else { BoxKind::Outcome }, &n.title.text))
            .collect();
        let mut arrows = Vec::new();
        let label = |text: &str| wrap::wrap(text, LABEL_EM, LABEL_LINES, cjk);
        let mut contact = None;
        for (i, n) in flow.nodes.iter().enumerate() {
            for c in &n.choices {
                match &c.target {
                    Target::Node(id) => {
                        if let Some(j) = flow.index_of(id) {
                            arrows.push(Arrow { from: i, to: j, label: label(&c.label.text) });
                        }
                    }
                    Target::Page => {
                        boxes.push(make_box(BoxKind::Page, &c.label.text));
                        arrows.push(Arrow { from: i, to: boxes.len() - 1, label: Vec::new() });
                    }
                    Target::Missing(_) | Target::Nothing => {}
                }
            }
            if n.is_question() {
                continue;
            }
            let not_solved = label(&strings[FLOW_NOT_SOLVED]);
            match n.next.as_ref().map(|x| &x.target) {
                Some(Target::Node(id)) => {
                    if let Some(j) = flow.index_of(id) {
                        arrows.push(Arrow { from: i, to: j, label: not_solved });
                    }
                }
                None if flow.contact.is_some() => {
                    let to = *contact.get_or_insert_with(|| {
                        boxes.push(make_box(BoxKind::Contact, &strings[FLOW_CONTACT]));
                        boxes.len() - 1
                    });
                    arrows.push(Arrow { from: i, to, label: not_solved });
                }
                _ => {}
            }
        }
        Chart { boxes, arrows }
    }

    /// Lay the chart out.
    pub fn layout(&self, cjk: bool) -> Layout {
        let sizes: Vec<Size> = self.boxes.iter().map(|b| b.size).collect();
        let edges: Vec<Edge> = self
            .arrows
            .iter()
            .map(|a| Edge { from: a.from, to: a.to, label: (!a.label.is_empty()).then(|| label_size(&a.label, cjk)) })
            .collect();
        layout::layout(&sizes, &edges, 0)
    }
}

/// A number for SVG: one decimal at most.
fn num(x: f32) -> String {
    let s = format!("{:.1}", x);
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// The `d` of an arrow: straight where it runs vertically, a curve where it
/// moves sideways between two layers.
fn path_d(points: &[(f32, f32)], self_loop: bool) -> String {
    let mut d = String::new();
    let Some(&(x0, y0)) = points.first() else { return d };
    let _ = write!(d, "M{},{}", num(x0), num(y0));
    if self_loop && points.len() == 4 {
        let [_, a, b, c] = [points[0], points[1], points[2], points[3]];
        let _ = write!(d, "C{},{} {},{} {},{}", num(a.0), num(a.1), num(b.0), num(b.1), num(c.0), num(c.1));
        return d;
    }
    for w in points.windows(2) {
        let ((px, py), (x, y)) = (w[0], w[1]);
        if (px - x).abs() < 0.5 {
            let _ = write!(d, "V{}", num(y));
        } else {
            let mid = (py + y) / 2.0;
            let _ = write!(d, "C{},{} {},{} {},{}", num(px), num(mid), num(x), num(mid), num(x), num(y));
        }
    }
    d
}

/// Text lines centred in a box whose top is `top`.
fn text(out: &mut String, lines: &[String], cx: f32, top: f32, font: f32) {
    let lh = font * LEADING;
    let _ = write!(out, "<text x=\"{}\" font-size=\"{}\" text-anchor=\"middle\">", num(cx), num(font));
    for (k, line) in lines.iter().enumerate() {
        // The baseline sits a little below the middle of the line.
        let y = top + k as f32 * lh + lh / 2.0 + font * 0.36;
        let _ = write!(out, "<tspan x=\"{}\" y=\"{}\">{}</tspan>", num(cx), num(y), attr(line));
    }
    out.push_str("</text>");
}

/// The SVG of a flow's chart (ids on the page start with the flow's id).
pub fn svg(flow: &Flow, strings: &ParseStrings, lang: &str) -> String {
    let chart = Chart::of(flow, strings, lang);
    let l = chart.layout(wrap::is_cjk_lang(lang));
    let id = attr(&flow.id);
    let mut out = String::with_capacity(600 + chart.boxes.len() * 400);
    let _ = write!(
        out,
        "<svg class=\"flow-chart-svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{id}--chart\"><title id=\"{id}--chart\">{title}</title>\
         <defs><marker id=\"{id}--arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path class=\"fc-head\" d=\"M0,1L10,5L0,9z\"/></marker></defs>",
        w = num(l.width.ceil()),
        h = num(l.height.ceil()),
        title = attr(&flow.title.text),
    );
    out.push_str("<g class=\"fc-edges\">");
    for (a, p) in chart.arrows.iter().zip(&l.edges) {
        let class = if p.back { "fc-edge fc-back" } else { "fc-edge" };
        let _ = write!(
            out,
            "<path class=\"{class}\" d=\"{}\" marker-end=\"url(#{id}--arrow)\"/>",
            path_d(&p.points, a.from == a.to)
        );
    }
    out.push_str("</g><g class=\"fc-nodes\">");
    for (k, (b, r)) in chart.boxes.iter().zip(&l.nodes).enumerate() {
        let start = if k == 0 { " fc-start" } else { "" };
        let rx = if b.kind == BoxKind::Question { 12 } else { 4 };
        let _ = write!(
            out,
            "<g class=\"fc-node {}{start}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{rx}\"/>",
            b.kind.class(),
            num(r.x),
            num(r.y),
            num(r.w),
            num(r.h)
        );
        text(&mut out, &b.lines, r.cx(), r.y + PAD_Y, FONT);
        out.push_str("</g>");
    }
    out.push_str("</g><g class=\"fc-labels\">");
    for (a, p) in chart.arrows.iter().zip(&l.edges) {
        if let Some(r) = p.label {
            let _ = write!(
                out,
                "<g class=\"fc-label\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\"/>",
                num(r.x),
                num(r.y),
                num(r.w),
                num(r.h)
            );
            text(&mut out, &a.label, r.cx(), r.y + 2.0, LABEL_FONT);
            out.push_str("</g>");
        }
    }
    out.push_str("</g></svg>");
    out
}
