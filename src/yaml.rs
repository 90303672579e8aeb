//! YAML text → a JSON value plus the byte span of every node, keyed by its
//! JSON Pointer (`/tags/0`). This is how a schema error's instance path is
//! turned back into a line of the front matter, `tebiki.yaml` or a schema
//! file. Built on saphyr's event parser; scalars are resolved with the YAML
//! 1.2 core schema (as serde_yaml does: `2024-03-02` and `yes` stay text).
//!
//! Hostile input is bounded: nesting deeper than [`MAX_DEPTH`] and alias
//! expansion beyond [`MAX_NODES`] are errors, not stack overflows.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError};
use serde_json::{Map, Number, Value};

use crate::model::Span;

/// Deepest nesting of collections accepted.
pub const MAX_DEPTH: usize = 64;
/// Most nodes a document may expand to (aliases included).
pub const MAX_NODES: usize = 100_000;

/// Where a node is: its key in the parent mapping (if any) and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeSpan {
    pub key: Option<Span>,
    pub value: Span,
}

/// A loaded YAML document.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub value: Value,
    /// JSON Pointer of every node → its spans (byte offsets in the file).
    pub spans: HashMap<String, NodeSpan>,
    /// Problems that did not stop loading (a key written twice).
    pub warnings: Vec<Problem>,
}

/// A YAML problem at a byte span of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub span: Span,
    pub message: String,
    pub hint: Option<String>,
}

impl Document {
    /// The spans of the node at `pointer`.
    pub fn span(&self, pointer: &str) -> Option<&NodeSpan> {
        self.spans.get(pointer)
    }
}

/// Escape a key for a JSON Pointer segment.
pub fn escape_pointer(key: &str) -> String {
    if key.contains(['~', '/']) {
        key.replace('~', "~0").replace('/', "~1")
    } else {
        key.to_string()
    }
}

/// Converts the parser's character indices to byte offsets of the file.
struct Offsets<'a> {
    text: &'a str,
    base: usize,
    /// Byte offset of every character, when the text is not ASCII.
    table: Option<Vec<usize>>,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str, base: usize) -> Self {
        let table = (!text.is_ascii()).then(|| text.char_indices().map(|(i, _)| i).collect());
        Offsets { text, base, table }
    }

    fn byte(&self, char_index: usize) -> usize {
        let local = match &self.table {
            None => char_index.min(self.text.len()),
            Some(t) => t.get(char_index).copied().unwrap_or(self.text.len()),
        };
        self.base + local
    }

    fn span(&self, s: &saphyr_parser::Span) -> Span {
        let start = self.byte(s.start.index());
        let end = self.byte(s.end.index()).max(start);
        start..end
    }
}

enum Frame {
    Seq { items: Vec<Value>, anchor: usize, pointer: String, start: usize },
    Map { map: Map<String, Value>, anchor: usize, pointer: String, start: usize, key: Option<(String, Span)> },
}

struct Loader<'a> {
    offsets: Offsets<'a>,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Value>,
    doc: Document,
    root: Option<Value>,
    nodes: usize,
}

