//! Translation status: whether each translation is older than its
//! original (the guide of the same key in the site's default language).
//!
//! What a translation is compared by, the first that applies:
//! - `translated_from:` in its front matter: the original file as it was
//!   when translated, hashed as git hashes a blob (a prefix of its SHA-1,
//!   as `git hash-object` prints it). `tebiki i18n mark PATH` writes it —
//!   the one command that changes a source file, and only that field. The
//!   translation is outdated when the original file hashes otherwise now;
//!   git history, when there is some, counts the commits since.
//! - git history ([`history`]): outdated when a commit changed the original
//!   after the last commit that changed the translation; how many commits,
//!   and how many days later.
//!
//! Without either nothing is known, and nothing reported. The status runs
//! after resolve (it needs the translations found there): `check` warns
//! `translation-outdated`, the translated page shows a notice linking to
//! the original, and `tebiki i18n status` lists it all per language.

pub mod history;

use std::path::Path;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::model::{GuideId, Site, TranslationStatus};
use crate::rules;
use history::History;

/// Digits of the blob id `tebiki i18n mark` writes.
pub const MARK_DIGITS: usize = 12;

/// Whether any guide is a translation (history is worth reading).
pub fn has_translations(site: &Site) -> bool {
    let default = site.config.default_language();
    site.guides.iter().any(|g| g.lang != default)
}

/// The original of a translation: the same guide in the default language.
pub fn original_of(site: &Site, id: GuideId) -> Option<GuideId> {
    let default = site.config.default_language();
    if site.guides[id].lang == default {
        return None;
    }
    site.nav[id].translations.iter().copied().find(|&t| site.guides[t].lang == default)
}

/// Find every translation's status, store it in `site.nav`, and return a
/// `translation-outdated` diagnostic for each outdated one. `read` gives a
/// file's bytes (relative to the site folder): the originals of marked
/// translations are hashed.
pub fn apply(site: &mut Site, history: Option<&History>, read: &dyn Fn(&Path) -> Option<Vec<u8>>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for id in 0..site.guides.len() {
        let status = original_of(site, id).map(|o| status(site, id, o, history, read));
        if let Some(TranslationStatus::Outdated { .. }) = &status {
            diags.push(diagnostic(site, id, status.as_ref().expect("set")));
        }
        site.nav[id].status = status;
    }
    diags
}

fn status(
    site: &Site,
    id: GuideId,
    original: GuideId,
    history: Option<&History>,
    read: &dyn Fn(&Path) -> Option<Vec<u8>>,
) -> TranslationStatus {
    let (g, o) = (&site.guides[id], &site.guides[original]);
    let o_changes = history.map_or(&[][..], |h| h.changes(&o.source));
    if let Some((mark, _)) = &g.meta.translated_from {
        let mark = mark.to_ascii_lowercase();
        let Some(now) = read(&o.source).and_then(|b| history::blob_id(&b)) else {
            return TranslationStatus::Unchecked;
        };
        if now.to_string().starts_with(&mark) {
            return TranslationStatus::Current;
        }
        // Commits that changed the original after the one that had the blob
        // translated from (none known when it was never committed).
        let at = o_changes.iter().position(|c| c.blob.to_string().starts_with(&mark));
        let commits = at.filter(|&k| k > 0);
        let days = at.and_then(|k| o_changes.first().map(|newest| days(newest.time - o_changes[k].time)));
        return TranslationStatus::Outdated { original, commits, days: days.filter(|&d| d > 0) };
    }
    let t_changes = history.map_or(&[][..], |h| h.changes(&g.source));
    let (Some(last), Some(newest)) = (t_changes.first(), o_changes.first()) else {
        return TranslationStatus::Unchecked;
    };
    let behind = o_changes.iter().filter(|c| c.seq < last.seq).count();
    if behind == 0 {
        return TranslationStatus::Current;
    }
    let days = days(newest.time - last.time);
    TranslationStatus::Outdated { original, commits: Some(behind), days: (days > 0).then_some(days) }
}

fn days(seconds: i64) -> i64 {
    seconds.max(0) / 86_400
}

