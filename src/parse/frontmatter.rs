//! Front matter: splitting it from the body, loading its YAML with the
//! position of every node, validating it against the site's JSON Schema
//! ([`FrontMatterSchema`]) and turning it into a [`FrontMatter`]. Each schema
//! error becomes a diagnostic at the line of the field or item it is about.

use std::path::Path;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::diagnostic::Diagnostic;
use crate::model::{FrontMatter, Span};
use crate::rules;
use crate::schema::FrontMatterSchema;
use crate::source::closest;
use crate::yaml;

/// Where the front matter and the body are in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the YAML text (between the `---` lines), if any.
    pub yaml: Option<Span>,
    /// Byte range of the opening `---` (where "missing field" problems point).
    pub open: Span,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
}

/// Find the front matter of `text`. A file that does not start with `---`
/// has none; a `---` never closed is reported and the rest is read as body.
pub fn split(text: &str, file: &Path, diags: &mut Vec<Diagnostic>) -> Split {
    split_in(text, file, "en", diags)
}

/// [`split`] for a guide in `lang`, whose hints give examples in that language.
pub fn split_in(text: &str, file: &Path, lang: &str, diags: &mut Vec<Diagnostic>) -> Split {
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
            .with_hint(Some(format!(
                "start the file with a `# {0}` heading, or with a line `---`, the fields (`title: {0}`), and another `---`",
                example_title(lang)
            ))),
        );
        return Split { yaml: None, open: start..start, body_start: start };
    }
    let yaml_start = start + first_end;
    let mut offset = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Split { yaml: Some(yaml_start..offset), open: start..start + 3, body_start: offset + line.len() };
        }
        offset += line.len();
    }
    diags.push(
        Diagnostic::new(&rules::FRONT_MATTER_SYNTAX, file, start..start + 3, "front matter is never closed")
            .with_hint(Some("add a line `---` after the last field".into())),
    );
    Split { yaml: None, open: start..start + 3, body_start: yaml_start }
}