/// Load the first document of `text`, which starts at byte `base` of its file.
/// An empty text is `null`.
pub fn load(text: &str, base: usize) -> Result<Document, Problem> {
    let mut loader = Loader {
        offsets: Offsets::new(text, base),
        stack: Vec::new(),
        anchors: HashMap::new(),
        doc: Document::default(),
        root: None,
        nodes: 0,
    };
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| loader.scan_error(&e))?;
        let span_b = loader.offsets.span(&span);
        match event {
            Event::StreamEnd | Event::DocumentEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentStart(_) => {}
            Event::Scalar(text, style, anchor, tag) => {
                let tag = tag.map(|t| t.suffix.clone());
                let value = resolve_scalar(&text, style, tag.as_deref());
                if anchor > 0 {
                    loader.anchors.insert(anchor, value.clone());
                }
                loader.node(value, span_b, false)?;
            }
            Event::Alias(id) => {
                let value = loader.anchors.get(&id).cloned().unwrap_or(Value::Null);
                loader.nodes += count_nodes(&value);
                loader.node(value, span_b, false)?;
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                let is_map = matches!(event, Event::MappingStart(..));
                if loader.stack.len() >= MAX_DEPTH {
                    return Err(Problem {
                        span: span_b,
                        message: format!("YAML nested more than {MAX_DEPTH} levels deep"),
                        hint: None,
                    });
                }
                let pointer = loader.child_pointer(&span_b)?;
                let start = span_b.start;
                loader.stack.push(if is_map {
                    Frame::Map { map: Map::new(), anchor, pointer, start, key: None }
                } else {
                    Frame::Seq { items: Vec::new(), anchor, pointer, start }
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = loader.stack.pop() else { continue };
                let (value, anchor, start) = match frame {
                    Frame::Seq { items, anchor, start, .. } => (Value::Array(items), anchor, start),
                    Frame::Map { map, anchor, start, .. } => (Value::Object(map), anchor, start),
                };
                if anchor > 0 {
                    loader.anchors.insert(anchor, value.clone());
                }
                loader.node(value, start..span_b.end.max(start), true)?;
            }
        }
    }
    // An unterminated stream (the parser stopped early) leaves frames open.
    while let Some(frame) = loader.stack.pop() {
        let (value, start) = match frame {
            Frame::Seq { items, start, .. } => (Value::Array(items), start),
            Frame::Map { map, start, .. } => (Value::Object(map), start),
        };
        loader.node(value, start..start, true)?;
    }
    loader.doc.value = loader.root.take().unwrap_or(Value::Null);
    Ok(loader.doc)
}

/// The byte offset and character of the first quote that opens a value
/// (`key: "…`, `- '…`) and is not closed on its line, as a person reads it.
fn unclosed_quote(text: &str) -> Option<(usize, char)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end();
        let value_start = match body.trim_start().strip_prefix("- ") {
            Some(_) => body.find("- ").map(|i| i + 2),
            None => body.find(": ").map(|i| i + 2),
        };
        if let Some(v) = value_start {
            let value = &body[v..];
            let lead = value.len() - value.trim_start().len();
            if let Some(quote @ ('"' | '\'')) = value.trim_start().chars().next() {
                let rest = &value.trim_start()[1..];
                let closed = if quote == '"' {
                    let mut escaped = false;
                    rest.chars().any(|c| {
                        let end = c == '"' && !escaped;
                        escaped = c == '\\' && !escaped;
                        end
                    })
                } else {
                    rest.contains('\'')
                };
                if !closed {
                    return Some((offset + v + lead, quote));
                }
            }
        }
        offset += line.len();
    }
    None
}

