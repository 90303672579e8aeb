//! The guide model → typst source for one manual. Every string that comes
//! from a site (titles, text, URLs, code, language names) is written as a
//! typst string literal (`#"…";`), never as markup, so nothing an author
//! writes can change the document's structure. The HTML fragments of the
//! model (paragraphs, lists, tables, code) are read back with the raw HTML
//! scanner of `parse::rawhtml` and laid out element by element; Markdown
//! is never parsed again.
//!
//! Links between guides of the manual become links to labels (`<L12>`);
//! a link whose target is not in the manual (another language, a category
//! left out) keeps its text without a link.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;
use std::path::PathBuf;

use crate::model::{
    Block, Callout, Flow, Footnotes, GuideId, Procedure, Qa, RichText, Screenshot, Section, Site, Step, StepBlock,
    Tabs, Target, ROOT_MARK,
};
use crate::parse::marks::Mark;
use crate::parse::rawhtml::{Item, Scanner};
use crate::render::i18n::Strings;

/// Widest a picture is printed, in points: the text column (A4 less
/// margins of 20 mm) less the step number's column.
const MAX_SHOT_WIDTH: f64 = 440.0;
/// Tallest a picture is printed, so one fits on a page with its step.
const MAX_SHOT_HEIGHT: f64 = 400.0;
/// Points per CSS pixel (1 px = 1/96 in, 1 pt = 1/72 in).
const PT_PER_PX: f64 = 0.75;
/// Deepest HTML nesting laid out as structure; deeper content is text
/// (typst stops at some depth of nested elements, quotes and lists long
/// before the parser's `MAX_NESTING`).
const MAX_DEPTH: usize = 24;

/// What a manual shows besides its guides.
pub struct Setup<'a> {
    pub site: &'a Site,
    pub strings: &'a Strings,
    pub lang: &'a str,
    pub title: &'a str,
    /// The cover's date, written as the language writes dates.
    pub date_text: String,
    pub date: chrono::NaiveDate,
    /// The main font family and a monospaced one (either may be absent).
    pub body_font: String,
    pub fallback_fonts: Vec<String>,
    pub mono_font: Option<String>,
    /// Chapters in order: a category's title and its guides.
    pub chapters: Vec<(String, Vec<GuideId>)>,
}

/// A generated manual.
pub struct Manual {
    pub source: String,
    /// Virtual path (`/img/0.png`) → image file on disk.
    pub files: HashMap<String, PathBuf>,
    /// Where each guide's part lies in `source`, for errors.
    pub guides: Vec<(GuideId, Range<usize>)>,
    /// How many images are embedded (each file once).
    pub images: usize,
}

/// A piece of the source whose final text depends on the whole manual.
enum Piece {
    Text(String),
    /// A link opens to label `n` (only if that label is placed).
    Open(u32),
    Close,
    GuideStart(GuideId),
    GuideEnd,
}

/// A parsed HTML element or text.
#[derive(Debug)]
enum Node {
    El { name: String, attrs: Vec<(String, String)>, kids: Vec<Node> },
    Text(String),
}

impl Node {
    fn attr(&self, key: &str) -> Option<&str> {
        match self {
            Node::El { attrs, .. } => attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()),
            Node::Text(_) => None,
        }
    }

    fn has_class(&self, class: &str) -> bool {
        self.attr("class").is_some_and(|c| c.split_whitespace().any(|x| x == class))
    }

    fn text(&self, out: &mut String) {
        match self {
            Node::Text(t) => out.push_str(t),
            Node::El { name, kids, .. } => {
                if name == "br" {
                    out.push('\n');
                }
                kids.iter().for_each(|k| k.text(out));
            }
        }
    }
}

/// An element being read: its name, attributes and children so far.
type Open = (String, Vec<(String, String)>, Vec<Node>);

const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// An HTML fragment as a tree (the model's HTML is well formed; stray end
/// tags are ignored, unclosed elements end with the fragment).
fn parse_html(html: &str) -> Vec<Node> {
    let mut stack: Vec<Open> = vec![(String::new(), Vec::new(), Vec::new())];
    for item in Scanner::all(html) {
        match item {
            Item::Start { name, attrs, self_closing } => {
                if self_closing || VOID.contains(&name.as_str()) {
                    if let Some(top) = stack.last_mut() {
                        top.2.push(Node::El { name, attrs, kids: Vec::new() });
                    }
                } else {
                    stack.push((name, attrs, Vec::new()));
                }
            }
            Item::End(name) => {
                if stack.len() > 1 && stack.iter().skip(1).any(|(n, _, _)| *n == name) {
                    while stack.len() > 1 {
                        let (n, attrs, kids) = stack.pop().unwrap_or_default();
                        let done = n == name;
                        if let Some(top) = stack.last_mut() {
                            top.2.push(Node::El { name: n, attrs, kids });
                        }
                        if done {
                            break;
                        }
                    }
                }
            }
            Item::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.2.push(Node::Text(t));
                }
            }
        }
    }
    while stack.len() > 1 {
        let (n, attrs, kids) = stack.pop().unwrap_or_default();
        if let Some(top) = stack.last_mut() {
            top.2.push(Node::El { name: n, attrs, kids });
        }
    }
    stack.pop().map(|s| s.2).unwrap_or_default()
}

