//! The bundled example site: it builds without a problem, matches what the
//! README promises, every link and image resolves, and its structured data
//! agrees with the Markdown sources.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::output::assert_links_resolve;
use crate::render::jsonld;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Build the example site once per test run.
fn built() -> &'static Path {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let assert = assert_cmd::Command::cargo_bin("tebiki")
            .unwrap()
            .args(["build", ".", "--out"])
            .arg(&out)
            .current_dir(repo())
            .assert();
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(assert.get_output().status.success(), "{stderr}");
        // Clean, but for the translation left outdated on purpose (README, "Translations").
        assert!(stderr.contains("0 errors and 1 warning"), "the example site must be clean: {stderr}");
        assert!(
            stderr.contains("warning[translation-outdated]")
                && stderr.contains("content/settings/dark-mode/index.en.md"),
            "{stderr}"
        );
        (dir, out)
    });
    out
}

fn guide_sources() -> Vec<PathBuf> {
    walkdir::WalkDir::new(repo().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md")
                && !p.file_name().unwrap().to_string_lossy().starts_with('_')
                && !p.components().any(|c| c.as_os_str() == "includes")
        })
        .collect()
}

/// The Markdown of a guide with its include directives replaced by the
/// files they name (read here, independently of the parser), each line of
/// an included file indented as the directive.
fn with_includes(md: &str, dir: &Path) -> String {
    let mut out = String::new();
    for line in md.lines() {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix("[!INCLUDE [") {
            let path = &rest[rest.find("](").unwrap() + 2..rest.len() - 2];
            let file = dir.join(path);
            let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let indent = &line[..line.len() - t.len()];
            for l in with_includes(&text, file.parent().unwrap()).lines() {
                out.push_str(if l.is_empty() { "" } else { indent });
                out.push_str(l);
                out.push('\n');
            }
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn example_site_has_what_the_readme_promises() {
    let sources = guide_sources();
    let ja = sources.iter().filter(|p| !p.to_string_lossy().ends_with(".en.md")).count();
    let en = sources.iter().filter(|p| p.to_string_lossy().ends_with(".en.md")).count();
    assert!(sources.len() >= 8, "{} guides", sources.len());
    assert!(ja >= 4 && en >= 3, "{ja} ja, {en} en");
    let both = sources
        .iter()
        .filter(|p| p.to_string_lossy().ends_with(".en.md"))
        .filter(|p| p.with_file_name(p.file_name().unwrap().to_string_lossy().replace(".en.md", ".md")).is_file())
        .count();
    assert!(both >= 2, "translated guides: {both}");
    let categories =
        std::fs::read_dir(repo().join("content")).unwrap().filter_map(Result::ok).filter(|e| e.path().is_dir()).count();
    assert!(categories >= 3);
}

#[test]
fn every_link_and_image_of_the_example_site_resolves() {
    let checked = assert_links_resolve(built());
    assert!(checked > 500, "only {checked} links");
}

#[test]
fn every_screenshot_is_a_real_image_with_its_size() {
    let out = built();
    let mut seen = 0;
    for e in walkdir::WalkDir::new(out).into_iter().filter_map(Result::ok) {
        if e.path().extension().is_some_and(|x| x == "html") {
            let html = std::fs::read_to_string(e.path()).unwrap();
            for fig in html.split("<figure class=\"screenshot\">").skip(1) {
                let img = &fig[fig.find("<img").unwrap()..];
                let img = &img[..img.find('>').unwrap()];
                assert!(
                    img.contains(" width=\"") && img.contains(" height=\"") && img.contains("loading=\"lazy\""),
                    "{img}"
                );
                assert!(!img.contains("alt=\"\""), "{img}");
                seen += 1;
            }
        }
    }
    assert!(seen >= 40, "{seen} screenshots");
    for p in walkdir::WalkDir::new(repo().join("content")).into_iter().filter_map(Result::ok).map(|e| e.into_path()) {
        if p.extension().is_some_and(|e| e == "png") {
            let size = imagesize::size(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            assert!(size.width >= 300 && size.height >= 200, "{} is {}x{}", p.display(), size.width, size.height);
        }
    }
}

/// Steps and questions read straight from the Markdown, independently of the
/// parser: top-level numbered lines after the first `##` (and, in a
/// `=== "Label"` tab, lines numbered at its indentation: the steps of that
/// variant), `##`/`###` headings starting with a question mark, and the
/// fixes of troubleshooters.
fn source_outline(md: &str) -> (usize, Vec<(String, usize)>, Vec<String>) {
    let body = md.splitn(3, "---").nth(2).unwrap_or(md);
    let has_sections = body.lines().any(|l| l.starts_with("## "));
    let mut in_sections = !has_sections;
    let mut in_fence = false;
    let mut in_answer = false;
    let mut steps = 0;
    let mut tabs: Vec<(String, usize)> = Vec::new();
    let mut in_tab = false;
    let mut questions = Vec::new();
    // In a troubleshooter: the fixes are questions (named by their
    // headings), their steps not the guide's; a node whose last line is a
    // linked list item asks.
    let mut in_flow = false;
    let mut node: Option<(String, String)> = None;
    let flush = |node: &mut Option<(String, String)>, questions: &mut Vec<String>| {
        if let Some((title, last)) = node.take() {
            if !last.starts_with("- [") {
                questions.push(title);
            }
        }
    };
    for line in body.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        if in_fence {
            continue;
        }
        if line.starts_with("## ") || (in_flow && line.starts_with("### ")) {
            flush(&mut node, &mut questions);
        }
        if line.starts_with("## ") {
            in_flow = line.trim_end().ends_with(".flow}");
        }
        if in_flow {
            if let Some(title) = line.strip_prefix("### ") {
                let title = title.split(" {").next().unwrap_or(title).trim().to_string();
                node = Some((title, String::new()));
            } else if let Some((_, last)) = node.as_mut().filter(|_| !line.trim().is_empty()) {
                *last = line.to_string();
            }
            continue;
        }
        if let Some(label) = line.strip_prefix("=== \"") {
            tabs.push((label.trim_end_matches('"').to_string(), 0));
            in_tab = true;
            continue;
        }
        if in_tab && !line.is_empty() && !line.starts_with("    ") {
            in_tab = false;
        }
        if line.starts_with("## ") || line.starts_with("### ") {
            in_sections = true;
            let text = line.trim_start_matches('#').trim();
            // Without a heading's attributes (`{#id help=…}`).
            let text = text.split(" {").next().unwrap_or(text).trim();
            let is_q = ["Q:", "Q.", "Q：", "Ｑ：", "Ｑ．", "Q "].iter().any(|p| text.starts_with(p));
            in_answer = is_q;
            if is_q {
                questions.push(text.chars().skip(2).collect::<String>().trim().to_string());
            }
        }
        let item = if in_tab { line.strip_prefix("    ").unwrap_or("") } else { line };
        let numbered =
            item.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        if in_sections && !in_answer && numbered {
            match tabs.last_mut().filter(|_| in_tab) {
                Some((_, n)) => *n += 1,
                None => steps += 1,
            }
        }
    }
    flush(&mut node, &mut questions);
    (steps, tabs, questions)
}

#[test]
fn structured_data_matches_the_sources() {
    let out = built();
    let mut guides = 0;
    for src in guide_sources() {
        let md = std::fs::read_to_string(&src).unwrap();
        let rel = src.strip_prefix(repo().join("content")).unwrap();
        let lang_en = rel.to_string_lossy().ends_with(".en.md");
        let bundle = rel.file_name().unwrap().to_string_lossy().starts_with("index.");
        let page = if bundle {
            rel.parent().unwrap().with_extension("html")
        } else {
            rel.with_extension("").with_extension("html")
        };
        let page = if lang_en { Path::new("en").join(page) } else { page };
        let html = std::fs::read_to_string(out.join(&page)).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
        let docs = jsonld(&html);
        let (steps, tabs, questions) = source_outline(&with_includes(&md, src.parent().unwrap()));
        let howto = docs.iter().find(|d| d["@type"] == "HowTo").expect("HowTo");
        let items = howto["step"].as_array().unwrap();
        let ld_steps: Vec<&serde_json::Value> = items.iter().filter(|s| s["@type"] == "HowToStep").collect();
        assert_eq!(ld_steps.len(), steps, "{}", src.display());
        let ld_sections: Vec<(String, usize)> = items
            .iter()
            .filter(|s| s["@type"] == "HowToSection")
            .map(|s| (s["name"].as_str().unwrap().to_string(), s["itemListElement"].as_array().unwrap().len()))
            .collect();
        assert_eq!(ld_sections, tabs, "{}", src.display());
        let mut shown_steps = Vec::new();
        for (i, item) in items.iter().enumerate() {
            assert_eq!(item["position"], i + 1);
            assert!(item["url"].as_str().unwrap().contains("#"), "{item}");
            match item["itemListElement"].as_array() {
                Some(inner) => {
                    for (k, s) in inner.iter().enumerate() {
                        assert_eq!(s["position"], k + 1, "{item}");
                        shown_steps.push(s);
                    }
                }
                None => shown_steps.push(item),
            }
        }
        for s in shown_steps {
            assert!(s["url"].as_str().unwrap().contains("#"), "{s}");
            assert!(s["image"].is_string(), "every example step has a screenshot: {}", src.display());
            assert!(!s["name"].as_str().unwrap().is_empty());
        }
        let faq = docs.iter().find(|d| d["@type"] == "FAQPage");
        let ld_questions: Vec<String> = faq
            .map(|f| {
                f["mainEntity"].as_array().unwrap().iter().map(|q| q["name"].as_str().unwrap().to_string()).collect()
            })
            .unwrap_or_default();
        let plain: Vec<String> = questions.iter().map(|q| q.replace(['[', ']', '*', '`'], "")).collect();
        let ld_plain: Vec<String> = ld_questions.iter().map(|q| q.replace(['[', ']'], "")).collect();
        assert_eq!(ld_plain, plain, "{}", src.display());
        guides += 1;
    }
    assert!(guides >= 8);
}
