//! A guide → what search sees of it: the weighted fields of the whole guide
//! (for the index) and its addressable units (the guide, each step, each
//! question, each section) with their anchors and text (for result links,
//! the best-matching part and snippets).

use std::borrow::Cow;

use crate::model::{Block, Callout, Flow, Guide, Procedure, Site, Step, StepBlock, ROOT_MARK};

/// The fields of a guide, strongest first (SPEC.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The guide's title.
    Title = 0,
    /// Section headings and questions.
    Heading = 1,
    /// Step instructions.
    Instruction = 2,
    /// Summary, tags, screenshot captions and alt text.
    Summary = 3,
    /// Everything else: introduction, details, notes, answers, applies_to.
    Rest = 4,
}

/// Weight of each field, in [`Field`] order: title > questions and headings
/// > step instructions > summary and captions > the rest.
pub const FIELD_WEIGHTS: [f32; 5] = [6.0, 4.0, 2.5, 1.5, 1.0];

/// Longest unit text kept for snippets and for finding the best unit, in
/// characters.
pub const UNIT_TEXT_MAX: usize = 200;

/// The kind of a unit, as written into fragments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    Guide,
    Step,
    Question,
    Section,
}

impl UnitKind {
    pub fn code(self) -> &'static str {
        match self {
            UnitKind::Guide => "g",
            UnitKind::Step => "s",
            UnitKind::Question => "q",
            UnitKind::Section => "h",
        }
    }
}

/// A part of a guide a result can link to.
#[derive(Debug, Clone)]
pub struct Unit<'a> {
    pub kind: UnitKind,
    /// Element id on the guide page (`""` for the guide itself).
    pub anchor: &'a str,
    /// The title, question, heading or instruction.
    pub label: &'a str,
    /// The rest of its text.
    pub text: String,
    /// The unit of the section a step or section belongs to.
    pub section: Option<usize>,
    /// A step's number.
    pub number: Option<u64>,
}

/// What search sees of one guide; borrows from the model where it can.
#[derive(Debug, Clone, Default)]
pub struct Extract<'a> {
    /// Text segments per field (a segment never bridges into the next).
    pub fields: [Vec<Cow<'a, str>>; 5],
    pub units: Vec<Unit<'a>>,
}

impl<'a> Extract<'a> {
    fn add(&mut self, field: Field, text: Cow<'a, str>) {
        if !text.trim().is_empty() {
            self.fields[field as usize].push(text);
        }
    }
}

/// Plain text of an HTML fragment written by the renderer: tags dropped,
/// block ends turned into newlines, entities decoded, root marks removed.
pub fn html_text(html: &str) -> String {
    const BLOCKS: &[&str] = &[
        "p",
        "li",
        "ul",
        "ol",
        "div",
        "pre",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "table",
        "tr",
        "td",
        "th",
        "details",
        "summary",
        "figure",
        "figcaption",
        "dt",
        "dd",
        "hr",
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&rest[..lt], &mut out);
        let Some(gt) = rest[lt..].find('>') else {
            push_text(&rest[lt..], &mut out);
            rest = "";
            break;
        };
        let tag = rest[lt + 1..lt + gt].trim_start_matches('/');
        let name = &tag[..tag.bytes().take_while(u8::is_ascii_alphanumeric).count()];
        if BLOCKS.iter().any(|b| b.eq_ignore_ascii_case(name)) {
            let trimmed = out.trim_end_matches(' ').len();
            out.truncate(trimmed);
            if !out.ends_with('\n') && !out.is_empty() {
                out.push('\n');
            }
        }
        rest = &rest[lt + gt + 1..];
    }
    push_text(rest, &mut out);
    out.trim().to_string()
}