/// A typst string literal holding `s`.
pub fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A length in points, as typst reads it.
fn pt(v: f64) -> String {
    format!("{:.2}pt", if v.is_finite() { v } else { 0.0 })
}

/// The typst source of the manual.
pub fn generate(setup: &Setup) -> Manual {
    let mut g = Gen::new(setup);
    g.preamble();
    g.cover();
    for (title, guides) in &setup.chapters {
        g.raw("#pagebreak(weak: true)\n#heading(level: 1)[");
        g.text(title);
        g.raw("]\n\n");
        for (i, &id) in guides.iter().enumerate() {
            g.guide(id, i > 0);
        }
    }
    g.finish()
}

struct Gen<'a> {
    s: &'a Setup<'a>,
    pieces: Vec<Piece>,
    cur: String,
    labels: HashMap<(GuideId, String), u32>,
    placed: HashSet<u32>,
    /// Guide URL → id, for the guides in the manual.
    by_url: HashMap<&'a str, GuideId>,
    /// Output path of an asset → its file.
    assets: HashMap<&'a str, &'a std::path::Path>,
    files: HashMap<String, PathBuf>,
    /// File on disk → its virtual path.
    file_ids: HashMap<PathBuf, String>,
    /// The guide being written (for `#anchor` links).
    guide: GuideId,
    /// Nothing but markup since the last block boundary: leading spaces
    /// of text are dropped.
    block_start: bool,
    depth: usize,
}

impl<'a> Gen<'a> {
    fn new(s: &'a Setup<'a>) -> Self {
        let by_url = s.chapters.iter().flat_map(|(_, g)| g).map(|&id| (s.site.guides[id].url.as_str(), id)).collect();
        let assets = s.site.assets.iter().map(|a| (a.url.as_str(), a.source.as_path())).collect();
        Gen {
            s,
            pieces: Vec::new(),
            cur: String::new(),
            labels: HashMap::new(),
            placed: HashSet::new(),
            by_url,
            assets,
            files: HashMap::new(),
            file_ids: HashMap::new(),
            guide: 0,
            block_start: true,
            depth: 0,
        }
    }

    fn raw(&mut self, s: &str) {
        self.cur.push_str(s);
    }

    fn flush(&mut self) {
        if !self.cur.is_empty() {
            self.pieces.push(Piece::Text(std::mem::take(&mut self.cur)));
        }
    }

