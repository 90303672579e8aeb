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
                let without = tabs_without_screenshot(step);
                let missing = match without.as_slice() {
                    _ if step.screenshots().next().is_some() || has_broken_image => None,
                    // Tabs, each with a screenshot: every variant shows one.
                    [] if has_tabs(step) => None,
                    [] => Some(format!("step {} has no screenshot", step.number)),
                    labels => Some(format!(
                        "step {} has no screenshot in the tab {}",
                        step.number,
                        labels.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ")
                    )),
                };
                if let Some(message) = missing {
                    diags.push(
                        Diagnostic::new(&rules::STEP_NO_SCREENSHOT, &guide.source, marker(step), message)
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
        Block::Tabs(t) => t.tabs.iter().flat_map(|tab| &tab.blocks).for_each(|b| walk(guide, b, broken, diags)),
        Block::Flow(f) => {
            f.intro.iter().chain(f.nodes.iter().flat_map(|n| &n.blocks)).for_each(|b| walk(guide, b, broken, diags))
        }
        _ => {}
    }
}

fn has_tabs(step: &Step) -> bool {
    step.content.iter().any(|c| matches!(c, StepBlock::Tabs(_)))
}

/// Labels of the tabs in a step that show no screenshot.
fn tabs_without_screenshot(step: &Step) -> Vec<&str> {
    step.content
        .iter()
        .filter_map(|c| match c {
            StepBlock::Tabs(t) => Some(t),
            _ => None,
        })
        .flat_map(|t| &t.tabs)
        .filter(|tab| !tab.blocks.iter().any(|b| matches!(b, StepBlock::Screenshot(_))))
        .map(|tab| tab.label.as_str())
        .collect()
}

fn substeps(guide: &Guide, step: &Step, diags: &mut Vec<Diagnostic>) {
    substep_blocks(guide, &step.content, diags);
}

fn substep_blocks(guide: &Guide, content: &[StepBlock], diags: &mut Vec<Diagnostic>) {
    for c in content {
        match c {
            StepBlock::Substeps(p) => {
                numbering(guide, p, diags);
                p.steps.iter().for_each(|s| substeps(guide, s, diags));
            }
            StepBlock::Tabs(t) => t.tabs.iter().for_each(|tab| substep_blocks(guide, &tab.blocks, diags)),
            _ => {}
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
/// the page shows is reported, so one run lists them all. Steps an include
/// brought in are numbered by their own file: each run of steps written in
/// one file is held to this on its own.
fn numbering(guide: &Guide, p: &Procedure, diags: &mut Vec<Diagnostic>) {
    let written = &p.written_numbers;
    if written.len() != p.steps.len() || written.len() < 2 {
        return;
    }
    if guide.includes.is_empty() {
        return numbering_run(guide, p, 0..written.len(), diags);
    }
    // Runs of steps from the same file (the same inclusion of it).
    let file = |s: &Step| guide.included_at(s.marker.start).map(|(i, _)| i);
    let mut start = 0;
    for k in 1..=written.len() {
        if k == written.len() || file(&p.steps[k]) != file(&p.steps[start]) {
            numbering_run(guide, p, start..k, diags);
            start = k;
        }
    }
}

fn numbering_run(guide: &Guide, p: &Procedure, run: std::ops::Range<usize>, diags: &mut Vec<Diagnostic>) {
    let written = &p.written_numbers[run.clone()];
    if written.len() < 2 || written.iter().all(|&n| n == written[0]) {
        return;
    }
    // A run goes up by one from its first written number (for the whole
    // procedure, that is its start).
    let from = written[0];
    let last = from + written.len() as u64 - 1;
    for (i, (&n, step)) in written.iter().zip(&p.steps[run.clone()]).enumerate() {
        if n == from + i as u64 {
            continue;
        }
        let shown = p.start + (run.start + i) as u64;
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
            "number the steps {from} to {last} in order, or write every step as `{from}.` and let the page number them"
        ),
        )));
    }
}