impl Loader<'_> {
    fn scan_error(&self, e: &ScanError) -> Problem {
        let at = self.offsets.byte(e.marker().index());
        let mut message = e.info().to_string();
        // Point at a flow collection left open rather than where the parser gave up.
        let open = self.stack.iter().rev().find_map(|f| match f {
            Frame::Seq { start, .. } | Frame::Map { start, .. } => {
                let c = self.offsets.text.as_bytes().get(start - self.offsets.base).copied();
                matches!(c, Some(b'[' | b'{')).then_some((*start, c.unwrap()))
            }
        });
        if let Some((start, c)) =
            open.filter(|&(start, c)| !is_closed(&self.offsets.text[start - self.offsets.base..], c))
        {
            let close = if c == b'[' { ']' } else { '}' };
            message = format!("`{}` is never closed", c as char);
            return Problem { span: start..start + 1, message, hint: Some(format!("add the closing `{close}`")) };
        }
        if message.contains("quoted scalar") {
            if let Some((quote_at, quote)) = unclosed_quote(self.offsets.text) {
                let start = self.offsets.base + quote_at;
                return Problem {
                    span: start..start + 1,
                    message: format!("the quote `{quote}` opened here is never closed"),
                    hint: Some(format!("end the value with `{quote}` on the same line")),
                };
            }
        }
        if message.starts_with("while ") {
            message = message.replacen("while ", "", 1);
        }
        Problem { span: at..at, message, hint: None }
    }

    /// The pointer of a collection about to start, from its parent's state.
    fn child_pointer(&mut self, span: &Span) -> Result<String, Problem> {
        match self.stack.last() {
            None => Ok(String::new()),
            Some(Frame::Seq { items, pointer, .. }) => Ok(format!("{pointer}/{}", items.len())),
            Some(Frame::Map { key: Some((k, _)), pointer, .. }) => Ok(format!("{pointer}/{}", escape_pointer(k))),
            Some(Frame::Map { key: None, .. }) => Err(Problem {
                span: span.clone(),
                message: "a key must be text, not a list or mapping".into(),
                hint: None,
            }),
        }
    }

    /// A complete node: a key, a value in a collection, or the root.
    fn node(&mut self, value: Value, span: Span, is_collection: bool) -> Result<(), Problem> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(Problem {
                span,
                message: format!("YAML expands to more than {MAX_NODES} values"),
                hint: Some("aliases (`*name`) that repeat large parts are not supported".into()),
            });
        }
        let Some(top) = self.stack.last_mut() else {
            self.doc.spans.insert(String::new(), NodeSpan { key: None, value: span });
            self.root = Some(value);
            return Ok(());
        };
        match top {
            Frame::Seq { items, pointer, .. } => {
                let p = format!("{pointer}/{}", items.len());
                self.doc.spans.insert(p, NodeSpan { key: None, value: span });
                items.push(value);
            }
            Frame::Map { map, pointer, key, .. } => match key.take() {
                None => {
                    if is_collection {
                        return Err(Problem {
                            span,
                            message: "a key must be text, not a list or mapping".into(),
                            hint: None,
                        });
                    }
                    let k = match value {
                        Value::String(s) => s,
                        Value::Null => String::new(),
                        other => other.to_string(),
                    };
                    *key = Some((k, span));
                }
                Some((k, key_span)) => {
                    let p = format!("{pointer}/{}", escape_pointer(&k));
                    if map.contains_key(&k) {
                        let first = self.doc.spans.get(&p).and_then(|s| s.key.clone());
                        self.doc.warnings.push(Problem {
                            span: key_span,
                            message: format!("key `{k}` is written twice; the first value is kept"),
                            hint: first.map(|_| "remove one of the two".to_string()),
                        });
                        return Ok(());
                    }
                    self.doc.spans.insert(p, NodeSpan { key: Some(key_span), value: span });
                    map.insert(k, value);
                }
            },
        }
        Ok(())
    }
}

/// Whether the flow collection opening at the start of `text` with `open`
/// is closed somewhere (brackets inside quotes are skipped).
fn is_closed(text: &str, open: u8) -> bool {
    let close = if open == b'[' { b']' } else { b'}' };
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    for &b in text.as_bytes() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, _) if b == open => depth += 1,
            (None, _) if b == close => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

fn count_nodes(v: &Value) -> usize {
    // Iterative, so a deep value cannot overflow the stack.
    let mut n = 0;
    let mut todo = vec![v];
    while let Some(v) = todo.pop() {
        n += 1;
        match v {
            Value::Array(a) => todo.extend(a),
            Value::Object(m) => todo.extend(m.values()),
            _ => {}
        }
        if n > MAX_NODES {
            break;
        }
    }
    n
}

/// A scalar's value under the YAML 1.2 core schema.
fn resolve_scalar(text: &str, style: ScalarStyle, tag: Option<&str>) -> Value {
    if style != ScalarStyle::Plain || tag == Some("str") {
        return Value::String(text.to_string());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF" | ".nan" | ".NaN"
        | ".NAN" => return Value::String(text.to_string()),
        _ => {}
    }
    if let Some(n) = parse_int(text) {
        return Value::Number(n.into());
    }
    if is_float(text) {
        if let Some(n) = text.parse::<f64>().ok().and_then(Number::from_f64) {
            return Value::Number(n);
        }
    }
    Value::String(text.to_string())
}

fn parse_int(t: &str) -> Option<i64> {
    if let Some(hex) = t.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok();
    }
    if let Some(oct) = t.strip_prefix("0o") {
        return i64::from_str_radix(oct, 8).ok();
    }
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

