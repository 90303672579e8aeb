//! Source dialects → CommonMark, before pulldown-cmark reads a body.
//!
//! Real help articles are written in the Markdown of the tool they came
//! from, and Japanese authors type list markers with an IME. This pass
//! rewrites what an author clearly means into the canonical form the rest of
//! `parse/` reads, and keeps an [`OffsetMap`] so that every span (and so
//! every diagnostic's line and column) still points at the bytes the author
//! wrote:
//!
//! - **Step markers typed full-width**: `３．`, `３）`, `１.`, `3．`, `3）`
//!   (and an ideographic space after any marker, `1.　`) at the start of a
//!   line become `3. ` / `3) `: a step, as the author means.
//! - **Containers** of Docusaurus, VitePress and Starlight (`:::note`,
//!   `::: tip Title`, `:::tip[Title]` … `:::`, nested with more colons) and
//!   **admonitions** of MkDocs (`!!! note "Title"`, `??? note` collapsed,
//!   `???+ note` open, a 4-space-indented body) become block quotes; their
//!   kind, title and folding are returned as [`Container`]s, which
//!   `Renderer::callout` reads back by the quote's position.
//! - **Variant tabs** of MkDocs Material (`=== "Windows 11"` and a
//!   4-space-indented body; `===!` starts a new group, `===+` is the tab
//!   shown first) become block quotes too, returned as [`Container`]s with
//!   a [`TabMark`]; consecutive ones are one group (`parse::structure`).
//! - **Includes** (`[!INCLUDE [title](path.md)]` alone on a line, see
//!   [`crate::parse::include`]) are replaced by the included file's body,
//!   normalised in turn, each of its lines carrying what the directive's
//!   line carried before it (indentation under a step, a container's `> `);
//!   its segments lead back to that file's bytes in the parse's spans.
//!
//! Text inside fenced code is never touched. When a body has none of these
//! patterns (a line-start scan, no allocation) the text is used as it is and
//! the map is the identity.

use std::borrow::Cow;

use crate::model::{CalloutKind, Fold};
use crate::parse::include::{self, Frame, IncludeCx};

/// A body ready for pulldown-cmark: the text, where its bytes came from, and
/// the callout containers found on the way.
pub struct Normalized<'a> {
    pub text: Cow<'a, str>,
    pub map: OffsetMap,
    /// Containers in source order (by [`Container::at`]).
    pub containers: Vec<Container>,
    /// Where each `:::` container that no line of colons closes opens (it
    /// runs to the end of the body or of its quote).
    pub unclosed: Vec<usize>,
}

/// A callout written as a container or admonition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Container {
    /// Offset (in the original text, as every span) of the opening marker
    /// (`:::`, `!!!`, `???`): where the quote that stands for it starts.
    pub at: usize,
    pub kind: CalloutKind,
    /// The kind as written, lowercased (`info`, `danger`, `details`).
    pub name: String,
    pub title: ContainerTitle,
    pub fold: Fold,
    /// Set when it is a variant tab (`=== "Label"`), not a callout.
    pub tab: Option<TabMark>,
}

/// What a tab opener (`=== "Windows 11"`) says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabMark {
    /// The label as written between the quotes.
    pub label: String,
    /// `===!`: starts a new group even right after another tab.
    pub new_group: bool,
    /// `===+`: the tab shown first.
    pub selected: bool,
}

/// How a container's title is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerTitle {
    /// None written: the kind's name.
    Default,
    /// Written: it is the quote's first paragraph.
    FirstParagraph,
    /// Written empty (`!!! note ""`): no title is shown.
    Hidden,
}

/// Maps offsets of normalised text back to the original text.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// Runs of normalised text in order; empty means the identity.
    segments: Vec<Segment>,
}

#[derive(Debug, Clone, Copy)]
struct Segment {
    /// Where the run starts in the normalised text.
    norm: usize,
    /// Where it came from in the original text.
    orig: usize,
    /// Bytes of the original it stands for.
    orig_len: usize,
    /// Copied byte for byte (else written by this pass).
    copied: bool,
}

impl OffsetMap {
    /// Whether the normalised text is the original.
    pub fn is_identity(&self) -> bool {
        self.segments.is_empty()
    }

    /// The original offset of normalised offset `n`. Offsets inside text
    /// this pass wrote map to the start of what it replaced, or, past that
    /// start, to its end, so every result lies on a character boundary of
    /// the original.
    pub fn orig(&self, n: usize) -> usize {
        if self.segments.is_empty() {
            return n;
        }
        self.within(self.segments.partition_point(|s| s.norm <= n), n)
    }

    /// The original range of a normalised range.
    pub fn range(&self, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
        if self.segments.is_empty() {
            return r;
        }
        let start = self.orig(r.start);
        // An end is the end of what comes before it: look it up one byte
        // back, so it does not jump over text that was dropped there.
        let end = if r.end > r.start { self.end(r.end) } else { start };
        if end < start {
            // The range ends in text that comes from earlier bytes (an
            // include's last line, then the guide's line end): it ends at
            // the furthest byte it covers from where it starts on.
            let first = self.segments.partition_point(|s| s.norm <= r.start).saturating_sub(1);
            let last = self.segments.partition_point(|s| s.norm < r.end);
            let furthest = self.segments[first..last]
                .iter()
                .map(|s| if s.copied { s.orig + s.orig_len.min(r.end - s.norm) } else { s.orig + s.orig_len })
                .filter(|&e| e >= start)
                .max();
            return start..furthest.unwrap_or(start);
        }
        start..end
    }

    fn end(&self, n: usize) -> usize {
        self.within(self.segments.partition_point(|s| s.norm < n), n)
    }

    /// Offset `n` mapped through the segment before index `after`.
    fn within(&self, after: usize, n: usize) -> usize {
        let s = self.segments[after.saturating_sub(1)];
        let d = n.saturating_sub(s.norm);
        if s.copied {
            s.orig + d.min(s.orig_len)
        } else if d == 0 {
            s.orig
        } else {
            s.orig + s.orig_len
        }
    }
}

