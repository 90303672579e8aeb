//! Where things are written in a guide's text, for the editor features:
//! the destination inside a link or image the model knows by its span, a
//! heading's `{#id}`, what the writer is typing at the cursor (a link
//! destination, an anchor, a callout kind, a UI label), the front matter.
//! The model says what a guide means; these only find the characters to
//! complete or replace.

use crate::model::Span;

/// The written destination of a link or image whose whole span is `span`
/// (`[text](dest "title")`, `<dest>`, or a reference `[text][ref]` with
/// its `[ref]: dest` definition elsewhere in `text`).
pub fn destination(text: &str, span: &Span) -> Option<Span> {
    let s = text.get(span.clone())?;
    if s.ends_with(')') {
        let open = s.rfind("](")? + 2;
        let inner = &s[open..s.len() - 1];
        let lead = inner.len() - inner.trim_start().len();
        let start = span.start + open + lead;
        let rest = inner.trim_start();
        if let Some(r) = rest.strip_prefix('<') {
            let end = r.find('>')?;
            return Some(start + 1..start + 1 + end);
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        return Some(start..start + end);
    }
    // A reference: `[text][ref]`, `[ref][]` or `[ref]`.
    let label = match s.strip_suffix("[]") {
        Some(l) => l.strip_prefix('!').unwrap_or(l).trim_start_matches('[').trim_end_matches(']'),
        None => {
            let last = s.rfind('[')?;
            s[last + 1..].trim_end_matches(']')
        }
    };
    let label = label.trim().to_lowercase();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        if let Some(close) = t.strip_prefix('[').and_then(|r| r.find("]:")) {
            if t[1..1 + close].trim().to_lowercase() == label {
                let after = &t[1 + close + 2..];
                let lead = after.len() - after.trim_start().len();
                let rest = after.trim_start();
                let start = offset + indent + 1 + close + 2 + lead;
                if let Some(r) = rest.strip_prefix('<') {
                    let end = r.find('>')?;
                    return Some(start + 1..start + 1 + end);
                }
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                return Some(start..start + end);
            }
        }
        offset += line.len();
    }
    None
}

/// The anchor part of a written destination (after `#`), as a span.
pub fn anchor_of(text: &str, dest: &Span) -> Option<Span> {
    let hash = text.get(dest.clone())?.find('#')?;
    Some(dest.start + hash + 1..dest.end)
}

/// The span of the id in a heading's explicit `{#id}` attribute, if the
/// heading (whose span is `heading`) has one.
pub fn explicit_id(text: &str, heading: &Span) -> Option<Span> {
    let s = text.get(heading.clone())?;
    let line_end = s.find('\n').unwrap_or(s.len());
    let line = s[..line_end].trim_end();
    let open = line.rfind('{')?;
    let attrs = line[open + 1..].strip_suffix('}')?;
    let mut at = open + 1;
    for part in attrs.split(' ') {
        if let Some(id) = part.strip_prefix('#') {
            let start = heading.start + at + 1;
            return Some(start..start + id.len());
        }
        at += part.len() + 1;
    }
    None
}

/// Inline images on the line around `offset`: the whole `![alt](dest)`
/// and its destination.
pub fn images_on_line(text: &str, line: &Span) -> Vec<(Span, Span)> {
    let s = &text[line.clone()];
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = s[at..].find("![").map(|i| at + i) {
        let Some(close) = s[i..].find("](").map(|c| i + c) else { break };
        let Some(end) = s[close..].find(')').map(|e| close + e + 1) else { break };
        let whole = line.start + i..line.start + end;
        if let Some(dest) = destination(text, &whole) {
            out.push((whole, dest));
        }
        at = end;
    }
    out
}

/// What the writer is typing at the cursor (the text of its line before it).
#[derive(Debug, PartialEq, Eq)]
pub enum Typing {
    /// A link destination: `](` then `typed` (no `#` yet).
    Link {
        image: bool,
        typed: Span,
    },
    /// An anchor: `](path#` then `typed`; `path` is the written path part.
    Anchor {
        path: Span,
        typed: Span,
    },
    /// A callout kind after `> [!`.
    Callout {
        typed: Span,
    },
    /// A UI label after `[`.
    Label {
        typed: Span,
    },
    Nothing,
}

/// What is being typed at `offset`, looking at its line.
pub fn typing(text: &str, line_start: usize, offset: usize) -> Typing {
    let before = &text[line_start..offset];
    // A link destination: the last `](` with no `)` or space after it.
    if let Some(open) = before.rfind("](") {
        let dest = &before[open + 2..];
        if !dest.contains([')', ' ', '\t']) {
            let start = line_start + open + 2;
            let image = opening_bracket(before, open).is_some_and(|b| b > 0 && before.as_bytes()[b - 1] == b'!');
            return match dest.find('#') {
                Some(h) => Typing::Anchor { path: start..start + h, typed: start + h + 1..offset },
                None => Typing::Link { image, typed: start..offset },
            };
        }
    }
    let quoted = before.trim_start_matches([' ', '>', '\t']);
    if before.trim_start().starts_with('>') {
        if let Some(kind) = quoted.strip_prefix("[!") {
            if kind.chars().all(|c| c.is_ascii_alphabetic()) {
                return Typing::Callout { typed: offset - kind.len()..offset };
            }
        }
    }
    if let Some(open) = before.rfind('[') {
        let typed = &before[open + 1..];
        let image = open > 0 && before.as_bytes()[open - 1] == b'!';
        if !image && !typed.contains([']', '[', '(', ')']) && !typed.starts_with(['!', '^']) {
            return Typing::Label { typed: line_start + open + 1..offset };
        }
    }
    Typing::Nothing
}

