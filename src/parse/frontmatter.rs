//! Front matter: splitting it from the body and turning its YAML into a
//! [`FrontMatter`], with a diagnostic (and its span) for every bad field.

use std::path::Path;

use chrono::NaiveDate;
use serde_yaml::Value;

use crate::diagnostic::Diagnostic;
use crate::model::{FrontMatter, Span};
use crate::rules;
use crate::source::{closest, key_span};

/// Fields of FORMAT.md's front matter.
pub const BUILTIN_FIELDS: &[&str] = &[
    "title",
    "summary",
    "applies_to",
    "tags",
    "published",
    "updated",
    "author",
    "related",
    "draft",
    "weight",
    "aliases",
];

/// Where the front matter and the body are in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the YAML text (between the `---` lines), if any.
    pub yaml: Option<Span>,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
}

/// Find the front matter of `text`. A file that does not start with `---`
/// has none; a `---` never closed is reported and the rest is read as body.
pub fn split(text: &str, file: &Path, diags: &mut Vec<Diagnostic>) -> Split {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let first_end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
    if rest[..first_end].trim_end() != "---" {
        diags.push(
            Diagnostic::new(
                &rules::FRONT_MATTER_MISSING,
                file,
                start..start + first_end.min(3),
                "guide has no front matter",
            )
            .with_hint(Some(
                "start the file with a line `---`, the fields (`title:`, `summary:`, `published:`), and another `---`"
                    .into(),
            )),
        );
        return Split { yaml: None, body_start: start };
    }
    let yaml_start = start + first_end;
    let mut offset = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Split { yaml: Some(yaml_start..offset), body_start: offset + line.len() };
        }
        offset += line.len();
    }
    diags.push(
        Diagnostic::new(&rules::FRONT_MATTER_SYNTAX, file, start..start + 3, "front matter is never closed")
            .with_hint(Some("add a line `---` after the last field".into())),
    );
    Split { yaml: None, body_start: yaml_start }
}

/// Parse the YAML of the front matter. `base` is its offset in the file.
pub fn parse(yaml: &str, base: usize, file: &Path, extra_allowed: bool, diags: &mut Vec<Diagnostic>) -> FrontMatter {
    let mut fm = FrontMatter::default();
    let value: Value = match serde_yaml::from_str(yaml) {
        Ok(v) => v,
        Err(e) => {
            let message = e.to_string();
            // Point at the construct left open ("while parsing a flow sequence at
            // line 1 column 8") rather than where the parser gave up.
            let at = opened_at(&message, yaml)
                .map(|i| base + i)
                .unwrap_or_else(|| base + e.location().map(|l| l.index()).unwrap_or(0));
            let message = message.split(" at line ").next().unwrap_or(&message).to_string();
            diags.push(Diagnostic::new(&rules::FRONT_MATTER_SYNTAX, file, at..at, format!("invalid YAML: {message}")));
            return fm;
        }
    };
    let map = match value {
        Value::Mapping(m) => m,
        Value::Null => serde_yaml::Mapping::new(),
        _ => {
            diags.push(Diagnostic::new(&rules::SCHEMA, file, base..base, "front matter must be a mapping of fields"));
            return fm;
        }
    };
    let span_of = |key: &str| key_span(yaml, base, key).unwrap_or(base..base);
    let mut field = Fields { file, diags, span_of: &span_of };

    for (k, v) in &map {
        let Some(key) = k.as_str() else {
            field.error(base..base, "front matter keys must be text".into(), None);
            continue;
        };
        match key {
            "title" => fm.title = field.string(key, v),
            "summary" => fm.summary = field.string(key, v),
            "author" => fm.author = Some(field.string(key, v)),
            "applies_to" => fm.applies_to = field.strings(key, v),
            "tags" => fm.tags = field.strings(key, v),
            "aliases" => fm.aliases = field.strings(key, v),
            "related" => {
                let key_at = span_of(key).start;
                fm.related = field
                    .strings(key, v)
                    .into_iter()
                    .map(|r| {
                        let at = yaml[key_at - base..].find(r.as_str()).map(|i| key_at + i).unwrap_or(key_at);
                        let span = at..at + r.len();
                        (r, span)
                    })
                    .collect();
            }
            "published" => fm.published = field.date(key, v),
            "updated" => fm.updated = field.date(key, v),
            "draft" => match v {
                Value::Bool(b) => fm.draft = *b,
                _ => field.type_error(key, "true or false"),
            },
            "weight" => match v.as_i64() {
                Some(w) => fm.weight = Some(w),
                None => field.type_error(key, "a whole number"),
            },
            other if extra_allowed => {
                if let Ok(json) = serde_json::to_value(v) {
                    fm.extra.insert(other.to_string(), json);
                }
            }
            other => {
                let hint = closest(other, BUILTIN_FIELDS.iter().copied()).map(|k| format!("a known field is `{k}`"));
                field.error(span_of(other), format!("unknown field `{other}`"), hint);
            }
        }
    }
    for required in ["title", "summary", "published"] {
        if !map.contains_key(required) {
            diags.push(
                Diagnostic::new(
                    &rules::SCHEMA,
                    file,
                    base.saturating_sub(4)..base.saturating_sub(1),
                    format!("missing required field `{required}`"),
                )
                .with_hint(Some(format!("add `{required}:` to the front matter"))),
            );
        }
    }
    if let (Some(p), Some(u)) = (fm.published, fm.updated) {
        if u < p {
            diags.push(
                Diagnostic::new(
                    &rules::DATE_ORDER,
                    file,
                    span_of("updated"),
                    format!("`updated` ({u}) is earlier than `published` ({p})"),
                )
                .with_hint(Some("a guide cannot be updated before it is published: swap or correct the dates".into())),
            );
        }
    }
    fm
}