/// Parse and validate the front matter of `text` (the whole file) found by
/// `split`, against `schema`. Every problem becomes a diagnostic pointing at
/// the field, item or key it is about; the fields that are usable are kept.
/// `h1`: the text of the body's first `#` heading, the title when the front
/// matter has none (it is validated as if written there).
pub fn parse(
    text: &str,
    split: &Split,
    file: &Path,
    schema: &FrontMatterSchema,
    lang: &str,
    h1: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> FrontMatter {
    let mut fm = FrontMatter::default();
    let Some(range) = split.yaml.clone() else {
        // No front matter (already an error): the heading still titles the page.
        if let Some(h1) = h1 {
            fm.title = h1.to_string();
            fm.title_from_heading = true;
        }
        return fm;
    };
    let mut doc = match yaml::load(&text[range.clone()], range.start) {
        Ok(d) => d,
        Err(p) => {
            diags.push(
                Diagnostic::new(&rules::FRONT_MATTER_SYNTAX, file, p.span, format!("invalid YAML: {}", p.message))
                    .with_hint(p.hint),
            );
            return fm;
        }
    };
    for w in &doc.warnings {
        diags.push(
            Diagnostic::new(&rules::FRONT_MATTER_SYNTAX, file, w.span.clone(), &w.message).with_hint(w.hint.clone()),
        );
    }
    // The value is taken out of the document; its spans stay for diagnostics.
    let value = match std::mem::take(&mut doc.value) {
        Value::Null => Value::Object(Map::new()),
        value @ Value::Object(_) => value,
        _ => {
            diags.push(
                Diagnostic::new(
                    &rules::SCHEMA,
                    file,
                    range.start..range.end.min(text.len()),
                    "front matter must be a mapping of fields",
                )
                .with_hint(Some(format!("write one `field: value` per line, e.g. `title: {}`", example_title(lang)))),
            );
            return fm;
        }
    };
    let mut value = value;
    let mut title_from_heading = false;
    if let Value::Object(map) = &mut value {
        if !map.contains_key("title") {
            match h1 {
                Some(h1) => {
                    map.insert("title".into(), Value::String(h1.to_string()));
                    title_from_heading = true;
                }
                None => diags.push(
                    Diagnostic::new(&rules::SCHEMA, file, split.open.clone(), "missing required field `title`")
                        .with_hint(Some(
                            "add `title:` to the front matter, or start the body with a `# Title` heading".into(),
                        )),
                ),
            }
        }
    }
    let cx = ErrorContext { text, doc: &doc, open: split.open.clone(), file, schema, lang };
    for error in schema.validate(&value) {
        cx.report(&error, diags);
    }
    fm.title_from_heading = title_from_heading;
    let Value::Object(map) = value else { unreachable!("checked above") };
    // Fields other tools write for the same thing, used when tebiki's own is absent.
    let mut other = OtherTools::default();
    for (key, v) in map {
        match key.as_str() {
            "title" => fm.title = text_of(&v).unwrap_or_default(),
            "summary" => fm.summary = text_of(&v).unwrap_or_default(),
            "author" => fm.author = text_of(&v),
            "applies_to" => fm.applies_to = texts_of(&v),
            "tags" => fm.tags = texts_of(&v),
            "aliases" => fm.aliases = texts_of(&v),
            "related" => {
                if let Value::Array(items) = &v {
                    for (i, item) in items.iter().enumerate() {
                        let Some(r) = text_of(item) else { continue };
                        let span = doc
                            .span(&format!("/{}/{i}", yaml::escape_pointer(&key)))
                            .map(|s| s.value.clone())
                            .unwrap_or(range.start..range.start);
                        fm.related.push((r, span));
                    }
                }
            }
            "published" => fm.published = date_of(&v),
            "updated" => fm.updated = date_of(&v),
            "draft" => fm.draft = v.as_bool().unwrap_or(false),
            "weight" => fm.weight = v.as_i64(),
            "translated_from" => {
                let span = doc.span("/translated_from").map(|s| s.value.clone()).unwrap_or(range.start..range.start);
                fm.translated_from = text_of(&v).map(|t| (t, span));
            }
            "help_id" => fm.help_ids.extend(help_ids_of(&doc, "/help_id", &v, range.start)),
            "description" => other.summary = text_of(&v),
            "keywords" => {
                other.tags = match &v {
                    Value::String(s) => s.split([',', '、']).map(clean).filter(|t| !t.is_empty()).collect(),
                    v => texts_of(v),
                }
            }
            "date" | "ms.date" | "lastmod" | "last_update" | "updated_at" => {
                let pointer = format!("/{}", yaml::escape_pointer(&key));
                let written = match &v {
                    Value::Object(o) => o.get("date").and_then(Value::as_str),
                    v => v.as_str(),
                };
                let (pointer, written) = match (&v, written) {
                    (Value::Object(_), w) => (format!("{pointer}/date"), w),
                    (_, w) => (pointer, w),
                };
                let Some(written) = written.map(str::trim).filter(|w| !w.is_empty()) else { continue };
                let date = if key == "ms.date" { microsoft_date(written) } else { None }.or_else(|| date_time(written));
                match date {
                    Some(d) if key == "date" => other.published = Some(d),
                    Some(d) if key == "ms.date" => other.ms_date = Some(d),
                    Some(d) => other.updated = other.updated.or(Some(d)),
                    None => {
                        let format = if key == "ms.date" { "MM/DD/YYYY" } else { "YYYY-MM-DD" };
                        cx.push(
                            diags,
                            &rules::DATE_INVALID,
                            cx.locate(&pointer),
                            format!("`{key}` is not a valid date: `{written}`"),
                            Some(date_hint(written, lang).unwrap_or_else(|| format!("write the date as {format}"))),
                        );
                    }
                }
            }
            _ => {
                if schema.help_id_field.as_deref() == Some(key.as_str()) {
                    let pointer = format!("/{}", yaml::escape_pointer(&key));
                    fm.help_ids.extend(help_ids_of(&doc, &pointer, &v, range.start));
                }
                fm.extra.insert(key, v);
            }
        }
    }
    if fm.summary.is_empty() {
        fm.summary = other.summary.unwrap_or_default();
    }
    if fm.tags.is_empty() {
        fm.tags = other.tags;
    }
    fm.published = fm.published.or(other.published).or(other.ms_date);
    fm.updated = fm.updated.or(other.updated);
    if let (Some(p), Some(u)) = (fm.published, fm.updated) {
        if u < p {
            diags.push(
                Diagnostic::new(
                    &rules::DATE_ORDER,
                    file,
                    cx.locate("/updated"),
                    format!("`updated` ({u}) is earlier than `published` ({p})"),
                )
                .with_hint(Some("a guide cannot be updated before it is published: swap or correct the dates".into())),
            );
        }
    }
    fm
}

/// What turning a schema error into a diagnostic needs.
struct ErrorContext<'a> {
    text: &'a str,
    doc: &'a yaml::Document,
    open: Span,
    file: &'a Path,
    schema: &'a FrontMatterSchema,
    /// The guide's language: hints give examples in it.
    lang: &'a str,
}

