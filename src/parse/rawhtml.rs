//! The raw-HTML safe set of FORMAT.md: `kbd`, `br`, `sup`, `sub`, `mark`,
//! `details`, `summary` pass (attributes dropped, except `open` on
//! `details`); every other tag is escaped so it shows as text; comments are
//! dropped.

/// Tags that pass through.
pub const SAFE_TAGS: &[&str] = &["kbd", "br", "sup", "sub", "mark", "details", "summary"];

/// What the filter did to a fragment.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Filtered {
    pub html: String,
    /// Tag names (lowercase) that were escaped.
    pub escaped: Vec<String>,
    /// Safe tags whose attributes were dropped.
    pub stripped: Vec<String>,
}

/// Filter a raw HTML fragment to the safe set.
pub fn filter(raw: &str) -> Filtered {
    let mut out = Filtered::default();
    let mut rest = raw;
    while let Some(lt) = rest.find('<') {
        out.html.push_str(&rest[..lt]);
        let tail = &rest[lt..];
        if let Some(after) = tail.strip_prefix("<!--") {
            // Comments vanish; an unclosed one swallows the fragment, as in HTML.
            rest = after.find("-->").map(|i| &after[i + 3..]).unwrap_or("");
            continue;
        }
        match parse_tag(tail) {
            Some(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if SAFE_TAGS.contains(&name.as_str()) {
                    let keep_open = name == "details" && !tag.closing && tag.attrs.trim() == "open";
                    if !tag.attrs.trim().trim_end_matches('/').trim().is_empty() && !keep_open {
                        out.stripped.push(name.clone());
                    }
                    let slash = if tag.closing { "/" } else { "" };
                    let open = if keep_open { " open" } else { "" };
                    out.html.push_str(&format!("<{slash}{name}{open}>"));
                } else {
                    out.escaped.push(name);
                    escape_into(&mut out.html, &tail[..tag.len]);
                }
                rest = &tail[tag.len..];
            }
            None => {
                out.html.push_str("&lt;");
                rest = &tail[1..];
            }
        }
    }
    out.html.push_str(rest);
    out
}

struct Tag<'a> {
    name: &'a str,
    attrs: &'a str,
    closing: bool,
    len: usize,
}

/// Parse `<name attrs>` or `</name>` at the start of `s`.
fn parse_tag(s: &str) -> Option<Tag<'_>> {
    let body = &s[1..];
    let (closing, body) = match body.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, body),
    };
    let name_len = body.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(body.len());
    if name_len == 0 || !body.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let name = &body[..name_len];
    // Find the closing `>` outside quotes.
    let mut quote: Option<char> = None;
    for (i, c) in body[name_len..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => {
                let attrs = &body[name_len..name_len + i];
                let len = 1 + usize::from(closing) + name_len + i + 1;
                return Some(Tag { name, attrs, closing, len });
            }
            (None, _) => {}
        }
    }
    None
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_tags_pass_others_are_escaped() {
        let f = filter("<kbd>Ctrl</kbd> + <script>alert(1)</script><br/>");
        assert_eq!(f.html, "<kbd>Ctrl</kbd> + &lt;script&gt;alert(1)&lt;/script&gt;<br>");
        assert_eq!(f.escaped, ["script", "script"]);
    }

    #[test]
    fn attributes_are_dropped_from_safe_tags() {
        let f = filter(r#"<kbd onclick="x()">A</kbd><details open><summary>S</summary>"#);
        assert_eq!(f.html, "<kbd>A</kbd><details open><summary>S</summary>");
        assert_eq!(f.stripped, ["kbd"]);
    }

    #[test]
    fn comments_vanish_and_stray_brackets_are_text() {
        assert_eq!(filter("a <!-- hidden --> b < c").html, "a  b &lt; c");
        assert_eq!(filter(r#"<img src="x" alt='>'>"#).html, "&lt;img src=&quot;x&quot; alt='&gt;'&gt;");
    }
}
