//! The front-matter schema: the built-in JSON Schema of FORMAT.md's fields
//! (`schema/front-matter.schema.json`), the site's own schema (`schema:` in
//! `tebiki.yaml`, YAML or JSON) merged on top, compiled once with the
//! `jsonschema` crate. `tebiki schema` prints the effective schema and a
//! build writes it to [`OUTPUT_PATH`] so editors' YAML tooling can use it.
//!
//! How a site schema combines with the built-in one:
//! - a property the built-in schema does not have is added (extend);
//! - a property it has is combined with `allOf`, so a site can narrow a
//!   field (an `enum` for `applies_to`) but never loosen what tebiki needs;
//! - `required` lists are joined; `additionalProperties` (allowing extra
//!   fields) and `$id`, `title`, `description` are taken from the site;
//! - `$defs` are merged, and every other keyword (`if`/`then`, `allOf` …)
//!   applies as an extra `allOf` branch.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use serde_json::{Map, Value};

use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;
use crate::rules;
use crate::yaml;

/// The built-in schema's text.
pub const BUILTIN_TEXT: &str = include_str!("schema/front-matter.schema.json");

/// Where a build writes the effective schema, relative to the output root.
pub const OUTPUT_PATH: &str = "_tebiki/schema.json";

/// The built-in schema as a value.
pub fn builtin() -> &'static Value {
    static BUILTIN: LazyLock<Value> =
        LazyLock::new(|| serde_json::from_str(BUILTIN_TEXT).expect("the built-in schema is valid JSON"));
    &BUILTIN
}

/// Fields of FORMAT.md's front matter, in the built-in schema's order.
#[cfg(test)]
fn builtin_fields() -> Vec<&'static str> {
    builtin()["properties"].as_object().map(|p| p.keys().map(String::as_str).collect()).unwrap_or_default()
}

/// A compiled front-matter schema.
pub struct FrontMatterSchema {
    /// The schema as written out (built-in, or built-in + site).
    pub effective: Value,
    validator: jsonschema::Validator,
    /// Every field the schema names (for "did you mean" hints).
    pub fields: Vec<String>,
    /// The field read as a help id besides `help_id` (`help_ids.from_field`
    /// in tebiki.yaml), which the schema then allows.
    pub help_id_field: Option<String>,
}

impl std::fmt::Debug for FrontMatterSchema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FrontMatterSchema").field("fields", &self.fields).finish_non_exhaustive()
    }
}

fn compile(schema: &Value) -> Result<jsonschema::Validator, String> {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .map_err(|e| e.to_string())
}

impl FrontMatterSchema {
    fn new(effective: Value) -> Result<Self, String> {
        let validator = compile(&effective)?;
        let fields = effective["properties"].as_object().map(|p| p.keys().cloned().collect()).unwrap_or_default();
        Ok(FrontMatterSchema { effective, validator, fields, help_id_field: None })
    }

    /// FORMAT.md's schema, without a site's additions.
    pub fn builtin() -> Self {
        Self::new(builtin().clone()).expect("the built-in schema compiles")
    }

    /// The site's effective schema. Problems with the site's schema file are
    /// diagnostics on that file; the built-in schema is used in its place.
    /// `front_matter: {unknown: ignore}` in tebiki.yaml allows fields the
    /// schema does not name, as `additionalProperties: true` in a site
    /// schema does (a site schema that says otherwise is overruled).
    pub fn for_site(root: &Path, config: &SiteConfig) -> (Self, Vec<Diagnostic>) {
        let (schema, diags) = match &config.schema {
            None => (Self::builtin(), Vec::new()),
            Some(rel) => match load_site_schema(root, rel) {
                Ok(schema) => (schema, Vec::new()),
                Err(d) => (Self::builtin(), vec![d]),
            },
        };
        let ignore = config.front_matter.unknown == crate::config::UnknownFields::Ignore;
        let field = config.help_ids.from_field.as_deref();
        if !ignore && field.is_none() {
            return (schema, diags);
        }
        let mut effective = schema.effective;
        if ignore {
            effective["additionalProperties"] = Value::Bool(true);
        }
        if let Some(field) = field {
            // A field the site's schema describes keeps its description.
            if effective["properties"].get(field).is_none() {
                effective["properties"][field] = serde_json::json!({
                    "description": "A help id, read besides `help_id` (`help_ids.from_field` in tebiki.yaml).",
                    "$ref": "#/$defs/helpId"
                });
            }
        }
        let mut schema = Self::new(effective).expect("the schema compiled before");
        schema.help_id_field = field.map(str::to_string);
        (schema, diags)
    }

    /// The effective schema as JSON.
    pub fn effective(&self) -> &Value {
        &self.effective
    }