/// How far behind a translation is, in words (`3 commits and 12 days`).
pub fn behind_text(commits: Option<usize>, days: Option<i64>) -> Option<String> {
    let plural = |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let parts: Vec<String> = commits
        .map(|c| plural(c as i64, "commit", "commits"))
        .into_iter()
        .chain(days.map(|d| plural(d, "day", "days")))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" and "))
}

fn diagnostic(site: &Site, id: GuideId, status: &TranslationStatus) -> Diagnostic {
    let TranslationStatus::Outdated { original, commits, days } = status else { unreachable!("outdated only") };
    let g = &site.guides[id];
    let o = site.guides[*original].source.to_string_lossy().replace('\\', "/");
    let behind = behind_text(*commits, *days).map(|b| format!(" ({b} behind)")).unwrap_or_default();
    let hint = format!(
        "bring the translation up to date with `{o}`, then run `tebiki i18n mark {}`",
        g.source.to_string_lossy().replace('\\', "/")
    );
    match &g.meta.translated_from {
        Some((mark, span)) => Diagnostic::new(
            &rules::TRANSLATION_OUTDATED,
            &g.source,
            span.clone(),
            format!("the original `{o}` changed since this translation was made from it (`translated_from: {mark}`){behind}"),
        ),
        None => Diagnostic::file(
            &rules::TRANSLATION_OUTDATED,
            &g.source,
            format!("the original `{o}` was changed after this translation's last commit{behind}"),
        ),
    }
    .with_hint(Some(hint))
}

/// The translations of one language.
#[derive(Debug, Serialize)]
pub struct LanguageStatus {
    pub lang: String,
    /// Originals without a translation in this language.
    pub missing: Vec<Entry>,
    pub outdated: Vec<Entry>,
    pub current: Vec<Entry>,
    /// Neither marked (`translated_from:`) nor in git history.
    pub unchecked: Vec<Entry>,
}

/// A guide in [`LanguageStatus`].
#[derive(Debug, Serialize)]
pub struct Entry {
    /// The translation (or, when missing, the original), relative to the site folder.
    pub file: String,
    pub title: String,
    /// The original, relative to the site folder.
    pub original: String,
    /// For outdated ones: commits and days behind, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commits: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
}

/// Every language but the default: its missing, outdated, current and
/// unchecked translations (after [`apply`]).
pub fn report(site: &Site) -> Vec<LanguageStatus> {
    let default = site.config.default_language();
    let path = |id: GuideId| site.guides[id].source.to_string_lossy().replace('\\', "/");
    let entry = |id: GuideId, original: GuideId| Entry {
        file: path(id),
        title: site.guides[id].meta.title.clone(),
        original: path(original),
        commits: None,
        days: None,
    };
    site.config
        .languages
        .iter()
        .filter(|l| *l != default)
        .map(|lang| {
            let mut s = LanguageStatus {
                lang: lang.clone(),
                missing: Vec::new(),
                outdated: Vec::new(),
                current: Vec::new(),
                unchecked: Vec::new(),
            };
            for (id, g) in site.guides.iter().enumerate() {
                if g.lang == *default && !site.nav[id].translations.iter().any(|&t| site.guides[t].lang == *lang) {
                    s.missing.push(entry(id, id));
                }
                if g.lang != *lang {
                    continue;
                }
                match &site.nav[id].status {
                    Some(TranslationStatus::Outdated { original, commits, days }) => {
                        s.outdated.push(Entry { commits: *commits, days: *days, ..entry(id, *original) })
                    }
                    Some(TranslationStatus::Current) => {
                        s.current.push(entry(id, original_of(site, id).unwrap_or(id)));
                    }
                    Some(TranslationStatus::Unchecked) => {
                        s.unchecked.push(entry(id, original_of(site, id).unwrap_or(id)));
                    }
                    // A translation with no original: nothing to compare.
                    None => {}
                }
            }
            s
        })
        .collect()
}

