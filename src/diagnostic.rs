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
}

impl Diagnostic {
    pub fn new(rule: &'static Rule, file: &Path, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.default,
            file: file.to_path_buf(),
            span: Some(span),
            message: message.into(),
            hint: None,
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
}
