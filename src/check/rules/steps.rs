//! Steps: a step without a screenshot (`step-no-screenshot`) and procedure
//! numbers that skip or repeat (`step-numbering`), sub-steps included.

use crate::diagnostic::Diagnostic;
use crate::model::{Block, Guide, Procedure, Step, StepBlock};
use crate::rules;

/// Rules of images that could not be shown: a step with one of these has
/// a screenshot, only a broken one (already reported).
pub const IMAGE_RULES: &[&rules::Rule] =
    &[&rules::ASSET_MISSING, &rules::IMAGE_UNREADABLE, &rules::PATH_ESCAPES_SITE, &rules::UNSAFE_URL];

/// `broken_images`: start offsets of images in this guide already reported
/// as missing or unreadable.
pub fn check(guide: &Guide, broken_images: &[usize], diags: &mut Vec<Diagnostic>) {
    for block in guide.intro.iter().chain(&guide.body) {
        walk(guide, block, broken_images, diags);
    }
}

fn walk(guide: &Guide, block: &Block, broken: &[usize], diags: &mut Vec<Diagnostic>) {
    match block {
        Block::Procedure(p) => {
            numbering(guide, p, diags);
            for step in &p.steps {
                let has_broken_image = broken.iter().any(|at| step.span.contains(at));
                if step.screenshots().next().is_none() && !has_broken_image {
                    diags.push(
                        Diagnostic::new(
                            &rules::STEP_NO_SCREENSHOT,
                            &guide.source,
                            marker(step),
                            format!("step {} has no screenshot", step.number),
                        )
                        .with_hint(Some(
                            "show what the reader should see: `![The Start button](shots/start.png)` below the instruction"
                                .into(),
                        )),
                    );
                }
                substeps(guide, step, diags);
            }
        }
        Block::Section(s) => s.blocks.iter().for_each(|b| walk(guide, b, broken, diags)),
        Block::Flow(f) => {
            f.intro.iter().chain(f.nodes.iter().flat_map(|n| &n.blocks)).for_each(|b| walk(guide, b, broken, diags))
        }
        _ => {}
    }
}

fn substeps(guide: &Guide, step: &Step, diags: &mut Vec<Diagnostic>) {
    for c in &step.content {
        if let StepBlock::Substeps(p) = c {
            numbering(guide, p, diags);
            p.steps.iter().for_each(|s| substeps(guide, s, diags));
        }
    }
}

/// The span of a step's list marker (`3.`, `３．`).
fn marker(step: &Step) -> crate::model::Span {
    if step.marker.is_empty() {
        step.span.start..(step.span.start + 2).min(step.span.end.max(step.span.start))
    } else {
        step.marker.clone()
    }
}

/// Numbering as CommonMark reads it: every number written the same
/// (`1. 1. 1.`, `0. 0.`) or each one more than the one before from the
/// first is fine. Otherwise every step whose written number is not the one
/// the page shows is reported, so one run lists them all.
fn numbering(guide: &Guide, p: &Procedure, diags: &mut Vec<Diagnostic>) {
    let written = &p.written_numbers;
    if written.len() != p.steps.len() || written.len() < 2 {
        return;
    }
    if written.iter().all(|&n| n == written[0]) {
        return;
    }
    let last = p.start + written.len() as u64 - 1;
    for (i, (&n, step)) in written.iter().zip(&p.steps).enumerate() {
        let shown = p.start + i as u64;
        if n == shown {
            continue;
        }
        let previous = written[i - 1];
        let message = if n == previous {
            format!("step number {n} is repeated: the page shows this step as {shown}")
        } else if n < previous {
            format!("step number {n} comes after {previous}: the page shows this step as {shown}")
        } else {
            format!("step number {n} follows {previous}: the page shows this step as {shown}")
        };
        diags.push(Diagnostic::new(&rules::STEP_NUMBERING, &guide.source, marker(step), message).with_hint(Some(
            format!(
                "number the steps {} to {last} in order, or write every step as `{}.` and let the page number them",
                p.start, p.start
            ),
        )));
    }
}
