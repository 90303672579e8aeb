//! Check: the rules that inspect the parsed model (`rules/`: steps,
//! headings, links and anchors, pages written twice, unused files,
//! troubleshooters, help ids through `crate::helpids`), run
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
    let mut diags = guide_checks(input);
    rules::links::check(input.site, &mut diags);
    rules::outputs::check(input.site, &mut diags);
    diags.extend(help_id_checks(input.site, input.root));
    diags
}

/// Help ids given twice and listed ids the site lacks (`help-id-*`), over
/// the whole site (for `serve` too, see [`anchor_checks`]).
pub fn help_id_checks(site: &Site, root: &Path) -> Vec<Diagnostic> {
    crate::helpids::check(site, root)
}

/// The rules about each guide on its own (steps, headings) and about unused
/// files: everything but the site-wide link and output rules, which `serve`
/// runs (and caches) apart.
pub fn guide_checks(input: &CheckInput<'_>) -> Vec<Diagnostic> {
    let site = input.site;
    let broken_images = broken_images(input.earlier);
    let (mut diags, assets): (Vec<Diagnostic>, _) = rayon::join(
        || {
            site.guides
                .par_iter()
                .flat_map_iter(|g| one_guide(g, &broken_in(g, |p| broken_images.get(p).cloned().unwrap_or_default())))
                .collect()
        },
        || asset_checks(input),
    );
    diags.extend(assets);
    diags
}

/// Where each file's screenshots were already reported missing or
/// unreadable (byte offsets), from earlier diagnostics.
pub fn broken_images(earlier: &[Diagnostic]) -> HashMap<&Path, Vec<usize>> {
    let mut broken: HashMap<&Path, Vec<usize>> = HashMap::new();
    for d in earlier {
        if let Some(at) = broken_image_at(d) {
            broken.entry(d.file.as_path()).or_default().push(at);
        }
    }
    broken
}

/// The offsets (in the guide's spans) of a guide's screenshots already
/// reported, its included files' included; `broken_at` gives the offsets
/// reported in one file (in that file's spans).
pub fn broken_in<I: IntoIterator<Item = usize>>(g: &crate::model::Guide, broken_at: impl Fn(&Path) -> I) -> Vec<usize> {
    let mut out: Vec<usize> = broken_at(&g.source).into_iter().collect();
    for f in &g.includes {
        out.extend(broken_at(&f.rel).into_iter().map(|a| a + f.base));
    }
    out
}

/// Where a screenshot is that `d` reports missing or unreadable.
pub fn broken_image_at(d: &Diagnostic) -> Option<usize> {
    let span = d.span.as_ref()?;
    rules::steps::IMAGE_RULES.iter().any(|r| r.id == d.rule.id).then_some(span.start)
}

/// The rules that look at one guide alone (steps, headings, troubleshooters); `broken`:
/// its screenshots already reported (see [`broken_in`]). `serve` keeps
/// their result per guide until the guide changes.
pub fn one_guide(g: &crate::model::Guide, broken: &[usize]) -> Vec<Diagnostic> {
    let mut d = Vec::new();
    rules::steps::check(g, broken, &mut d);
    rules::headings::check(g, &mut d);
    rules::flows::check(g, &mut d);
    for x in &mut d {
        g.relocate(x);
    }
    d
}

/// The rules about the site's assets (unused, missing, outside the site).
pub fn asset_checks(input: &CheckInput<'_>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    rules::assets::check(input.site, input.root, input.skipped_drafts, &mut diags);
    diags
}

/// Links to anchors that the target guide does not have (for `serve`, which
/// re-runs only the site-wide rules an edit can affect).
pub fn anchor_checks(site: &Site) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    rules::links::check(site, &mut diags);
    diags
}

/// [`anchor_checks`] for the links of one guide; `built` finds a built
/// guide by its source (`serve` checks again only the guides an edit can
/// affect).
pub fn anchor_checks_of<'s>(
    g: &crate::model::Guide,
    built: &dyn Fn(&Path) -> Option<&'s crate::model::Guide>,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    rules::links::check_guide(g, built, &mut diags);
    diags
}

/// Pages that two sources would write (for `serve`, see [`anchor_checks`]).
pub fn output_collisions(site: &Site) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    rules::outputs::check(site, &mut diags);
    diags
}
