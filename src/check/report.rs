//! The report of a run: diagnostics with the site's severities applied,
//! sorted by file and position, printed for people (compiler style, with
//! annotate-snippets: `file:line:col`, the source line, the span underlined,
//! the rule id and a hint) or as JSON (see README, "JSON diagnostics").

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

use crate::check::rules::flows::FlowInfo;
use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::LineIndex;

/// Version of the JSON output; bumped only for incompatible changes.
pub const JSON_VERSION: u32 = 1;

/// `n` and an English noun, singular for one: "1 error", "3 guides".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A source file's text and line index, read once for all its diagnostics.
#[derive(Debug)]
struct Source {
    text: String,
    lines: LineIndex,
}

/// Diagnostics of a run, ready to print.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// The site's troubleshooters, for the JSON output (see [`Report::add_flows`]).
    pub flows: Vec<FlowInfo>,
    /// Source texts of files with diagnostics (`None`: unreadable or not UTF-8).
    sources: HashMap<PathBuf, Option<Source>>,
}

impl Report {
    /// Apply the site's severities (dropping rules turned off), read the
    /// files involved and sort.
    pub fn new(site_root: &Path, config: Option<&SiteConfig>, diagnostics: Vec<Diagnostic>) -> Report {
        // Lossy, so a file that is not UTF-8 still shows the line of its first bad byte.
        Self::with_reader(config, diagnostics, |file| {
            std::fs::read(site_root.join(file)).ok().map(|b| String::from_utf8_lossy(&b).into_owned())
        })
    }

    /// Like [`Report::new`], with the texts of the files given (for tests and fuzzing).
    pub fn with_texts(
        config: Option<&SiteConfig>,
        diagnostics: Vec<Diagnostic>,
        texts: &HashMap<PathBuf, String>,
    ) -> Report {
        Self::with_reader(config, diagnostics, |file| texts.get(file).cloned())
    }

    /// Like [`Report::new`], reading the files involved with `read`.
    pub fn with_reader(
        config: Option<&SiteConfig>,
        diagnostics: Vec<Diagnostic>,
        read: impl Fn(&Path) -> Option<String>,
    ) -> Report {
        let mut kept: Vec<Diagnostic> = diagnostics
            .into_iter()
            .filter_map(|mut d| {
                match config {
                    Some(c) => d.severity = c.severity(d.rule)?,
                    None if !d.rule.on_by_default() => return None,
                    None => {}
                }
                Some(d)
            })
            .collect();
        let mut sources = HashMap::new();
        for d in &kept {
            let places = d.span.iter().map(|_| &d.file).chain(d.included_from().iter().flatten().map(|(f, _)| f));
            for file in places {
                sources
                    .entry(file.clone())
                    .or_insert_with(|| read(file).map(|text| Source { lines: LineIndex::new(&text), text }));
            }
        }
        kept.sort_by(|a, b| {
            (&a.file, a.span.as_ref().map(|s| s.start), a.rule.id, &a.message).cmp(&(
                &b.file,
                b.span.as_ref().map(|s| s.start),
                b.rule.id,
                &b.message,
            ))
        });
        // The same problem in an included file, found through every guide
        // that includes it, is one diagnostic naming all of them.
        kept.dedup_by(|a, b| {
            let same = a.file == b.file && a.span == b.span && a.rule.id == b.rule.id && a.message == b.message;
            if same {
                for chain in a.take_included_from() {
                    b.add_included_from(chain);
                }
            }
            same
        });
        Report { diagnostics: kept, flows: Vec::new(), sources }
    }

    /// Add what `--format json` reports of the site's troubleshooters
    /// (`site_root`: where their files are read, for line numbers).
    pub fn add_flows(&mut self, site_root: &Path, flows: Vec<FlowInfo>) {
        for f in &flows {
            self.sources.entry(f.file.clone()).or_insert_with(|| {
                let text =
                    std::fs::read(site_root.join(&f.file)).ok().map(|b| String::from_utf8_lossy(&b).into_owned());
                text.map(|text| Source { lines: LineIndex::new(&text), text })
            });
        }
        self.flows = flows;
    }

