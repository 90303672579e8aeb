//! The documentation stays true: `docs/config.md` documents exactly the keys
//! `tebiki.yaml` takes (top-level keys from `config::KNOWN_KEYS`, nested ones
//! found by asking the settings structs which fields they accept), its
//! example parses cleanly, and every link between the README, the docs and
//! what the program prints leads to a file and heading that exist.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tebiki::config::{ConfigError, SiteConfig, KNOWN_KEYS};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
}

const CONFIG_DOC: &str = "docs/config.md";

/// The keys a nested setting accepts, by feeding it an unknown key: a
/// settings struct (`#[serde(deny_unknown_fields)]`) answers with the list of
/// its fields. `None` when the value is not such a struct (text, a list, a
/// map of free keys like `rules`).
fn fields_of(path: &[&str]) -> Option<Vec<String>> {
    const PROBE: &str = "tebiki_docs_probe";
    let mut yaml = String::from("title: T\nlanguages: [en]\n");
    for (depth, key) in path.iter().enumerate() {
        yaml.push_str(&format!("{}{key}:\n", "  ".repeat(depth)));
    }
    yaml.push_str(&format!("{}{PROBE}: 0\n", "  ".repeat(path.len())));
    let message = match SiteConfig::parse(&yaml, Path::new("tebiki.yaml")) {
        Err(ConfigError::Invalid { message, .. }) => message,
        _ => return None,
    };
    let expected = message.split(&format!("unknown field `{PROBE}`, expected ")).nth(1)?;
    let expected = expected.split(" at line ").next().unwrap_or(expected);
    if expected.starts_with("there are no fields") {
        return Some(Vec::new());
    }
    Some(expected.split('`').skip(1).step_by(2).map(str::to_string).collect())
}

/// Every key `tebiki.yaml` takes, nested ones as `search.synonyms`.
fn config_keys() -> BTreeSet<String> {
    fn walk(path: &mut Vec<String>, out: &mut BTreeSet<String>) {
        out.insert(path.join("."));
        let parts: Vec<&str> = path.iter().map(String::as_str).collect();
        for field in fields_of(&parts).unwrap_or_default() {
            path.push(field);
            walk(path, out);
            path.pop();
        }
    }
    let mut keys = BTreeSet::new();
    for key in KNOWN_KEYS {
        walk(&mut vec![key.to_string()], &mut keys);
    }
    keys
}

/// The keys `docs/config.md` documents: its `### `key`` and `#### `a.b``
/// headings.
fn documented_keys() -> BTreeSet<String> {
    read(CONFIG_DOC)
        .lines()
        .filter_map(|l| l.strip_prefix("### ").or_else(|| l.strip_prefix("#### ")))
        .filter_map(|h| h.trim().strip_prefix('`')?.strip_suffix('`').map(str::to_string))
        .collect()
}

#[test]
fn the_probe_finds_nested_keys() {
    // What the two tests below rely on.
    let search = fields_of(&["search"]).unwrap();
    assert!(search.contains(&"synonyms".to_string()) && search.contains(&"builtin_synonyms".to_string()), "{search:?}");
    assert!(fields_of(&["feedback"]).unwrap().contains(&"endpoint".to_string()));
    assert_eq!(fields_of(&["title"]), None);
    assert_eq!(fields_of(&["rules"]), None);
    assert!(config_keys().contains("search.builtin_synonyms"));
}

#[test]
fn every_config_key_is_documented() {
    let documented = documented_keys();
    for key in config_keys() {
        let heading = if key.contains('.') { "####" } else { "###" };
        let under = key.rsplit_once('.').map(|(parent, _)| format!(", under `### `{parent}``")).unwrap_or_default();
        assert!(
            documented.contains(&key),
            "`{key}` is a tebiki.yaml key (src/config.rs) but {CONFIG_DOC} does not document it: \
             add a `{heading} `{key}`` heading{under} in its \"Keys\" section saying what the key does, \
             what it takes and its default"
        );
    }
}

#[test]
fn every_documented_key_is_a_config_key() {
    let keys = config_keys();
    for key in documented_keys() {
        assert!(
            keys.contains(&key),
            "{CONFIG_DOC} documents `{key}`, which tebiki.yaml does not take (src/config.rs: KNOWN_KEYS and the \
             settings structs): remove its heading or add the key"
        );
    }
}

#[test]
fn the_example_of_config_md_is_a_valid_config() {
    let doc = read(CONFIG_DOC);
    let example = doc.split("```yaml\n").nth(1).and_then(|b| b.split("```").next()).expect("a yaml example");
    let (config, diagnostics) = SiteConfig::parse(example, Path::new("tebiki.yaml")).expect("the example parses");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(config.base_url().as_deref(), Some("https://help.example.com/"));
}

/// GitHub's anchor of a heading: lower case, punctuation dropped, spaces to `-`.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn anchors(file: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let mut fenced = false;
    let mut out = BTreeSet::new();
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with('#') {
            out.insert(anchor(line.trim_start_matches('#')));
        }
    }
    out
}

