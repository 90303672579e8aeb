//! The report of a run: diagnostics with the site's severities applied,
//! sorted by file and position, printed for people or as JSON.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::LineIndex;

/// Diagnostics of a run, ready to print.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// Source texts of files with diagnostics, read once.
    texts: HashMap<PathBuf, Option<String>>,
}

impl Report {
    /// Apply the site's severities (dropping rules turned off), read the
    /// files involved and sort.
    pub fn new(site_root: &Path, config: Option<&SiteConfig>, diagnostics: Vec<Diagnostic>) -> Report {
        let mut kept: Vec<Diagnostic> = diagnostics
            .into_iter()
            .filter_map(|mut d| {
                if let Some(c) = config {
                    d.severity = c.severity(d.rule)?;
                }
                Some(d)
            })
            .collect();
        let mut texts = HashMap::new();
        for d in &kept {
            texts.entry(d.file.clone()).or_insert_with(|| std::fs::read_to_string(site_root.join(&d.file)).ok());
        }
        kept.sort_by(|a, b| {
            (&a.file, a.span.as_ref().map(|s| s.start), a.rule.id, &a.message).cmp(&(
                &b.file,
                b.span.as_ref().map(|s| s.start),
                b.rule.id,
                &b.message,
            ))
        });
        kept.dedup_by(|a, b| a.file == b.file && a.span == b.span && a.rule.id == b.rule.id && a.message == b.message);
        Report { diagnostics: kept, texts }
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count()
    }

    fn text(&self, file: &Path) -> Option<&str> {
        self.texts.get(file).and_then(|t| t.as_deref())
    }

    /// Human-readable diagnostics, compiler style.
    pub fn print_human(&self, w: &mut dyn Write) -> io::Result<()> {
        for d in &self.diagnostics {
            let text = self.text(&d.file);
            let (line, col) = d.location(text);
            writeln!(w, "{}[{}]: {}", d.severity.as_str(), d.rule.id, d.message)?;
            writeln!(w, "  --> {}:{line}:{col}", d.file.display())?;
            if let (Some(text), Some(span)) = (text, &d.span) {
                let idx = LineIndex::new(text);
                let range = idx.line_range(text, line);
                let src = &text[range.clone()];
                let start = span.start.clamp(range.start, range.end);
                let end = span.end.clamp(start, range.end);
                let width = text[start..end].chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum::<usize>().max(1);
                let pad_width: String = text[range.start..start]
                    .chars()
                    .map(|c| {
                        if is_wide(c) {
                            "  "
                        } else if c == '\t' {
                            "\t"
                        } else {
                            " "
                        }
                    })
                    .collect();
                let gutter = line.to_string().len();
                writeln!(w, "{:gutter$} |", "")?;
                writeln!(w, "{line} | {src}")?;
                writeln!(w, "{:gutter$} | {pad_width}{}", "", "^".repeat(width))?;
            }
            if let Some(h) = &d.hint {
                writeln!(w, "  = help: {h}")?;
            }
            writeln!(w)?;
        }
        Ok(())
    }

    /// Machine-readable diagnostics (see README, "JSON diagnostics").
    pub fn print_json(&self, w: &mut dyn Write) -> io::Result<()> {
        #[derive(Serialize)]
        struct Out<'a> {
            version: u32,
            errors: usize,
            warnings: usize,
            diagnostics: Vec<JsonDiagnostic<'a>>,
        }
        let diagnostics = self.diagnostics.iter().map(|d| JsonDiagnostic::new(d, self.text(&d.file))).collect();
        let out = Out { version: 1, errors: self.errors(), warnings: self.warnings(), diagnostics };
        serde_json::to_writer_pretty(&mut *w, &out)?;
        writeln!(w)
    }
}

/// Width of a character in a terminal (East Asian wide characters take two).
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// One diagnostic in `--format json`.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub rule: &'static str,
    pub severity: &'static str,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: &'a str,
    pub hint: Option<&'a str>,
}

impl<'a> JsonDiagnostic<'a> {
    pub fn new(d: &'a Diagnostic, text: Option<&str>) -> Self {
        let (line, column) = d.location(text);
        let (end_line, end_column) = match (text, &d.span) {
            (Some(t), Some(s)) => LineIndex::new(t).line_col(t, s.end),
            _ => (line, column),
        };
        JsonDiagnostic {
            rule: d.rule.id,
            severity: d.severity.as_str(),
            file: d.file.to_string_lossy().replace('\\', "/"),
            line,
            column,
            end_line,
            end_column,
            message: &d.message,
            hint: d.hint.as_deref(),
        }
    }
}
