//! Raw HTML written in guides (`raw_html:` in `tebiki.yaml`).
//!
//! - The policy: a GitHub-like allowlist ([`ALLOWED_TAGS`], [`allowed_attribute`])
//!   that ammonia applies; elements that run, embed or submit something are
//!   removed with what they hold ([`REMOVED_WITH_CONTENT`]).
//! - The scan: html5ever's tokenizer reads the same input ammonia parses, so
//!   tebiki knows what the input held: the links and images to check and
//!   rewrite, the `<a id>`/`<a name>` anchors, the text a reader sees, and
//!   what the sanitizer removes (the `raw-html` rule). `tebiki check` runs
//!   the scan without ammonia; the diagnostics come from the scan alone, so
//!   both report the same.
//! - Islands: pulldown-cmark cuts raw HTML into one event per inline tag and
//!   blocks that end at a blank line, so a `<table>` whose cells hold
//!   Markdown arrives as HTML, Markdown, HTML. An island is such a run: it
//!   starts at raw HTML and takes the following siblings while an element
//!   is left open (never past a heading). The Markdown in it is rendered as
//!   usual and stands in the HTML as a placeholder, the island is sanitized
//!   as one fragment, and the placeholders are put back.

use std::borrow::{Borrow, Cow};
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::ops::Range;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use pulldown_cmark::{CowStr, Event, Tag};

use crate::config::RawHtml;
use crate::diagnostic::Diagnostic;
use crate::model::Span;
use crate::parse::markdown::{attr, escape_mark, scheme_of, Image, Node, Renderer, DANGEROUS_SCHEMES};
use crate::rules;

/// Elements that pass the sanitizer.
#[rustfmt::skip]
pub const ALLOWED_TAGS: &[&str] = &[
    "a", "img", "table", "thead", "tbody", "tr", "th", "td", "caption", "colgroup", "col", "p", "div", "span",
    "br", "hr", "b", "i", "strong", "em", "u", "s", "del", "ins", "sup", "sub", "small", "mark", "kbd", "code",
    "pre", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "details", "summary", "h1", "h2", "h3", "h4", "h5",
    "h6", "abbr",
];

/// Attributes that pass, per element. URLs in `a href` and `img src` are
/// checked and rewritten besides.
pub fn allowed_attribute(element: &str, attribute: &str) -> bool {
    match element {
        "a" => matches!(attribute, "href" | "id" | "name" | "title"),
        "img" => matches!(attribute, "src" | "alt" | "width" | "height" | "title"),
        "td" | "th" => matches!(attribute, "colspan" | "rowspan" | "align"),
        "table" | "thead" | "tbody" | "tr" | "caption" | "colgroup" | "col" => attribute == "align",
        "details" => attribute == "open",
        "abbr" => attribute == "title",
        _ => false,
    }
}

/// Elements removed together with everything inside them: they run code,
/// embed other documents, or take input.
#[rustfmt::skip]
pub const REMOVED_WITH_CONTENT: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "frame", "frameset", "noframes", "object", "embed",
    "applet", "noembed", "xmp", "plaintext", "svg", "math", "textarea", "select", "button", "title", "head",
];

/// The small set `raw_html: escape` lets through (tebiki's first rule).
pub const ESCAPE_MODE_TAGS: &[&str] = &["kbd", "br", "sup", "sub", "mark", "details", "summary"];

/// The elements of HTML: the HTML Living Standard's element index, with the
/// obsolete elements browsers still parse (`font`, `center`, `marquee` …).
/// A tag of another name (`<server name>`) is markup only when written as
/// markup ([`is_placeholder`]); inside `<svg>`/`<math>`, which are removed
/// with their content, names are never looked at.
#[rustfmt::skip]
const HTML_ELEMENTS: &[&str] = &[
    "a", "abbr", "acronym", "address", "applet", "area", "article", "aside", "audio", "b", "base", "basefont",
    "bdi", "bdo", "bgsound", "big", "blink", "blockquote", "body", "br", "button", "canvas", "caption", "center",
    "cite", "code", "col", "colgroup", "data", "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div",
    "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "frame", "frameset",
    "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "image", "img",
    "input", "ins", "isindex", "kbd", "keygen", "label", "legend", "li", "link", "listing", "main", "map", "mark",
    "marquee", "math", "menu", "menuitem", "meta", "meter", "multicol", "nav", "nextid", "nobr", "noembed",
    "noframes", "noscript", "object", "ol", "optgroup", "option", "output", "p", "param", "picture", "plaintext",
    "pre", "progress", "q", "rb", "rp", "rt", "rtc", "ruby", "s", "samp", "script", "search", "section", "select",
    "selectedcontent", "slot", "small", "source", "spacer", "span", "strike", "strong", "style", "sub", "summary",
    "sup", "svg", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr",
    "track", "tt", "u", "ul", "var", "video", "wbr", "xmp",
];

/// Whether `name` (lower case, as the tokenizer gives it) is an element of HTML.
pub fn is_html_element(name: &str) -> bool {
    HTML_ELEMENTS.binary_search(&name).is_ok()
}

/// Whether a start tag is an author's placeholder (`<server name>`,
/// `<your-tenant>`, `<FQDN of the pool>`), words to show as written: CommonMark
/// reads it as a tag, but its name is no HTML element and nothing says it
/// was meant as markup — it is not self-closing (`<Tabs />`), no attribute
/// has a value (`<TabItem value="win">`), and no end tag of its name is
/// written in the guide's raw HTML (`<my-widget>…</my-widget>`; `closed`,
/// see [`closed_names`]). Custom elements get no exception: without the
/// script that defines one, a page shows nothing of it.
pub fn is_placeholder(name: &str, attrs: &[(String, String)], self_closing: bool, closed: &HashSet<String>) -> bool {
    !is_html_element(name) && !self_closing && attrs.iter().all(|(_, v)| v.is_empty()) && !closed.contains(name)
}

/// The names, other than HTML's, of the end tags written in the raw HTML of
/// `nodes` (code is not raw HTML: an XML sample's `</String>` does not count).
pub fn closed_names(nodes: &[Node<'_>]) -> HashSet<String> {
    fn walk(nodes: &[Node<'_>], names: &mut HashSet<String>) {
        for n in nodes {
            if let Event::Html(raw) | Event::InlineHtml(raw) = &n.event {
                let b = raw.as_bytes();
                for at in memchr::memmem::find_iter(b, b"</") {
                    let len = b[at + 2..]
                        .iter()
                        .take_while(|c| !c.is_ascii_whitespace() && !matches!(c, b'/' | b'>'))
                        .count();
                    let name = raw[at + 2..at + 2 + len].to_ascii_lowercase();
                    if name.starts_with(|c: char| c.is_ascii_alphabetic()) && !is_html_element(&name) {
                        names.insert(name);
                    }
                }
            }
            walk(&n.children, names);
        }
    }
    let mut names = HashSet::new();
    walk(nodes, &mut names);
    names
}

/// Elements without content or end tag.
#[rustfmt::skip]
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link",
    "meta", "param", "source", "track", "wbr",
];

/// Elements whose end tag may be left out: they never keep an island open.
#[rustfmt::skip]
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "option",
    "optgroup", "rt", "rp", "html", "body",
];

