//! Markdown events → a small tree of nodes, and nodes → HTML.
//!
//! [`Renderer`] is where guide text meets the site: it rewrites links and
//! images to output URLs (checking their targets), marks UI labels
//! (`[設定]`), hands raw HTML to `rawhtml`, highlights code and gives
//! headings their ids. Everything it produces is final HTML for the model.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;
use crate::discover::{Discovery, GuideSource};
use crate::model::{CalloutKind, Fold, Footnote, Footnotes, InternalLink, RichText, Span, ROOT_MARK};
use crate::parse::cjk;
use crate::parse::dialect::{Container, ContainerTitle, OffsetMap, TabMark};
use crate::parse::highlight::Highlighter;
use crate::parse::rawhtml;
use crate::rules;
use crate::slug::slugify;
use crate::source::closest;

/// pulldown-cmark options tebiki reads guides with.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_FOOTNOTES
}

/// An event with its children (for `Start` events) and source span.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    pub event: Event<'a>,
    pub span: Span,
    pub children: Vec<Node<'a>>,
}

impl<'a> Node<'a> {
    pub fn tag(&self) -> Option<&Tag<'a>> {
        match &self.event {
            Event::Start(t) => Some(t),
            _ => None,
        }
    }

    /// Heading level (1–6) if this is a heading.
    pub fn heading_level(&self) -> Option<u8> {
        match self.tag() {
            Some(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        }
    }

    pub fn is_block(&self) -> bool {
        matches!(
            &self.event,
            Event::Start(
                Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::BlockQuote(_)
                    | Tag::CodeBlock(_)
                    | Tag::HtmlBlock
                    | Tag::List(_)
                    | Tag::Table(_)
                    | Tag::FootnoteDefinition(_)
                    | Tag::DefinitionList
            ) | Event::Rule
        )
    }

    /// Whether the node is only whitespace text.
    pub fn is_blank(&self) -> bool {
        matches!(&self.event, Event::Text(t) if t.trim().is_empty())
    }
}

/// Parse Markdown into a tree. `base` is the text's offset in its file.
pub fn tree(text: &str, base: usize) -> Vec<Node<'_>> {
    tree_checked(text, base, &OffsetMap::default()).0
}

/// Deepest nesting of Markdown elements (quotes in lists in quotes …) kept
/// as a tree. Deeper elements keep their content, flattened into the
/// element at this depth, so recursive walks cannot overflow the stack.
pub const MAX_NESTING: usize = 48;

/// An email autolink (`<someone@example.com>`) is a `mailto:` link:
/// pulldown-cmark gives its address alone.
fn email_href(tag: Tag<'_>) -> Tag<'_> {
    match tag {
        Tag::Link { link_type: LinkType::Email, dest_url, title, id } => {
            Tag::Link { link_type: LinkType::Email, dest_url: CowStr::from(format!("mailto:{dest_url}")), title, id }
        }
        tag => tag,
    }
}

/// [`tree`] of a text normalised by [`crate::parse::dialect`] (`map` leads
/// its offsets back to the file), plus the span of the first element
/// nested too deeply, if any.
pub fn tree_checked<'a>(text: &'a str, base: usize, map: &OffsetMap) -> (Vec<Node<'a>>, Option<Span>) {
    let mut stack: Vec<Node> = vec![Node { event: Event::Rule, span: 0..0, children: Vec::new() }];
    let mut flattened = 0usize;
    let mut too_deep = None;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        let range = map.range(range);
        let span = base + range.start..base + range.end;
        match event {
            Event::Start(_) if stack.len() > MAX_NESTING => {
                flattened += 1;
                too_deep.get_or_insert(span);
            }
            Event::End(_) if flattened > 0 => flattened -= 1,
            Event::Start(tag) => stack.push(Node { event: Event::Start(email_href(tag)), span, children: Vec::new() }),
            Event::End(_) => {
                if stack.len() > 1 {
                    let node = stack.pop().unwrap();
                    stack.last_mut().unwrap().children.push(node);
                }
            }
            other => stack.last_mut().unwrap().children.push(Node { event: other, span, children: Vec::new() }),
        }
    }
    while stack.len() > 1 {
        let node = stack.pop().unwrap();
        stack.last_mut().unwrap().children.push(node);
    }
    (stack.pop().unwrap().children, too_deep)
}

/// Plain text of nodes (no markup), as a reader would read it.
pub fn plain_text(nodes: &[Node]) -> String {
    let mut out = String::new();
    collect_text(nodes, &mut out);
    out.trim().to_string()
}

