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
//!
//! Text inside fenced code is never touched. When a body has none of these
//! patterns (a line-start scan, no allocation) the text is used as it is and
//! the map is the identity.

use std::borrow::Cow;

use crate::model::{CalloutKind, Fold};

/// A body ready for pulldown-cmark: the text, where its bytes came from, and
/// the callout containers found on the way.
pub struct Normalized<'a> {
    pub text: Cow<'a, str>,
    pub map: OffsetMap,
    /// Containers in source order (by [`Container::at`]).
    pub containers: Vec<Container>,
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
        start..end.max(start)
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
    if !needs_work(text) {
        return Normalized { text: Cow::Borrowed(text), map: OffsetMap::default(), containers: Vec::new() };
    }
    let mut w = Writer::new(text);
    w.run();
    let Writer { out, segments, containers, .. } = w;
    Normalized { text: Cow::Owned(out), map: OffsetMap { segments }, containers }
}

/// A quick scan: does any line start (after spaces and `>`) with a pattern
/// this pass rewrites?
fn needs_work(text: &str) -> bool {
    text.split('\n').any(|line| {
        let rest = line.trim_start_matches([' ', '\t', '>']);
        let b = rest.as_bytes();
        match b.first() {
            Some(b':') => rest.starts_with(":::"),
            Some(b'!') => rest.starts_with("!!!"),
            Some(b'?') => rest.starts_with("???"),
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
    Some(Opener { colons: Some(colons), fold, name, title })
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
    Some(Opener { colons: None, fold, name, title })
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

/// An open container.
struct Open {
    /// Colons of a `:::` container; `None` for an indented admonition.
    colons: Option<usize>,
    /// Its marker's column, inside the enclosing container's content.
    indent: usize,
}

/// An open fenced code block.
struct Fence {
    /// Containers open when it started: it ends with the innermost of them.
    depth: usize,
    ch: u8,
    len: usize,
}

struct Writer<'a> {
    src: &'a str,
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

impl<'a> Writer<'a> {
    fn new(src: &'a str) -> Self {
        Writer {
            src,
            out: String::with_capacity(src.len() + 64),
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
        if let Some(last) = self.segments.last_mut() {
            if last.copied && last.orig + last.orig_len == range.start && last.norm + last.orig_len == self.out.len() {
                last.orig_len += range.len();
                self.out.push_str(&self.src[range]);
                return;
            }
        }
        self.segments.push(Segment { norm: self.out.len(), orig: range.start, orig_len: range.len(), copied: true });
        self.out.push_str(&self.src[range]);
    }

    fn replace(&mut self, range: std::ops::Range<usize>, with: &str) {
        self.segments.push(Segment { norm: self.out.len(), orig: range.start, orig_len: range.len(), copied: false });
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
            self.line(start, end, &lines[k + 1..]);
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

    fn line(&mut self, start: usize, end: usize, later: &[(usize, usize)]) {
        let src = self.src;
        let mut pos = start;
        // Where this line starts in the output: what is written before a
        // container's marker is the prefix its inserted lines repeat.
        let line_out = self.out.len();
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
                        break;
                    }
                    let keep = bytes_for_columns(rest, indent);
                    self.copy(pos..pos + keep);
                    let strip = bytes_for_columns(&rest[keep..], 4);
                    self.replace(pos + keep..pos + keep + strip, if rest.trim().is_empty() { ">" } else { "> " });
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
                        self.stack.pop();
                        if self.fence.as_ref().is_some_and(|f| f.depth > self.stack.len()) {
                            self.fence = None;
                        }
                        self.previous_blank = true;
                        return;
                    }
                    self.copy(pos..pos + keep);
                    self.replace(pos + keep..pos + keep, if rest.trim().is_empty() { ">" } else { "> " });
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
            self.fence = Some(Fence { depth: self.stack.len(), ch, len });
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
            if let Some(o) = colon_opener(body).or_else(|| admonition_opener(body)) {
                self.copy(pos..pos + ws);
                let prefix = self.out[line_out..].to_string();
                self.open(o, pos + ws, col, end, &prefix);
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
        self.copy(pos..end);
    }

    /// A container opens at `at` (its marker, at column `col`); the line
    /// ends at `end`, and `prefix` is what the line's output holds before
    /// the marker (indentation, enclosing containers' `> `).
    fn open(&mut self, o: Opener<'_>, at: usize, col: usize, end: usize, prefix: &str) {
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
        self.containers.push(Container { at, kind, name: o.name.to_ascii_lowercase(), title, fold: o.fold });
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
        self.stack.push(Open { colons: o.colons, indent: col });
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

    /// Close the containers from stack depth `d` inward (an admonition whose
    /// body ended).
    fn close_from(&mut self, d: usize) {
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
}
