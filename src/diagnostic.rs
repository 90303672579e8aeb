//! Diagnostics as values: a rule, a severity, a file and a byte span, a
//! message in rustc style (lowercase, no final period) and an optional hint.
//! Every stage returns them alongside its output instead of failing.

use std::path::{Path, PathBuf};

use crate::rules::Rule;

pub use crate::model::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem found in the site.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    /// The rule's default severity; the site's `rules:` may change it when reported.
    pub severity: Severity,
    /// File relative to the site folder.
    pub file: PathBuf,
    /// Byte range in the file, when the problem has a place.
    pub span: Option<Span>,
    pub message: String,
    pub hint: Option<String>,
    /// When the span lies in an included file: the include directives that
    /// brought it into a guide (see [`Diagnostic::included_from`]); boxed,
    /// as most diagnostics have none.
    included: Option<Box<Chains>>,
}

/// The include directives (file and span of each) that brought a place
/// into a guide, from the guide's inward.
pub type IncludeChain = Vec<(PathBuf, Span)>;

/// The chains of a diagnostic (a box's worth, so that the many diagnostics
/// without any stay small).
#[derive(Debug, Clone, Default)]
struct Chains(Vec<IncludeChain>);

impl Diagnostic {
    pub fn new(rule: &'static Rule, file: &Path, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.default,
            file: file.to_path_buf(),
            span: Some(span),
            message: message.into(),
            hint: None,
            included: None,
        }
    }

    /// A diagnostic about a whole file.
    pub fn file(rule: &'static Rule, file: &Path, message: impl Into<String>) -> Self {
        Diagnostic { span: None, ..Diagnostic::new(rule, file, 0..0, message) }
    }

    pub fn with_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    /// For a place in an included file: how it came into guides, one chain
    /// per guide (the report merges diagnostics that differ only here).
    pub fn included_from(&self) -> &[IncludeChain] {
        self.included.as_deref().map_or(&[], |c| c.0.as_slice())
    }

    /// Add a chain to [`Diagnostic::included_from`] (once).
    pub fn add_included_from(&mut self, chain: IncludeChain) {
        let chains = &mut self.included.get_or_insert_with(Default::default).0;
        if !chains.contains(&chain) {
            chains.push(chain);
        }
    }

    /// Take the chains away.
    pub fn take_included_from(&mut self) -> Vec<IncludeChain> {
        self.included.take().map(|b| b.0).unwrap_or_default()
    }
}
