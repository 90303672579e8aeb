//! Files in `content/` that no guide or category refers to (`asset-unused`),
//! and include files that nothing includes.
//! `static/` is left alone: themes and pages may use its files by URL.
//! Files a skipped draft mentions by name are not reported either, so a
//! check without `--drafts` does not flag a draft's screenshots.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashSet;

use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::rules;

pub fn check(site: &Site, root: &Path, skipped_drafts: &HashSet<PathBuf>, diags: &mut Vec<Diagnostic>) {
    let mut used: FxHashSet<&str> = FxHashSet::default();
    used.reserve(site.assets.len());
    used.extend(
        site.guides
            .iter()
            .flat_map(|g| g.assets.iter())
            .chain(site.categories.iter().flat_map(|c| c.text.values()).flat_map(|t| t.assets.iter()))
            .map(String::as_str),
    );
    let content = site.config.content_dir(root);
    let mut draft_texts: Option<Vec<String>> = None;
    for a in &site.assets {
        if used.contains(a.url.as_str()) {
            continue;
        }
        let Ok(rel_to_content) = a.source.strip_prefix(&content) else {
            continue;
        };
        if a.source.starts_with(root.join("static"))
            || crate::discover::in_fragment_folder(&crate::discover::slash_path(rel_to_content))
        {
            continue;
        }
        let name = a.source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let drafts = draft_texts.get_or_insert_with(|| {
            skipped_drafts.iter().filter_map(|d| std::fs::read_to_string(root.join(d)).ok()).collect()
        });
        if drafts.iter().any(|t| t.contains(&name)) {
            continue;
        }
        let rel = Path::new(&site.config.content_path(&crate::discover::slash_path(rel_to_content))).to_path_buf();
        diags.push(
            Diagnostic::file(&rules::ASSET_UNUSED, &rel, format!("`{}` is not used by any guide", rel.display()))
                .with_hint(Some("link to it or show it in a guide, or delete it".into())),
        );
    }
    if site.fragments.is_empty() {
        return;
    }
    let included: FxHashSet<&Path> = site
        .guides
        .iter()
        .flat_map(|g| g.includes.iter().map(|f| f.rel.as_path()))
        .chain(
            site.categories.iter().flat_map(|c| c.text.values()).flat_map(|t| t.includes.iter().map(PathBuf::as_path)),
        )
        .collect();
    for f in &site.fragments {
        if included.contains(f.as_path()) {
            continue;
        }
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let drafts = draft_texts.get_or_insert_with(|| {
            skipped_drafts.iter().filter_map(|d| std::fs::read_to_string(root.join(d)).ok()).collect()
        });
        if drafts.iter().any(|t| t.contains(&name)) {
            continue;
        }
        diags.push(
            Diagnostic::file(
                &rules::ASSET_UNUSED,
                f,
                format!("include file `{}` is not included by any guide", f.display()),
            )
            .with_hint(Some("include it with `[!INCLUDE [title](path)]` in a guide, or delete it".into())),
        );
    }
}