struct Fields<'a, 'd> {
    file: &'a Path,
    diags: &'d mut Vec<Diagnostic>,
    span_of: &'a dyn Fn(&str) -> Span,
}

impl Fields<'_, '_> {
    fn error(&mut self, span: Span, message: String, hint: Option<String>) {
        self.diags.push(Diagnostic::new(&rules::SCHEMA, self.file, span, message).with_hint(hint));
    }

    fn type_error(&mut self, key: &str, expected: &str) {
        let span = (self.span_of)(key);
        self.error(span, format!("`{key}` must be {expected}"), None);
    }

    fn string(&mut self, key: &str, v: &Value) -> String {
        match v {
            Value::String(s) if !s.trim().is_empty() => clean(s),
            Value::Number(n) => n.to_string(),
            Value::String(_) | Value::Null => {
                self.type_error(key, "non-empty text");
                String::new()
            }
            _ => {
                self.type_error(key, "text");
                String::new()
            }
        }
    }

    fn strings(&mut self, key: &str, v: &Value) -> Vec<String> {
        match v {
            Value::Sequence(items) => {
                let mut out = Vec::new();
                for item in items {
                    match item {
                        Value::String(s) if !s.trim().is_empty() => out.push(clean(s)),
                        Value::Number(n) => out.push(n.to_string()),
                        _ => {
                            self.type_error(key, "a list of non-empty texts");
                            break;
                        }
                    }
                }
                out
            }
            Value::Null => Vec::new(),
            _ => {
                let span = (self.span_of)(key);
                self.error(span, format!("`{key}` must be a list"), Some(format!("write `{key}: [first, second]`")));
                Vec::new()
            }
        }
    }

