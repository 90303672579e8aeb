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

/// The span of a step's list marker (`3.`).
fn marker(step: &Step) -> crate::model::Span {
    let len = step.number.to_string().len() + 1;
    step.span.start..(step.span.start + len).min(step.span.end.max(step.span.start))
}

/// One diagnostic per procedure, at the first number that is off.
fn numbering(guide: &Guide, p: &Procedure, diags: &mut Vec<Diagnostic>) {
    if p.written_numbers.len() != p.steps.len() {
        return;
    }
    for (i, (&written, step)) in p.written_numbers.iter().zip(&p.steps).enumerate() {
        let expected = p.start + i as u64;
        if written == expected {
            continue;
        }
        let previous = i.checked_sub(1).map(|j| p.written_numbers[j]);
        let message = match previous {
            Some(prev) if written == prev => format!("step number {written} is repeated"),
            Some(prev) if written < prev => format!("step number {written} comes after {prev}"),
            Some(prev) => format!("step numbers skip from {prev} to {written}"),
            None => format!("step number {written} is out of order"),
        };
        let span = step.span.start..step.span.start + written.to_string().len() + 1;
        diags.push(Diagnostic::new(&rules::STEP_NUMBERING, &guide.source, span, message).with_hint(Some(format!(
            "this is step {expected} on the page; number the steps {}, {}, {} … in order",
            p.start,
            p.start + 1,
            p.start + 2
        ))));
        return;
    }
}