impl ErrorContext<'_> {
    /// The span to underline for an instance path: a value that fits on
    /// one line, else its key; the opening `---` for the whole front matter.
    fn locate(&self, pointer: &str) -> Span {
        let mut p = pointer.to_string();
        while !p.is_empty() {
            if let Some(s) = self.doc.span(&p) {
                let one_line = !s.value.is_empty() && !self.text[s.value.clone()].contains('\n');
                return match (&s.key, one_line) {
                    (_, true) => s.value.clone(),
                    (Some(k), false) => k.clone(),
                    (None, false) => s.value.start..s.value.start,
                };
            }
            p.truncate(p.rfind('/').unwrap_or(0));
        }
        self.open.clone()
    }

    fn key_span(&self, pointer: &str) -> Span {
        self.doc.span(pointer).and_then(|s| s.key.clone()).unwrap_or_else(|| self.locate(pointer))
    }

    fn push(
        &self,
        diags: &mut Vec<Diagnostic>,
        rule: &'static rules::Rule,
        span: Span,
        message: String,
        hint: Option<String>,
    ) {
        diags.push(Diagnostic::new(rule, self.file, span, message).with_hint(hint));
    }

    fn report(&self, error: &jsonschema::ValidationError<'_>, diags: &mut Vec<Diagnostic>) {
        let pointer = error.instance_path().as_str();
        let name = describe(pointer);
        let instance: &Value = error.instance();
        let span = self.locate(pointer);
        match error.kind() {
            Kind::Required { property } => {
                let field = property.as_str().unwrap_or_default();
                let (message, hint) = if pointer.is_empty() {
                    (format!("missing required field `{field}`"), format!("add `{field}:` to the front matter"))
                } else {
                    (format!("{name} has no `{field}`"), format!("add `{field}:` to {name}"))
                };
                self.push(diags, &rules::SCHEMA, span, message, Some(hint));
            }
            Kind::AdditionalProperties { unexpected } | Kind::UnevaluatedProperties { unexpected } => {
                for field in unexpected {
                    let p = format!("{pointer}/{}", yaml::escape_pointer(field));
                    let hint = if pointer.is_empty() {
                        closest(field, self.schema.fields.iter().map(String::as_str))
                            .map(|k| format!("a known field is `{k}`"))
                            .or_else(|| {
                                Some("remove it, or add it to the site's schema (`schema:` in tebiki.yaml)".into())
                            })
                    } else {
                        None
                    };
                    let message = if pointer.is_empty() {
                        format!("unknown field `{field}`")
                    } else {
                        format!("unknown field `{field}` in {name}")
                    };
                    self.push(diags, &rules::SCHEMA, self.key_span(&p), message, hint);
                }
            }
            Kind::Type { kind } => {
                let expected = match kind {
                    jsonschema::error::TypeKind::Single(t) => type_name(&t.to_string()).to_string(),
                    jsonschema::error::TypeKind::Multiple(set) => {
                        let mut names: Vec<&str> = set.iter().map(|t| type_name(&t.to_string())).collect();
                        names.sort_by_key(|n| TYPE_ORDER.iter().position(|o| o == n));
                        names.join(" or ")
                    }
                };
                let (message, hint) = if instance.is_null() {
                    (format!("{name} is empty"), Some(format!("write {expected} after the colon, or remove the line")))
                } else if expected.starts_with("a list") {
                    let field = pointer.rsplit('/').next().unwrap_or_default();
                    let items =
                        if self.lang == "ja" { "[アカウント, セキュリティ]" } else { "[account, security]" };
                    (format!("{name} must be a list"), Some(format!("write `{field}: {items}`")))
                } else if expected == "a date" {
                    (format!("{name} must be a date written YYYY-MM-DD"), None)
                } else {
                    (format!("{name} must be {expected}, not {}", value_kind(instance)), None)
                };
                self.push(diags, &rules::SCHEMA, span, message, hint);
            }
            Kind::Pattern { pattern } if pattern == "\\S" => {
                self.push(diags, &rules::SCHEMA, span, format!("{name} must not be empty"), None);
            }
            Kind::MinLength { limit: 1 } => {
                self.push(diags, &rules::SCHEMA, span, format!("{name} must not be empty"), None);
            }
            Kind::Format { format } if format == "date" => {
                let shown = instance.as_str().map(str::to_string).unwrap_or_else(|| instance.to_string());
                let hint = date_hint(&shown, self.lang)
                    .unwrap_or_else(|| "write the date as YYYY-MM-DD, e.g. 2024-03-02".to_string());
                self.push(
                    diags,
                    &rules::DATE_INVALID,
                    span,
                    format!("{name} is not a valid date: `{shown}`"),
                    Some(hint),
                );
            }
            Kind::Enum { options } => {
                let choices: Vec<String> = options.as_array().map(|a| a.iter().map(show).collect()).unwrap_or_default();
                let got = show(instance);
                let hint = closest(&got, choices.iter().map(String::as_str))
                    .map(|c| format!("did you mean `{c}`?"))
                    .or_else(|| {
                        Some(format!(
                            "allowed: {}",
                            choices.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")
                        ))
                    });
                self.push(diags, &rules::SCHEMA, span, format!("{name} cannot be `{got}`"), hint);
            }
            Kind::Constant { expected_value } => {
                self.push(diags, &rules::SCHEMA, span, format!("{name} must be `{}`", show(expected_value)), None);
            }
            _ => {
                let detail = error.to_string();
                let message =
                    if pointer.is_empty() { format!("front matter: {detail}") } else { format!("{name}: {detail}") };
                self.push(diags, &rules::SCHEMA, span, message, None);
            }
        }
    }
}

