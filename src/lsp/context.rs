//! What a request about one document sees: its text, the site as last
//! checked, and the lookups every feature shares (the guide a written path
//! names, the anchors of a guide with what they point at, file URIs).

use std::path::Path;

use lsp_types::{Location, Url};

use crate::model::{Block, Guide, GuideId, Site, Span, Step, StepBlock};
use crate::parse::markdown::{linked_guide, resolve_written};
use crate::serve::Incremental;

use super::text::Text;
use super::workspace::file_text;

/// One document of a checked site.
pub struct Ctx<'a> {
    pub root: &'a Path,
    /// The document, relative to the site folder.
    pub rel: &'a Path,
    pub text: &'a Text,
    pub site: &'a Site,
    pub inc: &'a Incremental,
    /// The document's guide, when it is one that is built.
    pub guide: Option<GuideId>,
}

/// What an anchor of a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorKind {
    Heading,
    Step,
    Question,
}

/// An anchor of a guide, with what a writer recognises it by.
#[derive(Debug, Clone)]
pub struct Anchor {
    pub id: String,
    pub kind: AnchorKind,
    /// The heading's text, the step's number and instruction, or the question.
    pub label: String,
    pub span: Span,
}

impl<'a> Ctx<'a> {
    /// The guide at `rel` among the built guides.
    pub fn guide_by_source(&self, rel: &Path) -> Option<GuideId> {
        self.inc.guide_id(rel)
    }

    /// The folder of the document, `/`-separated, where its paths start.
    pub fn dir(&self) -> String {
        crate::discover::slash_path(self.rel.parent().unwrap_or(Path::new("")))
    }

    /// The document's language (its guide's, else the site's default).
    pub fn lang(&self) -> &str {
        match self.guide {
            Some(g) => &self.site.guides[g].lang,
            None => self.site.config.default_language(),
        }
    }

    /// The built guide a path written in the document names (as a link
    /// resolves it: a file, a bundle folder, in the document's language).
    pub fn resolve_guide(&self, written: &str) -> Option<GuideId> {
        let path = written.split(['#', '?']).next().unwrap_or(written);
        if path.is_empty() {
            return self.guide;
        }
        let rel = resolve_written(&self.dir(), path)?;
        let d = self.inc.discovery();
        let g = linked_guide(d, &rel)?;
        let g = d.translation(g, self.lang()).unwrap_or(g);
        self.guide_by_source(&g.rel)
    }

    /// A path relative to the site folder, written relative to the document.
    pub fn relative(&self, rel: &Path) -> String {
        crate::parse::markdown::relative_path(self.rel.parent().unwrap_or(Path::new("")), rel)
    }

    pub fn uri(&self, rel: &Path) -> Option<Url> {
        Url::from_file_path(self.root.join(rel)).ok()
    }

    /// The text of another file of the site, as checked.
    pub fn text_of(&self, rel: &Path) -> Text {
        if rel == self.rel {
            return self.text.clone();
        }
        Text::new(file_text(Some(self.inc), self.root, rel))
    }

    /// Where an anchor of a guide is (its start), or the file's start.
    pub fn location(&self, guide: GuideId, anchor: Option<&str>) -> Option<Location> {
        let g = &self.site.guides[guide];
        let uri = self.uri(&g.source)?;
        let text = self.text_of(&g.source);
        let range = match anchor.and_then(|a| g.anchors.iter().position(|x| x == a)) {
            Some(i) => {
                let span = &g.anchor_spans[i];
                text.range(&(span.start..text.line_at(span.start).end))
            }
            None => Default::default(),
        };
        Some(Location { uri, range })
    }
}

/// Every anchor of a guide in page order, with its kind and label; ids
/// the model does not name otherwise (deeper headings) are labelled by
/// their source line.
pub fn anchors(g: &Guide, text: &str) -> Vec<Anchor> {
    let span_of = |id: &str| g.anchors.iter().position(|a| a == id).map(|i| g.anchor_spans[i].clone());
    let mut out: Vec<Anchor> = Vec::new();
    fn steps(list: &[Step], out: &mut Vec<(String, AnchorKind, String)>) {
        for s in list {
            out.push((s.anchor.clone(), AnchorKind::Step, format!("{}. {}", s.number, s.instruction.text.trim())));
            for c in &s.content {
                if let StepBlock::Substeps(p) = c {
                    steps(&p.steps, out);
                }
            }
        }
    }
    fn walk(blocks: &[Block], out: &mut Vec<(String, AnchorKind, String)>) {
        for b in blocks {
            match b {
                Block::Section(s) => {
                    out.push((s.id.clone(), AnchorKind::Heading, s.title.text.trim().to_string()));
                    walk(&s.blocks, out);
                }
                Block::Procedure(p) => steps(&p.steps, out),
                Block::Qa(q) => out.push((q.id.clone(), AnchorKind::Question, q.question.text.trim().to_string())),
                _ => {}
            }
        }
    }
    let mut known = Vec::new();
    walk(&g.intro, &mut known);
    walk(&g.body, &mut known);
    for (id, kind, label) in known {
        if let Some(span) = span_of(&id) {
            out.push(Anchor { id, kind, label, span });
        }
    }
    for (i, id) in g.anchors.iter().enumerate() {
        // Footnote ids are written nowhere: not offered.
        if g.anchor_spans[i] != crate::parse::markdown::NO_PLACE && !out.iter().any(|a| &a.id == id) {
            let span = g.anchor_spans[i].clone();
            let line = text.get(span.clone()).and_then(|s| s.lines().next()).unwrap_or_default();
            let label = line.trim_start_matches('#').trim().to_string();
            out.push(Anchor { id: id.clone(), kind: AnchorKind::Heading, label, span });
        }
    }
    out.sort_by_key(|a| a.span.start);
    out
}
