//! Includes: a line `[!INCLUDE [title](path.md)]` (DocFX's syntax) puts
//! another Markdown file's body in its place, before anything else reads
//! the guide. [`crate::parse::dialect`] does the splicing, as one more
//! rewrite with its offset segments; this module finds directives, resolves
//! and reads the files, and keeps what the guide's spans need.
//!
//! Spans: the parse of a guide indexes one text, the guide file's bytes
//! followed, for each file included, by a `\n` and that file's bytes
//! ([`IncludeCx::extra`]). An offset past the guide's own text therefore
//! names one byte of one included file ([`crate::model::Included`]), and
//! `Guide::relocate` turns a diagnostic there into one about that file, with
//! the chain of directives that brought it in.
//!
//! Where include files live: anywhere in the content folder, usually in a
//! folder that is not a guide folder (`includes/`, `_includes/`,
//! `partials/`, `snippets/`); relative paths in an included file (images,
//! links, further includes) are read from that file's folder. A path that
//! starts with `/` or `~/` starts at the content folder. Includes nest
//! [`MAX_DEPTH`] deep; a file that includes itself, directly or not, is an
//! error naming the chain.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use crate::diagnostic::Diagnostic;
use crate::model::{Included, Span, ROOT_MARK};
use crate::rules;

/// How deep includes may nest (an included file including another is 2).
pub const MAX_DEPTH: usize = 8;

/// A directive found on a line: byte ranges (in the line) of its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub path: std::ops::Range<usize>,
    pub kind: DirectiveKind,
}

/// Which tool's syntax a directive is written in; it decides where the
/// path is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    /// DocFX's `[!INCLUDE [title](path)]`: relative to the including file.
    Docfx,
    /// MkDocs' `--8<-- "path"` (pymdownx.snippets): relative to the
    /// snippet folders ([`IncludeCx::snippet_paths`]).
    Snippet,
}

/// The include directive that `line` is (after its indentation), if the
/// whole line is one: `[!INCLUDE [title](path)]`, `INCLUDE` in any case,
/// spaces allowed after it, the path optionally in `<…>`; or a snippet
/// line `--8<-- "path"` (either quote).
pub fn directive(line: &str) -> Option<Directive> {
    let t = line.trim_end();
    if t.starts_with('-') {
        return snippet(t);
    }
    let rest = t.strip_prefix("[!")?;
    let word = rest.get(..7)?;
    if !word.eq_ignore_ascii_case("include") {
        return None;
    }
    let after = &rest[7..];
    let title_open = 2 + 7 + (after.len() - after.trim_start().len());
    if !t[title_open..].starts_with('[') || !t.ends_with(")]") {
        return None;
    }
    let link = t[title_open..].find("](").map(|i| title_open + i + 2)?;
    let end = t.len() - 2;
    if link > end {
        return None;
    }
    let inner = &t[link..end];
    let (lead, trail) = (inner.len() - inner.trim_start().len(), inner.len() - inner.trim_end().len());
    let (mut s, mut e) = (link + lead, end - trail);
    if t[s..e].starts_with('<') && t[s..e].ends_with('>') && e - s >= 2 {
        s += 1;
        e -= 1;
    }
    (s < e && !t[s..e].contains(['\n', '(', ')'])).then_some(Directive { path: s..e, kind: DirectiveKind::Docfx })
}

/// A pymdownx.snippets line: `--8<--` (any run of dashes on either side of
/// `8<`), spaces, and one quoted path. Its block form (paths on the lines
/// between two bare `--8<--`) and line ranges (`file.md:3:8`) are not read.
fn snippet(t: &str) -> Option<Directive> {
    let dashes = t.bytes().take_while(|&b| b == b'-').count();
    let rest = t[dashes..].strip_prefix("8<")?;
    let after = rest.bytes().take_while(|&b| b == b'-').count();
    if dashes == 0 || after == 0 {
        return None;
    }
    let quoted = rest[after..].trim_start();
    let q = quoted.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let inner = quoted[1..].strip_suffix(q)?;
    let s = t.len() - quoted.len() + 1;
    (!inner.is_empty() && !inner.contains(q))
        .then_some(Directive { path: s..s + inner.len(), kind: DirectiveKind::Snippet })
}