/// Normalise a body. `text` is the body alone; offsets (in the map and in
/// [`Container::at`]) are relative to it.
pub fn normalize(text: &str) -> Normalized<'_> {
    normalize_with(text, None, &|_| None)
}

/// [`normalize`], splicing the files include directives name when `inc`
/// is given (whose `body_start` says where `text` starts in its file), and
/// writing the front matter's values (`field`) where VitePress'
/// `{{ $frontmatter.title }}` asks for them. Offsets past the guide's own
/// text are in the included files, as [`crate::parse::include`] describes.
pub fn normalize_with<'a>(
    text: &'a str,
    inc: Option<&mut IncludeCx<'_>>,
    field: &dyn Fn(&str) -> Option<String>,
) -> Normalized<'a> {
    if !needs_work(text, inc.is_some()) {
        return Normalized {
            text: Cow::Borrowed(text),
            map: OffsetMap::default(),
            containers: Vec::new(),
            unclosed: Vec::new(),
        };
    }
    let frame = inc.as_ref().map(|c| c.root_frame());
    let mut w = Writer::new(text, 0, inc, frame, String::new(), field);
    w.run();
    let unclosed = w.stack.iter().filter(|o| o.colons.is_some()).map(|o| o.at).collect();
    let Writer { out, segments, containers, .. } = w;
    Normalized { text: Cow::Owned(out), map: OffsetMap { segments }, containers, unclosed }
}

/// A quick scan: does any line start (after spaces and `>`) with a pattern
/// this pass rewrites?
fn needs_work(text: &str, includes: bool) -> bool {
    text.split('\n').any(|line| {
        let rest = line.trim_start_matches([' ', '\t', '>']);
        let b = rest.as_bytes();
        if line.contains("{{") && line.contains("frontmatter.") {
            return true;
        }
        match b.first() {
            Some(b':') => rest.starts_with(":::"),
            Some(b'[') => {
                rest.starts_with("[[toc]]")
                    || rest.starts_with("[!div")
                    || (includes && include::directive(rest).is_some())
            }
            Some(b'i') => is_esm_line(rest),
            Some(b'-') => includes && include::directive(rest).is_some(),
            Some(b'!') => rest.starts_with("!!!"),
            Some(b'?') => rest.starts_with("???"),
            Some(b'=') => rest.starts_with("===") && tab_opener(rest).is_some(),
            Some(b'0'..=b'9') | Some(0xEF) => step_marker(rest).is_some_and(|m| m.rewrite),
            _ => false,
        }
    })
}

/// A step marker at the start of `s`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marker {
    number: u64,
    /// `.` or `)`.
    delimiter: char,
    /// Bytes of the marker and the separator after it (if one is replaced).
    len: usize,
    /// Whether it is written other than as CommonMark reads it.
    rewrite: bool,
    /// Whether a space must be written after it: none was (`３．設定`), or
    /// an ideographic one was (it is part of `len`).
    add_space: bool,
}

/// The number of a digit, ASCII or full-width.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn step_marker(s: &str) -> Option<Marker> {
    let mut chars = s.char_indices().peekable();
    let mut number: u64 = 0;
    let mut digits = 0;
    let mut wide = false;
    while let Some(&(_, c)) = chars.peek() {
        let Some(d) = digit(c) else { break };
        wide |= !c.is_ascii();
        number = number.saturating_mul(10).saturating_add(u64::from(d));
        digits += 1;
        chars.next();
    }
    // CommonMark allows at most nine digits.
    if digits == 0 || digits > 9 {
        return None;
    }
    let (at, punct) = chars.next()?;
    let delimiter = match punct {
        '.' | '．' => '.',
        ')' | '）' => ')',
        _ => return None,
    };
    wide |= !punct.is_ascii();
    let after = at + punct.len_utf8();
    let next = s[after..].chars().next();
    let (len, add_space) = match next {
        None | Some(' ' | '\t' | '\r') => (after, false),
        Some('\u{3000}') => (after + '\u{3000}'.len_utf8(), true),
        // `３．設定`: no space, but a full-width marker is never a decimal
        // number or an abbreviation at the start of a line.
        Some(c) if !punct.is_ascii() && digit(c).is_none() && !c.is_whitespace() => (after, true),
        _ => return None,
    };
    Some(Marker { number, delimiter, len, rewrite: wide || add_space, add_space })
}

/// The number and the byte length of a list marker written at the start
/// of `s` (`3.`, `３．`, `12)`), as the numbering check reads it.
pub fn written_marker(s: &str) -> Option<(u64, usize)> {
    let mut number: u64 = 0;
    let mut len = 0;
    for c in s.chars() {
        match digit(c) {
            Some(d) if len < 30 => {
                number = number.saturating_mul(10).saturating_add(u64::from(d));
                len += c.len_utf8();
            }
            _ if len > 0 && matches!(c, '.' | ')' | '．' | '）') => return Some((number, len + c.len_utf8())),
            _ => return None,
        }
    }
    None
}

/// A container's opening line, after its indentation.
struct Opener<'a> {
    /// `:::` (colons) or an admonition.
    colons: Option<usize>,
    fold: Fold,
    name: &'a str,
    /// Byte range of the title inside the line (after indentation), if written.
    title: Option<std::ops::Range<usize>>,
    tab: Option<TabMark>,
}

fn colon_opener(s: &str) -> Option<Opener<'_>> {
    let colons = s.bytes().take_while(|&b| b == b':').count();
    if colons < 3 {
        return None;
    }
    let rest = &s[colons..];
    let lead = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let word_start = colons + lead;
    let word_len =
        s[word_start..].bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_').count();
    if word_len == 0 || !s.as_bytes()[word_start].is_ascii_alphabetic() {
        return None;
    }
    let name = &s[word_start..word_start + word_len];
    let after = word_start + word_len;
    let tail = &s[after..];
    let title = if let Some(inner) = tail.strip_prefix('[') {
        // `:::tip[Title]`, maybe followed by `{attributes}`.
        let close = inner.rfind(']')?;
        let t = after + 1..after + 1 + close;
        (!s[t.clone()].trim().is_empty()).then_some(t)
    } else if tail.is_empty() || tail.starts_with([' ', '\t']) {
        let trimmed = tail.trim();
        if trimmed.is_empty() || trimmed.starts_with('{') {
            None
        } else {
            let start = after + (tail.len() - tail.trim_start().len());
            Some(start..start + trimmed.len())
        }
    } else if tail.starts_with('{') {
        None
    } else {
        return None;
    };
    let fold = if name.eq_ignore_ascii_case("details") { Fold::Closed } else { Fold::None };
    Some(Opener { colons: Some(colons), fold, name, title, tab: None })
}