    /// Plain text as a string literal.
    fn text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        let _ = write!(self.cur, "#{};", lit(s));
        self.block_start = false;
    }

    /// Text from HTML: runs of white space are one space, as in a browser.
    fn html_text(&mut self, s: &str) {
        let mut out = String::with_capacity(s.len());
        let mut space = false;
        for c in s.chars() {
            if matches!(c, ' ' | '\n' | '\t' | '\r' | '\u{c}') {
                space = true;
            } else {
                if space && !(self.block_start && out.is_empty()) {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        if !out.is_empty() {
            self.text(&out);
        }
    }

    fn parbreak(&mut self) {
        self.raw("\n\n");
        self.block_start = true;
    }

    fn label(&mut self, guide: GuideId, anchor: &str) -> u32 {
        let next = self.labels.len() as u32;
        *self.labels.entry((guide, anchor.to_string())).or_insert(next)
    }

    /// Places label `n` on what precedes it; false if it is placed already.
    fn place_label(&mut self, n: u32) -> bool {
        self.placed.insert(n)
    }

    /// A link target of the manual at this point of the flow.
    fn anchor(&mut self, id: &str) {
        if id.is_empty() {
            return;
        }
        let n = self.label(self.guide, id);
        if self.place_label(n) {
            let _ = write!(self.cur, "#metadata(none)<L{n}>");
        }
    }

    fn anchors(&mut self, id: &str, aliases: &[String]) {
        self.anchor(id);
        for a in aliases {
            self.anchor(a);
        }
    }

    /// Where an `href` of the model leads in the manual, if it does.
    fn link_target(&mut self, href: &str) -> Option<u32> {
        if let Some(frag) = href.strip_prefix('#') {
            let frag = percent_encoding::percent_decode_str(frag).decode_utf8_lossy().into_owned();
            return Some(self.label(self.guide, &frag));
        }
        let rest = href.strip_prefix(ROOT_MARK)?;
        let (path, frag) = rest.split_once('#').unwrap_or((rest, ""));
        let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let &id = self.by_url.get(path.as_ref())?;
        let frag = percent_encoding::percent_decode_str(frag).decode_utf8_lossy().into_owned();
        Some(self.label(id, &frag))
    }

    fn external(href: &str) -> bool {
        let lower = href.to_ascii_lowercase();
        lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
    }

    /// The virtual path of an image of the site (`src` as the model writes
    /// it), if the manual can embed it.
    fn image_path(&mut self, src: &str) -> Option<String> {
        let rest = src.strip_prefix(ROOT_MARK)?;
        let url = rest.split(['#', '?']).next().unwrap_or(rest);
        let url = percent_encoding::percent_decode_str(url).decode_utf8_lossy();
        let file = *self.assets.get(url.as_ref())?;
        let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        if !matches!(ext.as_str(), "png" | "jpg" | "jpeg" | "gif" | "svg" | "webp") {
            return None;
        }
        if let Some(v) = self.file_ids.get(file) {
            return Some(v.clone());
        }
        let v = format!("/img/{}.{ext}", self.files.len());
        self.files.insert(v.clone(), file.to_path_buf());
        self.file_ids.insert(file.to_path_buf(), v.clone());
        Some(v)
    }

    fn preamble(&mut self) {
        let s = self.s;
        let mut fonts = vec![lit(&s.body_font)];
        fonts.extend(s.fallback_fonts.iter().map(|f| lit(f)));
        let mut mono = s.mono_font.iter().map(|f| lit(f)).collect::<Vec<_>>();
        mono.extend(fonts.iter().cloned());
        let (lang, region) = typst_lang(s.lang);
        let region = region.map(|r| format!(", region: {}", lit(&r))).unwrap_or_default();
        let lang = lang.map(|l| format!(", lang: {}", lit(&l))).unwrap_or_default();
        let d = s.date;
        use chrono::Datelike;
        let _ = write!(
            self.cur,
            "#set document(title: {title}, date: datetime(year: {y}, month: {m}, day: {day}))\n\
             #set text(font: ({fonts},), size: 10pt{lang}{region})\n\
             #show raw: set text(font: ({mono},), size: 8.5pt)\n",
            title = lit(s.title),
            y = d.year(),
            m = d.month(),
            day = d.day(),
            fonts = fonts.join(", "),
            mono = mono.join(", "),
        );
        self.raw(PREAMBLE);
        self.raw("\n");
    }

    fn cover(&mut self) {
        let s = self.s;
        self.raw("#page(numbering: none, footer: none)[\n#v(28%)\n#text(size: 26pt, weight: \"bold\")[");
        self.text(s.title);
        self.raw("]\n#v(1.2em)\n#text(size: 13pt)[");
        self.text(s.strings.get("language_name"));
        self.raw("]\n#v(0.4em)\n#text(size: 12pt, cjk-latin-spacing: none)[");
        self.text(&s.date_text);
        self.raw("]\n]\n#counter(page).update(1)\n#outline(depth: 2, indent: auto, title: [");
        self.text(s.strings.get("contents"));
        self.raw("])\n");
    }

    fn guide(&mut self, id: GuideId, new_page: bool) {
        let g = &self.s.site.guides[id];
        self.flush();
        self.pieces.push(Piece::GuideStart(id));
        self.guide = id;
        if new_page {
            self.raw("#pagebreak(weak: true)\n");
        }
        self.raw("#heading(level: 2)[");
        self.text(&g.meta.title);
        self.raw("]");
        let n = self.label(id, "");
        if self.place_label(n) {
            let _ = write!(self.cur, " <L{n}>");
        }
        self.raw("\n");
        if !g.meta.summary.is_empty() {
            self.raw("#tb-summary[");
            self.text(&g.meta.summary);
            self.raw("]\n");
        }
        if !g.meta.applies_to.is_empty() {
            self.raw("#tb-applies(");
            self.text_arg(self.s.strings.get("applies_to"));
            self.raw(", (");
            for a in &g.meta.applies_to {
                let _ = write!(self.cur, "{}, ", lit(a));
            }
            self.raw("))\n");
        }
        self.block_start = true;
        for b in g.intro.iter().chain(&g.body) {
            self.block(b);
        }
        self.raw("\n");
        self.flush();
        self.pieces.push(Piece::GuideEnd);
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Html { html } => self.html(html),
            Block::Procedure(p) => self.procedure(p),
            Block::Callout(c) => self.callout(c),
            Block::Qa(q) => self.qa(q),
            Block::Section(s) => self.section(s),
            Block::Flow(f) => self.flow(f),
            Block::Footnotes(f) => self.footnotes(f),
            Block::Tabs(t) => self.tabs(t, Self::block),
        }
    }

    fn heading(&mut self, level: u8, title: &RichText) {
        let level = (level + 1).clamp(3, 6);
        let _ = write!(self.cur, "#heading(level: {level}, outlined: false)[");
        self.inline(&title.html);
        self.raw("]\n");
        self.block_start = true;
    }

    fn section(&mut self, s: &Section) {
        self.parbreak();
        self.anchors(&s.id, &s.aliases);
        self.heading(s.level, &s.title);
        for b in &s.blocks {
            self.block(b);
        }
    }

    fn tabs<B>(&mut self, t: &Tabs<B>, each: fn(&mut Self, &B)) {
        for tab in &t.tabs {
            self.parbreak();
            self.anchor(&tab.id);
            self.raw("#tb-tab[");
            self.text(&tab.label);
            self.raw("]\n");
            self.block_start = true;
            for b in &tab.blocks {
                each(self, b);
            }
        }
        self.parbreak();
    }

    fn procedure(&mut self, p: &Procedure) {
        self.parbreak();
        for step in &p.steps {
            self.step(step);
        }
        self.parbreak();
    }

    fn step(&mut self, step: &Step) {
        self.anchor(&step.anchor);
        let _ = write!(self.cur, "#tb-step({}, [", step.number);
        self.block_start = true;
        self.inline(&step.instruction.html);
        self.raw("], [");
        self.block_start = true;
        for b in &step.content {
            self.step_block(b);
        }
        self.raw("])\n");
        self.block_start = true;
    }

    fn step_block(&mut self, b: &StepBlock) {
        match b {
            StepBlock::Screenshot(s) => self.screenshot(s),
            StepBlock::Details { html } => self.html(html),
            StepBlock::Substeps(p) => self.procedure(p),
            StepBlock::Note(c) => self.callout(c),
            StepBlock::Tabs(t) => self.tabs(t, Self::step_block),
        }
    }

    fn screenshot(&mut self, s: &Screenshot) {
        self.parbreak();
        let Some(path) = self.image_path(&s.src) else {
            self.raw("#emph[");
            self.text(&s.alt);
            self.raw("]\n");
            self.parbreak();
            return;
        };
        let density = if s.density > 0.0 { s.density } else { 1.0 };
        let css = |css: Option<u32>, px: Option<u32>| css.map(f64::from).or(px.map(|p| f64::from(p) / density));
        let (Some(w), Some(h)) = (css(s.width, s.pixel_width), css(s.height, s.pixel_height)) else {
            let _ = write!(self.cur, "#tb-shot(image({}, width: 70%, alt: {}), ", lit(&path), lit(&s.alt));
            self.caption(s);
            self.raw(")\n");
            self.parbreak();
            return;
        };
        let (w, h) = (w.max(1.0), h.max(1.0));
        let scale = (PT_PER_PX).min(MAX_SHOT_WIDTH / w).min(MAX_SHOT_HEIGHT / h);
        let (pw, ph) = (w * scale, h * scale);
        let _ = write!(
            self.cur,
            "#tb-shot(box(width: {w}, height: {h}, stroke: 0.5pt + luma(190))[#image({path}, width: {w}, height: {h}, alt: {alt})",
            w = pt(pw),
            h = pt(ph),
            path = lit(&path),
            alt = lit(&s.alt)
        );
        // Marks are in the file's pixels.
        let px_w = s.pixel_width.map(f64::from).unwrap_or(w * density).max(1.0);
        let k = pw / px_w;
        for m in &s.marks {
            self.mark(m, k);
        }
        self.raw("], ");
        self.caption(s);
        self.raw(")\n");
        self.parbreak();
    }

    fn caption(&mut self, s: &Screenshot) {
        match &s.caption {
            Some(c) if !c.text.trim().is_empty() => {
                self.raw("[");
                self.block_start = true;
                self.inline(&c.html);
                self.raw("]");
            }
            _ => self.raw("none"),
        }
    }

    fn mark(&mut self, m: &Mark, k: f64) {
        let f = |v: u32| pt(f64::from(v) * k);
        let stroke = "2pt + tb-mark";
        let _ = match m {
            // Blurred in the image's pixels (`images::derive`), not drawn.
            Mark::Blur { .. } => Ok(()),
            Mark::Rect { x, y, w, h, r } => write!(
                self.cur,
                "#place(top + left, dx: {}, dy: {}, rect(width: {}, height: {}, radius: {}, stroke: {stroke}))",
                f(*x),
                f(*y),
                f(*w),
                f(*h),
                f(*r)
            ),
            Mark::Ellipse { x, y, w, h, .. } => write!(
                self.cur,
                "#place(top + left, dx: {}, dy: {}, ellipse(width: {}, height: {}, stroke: {stroke}))",
                f(*x),
                f(*y),
                f(*w),
                f(*h)
            ),
            Mark::Arrow { x1, y1, x2, y2, head } => {
                let points: Vec<String> = head
                    .split_whitespace()
                    .filter_map(|p| {
                        let (a, b) = p.split_once(',')?;
                        let (a, b) = (a.parse::<f64>().ok()?, b.parse::<f64>().ok()?);
                        Some(format!("({}, {})", pt(a * k), pt(b * k)))
                    })
                    .collect();
                let _ = write!(
                    self.cur,
                    "#place(top + left, line(start: ({}, {}), end: ({}, {}), stroke: {stroke}))",
                    f(*x1),
                    f(*y1),
                    f(*x2),
                    f(*y2)
                );
                if points.len() >= 3 {
                    let _ = write!(self.cur, "#place(top + left, polygon(fill: tb-mark, {}))", points.join(", "));
                }
                Ok(())
            }
            Mark::Badge { n, x, y, r } => write!(
                self.cur,
                "#place(top + left, dx: {}, dy: {}, tb-badge({n}, {}))",
                pt((f64::from(*x) - f64::from(*r)) * k),
                pt((f64::from(*y) - f64::from(*r)) * k),
                f(*r)
            ),
        };
    }

    fn callout(&mut self, c: &Callout) {
        self.parbreak();
        let _ = write!(self.cur, "#tb-callout({}, ", lit(c.kind.as_str()));
        match &c.title {
            Some(t) if t.text.trim().is_empty() => self.raw("none"),
            Some(t) => {
                self.raw("[");
                self.block_start = true;
                self.inline(&t.html);
                self.raw("]");
            }
            None => {
                self.raw("[");
                let key = format!("callout_{}", c.kind.as_str());
                self.text(self.s.strings.get(&key));
                self.raw("]");
            }
        }
        self.raw(", [");
        self.block_start = true;
        self.html(&c.html);
        self.raw("])\n");
        self.parbreak();
    }

    fn qa(&mut self, q: &Qa) {
        self.parbreak();
        self.anchors(&q.id, &q.aliases);
        self.raw("#tb-qa(");
        self.text_arg(self.s.strings.get("question_prefix"));
        self.raw(", [");
        self.block_start = true;
        self.inline(&q.question.html);
        self.raw("], ");
        self.text_arg(self.s.strings.get("answer_prefix"));
        self.raw(", [");
        self.block_start = true;
        self.html(&q.answer.html);
        self.raw("])\n");
        self.parbreak();
    }

    fn text_arg(&mut self, s: &str) {
        let _ = write!(self.cur, "{}", lit(s));
    }

    fn flow(&mut self, f: &Flow) {
        self.parbreak();
        self.anchors(&f.id, &f.aliases);
        self.heading(f.level, &f.title);
        for b in &f.intro {
            self.block(b);
        }
        for node in &f.nodes {
            self.parbreak();
            self.anchors(&node.id, &node.aliases);
            self.heading(f.level + 1, &node.title);
            for b in &node.blocks {
                self.block(b);
            }
            if !node.choices.is_empty() {
                self.raw("#list(");
                for c in &node.choices {
                    self.raw("[");
                    self.block_start = true;
                    let target = match &c.target {
                        Target::Node(id) => Some(self.label(self.guide, id)),
                        Target::Page => self.link_target(&c.href.replace("&amp;", "&")),
                        _ => None,
                    };
                    self.open(target, None);
                    self.inline(&c.label.html);
                    self.close(target.is_some());
                    if !c.leads_to.is_empty() {
                        self.text(" → ");
                        self.text(&c.leads_to);
                    }
                    if let Some(note) = &c.note {
                        self.text(" ");
                        self.inline(&note.html);
                    }
                    self.raw("], ");
                }
                self.raw(")\n");
            }
            if let Some(next) = &node.next {
                self.parbreak();
                self.inline(&next.html);
                self.parbreak();
            }
        }
    }

    fn footnotes(&mut self, f: &Footnotes) {
        self.parbreak();
        self.anchor(&f.title_id);
        self.raw("#heading(level: 3, outlined: false)[");
        self.text(self.s.strings.get("footnotes"));
        self.raw("]\n");
        for note in &f.notes {
            self.anchor(&note.id);
            let _ = write!(self.cur, "#tb-footnote({}, [", note.number);
            self.block_start = true;
            self.html(&note.html);
            self.raw("])\n");
        }
        self.parbreak();
    }

    /// Opens a link to label `target`, or to an external URL.
    fn open(&mut self, target: Option<u32>, url: Option<&str>) {
        match (target, url) {
            (Some(n), _) => {
                self.flush();
                self.pieces.push(Piece::Open(n));
            }
            (None, Some(url)) => {
                let _ = write!(self.cur, "#link({})[", lit(url));
            }
            (None, None) => {}
        }
    }

    fn close(&mut self, opened: bool) {
        if opened {
            self.flush();
            self.pieces.push(Piece::Close);
        }
    }

    /// An HTML fragment of blocks.
    fn html(&mut self, html: &str) {
        let nodes = parse_html(html);
        for n in &nodes {
            self.node(n);
        }
    }

    /// An HTML fragment of inline content (a title, an instruction).
    fn inline(&mut self, html: &str) {
        self.html(html);
    }

    fn kids(&mut self, kids: &[Node]) {
        for k in kids {
            self.node(k);
        }
    }

    fn node(&mut self, n: &Node) {
        let Node::El { name, kids, .. } = n else {
            if let Node::Text(t) = n {
                self.html_text(t);
            }
            return;
        };
        if self.depth > MAX_DEPTH {
            let mut t = String::new();
            n.text(&mut t);
            self.html_text(&t);
            return;
        }
        if n.has_class("js-only") || n.has_class("footnote-backs") || n.has_class("footnote-backref") {
            return;
        }
        if let Some(id) = n.attr("id").or_else(|| if name == "a" { n.attr("name") } else { None }) {
            if !matches!(name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                let id = id.to_string();
                self.anchor(&id);
            }
        }
        self.depth += 1;
        match name.as_str() {
            "button" | "script" | "style" | "template" | "svg" | "math" | "video" | "audio" | "iframe" | "object"
            | "noscript" | "head" | "title" => {}
            "p" => {
                if n.has_class("tab-label") {
                    self.raw("#tb-tab[");
                    self.kids(kids);
                    self.raw("]");
                } else {
                    self.kids(kids);
                }
                self.parbreak();
            }
            "aside" | "details" if n.has_class("callout") => self.html_callout(n),
            "details" => {
                for k in kids {
                    if matches!(k, Node::El { name, .. } if name == "summary") {
                        self.raw("#strong[");
                        self.node_kids(k);
                        self.raw("];");
                        self.parbreak();
                    } else {
                        self.node(k);
                    }
                }
                self.parbreak();
            }
            "div" | "section" | "article" | "figure" | "main" | "header" | "footer" | "nav" | "aside" | "summary"
            | "center" => {
                self.parbreak();
                self.kids(kids);
                self.parbreak();
            }
            "figcaption" => {
                self.parbreak();
                self.raw("#emph[");
                self.kids(kids);
                self.raw("];");
                self.parbreak();
            }
            "br" => self.raw("#linebreak();"),
            "strong" | "b" => self.wrap("strong", kids),
            "em" | "i" | "cite" | "var" => self.wrap("emph", kids),
            "del" | "s" | "strike" => self.wrap("strike", kids),
            "u" | "ins" => self.wrap("underline", kids),
            "mark" => self.wrap("highlight", kids),
            "sup" => self.wrap("super", kids),
            "sub" => self.wrap("sub", kids),
            "code" | "samp" | "tt" => {
                let mut t = String::new();
                n.text(&mut t);
                let _ = write!(self.cur, "#raw({});", lit(&t));
                self.block_start = false;
            }
            "kbd" => {
                let mut t = String::new();
                n.text(&mut t);
                let _ = write!(self.cur, "#tb-kbd({});", lit(t.trim()));
                self.block_start = false;
            }
            "span" if n.has_class("ui") => self.wrap("tb-ui", kids),
            "a" => self.link(n, kids),
            "img" => self.img(n),
            "input" => {
                if n.attr("type") == Some("checkbox") {
                    self.text(if n.attr("checked").is_some() { "☑ " } else { "☐ " });
                }
            }
            "ul" | "ol" => self.list(n, kids),
            "pre" => {
                let mut t = String::new();
                n.text(&mut t);
                let t = t.strip_suffix('\n').unwrap_or(&t);
                let lang = n.attr("data-lang").map(|l| format!(", lang: {}", lit(l))).unwrap_or_default();
                self.parbreak();
                let _ = write!(self.cur, "#raw(block: true{lang}, {})", lit(t));
                self.parbreak();
            }
            "blockquote" => {
                self.parbreak();
                self.raw("#quote(block: true)[");
                self.block_start = true;
                self.kids(kids);
                self.raw("]");
                self.parbreak();
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level: u8 = name[1..].parse().unwrap_or(4);
                self.parbreak();
                if let Some(id) = n.attr("id") {
                    let id = id.to_string();
                    self.anchor(&id);
                }
                let _ = write!(self.cur, "#heading(level: {}, outlined: false)[", (level + 1).clamp(3, 6));
                self.block_start = true;
                self.kids(kids);
                self.raw("]");
                self.parbreak();
            }
            "hr" => {
                self.parbreak();
                self.raw("#line(length: 100%, stroke: 0.5pt + luma(180))");
                self.parbreak();
            }
            "table" => self.table(n),
            "dl" => {
                self.parbreak();
                self.kids(kids);
                self.parbreak();
            }
            "dt" => {
                self.raw("#strong[");
                self.kids(kids);
                self.raw("];");
                self.parbreak();
            }
            "dd" => {
                self.raw("#pad(left: 1.5em)[");
                self.block_start = true;
                self.kids(kids);
                self.raw("]");
                self.parbreak();
            }
            _ => self.kids(kids),
        }
        self.depth -= 1;
    }

    fn node_kids(&mut self, n: &Node) {
        if let Node::El { kids, .. } = n {
            self.kids(kids);
        }
    }

    fn wrap(&mut self, func: &str, kids: &[Node]) {
        let _ = write!(self.cur, "#{func}[");
        self.kids(kids);
        self.raw("];");
        self.block_start = false;
    }

    fn link(&mut self, n: &Node, kids: &[Node]) {
        let href = n.attr("href").unwrap_or("").to_string();
        if href.is_empty() {
            self.kids(kids);
            return;
        }
        if Self::external(&href) {
            self.open(None, Some(&href));
            self.kids(kids);
            self.raw("];");
            return;
        }
        let target = self.link_target(&href);
        self.open(target, None);
        self.kids(kids);
        self.close(target.is_some());
    }

    fn img(&mut self, n: &Node) {
        let src = n.attr("src").unwrap_or("");
        let alt = n.attr("alt").unwrap_or("").to_string();
        let Some(path) = self.image_path(src) else {
            if !alt.is_empty() {
                self.raw("#emph[");
                self.text(&alt);
                self.raw("];");
            }
            return;
        };
        let width = n.attr("width").and_then(|w| w.trim_end_matches("px").parse::<f64>().ok());
        let height = n.attr("height").and_then(|w| w.trim_end_matches("px").parse::<f64>().ok());
        let size = match (width, height) {
            // Small pictures (icons) sit in the line at text height.
            (Some(w), Some(h)) if w <= 48.0 && h <= 48.0 => "height: 1.2em".to_string(),
            (Some(w), Some(h)) => {
                let scale = PT_PER_PX.min(MAX_SHOT_WIDTH / w.max(1.0)).min(MAX_SHOT_HEIGHT / h.max(1.0));
                format!("width: {}", pt(w * scale))
            }
            (Some(w), None) => format!("width: {}", pt((w * PT_PER_PX).min(MAX_SHOT_WIDTH))),
            _ => "width: 60%".to_string(),
        };
        let _ = write!(self.cur, "#box(image({}, {size}, alt: {}));", lit(&path), lit(&alt));
        self.block_start = false;
    }

    fn list(&mut self, n: &Node, kids: &[Node]) {
        let ordered = matches!(n, Node::El { name, .. } if name == "ol");
        self.parbreak();
        if ordered {
            let start = n.attr("start").and_then(|s| s.parse::<u64>().ok()).unwrap_or(1);
            let _ = write!(self.cur, "#enum(start: {start}, ");
        } else {
            self.raw("#list(");
        }
        for k in kids {
            if let Node::El { name, kids: item, .. } = k {
                if name == "li" {
                    self.raw("[");
                    self.block_start = true;
                    self.depth += 1;
                    self.kids(item);
                    self.depth -= 1;
                    self.raw("], ");
                }
            }
        }
        self.raw(")");
        self.parbreak();
    }

    fn table(&mut self, n: &Node) {
        fn rows<'n>(n: &'n Node, out: &mut Vec<&'n Node>) {
            if let Node::El { name, kids, .. } = n {
                for k in kids {
                    match k {
                        Node::El { name: kn, .. } if kn == "tr" => out.push(k),
                        Node::El { name: kn, .. } if matches!(kn.as_str(), "thead" | "tbody" | "tfoot") => rows(k, out),
                        _ => {}
                    }
                }
                let _ = name;
            }
        }
        let mut trs = Vec::new();
        rows(n, &mut trs);
        let cells = |tr: &'_ Node| -> usize {
            match tr {
                Node::El { kids, .. } => {
                    kids.iter().filter(|k| matches!(k, Node::El { name, .. } if name == "td" || name == "th")).count()
                }
                Node::Text(_) => 0,
            }
        };
        let columns = trs.iter().map(|t| cells(t)).max().unwrap_or(0);
        if columns == 0 {
            return;
        }
        self.parbreak();
        let _ = write!(self.cur, "#table(columns: {columns}, ");
        for tr in trs {
            let Node::El { kids, .. } = tr else { continue };
            let mut count = 0;
            for cell in kids {
                let Node::El { name, kids: body, .. } = cell else { continue };
                if name != "td" && name != "th" {
                    continue;
                }
                count += 1;
                self.raw("[");
                self.block_start = true;
                if name == "th" {
                    self.raw("#strong[");
                    self.kids(body);
                    self.raw("]");
                } else {
                    self.kids(body);
                }
                self.raw("], ");
            }
            for _ in count..columns {
                self.raw("[], ");
            }
        }
        self.raw(")");
        self.parbreak();
    }

    /// A callout written as HTML (inside a Markdown block the model kept as
    /// HTML): its kind from the class, title and body from its parts.
    fn html_callout(&mut self, n: &Node) {
        let Node::El { kids, .. } = n else { return };
        let kind = n
            .attr("class")
            .unwrap_or("")
            .split_whitespace()
            .find_map(|c| c.strip_prefix("callout-"))
            .filter(|k| matches!(*k, "note" | "tip" | "important" | "warning" | "caution"))
            .unwrap_or("note")
            .to_string();
        self.parbreak();
        let _ = write!(self.cur, "#tb-callout({}, ", lit(&kind));
        let title = kids.iter().find(|k| k.has_class("callout-title"));
        match title {
            Some(t) => {
                self.raw("[");
                self.node_kids(t);
                self.raw("]");
            }
            None => self.raw("none"),
        }
        self.raw(", [");
        self.block_start = true;
        for k in kids.iter().filter(|k| !k.has_class("callout-title")) {
            self.node(k);
        }
        self.raw("])");
        self.parbreak();
    }

    fn finish(mut self) -> Manual {
        self.flush();
        let mut source = String::new();
        let mut guides = Vec::new();
        let mut open: Option<(GuideId, usize)> = None;
        for p in self.pieces {
            match p {
                Piece::Text(t) => source.push_str(&t),
                Piece::Open(n) => {
                    if self.placed.contains(&n) {
                        let _ = write!(source, "#link(<L{n}>)[");
                    } else {
                        source.push_str("#[");
                    }
                }
                Piece::Close => source.push_str("];"),
                Piece::GuideStart(id) => open = Some((id, source.len())),
                Piece::GuideEnd => {
                    if let Some((id, start)) = open.take() {
                        guides.push((id, start..source.len()));
                    }
                }
            }
        }
        let images = self.files.len();
        Manual { source, files: self.files, guides, images }
    }
}