fn collect_text(nodes: &[Node], out: &mut String) {
    for (i, n) in nodes.iter().enumerate() {
        match &n.event {
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak if joins_lines(nodes, i) => {}
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::Start(Tag::Image { .. }) => {}
            Event::Start(tag) => {
                collect_text(&n.children, out);
                if !matches!(tag, Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
                    && !out.ends_with('\n')
                {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

/// Whether the soft line break at `nodes[i]` joins its lines without a
/// space: both characters around it are CJK ([`cjk::joins`]). Images and
/// raw HTML between are looked past, as markdown-it-cjk-breaks does.
pub fn joins_lines<'a, N: std::borrow::Borrow<Node<'a>>>(nodes: &[N], i: usize) -> bool {
    fn edge<'a, N: std::borrow::Borrow<Node<'a>>>(nodes: &[N], last: bool) -> Option<Option<char>> {
        let visit = |n: &N| -> Option<Option<char>> {
            let n = n.borrow();
            match &n.event {
                Event::Text(t) | Event::Code(t) => {
                    let c = if last { t.chars().next_back() } else { t.chars().next() };
                    c.map(Some)
                }
                Event::SoftBreak | Event::HardBreak => Some(None),
                Event::Start(Tag::Image { .. }) => None,
                Event::Start(_) => edge(&n.children, last),
                _ => None,
            }
        };
        if last {
            nodes.iter().rev().find_map(visit)
        } else {
            nodes.iter().find_map(visit)
        }
    }
    let before = edge(&nodes[..i], true).flatten();
    let after = edge(&nodes[i + 1..], false).flatten();
    matches!((before, after), (Some(a), Some(b)) if cjk::joins(a, b))
}

/// The place of an id that is written nowhere in the source (the
/// footnotes' ids): an empty span at the file's start.
pub const NO_PLACE: Span = 0..0;

/// An id allocator for one page: explicit ids must be unique, generated ones
/// get `-1`, `-2` … suffixes.
#[derive(Debug, Default)]
pub struct Ids {
    used: rustc_hash::FxHashSet<String>,
    /// All ids in allocation order.
    pub order: Vec<String>,
    /// Where each id of `order` is written (its heading, step or question).
    pub spans: Vec<Span>,
}

impl Ids {
    /// Register an explicit `{#id}`; `false` if it was already taken.
    pub fn explicit(&mut self, id: &str, span: Span) -> bool {
        let fresh = self.used.insert(id.to_string());
        self.order.push(id.to_string());
        self.spans.push(span);
        fresh
    }

    /// A unique id for a tab panel based on `base`, whose button's id
    /// (`tab-` + it) is unused too; both are taken.
    pub fn tab(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "tab" } else { base };
        let mut id = base.to_string();
        let mut n = 1;
        while self.used.contains(&id) || self.used.contains(&format!("tab-{id}")) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(id.clone());
        self.order.push(id.clone());
        let button = format!("tab-{id}");
        self.used.insert(button.clone());
        self.order.push(button);
        // No place of their own (a tab is its label), but `spans` stays
        // parallel to `order`.
        self.spans.extend([NO_PLACE, NO_PLACE]);
        id
    }

    /// Whether `id` is taken.
    pub fn contains(&self, id: &str) -> bool {
        self.used.contains(id)
    }

    /// A unique id based on `base`.
    pub fn generated(&mut self, base: &str, span: Span) -> String {
        let base = if base.is_empty() { "section" } else { base };
        let mut id = base.to_string();
        let mut n = 1;
        while self.used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(id.clone());
        self.order.push(id.clone());
        self.spans.push(span);
        id
    }
}

/// Per-page state while rendering a guide or category body to HTML.
pub struct Renderer<'c> {
    pub config: &'c SiteConfig,
    pub discovery: &'c Discovery,
    pub highlighter: &'c Highlighter,
    /// UI strings of the page's language ([`PARSE_STRING_KEYS`]): callout
    /// titles indexed like [`callout_index`], then the others.
    pub strings: ParseStrings,
    /// The Markdown file being rendered, relative to the site folder.
    pub file: PathBuf,
    /// Its folder, `/`-separated, where relative paths written in it start.
    pub dir: String,
    /// The whole text of that file (spans index into it).
    pub source: std::sync::Arc<str>,
    pub lang: String,
    /// Build drafts too (links to drafts are then fine).
    pub drafts: bool,
    pub ids: Ids,
    pub diagnostics: Vec<Diagnostic>,
    pub links: Vec<InternalLink>,
    /// Output URLs of assets referred to.
    pub assets: Vec<String>,
    /// Guides (by source) known to be drafts, when not building drafts.
    pub draft_sources: &'c HashSet<PathBuf>,
    /// Dimensions of the site's images.
    pub images: &'c crate::parse::images::ImageSizes,
    /// What the sanitizer removed from raw HTML so far: first span and count.
    pub raw_html_seen: std::collections::BTreeMap<rawhtml::Removal, (Span, usize)>,
    /// Produce HTML. Without it (`tebiki check`) the renderer still resolves
    /// links and images, allocates ids and collects plain text and every
    /// diagnostic, but builds no HTML and highlights no code.
    pub html: bool,
    /// Images shown so far: resolved Markdown images and kept raw `<img>`s
    /// (what a question's answer needs to know, with or without HTML).
    pub images_shown: usize,
    /// Ids written in raw HTML (`<a name>` …) so far: an export that repeats
    /// one is not an error; the first one stays, the others are left out.
    pub raw_anchors: std::collections::HashSet<String>,
    /// Names of non-HTML elements closed in the page's raw HTML: their
    /// start tags are markup, not an author's placeholder
    /// ([`rawhtml::is_placeholder`]).
    pub closed_elements: std::collections::HashSet<String>,
    /// Callouts written as containers or admonitions, by the offset of
    /// their marker (the quotes [`crate::parse::dialect`] made of them).
    pub containers: Vec<Container>,
    /// Footnotes defined in the page and the numbers given so far.
    pub footnotes: FootnoteState,
    /// Files included into the page, whose bytes follow the file's own in
    /// `source` (see [`crate::parse::include`]).
    pub included: Vec<crate::model::Included>,
    /// Help ids written in the body (`{help=…}`) so far; a step's are
    /// given its anchor once steps are numbered (`structure::build`).
    pub help_ids: Vec<crate::model::HelpId>,
    /// Help ids written on steps: id, span, and the step's span.
    pub step_help_ids: Vec<(String, Span, Span)>,
}

/// The attribute of a heading (`{#id help=print}`), and the word of a
/// step's trailing `{help=…}`, that gives a help id.
pub const HELP_ATTR: &str = "help";

/// Footnotes while a page is rendered: the labels defined, and for each
/// the number, the ids and the references given so far. Numbers follow the
/// order of first reference, as on GitHub.
#[derive(Debug, Default)]
pub struct FootnoteState {
    /// Normalised labels of the definitions, in source order.
    pub labels: Vec<String>,
    /// Definition index → (number, note id, ids of its references).
    pub given: Vec<Option<(usize, String, Vec<String>)>>,
    /// Definition indexes in order of number.
    pub order: Vec<usize>,
    /// Id of the footnotes' heading, once a reference needs it.
    pub title_id: Option<String>,
}

/// A footnote label as references and definitions are matched (case and
/// runs of spaces do not count).
pub fn footnote_label(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Keys of the UI strings parsing writes into the model: the callout kinds'
/// titles (in [`callout_index`] order), a `details` container's title, the
/// footnotes' heading, the label of a link back from a footnote, and the
/// words of a troubleshooter's flowchart ([`FLOW_NOT_SOLVED`], [`FLOW_CONTACT`]).
pub const PARSE_STRING_KEYS: [&str; 10] = [
    "callout_note",
    "callout_tip",
    "callout_important",
    "callout_warning",
    "callout_caution",
    "callout_details",
    "footnotes",
    "footnote_back",
    "flow_not_solved",
    "flow_contact",
];

/// Index in [`ParseStrings`] of the flowchart's label of a fix's way on.
pub const FLOW_NOT_SOLVED: usize = 8;
/// Index in [`ParseStrings`] of the flowchart's box for the contact point.
pub const FLOW_CONTACT: usize = 9;

/// The strings of [`PARSE_STRING_KEYS`] in one language.
pub type ParseStrings = [String; 10];

/// The footnotes of a page, as `partials/footnotes.html` lays them out
/// (`heading`: their title; `back`: the label of a link back to the text).
pub fn footnotes_html(f: &Footnotes, heading: &str, back: &str) -> String {
    let mut out = String::with_capacity(256);
    let id = attr(&f.title_id);
    let _ = write!(
        out,
        "<section class=\"footnotes\" aria-labelledby=\"{id}\"><h2 id=\"{id}\" class=\"footnotes-title\">{}</h2>\n<ol class=\"footnote-list\">\n",
        attr(heading)
    );
    for n in &f.notes {
        let _ = write!(out, "<li id=\"{}\" class=\"footnote\">", attr(&n.id));
        if !n.backrefs.is_empty() {
            out.push_str("<span class=\"footnote-backs\">");
            for (k, r) in n.backrefs.iter().enumerate() {
                let (mark, label) = if k == 0 {
                    ("↩".to_string(), format!("{back} {}", n.number))
                } else {
                    (format!("↩<sup>{}</sup>", k + 1), format!("{back} {}-{}", n.number, k + 1))
                };
                let _ = write!(
                    out,
                    "<a href=\"#{}\" class=\"footnote-back\" aria-label=\"{}\">{mark}</a>",
                    attr(r),
                    attr(&label)
                );
            }
            out.push_str("</span>");
        }
        out.push_str(&n.html);
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</section>\n");
    out
}

/// One tab of a group as the markup needs it: panel id, label, key.
pub struct TabHead<'t> {
    pub id: &'t str,
    pub label: &'t str,
    pub key: &'t str,
}

/// The opening of a group of variant tabs, up to its first panel, as
/// `partials/tabs.html` writes it: the tab list (WAI-ARIA tabs; shown only
/// with JavaScript), `selected` the tab shown first.
/// Labels and keys are escaped as the templates escape them.
pub fn tabs_open(out: &mut String, tabs: &[TabHead<'_>], selected: usize) {
    use crate::render::page::esc;
    out.push_str("<div class=\"tabs\"><div class=\"tab-list js-only\" role=\"tablist\">");
    for (k, t) in tabs.iter().enumerate() {
        let (id, key) = (esc(t.id), esc(t.key));
        let (chosen, index) = if k == selected { ("true", "") } else { ("false", " tabindex=\"-1\"") };
        let _ = write!(
            out,
            "<button type=\"button\" role=\"tab\" class=\"tab\" id=\"tab-{id}\" aria-controls=\"{id}\" aria-selected=\"{chosen}\"{index} data-key=\"{key}\">{}</button>",
            esc(t.label)
        );
    }
    out.push_str("</div>\n");
}

/// The opening of one tab's panel, with the label shown above it when
/// every tab is shown (no JavaScript, print).
pub fn tab_panel_open(out: &mut String, t: &TabHead<'_>, selected: bool) {
    use crate::render::page::esc;
    let (id, key) = (esc(t.id), esc(t.key));
    let class = if selected { "tab-panel is-selected" } else { "tab-panel" };
    let _ = writeln!(
        out,
        "<div class=\"{class}\" id=\"{id}\" role=\"tabpanel\" aria-labelledby=\"tab-{id}\" data-key=\"{key}\"><p class=\"tab-label\">{}</p>",
        esc(t.label)
    );
}

/// The end of a tab's panel, and of a group of tabs.
pub const TAB_PANEL_CLOSE: &str = "</div>\n";

/// Take the footnote definitions out of the tree of `text` (wherever they
/// are), in source order, with their labels.
pub fn take_footnotes<'a>(text: &str, nodes: &mut Vec<Node<'a>>) -> Vec<(String, Node<'a>)> {
    fn walk<'a>(nodes: &mut Vec<Node<'a>>, out: &mut Vec<(String, Node<'a>)>) {
        let mut i = 0;
        while i < nodes.len() {
            if let Some(Tag::FootnoteDefinition(label)) = nodes[i].tag() {
                let label = footnote_label(label);
                let node = nodes.remove(i);
                out.push((label, node));
                continue;
            }
            if !nodes[i].children.is_empty() && nodes[i].is_block() || matches!(nodes[i].tag(), Some(Tag::Item)) {
                walk(&mut nodes[i].children, out);
            }
            i += 1;
        }
    }
    let mut out = Vec::new();
    // No definition without `[^`: most pages are not walked at all.
    if memchr::memmem::find(text.as_bytes(), b"[^").is_some() {
        walk(nodes, &mut out);
    }
    out
}

/// A callout as read from a quote: its kind, title, rendered body, folding.
pub struct CalloutParts {
    pub kind: CalloutKind,
    pub title: Option<RichText>,
    pub body: RichText,
    pub fold: Fold,
}

/// Whether a list item starts with a task box (`- [x] …`).
fn is_task_item(item: &Node<'_>) -> bool {
    match item.children.first() {
        Some(Node { event: Event::TaskListMarker(_), .. }) => true,
        Some(p) if matches!(p.tag(), Some(Tag::Paragraph)) => {
            matches!(p.children.first(), Some(Node { event: Event::TaskListMarker(_), .. }))
        }
        _ => false,
    }
}

/// Position of a callout kind in title tables.
pub fn callout_index(kind: CalloutKind) -> usize {
    kind as usize
}

/// A resolved image.
pub struct Image {
    pub url: String,
    /// Size in CSS pixels (pixels ÷ density).
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// What was measured of the file (a local image only).
    pub info: Option<crate::parse::images::ImageInfo>,
    /// The density it is shown at.
    pub density: f64,
    /// A file of the site: its index in [`crate::discover::Discovery::assets`].
    pub asset: Option<u32>,
}

impl<'c> Renderer<'c> {
    fn warn(&mut self, rule: &'static rules::Rule, span: Span, message: String, hint: Option<String>) {
        self.diagnostics.push(Diagnostic::new(rule, &self.file, span, message).with_hint(hint));
    }

    /// Give a heading its id (its `{#id}`, else a slug of its text), as
    /// rendering it would, without rendering it.
    pub fn heading_id(&mut self, heading: &Node<'_>) -> String {
        let id = self.heading_id_only(heading);
        self.heading_help_ids(heading, &id);
        id
    }

    /// The help ids a heading carries (`## Title {#id help=print}`, the
    /// attribute repeated for more), landing on its id `id`.
    pub fn heading_help_ids(&mut self, heading: &Node<'_>, id: &str) {
        let Some(Tag::Heading { attrs, .. }) = heading.tag() else { return };
        for (k, v) in attrs {
            if k.as_ref() != HELP_ATTR {
                continue;
            }
            match v.as_deref().map(str::trim).filter(|v| !v.is_empty() && !v.contains(['{', '}'])) {
                Some(v) => self.help_ids.push(crate::model::HelpId {
                    id: v.to_string(),
                    anchor: Some(id.to_string()),
                    span: heading.span.clone(),
                    line: 0,
                }),
                None => self.warn(
                    &rules::HELP_ID_INVALID,
                    heading.span.clone(),
                    "`help` without an id".to_string(),
                    Some("write the help id after `help=`: `{help=print-dialog}`".into()),
                ),
            }
        }
    }

    fn heading_id_only(&mut self, heading: &Node<'_>) -> String {
        match heading.tag() {
            Some(Tag::Heading { id: Some(explicit), .. }) => {
                if !self.ids.explicit(explicit, heading.span.clone()) {
                    self.warn(
                        &rules::DUPLICATE_ANCHOR,
                        heading.span.clone(),
                        format!("id `{explicit}` is used twice on this page"),
                        None,
                    );
                }
                explicit.to_string()
            }
            _ => self.ids.generated(&slugify(&plain_text(&heading.children)), heading.span.clone()),
        }
    }

    /// Render block-level nodes.
    pub fn blocks(&mut self, nodes: &[Node<'_>]) -> RichText {
        let mut html = String::new();
        let mut text = String::new();
        self.render_into(nodes, &mut html, &mut text);
        RichText { html, text: text.trim().to_string() }
    }

    /// Render a sequence of block nodes that need not be adjacent siblings.
    pub fn blocks_of(&mut self, nodes: &[&Node<'_>]) -> RichText {
        let mut events: Vec<Event<'static>> = Vec::new();
        let mut text = String::new();
        self.emit(nodes, &mut events, &mut text);
        let mut html = String::new();
        if self.html {
            pulldown_cmark::html::push_html(&mut html, events.into_iter());
        }
        RichText { html, text: text.trim().to_string() }
    }

    /// Render inline nodes (a heading's or paragraph's content).
    pub fn inline(&mut self, nodes: &[Node<'_>]) -> RichText {
        self.blocks(nodes)
    }

    /// Render nodes, appending HTML and plain text.
    pub fn render_into(&mut self, nodes: &[Node<'_>], html: &mut String, text: &mut String) {
        let mut events: Vec<Event<'static>> = Vec::new();
        self.emit(nodes, &mut events, text);
        if self.html {
            pulldown_cmark::html::push_html(html, events.into_iter());
        }
    }

    pub(crate) fn emit<'a, N: std::borrow::Borrow<Node<'a>>>(
        &mut self,
        nodes: &[N],
        out: &mut Vec<Event<'static>>,
        text: &mut String,
    ) {
        let mut i = 0;
        while i < nodes.len() {
            let node = nodes[i].borrow();
            if rawhtml::starts_island(node, self.config.raw_html) {
                i += self.emit_island(&nodes[i..], out, text);
                continue;
            }
            match &node.event {
                Event::Text(_) if !self.html => {
                    while let Some(Event::Text(t)) = nodes.get(i).map(|n| &n.borrow().event) {
                        text.push_str(t);
                        i += 1;
                    }
                    continue;
                }
                Event::Text(_) => {
                    // Merge adjacent text: pulldown-cmark splits at brackets.
                    let mut merged = String::new();
                    while let Some(Event::Text(t)) = nodes.get(i).map(|n| &n.borrow().event) {
                        merged.push_str(t);
                        i += 1;
                    }
                    text.push_str(&merged);
                    out.push(Event::InlineHtml(CowStr::from(ui_labels(&merged))));
                    continue;
                }
                Event::Code(c) => {
                    text.push_str(c);
                    if self.html {
                        out.push(Event::Code(CowStr::from(c.replace(ROOT_MARK, "\u{FFFD}"))));
                    }
                }
                // A line break between two CJK characters joins them: a
                // space there is a gap a Japanese reader sees.
                Event::SoftBreak if joins_lines(nodes, i) => {}
                Event::SoftBreak => {
                    text.push(' ');
                    out.push(Event::SoftBreak);
                }
                Event::HardBreak => {
                    text.push('\n');
                    out.push(Event::HardBreak);
                }
                Event::Html(raw) | Event::InlineHtml(raw) => {
                    // `raw_html: escape`; the other modes read raw HTML as islands.
                    let html = self.escape_raw(raw, node.span.clone(), text);
                    if self.html {
                        out.push(match &node.event {
                            Event::Html(_) => Event::Html(CowStr::from(html)),
                            _ => Event::InlineHtml(CowStr::from(html)),
                        });
                    }
                }
                Event::Start(Tag::BlockQuote(None)) if self.tab_at(node).is_some() => {
                    let run: Vec<&Node> = nodes[i..].iter().map(|n| n.borrow()).collect();
                    let n = self.tab_group_len(&run);
                    let html = self.nested_tabs(&run[..n], text);
                    if self.html {
                        out.push(Event::Html(CowStr::from(html)));
                    }
                    i += n;
                    continue;
                }
                Event::Start(tag) => self.emit_tag(tag, node, out, text),
                Event::Rule => out.push(Event::Rule),
                Event::TaskListMarker(done) => {
                    // The item's text (up to its first block) labels the box.
                    let end =
                        nodes[i + 1..].iter().position(|n| n.borrow().is_block()).map_or(nodes.len(), |p| i + 1 + p);
                    if self.html {
                        let checked = if *done { " checked" } else { "" };
                        out.push(Event::InlineHtml(CowStr::from(format!(
                            "<label class=\"task\"><input type=\"checkbox\" class=\"task-check\" disabled{checked}> "
                        ))));
                    }
                    self.emit(&nodes[i + 1..end], out, text);
                    if self.html {
                        out.push(Event::InlineHtml(CowStr::from("</label>")));
                    }
                    i = end;
                    continue;
                }
                Event::FootnoteReference(label) => {
                    if let Some(html) = self.footnote_reference(label) {
                        if self.html {
                            out.push(Event::InlineHtml(CowStr::from(html)));
                        }
                    } else {
                        // No definition: the words stay as written.
                        let written = format!("[^{label}]");
                        text.push_str(&written);
                        if self.html {
                            out.push(Event::InlineHtml(CowStr::from(attr(&written))));
                        }
                    }
                }
                Event::InlineMath(_) | Event::DisplayMath(_) | Event::End(_) => {}
            }
            i += 1;
        }
    }

    fn emit_tag(&mut self, tag: &Tag<'_>, node: &Node<'_>, out: &mut Vec<Event<'static>>, text: &mut String) {
        match tag {
            Tag::Link { dest_url, .. } if !self.html => {
                self.link_href(dest_url, node.span.clone());
                self.emit(&node.children, out, text);
            }
            Tag::Link { dest_url, title, .. } => match self.link_href(dest_url, node.span.clone()) {
                Some(href) => {
                    let mut a = format!("<a href=\"{}\"", attr(&href));
                    if !title.is_empty() {
                        let _ = write!(a, " title=\"{}\"", attr(title));
                    }
                    if is_external(&href) {
                        a.push_str(" rel=\"noopener\"");
                    }
                    a.push('>');
                    out.push(Event::InlineHtml(CowStr::from(a)));
                    self.emit(&node.children, out, text);
                    out.push(Event::InlineHtml(CowStr::from("</a>")));
                }
                None => self.emit(&node.children, out, text),
            },
            Tag::Image { dest_url, title, .. } => {
                let alt = plain_text(&node.children);
                text.push_str(&alt);
                if !self.html {
                    if self.image(dest_url, node.span.clone()).is_some() {
                        self.images_shown += 1;
                    }
                    return;
                }
                let html = self.inline_image(dest_url, title, &alt, node.span.clone());
                out.push(Event::InlineHtml(CowStr::from(html)));
            }
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let code: String = node
                    .children
                    .iter()
                    .filter_map(|n| match &n.event {
                        Event::Text(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                text.push_str(&code);
                text.push('\n');
                if self.html {
                    out.push(Event::Html(CowStr::from(self.highlighter.highlight(&lang, &code))));
                }
            }
            Tag::Heading { level, classes, attrs, .. } => {
                let id = self.heading_id(node);
                if !self.html {
                    self.emit(&node.children, out, text);
                    text.push('\n');
                    return;
                }
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(id)),
                    classes: classes.iter().map(|c| CowStr::from(c.to_string())).collect(),
                    attrs: attrs
                        .iter()
                        .filter(|(k, _)| k.as_ref() != HELP_ATTR)
                        .map(|(k, v)| (CowStr::from(k.to_string()), v.as_ref().map(|v| CowStr::from(v.to_string()))))
                        .collect(),
                }));
                self.emit(&node.children, out, text);
                out.push(Event::End(TagEnd::Heading(*level)));
                text.push('\n');
            }
            Tag::BlockQuote(_) => match self.callout(node) {
                Some(c) => {
                    if let Some(t) = &c.title {
                        text.push_str(&t.text);
                        text.push('\n');
                    }
                    text.push_str(&c.body.text);
                    text.push('\n');
                    if !self.html {
                        return;
                    }
                    out.push(Event::Html(CowStr::from(self.nested_callout_html(&c))));
                }
                None => {
                    out.push(Event::Start(Tag::BlockQuote(None)));
                    self.emit(&node.children, out, text);
                    out.push(Event::End(TagEnd::BlockQuote(None)));
                }
            },
            Tag::Item if self.html && is_task_item(node) => {
                out.push(Event::Html(CowStr::from("<li class=\"task-item\">")));
                self.emit(&node.children, out, text);
                out.push(Event::End(TagEnd::Item));
                text.push('\n');
            }
            Tag::Paragraph if self.html => {
                let mut inner = Vec::new();
                self.emit(&node.children, &mut inner, text);
                paragraphs_around_blocks(inner, out);
                text.push('\n');
            }
            Tag::Table(_) if self.html => {
                // Wide tables scroll sideways on a phone (and by keyboard).
                out.push(Event::Html(CowStr::from("<div class=\"table-scroll\" tabindex=\"0\">")));
                let owned = tag.clone().into_static();
                let end = owned.to_end();
                out.push(Event::Start(owned));
                self.emit(&node.children, out, text);
                out.push(Event::End(end));
                out.push(Event::Html(CowStr::from("</div>\n")));
                text.push('\n');
            }
            other if !self.html => {
                self.emit(&node.children, out, text);
                if node.is_block() || matches!(other, Tag::Item | Tag::TableCell) {
                    text.push('\n');
                }
            }
            other => {
                let owned = other.clone().into_static();
                let end = owned.to_end();
                out.push(Event::Start(owned));
                self.emit(&node.children, out, text);
                out.push(Event::End(end));
                if node.is_block() || matches!(other, Tag::Item | Tag::TableCell) {
                    text.push('\n');
                }
            }
        }
    }

    /// A callout: a GitHub alert (`> [!TIP]`), a quote opening with a
    /// bold-only title, or the quote a `:::tip` container or `!!! tip`
    /// admonition became; `None` for an ordinary quote.
    pub fn callout(&mut self, node: &Node<'_>) -> Option<CalloutParts> {
        let Some(Tag::BlockQuote(alert)) = node.tag() else {
            return None;
        };
        let children = &node.children;
        if alert.is_none() {
            if let Some(c) = self.container_at(node) {
                if c.tab.is_some() {
                    return None;
                }
                return Some(self.container_callout(&c, children));
            }
        }
        let kind = alert.map(|k| match k {
            pulldown_cmark::BlockQuoteKind::Note => CalloutKind::Note,
            pulldown_cmark::BlockQuoteKind::Tip => CalloutKind::Tip,
            pulldown_cmark::BlockQuoteKind::Important => CalloutKind::Important,
            pulldown_cmark::BlockQuoteKind::Warning => CalloutKind::Warning,
            pulldown_cmark::BlockQuoteKind::Caution => CalloutKind::Caution,
        });
        let first = children.first();
        let title_split = first.and_then(|p| {
            if !matches!(p.tag(), Some(Tag::Paragraph)) {
                return None;
            }
            let strong = p.children.first().filter(|s| matches!(s.tag(), Some(Tag::Strong)))?;
            match p.children.get(1).map(|n| &n.event) {
                None => Some((strong, &p.children[1..])),
                Some(Event::SoftBreak | Event::HardBreak) => Some((strong, &p.children[2..])),
                _ => None,
            }
        });
        let kind = match (kind, &title_split) {
            (Some(k), _) => k,
            (None, Some(_)) => CalloutKind::Note,
            (None, None) => return None,
        };
        match title_split {
            Some((strong, rest_of_para)) => {
                let title = self.inline(&strong.children);
                let mut body = RichText::default();
                if !rest_of_para.is_empty() {
                    let para = Node {
                        event: Event::Start(Tag::Paragraph),
                        span: node.span.clone(),
                        children: rest_of_para.to_vec(),
                    };
                    self.render_into(std::slice::from_ref(&para), &mut body.html, &mut body.text);
                }
                self.render_into(&children[1..], &mut body.html, &mut body.text);
                body.text = body.text.trim().to_string();
                Some(CalloutParts { kind, title: Some(title), body, fold: Fold::None })
            }
            None => Some(CalloutParts { kind, title: None, body: self.blocks(children), fold: Fold::None }),
        }
    }

    /// The container whose quote `node` is: its marker is on the quote's
    /// first line.
    fn container_at(&self, node: &Node<'_>) -> Option<Container> {
        let start = node.span.start;
        let i = self.containers.partition_point(|c| c.at < start);
        let c = self.containers.get(i)?;
        let between = self.source.get(start..c.at)?;
        between.bytes().all(|b| b == b' ' || b == b'\t' || b == b'>').then(|| c.clone())
    }

    /// What a quote that is a variant tab (`=== "Label"`) says, if it is one.
    pub fn tab_at(&self, node: &Node<'_>) -> Option<TabMark> {
        if !matches!(node.tag(), Some(Tag::BlockQuote(None))) {
            return None;
        }
        self.container_at(node).and_then(|c| c.tab)
    }

    /// How many of `nodes` (from the first, a tab) are one group of tabs:
    /// the tabs that follow each other, up to one marked `===!`.
    pub fn tab_group_len(&self, nodes: &[&Node<'_>]) -> usize {
        let mut n = 0;
        for node in nodes {
            match self.tab_at(node) {
                Some(m) if n == 0 || !m.new_group => n += 1,
                _ => break,
            }
        }
        n
    }

    /// A group of tabs inside other content (a question's answer, a note,
    /// a step's details): the same markup as a group in the model, each
    /// tab's content rendered as HTML.
    fn nested_tabs(&mut self, run: &[&Node<'_>], text: &mut String) -> String {
        let mut heads = Vec::with_capacity(run.len());
        let mut selected = 0;
        for (k, node) in run.iter().enumerate() {
            let mark = self.tab_at(node).expect("a run of tabs");
            selected = if mark.selected { k } else { selected };
            let id = self.ids.tab(&slugify(&mark.label));
            heads.push((id, mark.label.clone(), crate::model::variant_key(&mark.label)));
        }
        let mut bodies = Vec::with_capacity(run.len());
        for (node, (_, label, _)) in run.iter().zip(&heads) {
            let body = self.blocks(&node.children);
            text.push_str(label);
            text.push('\n');
            text.push_str(&body.text);
            text.push('\n');
            bodies.push(body.html);
        }
        let mut html = String::new();
        if self.html {
            let list: Vec<TabHead> = heads.iter().map(|(id, label, key)| TabHead { id, label, key }).collect();
            tabs_open(&mut html, &list, selected);
            for (k, (head, body)) in list.iter().zip(&bodies).enumerate() {
                tab_panel_open(&mut html, head, k == selected);
                html.push_str(body);
                html.push_str(TAB_PANEL_CLOSE);
            }
            html.push_str(TAB_PANEL_CLOSE);
        }
        html
    }

    fn container_callout(&mut self, c: &Container, children: &[Node<'_>]) -> CalloutParts {
        let (title, body) = match c.title {
            ContainerTitle::FirstParagraph => match children.first() {
                Some(p) if matches!(p.tag(), Some(Tag::Paragraph)) => {
                    (Some(self.inline(&p.children)), self.blocks(&children[1..]))
                }
                _ => (None, self.blocks(children)),
            },
            ContainerTitle::Hidden => (Some(RichText::default()), self.blocks(children)),
            ContainerTitle::Default if c.name == "details" => {
                let t = &self.strings[5];
                (Some(RichText { html: attr(t), text: t.clone() }), self.blocks(children))
            }
            ContainerTitle::Default => (None, self.blocks(children)),
        };
        CalloutParts { kind: c.kind, title, body, fold: c.fold }
    }

    /// The HTML of a callout inside other content (a question's answer, a
    /// step's details), laid out as `partials/callout.html` lays out one
    /// in a guide's blocks.
    fn nested_callout_html(&self, c: &CalloutParts) -> String {
        let kind = c.kind.as_str();
        let default_title;
        let title = match &c.title {
            Some(t) => t.html.as_str(),
            None => {
                default_title = attr(&self.strings[callout_index(c.kind)]);
                default_title.as_str()
            }
        };
        let body = &c.body.html;
        match c.fold {
            Fold::None if title.is_empty() => {
                format!("<aside class=\"callout callout-{kind}\"><div class=\"callout-body\">{body}</div></aside>\n")
            }
            Fold::None => format!(
                "<aside class=\"callout callout-{kind}\"><p class=\"callout-title\">{title}</p><div class=\"callout-body\">{body}</div></aside>\n"
            ),
            Fold::Closed | Fold::Open => {
                let open = if c.fold == Fold::Open { " open" } else { "" };
                let title = if title.is_empty() { attr(&self.strings[callout_index(c.kind)]) } else { title.to_string() };
                format!(
                    "<details class=\"callout callout-{kind}\"{open}><summary class=\"callout-title\">{title}</summary><div class=\"callout-body\">{body}</div></details>\n"
                )
            }
        }
    }

    /// The markup of a reference to footnote `label`, giving the note its
    /// number on first reference; `None` when no note has that label.
    fn footnote_reference(&mut self, label: &str) -> Option<String> {
        let key = footnote_label(label);
        let def = self.footnotes.labels.iter().position(|l| *l == key)?;
        let title_id = match &self.footnotes.title_id {
            Some(id) => id.clone(),
            None => {
                let id = self.ids.generated("footnotes", NO_PLACE);
                self.footnotes.title_id = Some(id.clone());
                id
            }
        };
        if self.footnotes.given[def].is_none() {
            let number = self.footnotes.order.len() + 1;
            let id = self.ids.generated(&format!("fn-{number}"), NO_PLACE);
            self.footnotes.given[def] = Some((number, id, Vec::new()));
            self.footnotes.order.push(def);
        }
        let (number, note_id, refs) = self.footnotes.given[def].as_ref().unwrap();
        let (number, note_id) = (*number, note_id.clone());
        let base =
            if refs.is_empty() { format!("fnref-{number}") } else { format!("fnref-{number}-{}", refs.len() + 1) };
        let ref_id = self.ids.generated(&base, NO_PLACE);
        self.footnotes.given[def].as_mut().unwrap().2.push(ref_id.clone());
        Some(format!(
            "<sup class=\"footnote-ref\"><a href=\"#{}\" id=\"{}\" aria-describedby=\"{}\">{number}</a></sup>",
            attr(&note_id),
            attr(&ref_id),
            attr(&title_id)
        ))
    }

    /// The page's footnotes, numbered in order of first reference; notes
    /// never referred to come last, so no word is lost.
    pub fn footnotes(&mut self, defs: &[(String, Node<'_>)]) -> Option<Footnotes> {
        if defs.is_empty() {
            return None;
        }
        let mut notes = Vec::new();
        let mut k = 0;
        // Rendering a note may refer to another: walk the growing order.
        loop {
            if k == self.footnotes.order.len() {
                // The first note never referred to, if any.
                let Some(def) = self.footnotes.given.iter().position(Option::is_none) else { break };
                let number = self.footnotes.order.len() + 1;
                let id = self.ids.generated(&format!("fn-{number}"), NO_PLACE);
                self.footnotes.given[def] = Some((number, id, Vec::new()));
                self.footnotes.order.push(def);
            }
            let def = self.footnotes.order[k];
            let content = self.blocks(&defs[def].1.children);
            let (number, id, backrefs) = self.footnotes.given[def].clone().unwrap();
            notes.push(Footnote { id, number, html: content.html, text: content.text, backrefs });
            k += 1;
        }
        // Backrefs of references made while rendering later notes.
        for n in &mut notes {
            let def = self.footnotes.order[n.number - 1];
            n.backrefs = self.footnotes.given[def].as_ref().unwrap().2.clone();
        }
        let title_id = match self.footnotes.title_id.take() {
            Some(id) => id,
            None => self.ids.generated("footnotes", NO_PLACE),
        };
        Some(Footnotes { title_id, notes })
    }

    /// The href for a link destination, or `None` when the link is dropped.
    pub fn link_href(&mut self, dest: &str, span: Span) -> Option<String> {
        let dest = dest.trim();
        if dest.is_empty() {
            return Some(String::new());
        }
        if let Some(anchor) = dest.strip_prefix('#') {
            self.links.push(InternalLink { target: self.file.clone(), anchor: Some(decode(anchor)), span });
            return Some(dest.to_string());
        }
        if dest.starts_with("//") {
            return Some(dest.to_string());
        }
        if let Some(scheme) = scheme_of(dest) {
            // Other schemes (`ms-settings:`, `tel:` …) are legitimate in help
            // articles; these run code or smuggle content.
            return if DANGEROUS_SCHEMES.contains(&scheme.as_str()) {
                self.warn(
                    &rules::UNSAFE_URL,
                    span,
                    format!("link with `{scheme}:` was dropped; only the text is shown"),
                    Some("link to http(s):, mailto: or a file of the site".into()),
                );
                None
            } else {
                Some(dest.to_string())
            };
        }
        let (path_part, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(decode(a))),
            None => (dest, None),
        };
        let path_part = path_part.split('?').next().unwrap_or(path_part);
        let rel = self.resolve_path(path_part, span.clone())?;
        let d = self.discovery;
        // A guide: link to the page, in this page's language when translated.
        let guide = linked_guide(d, &rel);
        // A fragment (`includes/…`) has no page: its link stays text.
        if guide.is_none() && d.fragments.binary_search(&rel).is_ok() {
            return None;
        }
        if let Some(g) = guide {
            return self.guide_href(g, dest, anchor, span);
        }
        // A category: its `_index.md` or its folder.
        let cat_path = if rel.file_name().is_some_and(|n| n.to_string_lossy().starts_with("_index.")) {
            rel.parent().map(Path::to_path_buf)
        } else {
            Some(rel.clone())
        };
        let cat_path = cat_path.map(|p| crate::discover::slash_path(&p));
        if let Some(cat) = cat_path.as_deref().and_then(|p| self.config.in_content(p)) {
            if d.categories.iter().any(|c| c == cat) {
                let url = crate::urls::category(self.config, &self.lang, cat);
                return Some(with_anchor(format!("{ROOT_MARK}{}", href_path(&url)), anchor.as_deref()));
            }
        }
        if let Some(a) = d.asset(&rel) {
            self.assets.push(a.url.clone());
            return Some(with_anchor(format!("{ROOT_MARK}{}", href_path(&a.url)), anchor.as_deref()));
        }
        match self.published_target(path_part, &rel) {
            Ok(g) => return self.guide_href(g, dest, anchor, span),
            Err(ambiguous) if !ambiguous.is_empty() => {
                self.warn(
                    &rules::LINK_TARGET_MISSING,
                    span,
                    format!("link target `{path_part}` could be any of {} guides", ambiguous.len()),
                    Some(format!(
                        "link to the Markdown file instead: {}",
                        ambiguous.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
                    )),
                );
                return Some(dest.to_string());
            }
            Err(_) => {}
        }
        if let Some(outside) = self.outside_content(&rel) {
            self.warn(
                &rules::PATH_ESCAPES_SITE,
                span,
                format!("`{path_part}` is outside the content folder, so it is not published"),
                Some(format!("move it into {outside}, or link to its address on the web")),
            );
            return None;
        }
        // A name without an extension, `…/` or `….html` is a page's address
        // as other tools publish them: a missing guide, not a missing file.
        let name = path_part.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
        let page_address = path_part.ends_with('/') || !name.contains('.') || name.ends_with(".html");
        let is_md = path_part.ends_with(".md") || path_part.ends_with(".mdx") || page_address;
        let rule = if is_md { &rules::LINK_TARGET_MISSING } else { &rules::ASSET_MISSING };
        let candidates: Vec<String> = if is_md {
            d.guides.iter().map(|g| g.rel.to_string_lossy().into_owned()).collect()
        } else {
            d.asset_paths().map(|p| p.to_string_lossy().into_owned()).collect()
        };
        let hint = if !path_part.contains('/') && path_part.contains('@') {
            Some(format!("to link to an email address, write `mailto:{path_part}`"))
        } else {
            self.suggest(&rel, &candidates, span.start).or_else(|| {
                (page_address && !name.is_empty()).then(|| {
                    format!("no guide is published as `{name}`: link to the guide's Markdown file (`…/name.md`)")
                })
            })
        };
        self.warn(rule, span, format!("link target `{path_part}` does not exist"), hint);
        Some(dest.to_string())
    }

    /// When the file `rel` (relative to the site folder) exists but the
    /// site's `exclude:` leaves it out: the hint naming the pattern and how
    /// to narrow it to the Markdown files it is meant for.
    fn left_out(&self, rel: &Path) -> Option<String> {
        let d = self.discovery;
        let slashed = crate::discover::slash_path(rel);
        let inside = self.config.in_content(&slashed)?;
        let (pattern, matched) = d.exclusions.leaving_out(inside)?;
        if !d.root.join(rel).is_file() {
            return None;
        }
        if matched == inside {
            return Some(format!("take `{pattern}` out of `exclude:`, or move the image"));
        }
        let narrowed = match pattern.strip_suffix("/**") {
            Some(folder) => format!("{folder}/**/*.md"),
            None => format!("{matched}/**/*.md"),
        };
        Some(format!(
            "`{pattern}` in `exclude:` leaves out `{matched}`: narrow it to the Markdown files there (`{narrowed}`), or move the image"
        ))
    }

    /// The file a span of the page lies in: the page's own, or an included one.
    fn file_at(&self, at: usize) -> &Path {
        match crate::model::included_at(&self.included, at) {
            Some((_, f)) => &f.rel,
            None => &self.file,
        }
    }

    /// The href of a link to guide `g`: its page in this page's language
    /// when translated; `None` (text only) for a draft that is not built.
    fn guide_href(&mut self, g: &'c GuideSource, dest: &str, anchor: Option<String>, span: Span) -> Option<String> {
        let d = self.discovery;
        let g = d.translation(g, &self.lang).unwrap_or(g);
        if !self.drafts && self.draft_sources.contains(&g.rel) {
            self.warn(
                &rules::LINK_TO_DRAFT,
                span,
                format!("`{dest}` is a draft and is not built; the link is shown as text"),
                None,
            );
            return None;
        }
        self.links.push(InternalLink { target: g.rel.clone(), anchor: anchor.clone(), span });
        Some(with_anchor(format!("{ROOT_MARK}{}", href_path(&g.url)), anchor.as_deref()))
    }

    /// The guide a link written as a published URL path names (DocFX,
    /// Docusaurus and MkDocs sites write `/docs/other-article`,
    /// `../other-article`, `other-article/`): first the Markdown file at
    /// that path (`rel` + `.md`, or its `index.md`), else the guide whose
    /// category and slug end with the most of the link's last parts, when
    /// exactly one guide (in any of its languages) does. `Err` lists the
    /// guides that match equally well.
    fn published_target(&self, written: &str, rel: &Path) -> Result<&'c GuideSource, Vec<String>> {
        let d = self.discovery;
        let Some(parts) = crate::urls::published_parts(written) else { return Err(Vec::new()) };
        let base = rel.to_string_lossy();
        let base = base.trim_end_matches('/').trim_end_matches(".html").trim_end_matches(".htm");
        for candidate in [format!("{base}.md"), format!("{base}.mdx"), format!("{base}/index.md")] {
            if let Some(g) = d.guide(Path::new(&candidate)) {
                return Ok(g);
            }
        }
        let last = parts.last().map(String::as_str).unwrap_or_default();
        let mut best: Vec<&GuideSource> = Vec::new();
        let mut best_len = (0, false);
        for g in d.guides_published_as(last) {
            let key: Vec<String> =
                g.category.split('/').filter(|p| !p.is_empty()).map(crate::urls::published_name).collect();
            let matched = key.iter().rev().zip(parts.iter().rev().skip(1)).take_while(|(a, b)| a == b).count();
            // As many parts matched, a guide whose whole category matched
            // (`/guide/export` → `guide/export.md`, not `ja/guide/export.md`) wins.
            let shared = (1 + matched, matched == key.len());
            if shared > best_len {
                (best, best_len) = (vec![g], shared);
            } else if shared == best_len {
                best.push(g);
            }
        }
        let mut keys: Vec<(&str, &str)> = best.iter().map(|g| (g.category.as_str(), g.slug.as_str())).collect();
        keys.sort_unstable();
        keys.dedup();
        match keys.len() {
            0 => Err(Vec::new()),
            1 => Ok(best[0]),
            _ => {
                let from = self.file.parent().unwrap_or(Path::new(""));
                let mut paths: Vec<String> = best
                    .iter()
                    .filter(|g| g.lang == self.config.default_language())
                    .map(|g| relative_path(from, &g.rel))
                    .collect();
                paths.sort();
                Err(paths)
            }
        }
    }

    /// When `rel` (relative to the site folder) is a file that exists but
    /// lies outside the content folder and `static/`, so it is not
    /// published: the content folder's name, for the hint.
    fn outside_content(&self, rel: &Path) -> Option<String> {
        let text = crate::discover::slash_path(rel);
        let published = self.config.in_content(&text).is_some() || text == "static" || text.starts_with("static/");
        (!published && self.discovery.root.join(rel).exists()).then(|| format!("`{}/`", self.config.content))
    }

    /// Suggest the closest existing path, written relative to the file
    /// (the page's, or an included one) the span `at` lies in.
    fn suggest(&self, missing: &Path, candidates: &[String], at: usize) -> Option<String> {
        let name = missing.file_name();
        let missing = missing.to_string_lossy();
        // A near spelling of the path, else the one file of the same name
        // (articles moved by an import keep links one folder too deep).
        let best = closest(&missing, candidates.iter().map(String::as_str)).or_else(|| {
            let mut same = candidates.iter().filter(|c| Path::new(c.as_str()).file_name() == name);
            match (same.next(), same.next()) {
                (Some(one), None) => Some(one.as_str()),
                _ => None,
            }
        })?;
        let from = self.file_at(at).parent().unwrap_or(Path::new(""));
        Some(format!("did you mean `{}`?", relative_path(from, Path::new(best))))
    }

    /// Resolve a path written in a guide to a path relative to the site
    /// folder; reports paths that leave the site. A relative path starts
    /// at the folder of the file it is written in (an included file's, in
    /// its text).
    fn resolve_path(&mut self, written: &str, span: Span) -> Option<PathBuf> {
        let included_dir;
        let dir = match crate::model::included_at(&self.included, span.start) {
            Some((_, f)) => {
                included_dir = crate::discover::slash_path(f.rel.parent().unwrap_or(Path::new("")));
                included_dir.as_str()
            }
            None => self.dir.as_str(),
        };
        let path = resolve_written(dir, written);
        if path.is_none() {
            self.warn(
                &rules::PATH_ESCAPES_SITE,
                span,
                format!("path `{written}` leads outside the site folder"),
                Some(format!("keep screenshots and linked files inside {}/ or static/", self.config.content)),
            );
        }
        path
    }

    /// Resolve an image path to its output URL and dimensions.
    pub fn image(&mut self, dest: &str, span: Span) -> Option<Image> {
        let dest = dest.trim();
        if dest.starts_with("//") || scheme_of(dest).is_some_and(|s| s == "http" || s == "https") {
            return Some(Image {
                url: dest.to_string(),
                width: None,
                height: None,
                info: None,
                density: 1.0,
                asset: None,
            });
        }
        if scheme_of(dest).is_some() {
            self.warn(&rules::UNSAFE_URL, span, format!("image source `{dest}` was dropped"), None);
            return None;
        }
        let rel = self.resolve_path(dest.split(['?', '#']).next().unwrap_or(dest), span.clone())?;
        // `/x.png` is `static/x.png`, or, as VitePress serves it, the
        // content folder's `public/x.png`.
        let public = || {
            let rest = rel.strip_prefix("static").ok()?;
            let p = Path::new(&self.config.content).join("public").join(rest);
            dest.starts_with('/').then(|| self.discovery.asset_id(&p)).flatten()
        };
        let Some(id) = self.discovery.asset_id(&rel).or_else(public) else {
            if let Some(outside) = self.outside_content(&rel) {
                self.warn(
                    &rules::PATH_ESCAPES_SITE,
                    span,
                    format!("image `{dest}` is outside the content folder, so it is not published"),
                    Some(format!("move it into {outside}")),
                );
                return None;
            }
            if let Some(hint) = self.left_out(&rel) {
                self.warn(
                    &rules::ASSET_MISSING,
                    span,
                    format!("image `{dest}` exists, but `exclude:` leaves it out of the site, so it is not published"),
                    Some(hint),
                );
                return None;
            }
            let candidates: Vec<String> =
                self.discovery.asset_paths().map(|p| p.to_string_lossy().into_owned()).collect();
            let hint = self.suggest(&rel, &candidates, span.start);
            self.warn(&rules::ASSET_MISSING, span, format!("image `{dest}` does not exist"), hint);
            return None;
        };
        let asset = &self.discovery.assets[id];
        self.assets.push(asset.url.clone());
        let measured = match self.images.get(id) {
            Some(m) => m.clone(),
            None => Err("the file is not an image".to_string()),
        };
        let density =
            measured.as_ref().map_or(self.config.images.density, |i| i.density_or(self.config.images.density));
        if let Ok(info) = &measured {
            self.check_image(dest, info, span.clone());
        }
        let (width, height, info) = match measured {
            Ok(info) => {
                let (w, h) = info.css_size(density);
                (Some(w), Some(h), Some(info))
            }
            Err(e) => {
                self.warn(
                    &rules::IMAGE_UNREADABLE,
                    span,
                    format!("`{dest}` is not a readable image: {e}"),
                    Some("save the screenshot as PNG, JPEG, GIF, WebP or SVG".into()),
                );
                (None, None, None)
            }
        };
        let url = if self.html { format!("{ROOT_MARK}{}", href_path(&asset.url)) } else { String::new() };
        Some(Image { url, width, height, info, density, asset: u32::try_from(id).ok() })
    }

    /// `image-too-large` and `image-density-mismatch` for a measured image.
    fn check_image(&mut self, dest: &str, info: &crate::parse::images::ImageInfo, span: Span) {
        let limits = &self.config.images;
        if info.bytes > limits.max_bytes || info.width > limits.max_width {
            let what = if info.bytes > limits.max_bytes {
                format!(
                    "{:.1} MB, over the {:.1} MB of `images.max_bytes`",
                    info.bytes as f64 / 1e6,
                    limits.max_bytes as f64 / 1e6
                )
            } else {
                format!("{} pixels wide, over the {} of `images.max_width`", info.width, limits.max_width)
            };
            self.warn(
                &rules::IMAGE_TOO_LARGE,
                span.clone(),
                format!("`{dest}` is {what}"),
                Some("crop the screenshot to the window that matters, or save it as PNG with fewer colours".into()),
            );
        }
        let Some(d) = info.density.filter(|_| info.named) else { return };
        let (cw, ch) = (f64::from(info.width) / d, f64::from(info.height) / d);
        let uneven =
            d.fract() == 0.0 && (!info.width.is_multiple_of(d as u32) || !info.height.is_multiple_of(d as u32));
        if uneven || cw < 16.0 || ch < 16.0 {
            let why = if uneven {
                format!("{} × {} pixels do not divide by its density {d}", info.width, info.height)
            } else {
                format!("at {d}× its {} × {} pixels are under 16 CSS pixels", info.width, info.height)
            };
            self.warn(
                &rules::IMAGE_DENSITY_MISMATCH,
                span,
                format!("`{dest}` is named as a {d}× screenshot, but {why}"),
                Some("re-export it at the density its name says, or rename it without `@…x`".into()),
            );
        }
    }

    fn inline_image(&mut self, dest: &str, title: &str, alt: &str, span: Span) -> String {
        let Some(img) = self.image(dest, span) else {
            return attr(alt);
        };
        self.images_shown += 1;
        let mut html = format!("<img src=\"{}\" alt=\"{}\"", attr(&img.url), attr(alt));
        if let (Some(w), Some(h)) = (img.width, img.height) {
            let _ = write!(html, " width=\"{w}\" height=\"{h}\"");
        }
        if !title.is_empty() {
            let _ = write!(html, " title=\"{}\"", attr(title));
        }
        html.push_str(" loading=\"lazy\" decoding=\"async\" class=\"inline-image\">");
        html
    }
}

/// A path written in a file of folder `dir` (`/`-separated, relative to the
/// site folder), resolved to a path relative to the site folder: relative
/// to `dir`, or to `static/` when it starts with `/`; percent-decoded.
/// `None` when it leads outside the site folder.
pub fn resolve_written(dir: &str, written: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(written).decode_utf8_lossy();
    let (base, rest) = match decoded.strip_prefix('/') {
        Some(rest) => ("static", rest),
        None => (dir, &*decoded),
    };
    join_path(base, rest).map(PathBuf::from)
}

/// The guide a link to `rel` (a resolved path) names: the guide file, or
/// the bundle whose folder it is (`index.md`, else its first `index.*`).
pub fn linked_guide<'d>(d: &'d Discovery, rel: &Path) -> Option<&'d crate::discover::GuideSource> {
    d.guide(rel).or_else(|| d.guide(&rel.join("index.md"))).or_else(|| {
        d.guides.iter().find(|g| {
            g.rel.parent() == Some(rel) && g.rel.file_name().is_some_and(|n| n.to_string_lossy().starts_with("index."))
        })
    })
}

/// UI labels written in square brackets in a guide's Markdown body
/// (`[設定]`), as [`ui_labels`] marks them, leaving out links (`[text](…)`,
/// `[text][ref]`, `[ref]: …`), images, and code (fenced blocks and
/// backtick spans).
pub fn ui_label_names(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    for line in body.lines() {
        let t = line.trim_start_matches([' ', '\t', '>']);
        let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '-' || c == '*' || c == ' ');
        for marker in ["```", "~~~"] {
            if t.starts_with(marker) {
                fence = match fence {
                    Some(open) if open == marker => None,
                    None => Some(marker),
                    other => other,
                };
            }
        }
        if fence.is_some() || t.starts_with("```") || t.starts_with("~~~") {
            continue;
        }
        // Outside backtick spans only.
        for (i, part) in line.split('`').enumerate() {
            if i % 2 == 0 {
                labels_in(part, &mut out);
            }
        }
    }
    out
}

fn labels_in<'a>(s: &'a str, out: &mut Vec<&'a str>) {
    let bytes = s.as_bytes();
    let mut at = 0;
    while let Some(open) = s[at..].find('[').map(|i| at + i) {
        at = open + 1;
        let after = &s[open + 1..];
        let Some(c) = after.find([']', '[']) else { return };
        if after.as_bytes()[c] != b']' {
            continue;
        }
        let inner = &after[..c];
        let next = bytes.get(open + 1 + c + 1).copied();
        let image = open > 0 && bytes[open - 1] == b'!';
        if next == Some(b'[') {
            // A reference link: skip its `[ref]` too.
            let rest = open + 1 + c + 1;
            at = s[rest..].find(']').map_or(rest, |e| rest + e + 1);
        } else if is_label(inner) && !image && !matches!(next, Some(b'(' | b':')) {
            out.push(inner.trim());
            at = open + 1 + c + 1;
        }
    }
}

/// A paragraph's events, cut where raw HTML put a block in a sentence
/// (`text <div>x</div> more`, a `<table>` in a list item's paragraph): a
/// `<p>` cannot hold one, and a browser would close it there anyway, leaving
/// a stray `</p>`. The text before and after becomes paragraphs of its own
/// (none when empty), the block stands between them.
fn paragraphs_around_blocks(events: Vec<Event<'static>>, out: &mut Vec<Event<'static>>) {
    let mut run: Vec<Event<'static>> = Vec::new();
    let flush = |run: &mut Vec<Event<'static>>, out: &mut Vec<Event<'static>>| {
        let blank = run.iter().all(|e| match e {
            Event::InlineHtml(h) | Event::Text(h) => h.trim().is_empty(),
            Event::SoftBreak | Event::HardBreak => true,
            _ => false,
        });
        if !blank {
            out.push(Event::Start(Tag::Paragraph));
            out.append(run);
            out.push(Event::End(TagEnd::Paragraph));
        }
        run.clear();
    };
    for event in events {
        match event {
            Event::InlineHtml(html) if rawhtml::holds_block(&html) => {
                flush(&mut run, out);
                // A `<p>` or `</p>` written in the sentence: the cut is made.
                if html.trim() != "<p></p>" {
                    out.push(Event::Html(html));
                }
            }
            other => run.push(other),
        }
    }
    flush(&mut run, out);
}

/// URL schemes whose links are dropped: they run script or embed content.
pub const DANGEROUS_SCHEMES: &[&str] = &["javascript", "vbscript", "livescript", "data", "blob"];

fn with_anchor(url: String, anchor: Option<&str>) -> String {
    match anchor {
        Some(a) if !a.is_empty() => format!("{url}#{}", href_path(a)),
        _ => url,
    }
}

fn is_external(href: &str) -> bool {
    href.starts_with("http://") || href.starts_with("https://") || href.starts_with("//")
}

/// The URL scheme of `s`, lowercased (`javascript` for `JavaScript:…`).
pub fn scheme_of(s: &str) -> Option<String> {
    if !s.contains(':') {
        return None;
    }
    let cleaned: String = s.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    let valid = scheme.len() > 1
        && scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// A percent-encoded URL part, decoded (lossily).
pub fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// Escape text for an HTML attribute or text node.
pub fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A path as an href: ASCII characters with a meaning in URLs are
/// percent-encoded; other characters (Japanese names) stay readable.
pub fn href_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' | '"' | '#' | '%' | '<' | '>' | '?' | '`' | '{' | '}' | '|' | '\\' | '^' | '[' | ']' | '\'' => {
                let _ = write!(out, "%{:02X}", c as u32);
            }
            c if c.is_control() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// A `/`-separated path written relative to the folder `base` (`.` and
/// `..` read, `\` taken for `/`) as a path from the root `base` is
/// relative to; `None` when it climbs above that root.
pub fn join_path(base: &str, written: &str) -> Option<String> {
    // `/`-joined parts; no part holds a `/`.
    let mut path = String::with_capacity(base.len() + written.len() + 1);
    path.push_str(base);
    for piece in written.split(['/', '\\']) {
        match piece {
            "" | "." => {}
            ".." => match path.rfind('/') {
                Some(i) => path.truncate(i),
                None if !path.is_empty() => path.clear(),
                None => return None,
            },
            p => {
                if !path.is_empty() {
                    path.push('/');
                }
                path.push_str(p);
            }
        }
    }
    Some(path)
}

/// `to` relative to the folder `from` (both relative to the same root).
pub fn relative_path(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to_c: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to_c).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".into(); from.len() - common];
    parts.extend(to_c[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

/// Escape text and wrap UI labels written in square brackets (`[設定]`,
/// `[Next]`) in `<span class="ui">`.
pub fn ui_labels(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let close = after.find([']', '[', '\n']);
        match close {
            Some(c) if after.as_bytes()[c] == b']' && is_label(&after[..c]) => {
                out.push_str(&attr(&rest[..open]));
                out.push_str("<span class=\"ui\">[");
                out.push_str(&attr(&after[..c]));
                out.push_str("]</span>");
                rest = &after[c + 1..];
            }
            _ => {
                out.push_str(&attr(&rest[..open + 1]));
                rest = after;
            }
        }
    }
    out.push_str(&attr(rest));
    escape_mark(out)
}

/// `text` with the model's root mark written as a character reference, so
/// text from a guide can never pass for a root-relative URL. Copies only
/// when the mark occurs (it almost never does).
pub(crate) fn escape_mark(text: String) -> String {
    if text.contains(ROOT_MARK) {
        text.replace(ROOT_MARK, "&#xE000;")
    } else {
        text
    }
}

fn is_label(inner: &str) -> bool {
    let t = inner.trim();
    !t.is_empty()
        && t.chars().count() <= 60
        && !t.starts_with('!')
        && !t.starts_with('^')
        && !(t.len() == 1 && (t == "x" || t == "X"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ui_labels_are_marked_and_text_escaped() {
        assert_eq!(ui_labels("Click [Next] & <go>"), "Click <span class=\"ui\">[Next]</span> &amp; &lt;go&gt;");
        assert_eq!(ui_labels("[設定]をクリック"), "<span class=\"ui\">[設定]</span>をクリック");
        assert_eq!(ui_labels("a [ ] b [x] [unclosed"), "a [ ] b [x] [unclosed");
    }

    #[test]
    fn label_names_leave_out_links_and_images() {
        let body = "[設定] > [Next](a.md) ![x](y.png) [ref][r] [x]\n[r]: u [ アカウント ] `[code]`\n```\n[in code]\n```\n1. [OK]";
        assert_eq!(ui_label_names(body), ["設定", "アカウント", "OK"]);
    }

    #[test]
    fn schemes() {
        assert_eq!(scheme_of("JavaScript:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(scheme_of("java\tscript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme_of("../a.md"), None);
        assert_eq!(scheme_of("a.md#x:y"), None);
    }

    #[test]
    fn href_paths_keep_japanese_and_encode_specials() {
        assert_eq!(href_path("tags/セキュリティ設定.html"), "tags/セキュリティ設定.html");
        assert_eq!(href_path("a b/c#d.html"), "a%20b/c%23d.html");
    }

    #[test]
    fn relative_paths() {
        assert_eq!(relative_path(Path::new("content/a"), Path::new("content/b/x.md")), "../b/x.md");
        assert_eq!(relative_path(Path::new("content/a"), Path::new("content/a/s/x.png")), "s/x.png");
    }

    #[test]
    fn ids_deduplicate() {
        let mut ids = Ids::default();
        assert_eq!(ids.generated("a", 0..0), "a");
        assert_eq!(ids.generated("a", 0..0), "a-1");
        assert!(ids.explicit("b", 0..0));
        assert!(!ids.explicit("b", 0..0));
        assert_eq!(ids.generated("", 0..0), "section");
    }

    #[test]
    fn every_id_has_its_place_tab_ids_too() {
        // `Guide::anchor_spans` is parallel to `Guide::anchors`: the places
        // of ids after a group of tabs are their own.
        let mut ids = Ids::default();
        ids.generated("a", 1..2);
        assert_eq!(ids.tab("windows-11"), "windows-11");
        ids.generated("b", 3..4);
        assert_eq!(ids.order, ["a", "windows-11", "tab-windows-11", "b"]);
        assert_eq!(ids.spans, [1..2, NO_PLACE, NO_PLACE, 3..4]);
    }
}
