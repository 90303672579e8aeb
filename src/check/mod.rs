//! Check: the rules that inspect the parsed model (`rules/`: steps,
//! headings, links and anchors, pages written twice, unused files), run
//! after resolve, and the report (`report.rs`) that applies the site's
//! `rules:` severities and prints diagnostics for people or as JSON.

pub mod fuzz;
pub mod report;
pub mod rules;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::Site;

/// What the checks look at besides the site.
pub struct CheckInput<'a> {
    pub site: &'a Site,
    /// The site folder.
    pub root: &'a Path,
    /// Guides not parsed because they are drafts (relative to `root`).
    pub skipped_drafts: &'a HashSet<PathBuf>,
    /// Diagnostics of the earlier stages (a step whose image is broken has
    /// already been reported; it is not also "without a screenshot").
    pub earlier: &'a [Diagnostic],
}

/// Run every model rule; guides are checked in parallel.
pub fn run(input: &CheckInput<'_>) -> Vec<Diagnostic> {
    let site = input.site;
    let mut diags = guide_checks(site, input.earlier);
    rules::links::check(site, &mut diags);
    rules::outputs::check(site, &mut diags);
    rules::assets::check(site, input.root, input.skipped_drafts, &mut diags);
    diags
}

/// The rules of each guide on its own (steps, headings), in parallel.
/// `earlier`: diagnostics of the stages before (see [`CheckInput::earlier`]).
pub fn guide_checks(site: &Site, earlier: &[Diagnostic]) -> Vec<Diagnostic> {
    let mut broken_images: HashMap<&Path, Vec<usize>> = HashMap::new();
    for d in earlier {
        if let (true, Some(span)) = (rules::steps::IMAGE_RULES.contains(&d.rule.id), &d.span) {
            broken_images.entry(d.file.as_path()).or_default().push(span.start);
        }
    }
    site.guides
        .par_iter()
        .flat_map_iter(|g| {
            let mut d = Vec::new();
            let broken = broken_images.get(g.source.as_path()).map(Vec::as_slice).unwrap_or_default();
            rules::steps::check(g, broken, &mut d);
            rules::headings::check(g, &mut d);
            d
        })
        .collect()
}

/// Links to anchors that the target guide does not have (for `serve`,
/// which runs the rules one by one as things change).
pub fn anchor_checks(site: &Site) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    rules::links::check(site, &mut diags);
    diags
}

/// Files in `content/` that nothing uses.
pub fn unused_assets(site: &Site, root: &Path, skipped_drafts: &HashSet<PathBuf>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    rules::assets::check(site, root, skipped_drafts, &mut diags);
    diags
}

/// Pages that two sources would write.
pub fn output_collisions(site: &Site) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    rules::outputs::check(site, &mut diags);
    diags
}