/// Elements that end a line of text (for the plain text of raw HTML).
#[rustfmt::skip]
const BLOCK: &[&str] = &[
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
];

/// Whether sanitized `html` holds an element that a paragraph cannot hold
/// (`<div>`, `<table>`, `<ul>`, `<p>` …; its text's `<` are escaped).
pub(crate) fn holds_block(html: &str) -> bool {
    let b = html.as_bytes();
    memchr::memchr_iter(b'<', b).any(|lt| {
        let len = b[lt + 1..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        let name = &html[lt + 1..lt + 1 + len];
        name != "br" && BLOCK.iter().any(|t| t.eq_ignore_ascii_case(name))
    })
}

/// Start tags that end SVG or MathML content (HTML's "breakout" list).
#[rustfmt::skip]
const BREAKOUT: &[&str] = &[
    "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1", "h2",
    "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre",
    "ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var",
];

/// Attributes holding a URL, on any element.
#[rustfmt::skip]
const URL_ATTRIBUTES: &[&str] = &[
    "href", "src", "action", "formaction", "background", "poster", "data", "codebase", "cite", "longdesc",
    "srcset", "lowsrc", "dynsrc", "xlink:href", "ping", "manifest", "icon",
];

/// Placeholder delimiters for the Markdown inside an island (private-use
/// characters; raw HTML holding them has them replaced first).
const MARK_OPEN: char = '\u{E001}';
const MARK_CLOSE: char = '\u{E002}';

/// What the sanitizer removed, for the `raw-html` rule (one diagnostic per
/// kind and name per file, with a count).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Removal {
    /// An element not on the allowlist; its content is kept.
    Tag(String),
    /// An element removed with its content (`<script>` …).
    WithContent(String),
    /// An event-handler attribute (`onclick` …) of an element.
    Handler { element: String, attribute: String },
    /// An attribute holding a `javascript:` (…) URL.
    Url { element: String, attribute: String, scheme: String },
    /// `raw_html: escape`: a tag shown as text.
    Escaped(String),
    /// `raw_html: escape`: a tag of the safe set whose attributes were dropped.
    Stripped(String),
    /// An `<img>` without `src`: left out (its alt text is shown).
    NoSource,
}

/// One token of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Start { name: String, attrs: Vec<(String, String)>, self_closing: bool },
    End(String),
    Text(String),
}

/// Collects tokens, switching the tokenizer into the states an HTML parser
/// would (script data, raw text …) so the scan reads what ammonia reads.
#[derive(Default)]
struct Sink {
    items: RefCell<Vec<Item>>,
    /// Depth of open `<svg>`/`<math>` (foreign content: no raw-text states).
    foreign: Cell<u32>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut items = self.items.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                if tag.kind == TagKind::EndTag {
                    if matches!(name.as_str(), "svg" | "math") {
                        self.foreign.set(self.foreign.get().saturating_sub(1));
                    }
                    items.push(Item::End(name));
                    return TokenSinkResult::Continue;
                }
                if self.foreign.get() > 0 && BREAKOUT.contains(&name.as_str()) {
                    self.foreign.set(0);
                }
                let mut result = TokenSinkResult::Continue;
                if matches!(name.as_str(), "svg" | "math") {
                    if !tag.self_closing {
                        self.foreign.set(self.foreign.get() + 1);
                    }
                } else if self.foreign.get() == 0 {
                    result = match name.as_str() {
                        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                            TokenSinkResult::RawData(RawKind::Rawtext)
                        }
                        "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                        "plaintext" => TokenSinkResult::Plaintext,
                        _ => TokenSinkResult::Continue,
                    };
                }
                let attrs = tag.attrs.iter().map(|a| (a.name.local.to_string(), a.value.to_string())).collect();
                items.push(Item::Start { name, attrs, self_closing: tag.self_closing });
                result
            }
            Token::CharacterTokens(t) => {
                match items.last_mut() {
                    Some(Item::Text(s)) => s.push_str(&t),
                    _ => items.push(Item::Text(t.to_string())),
                }
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.foreign.get() > 0
    }
}

/// html5ever's tokenizer, fed piece by piece.
pub struct Scanner {
    tokenizer: Tokenizer<Sink>,
    queue: BufferQueue,
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner { tokenizer: Tokenizer::new(Sink::default(), TokenizerOpts::default()), queue: BufferQueue::default() }
    }
}

impl Scanner {
    /// Tokens completed by `input` (a tag cut at the end waits for the next piece).
    pub fn feed(&mut self, input: &str) -> Vec<Item> {
        if !input.is_empty() {
            self.queue.push_back(StrTendril::from_slice(input));
            let _ = self.tokenizer.feed(&self.queue);
        }
        self.tokenizer.sink.items.take()
    }

    /// The tokens still pending at the end of the input.
    pub fn end(&mut self) -> Vec<Item> {
        self.tokenizer.end();
        self.tokenizer.sink.items.take()
    }

    /// Every token of one complete fragment.
    pub fn all(input: &str) -> Vec<Item> {
        let mut s = Scanner::default();
        let mut items = s.feed(input);
        items.extend(s.end());
        items
    }
}

/// What the sanitizer does with a start tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Kept,
    /// Removed, its content kept.
    Removed,
    /// Removed with its content.
    RemovedWithContent,
    /// Inside an element removed with its content.
    Hidden,
}

/// Which elements are open, as the scan goes: those that keep an island
/// open, and those whose content is being dropped.
#[derive(Debug, Default)]
pub struct Nesting {
    open: Vec<String>,
    dropping: Vec<String>,
}

impl Nesting {
    pub fn start(&mut self, name: &str, self_closing: bool) -> Verdict {
        if let Some(first) = self.dropping.first() {
            let foreign = matches!(first.as_str(), "svg" | "math");
            if !(foreign && BREAKOUT.contains(&name)) {
                if self.dropping.last().is_some_and(|l| l == name) && !VOID.contains(&name) && !self_closing {
                    self.dropping.push(name.to_string());
                }
                return Verdict::Hidden;
            }
            self.dropping.clear();
        }
        let void = VOID.contains(&name);
        if REMOVED_WITH_CONTENT.contains(&name) {
            let closed = void || (self_closing && matches!(name, "svg" | "math"));
            if !closed {
                self.dropping.push(name.to_string());
            }
            return Verdict::RemovedWithContent;
        }
        if !is_html_element(name) {
            // A placeholder, or a component of another tool (`<Tabs>`): it
            // never holds the Markdown after it in an island.
            return Verdict::Removed;
        }
        if !void && !self_closing && !OPTIONAL_END.contains(&name) {
            self.open.push(name.to_string());
        }
        if ALLOWED_TAGS.contains(&name) {
            Verdict::Kept
        } else {
            Verdict::Removed
        }
    }