fn admonition_opener(s: &str) -> Option<Opener<'_>> {
    let (fold, rest_at) = if s.starts_with("!!!") {
        (Fold::None, 3)
    } else if s.starts_with("???+") {
        (Fold::Open, 4)
    } else if s.starts_with("???") {
        (Fold::Closed, 3)
    } else {
        return None;
    };
    let rest = &s[rest_at..];
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let word_start = rest_at + (rest.len() - rest.trim_start().len());
    let word_len =
        s[word_start..].bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_').count();
    if word_len == 0 {
        return None;
    }
    let name = &s[word_start..word_start + word_len];
    // Optional modifiers (`inline end`), then an optional quoted title.
    let mut tail = &s[word_start + word_len..];
    let mut title = None;
    loop {
        let trimmed = tail.trim_start();
        let at = s.len() - trimmed.len();
        if trimmed.is_empty() {
            break;
        }
        if let Some(inner) = trimmed.strip_prefix('"') {
            let close = inner.rfind('"')?;
            if !inner[close + 1..].trim().is_empty() {
                return None;
            }
            title = Some(at + 1..at + 1 + close);
            break;
        }
        let word = trimmed.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_').count();
        if word == 0 {
            return None;
        }
        tail = &trimmed[word..];
    }
    Some(Opener { colons: None, fold, name, title, tab: None })
}

/// A variant tab's opening line: `=== "Label"`, with `!` (new group)
/// and `+` (shown first) after the `===` in any order.
fn tab_opener(s: &str) -> Option<Opener<'_>> {
    let rest = s.strip_prefix("===")?;
    let flags = rest.bytes().take_while(|&b| b == b'!' || b == b'+').count();
    let after = &rest[flags..];
    if !after.starts_with([' ', '\t']) {
        return None;
    }
    let t = after.trim();
    let inner = t.strip_prefix('"')?.strip_suffix('"')?;
    if inner.contains('"') || inner.trim().is_empty() {
        return None;
    }
    let start = s.len() - after.trim_start().len() + 1;
    let label = start..start + inner.len();
    let mark = TabMark {
        label: inner.trim().to_string(),
        new_group: rest[..flags].contains('!'),
        selected: rest[..flags].contains('+'),
    };
    Some(Opener { colons: None, fold: Fold::None, name: "tab", title: Some(label), tab: Some(mark) })
}

/// The callout kind a container's name stands for, and whether it is a
/// name tebiki knows (otherwise it is a note titled with the name).
pub fn kind_of(name: &str) -> (CalloutKind, bool) {
    let kind = match name.to_ascii_lowercase().as_str() {
        "note" | "info" | "abstract" | "summary" | "tldr" | "todo" | "question" | "help" | "faq" | "example"
        | "quote" | "cite" | "seealso" | "details" => CalloutKind::Note,
        "tip" | "hint" | "success" | "check" | "done" => CalloutKind::Tip,
        "important" => CalloutKind::Important,
        "warning" | "caution" | "attention" => CalloutKind::Warning,
        "danger" | "error" | "failure" | "fail" | "missing" | "bug" => CalloutKind::Caution,
        _ => return (CalloutKind::Note, false),
    };
    (kind, true)
}

/// Columns of leading spaces and tabs (a tab to the next multiple of 4),
/// and their bytes.
fn indentation(s: &str) -> (usize, usize) {
    let mut col = 0;
    let mut bytes = 0;
    for b in s.bytes() {
        match b {
            b' ' => col += 1,
            b'\t' => col += 4 - col % 4,
            _ => break,
        }
        bytes += 1;
    }
    (col, bytes)
}

/// Bytes of `s`'s leading whitespace that make up at most `cols` columns
/// (a tab that would go past counts whole).
fn bytes_for_columns(s: &str, cols: usize) -> usize {
    let mut col = 0;
    let mut bytes = 0;
    for b in s.bytes() {
        if col >= cols {
            break;
        }
        match b {
            b' ' => col += 1,
            b'\t' => col += 4 - col % 4,
            _ => break,
        }
        bytes += 1;
    }
    bytes
}

/// An MDX `import … from '…';` line (or `import '…';`): code for the
/// site's bundler, never text.
fn is_esm_line(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("import ") else { return false };
    let t = rest.trim_end().trim_end_matches(';').trim_end();
    let quoted = |q: &str| {
        (q.len() >= 2 && (q.starts_with('\'') && q.ends_with('\'') || q.starts_with('"') && q.ends_with('"')))
            && !q[1..q.len() - 1].contains([' ', '\'', '"'])
    };
    quoted(t) || t.rsplit_once(" from ").is_some_and(|(what, from)| !what.trim().is_empty() && quoted(from.trim()))
}

