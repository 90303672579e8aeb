//! Source text helpers: the one place that turns byte offsets into
//! line:column, plus small text utilities shared by the stages that read
//! files (front-matter key lookup, near-miss suggestions).

use std::ops::Range;

/// Start offsets of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
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
        let col = text.get(start..offset).map(|s| s.chars().count()).unwrap_or(offset - start);
        (line + 1, col + 1)
    }

    /// Byte range of the 1-based line `line` (without its line ending).
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.starts[(line - 1).min(self.starts.len() - 1)];
        let end = text[start..].find('\n').map(|i| start + i).unwrap_or(text.len());
        let end = if text[..end].ends_with('\r') { end - 1 } else { end };
        start..end
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i)
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
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = word.chars().count();
    let limit = (len / 3).clamp(2, 6);
    candidates
        .into_iter()
        .filter(|c| c.chars().count().abs_diff(len) <= limit)
        .filter_map(|c| edit_distance_within(word, c, limit).map(|d| (d, c)))
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
    }
}