    /// An end tag; `false` when it is inside dropped content.
    pub fn end(&mut self, name: &str) -> bool {
        if !self.dropping.is_empty() {
            if self.dropping.last().is_some_and(|l| l == name) {
                self.dropping.pop();
            }
            return false;
        }
        if let Some(at) = self.open.iter().rposition(|n| n == name) {
            self.open.truncate(at);
        }
        true
    }

    pub fn hidden(&self) -> bool {
        !self.dropping.is_empty()
    }

    /// Whether an element is still open (the island goes on).
    pub fn is_open(&self) -> bool {
        !self.open.is_empty() || !self.dropping.is_empty()
    }
}

/// One piece of an island.
pub enum Piece<'n, 'a> {
    /// Raw HTML as written, with its span.
    Raw(&'n str, Span),
    /// Markup tebiki adds (the `<p>` of a paragraph opened up in an island).
    Synthetic(&'static str),
    /// Markdown, rendered as usual.
    Markdown(Vec<&'n Node<'a>>),
}

/// Walk the island that starts at `nodes[0]`; `visit` returns whether an
/// element is still open after each piece. Returns how many nodes it took.
pub fn walk_island<'n, 'a>(nodes: &[&'n Node<'a>], visit: &mut dyn FnMut(Piece<'n, 'a>) -> bool) -> usize {
    let mut open = true;
    let mut k = 0;
    while k < nodes.len() {
        let node = nodes[k];
        if k > 0 && (!open || node.heading_level().is_some()) {
            break;
        }
        match &node.event {
            Event::InlineHtml(raw) => open = visit(Piece::Raw(raw, node.span.clone())),
            Event::Start(Tag::HtmlBlock) => {
                for c in &node.children {
                    if let Event::Html(raw) = &c.event {
                        open = visit(Piece::Raw(raw, c.span.clone()));
                    }
                }
            }
            Event::Start(Tag::Paragraph) if k > 0 => {
                // Opened up, so tags written inside it close what the island opened.
                visit(Piece::Synthetic("<p>"));
                let children: Vec<&Node> = node.children.iter().collect();
                let mut i = 0;
                while i < children.len() {
                    match &children[i].event {
                        Event::InlineHtml(raw) => {
                            visit(Piece::Raw(raw, children[i].span.clone()));
                            i += 1;
                        }
                        _ => {
                            let run = text_run(&children[i..]);
                            visit(Piece::Markdown(children[i..i + run].to_vec()));
                            i += run;
                        }
                    }
                }
                open = visit(Piece::Synthetic("</p>\n"));
            }
            _ => {
                let run = if k > 0 { text_run(&nodes[k..]) } else { 1 };
                open = visit(Piece::Markdown(nodes[k..k + run].to_vec()));
                k += run;
                continue;
            }
        }
        k += 1;
    }
    k
}

/// How many nodes from the first are one Markdown piece: a run of text
/// (pulldown-cmark splits text at brackets; UI labels need it whole), else one.
fn text_run(nodes: &[&Node]) -> usize {
    let texts = nodes.iter().take_while(|n| matches!(n.event, Event::Text(_))).count();
    texts.max(1)
}

/// Whether a node starts an island.
pub fn starts_island(node: &Node, mode: RawHtml) -> bool {
    mode != RawHtml::Escape && matches!(node.event, Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock))
}

/// How many of `nodes` the island starting at the first one takes.
pub fn island_len<'a, N: Borrow<Node<'a>>>(nodes: &[N]) -> usize {
    let refs: Vec<&Node> = nodes.iter().map(Borrow::borrow).collect();
    let mut scanner = Scanner::default();
    let mut nesting = Nesting::default();
    let mut feed = |s: &str| {
        for item in scanner.feed(s) {
            match item {
                Item::Start { name, self_closing, .. } => {
                    nesting.start(&name, self_closing);
                }
                Item::End(name) => {
                    nesting.end(&name);
                }
                Item::Text(_) => {}
            }
        }
        nesting.is_open()
    };
    walk_island(&refs, &mut |piece| match piece {
        Piece::Raw(raw, _) => feed(&strip_marks(raw)),
        Piece::Synthetic(s) => feed(s),
        Piece::Markdown(_) => feed(&mark(0)),
    })
}

/// Raw HTML with tebiki's placeholder characters made harmless.
fn strip_marks(raw: &str) -> Cow<'_, str> {
    if raw.contains([MARK_OPEN, MARK_CLOSE]) {
        Cow::Owned(raw.replace([MARK_OPEN, MARK_CLOSE], "\u{FFFD}"))
    } else {
        Cow::Borrowed(raw)
    }
}

fn mark(i: usize) -> String {
    format!("{MARK_OPEN}{i}{MARK_CLOSE}")
}

/// Put the rendered Markdown back where its placeholders ended up.
fn unmark(html: &str, parts: &mut [String]) -> String {
    let mut out = String::with_capacity(html.len() + parts.iter().map(String::len).sum::<usize>());
    let mut rest = html;
    while let Some(at) = rest.find(MARK_OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + MARK_OPEN.len_utf8()..];
        let index = after.find(MARK_CLOSE).and_then(|end| Some((after[..end].parse::<usize>().ok()?, end)));
        match index {
            Some((i, end)) if i < parts.len() => {
                out.push_str(&std::mem::take(&mut parts[i]));
                rest = &after[end + MARK_CLOSE.len_utf8()..];
            }
            _ => rest = after,
        }
    }
    out.push_str(rest);
    out
}

/// Whether a `data:` URL is an image a page may show (PNG, GIF, JPEG, WebP).
pub fn is_data_image(url: &str) -> bool {
    let cleaned: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).take(24).collect();
    let lower = cleaned.to_ascii_lowercase();
    ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/jpg", "data:image/webp"]
        .iter()
        .any(|p| lower.strip_prefix(p).is_some_and(|rest| rest.starts_with([';', ','])))
}

/// A URL cut short for a message (a `data:` URL can be kilobytes).
fn short(url: &str) -> String {
    match url.char_indices().nth(48) {
        Some((i, _)) => format!("{}…", &url[..i]),
        None => url.to_string(),
    }
}

