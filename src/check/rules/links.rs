//! Links between guides: an anchor the target page does not have
//! (`anchor-missing`). Missing targets are found while parsing.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::rules;
use crate::source::closest;

pub fn check(site: &Site, diags: &mut Vec<Diagnostic>) {
    let by_source: HashMap<&Path, usize> =
        site.guides.iter().enumerate().map(|(i, g)| (g.source.as_path(), i)).collect();
    for g in &site.guides {
        for link in &g.links {
            let Some(anchor) = link.anchor.as_deref().filter(|a| !a.is_empty()) else {
                continue;
            };
            let Some(&target) = by_source.get(link.target.as_path()) else {
                continue;
            };
            let t = &site.guides[target];
            if !t.anchors.iter().any(|a| a == anchor) {
                let hint = closest(anchor, t.anchors.iter().map(String::as_str))
                    .map(|a| format!("the page has an anchor `#{a}`"));
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
}