/// Append text content, decoding entities and turning line breaks into spaces.
fn push_text(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        push_plain(&rest[..amp], out);
        let tail = &rest[amp..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &tail[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, n)) => {
                out.push(c);
                rest = &tail[n..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    push_plain(rest, out);
}

fn push_plain(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            ROOT_MARK => {}
            '\n' | '\r' | ' ' | '\t' => {
                if !(out.is_empty() || out.ends_with(['\n', ' '])) {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
}

/// Cut a text to at most `max` characters, at a character boundary.
fn clip(text: &mut String, max: usize) {
    if text.len() <= max {
        return;
    }
    if let Some((i, _)) = text.char_indices().nth(max) {
        text.truncate(i);
        text.push('…');
    }
}

/// Walks a guide's blocks, filling the fields and the units.
struct Walker<'a> {
    ex: Extract<'a>,
    /// Index of the unit that collects loose text (the guide or a section).
    container: usize,
    /// The innermost section's unit.
    section: Option<usize>,
}

impl<'a> Walker<'a> {
    fn append(&mut self, unit: usize, text: &str) {
        let t = &mut self.ex.units[unit].text;
        if t.len() > UNIT_TEXT_MAX * 4 {
            return;
        }
        if !t.is_empty() {
            t.push('\n');
        }
        t.push_str(text);
    }

    fn callout_text(c: &Callout) -> String {
        let mut s = c.title.as_ref().map(|t| format!("{}\n", t.text)).unwrap_or_default();
        s.push_str(&html_text(&c.html));
        s
    }

    fn block(&mut self, block: &'a Block) {
        match block {
            Block::Html { html } => {
                let text = html_text(html);
                self.append(self.container, &text);
                self.ex.add(Field::Rest, Cow::Owned(text));
            }
            Block::Callout(c) => {
                let text = Self::callout_text(c);
                self.append(self.container, &text);
                self.ex.add(Field::Rest, Cow::Owned(text));
            }
            Block::Procedure(p) => self.procedure(p),
            Block::Tabs(t) => {
                // Each tab is a part a result can open (its panel's id
                // selects it); its steps are steps as anywhere.
                for tab in &t.tabs {
                    let saved = self.container;
                    self.container = self.tab_unit(&tab.id, &tab.label);
                    tab.blocks.iter().for_each(|b| self.block(b));
                    self.container = saved;
                }
            }
            Block::Footnotes(f) => {
                for n in &f.notes {
                    self.append(self.container, &n.text);
                    self.ex.add(Field::Rest, Cow::Borrowed(&n.text));
                }
            }
            Block::Qa(q) => {
                self.ex.add(Field::Heading, Cow::Borrowed(&q.question.text));
                self.ex.add(Field::Rest, Cow::Borrowed(&q.answer.text));
                self.ex.units.push(Unit {
                    kind: UnitKind::Question,
                    anchor: &q.id,
                    label: &q.question.text,
                    text: q.answer.text.clone(),
                    section: self.section,
                    number: None,
                });
            }
            Block::Flow(f) => self.flow(f),
            Block::Section(s) => {
                let (saved_container, saved_section) = self.open_section(&s.id, &s.title.text);
                for b in &s.blocks {
                    self.block(b);
                }
                self.container = saved_container;
                self.section = saved_section;
            }
        }
    }

    /// A section-like heading (a section, a troubleshooter): its unit, which
    /// holds what follows until the caller restores the container and
    /// section returned.
    fn open_section(&mut self, id: &'a str, title: &'a str) -> (usize, Option<usize>) {
        self.ex.add(Field::Heading, Cow::Borrowed(title));
        self.ex.units.push(Unit {
            kind: UnitKind::Section,
            anchor: id,
            label: title,
            text: String::new(),
            section: self.section,
            number: None,
        });
        let saved = (self.container, self.section);
        self.container = self.ex.units.len() - 1;
        self.section = Some(self.container);
        saved
    }

    /// A unit for a variant tab, whose text its content fills.
    fn tab_unit(&mut self, id: &'a str, label: &'a str) -> usize {
        self.ex.add(Field::Rest, Cow::Borrowed(label));
        self.ex.units.push(Unit {
            kind: UnitKind::Section,
            anchor: id,
            label,
            text: String::new(),
            section: self.section,
            number: None,
        });
        self.ex.units.len() - 1
    }

    /// A troubleshooter: its heading like a section's, each question like
    /// a question (its answers its text) and each fix like a section, so
    /// that a result opens the troubleshooter at the node that matches.
    fn flow(&mut self, f: &'a Flow) {
        let (saved_container, saved_section) = self.open_section(&f.id, &f.title.text);
        for b in &f.intro {
            self.block(b);
        }
        let flow_unit = self.container;
        for n in &f.nodes {
            self.ex.add(Field::Heading, Cow::Borrowed(&n.title.text));
            let kind = if n.is_question() { UnitKind::Question } else { UnitKind::Section };
            self.ex.units.push(Unit {
                kind,
                anchor: &n.id,
                label: &n.title.text,
                text: String::new(),
                section: Some(flow_unit),
                number: None,
            });
            self.container = self.ex.units.len() - 1;
            self.section = Some(self.container);
            for b in &n.blocks {
                self.block(b);
            }
            for c in &n.choices {
                self.append(self.container, &c.label.text);
                self.ex.add(Field::Rest, Cow::Borrowed(&c.label.text));
            }
        }
        self.container = saved_container;
        self.section = saved_section;
    }

    fn procedure(&mut self, p: &'a Procedure) {
        for step in &p.steps {
            self.step(step);
        }
    }

    fn step(&mut self, step: &'a Step) {
        self.ex.add(Field::Instruction, Cow::Borrowed(&step.instruction.text));
        let mut text = String::new();
        let push = |t: &str, text: &mut String| {
            if !t.trim().is_empty() {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(t.trim());
            }
        };
        for b in &step.content {
            match b {
                StepBlock::Screenshot(s) => {
                    // Captions are indexed, but repeat the instruction too
                    // often to be worth a place in the unit's text.
                    let caption = s.caption.as_ref().map(|c| c.text.as_str()).unwrap_or("");
                    self.ex.add(Field::Summary, Cow::Borrowed(caption));
                    self.ex.add(Field::Summary, Cow::Borrowed(&s.alt));
                }
                StepBlock::Details { html } => {
                    let t = html_text(html);
                    push(&t, &mut text);
                    self.ex.add(Field::Rest, Cow::Owned(t));
                }
                StepBlock::Substeps(p) => {
                    for sub in &p.steps {
                        let t = substep_text(sub);
                        push(&t, &mut text);
                        self.ex.add(Field::Rest, Cow::Owned(t));
                    }
                }
                StepBlock::Note(c) => {
                    let t = Self::callout_text(c);
                    push(&t, &mut text);
                    self.ex.add(Field::Rest, Cow::Owned(t));
                }
                StepBlock::Tabs(t) => {
                    // Each tab is a unit of its own (not part of the step's
                    // text), so a match in one opens that tab.
                    for tab in &t.tabs {
                        let unit = self.tab_unit(&tab.id, &tab.label);
                        let t: String = tab.blocks.iter().map(step_block_text).collect::<Vec<_>>().join("\n");
                        self.append(unit, &t);
                        self.ex.add(Field::Rest, Cow::Owned(t));
                    }
                }
            }
        }
        self.ex.units.push(Unit {
            kind: UnitKind::Step,
            anchor: &step.anchor,
            label: &step.instruction.text,
            text,
            section: self.section,
            number: Some(step.number),
        });
    }
}

/// The text of a sub-step and everything under it.
fn substep_text(step: &Step) -> String {
    let mut parts = vec![step.instruction.text.clone()];
    parts.extend(step.content.iter().map(step_block_text));
    parts.retain(|p| !p.trim().is_empty());
    parts.join("\n")
}

/// The text of a part of a step.
fn step_block_text(b: &StepBlock) -> String {
    match b {
        StepBlock::Screenshot(s) => s.caption.as_ref().map(|c| c.text.clone()).unwrap_or_default(),
        StepBlock::Details { html } => html_text(html),
        StepBlock::Substeps(p) => p.steps.iter().map(substep_text).collect::<Vec<_>>().join("\n"),
        StepBlock::Note(c) => html_text(&c.html),
        StepBlock::Tabs(t) => t
            .tabs
            .iter()
            .map(|tab| {
                let inner: Vec<String> = tab.blocks.iter().map(step_block_text).collect();
                format!("{}\n{}", tab.label, inner.join("\n"))
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Extract one guide of a site. `category` is the title of its category
/// (indexed with the rest).
pub fn extract<'a>(site: &'a Site, id: usize, category: &'a str) -> Extract<'a> {
    let g: &Guide = &site.guides[id];
    let mut w = Walker { ex: Extract::default(), container: 0, section: None };
    w.ex.add(Field::Title, Cow::Borrowed(&g.meta.title));
    w.ex.add(Field::Summary, Cow::Borrowed(&g.meta.summary));
    for t in &g.meta.tags {
        w.ex.add(Field::Summary, Cow::Borrowed(t));
    }
    for a in &g.meta.applies_to {
        w.ex.add(Field::Rest, Cow::Borrowed(a));
    }
    w.ex.add(Field::Rest, Cow::Borrowed(category));
    w.ex.units.push(Unit {
        kind: UnitKind::Guide,
        anchor: "",
        label: &g.meta.title,
        text: g.meta.summary.clone(),
        section: None,
        number: None,
    });
    for b in g.intro.iter().chain(&g.body) {
        w.block(b);
    }
    let mut ex = w.ex;
    for u in &mut ex.units {
        clip(&mut u.text, UNIT_TEXT_MAX);
    }
    ex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text_with_block_breaks() {
        let html = "<p>Click <span class=\"ui\">[OK]</span> &amp; wait.</p>\n<ul>\n<li>one\ntwo</li>\n<li>&#x30c6;&#12473;&lt;</li>\n</ul>";
        assert_eq!(html_text(html), "Click [OK] & wait.\none two\nテス<");
    }

    #[test]
    fn clip_counts_characters() {
        let mut t = "あいうえお".to_string();
        clip(&mut t, 3);
        assert_eq!(t, "あいう…");
        let mut t = "abc".to_string();
        clip(&mut t, 3);
        assert_eq!(t, "abc");
    }
}