/// DocFX's image extension, `:::image type="content" source="x.png"
/// alt-text="…":::`, as a Markdown image (`None`: not one).
fn docfx_image(s: &str) -> Option<String> {
    let inner = s.trim_end().strip_prefix(":::image ")?.strip_suffix(":::")?;
    let value = |name: &str| {
        let at = inner.find(&format!("{name}=\""))? + name.len() + 2;
        let len = inner[at..].find('"')?;
        Some(&inner[at..at + len])
    };
    let source = value("source")?;
    let alt = value("alt-text").unwrap_or("");
    let mut escaped = String::with_capacity(alt.len());
    for c in alt.chars() {
        if matches!(c, '[' | ']' | '\\' | '*' | '_' | '`' | '<') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    Some(format!("![{escaped}](<{source}>)"))
}

/// `{{ $frontmatter.name }}` (VitePress; `frontmatter.name` too) in a line:
/// where each one is and the field it names.
fn field_references(line: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = line[from..].find("{{").map(|i| from + i) {
        let Some(close) = line[open..].find("}}").map(|i| open + i) else { break };
        let expr = line[open + 2..close].trim();
        let name = expr.strip_prefix("$frontmatter.").or_else(|| expr.strip_prefix("frontmatter."));
        if let Some(name) = name.filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        {
            found.push((open..close + 2, name));
        }
        from = close + 2;
    }
    found
}

/// The bytes of the block-quote markers (`> `, `>>`, up to three spaces
/// before each) at the start of a line, and how many there are.
fn quote_prefix(s: &str) -> (usize, usize) {
    let (mut len, mut depth) = (0, 0);
    loop {
        let rest = &s[len..];
        let spaces = rest.bytes().take_while(|&b| b == b' ').count();
        if spaces > 3 || rest.as_bytes().get(spaces) != Some(&b'>') {
            return (len, depth);
        }
        len += spaces + 1;
        if s.as_bytes().get(len) == Some(&b' ') {
            len += 1;
        }
        depth += 1;
    }
}

/// An open container.
struct Open {
    /// Where its marker is (original offset).
    at: usize,
    /// Block quotes around it (a container opened in a `>` quote ends with it).
    quote: usize,
    /// Colons of a `:::` container; `None` for an indented admonition.
    colons: Option<usize>,
    /// Its marker's column, inside the enclosing container's content.
    indent: usize,
    /// The list the marker was in (`Writer::list_content`), which goes on
    /// after the container: what lists its body holds do not count there.
    list_content: Option<usize>,
}

/// An open fenced code block.
struct Fence {
    /// Containers open when it started: it ends with the innermost of them.
    depth: usize,
    /// Block quotes around it: it ends with the innermost of them.
    quote: usize,
    ch: u8,
    len: usize,
}

struct Writer<'a, 'c, 'i> {
    src: &'a str,
    /// Added to every offset of `src` to make it an offset of the parse's
    /// spans (relative to the guide's body): 0 for the guide itself.
    shift: usize,
    /// Includes, when they are spliced.
    inc: Option<&'c mut IncludeCx<'i>>,
    /// The file `src` is from (with includes).
    frame: Option<Frame>,
    /// Written at the start of every line but the first: what the include
    /// directive's line held before the directive.
    prefix: String,
    /// A front-matter field's value as text.
    field: &'c dyn Fn(&str) -> Option<String>,
    out: String,
    segments: Vec<Segment>,
    containers: Vec<Container>,
    stack: Vec<Open>,
    fence: Option<Fence>,
    /// Content column of the last list item seen, while a list may go on
    /// (for telling a nested step from an indented code block).
    list_content: Option<usize>,
    previous_blank: bool,
}

impl<'a, 'c, 'i> Writer<'a, 'c, 'i> {
    fn new(
        src: &'a str,
        shift: usize,
        inc: Option<&'c mut IncludeCx<'i>>,
        frame: Option<Frame>,
        prefix: String,
        field: &'c dyn Fn(&str) -> Option<String>,
    ) -> Self {
        let mut out = String::with_capacity(src.len() + prefix.len() + 64);
        // The first line's prefix is written already where the text goes.
        out.push_str(&prefix);
        Writer {
            src,
            shift,
            inc,
            frame,
            prefix,
            field,
            out,
            segments: Vec::new(),
            containers: Vec::new(),
            stack: Vec::new(),
            fence: None,
            list_content: None,
            previous_blank: true,
        }
    }

    fn copy(&mut self, range: std::ops::Range<usize>) {
        if range.is_empty() {
            return;
        }
        let orig = range.start + self.shift;
        if let Some(last) = self.segments.last_mut() {
            if last.copied && last.orig + last.orig_len == orig && last.norm + last.orig_len == self.out.len() {
                last.orig_len += range.len();
                self.out.push_str(&self.src[range]);
                return;
            }
        }
        self.segments.push(Segment { norm: self.out.len(), orig, orig_len: range.len(), copied: true });
        self.out.push_str(&self.src[range]);
    }

    fn replace(&mut self, range: std::ops::Range<usize>, with: &str) {
        let orig = range.start + self.shift;
        self.segments.push(Segment { norm: self.out.len(), orig, orig_len: range.len(), copied: false });
        self.out.push_str(with);
    }

