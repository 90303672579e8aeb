//! What `tebiki check` prints: compiler-style diagnostics that line up under
//! Japanese text and tabs, the documented JSON format, the rule table of
//! the README (kept in step with the registry), and the front-matter schema
//! (`tebiki schema`, a site's own schema, the copy in the built site).

use predicates::str::contains;

use crate::support::TestSite;

const FM: &str = "---\ntitle: ガイド\nsummary: 概要です。\npublished: 2024-03-02\n---\n";

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

#[test]
fn underlines_line_up_under_wide_characters_and_tabs() {
    let s = TestSite::new();
    s.file("content/g.md", &format!("{FM}手順：[再設定](reset.md)を見ます。\n\nタブ\t[x](javascript:alert(1))\n"));
    let text = stdout(&s.cmd(&["check"]).code(1));
    let expected_link = "\
error[link-target-missing]: link target `reset.md` does not exist
 --> content/g.md:6:4
  |
6 | 手順：[再設定](reset.md)を見ます。
  |       ^^^^^^^^^^^^^^^^^^
";
    assert!(text.contains(expected_link), "{text}");
    // A tab is shown as four spaces and the column counts it as one character.
    let expected_tab = "\
warning[unsafe-url]: link with `javascript:` was dropped; only the text is shown
 --> content/g.md:8:4
  |
8 | タブ    [x](javascript:alert(1))
  |         ^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = help: link to http(s):, mailto: or a file of the site
";
    assert!(text.contains(expected_tab), "{text}");
    assert!(text.contains("checked 1 guide: 1 error and 1 warning"), "{text}");
}

#[test]
fn a_diagnostic_in_front_matter_points_at_the_field() {
    let s = TestSite::new();
    s.file(
        "content/g.md",
        "---\ntitle: ガイド\nsummary: 概要\npublished: 2024-03-02\ntags:\n  - セキュリティ\n  - [入れ子]\n---\n本文\n",
    );
    let text = stdout(&s.cmd(&["check"]).code(1));
    let expected = "\
error[schema]: item 2 of `tags` must be text or a number, not a list
 --> content/g.md:7:5
  |
7 |   - [入れ子]
  |     ^^^^^^^^
";
    assert!(text.contains(expected), "{text}");
}

#[test]
fn json_format_has_one_documented_shape() {
    let s = TestSite::new();
    s.file("content/g.md", &format!("{FM}## 設定\n\n#### 詳細\n\n[x](missing.md)\n"));
    let out = s.cmd(&["check", "--format", "json"]).code(1);
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!((v["errors"].as_u64(), v["warnings"].as_u64()), (Some(1), Some(1)));
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    // Version 1 only ever gains fields: `flows` came with troubleshooters.
    assert_eq!(keys, ["diagnostics", "errors", "flows", "version", "warnings"]);
    let d = &v["diagnostics"];
    let first: Vec<&str> = d[0].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(first, ["column", "end_column", "end_line", "file", "hint", "line", "message", "rule", "severity"]);
    assert_eq!(d[0]["rule"], "heading-skip");
    assert_eq!(d[0]["severity"], "warning");
    assert_eq!((d[0]["line"].as_u64(), d[0]["column"].as_u64()), (Some(8), Some(1)));
    assert_eq!((d[0]["end_line"].as_u64(), d[0]["end_column"].as_u64()), (Some(8), Some(8)));
    assert_eq!(d[1]["rule"], "link-target-missing");
    assert_eq!(d[1]["hint"], serde_json::Value::Null);
    // Every rule id of the JSON output is in the README's table.
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(readme.contains("\"end_column\""), "the README documents the JSON format");
}

/// The README's rule table, generated from the registry.
fn rule_table() -> String {
    let mut t = String::from("| rule | default | what it finds |\n|---|---|---|\n");
    for r in tebiki::rules::ALL {
        t.push_str(&format!("| `{}` | {} | {} |\n", r.id, r.default_label(), r.summary));
    }
    t
}

#[test]
fn readme_rule_table_matches_the_registry() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let a = readme.find(start).expect("README has a rules:start marker") + start.len();
    let b = readme.find(end).expect("README has a rules:end marker");
    let table = rule_table();
    if readme[a..b] != table && std::env::var_os("TEBIKI_UPDATE_README").is_some() {
        std::fs::write(path, format!("{}{table}{}", &readme[..a], &readme[b..])).unwrap();
        return;
    }
    assert_eq!(readme[a..b], table, "README's rule table is stale: run with TEBIKI_UPDATE_README=1");
}

