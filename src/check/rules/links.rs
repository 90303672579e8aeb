//! Links between guides: an anchor the target page does not have
//! (`anchor-missing`). Missing targets are found while parsing.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::{Guide, Site};
use crate::rules;
use crate::source::closest;

pub fn check(site: &Site, diags: &mut Vec<Diagnostic>) {
    let by_source: HashMap<&Path, usize> =
        site.guides.iter().enumerate().map(|(i, g)| (g.source.as_path(), i)).collect();
    for g in &site.guides {
        check_guide(g, &|p| by_source.get(p).map(|&i| &site.guides[i]), diags);
    }
}

/// The links of one guide; `built` finds a built guide by its source.
pub fn check_guide<'s>(g: &Guide, built: &dyn Fn(&Path) -> Option<&'s Guide>, diags: &mut Vec<Diagnostic>) {
    for link in &g.links {
        let Some(anchor) = link.anchor.as_deref().filter(|a| !a.is_empty()) else {
            continue;
        };
        let Some(t) = built(&link.target) else {
            continue;
        };
        if !t.anchors.iter().any(|a| a == anchor) {
            let hint = step_range(anchor, &t.anchors).or_else(|| {
                closest(anchor, t.anchors.iter().map(String::as_str)).map(|a| format!("the page has an anchor `#{a}`"))
            });
            let mut d = Diagnostic::new(
                &rules::ANCHOR_MISSING,
                &g.source,
                link.span.clone(),
                format!("`{}` has no anchor `#{anchor}`", t.source.display()),
            )
            .with_hint(hint);
            g.relocate(&mut d);
            diags.push(d);
        }
    }
}

/// For a step anchor past the end of its procedure (`#step-15` on a page of
/// ten steps): which steps the procedure has.
fn step_range(anchor: &str, anchors: &[String]) -> Option<String> {
    let (prefix, _) = step_anchor(anchor)?;
    let numbers: Vec<u32> =
        anchors.iter().filter_map(|a| step_anchor(a)).filter(|(p, _)| *p == prefix).map(|(_, n)| n).collect();
    let (first, last) = (*numbers.iter().min()?, *numbers.iter().max()?);
    if first == last {
        return Some(format!("the page has one step, `#{prefix}step-{first}`"));
    }
    Some(format!("the page has steps {first}–{last} (`#{prefix}step-{first}` … `#{prefix}step-{last}`)"))
}

/// `step-7` → (``, 7); `setup-step-3` → (`setup-`, 3).
fn step_anchor(anchor: &str) -> Option<(&str, u32)> {
    let at = anchor.rfind("step-")?;
    let n = anchor[at + 5..].parse().ok()?;
    (at == 0 || anchor[..at].ends_with('-')).then_some((&anchor[..at], n))
}
