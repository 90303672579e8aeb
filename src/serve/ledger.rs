//! The diagnostics of a site kept between updates, by who made them (a
//! stage, or a rule for one guide) and by the file they are about. An
//! update replaces only what it made again, so the cost of an edit is the
//! size of what it changed, not of the site; the files whose diagnostics
//! changed are collected for whoever publishes them (`lsp`).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Span;

/// Who made a set of diagnostics; a new set from the same maker replaces
/// the old one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Maker {
    /// `tebiki.yaml` and the schema.
    Config,
    Discovery,
    /// The category files (`_index.md`), parsed together.
    Categories,
    Resolve,
    /// Translations older than their original (`translation-outdated`).
    Translations,
    /// The asset rules (`asset-unused`).
    Assets,
    /// Pages two sources write.
    Outputs,
    /// Help ids given twice, listed ids missing (`help-id-*`).
    HelpIds,
    /// Reading and parsing a guide file.
    Parse(PathBuf),
    /// The rules of one guide alone (steps, headings).
    Rules(PathBuf),
    /// The anchors a guide's links name.
    Anchors(PathBuf),
}

/// What tells two diagnostics apart.
type Key<'a> = (&'static str, Severity, &'a Option<Span>, &'a str, &'a Option<String>);

fn key(d: &Diagnostic) -> Key<'_> {
    (d.rule.id, d.severity, &d.span, &d.message, &d.hint)
}

fn same(a: &[Diagnostic], b: &[Diagnostic]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| key(x) == key(y))
}

/// Every diagnostic of the site, by file and maker.
#[derive(Debug, Default)]
pub struct Ledger {
    by_file: HashMap<PathBuf, Vec<(Maker, Vec<Diagnostic>)>>,
    /// The files each maker has diagnostics in.
    files_of: HashMap<Maker, Vec<PathBuf>>,
    /// Files whose diagnostics changed since [`Ledger::take_changed`].
    changed: HashSet<PathBuf>,
}

impl Ledger {
    /// Replace what `maker` said before with `diags`.
    pub fn set(&mut self, maker: Maker, diags: Vec<Diagnostic>) {
        let old_files = self.files_of.remove(&maker).unwrap_or_default();
        if old_files.is_empty() && diags.is_empty() {
            return;
        }
        let mut old: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::with_capacity(old_files.len());
        for f in old_files {
            if let Some(entries) = self.by_file.get_mut(&f) {
                if let Some(i) = entries.iter().position(|(m, _)| *m == maker) {
                    old.insert(f.clone(), entries.swap_remove(i).1);
                }
                if entries.is_empty() {
                    self.by_file.remove(&f);
                }
            }
        }
        let mut new: Vec<(PathBuf, Vec<Diagnostic>)> = Vec::new();
        let mut at: HashMap<PathBuf, usize> = HashMap::new();
        for d in diags {
            match at.get(&d.file) {
                Some(&i) => new[i].1.push(d),
                None => {
                    at.insert(d.file.clone(), new.len());
                    new.push((d.file.clone(), vec![d]));
                }
            }
        }
        let mut files = Vec::with_capacity(new.len());
        for (f, v) in new {
            match old.remove(&f) {
                Some(o) if same(&o, &v) => {}
                _ => {
                    self.changed.insert(f.clone());
                }
            }
            self.by_file.entry(f.clone()).or_default().push((maker.clone(), v));
            files.push(f);
        }
        self.changed.extend(old.into_keys());
        if !files.is_empty() {
            self.files_of.insert(maker, files);
        }
    }

    /// Forget what the makers `keep` refuses said.
    pub fn retain(&mut self, keep: impl Fn(&Maker) -> bool) {
        let gone: Vec<Maker> = self.files_of.keys().filter(|m| !keep(m)).cloned().collect();
        for m in gone {
            self.set(m, Vec::new());
        }
    }

    /// Forget everything (every file that had diagnostics has changed).
    pub fn clear(&mut self) {
        self.changed.extend(self.by_file.drain().map(|(f, _)| f));
        self.files_of.clear();
    }

    /// The diagnostics about `file`, with the makers that made them.
    pub fn of_file(&self, file: &Path) -> impl Iterator<Item = (&Maker, &Diagnostic)> {
        self.by_file.get(file).into_iter().flatten().flat_map(|(m, v)| v.iter().map(move |d| (m, d)))
    }

    /// Every diagnostic (in no particular order).
    pub fn all(&self) -> impl Iterator<Item = &Diagnostic> {
        self.by_file.values().flatten().flat_map(|(_, v)| v)
    }

    /// The files with diagnostics.
    pub fn files(&self) -> impl Iterator<Item = &PathBuf> {
        self.by_file.keys()
    }

    /// The files whose diagnostics changed since the last call, sorted.
    pub fn take_changed(&mut self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = self.changed.drain().collect();
        v.sort();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;

    fn d(file: &str, at: usize, message: &str) -> Diagnostic {
        Diagnostic::new(&rules::ANCHOR_MISSING, Path::new(file), at..at + 1, message)
    }

    fn files(l: &Ledger, file: &str) -> Vec<String> {
        let mut v: Vec<String> = l.of_file(Path::new(file)).map(|(_, d)| d.message.clone()).collect();
        v.sort();
        v
    }

    #[test]
    fn a_maker_replaces_only_what_it_said_and_changes_are_reported_per_file() {
        let mut l = Ledger::default();
        l.set(Maker::Parse("a.md".into()), vec![d("a.md", 1, "p1")]);
        l.set(Maker::Anchors("a.md".into()), vec![d("a.md", 2, "x1"), d("b.md", 3, "x2")]);
        assert_eq!(l.take_changed(), vec![PathBuf::from("a.md"), PathBuf::from("b.md")]);
        // The same again changes nothing.
        l.set(Maker::Anchors("a.md".into()), vec![d("a.md", 2, "x1"), d("b.md", 3, "x2")]);
        assert!(l.take_changed().is_empty());
        // Dropping b.md's diagnostic changes b.md only; a.md keeps its parse diagnostic.
        l.set(Maker::Anchors("a.md".into()), vec![d("a.md", 2, "x1")]);
        assert_eq!(l.take_changed(), vec![PathBuf::from("b.md")]);
        assert_eq!(files(&l, "a.md"), ["p1", "x1"]);
        assert!(files(&l, "b.md").is_empty());
        assert_eq!(l.files().count(), 1);
        l.retain(|m| !matches!(m, Maker::Parse(_)));
        assert_eq!(files(&l, "a.md"), ["x1"]);
        assert_eq!(l.take_changed(), vec![PathBuf::from("a.md")]);
        l.clear();
        assert_eq!(l.take_changed(), vec![PathBuf::from("a.md")]);
        assert_eq!(l.all().count(), 0);
    }
}
