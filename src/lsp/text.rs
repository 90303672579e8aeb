//! Texts as the editor sees them: a file's or buffer's text with its line
//! index, turning the pipeline's byte spans into LSP positions (lines and
//! UTF-16 columns, through [`crate::source::LineIndex`]) and back, and
//! applying `didChange` edits (incremental sync).

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

use crate::model::Span;
use crate::source::LineIndex;

/// A text and its line index.
#[derive(Debug, Clone)]
pub struct Text {
    text: String,
    lines: LineIndex,
}

impl Text {
    pub fn new(text: String) -> Text {
        let lines = LineIndex::new(&text);
        Text { text, lines }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The byte offset of an LSP position (clamped to the text).
    pub fn offset(&self, p: Position) -> usize {
        self.lines.offset_utf16(&self.text, p.line, p.character)
    }

    /// The LSP position of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let (line, character) = self.lines.line_utf16(&self.text, offset);
        Position { line, character }
    }

    /// The LSP range of a byte span; an end inside a character takes the
    /// whole character (as `tebiki check` counts a bad byte read lossily).
    pub fn range(&self, span: &Span) -> Range {
        let mut end = span.end.max(span.start).min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        Range { start: self.position(span.start), end: self.position(end) }
    }

    /// The byte span of an LSP range.
    pub fn span(&self, r: Range) -> Span {
        let start = self.offset(r.start);
        start..self.offset(r.end).max(start)
    }

    /// Byte span of the line holding `offset`, without its line ending.
    pub fn line_at(&self, offset: usize) -> Span {
        let (line, _) = self.lines.line_col(&self.text, offset);
        self.lines.line_range(&self.text, line)
    }

    /// Byte span of the 0-based line `line` (without its line ending), if
    /// the text has it.
    pub fn line(&self, line: usize) -> Option<Span> {
        (line < self.lines.len()).then(|| self.lines.line_range(&self.text, line + 1))
    }

    /// Apply edits in order: a change with a range replaces that range,
    /// one without replaces the whole text.
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>) {
        for c in changes {
            match c.range {
                Some(r) => {
                    let span = self.span(r);
                    self.text.replace_range(span, &c.text);
                }
                None => self.text = c.text,
            }
            self.lines = LineIndex::new(&self.text);
        }
    }

    pub fn into_string(self) -> String {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range { start: Position::new(l0, c0), end: Position::new(l1, c1) }),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn incremental_edits_count_utf16_units() {
        let mut t = Text::new("手順𠮷を\nnext\n".to_string());
        // After `𠮷` (columns: 手 1, 順 1, 𠮷 2).
        t.apply(vec![change(0, 4, 0, 4, "X")]);
        assert_eq!(t.as_str(), "手順𠮷Xを\nnext\n");
        // Replace across the line break.
        t.apply(vec![change(0, 5, 1, 2, "-")]);
        assert_eq!(t.as_str(), "手順𠮷X-xt\n");
        assert_eq!(t.position(t.as_str().find('-').unwrap()), Position::new(0, 5));
        t.apply(vec![TextDocumentContentChangeEvent { range: None, range_length: None, text: "new".into() }]);
        assert_eq!(t.as_str(), "new");
    }

    #[test]
    fn a_lone_carriage_return_is_a_line_break_for_edits_and_ranges() {
        let mut t = Text::new("一\r二\r\n三".to_string());
        t.apply(vec![change(1, 1, 2, 0, "")]);
        assert_eq!(t.as_str(), "一\r二三");
        assert_eq!(t.range(&(4..7)), Range { start: Position::new(1, 0), end: Position::new(1, 1) });
    }
}