/// Why an include file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    Missing,
    /// Unreadable or not UTF-8: the reason.
    Unreadable(String),
}

/// Where include texts come from: the files on disk ([`DiskIncludes`]), or
/// an editor's buffers.
pub trait IncludeSource: Sync {
    /// The text of the file at `rel` (relative to the site folder).
    fn read(&self, rel: &Path) -> Result<Arc<str>, ReadError>;
}

/// No include files at all (a guide parsed on its own).
pub struct NoIncludes;

impl IncludeSource for NoIncludes {
    fn read(&self, _: &Path) -> Result<Arc<str>, ReadError> {
        Err(ReadError::Missing)
    }
}

/// Include files read from the site folder, each once per run.
pub struct DiskIncludes {
    root: PathBuf,
    cache: Mutex<FxHashMap<PathBuf, Result<Arc<str>, ReadError>>>,
}

impl DiskIncludes {
    pub fn new(root: &Path) -> Self {
        DiskIncludes { root: root.to_path_buf(), cache: Mutex::default() }
    }
}

impl IncludeSource for DiskIncludes {
    fn read(&self, rel: &Path) -> Result<Arc<str>, ReadError> {
        if let Some(hit) = self.cache.lock().unwrap_or_else(|e| e.into_inner()).get(rel) {
            return hit.clone();
        }
        let path = self.root.join(rel);
        let read = match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => Ok(text_of(t)),
                Err(_) => Err(ReadError::Unreadable("it is not valid UTF-8".into())),
            },
            Err(_) if !path.is_file() => Err(ReadError::Missing),
            Err(e) => Err(ReadError::Unreadable(e.to_string())),
        };
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_path_buf(), read.clone());
        read
    }
}

/// An include file's text as parsing takes it (the model's root mark
/// replaced, as in guides).
pub fn text_of(t: String) -> Arc<str> {
    if t.contains(ROOT_MARK) {
        Arc::from(t.replace(ROOT_MARK, "\u{FFFD}"))
    } else {
        Arc::from(t)
    }
}

/// The includes of one parse: the files read so far, the text they add
/// after the guide's, and the problems met.
pub struct IncludeCx<'i> {
    pub source: &'i dyn IncludeSource,
    /// The guide, relative to the site folder.
    pub guide: PathBuf,
    /// The site's content folder, relative to the site folder (`content`).
    pub content: PathBuf,
    /// Include files known to the site, for "did you mean" hints.
    pub candidates: &'i [PathBuf],
    /// Folders (relative to the site folder) that `--8<--` snippet paths
    /// are read from, in order (`includes.snippet_paths`); the content
    /// folder and the including file's folder are tried after them.
    pub snippet_paths: Vec<PathBuf>,
    /// Length of the guide's text.
    pub guide_len: usize,
    /// Where the normalised body starts in the guide's text.
    pub body_start: usize,
    /// What follows the guide's text in the parse's spans.
    pub extra: String,
    pub files: Vec<Included>,
    pub diagnostics: Vec<Diagnostic>,
}

/// One file being normalised: its path and where it stands in the chain.
#[derive(Debug, Clone)]
pub struct Frame {
    /// Relative to the site folder.
    pub rel: PathBuf,
    /// Its index in [`IncludeCx::files`]; `None` for the guide.
    pub index: Option<usize>,
    /// The files from the guide down to this one.
    pub chain: Vec<PathBuf>,
}

/// An included file ready to splice: its text, the range of its body, and
/// the frame to normalise it in.
pub struct Loaded {
    pub text: Arc<str>,
    pub body: std::ops::Range<usize>,
    /// Offset of the file's first byte in the parse's spans.
    pub base: usize,
    pub frame: Frame,
}