/// `translated_from:` set (or replaced) in the front matter of `text` to
/// `value`; `None` when the text has no closed front matter.
pub fn with_mark(text: &str, value: &str) -> Option<String> {
    let mut sink = Vec::new();
    let split = crate::parse::frontmatter::split(text, Path::new(""), &mut sink);
    let yaml = split.yaml?;
    let line = format!("translated_from: {value}");
    let mut offset = yaml.start;
    for l in text[yaml.clone()].split_inclusive('\n') {
        if l.starts_with("translated_from:") {
            let end = offset + l.trim_end_matches(['\n', '\r']).len();
            return Some(format!("{}{line}{}", &text[..offset], &text[end..]));
        }
        offset += l.len();
    }
    // Before the closing `---`, on a line of its own.
    let newline = if text[..yaml.end].contains("\r\n") { "\r\n" } else { "\n" };
    let sep = if yaml.is_empty() || text[..yaml.end].ends_with('\n') { "" } else { newline };
    Some(format!("{}{sep}{line}{newline}{}", &text[..yaml.end], &text[yaml.end..]))
}

/// `tebiki i18n mark PATH`: write into the translation at `path` the mark
/// of its original as the original is now. Returns what was done, in words.
pub fn mark_file(path: &Path) -> Result<String, String> {
    let root = crate::config::find_site_root(path.parent().unwrap_or(Path::new("."))).map_err(|e| e.to_string())?;
    let (config, _) = crate::config::load(&root).map_err(|e| e.to_string())?;
    let canonical = |p: &Path| p.canonicalize().map_err(|e| format!("cannot read: {e}"));
    let rel = canonical(path)?
        .strip_prefix(canonical(&root)?)
        .map_err(|_| "is not inside the site folder".to_string())?
        .to_path_buf();
    let discovery = crate::discover::discover(&root, &config);
    let guide = discovery.guide(&rel).ok_or("is not a guide of the site")?;
    let default = config.default_language();
    if guide.lang == default {
        return Err(format!("is an original (in `{default}`, the site's first language): mark its translations"));
    }
    let original = discovery
        .translation(guide, default)
        .ok_or_else(|| format!("has no original in `{default}` to be a translation of"))?;
    let bytes = std::fs::read(&original.path).map_err(|e| format!("cannot read {}: {e}", original.rel.display()))?;
    let mark = mark_of(&bytes).ok_or("cannot hash the original")?;
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let marked = with_mark(&text, &mark).ok_or("has no front matter (`---` … `---`) to write into")?;
    if marked != text {
        // Written beside it and renamed over it, so the file is never half written.
        crate::output::write_by_rename(path, marked.as_bytes()).map_err(|e| format!("cannot write: {e}"))?;
    }
    Ok(format!(
        "marked {} as translated from {} (translated_from: {mark})",
        rel.to_string_lossy().replace('\\', "/"),
        original.rel.to_string_lossy().replace('\\', "/")
    ))
}

/// The value `tebiki i18n mark` writes for an original's bytes.
pub fn mark_of(original: &[u8]) -> Option<String> {
    history::blob_id(original).map(|id| id.to_string()[..MARK_DIGITS].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_written_into_the_front_matter() {
        assert_eq!(
            with_mark("---\ntitle: T\n---\nbody\n", "abc").unwrap(),
            "---\ntitle: T\ntranslated_from: abc\n---\nbody\n"
        );
        assert_eq!(
            with_mark("---\ntitle: T\ntranslated_from: old\ntags: []\n---\n", "new").unwrap(),
            "---\ntitle: T\ntranslated_from: new\ntags: []\n---\n"
        );
        assert_eq!(
            with_mark("---\r\ntitle: T\r\n---\r\n", "x").unwrap(),
            "---\r\ntitle: T\r\ntranslated_from: x\r\n---\r\n"
        );
        assert_eq!(with_mark("no front matter\n", "x"), None);
    }

    #[test]
    fn marks_are_git_blob_ids() {
        // `printf 'hello\n' | git hash-object --stdin` = ce013625030ba8dba906f756967f9e9ca394464a
        assert_eq!(mark_of(b"hello\n").unwrap(), "ce013625030b");
    }

    #[test]
    fn behind_in_words() {
        assert_eq!(behind_text(Some(1), Some(12)).unwrap(), "1 commit and 12 days");
        assert_eq!(behind_text(None, Some(1)).unwrap(), "1 day");
        assert_eq!(behind_text(None, None), None);
    }
}