/// The `[` that opens the link text closed by the `]` at `close`.
fn opening_bracket(s: &str, close: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in s.as_bytes()[..close].iter().enumerate().rev() {
        match b {
            b']' => depth += 1,
            b'[' if depth == 0 => return Some(i),
            b'[' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Where the cursor is in front matter (YAML between the `---` lines).
#[derive(Debug, PartialEq, Eq)]
pub enum InFrontMatter {
    /// At a top-level key being typed.
    Key { typed: Span },
    /// At a value of `key` (after `key:`, in its list, or in a `[…]` list).
    Value { key: String, typed: Span },
}

/// What the cursor at `offset` is on in front matter whose YAML is `yaml`.
pub fn front_matter_at(text: &str, yaml: &Span, line: &Span, offset: usize) -> Option<InFrontMatter> {
    if offset < yaml.start || offset > yaml.end {
        return None;
    }
    let before = &text[line.start..offset];
    let word_start = |s: &str| s.rfind([' ', '[', ',', ':', '-', '\t']).map_or(0, |i| i + 1);
    if !before.starts_with([' ', '\t', '-']) {
        return Some(match before.find(':') {
            None => InFrontMatter::Key { typed: line.start..offset },
            Some(colon) => {
                let key = before[..colon].trim().to_string();
                let value = &before[colon + 1..];
                let start = line.start + colon + 1 + word_start(value);
                InFrontMatter::Value { key, typed: start..offset }
            }
        });
    }
    // A list item or continuation: the key is on the nearest line above
    // that starts at column 0.
    let above = &text[yaml.start..line.start];
    let key_line = above.lines().rev().find(|l| !l.is_empty() && !l.starts_with([' ', '\t', '-', '#']))?;
    let key = key_line.split(':').next()?.trim().to_string();
    let start = line.start + word_start(before);
    Some(InFrontMatter::Value { key, typed: start..offset })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_of_inline_and_reference_links() {
        let t = "see [a [b]](../x/index.md#step-2 \"t\") and ![s](<shots/a b.png>)\n\n[r]: other.md\n[c][R]";
        let link = t.find("[a").unwrap()..t.find(") and").unwrap() + 1;
        assert_eq!(&t[destination(t, &link).unwrap()], "../x/index.md#step-2");
        assert_eq!(&t[anchor_of(t, &destination(t, &link).unwrap()).unwrap()], "step-2");
        let img = t.find("![s]").unwrap()..t.find(".png>)").unwrap() + 6;
        assert_eq!(&t[destination(t, &img).unwrap()], "shots/a b.png");
        let r = t.find("[c]").unwrap()..t.len();
        assert_eq!(&t[destination(t, &r).unwrap()], "other.md");
    }

    #[test]
    fn explicit_ids() {
        let t = "## 準備 {#prep .x}\n";
        assert_eq!(&t[explicit_id(t, &(0..t.len())).unwrap()], "prep");
        assert_eq!(explicit_id("## 準備\n", &(0..5)), None);
        // Beside a help id (docs/format.md, "Help ids").
        let t = "## 準備 {#prep help=印刷}\n";
        assert_eq!(&t[explicit_id(t, &(0..t.len())).unwrap()], "prep");
    }

    #[test]
    fn what_is_typed() {
        let t = "1. [設定](../a/in";
        assert_eq!(typing(t, 0, t.len()), Typing::Link { image: false, typed: t.find("../").unwrap()..t.len() });
        let t = "   ![画面](sh";
        assert!(matches!(typing(t, 0, t.len()), Typing::Link { image: true, .. }));
        let t = "[x](a.md#ste";
        assert_eq!(typing(t, 0, t.len()), Typing::Anchor { path: 4..8, typed: 9..t.len() });
        let t = "> [!TI";
        assert_eq!(typing(t, 0, t.len()), Typing::Callout { typed: 4..t.len() });
        let t = "クリック [設";
        assert_eq!(typing(t, 0, t.len()), Typing::Label { typed: t.find('設').unwrap()..t.len() });
        assert_eq!(typing("[a](b.md) c", 0, 11), Typing::Nothing);
    }

    #[test]
    fn front_matter_positions() {
        let t = "---\ntitle: x\ntags:\n  - ab\napplies_to: [Win\n---\n";
        let yaml = 4..t.find("\n---\n").unwrap() + 1;
        let line = |s: &str| t.find(s).unwrap()..t.find(s).unwrap() + s.len();
        let l = line("  - ab");
        assert_eq!(
            front_matter_at(t, &yaml, &l, l.end),
            Some(InFrontMatter::Value { key: "tags".into(), typed: l.end - 2..l.end })
        );
        let l = line("applies_to: [Win");
        assert_eq!(
            front_matter_at(t, &yaml, &l, l.end),
            Some(InFrontMatter::Value { key: "applies_to".into(), typed: l.end - 3..l.end })
        );
        let l = line("title: x");
        assert_eq!(
            front_matter_at(t, &yaml, &l, l.start + 3),
            Some(InFrontMatter::Key { typed: l.start..l.start + 3 })
        );
    }
}