type Kind = jsonschema::error::ValidationErrorKind;

/// Order of type names in "must be text or a number".
const TYPE_ORDER: &[&str] =
    &["text", "a number", "a whole number", "true or false", "a list", "a mapping of fields", "empty"];

/// A JSON Schema type in words.
fn type_name(t: &str) -> &'static str {
    match t {
        "string" => "text",
        "array" => "a list",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "true or false",
        "object" => "a mapping of fields",
        "null" => "empty",
        _ => "another type",
    }
}

/// What a value is, in words.
fn value_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "empty",
        Value::Bool(_) => "true/false",
        Value::Number(n) if n.is_i64() || n.is_u64() => "a whole number",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// A value as written in YAML (text without quotes).
fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// An instance path in words: `/title` → `` `title` ``, `/tags/1` → ``item 2 of `tags` ``.
fn describe(pointer: &str) -> String {
    if pointer.is_empty() {
        return "the front matter".into();
    }
    let parts: Vec<String> =
        pointer.trim_start_matches('/').split('/').map(|p| p.replace("~1", "/").replace("~0", "~")).collect();
    match parts.split_last() {
        Some((last, parent)) if !parent.is_empty() && last.parse::<usize>().is_ok() => {
            format!("item {} of `{}`", last.parse::<usize>().unwrap_or(0) + 1, parent.join("."))
        }
        _ => format!("`{}`", parts.join(".")),
    }
}

/// Text of a string (or number) value.
/// The help ids of a `help_id:`-like field (`pointer`): one or a list,
/// text or numbers, each with its value's span (`at`: where the front
/// matter starts, for values without one). Values the schema refuses
/// (empty, with spaces) are left out: it reports them.
fn help_ids_of(doc: &yaml::Document, pointer: &str, v: &Value, at: usize) -> Vec<(String, Span)> {
    let one = |v: &Value, pointer: &str| {
        let id = match v {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) if n.is_i64() || n.is_u64() => n.to_string(),
            _ => return None,
        };
        if id.is_empty() || id.contains(|c: char| c.is_whitespace() || c == '{' || c == '}') {
            return None;
        }
        Some((id, doc.span(pointer).map(|s| s.value.clone()).unwrap_or(at..at)))
    };
    match v {
        Value::Array(items) => {
            items.iter().enumerate().filter_map(|(i, item)| one(item, &format!("{pointer}/{i}"))).collect()
        }
        v => one(v, pointer).into_iter().collect(),
    }
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(clean(s)),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn texts_of(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().filter_map(text_of).collect(),
        _ => Vec::new(),
    }
}