/// Sanitize an island's HTML with the allowlist; `hrefs` and `srcs` map the
/// URLs written to the URLs to write (absent: removed); `dropped_ids` are
/// anchor ids the page has already.
pub fn sanitize(
    input: &str,
    hrefs: HashMap<String, String>,
    srcs: HashMap<String, String>,
    dropped_ids: HashSet<String>,
    schemes: &HashSet<String>,
) -> String {
    let mut b = ammonia::Builder::empty();
    b.tags(ALLOWED_TAGS.iter().copied().collect())
        .clean_content_tags(REMOVED_WITH_CONTENT.iter().copied().collect())
        .tag_attributes(
            ALLOWED_TAGS
                .iter()
                .map(|&t| {
                    let attrs = ["href", "id", "name", "title", "src", "alt", "width", "height", "colspan", "rowspan"]
                        .into_iter()
                        .chain(["align", "open"])
                        .filter(|a| allowed_attribute(t, a))
                        .collect();
                    (t, attrs)
                })
                .collect(),
        )
        .url_schemes(schemes.iter().map(String::as_str).collect())
        .allowed_classes([("img", ["inline-image"].into_iter().collect())].into_iter().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(move |element, attribute, value| {
            // A placeholder may only be text: in an attribute it would let
            // rendered Markdown break out of the value.
            if value.contains([MARK_OPEN, MARK_CLOSE]) {
                return None;
            }
            match (element, attribute) {
                ("a", "href") => hrefs.get(value).map(|u| Cow::Owned(u.clone())),
                ("img", "src") => srcs.get(value).map(|u| Cow::Owned(u.clone())),
                ("a", "id" | "name") if dropped_ids.contains(value.trim()) => None,
                _ => Some(Cow::Borrowed(value)),
            }
        });
    b.clean(input).to_string()
}

/// Whether the tag at `at` of an island's `input` stands in a sentence:
/// its line holds words (written text, or rendered Markdown's placeholder)
/// outside tags, not only tags and spaces.
fn in_sentence(input: &str, at: Range<usize>) -> bool {
    let start = input[..at.start].rfind('\n').map_or(0, |i| i + 1);
    let end = input[at.end..].find('\n').map_or(input.len(), |i| at.end + i);
    let words = |s: &str| {
        let mut in_tag = false;
        s.chars().any(|c| match c {
            '<' => {
                in_tag = true;
                false
            }
            '>' => {
                in_tag = false;
                false
            }
            c => !in_tag && !c.is_whitespace(),
        })
    };
    words(&input[start..at.start]) || words(&input[at.end..end])
}

/// A run of raw HTML and the Markdown between its tags, as it is read.
struct Island {
    scanner: Scanner,
    nesting: Nesting,
    /// What the scanner read: the raw HTML, tebiki's `<p>`s, and a
    /// placeholder for each piece of Markdown. With `rewrites` applied, what
    /// ammonia cleans (or, trusted, the output).
    input: String,
    /// Rendered Markdown, by placeholder number.
    parts: Vec<String>,
    hrefs: HashMap<String, String>,
    srcs: HashMap<String, String>,
    schemes: HashSet<String>,
    /// Anchor ids to leave out wherever they are (a tag not found in `input`).
    dropped_ids: HashSet<String>,
    /// Each raw piece: where it starts and ends in `input`, and its span.
    segments: Vec<(Range<usize>, Span)>,
    /// How far tags have been found in `input` (they come in order).
    cursor: usize,
    /// Tags written anew (an author's placeholder as text, an `<img>` with
    /// its size, an anchor once): byte range in `input` and replacement.
    rewrites: Vec<(Range<usize>, String)>,
    /// Where the first `<img>` shown without an `alt` attribute is.
    no_alt: Option<Span>,
    /// Whether it is an HTML block (else HTML inside a paragraph's text).
    block: bool,
}

impl Island {
    /// The range of the next tag `name` in `input` (see [`find_tag`]).
    fn find(&mut self, name: &str, end: bool) -> Option<Range<usize>> {
        find_tag(&self.input, &mut self.cursor, name, end)
    }

    /// The span in the file of a tag found at `at` in `input`; without one,
    /// the first line of the last raw piece.
    fn span_of(&self, at: Option<&Range<usize>>) -> Span {
        let Some((piece, span)) = at
            .and_then(|at| self.segments.iter().rev().find(|(p, _)| p.start <= at.start && at.start < p.end))
            .or(self.segments.last())
        else {
            return 0..0;
        };
        let in_file = |offset: usize| (span.start + offset - piece.start).min(span.end.max(span.start));
        match at {
            Some(at) if at.start >= piece.start => in_file(at.start)..in_file(at.end.min(piece.end)),
            _ => {
                let line = self.input[piece.clone()].find('\n').map_or(piece.end, |i| piece.start + i);
                span.start..in_file(line)
            }
        }
    }

    fn rewrite(&mut self, at: Range<usize>, with: String) {
        self.rewrites.push((at, with));
    }

    /// `input` with the rewrites made (taken out of the island).
    fn rewritten(&mut self) -> String {
        let input = std::mem::take(&mut self.input);
        if self.rewrites.is_empty() {
            return input;
        }
        let mut out = String::with_capacity(input.len() + 64);
        let mut from = 0;
        for (at, with) in &self.rewrites {
            out.push_str(&input[from..at.start]);
            out.push_str(with);
            from = at.end;
        }
        out.push_str(&input[from..]);
        out
    }
}

impl<'c> Renderer<'c> {
    /// Render the island that starts at `nodes[0]`, pushing its HTML as one
    /// event. Returns how many nodes it took.
    pub(crate) fn emit_island<'a, N: Borrow<Node<'a>>>(
        &mut self,
        nodes: &[N],
        out: &mut Vec<Event<'static>>,
        text: &mut String,
    ) -> usize {
        let refs: Vec<&Node> = nodes.iter().map(Borrow::borrow).collect();
        let block = matches!(refs[0].event, Event::Start(Tag::HtmlBlock));
        let mut island = Island {
            scanner: Scanner::default(),
            nesting: Nesting::default(),
            input: String::new(),
            parts: Vec::new(),
            hrefs: HashMap::new(),
            srcs: HashMap::new(),
            schemes: ["http", "https", "mailto"].into_iter().map(String::from).collect(),
            dropped_ids: HashSet::new(),
            segments: Vec::new(),
            cursor: 0,
            rewrites: Vec::new(),
            no_alt: None,
            block,
        };
        let (text_before, images_before) = (text.len(), self.images_shown);
        let taken = walk_island(&refs, &mut |piece| {
            let items = match piece {
                Piece::Raw(raw, span) => {
                    let cleaned = strip_marks(raw);
                    let start = island.input.len();
                    island.input.push_str(&cleaned);
                    island.segments.push((start..island.input.len(), span));
                    island.scanner.feed(&cleaned)
                }
                Piece::Synthetic(s) => {
                    island.input.push_str(s);
                    island.scanner.feed(s)
                }
                Piece::Markdown(nodes) => {
                    let mut events = Vec::new();
                    self.emit(&nodes, &mut events, text);
                    let mut html = String::new();
                    if self.html {
                        pulldown_cmark::html::push_html(&mut html, events.into_iter());
                    }
                    let m = mark(island.parts.len());
                    island.input.push_str(&m);
                    island.parts.push(html);
                    island.scanner.feed(&m)
                }
            };
            self.island_items(&mut island, items, text);
            island.nesting.is_open()
        });
        let items = island.scanner.end();
        self.island_items(&mut island, items, text);
        // An `<img>` standing alone in its block is a screenshot, whose alt
        // text is required as a Markdown screenshot's is; one in a sentence
        // or a table cell is an icon, as an inline Markdown image is.
        if let Some(span) = island.no_alt.take() {
            if block && self.images_shown == images_before + 1 && text[text_before..].trim().is_empty() {
                self.diagnostics.push(
                    Diagnostic::new(&rules::SCREENSHOT_ALT_MISSING, &self.file, span, "screenshot has no alt text")
                        .with_hint(Some(
                        "describe what the screenshot shows: `<img src=\"shots/start.png\" alt=\"The Start button\">`"
                            .into(),
                    )),
                );
            }
        }
        if block && !text.ends_with('\n') {
            text.push('\n');
        }
        if self.html {
            let input = island.rewritten();
            let html = if self.config.raw_html == RawHtml::Trust {
                escape_mark(input)
            } else {
                let (hrefs, srcs) = (std::mem::take(&mut island.hrefs), std::mem::take(&mut island.srcs));
                let dropped = std::mem::take(&mut island.dropped_ids);
                sanitize(&input, hrefs, srcs, dropped, &island.schemes)
            };
            let html = unmark(&html, &mut island.parts);
            out.push(if block { Event::Html(CowStr::from(html)) } else { Event::InlineHtml(CowStr::from(html)) });
        }
        taken
    }

    fn island_items(&mut self, island: &mut Island, items: Vec<Item>, text: &mut String) {
        let sanitize = self.config.raw_html == RawHtml::Sanitize;
        for item in items {
            match item {
                Item::Start { name, attrs, self_closing } => {
                    // Found even when hidden, so the next tag is looked for after it.
                    let at = island.find(&name, false);
                    let verdict = island.nesting.start(&name, self_closing);
                    if verdict == Verdict::Hidden {
                        continue;
                    }
                    if verdict == Verdict::Removed && is_placeholder(&name, &attrs, self_closing, &self.closed_elements)
                    {
                        if let Some(at) = at {
                            // The author's words: shown as written.
                            let written = island.input[at.clone()].to_string();
                            push_text(text, &written);
                            island.rewrite(at, attr_text(&written));
                            continue;
                        }
                    }
                    let span = island.span_of(at.as_ref());
                    if BLOCK.contains(&name.as_str()) {
                        line_break(text);
                    }
                    // A component of MDX or Vue (`<Tabs>`, `<Badge text="new" />`,
                    // written capitalised) is the other tool's markup, not a
                    // risk: it goes, its text stays, nothing to report.
                    let component = at
                        .as_ref()
                        .is_some_and(|r| island.input[r.start + 1..].starts_with(|c: char| c.is_ascii_uppercase()));
                    match verdict {
                        Verdict::RemovedWithContent if sanitize => self.removed(Removal::WithContent(name), span),
                        Verdict::Removed if sanitize && component && !is_html_element(&name) => {}
                        Verdict::Removed if sanitize => self.removed(Removal::Tag(name), span),
                        Verdict::Kept if sanitize => self.kept_element(island, &name, attrs, span, at),
                        _ if name == "a" => {
                            self.anchors(&attrs, span);
                        }
                        _ => self.images_shown += usize::from(name == "img"),
                    }
                }
                Item::End(name) => {
                    island.find(&name, true);
                    if island.nesting.end(&name) && BLOCK.contains(&name.as_str()) {
                        line_break(text);
                    }
                }
                Item::Text(t) => {
                    if !island.nesting.hidden() {
                        push_text(text, &t);
                    }
                }
            }
        }
    }

    /// Check and rewrite a kept element (found at `at` in the island's
    /// input), report the attributes removed.
    fn kept_element(
        &mut self,
        island: &mut Island,
        element: &str,
        attrs: Vec<(String, String)>,
        span: Span,
        at: Option<Range<usize>>,
    ) {
        let at = if element == "a" {
            // First, as before any other check of the element.
            self.raw_anchor_tag(island, &attrs, span.clone(), at);
            None
        } else {
            at
        };
        for (name, value) in &attrs {
            if name.len() > 2 && name.starts_with("on") {
                let removal = Removal::Handler { element: element.to_string(), attribute: name.clone() };
                self.removed(removal, span.clone());
            } else if element == "a" && name == "href" {
                if let Some(href) = self.link_href(value, span.clone()) {
                    if let Some(scheme) = scheme_of(value) {
                        island.schemes.insert(scheme);
                    }
                    island.hrefs.insert(value.clone(), href);
                }
            } else if !allowed_attribute(element, name) && URL_ATTRIBUTES.contains(&name.as_str()) {
                if let Some(scheme) = scheme_of(value).filter(|s| DANGEROUS_SCHEMES.contains(&s.as_str())) {
                    let removal = Removal::Url { element: element.to_string(), attribute: name.clone(), scheme };
                    self.removed(removal, span.clone());
                }
            }
        }
        if element == "img" {
            self.raw_img_tag(island, &attrs, span, at);
        }
    }

    /// `<a id>` and `<a name>`: each id the page does not have yet is kept,
    /// once, as an `id` (`name` on `<a>` is obsolete HTML); a second one is
    /// an empty `<a id>` before it.
    fn raw_anchor_tag(
        &mut self,
        island: &mut Island,
        attrs: &[(String, String)],
        span: Span,
        at: Option<Range<usize>>,
    ) {
        if !attrs.iter().any(|(a, _)| a == "id" || a == "name") {
            return;
        }
        let (kept, dropped) = self.anchors(attrs, span);
        let Some(at) = at else {
            island.dropped_ids.extend(dropped);
            return;
        };
        let mut tag = String::new();
        for id in kept.iter().skip(1) {
            let _ = write!(tag, "<a id=\"{}\"></a>", attr(id));
        }
        tag.push_str("<a");
        for (name, value) in attrs.iter().filter(|(a, _)| a == "href" || a == "title") {
            let _ = write!(tag, " {name}=\"{}\"", attr(value));
        }
        if let Some(id) = kept.first() {
            let _ = write!(tag, " id=\"{}\"", attr(id));
        }
        tag.push('>');
        island.rewrite(at, tag);
    }

    /// The anchor ids of an `<a>`: those new to the page (kept) and those
    /// it has already (left out).
    fn anchors(&mut self, attrs: &[(String, String)], span: Span) -> (Vec<String>, Vec<String>) {
        let (mut kept, mut dropped) = (Vec::new(), Vec::new());
        for (name, value) in attrs {
            let value = value.trim();
            if matches!(name.as_str(), "id" | "name")
                && !value.is_empty()
                && !kept.iter().chain(&dropped).any(|v: &String| v == value)
            {
                if self.anchor(value, span.clone()) {
                    kept.push(value.to_string());
                } else {
                    dropped.push(value.to_string());
                }
            }
        }
        (kept, dropped)
    }

    /// A kept `<img>`: checked like a Markdown image and written anew with
    /// its size (`width`/`height` from the file when not written, so the
    /// page does not shift as it loads) and an `alt`; one that cannot be
    /// shown gives way to its alt text, as a Markdown image does.
    fn raw_img_tag(&mut self, island: &mut Island, attrs: &[(String, String)], span: Span, at: Option<Range<usize>>) {
        let get = |n: &str| attrs.iter().find(|(a, _)| a == n).map(|(_, v)| v.as_str());
        let src = get("src").filter(|s| !s.trim().is_empty());
        if src.is_none() {
            self.removed(Removal::NoSource, span.clone());
        }
        let image = src.and_then(|s| self.raw_image(s, span.clone()));
        if image.is_some() && get("alt").is_none_or(|a| a.trim().is_empty()) && island.no_alt.is_none() {
            island.no_alt = Some(span.clone());
        }
        if let (Some(src), Some(image)) = (src, &image) {
            if let Some(scheme) = scheme_of(src) {
                island.schemes.insert(scheme);
            }
            self.images_shown += 1;
            island.srcs.insert(src.to_string(), image.url.clone());
        }
        let Some(at) = at else { return };
        let alt = get("alt").unwrap_or("");
        let Some(image) = image else {
            island.rewrite(at, attr(alt));
            return;
        };
        let (width, height) = image_size(get("width"), get("height"), image.width.zip(image.height));
        let mut tag = format!("<img src=\"{}\" alt=\"{}\"", attr(src.unwrap_or_default()), attr(alt));
        if let Some(w) = width {
            let _ = write!(tag, " width=\"{w}\"");
        }
        if let Some(h) = height {
            let _ = write!(tag, " height=\"{h}\"");
        }
        if let Some(title) = get("title") {
            let _ = write!(tag, " title=\"{}\"", attr(title));
        }
        // An icon inside a sentence sits at text height, as a Markdown
        // image inside a sentence does.
        if !island.block || in_sentence(&island.input, at.clone()) {
            tag.push_str(" class=\"inline-image\"");
        }
        tag.push('>');
        island.rewrite(at, tag);
    }

    /// Register an anchor id written in raw HTML; `false` when the page
    /// has it already (it is then left out of the HTML). Raw HTML that
    /// repeats its own anchor is let be; one that takes an id tebiki gave
    /// (a heading's, a step's) is a `duplicate-anchor`.
    pub(crate) fn anchor(&mut self, id: &str, span: Span) -> bool {
        if !self.raw_anchors.insert(id.to_string()) {
            return false;
        }
        if !self.ids.explicit(id, span.clone()) {
            self.diagnostics.push(Diagnostic::new(
                &rules::DUPLICATE_ANCHOR,
                &self.file,
                span,
                format!("id `{id}` is used twice on this page"),
            ));
            return false;
        }
        true
    }

    /// An `<img src>` checked like a Markdown image: where it is and its
    /// size, or `None` when it cannot be shown.
    pub(crate) fn raw_image(&mut self, src: &str, span: Span) -> Option<Image> {
        if scheme_of(src).as_deref() == Some("data") {
            if is_data_image(src) {
                let size = data_image_size(src);
                return Some(Image {
                    url: src.trim().to_string(),
                    width: size.map(|s| s.0),
                    height: size.map(|s| s.1),
                    info: None,
                    density: 1.0,
                    asset: None,
                });
            }
            self.diagnostics.push(
                Diagnostic::new(
                    &rules::UNSAFE_URL,
                    &self.file,
                    span,
                    format!("image source `{}` was dropped", short(src.trim())),
                )
                .with_hint(Some("`data:` images may be PNG, GIF, JPEG or WebP".into())),
            );
            return None;
        }
        self.image(src, span)
    }

    fn removed(&mut self, removal: Removal, span: Span) {
        self.raw_html_seen.entry(removal).or_insert((span, 0)).1 += 1;
    }

    /// `raw_html: escape`: the safe set passes without attributes, every
    /// other tag is shown as text.
    pub(crate) fn escape_raw(&mut self, raw: &str, span: Span, text: &mut String) -> String {
        let mut html = String::new();
        let mut cursor = 0;
        for item in Scanner::all(raw) {
            match item {
                Item::Start { name, attrs, self_closing } => {
                    let at = find_tag(raw, &mut cursor, &name, false);
                    if ESCAPE_MODE_TAGS.contains(&name.as_str()) {
                        let open = name == "details" && attrs.iter().any(|(a, _)| a == "open");
                        if attrs.iter().any(|(a, _)| !(open && a == "open")) {
                            self.removed(Removal::Stripped(name.clone()), span.clone());
                        }
                        html.push('<');
                        html.push_str(&name);
                        html.push_str(if open { " open>" } else { ">" });
                        continue;
                    }
                    let written = match at {
                        Some(at) => raw[at].to_string(),
                        None => {
                            let mut tag = format!("<{name}");
                            for (a, v) in &attrs {
                                let _ = write!(tag, " {a}=\"{v}\"");
                            }
                            tag.push_str(if self_closing { " />" } else { ">" });
                            tag
                        }
                    };
                    html.push_str(&attr_text(&written));
                    if is_placeholder(&name, &attrs, self_closing, &self.closed_elements) {
                        push_text(text, &written);
                    } else {
                        self.removed(Removal::Escaped(name), span.clone());
                    }
                }
                Item::End(name) => {
                    let at = find_tag(raw, &mut cursor, &name, true);
                    if ESCAPE_MODE_TAGS.contains(&name.as_str()) {
                        let _ = write!(html, "</{name}>");
                    } else {
                        html.push_str(&attr_text(&at.map_or_else(|| format!("</{name}>"), |at| raw[at].to_string())));
                        self.removed(Removal::Escaped(name), span.clone());
                    }
                }
                Item::Text(t) => {
                    push_text(text, &t);
                    html.push_str(&attr(&t));
                }
            }
        }
        escape_mark(html)
    }

    /// The `<a id>`/`<a name>` written in a heading: the heading's other
    /// content, and the ids, which become aliases of the heading's id.
    pub fn heading_aliases<'n, 'a>(&self, children: &'n [Node<'a>]) -> (Cow<'n, [Node<'a>]>, Vec<String>) {
        if self.config.raw_html == RawHtml::Escape || !children.iter().any(|n| matches!(n.event, Event::InlineHtml(_)))
        {
            return (Cow::Borrowed(children), Vec::new());
        }
        let mut aliases = Vec::new();
        let mut kept = Vec::with_capacity(children.len());
        let mut open_anchor = false;
        for node in children {
            if let Event::InlineHtml(raw) = &node.event {
                match Scanner::all(raw).as_slice() {
                    [Item::Start { name, attrs, .. }] if name == "a" && !attrs.iter().any(|(a, _)| a == "href") => {
                        let ids = attrs.iter().filter(|(a, _)| a == "id" || a == "name").map(|(_, v)| v.trim());
                        let before = aliases.len();
                        for id in ids {
                            if !id.is_empty() && !aliases.iter().any(|a: &String| a == id) {
                                aliases.push(id.to_string());
                            }
                        }
                        if aliases.len() > before {
                            open_anchor = true;
                            continue;
                        }
                    }
                    [Item::End(name)] if name == "a" && open_anchor => {
                        open_anchor = false;
                        continue;
                    }
                    _ => {}
                }
            }
            kept.push(node.clone());
        }
        if aliases.is_empty() {
            return (Cow::Borrowed(children), aliases);
        }
        // `## Title <a name="x"></a>`: the space before the anchor goes with it.
        if let Some(Node { event: Event::Text(t), .. }) = kept.last_mut() {
            *t = CowStr::from(t.trim_end().to_string());
        }
        (Cow::Owned(kept), aliases)
    }

    /// Report what the page's raw HTML lost: one diagnostic per element,
    /// attribute or URL, at its first occurrence, with a count.
    pub fn finish(&mut self) {
        for (removal, (span, count)) in std::mem::take(&mut self.raw_html_seen) {
            let times = if count > 1 { format!(" ({count} times in this file)") } else { String::new() };
            let (message, hint) = match removal {
                Removal::Tag(t) => (
                    format!("`<{t}>` is not allowed in raw HTML and was removed; its text is kept{times}"),
                    "its text is kept; to show the tag itself as text, write `\\<` or use backticks",
                ),
                Removal::WithContent(t) => (
                    format!("`<{t}>` was removed with its content{times}"),
                    "scripts, styles, frames, embedded objects and form controls never reach a page",
                ),
                Removal::Handler { element, attribute } => (
                    format!("event handler `{attribute}` of `<{element}>` was removed{times}"),
                    "pages run no script from guides",
                ),
                Removal::Url { element, attribute, scheme } => (
                    format!("`{scheme}:` URL in `{attribute}` of `<{element}>` was removed{times}"),
                    "link to http(s):, mailto: or a file of the site",
                ),
                Removal::Escaped(t) => (
                    format!("raw HTML tag `<{t}>` is not in the safe set and is shown as text{times}"),
                    "`raw_html: escape` lets only kbd, br, sup, sub, mark, details and summary through; \
                     `raw_html: sanitize` (the default) keeps a GitHub-like set",
                ),
                Removal::Stripped(t) => (format!("attributes of `<{t}>` were removed{times}"), ""),
                Removal::NoSource => (
                    format!("`<img>` without `src` was left out; its alt text is shown{times}"),
                    "give it the image's path: `<img src=\"shots/start.png\" alt=\"The Start button\">`",
                ),
            };
            let hint = (!hint.is_empty()).then(|| hint.to_string());
            self.diagnostics.push(Diagnostic::new(&rules::RAW_HTML, &self.file, span, message).with_hint(hint));
        }
    }
}