    /// Validate a front matter value.
    pub fn validate<'i>(&'i self, value: &'i Value) -> impl Iterator<Item = jsonschema::ValidationError<'i>> + 'i {
        self.validator.iter_errors(value)
    }

    /// Whether the schema allows fields it does not name.
    #[cfg(test)]
    fn allows_extra_fields(&self) -> bool {
        !matches!(self.effective.get("additionalProperties"), Some(Value::Bool(false)))
    }

    /// The schema as pretty JSON (ends with a newline).
    pub fn to_pretty_json(&self) -> String {
        if &self.effective == builtin() {
            // As written, in FORMAT.md's order.
            return BUILTIN_TEXT.to_string();
        }
        let mut s = serde_json::to_string_pretty(&self.effective).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// Read, check and merge the site's schema file (`rel` relative to `root`).
fn load_site_schema(root: &Path, rel: &Path) -> Result<FrontMatterSchema, Diagnostic> {
    let file: PathBuf = rel.to_path_buf();
    let whole = |msg: String| Diagnostic::file(&rules::SCHEMA, &file, msg);
    let raw = std::fs::read_to_string(root.join(rel))
        .map_err(|e| whole(format!("cannot read the site schema `{}`: {e}", rel.display())))?;
    let (text, base) = match raw.strip_prefix('\u{feff}') {
        Some(t) => (t, 3),
        None => (raw.as_str(), 0),
    };
    let is_json = rel.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let (value, doc) = if is_json {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            let at = base + crate::source::LineIndex::new(text).offset(text, e.line(), e.column().max(1));
            Diagnostic::new(&rules::SCHEMA, &file, at..at, format!("the site schema is not valid JSON: {e}"))
        })?;
        (value, yaml::load(text, base).ok())
    } else {
        let doc = yaml::load(text, base).map_err(|p| {
            Diagnostic::new(&rules::SCHEMA, &file, p.span, format!("the site schema is not valid YAML: {}", p.message))
                .with_hint(p.hint)
        })?;
        (doc.value.clone(), Some(doc))
    };
    let locate = |pointer: &str| {
        let mut p = pointer.to_string();
        loop {
            if let Some(s) = doc.as_ref().and_then(|d| d.span(&p)) {
                return s.key.clone().unwrap_or(s.value.clone());
            }
            match p.rfind('/') {
                Some(i) => p.truncate(i),
                None => return 0..0,
            }
        }
    };
    if !value.is_object() {
        return Err(Diagnostic::new(&rules::SCHEMA, &file, locate(""), "the site schema must be a JSON Schema object"));
    }
    // Checked as draft 2020-12 (the draft tebiki compiles with), whatever `$schema` says.
    let mut as_2020 = value.clone();
    as_2020["$schema"] = Value::String("https://json-schema.org/draft/2020-12/schema".into());
    if let Some(e) = jsonschema::meta::validate(&as_2020).err() {
        let at = locate(e.instance_path().as_str());
        return Err(Diagnostic::new(
            &rules::SCHEMA,
            &file,
            at,
            format!("the site schema is not a valid JSON Schema: {e}"),
        )
        .with_hint(Some("see https://json-schema.org/understanding-json-schema/ for the syntax".into())));
    }
    let merged = merge(builtin(), &value);
    FrontMatterSchema::new(merged).map_err(|e| {
        whole(format!("the site schema cannot be used: {e}"))
            .with_hint(Some("references (`$ref`) must point inside the schema file".into()))
    })
}