    /// Add diagnostics found after the report was made (the build's
    /// screenshot encoding), with the site's severities applied.
    pub fn add(&mut self, site_root: &Path, config: Option<&SiteConfig>, diagnostics: Vec<Diagnostic>) {
        if diagnostics.is_empty() {
            return;
        }
        let mut all = std::mem::take(&mut self.diagnostics);
        all.extend(diagnostics);
        let flows = std::mem::take(&mut self.flows);
        *self = Report::new(site_root, config, all);
        self.add_flows(site_root, flows);
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count()
    }

    /// "1 error and 2 warnings".
    pub fn summary(&self) -> String {
        format!("{} and {}", count(self.errors(), "error"), count(self.warnings(), "warning"))
    }

    fn source(&self, file: &Path) -> Option<&Source> {
        self.sources.get(file).and_then(Option::as_ref)
    }

    /// 1-based line and column (in characters) of the start and end of a
    /// diagnostic's span; `(1, 1)` for a diagnostic about a whole file.
    pub fn position(&self, d: &Diagnostic) -> ((usize, usize), (usize, usize)) {
        match (self.source(&d.file), &d.span) {
            (Some(s), Some(span)) => (s.lines.line_col(&s.text, span.start), s.lines.line_col(&s.text, span.end)),
            _ => ((1, 1), (1, 1)),
        }
    }

    /// Human-readable diagnostics without colours.
    pub fn print_human(&self, w: &mut dyn Write) -> io::Result<()> {
        self.print_human_styled(w, false)
    }

    /// Human-readable diagnostics, compiler style; `color` for a terminal.
    pub fn print_human_styled(&self, w: &mut dyn Write, color: bool) -> io::Result<()> {
        let renderer = if color { Renderer::styled() } else { Renderer::plain() };
        for d in &self.diagnostics {
            let file = d.file.to_string_lossy().replace('\\', "/");
            let level = match d.severity {
                Severity::Error => Level::ERROR,
                Severity::Warning => Level::WARNING,
            };
            let mut group = Group::with_title(level.primary_title(d.message.as_str()).id(d.rule.id));
            match (self.source(&d.file), &d.span) {
                (Some(src), Some(span)) => {
                    let (line, _) = src.lines.line_col(&src.text, span.start);
                    let range = src.lines.line_range(&src.text, line);
                    // Show the first line of the span; a BOM is not part of what an editor shows.
                    let skip = if range.start == 0 && src.text.starts_with('\u{feff}') { 3 } else { 0 };
                    let shown = range.start + skip..range.end.max(range.start + skip);
                    let text = &src.text;
                    let start = floor_char(text, span.start.clamp(shown.start, shown.end));
                    let end = ceil_char(text, span.end.clamp(start, shown.end));
                    group = group.element(
                        Snippet::source(&src.text[shown.clone()])
                            .line_start(line)
                            .path(file)
                            .annotation(AnnotationKind::Primary.span(start - shown.start..end - shown.start)),
                    );
                }
                _ => group = group.element(Origin::path(file)),
            }
            let notes = self.included_note(d);
            if let Some(n) = &notes {
                group = group.element(Level::NOTE.message(n.as_str()));
            }
            if let Some(h) = &d.hint {
                group = group.element(Level::HELP.message(h.as_str()));
            }
            writeln!(w, "{}\n", renderer.render(&[group]))?;
        }
        Ok(())
    }

