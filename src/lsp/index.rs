//! What completion offers from the whole site — the UI labels its guides
//! use (per language), the `tags` and `applies_to` values of its guides —
//! counted once and kept up to date per guide: each check tells which
//! guides were parsed again, and only those are counted again, when a
//! completion next needs the counts. A request never walks the site.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::model::Site;
use crate::serve::Incremental;

/// Which values of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Values {
    /// UI labels (`[設定]`) of guides of one language.
    Labels,
    Tags,
    AppliesTo,
}

/// What one guide contributes.
#[derive(Debug, Default)]
struct Entry {
    lang: String,
    /// Distinct labels of its body.
    labels: Vec<String>,
    tags: Vec<String>,
    applies_to: Vec<String>,
}

/// Counts of the site's values, updated per guide.
#[derive(Debug, Default)]
pub struct SiteIndex {
    /// Whether every guide has been counted (a first use counts them all).
    counted: bool,
    /// Guides parsed again since they were counted.
    stale: HashSet<PathBuf>,
    entries: HashMap<PathBuf, Entry>,
    /// Language → label → guides using it.
    labels: HashMap<String, HashMap<String, usize>>,
    tags: HashMap<String, usize>,
    applies_to: HashMap<String, usize>,
}

fn add(counts: &mut HashMap<String, usize>, values: &[String], by: isize) {
    for v in values {
        let n = counts.entry(v.clone()).or_default();
        *n = n.saturating_add_signed(by);
        if *n == 0 {
            counts.remove(v);
        }
    }
}

fn distinct(mut v: Vec<String>) -> Vec<String> {
    v.sort_unstable();
    v.dedup();
    v
}

impl SiteIndex {
    /// After a check: the guides it parsed (`all`: the site was discovered
    /// again, guides may have come or gone).
    pub fn parsed(&mut self, guides: &[PathBuf], all: bool) {
        if all {
            *self = SiteIndex::default();
        } else if self.counted {
            self.stale.extend(guides.iter().cloned());
        }
    }

    /// Values of the site with the number of guides using each, most used
    /// first; labels of guides of `lang` only (the document's own
    /// included); `except`'s own tags and `applies_to` not counted (the
    /// document being edited).
    pub fn values(
        &mut self,
        which: Values,
        lang: &str,
        except: &Path,
        site: &Site,
        inc: &Incremental,
    ) -> Vec<(String, usize)> {
        self.refresh(site, inc);
        let mut counts: HashMap<String, usize> = match which {
            Values::Labels => self.labels.get(lang).cloned().unwrap_or_default(),
            Values::Tags => self.tags.clone(),
            Values::AppliesTo => self.applies_to.clone(),
        };
        if let Some(e) = self.entries.get(except) {
            let own = match which {
                // A label the document already uses is offered again.
                Values::Labels => &Vec::new(),
                Values::Tags => &e.tags,
                Values::AppliesTo => &e.applies_to,
            };
            add(&mut counts, own, -1);
        }
        let mut v: Vec<(String, usize)> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    }

    /// Count the guides not counted yet.
    fn refresh(&mut self, site: &Site, inc: &Incremental) {
        let todo: Vec<PathBuf> = if self.counted {
            self.stale.drain().collect()
        } else {
            self.counted = true;
            self.stale.clear();
            inc.discovery().guides.iter().map(|g| g.rel.clone()).collect()
        };
        for rel in todo {
            if let Some(old) = self.entries.remove(&rel) {
                self.count(&old, -1);
            }
            let Some(source) = inc.discovery().guide(&rel) else {
                continue;
            };
            let labels = inc
                .text(&rel)
                .map(|t| {
                    let body = crate::parse::frontmatter::split(t, &rel, &mut Vec::new()).body_start;
                    crate::parse::markdown::ui_label_names(&t[body..]).into_iter().map(str::to_string).collect()
                })
                .unwrap_or_default();
            let meta = inc.guide_id(&rel).map(|i| &site.guides[i].meta);
            let entry = Entry {
                lang: source.lang.clone(),
                labels: distinct(labels),
                tags: distinct(meta.map(|m| m.tags.clone()).unwrap_or_default()),
                applies_to: distinct(meta.map(|m| m.applies_to.clone()).unwrap_or_default()),
            };
            self.count(&entry, 1);
            self.entries.insert(rel, entry);
        }
    }

    fn count(&mut self, e: &Entry, by: isize) {
        add(self.labels.entry(e.lang.clone()).or_default(), &e.labels, by);
        add(&mut self.tags, &e.tags, by);
        add(&mut self.applies_to, &e.applies_to, by);
    }
}