/// The `lang` and `region` typst takes for a language code (`pt-BR` →
/// `pt`, `BR`); `None` where typst would not accept it.
fn typst_lang(code: &str) -> (Option<String>, Option<String>) {
    let mut parts = code.split(['-', '_']);
    let lang = parts
        .next()
        .filter(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphabetic()))
        .map(|l| l.to_ascii_lowercase());
    let region =
        parts.find(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_alphabetic())).map(|r| r.to_ascii_uppercase());
    (lang.clone(), region.filter(|_| lang.is_some()))
}

/// The manual's page and element styles, and the functions the generated
/// body calls (`tb-…`).
const PREAMBLE: &str = r##"
#set page(paper: "a4", margin: (x: 20mm, top: 20mm, bottom: 22mm), numbering: "1")
#set par(justify: true, leading: 0.75em, spacing: 1em)
#set heading(numbering: none)
#set text(hyphenate: false)
#let tb-accent = rgb("#1f5fae")
#let tb-mark = rgb("#d7102a")
#show link: set text(fill: tb-accent)
#show heading.where(level: 1): it => block(above: 0pt, below: 1.4em, text(size: 20pt, fill: tb-accent, it.body))
#show heading.where(level: 2): it => block(above: 0pt, below: 0.8em, text(size: 16pt, it.body))
#show heading.where(level: 3): set text(size: 12.5pt)
#show heading.where(level: 3): set block(above: 1.6em, below: 0.8em)
#show heading.where(level: 4): set text(size: 11pt)
#show outline.entry.where(level: 1): set text(weight: "bold")
#show outline.entry.where(level: 1): set block(above: 1.1em)
#show raw.where(block: true): it => block(width: 100%, fill: luma(244), inset: 8pt, radius: 3pt, it)
#show quote.where(block: true): it => block(stroke: (left: 2pt + luma(200)), inset: (left: 10pt, y: 4pt), it.body)
#set table(stroke: 0.5pt + luma(170), inset: 5pt)
#let tb-kinds = (
  note: (rgb("#1f6feb"), rgb("#eef4fd")),
  tip: (rgb("#1a7f37"), rgb("#edf8f0")),
  important: (rgb("#8250df"), rgb("#f4effc")),
  warning: (rgb("#9a6700"), rgb("#fdf6e3")),
  caution: (rgb("#cf222e"), rgb("#fdeeee")),
)
#let tb-summary(body) = block(below: 1em, text(size: 11pt, fill: luma(60), body))
#let tb-applies(label, items) = block(below: 1em, text(size: 9pt)[#strong(label): #items.join(", ")])
#let tb-callout(kind, title, body) = {
  let (fg, bg) = tb-kinds.at(kind)
  block(width: 100%, fill: bg, stroke: (left: 3pt + fg), inset: (x: 10pt, y: 8pt), breakable: true, {
    if title != none { block(below: 0.6em, text(weight: "bold", fill: fg, title)) }
    body
  })
}
#let tb-step(n, instruction, body) = block(width: 100%, above: 1.2em, inset: (left: 29pt), {
  // The number sits in the margin of the instruction, which stays on the
  // page of what follows it (the step's screenshot).
  block(above: 0pt, below: 0.8em, sticky: true, {
    place(top + left, dx: -29pt, box(width: 20pt, height: 20pt, radius: 10pt, fill: tb-accent,
      align(center + horizon, text(fill: white, weight: "bold", size: 9.5pt, str(n)))))
    pad(top: 3pt, text(weight: "bold", instruction))
  })
  body
})
#let tb-shot(picture, caption) = block(breakable: false, above: 0.8em, below: 1em, {
  picture
  if caption != none { block(above: 0.5em, text(size: 9pt, fill: luma(70), caption)) }
})
#let tb-badge(n, r) = circle(radius: r, fill: tb-mark, stroke: 1pt + white,
  align(center + horizon, text(fill: white, weight: "bold", size: r * 1.1, str(n))))
