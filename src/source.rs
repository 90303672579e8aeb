//! Source text helpers: the one place that turns byte offsets into
//! line:column, plus small text utilities shared by the stages that read
//! files (front-matter key lookup, near-miss suggestions).

use std::ops::Range;

/// Start offsets of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

/// The 1-based line of a byte offset (for one lookup; a [`LineIndex`]
/// answers many).
pub fn line_of(text: &str, offset: usize) -> usize {
    // Newlines are single bytes: counting them needs no char boundary.
    let end = offset.min(text.len());
    memchr::memchr_iter(b'\n', &text.as_bytes()[..end]).count() + 1
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let mut col = text.get(start..offset).map(|s| s.chars().count()).unwrap_or(offset - start);
        // A byte-order mark is invisible in editors: columns do not count it.
        if line == 0 && offset >= 3 && text.starts_with('\u{feff}') {
            col -= 1;
        }
        (line + 1, col + 1)
    }

    /// Byte offset of a 1-based line and column (in characters), clamped to the text.
    pub fn offset(&self, text: &str, line: usize, col: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return text.len();
        };
        let start = start.min(text.len());
        let line_text = &text[start..];
        let end = line_end(line_text);
        line_text[..end].char_indices().nth(col.saturating_sub(1)).map(|(i, _)| start + i).unwrap_or(start + end)
    }

    /// 0-based line and column in UTF-16 code units of a byte offset, as
    /// the Language Server Protocol counts them (a Japanese character is
    /// one unit, a character outside the Basic Multilingual Plane two). As
    /// for [`LineIndex::line_col`], a byte-order mark is not counted.
    pub fn line_utf16(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = floor_boundary(text, offset.min(text.len()));
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let skip = if line == 0 && text.starts_with('\u{feff}') { 3.min(offset) } else { 0 };
        let col: usize = text[start + skip..offset].chars().map(char::len_utf16).sum();
        (line as u32, col as u32)
    }

    /// Byte offset of a 0-based line and UTF-16 column, clamped to the line
    /// (a column inside a surrogate pair or past the line's end stops at
    /// the character or the line end).
    pub fn offset_utf16(&self, text: &str, line: u32, col: u32) -> usize {
        let Some(&start) = self.starts.get(line as usize) else {
            return text.len();
        };
        let start = start.min(text.len());
        let start = if line == 0 && text.starts_with('\u{feff}') { 3 } else { start };
        let line_text = &text[start..];
        let end = line_end(line_text);
        let mut units = 0u32;
        for (i, c) in line_text[..end].char_indices() {
            if units >= col {
                return start + i;
            }
            units += c.len_utf16() as u32;
        }
        start + end
    }

    /// Number of lines (a text ending with a line break has an empty last line).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    /// Byte range of the 1-based line `line` (without its line ending).
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.starts[(line - 1).min(self.starts.len() - 1)];
        start..start + line_end(&text[start..])
    }
}

/// The nearest character boundary at or before `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The last byte of every line ending: `\n`, the `\n` of `\r\n`, and a
/// lone `\r` (CommonMark and the Language Server Protocol count all three).
fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    let b = text.as_bytes();
    b.iter()
        .enumerate()
        .filter(move |&(i, &c)| c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .map(|(i, _)| i)
}

/// Where the first line of `text` ends (before its `\n`, `\r\n` or `\r`).
fn line_end(text: &str) -> usize {
    text.find(['\n', '\r']).unwrap_or(text.len())
}

/// Span of a top-level `key:` in YAML text that starts at byte `base` of its file.
pub fn key_span(yaml: &str, base: usize, key: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key) {
            let rest = rest.trim_start_matches([' ', '\t']);
            if rest.starts_with(':') {
                return Some(base + offset..base + offset + key.len());
            }
        }
        offset += line.len();
    }
    None
}