    /// Lines with their start offsets (without the line end).
    fn lines(&self) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        let mut at = 0;
        for line in self.src.split_inclusive('\n') {
            let body = line.strip_suffix('\n').unwrap_or(line);
            v.push((at, at + body.len()));
            at += line.len();
        }
        v
    }

    fn run(&mut self) {
        let lines = self.lines();
        for (k, &(start, end)) in lines.iter().enumerate() {
            self.line(start, end, &lines[k + 1..], k > 0);
            // The line end, copied.
            let next = lines.get(k + 1).map_or(self.src.len(), |l| l.0);
            self.copy(end..next);
        }
    }

    /// Whether the line at `start..end` stays inside the admonition at
    /// stack depth `d` (`rest_col`: its indentation inside the enclosing
    /// content), looking past blank lines at the next one.
    fn admonition_holds(&self, indent: usize, line: &str, later: &[(usize, usize)]) -> bool {
        if !line.trim().is_empty() {
            return indentation(line).0 >= indent + 4;
        }
        later
            .iter()
            .map(|&(s, e)| &self.src[s..e])
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| self.inner_indent(l) >= indent + 4)
    }

    /// A later line's indentation, roughly, as seen from the innermost
    /// admonition (outer containers' prefixes are not stripped: good enough
    /// to decide whether a blank line ends a body).
    fn inner_indent(&self, l: &str) -> usize {
        let outer: usize = self.stack.iter().rev().skip(1).filter(|o| o.colons.is_none()).map(|o| o.indent + 4).sum();
        indentation(l).0.saturating_sub(outer)
    }

    fn line(&mut self, start: usize, end: usize, later: &[(usize, usize)], continued: bool) {
        let src = self.src;
        let mut pos = start;
        // Where this line starts in the output: what is written before a
        // container's marker is the prefix its inserted lines repeat.
        let line_out = if continued { self.out.len() } else { self.out.len() - self.prefix.len() };
        if continued && !self.prefix.is_empty() {
            let prefix = std::mem::take(&mut self.prefix);
            self.replace(start..start, &prefix);
            self.prefix = prefix;
        }
        // An admonition or tab whose body this line ended: a container
        // opening right here must not read as its continuation.
        let mut closed_here = false;
        // Block-quote markers are the line's own prefix: containers opened
        // inside a quote end with it, and are read inside it.
        let (qlen, quote) =
            if self.stack.iter().all(|o| o.quote == 0) && self.fence.as_ref().is_none_or(|f| f.quote == 0) {
                let (qlen, quote) = quote_prefix(&src[start..end]);
                // Only where a quote holds something this pass reads.
                if quote > 0 && !needs_work(&src[start + qlen..end], self.inc.is_some()) {
                    (0, 0)
                } else {
                    (qlen, quote)
                }
            } else {
                quote_prefix(&src[start..end])
            };
        if let Some(d) = self.stack.iter().position(|o| o.quote > quote) {
            self.close_from(d);
            closed_here = true;
        }
        if self.fence.as_ref().is_some_and(|f| f.quote > quote) {
            self.fence = None;
        }
        self.copy(start..start + qlen);
        pos += qlen;
        // Walk down the open containers: each takes its prefix off the line.
        let mut depth = 0;
        while depth < self.stack.len() {
            let rest = &src[pos..end];
            let open = &self.stack[depth];
            match open.colons {
                None => {
                    let indent = open.indent;
                    // Only the innermost admonition looks ahead past blanks.
                    let holds = if depth + 1 == self.stack.len() || !rest.trim().is_empty() {
                        self.admonition_holds(indent, rest, later)
                    } else {
                        true
                    };
                    if !holds {
                        self.close_from(depth);
                        closed_here = true;
                        break;
                    }
                    if rest.trim().is_empty() {
                        pos = self.blank_line(pos, end, indent);
                        depth += 1;
                        continue;
                    }
                    let keep = bytes_for_columns(rest, indent);
                    self.copy(pos..pos + keep);
                    let strip = bytes_for_columns(&rest[keep..], 4);
                    self.replace(pos + keep..pos + keep + strip, "> ");
                    pos += keep + strip;
                }
                Some(colons) => {
                    let indent = open.indent;
                    let (col, _) = indentation(rest);
                    let keep = bytes_for_columns(rest, indent.min(col));
                    let after = rest[keep..].trim_start_matches([' ', '\t']);
                    let in_fence = self.fence.as_ref().is_some_and(|f| f.depth > depth);
                    // A line of colons closes the container (not inside code).
                    let closer = after.bytes().take_while(|&b| b == b':').count();
                    if !in_fence
                        && closer >= colons
                        && after[closer..].trim().is_empty()
                        && depth + 1 == self.stack.len()
                    {
                        self.copy(pos..pos + keep);
                        self.replace(pos + keep..end, "");
                        if let Some(o) = self.stack.pop() {
                            self.list_content = o.list_content;
                        }
                        if self.fence.as_ref().is_some_and(|f| f.depth > self.stack.len()) {
                            self.fence = None;
                        }
                        self.previous_blank = true;
                        return;
                    }
                    if rest.trim().is_empty() {
                        pos = self.blank_line(pos, end, indent);
                        depth += 1;
                        continue;
                    }
                    self.copy(pos..pos + keep);
                    self.replace(pos + keep..pos + keep, "> ");
                    pos += keep;
                }
            }
            depth += 1;
        }
        let rest = &src[pos..end];

        // Fenced code: copied as it is.
        if let Some(f) = &self.fence {
            let t = rest.trim_start_matches([' ', '\t']);
            let n = t.bytes().take_while(|&b| b == f.ch).count();
            if n >= f.len && t[n..].trim().is_empty() {
                self.fence = None;
            }
            self.copy(pos..end);
            return;
        }
        let (col, ws) = indentation(rest);
        let body = &rest[ws..];
        if let Some((ch, len)) = fence_open(body) {
            self.fence = Some(Fence { depth: self.stack.len(), quote, ch, len });
            self.copy(pos..end);
            self.previous_blank = false;
            return;
        }
        if body.is_empty() {
            self.copy(pos..end);
            self.previous_blank = true;
            return;
        }
        // Indented code (four columns past any list's content) is left alone.
        let code = col >= 4 && self.list_content.is_none_or(|c| col >= c + 4);
        if !code {
            if self.inc.is_some() {
                if let Some(d) = include::directive(body) {
                    self.copy(pos..pos + ws);
                    self.include(pos + ws, end, d, line_out);
                    return;
                }
            }
            if let Some(image) = docfx_image(body) {
                self.copy(pos..pos + ws);
                self.replace(pos + ws..end, &image);
                self.previous_blank = false;
                return;
            }
            // Directives of other tools that are no text: VitePress' table
            // of contents (the page has its own), DocFX's `[!div]` styling
            // line in a quote, MDX imports at the top level.
            let directive = body.trim_end() == "[[toc]]"
                || (quote > 0 && body.starts_with("[!div") && body.trim_end().ends_with(']'))
                || (col == 0 && self.stack.is_empty() && quote == 0 && is_esm_line(body));
            if directive {
                self.copy(pos..pos + ws);
                self.replace(pos + ws..end, "");
                self.previous_blank = true;
                return;
            }
            if let Some(o) = colon_opener(body).or_else(|| admonition_opener(body)).or_else(|| tab_opener(body)) {
                self.copy(pos..pos + ws);
                let prefix = self.out[line_out..].to_string();
                if closed_here {
                    self.replace(pos + ws..pos + ws, &format!("\n{prefix}"));
                }
                self.open(o, pos + ws, col, end, &prefix, quote);
                return;
            }
            if let Some(m) = step_marker(body) {
                self.list_content = Some(col + m.len + 1);
                if m.rewrite {
                    self.copy(pos..pos + ws);
                    let space = if m.add_space { " " } else { "" };
                    self.replace(pos + ws..pos + ws + m.len, &format!("{}{}{space}", m.number, m.delimiter));
                    self.copy(pos + ws + m.len..end);
                    self.previous_blank = false;
                    return;
                }
            } else if is_bullet(body) {
                self.list_content = Some(col + 2);
            } else if self.previous_blank && col < 4 {
                // A paragraph after a blank line, not indented: lists are over.
                self.list_content = None;
            }
        }
        self.previous_blank = false;
        self.copy_with_fields(pos..end);
    }

    /// Copy a line's text, writing the front matter's values for
    /// `{{ $frontmatter.name }}` (an empty one for a field it lacks).
    fn copy_with_fields(&mut self, range: std::ops::Range<usize>) {
        let line = &self.src[range.clone()];
        let mut at = range.start;
        for (r, name) in field_references(line) {
            self.copy(at..range.start + r.start);
            let value = (self.field)(name).unwrap_or_default();
            self.replace(range.start + r.start..range.start + r.end, &value);
            at = range.start + r.end;
        }
        self.copy(at..range.end);
    }

    /// A container opens at `at` (its marker, at column `col`); the line
    /// ends at `end`, and `prefix` is what the line's output holds before
    /// the marker (indentation, enclosing containers' `> `).
    fn open(&mut self, o: Opener<'_>, at: usize, col: usize, end: usize, prefix: &str, quote: usize) {
        if let Some(tab) = o.tab {
            self.containers.push(Container {
                at: at + self.shift,
                kind: CalloutKind::Note,
                name: o.name.to_string(),
                title: ContainerTitle::Default,
                fold: Fold::None,
                tab: Some(tab),
            });
            self.replace(at..end, ">");
            self.stack.push(Open { at, quote, colons: None, indent: col, list_content: self.list_content });
            self.previous_blank = false;
            return;
        }
        let (kind, known) = kind_of(o.name);
        let written = o.title.as_ref().map(|t| {
            let text = &self.src[at + t.start..at + t.end];
            let lead = text.len() - text.trim_start().len();
            at + t.start + lead..at + t.start + lead + text.trim().len()
        });
        let title = match &written {
            Some(t) if t.is_empty() => {
                if o.colons.is_none() {
                    ContainerTitle::Hidden
                } else {
                    ContainerTitle::Default
                }
            }
            Some(_) => ContainerTitle::FirstParagraph,
            // An unknown kind (`!!! custom`) is titled with its name, as MkDocs does.
            None if !known => ContainerTitle::FirstParagraph,
            None => ContainerTitle::Default,
        };
        self.containers.push(Container {
            at: at + self.shift,
            kind,
            name: o.name.to_ascii_lowercase(),
            title,
            fold: o.fold,
            tab: None,
        });
        // The marker line becomes the quote's first line: its title, then a
        // blank quote line that ends the title's paragraph; or nothing.
        let blank_line = format!("\n{prefix}>");
        match (title, written) {
            (ContainerTitle::FirstParagraph, Some(t)) => {
                self.replace(at..t.start, "> ");
                self.write_title(t.clone());
                self.replace(t.end..end, &blank_line);
            }
            (ContainerTitle::FirstParagraph, None) => {
                let mut name = o.name.to_string();
                if let Some(first) = name.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                self.replace(at..end, &format!("> {name}{blank_line}"));
            }
            _ => self.replace(at..end, ">"),
        }
        self.stack.push(Open { at, quote, colons: o.colons, indent: col, list_content: self.list_content });
        self.previous_blank = false;
    }

    /// Copy a title, escaping a first character that would start a block
    /// (`# `, `- `, `1.`) so it stays text.
    fn write_title(&mut self, t: std::ops::Range<usize>) {
        let title = &self.src[t.clone()];
        let numbered = title.bytes().take_while(u8::is_ascii_digit).count();
        if numbered > 0 && matches!(title.as_bytes().get(numbered), Some(b'.' | b')')) {
            self.copy(t.start..t.start + numbered);
            self.replace(t.start + numbered..t.start + numbered, "\\");
            self.copy(t.start + numbered..t.end);
        } else if title.starts_with(['#', '>', '-', '+', '*', '=', '|', '`', '~', '<']) {
            self.replace(t.start..t.start, "\\");
            self.copy(t);
        } else {
            self.copy(t);
        }
    }

    /// A blank line of a container's body (the rest of the line at
    /// `pos..end`), written at the container's column `indent`: under a
    /// step it must stay indented. Returns where the line is done.
    fn blank_line(&mut self, pos: usize, end: usize, indent: usize) -> usize {
        self.replace(pos..end, &format!("{}>", " ".repeat(indent)));
        end
    }

    /// Replace the include directive at `at..end` (its line began at
    /// `line_out` in the output) by the included file's body, normalised
    /// with the line's prefix repeated on each of its lines.
    fn include(&mut self, at: usize, end: usize, d: include::Directive, line_out: usize) {
        let prefix = self.out[line_out..].to_string();
        let written = self.src[at + d.path.start..at + d.path.end].to_string();
        let frame = self.frame.clone().expect("a frame with includes");
        let shift = self.shift;
        let inc = self.inc.as_deref_mut().expect("includes");
        let base = inc.body_start + shift;
        let loaded =
            inc.load(&frame, &written, d.kind, base + at..base + end, base + at + d.path.start..base + at + d.path.end);
        self.replace(at..end, "");
        self.previous_blank = false;
        let Some(l) = loaded else { return };
        let inc = self.inc.as_deref_mut().expect("includes");
        let shift = l.base + l.body.start - inc.body_start;
        let field = self.field;
        let mut w =
            Writer::new(&l.text[l.body.clone()], shift, Some(inc), Some(l.frame.clone()), prefix.clone(), field);
        w.run();
        let Writer { out, segments, containers, .. } = w;
        let delta = self.out.len() - prefix.len();
        self.segments.extend(segments.into_iter().map(|s| Segment { norm: s.norm + delta, ..s }));
        self.out.push_str(&out[prefix.len()..]);
        self.containers.extend(containers);
        self.list_content = None;
    }

    /// Close the containers from stack depth `d` inward (an admonition whose
    /// body ended).
    fn close_from(&mut self, d: usize) {
        if let Some(o) = self.stack.get(d) {
            self.list_content = o.list_content;
        }
        self.stack.truncate(d);
        if self.fence.as_ref().is_some_and(|f| f.depth > d) {
            self.fence = None;
        }
    }
}