/// The byte range of the next tag named `name` (an end tag: `</name …>`) in
/// `html` from `cursor`, which moves past it. Comments and declarations are
/// skipped, and quoted attribute values (`title="<b>"`) are read over, so
/// with every tag looked for in the order the tokenizer gives them, each is
/// found where it was written. `None` when it is not there (cut off).
pub(crate) fn find_tag(html: &str, cursor: &mut usize, name: &str, end: bool) -> Option<Range<usize>> {
    let b = html.as_bytes();
    let mut from = (*cursor).min(b.len());
    while let Some(lt) = memchr::memchr(b'<', &b[from..]).map(|i| from + i) {
        match b.get(lt + 1) {
            Some(b'!') if b[lt..].starts_with(b"<!--") => {
                let body = lt + 4;
                from = if b[body..].starts_with(b">") {
                    body + 1
                } else if b[body..].starts_with(b"->") {
                    body + 2
                } else {
                    memchr::memmem::find(&b[body..], b"-->").map_or(b.len(), |i| body + i + 3)
                };
                continue;
            }
            Some(b'!' | b'?') => {
                from = memchr::memchr(b'>', &b[lt..]).map_or(b.len(), |i| lt + i + 1);
                continue;
            }
            _ => {}
        }
        let at = if end { lt + 2 } else { lt + 1 };
        let name_end = at + name.len();
        if (!end || b.get(lt + 1) == Some(&b'/'))
            && b.get(at..name_end).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && b.get(name_end).is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
        {
            let close = tag_end(b, name_end);
            *cursor = close;
            return Some(lt..close);
        }
        from = lt + 1;
    }
    None
}