/// The candidate closest to `word` by edit distance, if it is close enough
/// to be a likely typo.
/// The allowed distance grows with the part of `word` after what it shares
/// with the candidate, so a long shared folder (`content/`) does not make
/// `missing.md` look like a typo of `g.md`.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = word.chars().count();
    candidates
        .into_iter()
        .filter_map(|c| {
            let shared = word.chars().zip(c.chars()).take_while(|(a, b)| a == b).count();
            let limit = ((len - shared) / 3).clamp(2, 6);
            if c.chars().count().abs_diff(len) > limit {
                return None;
            }
            edit_distance_within(word, c, limit).map(|d| (d, c))
        })
        .min()
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters, if it is at most `limit` (the
/// computation stops as soon as it cannot be).
pub fn edit_distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\nあいう\r\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        assert_eq!(idx.line_col(text, 6), (2, 2));
        assert_eq!(idx.line_col(text, text.len() - 1), (3, 1));
        assert_eq!(&text[idx.line_range(text, 2)], "あいう");
        assert_eq!(idx.offset(text, 2, 2), 6);
        assert_eq!(idx.offset(text, 3, 1), text.len() - 1);
        assert_eq!(idx.offset(text, 9, 1), text.len());
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_editors_show_it() {
        // Old Mac line endings, mixed with `\r\n` and `\n`.
        let text = "一\r二\r\n三\n\r四";
        let idx = LineIndex::new(text);
        assert_eq!(idx.len(), 5);
        let four = text.find('四').unwrap();
        assert_eq!(idx.line_col(text, text.find('二').unwrap()), (2, 1));
        assert_eq!(idx.line_col(text, four), (5, 1));
        assert_eq!(idx.line_utf16(text, four), (4, 0));
        assert_eq!(idx.offset_utf16(text, 4, 0), four);
        assert_eq!(idx.offset_utf16(text, 0, 9), text.find('\r').unwrap());
        assert_eq!(&text[idx.line_range(text, 1)], "一");
        assert_eq!(&text[idx.line_range(text, 2)], "二");
        assert_eq!(&text[idx.line_range(text, 4)], "");
        assert_eq!(idx.offset(text, 3, 9), text.rfind('\n').unwrap());
    }

    #[test]
    fn utf16_positions_count_surrogate_pairs() {
        // `𠮷` is outside the BMP: four bytes, two UTF-16 units.
        let text = "a\n日本𠮷x\r\n";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_utf16(text, x), (1, 4));
        assert_eq!(idx.offset_utf16(text, 1, 4), x);
        assert_eq!(idx.line_utf16(text, text.find('𠮷').unwrap()), (1, 2));
        // Inside the pair: the character's start.
        assert_eq!(idx.offset_utf16(text, 1, 3), text.find('x').unwrap());
        assert_eq!(idx.offset_utf16(text, 1, 99), text.find('\r').unwrap());
        assert_eq!(idx.offset_utf16(text, 7, 0), text.len());
        let bom = "\u{feff}ab";
        let idx = LineIndex::new(bom);
        assert_eq!(idx.line_utf16(bom, 4), (0, 1));
        assert_eq!(idx.offset_utf16(bom, 0, 1), 4);
    }

    #[test]
    fn key_span_finds_top_level_keys_only() {
        let yaml = "title: x\ntags:\n  - title: y\nsummary: z\n";
        assert_eq!(key_span(yaml, 4, "summary"), Some(4 + 28..4 + 35));
        assert_eq!(key_span(yaml, 0, "missing"), None);
    }

    #[test]
    fn bounded_distance() {
        assert_eq!(edit_distance_within("kitten", "sitting", 3), Some(3));
        assert_eq!(edit_distance_within("kitten", "sitting", 2), None);
        assert_eq!(edit_distance_within("設定", "設定画面", 2), Some(2));
    }

    #[test]
    fn closest_suggests_near_misses() {
        assert_eq!(closest("shots/strat.png", ["shots/start.png", "x.png"]), Some("shots/start.png"));
        assert_eq!(closest("zzz", ["shots/start.png"]), None);
        assert_eq!(closest("content/missing.md", ["content/g.md"]), None);
        assert_eq!(
            closest("content/reset-pasword.md", ["content/g.md", "content/reset-password.md"]),
            Some("content/reset-password.md")
        );
        assert_eq!(closest("sumary", ["title", "summary"]), Some("summary"));
    }
}