    fn date(&mut self, key: &str, v: &Value) -> Option<NaiveDate> {
        let text = match v {
            Value::String(s) => s.trim().to_string(),
            _ => {
                self.type_error(key, "a date written YYYY-MM-DD");
                return None;
            }
        };
        match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Ok(d) if text.len() == 10 => Some(d),
            _ => {
                let span = (self.span_of)(key);
                self.diags.push(
                    Diagnostic::new(
                        &rules::DATE_INVALID,
                        self.file,
                        span,
                        format!("`{key}` is not a valid date: `{text}`"),
                    )
                    .with_hint(Some("write the date as YYYY-MM-DD, e.g. 2024-03-02".into())),
                );
                None
            }
        }
    }
}

/// Byte offset of the "while parsing … at line L column C" part of a YAML error.
fn opened_at(message: &str, yaml: &str) -> Option<usize> {
    let tail = &message[message.find("while parsing")?..];
    let tail = &tail[tail.find(" at line ")? + " at line ".len()..];
    let (line, rest) = tail.split_once(" column ")?;
    let line: usize = line.trim().parse().ok()?;
    let column: usize = rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()?;
    let start: usize = yaml.split_inclusive('\n').take(line.checked_sub(1)?).map(str::len).sum();
    Some((start + column.saturating_sub(1)).min(yaml.len()))
}

/// Text from front matter, with the root marker neutralised.
fn clean(s: &str) -> String {
    s.trim().replace(crate::model::ROOT_MARK, "\u{FFFD}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Split, FrontMatter, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let s = split(text, Path::new("g.md"), &mut d);
        let fm = match &s.yaml {
            Some(r) => parse(&text[r.clone()], r.start, Path::new("g.md"), false, &mut d),
            None => FrontMatter::default(),
        };
        (s, fm, d)
    }

    #[test]
    fn full_front_matter() {
        let text = "---\ntitle: T\nsummary: S\napplies_to: [Windows 11, Windows 10]\ntags: [a]\npublished: 2024-03-02\nupdated: 2024-05-10\nrelated: [x.md]\nweight: 3\ndraft: false\n---\nBody";
        let (s, fm, d) = run(text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(&text[s.body_start..], "Body");
        assert_eq!(fm.applies_to, ["Windows 11", "Windows 10"]);
        assert_eq!(fm.published.unwrap().to_string(), "2024-03-02");
        assert_eq!(fm.weight, Some(3));
        let (r, span) = &fm.related[0];
        assert_eq!(&text[span.clone()], r);
    }

    #[test]
    fn bom_and_crlf() {
        let text = "\u{feff}---\r\ntitle: T\r\nsummary: S\r\npublished: 2024-03-02\r\n---\r\nBody";
        let (s, fm, d) = run(text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(fm.title, "T");
        assert_eq!(&text[s.body_start..], "Body");
    }

    #[test]
    fn problems_are_reported_with_spans() {
        let text = "---\ntitle: T\nsumary: S\npublished: 2024-02-30\nupdated: 2023-01-01\n---\n";
        let (_, _, d) = run(text);
        let ids: Vec<_> = d.iter().map(|x| (x.rule.id, &text[x.span.clone().unwrap()])).collect();
        assert!(ids.contains(&("schema", "sumary")), "{ids:?}");
        assert!(ids.contains(&("date-invalid", "published")), "{ids:?}");
        assert!(ids.iter().any(|(id, _)| *id == "schema"));
        assert!(d.iter().any(|x| x.hint.as_deref() == Some("a known field is `summary`")));
    }

    #[test]
    fn unclosed_and_missing() {
        let (_, _, d) = run("---\ntitle: T\n");
        assert_eq!(d[0].rule.id, "front-matter-syntax");
        let (s, _, d) = run("# Just a body\n");
        assert_eq!(d[0].rule.id, "front-matter-missing");
        assert_eq!(s.body_start, 0);
    }

    #[test]
    fn malformed_yaml_points_inside_the_block() {
        let text = "---\ntitle: [unclosed\nsummary: S\n---\n";
        let (_, _, d) = run(text);
        assert_eq!(d[0].rule.id, "front-matter-syntax");
        assert!(d[0].span.clone().unwrap().start >= 4);
    }
}