/// Where a tag whose name ends at `i` ends: after its `>`, reading quoted
/// attribute values over.
fn tag_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'>' => return i + 1,
            b'=' => {
                i += 1;
                while b.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                if let Some(&q @ (b'"' | b'\'')) = b.get(i) {
                    i = memchr::memchr(q, &b[i + 1..]).map_or(b.len(), |k| i + 1 + k + 1);
                }
            }
            _ => i += 1,
        }
    }
    b.len()
}

/// Written text shown as text: its angle brackets escaped (entities stay
/// what they mean, as in the Markdown around).
fn attr_text(written: &str) -> String {
    written.replace('<', "&lt;").replace('>', "&gt;")
}

/// The `width` and `height` to write on an `<img>`: what the author wrote
/// (a number of pixels; `16px` is read as 16, `100%` is not HTML and
/// dropped), the missing one from the image's proportions, both from the
/// image when none was written.
fn image_size(width: Option<&str>, height: Option<&str>, measured: Option<(u32, u32)>) -> (Option<u32>, Option<u32>) {
    let pixels = |v: Option<&str>| {
        let v = v?.trim();
        v.strip_suffix("px").unwrap_or(v).trim().parse::<u32>().ok()
    };
    let (w, h) = (pixels(width), pixels(height));
    let scale =
        |a: u32, num: u32, den: u32| ((u64::from(a) * u64::from(num) + u64::from(den) / 2) / u64::from(den)) as u32;
    match (w, h, measured.filter(|&(mw, mh)| mw > 0 && mh > 0)) {
        (Some(w), None, Some((mw, mh))) => (Some(w), Some(scale(w, mh, mw))),
        (None, Some(h), Some((mw, mh))) => (Some(scale(h, mw, mh)), Some(h)),
        (None, None, Some((mw, mh))) => (Some(mw), Some(mh)),
        _ => (w, h),
    }
}

