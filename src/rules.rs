//! The registry of checks: every diagnostic names one of these rules. Ids are
//! stable (sites refer to them under `rules:` in `tebiki.yaml`); each has a
//! default severity and a one-line summary, used by the README's rule table
//! (a test keeps it in step with this list).

use std::path::Path;

use crate::diagnostic::{Diagnostic, Severity};

/// A named check.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub default: Severity,
    pub summary: &'static str,
}

macro_rules! rules {
    ($($name:ident = $id:literal, $sev:ident, $summary:literal;)*) => {
        $(pub static $name: Rule = Rule { id: $id, default: Severity::$sev, summary: $summary };)*
        /// Every rule, in documentation order.
        pub static ALL: &[&Rule] = &[$(&$name),*];
    };
}

rules! {
    CONFIG_UNKNOWN_KEY = "config-unknown-key", Error, "tebiki.yaml has a key, or a rule id under `rules:`, that tebiki does not know";
    FILE_UNREADABLE = "file-unreadable", Error, "a file cannot be read, is not UTF-8, or is a symbolic link loop";
    FRONT_MATTER_MISSING = "front-matter-missing", Error, "a guide does not start with `---` front matter";
    FRONT_MATTER_SYNTAX = "front-matter-syntax", Error, "front matter is not valid YAML, is not closed by `---`, or has a key twice";
    SCHEMA = "schema", Error, "front matter does not match the JSON Schema (built-in + the site's), or the site's schema is broken";
    DATE_INVALID = "date-invalid", Error, "a date is not a real YYYY-MM-DD date";
    DATE_ORDER = "date-order", Error, "`updated` is earlier than `published`";
    EMPTY_GUIDE = "empty-guide", Error, "a guide has no body";
    SCREENSHOT_ALT_MISSING = "screenshot-alt-missing", Error, "a screenshot has no alt text";
    ASSET_MISSING = "asset-missing", Error, "a screenshot or linked file does not exist";
    IMAGE_UNREADABLE = "image-unreadable", Error, "a screenshot is not a readable image";
    IMAGE_NOT_DECODED = "image-not-decoded", Warning, "a screenshot's pixels cannot be decoded: it is published as it is, without optimised files";
    IMAGE_TOO_LARGE = "image-too-large", Warning, "a screenshot is heavier than `images.max_bytes` or wider than `images.max_width`";
    IMAGE_DENSITY_MISMATCH = "image-density-mismatch", Warning, "a `@2x` screenshot has an odd number of pixels or is under 16 CSS pixels";
    IMAGE_MARK = "image-mark", Error, "a `#mark=` on a screenshot is malformed or reaches outside the image";
    ASSET_UNUSED = "asset-unused", Warning, "a file in content/ is not used by any guide or category";
    PATH_ESCAPES_SITE = "path-escapes-site", Error, "a path or symbolic link leads outside the site folder";
    LINK_TARGET_MISSING = "link-target-missing", Error, "a link points at a guide that does not exist";
    ANCHOR_MISSING = "anchor-missing", Error, "a link points at an anchor the target page does not have";
    LINK_TO_DRAFT = "link-to-draft", Warning, "a link points at a draft, which is not built";
    UNSAFE_URL = "unsafe-url", Warning, "a link uses a scheme such as `javascript:` and was dropped";
    RELATED_UNKNOWN = "related-unknown", Error, "a `related` entry matches no guide";
    RAW_HTML = "raw-html", Warning, "the sanitizer removed something from raw HTML (an element, event handler or URL)";
    DUPLICATE_OUTPUT = "duplicate-output", Error, "two sources would write the same output page";
    DUPLICATE_ANCHOR = "duplicate-anchor", Error, "two elements of a page have the same id";
    STEP_NO_INSTRUCTION = "step-no-instruction", Error, "a step has no instruction text";
    STEP_NO_SCREENSHOT = "step-no-screenshot", Warning, "a step has no screenshot";
    STEP_NUMBERING = "step-numbering", Error, "a procedure's written numbers are mixed: they skip or repeat (`1. 2. 2.`, `1. 3.`); `1. 1. 1.` is fine";
    LIST_INTERRUPTED = "list-interrupted", Warning, "text between two steps is not indented under the step, which ends the list (the steps stay one procedure)";
    QUESTION_NO_ANSWER = "question-no-answer", Error, "a question has no answer";
    FLOW_NODE_ID = "flow-node-id", Error, "a node of a troubleshooter has no `{#id}` of its own";
    FLOW_TARGET_MISSING = "flow-target-missing", Error, "an answer or a fix's way on links to `#id`, and no node or anchor of the page has that id";
    FLOW_DEAD_END = "flow-dead-end", Error, "a reader gets stuck: a question without answers, an answer that is not a link, a fix with no way on and no `support.contact`";
    FLOW_UNREACHABLE = "flow-unreachable", Warning, "no path from a troubleshooter's first node leads to this node";
    FLOW_LOOP = "flow-loop", Error, "fixes lead to each other in a circle with no question in it, or no answer leads out of a circle of questions";
    HEADING_SKIP = "heading-skip", Warning, "a heading skips a level (`##` then `####`, or `###` first)";
    TITLE_AS_H1 = "title-as-h1", Warning, "the body repeats the title as a `#` heading";
    CONTAINER_UNCLOSED = "container-unclosed", Warning, "a `:::` container has no closing line of colons, so it runs to the end of the page (or of its quote)";
    NESTING_TOO_DEEP = "nesting-too-deep", Error, "quotes or lists are nested too deeply to keep as they are";
    INCLUDE_MISSING = "include-missing", Error, "an `[!INCLUDE]` names a file that does not exist or cannot be read";
    INCLUDE_CYCLE = "include-cycle", Error, "included files include each other in a circle, or nest more than 8 deep";
    TRANSLATION_OUTDATED = "translation-outdated", Warning, "a translation is older than the original it was translated from";
    HELP_ID_DUPLICATE = "help-id-duplicate", Error, "a help id (`help_id:`, `{help=…}`) is given to two places";
    HELP_ID_INVALID = "help-id-invalid", Error, "a heading's `help` attribute has no id (`{help}`, `{help=}`)";
    HELP_ID_MISSING = "help-id-missing", Error, "an id of the product's list (`help_ids` in tebiki.yaml) is no guide's help id, or the list cannot be read";
    SUMMARY_MISSING = "summary-missing", Warning, "a guide has no `summary` (or `description`), so its first paragraph is used";
}

