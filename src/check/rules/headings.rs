//! The outline of a guide: heading levels that skip one (`heading-skip`)
//! and a `#` heading repeating the title the page already shows
//! (`title-as-h1`).

use crate::diagnostic::Diagnostic;
use crate::model::Guide;
use crate::parse::title_key;
use crate::rules;

pub fn check(guide: &Guide, diags: &mut Vec<Diagnostic>) {
    // The page's title is the level-1 heading.
    let mut previous = 1u8;
    let mut first = true;
    // A title taken from the body's `#` heading repeats nothing.
    let title = if guide.meta.title_from_heading { String::new() } else { title_key(&guide.meta.title) };
    for h in &guide.headings {
        if h.level == 1 && !title.is_empty() && title_key(&h.text) == title {
            diags.push(
                Diagnostic::new(
                    &rules::TITLE_AS_H1,
                    &guide.source,
                    h.span.clone(),
                    "the title is repeated as a `#` heading",
                )
                .with_hint(Some(
                    "the page shows the front matter's `title:` once; remove this line (or the `title:` field)".into(),
                )),
            );
        }
        if h.level > previous + 1 {
            let hashes = "#".repeat(usize::from(previous) + 1);
            let message = if first {
                format!("heading level {} comes right after the title (level 1)", h.level)
            } else {
                format!("heading level {} follows level {previous}", h.level)
            };
            diags.push(
                Diagnostic::new(&rules::HEADING_SKIP, &guide.source, h.span.clone(), message)
                    .with_hint(Some(format!("use `{hashes}` here; sections are `##`, their parts `###`"))),
            );
        }
        previous = h.level;
        first = false;
    }
}