#[test]
fn severities_can_be_changed_and_unknown_rule_ids_are_reported() {
    let s = TestSite::with_config(
        "title: T\nlanguages: [ja]\nrules:\n  heading-skip: error\n  link-target-missing: off\n  headings-skip: warn\n",
    );
    s.file("content/g.md", &format!("{FM}#### 詳細\n\n[x](missing.md)\n"));
    let text = stdout(&s.cmd(&["check"]).code(1));
    assert!(text.contains("error[heading-skip]"), "{text}");
    assert!(!text.contains("link-target-missing"), "{text}");
    assert!(text.contains("error[config-unknown-key]: unknown rule `headings-skip` under `rules:`"), "{text}");
    assert!(text.contains(" --> tebiki.yaml:6:3"), "{text}");
    assert!(text.contains("= help: did you mean `heading-skip`?"), "{text}");
}

#[test]
fn schema_command_prints_the_builtin_schema_outside_a_site() {
    let dir = tempfile::tempdir().unwrap();
    let out =
        assert_cmd::Command::cargo_bin("tebiki").unwrap().arg("schema").current_dir(dir.path()).assert().success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["$id"], "urn:tebiki:schema:front-matter:1");
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    for field in ["title", "summary", "published", "applies_to", "related"] {
        assert!(v["properties"][field]["description"].is_string(), "{field}");
    }
}

#[test]
fn a_site_schema_extends_the_builtin_one_everywhere() {
    let s = TestSite::with_config("title: T\nlanguages: [ja]\nschema: schema/front-matter.json\n");
    s.file(
        "schema/front-matter.json",
        r#"{"properties": {"product_id": {"type": "string", "description": "製品ID"}}, "required": ["product_id"]}"#,
    );
    s.file("content/g.md", &format!("{FM}本文です。\n"));
    let text = stdout(&s.cmd(&["check"]).code(1));
    assert!(text.contains("error[schema]: missing required field `product_id`"), "{text}");
    s.file("content/g.md", &format!("{}本文です。\n", FM.replace("published:", "product_id: P-1\npublished:")));
    s.cmd(&["check"]).code(0);
    // `tebiki schema` prints the merged schema; the build writes the same file.
    let printed = stdout(&s.cmd(&["schema"]).success());
    let v: serde_json::Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(v["properties"]["product_id"]["description"], "製品ID");
    let builtin: serde_json::Value = serde_json::from_str(&stdout(&s.cmd(&["schema", "--builtin"]).success())).unwrap();
    let required = v["required"].as_array().unwrap();
    assert!(required.contains(&"product_id".into()), "{required:?}");
    for field in builtin["required"].as_array().unwrap() {
        assert!(required.contains(field), "{field} is no longer required");
    }
    let out = s.build();
    assert_eq!(std::fs::read_to_string(out.join("_tebiki/schema.json")).unwrap(), printed);
    // The model keeps the extra field for templates.
    assert_eq!(s.site().guides[0].meta.extra["product_id"], "P-1");
    let builtin = stdout(&s.cmd(&["schema", "--builtin"]).success());
    assert!(!builtin.contains("product_id"));
}

#[test]
fn a_broken_site_schema_is_a_diagnostic_on_its_line() {
    let s = TestSite::with_config("title: T\nlanguages: [ja]\nschema: schema/fm.yaml\n");
    s.file("content/g.md", &format!("{FM}本文です。\n"));
    s.file("schema/fm.yaml", "properties:\n  product_id:\n    type: strin\n");
    assert_eq!(s.problems(), [("schema".to_string(), "schema/fm.yaml".to_string(), 3)]);
    s.file("schema/fm.yaml", "properties: [\n");
    assert_eq!(s.problems(), [("schema".to_string(), "schema/fm.yaml".to_string(), 1)]);
    s.file("schema/other.yaml", "");
    let missing = TestSite::with_config("title: T\nlanguages: [ja]\nschema: schema/nope.yaml\n");
    missing.file("content/g.md", &format!("{FM}本文です。\n"));
    missing.cmd(&["check"]).code(1).stdout(contains("cannot read the site schema `schema/nope.yaml`"));
}