impl<'i> IncludeCx<'i> {
    pub fn new(source: &'i dyn IncludeSource, guide: &Path, content: &Path, candidates: &'i [PathBuf]) -> Self {
        IncludeCx {
            source,
            guide: guide.to_path_buf(),
            content: content.to_path_buf(),
            candidates,
            snippet_paths: vec![PathBuf::new()],
            guide_len: 0,
            body_start: 0,
            extra: String::new(),
            files: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// The frame of the guide itself.
    pub fn root_frame(&self) -> Frame {
        Frame { rel: self.guide.clone(), index: None, chain: vec![self.guide.clone()] }
    }

    /// Resolve and read the file a directive in `frame` names (`written`;
    /// `span`: the directive, `path_span`: its path, both in the parse's
    /// spans). Problems become diagnostics and `None`.
    pub fn load(
        &mut self,
        frame: &Frame,
        written: &str,
        kind: DirectiveKind,
        span: Span,
        path_span: Span,
    ) -> Option<Loaded> {
        let resolved = match kind {
            DirectiveKind::Docfx => self.resolve(frame, written),
            DirectiveKind::Snippet => self.resolve_snippet(frame, written),
        };
        let Some(rel) = resolved else {
            self.diagnostics.push(
                Diagnostic::new(
                    &rules::PATH_ESCAPES_SITE,
                    &self.guide,
                    path_span,
                    format!("include `{written}` leads outside the site folder"),
                )
                .with_hint(Some("keep include files inside the content folder".into())),
            );
            return None;
        };
        if let Some(at) = frame.chain.iter().position(|f| *f == rel) {
            let mut names: Vec<String> = frame.chain[at..].iter().map(|p| shown(p)).collect();
            names.push(shown(&rel));
            self.diagnostics.push(
                Diagnostic::new(
                    &rules::INCLUDE_CYCLE,
                    &self.guide,
                    span,
                    format!("include cycle: {}", names.join(" → ")),
                )
                .with_hint(Some("an included file cannot include itself, directly or through others".into())),
            );
            return None;
        }
        if frame.chain.len() > MAX_DEPTH {
            let names: Vec<String> = frame.chain.iter().chain([&rel]).map(|p| shown(p)).collect();
            self.diagnostics.push(
                Diagnostic::new(
                    &rules::INCLUDE_CYCLE,
                    &self.guide,
                    span.clone(),
                    format!("includes nested more than {MAX_DEPTH} deep: {}", names.join(" → ")),
                )
                .with_hint(Some("include the innermost files from a file higher up instead".into())),
            );
            // Named, so not unused; with no text of it in the guide.
            let base = self.guide_len + self.extra.len();
            self.files.push(Included { rel, base, len: 0, from: (frame.index, span) });
            return None;
        }
        let text = match self.source.read(&rel) {
            Ok(t) => t,
            Err(ReadError::Missing) => {
                let from = frame.rel.parent().unwrap_or(Path::new(""));
                let hint =
                    crate::source::closest(&rel.to_string_lossy(), self.candidates.iter().filter_map(|c| c.to_str()))
                        .map(|best| {
                            format!("did you mean `{}`?", crate::parse::markdown::relative_path(from, Path::new(best)))
                        })
                        .or_else(|| {
                            Some("include files usually sit in an `includes/` folder of the content folder".into())
                        });
                self.diagnostics.push(
                    Diagnostic::new(
                        &rules::INCLUDE_MISSING,
                        &self.guide,
                        path_span,
                        format!("included file `{written}` does not exist"),
                    )
                    .with_hint(hint),
                );
                return None;
            }
            Err(ReadError::Unreadable(why)) => {
                self.diagnostics.push(Diagnostic::new(
                    &rules::INCLUDE_MISSING,
                    &self.guide,
                    path_span,
                    format!("included file `{written}` cannot be read: {why}"),
                ));
                return None;
            }
        };
        let mut sink = Vec::new();
        let split = crate::parse::frontmatter::split(&text, &rel, &mut sink);
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        // Front matter is left out when there is a closed one.
        let start = if split.yaml.is_some() { split.body_start } else { bom };
        let kept = text[start..].trim_end().len();
        self.extra.push('\n');
        let base = self.guide_len + self.extra.len();
        self.extra.push_str(&text);
        let index = self.files.len();
        self.files.push(Included { rel: rel.clone(), base, len: text.len(), from: (frame.index, span) });
        let mut chain = frame.chain.clone();
        chain.push(rel.clone());
        Some(Loaded { text, body: start..start + kept, base, frame: Frame { rel, index: Some(index), chain } })
    }

    /// The site-relative path of `written`, read in `frame`'s folder (or at
    /// the content folder for `/…` and `~/…`); `None` when it leaves the site.
    fn resolve(&self, frame: &Frame, written: &str) -> Option<PathBuf> {
        let decoded = percent_encoding::percent_decode_str(written).decode_utf8_lossy();
        let (base, rest) = match decoded.strip_prefix("~/").or_else(|| decoded.strip_prefix('/')) {
            Some(rest) => (crate::discover::slash_path(&self.content), rest.to_string()),
            None => (crate::discover::slash_path(frame.rel.parent().unwrap_or(Path::new(""))), decoded.to_string()),
        };
        let path = crate::parse::markdown::join_path(&base, &rest)?;
        Some(PathBuf::from(path))
    }

    /// The site-relative path of a snippet's `written` path: the first of
    /// the snippet folders, the content folder and the including file's
    /// folder that holds it (else the first of them, to report missing);
    /// `None` when it leaves the site.
    fn resolve_snippet(&self, frame: &Frame, written: &str) -> Option<PathBuf> {
        let folder = frame.rel.parent().unwrap_or(Path::new("")).to_path_buf();
        let bases = self.snippet_paths.iter().chain([&self.content, &folder]);
        let tried: Vec<PathBuf> = bases
            .filter_map(|b| crate::parse::markdown::join_path(&crate::discover::slash_path(b), written))
            .map(PathBuf::from)
            .collect();
        tried.iter().find(|p| !matches!(self.source.read(p), Err(ReadError::Missing))).or(tried.first()).cloned()
    }
}

/// A path as diagnostics show it.
fn shown(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path_of(line: &str) -> Option<&str> {
        directive(line).map(|d| &line[d.path])
    }

    #[test]
    fn directives() {
        assert_eq!(path_of("[!INCLUDE [Open settings](../includes/open.md)]"), Some("../includes/open.md"));
        assert_eq!(path_of("[!include[x](a.md)]  "), Some("a.md"));
        assert_eq!(path_of("[!INCLUDE [x](<my file.md>)]"), Some("my file.md"));
        assert_eq!(path_of("[!INCLUDE [a [nested] title](a.md)]"), Some("a.md"));
        assert_eq!(path_of("[!INCLUDE [x](a.md)] and more"), None);
        assert_eq!(path_of("[!NOTE]"), None);
        assert_eq!(path_of("[!INCLUDE [x]()]"), None);
        assert_eq!(path_of("[!INCLUDEx [x](a.md)]"), None);
        assert_eq!(path_of("--8<-- \"contact.md\""), Some("contact.md"));
        assert_eq!(path_of("-8<- 'shared/intro.md'  "), Some("shared/intro.md"));
        assert_eq!(directive("--8<-- \"a.md\"").map(|d| d.kind), Some(DirectiveKind::Snippet));
        assert_eq!(path_of("--8<--"), None);
        assert_eq!(path_of("--8<-- contact.md"), None);
        assert_eq!(path_of("--8<-- \"a.md\" and more"), None);
        assert_eq!(path_of("- 8<- \"a.md\""), None);
    }
}