/// The built-in schema with a site's schema on top (see the module docs).
pub fn merge(builtin: &Value, site: &Value) -> Value {
    let mut out = builtin.clone();
    let (Some(o), Some(s)) = (out.as_object_mut(), site.as_object()) else {
        return out;
    };
    let mut rest = Map::new();
    for (k, v) in s {
        match k.as_str() {
            "$schema" => {}
            "$id" | "title" | "description" | "additionalProperties" => {
                o.insert(k.clone(), v.clone());
            }
            "properties" => {
                let props = o.entry("properties").or_insert_with(|| Value::Object(Map::new()));
                if let (Some(props), Some(site_props)) = (props.as_object_mut(), v.as_object()) {
                    for (name, schema) in site_props {
                        let combined = match props.get(name) {
                            Some(base) => serde_json::json!({ "allOf": [base, schema] }),
                            None => schema.clone(),
                        };
                        props.insert(name.clone(), combined);
                    }
                }
            }
            "required" => {
                let req = o.entry("required").or_insert_with(|| Value::Array(Vec::new()));
                if let (Some(req), Some(extra)) = (req.as_array_mut(), v.as_array()) {
                    for r in extra {
                        if !req.contains(r) {
                            req.push(r.clone());
                        }
                    }
                }
            }
            "$defs" | "definitions" => {
                let defs = o.entry(k.clone()).or_insert_with(|| Value::Object(Map::new()));
                if let (Some(defs), Some(extra)) = (defs.as_object_mut(), v.as_object()) {
                    for (name, d) in extra {
                        defs.insert(name.clone(), d.clone());
                    }
                }
            }
            _ => {
                rest.insert(k.clone(), v.clone());
            }
        }
    }
    if !rest.is_empty() {
        let all = o.entry("allOf").or_insert_with(|| Value::Array(Vec::new()));
        if let Some(all) = all.as_array_mut() {
            all.push(Value::Object(rest));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn errors(schema: &FrontMatterSchema, v: Value) -> Vec<String> {
        schema.validate(&v).map(|e| format!("{} {}", e.instance_path().as_str(), e.kind().keyword())).collect()
    }

    #[test]
    fn help_ids_from_field_is_allowed_as_a_help_id() {
        let config =
            SiteConfig::parse("title: T\nlanguages: [en]\nhelp_ids: {from_field: id}\n", Path::new("tebiki.yaml"))
                .unwrap()
                .0;
        let (schema, diags) = FrontMatterSchema::for_site(Path::new("."), &config);
        assert!(diags.is_empty());
        assert_eq!(schema.help_id_field.as_deref(), Some("id"));
        assert!(errors(&schema, serde_json::json!({"title": "T", "id": 360001234567u64})).is_empty());
        assert!(errors(&schema, serde_json::json!({"title": "T", "help_id": ["a", "印刷"]})).is_empty());
        assert!(!errors(&schema, serde_json::json!({"title": "T", "id": "two words"})).is_empty());
        assert!(!errors(&FrontMatterSchema::builtin(), serde_json::json!({"title": "T", "id": 1})).is_empty());
    }

    #[test]
    fn builtin_schema_has_a_stable_id_and_describes_every_field() {
        let b = builtin();
        assert_eq!(b["$id"], "urn:tebiki:schema:front-matter:1");
        for (name, field) in b["properties"].as_object().unwrap() {
            assert!(field["description"].as_str().is_some_and(|d| d.len() > 10), "{name} has no description");
        }
        let mut fields = builtin_fields();
        fields.sort();
        let mut expected = [
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
            "translated_from",
            "help_id",
            "description",
            "date",
            "ms.date",
            "lastmod",
            "last_update",
            "updated_at",
            "keywords",
        ];
        expected.sort();
        assert_eq!(fields, expected);
    }

    #[test]
    fn builtin_validates_format_md_fields() {
        let s = FrontMatterSchema::builtin();
        let ok = json!({"title": "T", "summary": "S", "published": "2024-03-02", "tags": ["a", 2], "weight": 3});
        assert!(errors(&s, ok).is_empty());
        let bad = json!({"title": " ", "published": "2024-02-30", "tags": "a", "weight": 1.5, "sumary": "S"});
        // Every field may be absent: parse fills title, summary and dates.
        assert!(errors(&s, json!({})).is_empty());
        let e = errors(&s, bad);
        for expected in ["/title pattern", "/published format", "/tags type", "/weight type", " additionalProperties"] {
            assert!(e.iter().any(|x| x == expected), "{expected} not in {e:?}");
        }
    }

    #[test]
    fn a_site_schema_extends_and_tightens() {
        let site = json!({
            "$id": "urn:example:site",
            "properties": {
                "product_id": {"type": "string", "pattern": "^P-[0-9]+$", "description": "Product."},
                "applies_to": {"items": {"enum": ["Windows 11", "Windows 10"]}}
            },
            "required": ["applies_to", "product_id"]
        });
        let s = FrontMatterSchema::new(merge(builtin(), &site)).unwrap();
        assert_eq!(s.effective["$id"], "urn:example:site");
        let base = json!({"title": "T", "summary": "S", "published": "2024-03-02"});
        let mut ok = base.clone();
        ok["applies_to"] = json!(["Windows 11"]);
        ok["product_id"] = json!("P-12");
        assert!(errors(&s, ok).is_empty());
        let mut bad = base.clone();
        bad["applies_to"] = json!(["Windows 8"]);
        let e = errors(&s, bad);
        assert!(e.contains(&"/applies_to/0 enum".to_string()), "{e:?}");
        assert!(e.contains(&" required".to_string()), "{e:?}");
        // Built-in rules still hold for a field the site narrows.
        let mut loosened = base;
        loosened["applies_to"] = json!("Windows 11");
        loosened["product_id"] = json!("P-1");
        assert!(errors(&s, loosened).contains(&"/applies_to type".to_string()));
        assert!(!s.allows_extra_fields());
        let open = FrontMatterSchema::new(merge(builtin(), &json!({"additionalProperties": true}))).unwrap();
        assert!(open.allows_extra_fields());
    }
}