fn is_float(t: &str) -> bool {
    let t = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (mantissa, exp) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match frac {
        Some(f) => digits(int) && digits(f) && !(int.is_empty() && f.is_empty()),
        None => !int.is_empty() && digits(int),
    };
    let exp_ok = exp.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exp_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        for (text, quote) in [
            ("title: \"パスワードの再設定\nsummary: 概要\npublished: 2024-03-02\n", '"'),
            ("title: T\ntags:\n  - 'a\n  - b\n", '\''),
            ("title: \"say \\\"hi\\\"\nsummary: S\n", '"'),
        ] {
            let p = load(text, 4).unwrap_err();
            let at = p.span.start - 4;
            assert_eq!(text[at..].chars().next(), Some(quote), "{text:?}: {p:?}");
            assert_eq!(p.message, format!("the quote `{quote}` opened here is never closed"));
        }
        // Closed quotes and apostrophes inside words are not mistaken for one.
        assert!(load("title: \"ok\"\nsummary: it's fine\n", 0).is_ok());
    }

    #[test]
    fn values_and_spans() {
        let text = "title: 手順\ntags:\n  - a\n  - 2\nweight: 3\ndate: 2024-03-02\nok: yes\nx: ~\n";
        let d = load(text, 10).unwrap();
        assert_eq!(
            d.value,
            json!({"title": "手順", "tags": ["a", 2], "weight": 3, "date": "2024-03-02", "ok": "yes", "x": null})
        );
        let s = d.span("/title").unwrap();
        assert_eq!(&text[s.key.clone().unwrap().start - 10..s.key.clone().unwrap().end - 10], "title");
        assert_eq!(&text[s.value.start - 10..s.value.end - 10], "手順");
        let t = d.span("/tags/1").unwrap();
        assert_eq!(&text[t.value.start - 10..t.value.end - 10], "2");
        let w = d.span("/weight").unwrap();
        assert_eq!(&text[w.value.start - 10..w.value.end - 10], "3");
    }

    #[test]
    fn flow_and_quoted() {
        let text = "related: [a.md, \"b c.md\"]\n";
        let d = load(text, 0).unwrap();
        let s = d.span("/related/1").unwrap();
        assert!(text[s.value.clone()].contains("b c.md"));
        assert_eq!(d.value["related"][1], "b c.md");
    }

    #[test]
    fn errors_and_limits() {
        let e = load("title: [unclosed\nsummary: S\n", 4).unwrap_err();
        assert_eq!(e.span.start, 4 + 7, "{e:?}");
        assert!(load("a: b: c\n", 0).is_err());
        let deep = format!("a: {}{}", "[".repeat(200), "]".repeat(200));
        assert!(load(&deep, 0).unwrap_err().message.contains("nested"));
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..8 {
            let prev = if i == 0 { "a".to_string() } else { format!("a{}", i - 1) };
            bomb.push_str(&format!(
                "a{i}: &a{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        assert!(load(&bomb, 0).unwrap_err().message.contains("expands"));
    }

    #[test]
    fn duplicate_keys_warn_and_keep_the_first() {
        let d = load("title: A\ntitle: B\n", 0).unwrap();
        assert_eq!(d.value["title"], "A");
        assert_eq!(d.warnings.len(), 1);
        assert_eq!(d.warnings[0].span, 9..14);
    }

    #[test]
    fn scalars() {
        for (t, v) in [
            ("1", json!(1)),
            ("-2", json!(-2)),
            ("0x1f", json!(31)),
            ("1.5", json!(1.5)),
            ("1e3", json!(1000.0)),
            ("true", json!(true)),
            ("1.2.3", json!("1.2.3")),
            (".nan", json!(".nan")),
            ("99999999999999999999", json!(1e20)),
        ] {
            assert_eq!(resolve_scalar(t, ScalarStyle::Plain, None), v, "{t}");
        }
        assert_eq!(resolve_scalar("1", ScalarStyle::DoubleQuoted, None), json!("1"));
    }
}
