//! The summary of a guide whose front matter has none (nor `description`):
//! its first paragraph as plain text, cut at a sentence end near
//! [`LIMIT`] characters.
//!
//! The cut, exactly:
//! 1. a paragraph of at most `LIMIT` characters is kept whole;
//! 2. else it ends at the last sentence end within `LIMIT` characters, when
//!    that keeps at least half of them; a sentence ends after `。` `！` `？`,
//!    or after `.` `!` `?` followed by a space;
//! 3. else at the first sentence end past `LIMIT` and within `LIMIT` + 40
//!    characters;
//! 4. else at the last sentence end within `LIMIT`, however short;
//! 5. else (one long sentence) before the last space within `LIMIT`
//!    characters, or after the last `、` `，` for Japanese, never inside a
//!    word, and `…` is added.

use crate::parse::markdown::{plain_text, Node};
use pulldown_cmark::{Event, Tag};

/// Characters a summary aims at (search snippets and cards show about this much).
pub const LIMIT: usize = 160;

/// How far past [`LIMIT`] a first sentence may run and still be kept whole.
const SLACK: usize = 40;

/// The first paragraph of a body with some text (a paragraph that is only
/// an image has none), as plain text on one line.
pub fn first_paragraph(nodes: &[Node<'_>]) -> Option<String> {
    nodes
        .iter()
        .filter(|n| matches!(n.event, Event::Start(Tag::Paragraph)))
        .map(|n| one_line(&plain_text(&n.children)))
        .find(|t| !t.is_empty())
}

/// The summary made from a paragraph's text.
pub fn derive(paragraph: &str) -> String {
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    if chars.len() <= LIMIT {
        return paragraph.to_string();
    }
    // Sentence ends as character counts (the sentence is `..count`).
    let ends: Vec<usize> = (0..chars.len())
        .filter(|&i| {
            let c = chars[i].1;
            matches!(c, '。' | '！' | '？')
                || (matches!(c, '.' | '!' | '?') && chars.get(i + 1).is_none_or(|&(_, n)| n.is_whitespace()))
        })
        .map(|i| i + 1)
        .collect();
    let byte_at = |count: usize| chars.get(count).map_or(paragraph.len(), |&(b, _)| b);
    let last_within = ends.iter().rev().copied().find(|&e| e <= LIMIT);
    let cut = last_within
        .filter(|&e| e >= LIMIT / 2)
        .or_else(|| ends.iter().copied().find(|&e| e > LIMIT && e <= LIMIT + SLACK))
        .or(last_within);
    if let Some(end) = cut {
        return paragraph[..byte_at(end)].trim_end().to_string();
    }
    // One long sentence: end between words.
    let word_end = (1..=LIMIT).rev().find(|&i| {
        let (prev, next) = (chars[i - 1].1, chars[i].1);
        matches!(prev, '、' | '，') || (next.is_whitespace() && !prev.is_whitespace())
    });
    let end = word_end.unwrap_or_else(|| {
        // No space or comma at all (a long run of Japanese): between two
        // characters that are not both letters of a Latin word.
        (1..=LIMIT)
            .rev()
            .find(|&i| !(chars[i - 1].1.is_ascii_alphanumeric() && chars[i].1.is_ascii_alphanumeric()))
            .unwrap_or(LIMIT)
    });
    let mut out = paragraph[..byte_at(end)].trim_end().trim_end_matches(['、', '，', ',']).to_string();
    out.push('…');
    out
}

/// Text on one line: runs of whitespace become one space, and a line break
/// between two Japanese (CJK) characters disappears, as a reader reads it.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            let joins = out.chars().next_back().is_some_and(is_cjk) && is_cjk(c);
            if !joins {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_paragraphs_are_kept_whole() {
        assert_eq!(derive("Reset your password from the sign-in page."), "Reset your password from the sign-in page.");
        assert_eq!(one_line("Windows の設定を\n開きます。 Then\nclick"), "Windows の設定を開きます。 Then click");
    }
}