/// Relative link targets (`docs/x.md#y`) of Markdown text, outside code.
fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        // Outside `inline code` too.
        let prose: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        for part in prose.split("](").skip(1) {
            let target = part.split(')').next().unwrap_or_default();
            let target = target.split_whitespace().next().unwrap_or_default();
            if !target.contains("://") && !target.starts_with("mailto:") && !target.is_empty() {
                out.push(target.to_string());
            }
        }
    }
    out
}

/// Check that `target` (relative to `base`) names an existing file and heading.
fn assert_leads_somewhere(from: &str, base: &Path, target: &str) {
    let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
    let path: PathBuf = if file.is_empty() { repo().join(from) } else { base.join(file) };
    assert!(path.exists(), "{from}: the link `{target}` leads to nothing ({} does not exist)", path.display());
    if !fragment.is_empty() && path.extension().is_some_and(|e| e == "md") {
        let known = anchors(&path);
        assert!(known.contains(fragment), "{from}: `{target}`: no heading `#{fragment}` in {file} ({known:?})");
    }
}

#[test]
fn links_of_the_readme_and_the_docs_lead_somewhere() {
    let mut files = vec!["README.md".to_string()];
    for e in std::fs::read_dir(repo().join("docs")).unwrap().filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") {
            files.push(format!("docs/{name}"));
        }
    }
    assert!(files.len() >= 4, "{files:?}");
    let mut count = 0;
    for from in &files {
        let base = repo().join(from).parent().unwrap().to_path_buf();
        for target in links(&read(from)) {
            assert_leads_somewhere(from, &base, &target);
            count += 1;
        }
    }
    assert!(count >= 8, "only {count} links checked");
}

#[test]
fn what_the_program_and_the_starter_site_point_at_exists() {
    // The base_url note of `tebiki build`.
    let note = tebiki::cli::BASE_URL_NOTE;
    let target = note.split_whitespace().find(|w| w.starts_with("docs/")).expect("the note names a doc");
    assert_leads_somewhere("BASE_URL_NOTE", repo(), target.trim_end_matches(')'));
    // The starter site's tebiki.yaml names the docs that describe it.
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("help");
    tebiki::scaffold::new_site(&site, "2024-03-02").unwrap();
    let config = std::fs::read_to_string(site.join("tebiki.yaml")).unwrap();
    let named: Vec<&str> =
        config.split(|c: char| c.is_whitespace() || c == ',').filter(|w| w.starts_with("docs/")).collect();
    assert!(named.len() >= 2, "{config}");
    for doc in named {
        assert_leads_somewhere("the starter tebiki.yaml", repo(), doc.trim_end_matches('.'));
    }
    assert!(!config.contains("FORMAT.md"), "{config}");
    assert!(!read("README.md").contains("FORMAT.md"), "the README points at a file that is not in the project");
}

/// The fenced blocks of one language in a Markdown file.
fn blocks<'a>(text: &'a str, lang: &str) -> Vec<&'a str> {
    let open = format!("```{lang}\n");
    text.split(open.as_str()).skip(1).filter_map(|b| b.split("\n```").next()).collect()
}

#[test]
fn yaml_in_the_docs_is_valid_and_the_pages_workflow_uploads_what_it_builds() {
    let mut count = 0;
    for doc in ["README.md", "docs/config.md", "docs/deploy.md", "docs/format.md"] {
        for block in blocks(&read(doc), "yaml") {
            // Front matter examples are between `---` lines.
            let block = block.trim_start_matches("---\n").trim_end_matches("\n---");
            serde_yaml::from_str::<serde_yaml::Value>(block).unwrap_or_else(|e| panic!("{doc}: {e}\n{block}"));
            count += 1;
        }
    }
    assert!(count >= 6, "{count} YAML blocks");
    let workflow: serde_yaml::Value = serde_yaml::from_str(&read("docs/examples/github-pages.yml")).unwrap();
    let steps = workflow["jobs"]["build"]["steps"].as_sequence().expect("build steps");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(runs.contains(&"tebiki build . --out public"), "{runs:?}");
    let upload =
        steps.iter().find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/upload-pages-artifact")));
    assert_eq!(upload.expect("an upload step")["with"]["path"].as_str(), Some("public"));
    assert!(read("docs/deploy.md").contains("examples/github-pages.yml"));
}

#[test]
fn the_minimum_rust_version_holds_for_every_dependency() {
    let manifest = read("Cargo.toml");
    let ours = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("rust-version in Cargo.toml");
    let readme = read("README.md");
    assert!(readme.contains(&format!("Rust {ours}")), "the README does not say the minimum Rust version {ours}");
    let version = |v: &str| -> (u32, u32) {
        let mut it = v.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
        (it.next().unwrap_or(0), it.next().unwrap_or(0))
    };
    let cargo = option_env!("CARGO").unwrap_or("cargo");
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .current_dir(repo())
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut checked = 0;
    for package in metadata["packages"].as_array().unwrap() {
        if let Some(needs) = package["rust_version"].as_str() {
            checked += 1;
            assert!(
                version(needs) <= version(ours),
                "{} {} needs Rust {needs}, above rust-version {ours}: pin an older version \
                 (`cargo update -p {} --precise …`) or raise rust-version and the README",
                package["name"],
                package["version"],
                package["name"].as_str().unwrap_or_default()
            );
        }
    }
    assert!(checked > 50, "{checked} packages declare a Rust version");
}