fn is_bullet(s: &str) -> bool {
    matches!(s.as_bytes(), [b'-' | b'*' | b'+', b' ' | b'\t', ..] | [b'-' | b'*' | b'+'])
}

/// A code fence opening (three or more backticks or tildes).
fn fence_open(s: &str) -> Option<(u8, usize)> {
    let ch = *s.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let n = s.bytes().take_while(|&b| b == ch).count();
    (n >= 3 && (ch == b'~' || !s[n..].contains('`'))).then_some((ch, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s).text.into_owned()
    }

    #[test]
    fn plain_commonmark_is_borrowed() {
        let n = normalize("## A\n\n1. one\n2. two\n\n> quote\n");
        assert!(matches!(n.text, Cow::Borrowed(_)));
        assert!(n.map.is_identity());
    }

    #[test]
    fn full_width_markers_become_steps() {
        assert_eq!(norm("３． 設定の画面で\n"), "3. 設定の画面で\n");
        assert_eq!(norm("３） 設定\n"), "3) 設定\n");
        assert_eq!(norm("１. a\n"), "1. a\n");
        assert_eq!(norm("3． a\n3） b\n"), "3. a\n3) b\n");
        assert_eq!(norm("１２．設定\n"), "12. 設定\n");
        assert_eq!(norm("1.\u{3000}設定\n"), "1. 設定\n");
        assert_eq!(norm("   ２． 子\n"), "   2. 子\n");
        // Not markers: a decimal number, ASCII text as CommonMark reads it.
        assert_eq!(norm("２．５倍\n"), "２．５倍\n");
        assert_eq!(norm("1.5 GHz\n"), "1.5 GHz\n");
        assert_eq!(norm("```\n３． code\n```\n"), "```\n３． code\n```\n");
        // Ten digits and more are no marker (CommonMark allows nine).
        assert_eq!(
            norm("９９９９９９９９９９９９９９９９９９９９９． x\n"),
            "９９９９９９９９９９９９９９９９９９９９９． x\n"
        );
    }

    #[test]
    fn offsets_map_back_to_the_original_bytes() {
        let src = "前\n３． 設定の画面で\n";
        let n = normalize(src);
        let item = n.text.find("3.").unwrap();
        assert_eq!(n.map.orig(item), src.find('３').unwrap());
        let word = n.text.find("設定").unwrap();
        assert_eq!(n.map.orig(word), src.find("設定").unwrap());
        let end = n.text.len();
        assert_eq!(n.map.range(item..end), src.find('３').unwrap()..src.len());
    }

    #[test]
    fn colon_containers_become_quotes() {
        let n = normalize(":::tip[Custom title]\nBody\n:::\n");
        assert_eq!(n.text, "> Custom title\n>\n> Body\n\n");
        assert_eq!(n.containers[0].kind, CalloutKind::Tip);
        assert_eq!(n.containers[0].title, ContainerTitle::FirstParagraph);
        assert_eq!(norm("::: warning Take care\nx\n:::\n"), "> Take care\n>\n> x\n\n");
        assert_eq!(norm(":::note\nx\n\ny\n:::\n"), ">\n> x\n>\n> y\n\n");
        let nested = normalize("::::note\nouter\n:::tip\ninner\n:::\n::::\n");
        assert_eq!(nested.text, ">\n> outer\n> >\n> > inner\n> \n\n");
        assert_eq!(nested.containers.len(), 2);
        // Code inside is code; `:::` inside code does not close.
        assert_eq!(norm(":::note\n```\n:::\n```\n:::\n"), ">\n> ```\n> :::\n> ```\n\n");
        // Not containers: pandoc attributes, a bare line of colons.
        assert_eq!(norm("::: {.x}\n"), "::: {.x}\n");
    }

    #[test]
    fn admonitions_become_quotes() {
        let n = normalize("!!! note \"Title\"\n    Body\n\n    More\n\nAfter\n");
        assert_eq!(n.text, "> Title\n>\n> Body\n>\n> More\n\nAfter\n");
        let n = normalize("??? warning\n    Body\n");
        assert_eq!(n.containers[0].fold, Fold::Closed);
        assert_eq!(n.containers[0].title, ContainerTitle::Default);
        assert_eq!(normalize("???+ tip\n    x\n").containers[0].fold, Fold::Open);
        assert_eq!(normalize("!!! note \"\"\n    x\n").containers[0].title, ContainerTitle::Hidden);
        let custom = normalize("!!! pied-piper\n    x\n");
        assert_eq!(custom.text, "> Pied-piper\n>\n> x\n");
        assert_eq!(custom.containers[0].kind, CalloutKind::Note);
    }

    #[test]
    fn containers_in_steps_keep_their_indentation() {
        let src = "1. Do it.\n\n   :::note\n   Careful.\n   :::\n\n2. Next.\n";
        assert_eq!(norm(src), "1. Do it.\n\n   >\n   > Careful.\n   \n\n2. Next.\n");
        let src = "1. Do it.\n\n    !!! tip\n        Careful.\n\n2. Next.\n";
        assert_eq!(norm(src), "1. Do it.\n\n    >\n    > Careful.\n\n2. Next.\n");
    }

    #[test]
    fn titles_that_would_start_a_block_stay_text() {
        assert_eq!(norm(":::note[# not a heading]\nx\n:::\n"), "> \\# not a heading\n>\n> x\n\n");
        assert_eq!(norm(":::note[1. not a list]\nx\n:::\n"), "> 1\\. not a list\n>\n> x\n\n");
    }

    #[test]
    fn tabs_become_quotes_marked_as_tabs() {
        let n = normalize("=== \"Windows 11\"\n    One.\n=== \"Windows 10\"\n    Two.\n");
        // The second opener ends the first body: a blank line keeps them two quotes.
        assert_eq!(n.text, ">\n> One.\n\n>\n> Two.\n");
        let marks: Vec<_> = n.containers.iter().map(|c| c.tab.clone().unwrap()).collect();
        assert_eq!(marks[0], TabMark { label: "Windows 11".into(), new_group: false, selected: false });
        assert_eq!(
            normalize("===+! \"A\"\n    x\n").containers[0].tab.clone().unwrap(),
            TabMark { label: "A".into(), new_group: true, selected: true }
        );
        // Not tabs: a setext underline, an unquoted label.
        assert_eq!(norm("Title\n===\n"), "Title\n===\n");
        assert_eq!(norm("=== Windows\n"), "=== Windows\n");
    }

    #[test]
    fn a_tab_under_a_step_keeps_its_blank_lines_indented() {
        let src = "1. Do it.\n\n    === \"A\"\n\n        Body.\n\n    === \"B\"\n\n        Other.\n\n2. Next.\n";
        assert_eq!(norm(src), "1. Do it.\n\n    >\n    >\n    > Body.\n\n    >\n    >\n    > Other.\n\n2. Next.\n");
    }

    struct Files(&'static [(&'static str, &'static str)]);

    impl crate::parse::include::IncludeSource for Files {
        fn read(&self, rel: &std::path::Path) -> Result<std::sync::Arc<str>, crate::parse::include::ReadError> {
            self.0
                .iter()
                .find(|(p, _)| std::path::Path::new(p) == rel)
                .map(|(_, t)| std::sync::Arc::from(*t))
                .ok_or(crate::parse::include::ReadError::Missing)
        }
    }

    #[test]
    fn includes_are_spliced_with_the_line_prefix_and_map_back_to_their_file() {
        let files = Files(&[("content/inc/a.md", "1. First.\n\n   More.\n"), ("content/inc/b.md", "> Quote\n")]);
        let guide = "---\n---\n1. Zero.\n\n   [!INCLUDE [b](inc/b.md)]\n[!INCLUDE [a](inc/a.md)]\nEnd\n";
        let body_start = 8;
        let mut cx = IncludeCx::new(&files, std::path::Path::new("content/g.md"), std::path::Path::new("content"), &[]);
        cx.guide_len = guide.len();
        cx.body_start = body_start;
        let n = normalize_with(&guide[body_start..], Some(&mut cx), &|_| None);
        assert_eq!(n.text, "1. Zero.\n\n   > Quote\n1. First.\n\n   More.\nEnd\n");
        assert!(cx.diagnostics.is_empty());
        let spans = format!("{guide}{}", cx.extra);
        // Every byte of included text leads back to its file's byte.
        let at = |s: &str| n.text.find(s).unwrap();
        for word in ["Quote", "First", "More", "Zero", "End"] {
            let orig = body_start + n.map.orig(at(word));
            assert_eq!(&spans[orig..orig + word.len()], word);
        }
        let (i, f) = crate::model::included_at(&cx.files, body_start + n.map.orig(at("More"))).unwrap();
        assert_eq!((i, f.rel.to_str().unwrap()), (1, "content/inc/a.md"));
        assert_eq!(&spans[f.from.1.clone()], "[!INCLUDE [a](inc/a.md)]");
    }

    #[test]
    fn an_unclosed_container_runs_to_the_end_and_is_reported() {
        let n = normalize("Intro\n\n:::tip\nBody\n\nMore\n");
        assert_eq!(n.text, "Intro\n\n>\n> Body\n>\n> More\n");
        assert_eq!(n.unclosed, vec![7]);
        assert!(normalize(":::tip\nBody\n:::\n").unclosed.is_empty());
    }

    #[test]
    fn a_container_inside_a_quote_is_read_and_ends_with_it() {
        let n = normalize("> :::note\n> Body\n> :::\n\nAfter\n");
        assert_eq!(n.text, "> >\n> > Body\n> \n\nAfter\n");
        assert_eq!(n.containers[0].at, 2);
        assert!(n.unclosed.is_empty());
        // The quote ends it; a plain quote stays as it is.
        assert_eq!(norm("> :::tip[T]\n> x\n\ny\n"), "> > T\n> >\n> > x\n\ny\n");
        assert_eq!(norm("> plain\n> :::\n"), "> plain\n> :::\n");
    }

    #[test]
    fn other_tools_directives_are_not_text() {
        assert_eq!(norm("# T\n\n[[toc]]\n\nText\n"), "# T\n\n\n\nText\n");
        assert_eq!(norm("import Tabs from '@theme/Tabs';\nimport \"./x.css\";\n\nText\n"), "\n\n\nText\n");
        // A sentence that starts with "import" stays.
        assert_eq!(norm("import the file from the menu.\n"), "import the file from the menu.\n");
        assert_eq!(norm("> [!div class=\"nextstepaction\"]\n> [Next](next.md)\n"), "> \n> [Next](next.md)\n");
        assert_eq!(
            norm(
                ":::image type=\"content\" source=\"media/a b.png\" alt-text=\"The [Save] button\" lightbox=\"x\":::\n"
            ),
            "![The \\[Save\\] button](<media/a b.png>)\n"
        );
        assert_eq!(norm("```\n[[toc]]\n```\n"), "```\n[[toc]]\n```\n");
    }

    #[test]
    fn front_matter_fields_are_written_for_their_references() {
        let field = |n: &str| (n == "title").then(|| "Export".to_string());
        let n =
            normalize_with("# {{ $frontmatter.title }}\n\nSee {{frontmatter.other}} and {{ count }}.\n", None, &field);
        assert_eq!(n.text, "# Export\n\nSee  and {{ count }}.\n");
        assert_eq!(n.map.orig(n.text.find("\n\nSee").unwrap()), "# {{ $frontmatter.title }}".len());
    }
}