/// A real `YYYY-MM-DD` date (the schema reports anything else).
fn date_of(v: &Value) -> Option<NaiveDate> {
    let s = v.as_str()?.trim();
    (s.len() == 10).then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()).flatten()
}

/// What the fields of other tools said (see FORMAT.md, "Front matter").
#[derive(Default)]
struct OtherTools {
    summary: Option<String>,
    tags: Vec<String>,
    published: Option<NaiveDate>,
    ms_date: Option<NaiveDate>,
    updated: Option<NaiveDate>,
}

/// `YYYY-MM-DD`, optionally followed by a time (`T10:00:00+09:00`, ` 10:00`):
/// the date as written, in the writer's own time zone.
pub fn date_time(s: &str) -> Option<NaiveDate> {
    let date = s.get(..10)?;
    let rest = &s[10..];
    let time_follows = rest.is_empty() || rest.starts_with(['T', 't', ' ']);
    time_follows.then(|| NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()).flatten()
}

/// `MM/DD/YYYY` (DocFX's `ms.date`; one-digit months and days too).
pub fn microsoft_date(s: &str) -> Option<NaiveDate> {
    let mut parts = s.split('/');
    let (m, d, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// A title to show in examples, in the guide's language.
fn example_title(lang: &str) -> &'static str {
    if lang == "ja" {
        "パスワードを再設定する"
    } else {
        "Reset your password"
    }
}

/// How to fix a date that is not a real `YYYY-MM-DD` date, when the
/// mistake can be told: a day the month does not have, a month past 12, or
/// another way of writing a date (`2018/09/05`, `2018.9.5`, `2018年9月5日`).
pub fn date_hint(written: &str, lang: &str) -> Option<String> {
    let ja = lang == "ja";
    let digits: Vec<&str> = written.trim_end_matches('日').split(['-', '/', '.', '年', '月']).map(str::trim).collect();
    let [y, m, d] = digits.as_slice() else { return None };
    if y.len() != 4 || ![m, d].iter().all(|p| (1..=2).contains(&p.len())) {
        return None;
    }
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return None;
    };
    if !(1..=12).contains(&month) {
        return Some(if ja {
            format!("月は 1 から 12 までです: `{written}` の月 ({month}) を確かめてください（YYYY-MM-DD）")
        } else {
            format!("a year has 12 months: check the month ({month}) of `{written}` (YYYY-MM-DD)")
        });
    }
    let last = (28..=31).rev().find(|&n| NaiveDate::from_ymd_opt(year, month, n).is_some()).unwrap_or(28);
    if day == 0 || day > last {
        return Some(if ja {
            format!("{year}年{month}月は{last}日までです")
        } else {
            format!("{} {year} has {last} days", crate::render::i18n::MONTHS[month as usize - 1])
        });
    }
    let iso = format!("{year:04}-{month:02}-{day:02}");
    (iso != written).then(|| format!("write it as `{iso}` (YYYY-MM-DD)"))
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
        let schema = FrontMatterSchema::builtin();
        let fm = parse(text, &s, Path::new("g.md"), &schema, "en", None, &mut d);
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
        let text = "---\nsumary: S\npublished: 2024-02-30\nupdated: 2023-01-01\n---\n";
        let (_, _, d) = run(text);
        let ids: Vec<_> = d.iter().map(|x| (x.rule.id, &text[x.span.clone().unwrap()])).collect();
        assert!(ids.contains(&("schema", "sumary")), "{ids:?}");
        assert!(ids.contains(&("date-invalid", "2024-02-30")), "{ids:?}");
        assert!(ids.contains(&("schema", "---")), "missing `title` points at the opening line: {ids:?}");
        assert!(ids.iter().any(|(id, _)| *id == "schema"));
        assert!(d.iter().any(|x| x.hint.as_deref() == Some("a known field is `summary`")));
    }

    #[test]
    fn fields_of_other_tools_are_read_where_tebikis_own_are_absent() {
        let text = "---\ntitle: T\ndescription: D\nms.date: 03/02/2024\nlastmod: 2024-05-10T09:30:00+09:00\nkeywords: a, b\n---\n";
        let (_, fm, d) = run(text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(fm.summary, "D");
        assert_eq!(fm.published.unwrap().to_string(), "2024-03-02");
        assert_eq!(fm.updated.unwrap().to_string(), "2024-05-10");
        assert_eq!(fm.tags, ["a", "b"]);
        assert!(fm.extra.is_empty());
        let own = "---\ntitle: T\nsummary: S\ndescription: D\npublished: 2024-01-01\ndate: 2023-01-01\nlast_update: {date: 2024-02-01, author: x}\ntags: [t]\nkeywords: [k]\n---\n";
        let (_, fm, d) = run(own);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!((fm.summary.as_str(), fm.tags.as_slice()), ("S", &["t".to_string()][..]));
        assert_eq!(fm.published.unwrap().to_string(), "2024-01-01");
        assert_eq!(fm.updated.unwrap().to_string(), "2024-02-01");
        let (_, _, d) = run("---\ntitle: T\nms.date: 13/40/2024\ndate: 2024/3/2\n---\n");
        let got: Vec<_> = d.iter().map(|x| (x.rule.id, x.hint.clone().unwrap_or_default())).collect();
        assert_eq!(
            got,
            [
                ("date-invalid", "write it as `2024-03-02` (YYYY-MM-DD)".to_string()),
                ("date-invalid", "write the date as MM/DD/YYYY".to_string())
            ]
        );
    }

    #[test]
    fn date_hints_say_what_is_wrong() {
        assert_eq!(date_hint("2018-09-31", "en").unwrap(), "September 2018 has 30 days");
        assert_eq!(date_hint("2018-09-31", "ja").unwrap(), "2018年9月は30日までです");
        assert_eq!(date_hint("2023-02-29", "en").unwrap(), "February 2023 has 28 days");
        assert_eq!(date_hint("2018/09/05", "en").unwrap(), "write it as `2018-09-05` (YYYY-MM-DD)");
        assert_eq!(date_hint("2018年9月5日", "ja").unwrap(), "write it as `2018-09-05` (YYYY-MM-DD)");
        assert_eq!(
            date_hint("2018-13-05", "en").unwrap(),
            "a year has 12 months: check the month (13) of `2018-13-05` (YYYY-MM-DD)"
        );
        assert_eq!(date_hint("2018-09-05", "en"), None);
        assert_eq!(date_hint("soon", "en"), None);
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
    fn schema_errors_point_at_fields_and_items() {
        let text =
            "---\ntitle:\nsummary: 概要\ntags: [a, {b: c}]\npublished: 2024-03-02\nweight: heavy\ndraft: yes\n---\n";
        let (_, fm, d) = run(text);
        let got: Vec<_> = d.iter().map(|x| (x.rule.id, &text[x.span.clone().unwrap()], x.message.as_str())).collect();
        assert!(got.contains(&("schema", "title", "`title` is empty")), "{got:#?}");
        assert!(
            got.contains(&("schema", "{b: c}", "item 2 of `tags` must be text or a number, not a mapping")),
            "{got:#?}"
        );
        assert!(got.contains(&("schema", "heavy", "`weight` must be a whole number, not text")), "{got:#?}");
        assert!(got.contains(&("schema", "yes", "`draft` must be true or false, not text")), "{got:#?}");
        assert_eq!(fm.summary, "概要");
        assert_eq!(fm.tags, ["a"]);
    }

    #[test]
    fn duplicate_keys_and_non_mappings() {
        let (_, fm, d) = run("---\ntitle: A\ntitle: B\nsummary: S\npublished: 2024-03-02\n---\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].rule.id, "front-matter-syntax");
        assert_eq!(fm.title, "A");
        let (_, _, d) = run("---\n- a\n- b\n---\n");
        assert_eq!(d[0].message, "front matter must be a mapping of fields");
    }

    #[test]
    fn malformed_yaml_points_inside_the_block() {
        let text = "---\ntitle: [unclosed\nsummary: S\n---\n";
        let (_, _, d) = run(text);
        assert_eq!(d[0].rule.id, "front-matter-syntax");
        assert!(d[0].span.clone().unwrap().start >= 4);
    }
}