#let tb-qa(q, question, a, answer) = block(width: 100%, above: 1em, below: 1em, breakable: true, {
  block(below: 0.6em, text(weight: "bold")[#text(fill: tb-accent, q + ". ")#question])
  pad(left: 1.2em, [#text(weight: "bold", fill: luma(90), a + ". ")#answer])
})
#let tb-tab(label) = block(above: 1em, below: 0.6em, text(weight: "bold", fill: tb-accent, label))
#let tb-kbd(key) = box(stroke: 0.5pt + luma(150), inset: (x: 3pt), outset: (y: 2pt), radius: 2pt, raw(key))
#let tb-ui(body) = text(weight: "bold", body)
#let tb-footnote(n, body) = block(above: 0.5em, text(size: 9pt)[#super(str(n)) #body])
"##;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_what_typst_reads() {
        assert_eq!(lit(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(lit("x\ny\u{1}"), "\"x\\ny\\u{1}\"");
        assert_eq!(lit("#[*_$<>@]"), "\"#[*_$<>@]\"");
    }

    #[test]
    fn html_becomes_a_tree() {
        let nodes = parse_html("<p>a <strong>b</strong></p><ul><li>x</li><li>y</li></ul>");
        assert_eq!(nodes.len(), 2);
        let mut t = String::new();
        nodes[0].text(&mut t);
        assert_eq!(t, "a b");
    }

    #[test]
    fn languages_map_to_typst() {
        assert_eq!(typst_lang("ja"), (Some("ja".into()), None));
        assert_eq!(typst_lang("pt-BR"), (Some("pt".into()), Some("BR".into())));
        assert_eq!(typst_lang("x"), (None, None));
    }
}