/// Width and height of a `data:` image (read from at most 1 MiB of it).
fn data_image_size(url: &str) -> Option<(u32, u32)> {
    use base64::Engine;
    let (meta, data) = url.trim().split_once(',')?;
    if !meta.to_ascii_lowercase().ends_with(";base64") {
        return None;
    }
    let data: String = data.chars().filter(|c| c.is_ascii() && !c.is_ascii_whitespace()).take(1 << 20).collect();
    let data = &data[..data.len() / 4 * 4];
    let bytes = base64::engine::general_purpose::STANDARD_NO_PAD.decode(data.trim_end_matches('=')).ok()?;
    let size = imagesize::blob_size(&bytes).ok()?;
    Some((u32::try_from(size.width).ok()?, u32::try_from(size.height).ok()?))
}

fn line_break(text: &mut String) {
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
}

/// Text of raw HTML as a reader sees it: runs of blank space are one.
fn push_text(text: &mut String, t: &str) {
    let t: Cow<str> = if t.contains(MARK_OPEN) {
        let mut kept = String::with_capacity(t.len());
        let mut rest = t;
        while let Some(at) = rest.find(MARK_OPEN) {
            kept.push_str(&rest[..at]);
            let after = &rest[at + MARK_OPEN.len_utf8()..];
            rest = after.find(MARK_CLOSE).map_or(after, |end| &after[end + MARK_CLOSE.len_utf8()..]);
        }
        kept.push_str(rest);
        Cow::Owned(kept)
    } else {
        Cow::Borrowed(t)
    };
    if t.trim().is_empty() {
        if !t.is_empty() && !text.is_empty() && !text.ends_with(char::is_whitespace) {
            text.push(' ');
        }
        return;
    }
    text.push_str(&t);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scan_reads_tags_attributes_and_text() {
        let items = Scanner::all("<A HREF='x.md' onclick=go()>R&amp;D</a><br/>");
        assert_eq!(
            items,
            [
                Item::Start {
                    name: "a".into(),
                    attrs: vec![("href".into(), "x.md".into()), ("onclick".into(), "go()".into())],
                    self_closing: false
                },
                Item::Text("R&D".into()),
                Item::End("a".into()),
                Item::Start { name: "br".into(), attrs: vec![], self_closing: true },
            ]
        );
        // Script content is text, as a browser reads it.
        assert_eq!(Scanner::all("<script><b>x</b></script>")[1], Item::Text("<b>x</b>".into()));
    }

    #[test]
    fn a_tag_cut_between_pieces_is_read_whole() {
        let mut s = Scanner::default();
        assert!(s.feed("<img\n").is_empty());
        assert!(matches!(&s.feed("src=\"a.png\">")[..], [Item::Start { name, .. }] if name == "img"));
    }

    #[test]
    fn nesting_keeps_an_island_open_until_its_elements_close() {
        let mut n = Nesting::default();
        assert_eq!(n.start("table", false), Verdict::Kept);
        assert_eq!(n.start("td", false), Verdict::Kept);
        assert!(n.is_open());
        n.end("table");
        assert!(!n.is_open());
        assert_eq!(n.start("p", false), Verdict::Kept);
        assert!(!n.is_open(), "an unclosed <p> does not hold the island open");
        assert_eq!(n.start("script", false), Verdict::RemovedWithContent);
        assert_eq!(n.start("a", false), Verdict::Hidden);
        n.end("script");
        assert_eq!(n.start("font", false), Verdict::Removed);
    }

    #[test]
    fn data_images() {
        assert!(is_data_image("data:image/png;base64,iVBOR"));
        assert!(is_data_image("DATA:image/JPEG;base64,xx"));
        assert!(!is_data_image("data:image/svg+xml;base64,xx"));
        assert!(!is_data_image("data:text/html,<script>"));
        assert!(!is_data_image("data:image/pngx,"));
    }

    #[test]
    fn placeholders_in_attributes_are_dropped_and_in_text_replaced() {
        let input = format!("<abbr title=\"{}\">a</abbr><td>{}</td>", mark(0), mark(1));
        let cleaned = sanitize(&input, HashMap::new(), HashMap::new(), HashSet::new(), &HashSet::new());
        let mut parts = vec!["<b onclick=x>".to_string(), "<em>ok</em>".to_string()];
        assert_eq!(unmark(&cleaned, &mut parts), "<abbr>a</abbr><em>ok</em>");
    }

    #[test]
    fn tags_are_found_where_they_were_written() {
        let html = "<td title=\"<a>\"><!-- <a> --><A href='x>'>a</a><a\nhref=\"y\">";
        let mut cursor = 0;
        let mut next = |name: &str, end: bool| find_tag(html, &mut cursor, name, end).map(|r| &html[r]);
        assert_eq!(next("td", false), Some("<td title=\"<a>\">"));
        assert_eq!(next("a", false), Some("<A href='x>'>"));
        assert_eq!(next("a", true), Some("</a>"));
        assert_eq!(next("a", false), Some("<a\nhref=\"y\">"));
        assert_eq!(next("a", false), None);
    }

    #[test]
    fn placeholders_are_tags_of_no_html_element_not_written_as_markup() {
        assert!(HTML_ELEMENTS.windows(2).all(|w| w[0] < w[1]), "sorted, for the binary search");
        let none = HashSet::new();
        let valueless = |names: &[&str]| names.iter().map(|n| (n.to_string(), String::new())).collect::<Vec<_>>();
        assert!(is_placeholder("server", &valueless(&["name"]), false, &none));
        assert!(is_placeholder("your-tenant", &[], false, &none));
        assert!(!is_placeholder("font", &[], false, &none), "an element of HTML");
        assert!(!is_placeholder("tabs", &[], true, &none), "self-closing");
        assert!(!is_placeholder("tabitem", &[("value".into(), "win".into())], false, &none), "a value");
        let closed: HashSet<String> = ["my-widget".to_string()].into();
        assert!(!is_placeholder("my-widget", &[], false, &closed), "closed somewhere");
    }

    #[test]
    fn closed_names_come_from_raw_html_only() {
        let md = "<my-widget>a</my-widget> and `</code-only>`\n\n```xml\n<String></String>\n```\n\n<div>\n</DIV></Foo:Bar>\n</div>\n";
        let nodes = crate::parse::markdown::tree(md, 0);
        let mut names: Vec<String> = closed_names(&nodes).into_iter().collect();
        names.sort();
        assert_eq!(names, ["foo:bar", "my-widget"]);
    }

    #[test]
    fn image_sizes_fill_what_was_not_written() {
        assert_eq!(image_size(None, None, Some((40, 30))), (Some(40), Some(30)));
        assert_eq!(image_size(Some("20"), None, Some((40, 30))), (Some(20), Some(15)));
        assert_eq!(image_size(None, Some("16px"), Some((40, 30))), (Some(21), Some(16)));
        assert_eq!(image_size(Some("100%"), None, Some((40, 30))), (Some(40), Some(30)));
        assert_eq!(image_size(Some("5"), Some("7"), Some((40, 30))), (Some(5), Some(7)));
        assert_eq!(image_size(Some("5"), None, None), (Some(5), None));
        // A 2×3 PNG, as an export inlines an icon.
        let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAEElEQVR4nGP4z8AARAwoFABE0AX7pM/egAAAAABJRU5ErkJggg==";
        assert_eq!(data_image_size(png), Some((2, 3)));
        assert_eq!(data_image_size("data:image/png;base64,!!"), None);
    }
}
