//! Which guides link to which, both ways, kept between updates: when a
//! guide's anchors change, the guides whose links name it are the ones to
//! check again (and `lsp` lists them as references).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Links between guides by source path (relative to the site folder).
#[derive(Debug, Default)]
pub struct LinkIndex {
    /// Linking guide → the guides it links to.
    targets: HashMap<PathBuf, Vec<PathBuf>>,
    /// Linked guide → the guides that link to it.
    linkers: HashMap<PathBuf, BTreeSet<PathBuf>>,
}

impl LinkIndex {
    /// Record the guides `linker` links to now (in place of what it linked to).
    pub fn set(&mut self, linker: &Path, mut targets: Vec<PathBuf>) {
        targets.sort_unstable();
        targets.dedup();
        if self.targets.get(linker) == Some(&targets) {
            return;
        }
        self.remove(linker);
        for t in &targets {
            self.linkers.entry(t.clone()).or_default().insert(linker.to_path_buf());
        }
        if !targets.is_empty() {
            self.targets.insert(linker.to_path_buf(), targets);
        }
    }

    /// Forget the links of `linker`.
    pub fn remove(&mut self, linker: &Path) {
        for t in self.targets.remove(linker).unwrap_or_default() {
            if let Some(set) = self.linkers.get_mut(&t) {
                set.remove(linker);
                if set.is_empty() {
                    self.linkers.remove(&t);
                }
            }
        }
    }

    /// The guides that link to `target`, sorted.
    pub fn linking(&self, target: &Path) -> impl Iterator<Item = &PathBuf> {
        self.linkers.get(target).into_iter().flatten()
    }

    /// Forget everything.
    pub fn clear(&mut self) {
        self.targets.clear();
        self.linkers.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linking(ix: &LinkIndex, t: &str) -> Vec<String> {
        ix.linking(Path::new(t)).map(|p| p.display().to_string()).collect()
    }

    #[test]
    fn links_are_kept_both_ways_and_replaced_per_guide() {
        let mut ix = LinkIndex::default();
        ix.set(Path::new("a.md"), vec!["t.md".into(), "u.md".into(), "t.md".into()]);
        ix.set(Path::new("b.md"), vec!["t.md".into()]);
        assert_eq!(linking(&ix, "t.md"), ["a.md", "b.md"]);
        ix.set(Path::new("a.md"), vec!["u.md".into()]);
        assert_eq!(linking(&ix, "t.md"), ["b.md"]);
        assert_eq!(linking(&ix, "u.md"), ["a.md"]);
        ix.remove(Path::new("b.md"));
        assert!(linking(&ix, "t.md").is_empty());
        assert!(!ix.linkers.contains_key(Path::new("t.md")));
    }
}