    /// Where a diagnostic in an included file was included from, for
    /// people: `included from content/a.md:12 → content/includes/b.md:3`
    /// (each chain from the guide inward), at most five, then how many more.
    fn included_note(&self, d: &Diagnostic) -> Option<String> {
        if d.included_from().is_empty() {
            return None;
        }
        let chains: Vec<String> = d
            .included_from()
            .iter()
            .map(|chain| {
                let places: Vec<String> = chain
                    .iter()
                    .map(|(file, span)| {
                        let ((line, _), _) = self.position_in(file, Some(span));
                        format!("{}:{line}", file.to_string_lossy().replace('\\', "/"))
                    })
                    .collect();
                places.join(" → ")
            })
            .collect();
        let shown = chains.len().min(5);
        let mut note = format!("included from {}", chains[..shown].join("; "));
        if chains.len() > shown {
            note.push_str(&format!(" and {} more", chains.len() - shown));
        }
        Some(note)
    }

    /// Line and column of a span in a file.
    fn position_in(&self, file: &Path, span: Option<&crate::diagnostic::Span>) -> ((usize, usize), (usize, usize)) {
        match (self.source(file), span) {
            (Some(s), Some(span)) => (s.lines.line_col(&s.text, span.start), s.lines.line_col(&s.text, span.end)),
            _ => ((1, 1), (1, 1)),
        }
    }

    /// Machine-readable diagnostics (see README, "JSON diagnostics").
    pub fn print_json(&self, w: &mut dyn Write) -> io::Result<()> {
        #[derive(Serialize)]
        struct Out<'a> {
            version: u32,
            errors: usize,
            warnings: usize,
            diagnostics: Vec<JsonDiagnostic<'a>>,
            flows: Vec<JsonFlow<'a>>,
        }
        let diagnostics = self
            .diagnostics
            .iter()
            .map(|d| {
                let mut j = JsonDiagnostic::new(d, self.position(d));
                j.included_from = d
                    .included_from()
                    .iter()
                    .map(|chain| {
                        chain
                            .iter()
                            .map(|(file, span)| {
                                let ((line, column), _) = self.position_in(file, Some(span));
                                JsonPlace { file: file.to_string_lossy().replace('\\', "/"), line, column }
                            })
                            .collect()
                    })
                    .collect();
                j
            })
            .collect();
        let flows = self
            .flows
            .iter()
            .map(|f| {
                let line = self.source(&f.file).map_or(1, |s| s.lines.line_col(&s.text, f.span.start).0);
                JsonFlow {
                    file: f.file.to_string_lossy().replace('\\', "/"),
                    line,
                    id: &f.id,
                    title: &f.title,
                    nodes: f.nodes,
                    questions: f.questions,
                    outcomes: f.outcomes,
                    longest_path: JsonPath { length: f.longest_path.len(), nodes: &f.longest_path },
                }
            })
            .collect();
        let out = Out { version: JSON_VERSION, errors: self.errors(), warnings: self.warnings(), diagnostics, flows };
        serde_json::to_writer_pretty(&mut *w, &out)?;
        writeln!(w)
    }
}

/// The nearest character boundary at or before `i`.
fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest character boundary at or after `i`.
fn ceil_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// One troubleshooter in `--format json`.
#[derive(Serialize)]
struct JsonFlow<'a> {
    file: String,
    line: usize,
    id: &'a str,
    title: &'a str,
    nodes: usize,
    questions: usize,
    outcomes: usize,
    longest_path: JsonPath<'a>,
}

/// The longest path through a troubleshooter: how many nodes, which.
#[derive(Serialize)]
struct JsonPath<'a> {
    length: usize,
    nodes: &'a [String],
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
    /// For a problem in an included file: the include directives that
    /// brought it into guides, one chain per guide from the guide inward
    /// (absent otherwise).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub included_from: Vec<Vec<JsonPlace>>,
}

/// A place in a file, in `--format json`.
#[derive(Serialize)]
pub struct JsonPlace {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl<'a> JsonDiagnostic<'a> {
    fn new(d: &'a Diagnostic, ((line, column), (end_line, end_column)): ((usize, usize), (usize, usize))) -> Self {
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
            included_from: Vec::new(),
        }
    }
}