/// Rules a site turns on under `rules:` (with the severity it gives them);
/// unless it does, they report nothing. Their `default` is the severity
/// they take when turned on with `warn`.
pub static OFF_BY_DEFAULT: &[&str] = &["summary-missing"];

impl Rule {
    /// Whether the rule reports anything on a site that does not mention it.
    pub fn on_by_default(&self) -> bool {
        !OFF_BY_DEFAULT.contains(&self.id)
    }

    /// The default column of the README's rule table.
    pub fn default_label(&self) -> &'static str {
        if self.on_by_default() {
            self.default.as_str()
        } else {
            "off"
        }
    }
}

/// The rule with this id.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.id == id)
}

/// Diagnostics for the ids under `rules:` in `tebiki.yaml` (whose text is
/// `text`) that name no rule, each at its line with the closest real id.
pub fn unknown_ids<'a>(text: &str, file: &Path, ids: impl IntoIterator<Item = &'a str>) -> Vec<Diagnostic> {
    let unknown: Vec<&str> = ids.into_iter().filter(|id| by_id(id).is_none()).collect();
    if unknown.is_empty() {
        return Vec::new();
    }
    // Read the file again only to point at the unknown ids.
    let doc = crate::yaml::load(text, 0).ok();
    unknown
        .into_iter()
        .map(|id| {
            let pointer = format!("/rules/{}", crate::yaml::escape_pointer(id));
            let span = doc
                .as_ref()
                .and_then(|d| d.span(&pointer))
                .and_then(|s| s.key.clone())
                .or_else(|| crate::source::key_span(text, 0, "rules"))
                .unwrap_or(0..0);
            let hint = crate::source::closest(id, ALL.iter().map(|r| r.id))
                .map(|r| format!("did you mean `{r}`?"))
                .or_else(|| Some("the rule ids are listed in the README, section \"Checks\"".into()));
            Diagnostic::new(&CONFIG_UNKNOWN_KEY, file, span, format!("unknown rule `{id}` under `rules:`"))
                .with_hint(hint)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut ids: Vec<&str> = ALL.iter().map(|r| r.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), ALL.len());
        assert!(ALL.iter().all(|r| r.id.chars().all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())));
    }
}
