//! The whole check of one guide from bytes in memory, without a site
//! folder: what the fuzz target (`fuzz/`) and its regression tests run.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use crate::check::report::Report;
use crate::check::{self, CheckInput};
use crate::config::SiteConfig;
use crate::discover::{Discovery, GuideSource};
use crate::parse::{self, highlight::Highlighter, images::ImageSizes, ParseContext};
use crate::schema::FrontMatterSchema;

static HIGHLIGHTER: LazyLock<Highlighter> = LazyLock::new(Highlighter::new);
static SCHEMA: LazyLock<FrontMatterSchema> = LazyLock::new(FrontMatterSchema::builtin);

/// Check one guide given as bytes (invalid UTF-8 included); returns the
/// human and JSON reports.
pub fn guide(data: &[u8]) -> (String, String) {
    let (config, _) = SiteConfig::parse("title: T\nlanguages: [ja, en]\n", Path::new("tebiki.yaml"))
        .expect("the fuzz config is valid");
    let rel = PathBuf::from("content/a/g.md");
    let src = GuideSource {
        path: PathBuf::from("/nonexistent/content/a/g.md"),
        rel: rel.clone(),
        lang: "ja".into(),
        slug: "g".into(),
        category: "a".into(),
        url: "a/g.html".into(),
    };
    let discovery = Discovery::default();
    let images = ImageSizes::probe(&discovery);
    let no_drafts = HashSet::new();
    let strings = |_: &str| crate::parse::markdown::PARSE_STRING_KEYS.map(String::from);
    let cx = ParseContext {
        config: &config,
        discovery: &discovery,
        highlighter: &HIGHLIGHTER,
        strings: &strings,
        drafts: false,
        draft_sources: &no_drafts,
        schema: &SCHEMA,
        images: &images,
        dates: &crate::history::FileDates::none(),
        html: true,
        includes: &crate::parse::include::NoIncludes,
    };
    let mut diagnostics = Vec::new();
    let mut texts = HashMap::new();
    let guides = match parse::decode_text(data, &rel) {
        Ok(text) => {
            let (guide, diags) = parse::parse_guide_text(&src, &text, &cx);
            // `tebiki check` parses without HTML and must find the same.
            let (_, check_diags) = parse::parse_guide_text(&src, &text, &ParseContext { html: false, ..cx });
            assert_eq!(format!("{diags:?}"), format!("{check_diags:?}"), "check and build disagree");
            diagnostics.extend(diags);
            texts.insert(rel.clone(), text);
            vec![guide]
        }
        Err(d) => {
            diagnostics.push(d);
            texts.insert(rel.clone(), String::from_utf8_lossy(data).into_owned());
            Vec::new()
        }
    };
    let (site, diags) = crate::resolve::resolve(config, &discovery, guides, Vec::new());
    diagnostics.extend(diags);
    let more = check::run(&CheckInput {
        site: &site,
        root: Path::new("/nonexistent"),
        skipped_drafts: &no_drafts,
        earlier: &diagnostics,
    });
    diagnostics.extend(more);
    let report = Report::with_texts(Some(&site.config), diagnostics, &texts);
    let mut human = Vec::new();
    let mut json = Vec::new();
    report.print_human(&mut human).expect("writing to memory");
    report.print_json(&mut json).expect("writing to memory");
    (String::from_utf8_lossy(&human).into_owned(), String::from_utf8_lossy(&json).into_owned())
}
