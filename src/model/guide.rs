//! One guide and the blocks of its body.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use super::Flow;

/// Index of a guide in [`crate::model::Site::guides`].
pub type GuideId = usize;

/// A byte range in a source file (`start..end`), for diagnostics.
pub type Span = std::ops::Range<usize>;

/// A guide: one Markdown file in one language.
#[derive(Debug, Clone)]
pub struct Guide {
    /// The Markdown file, relative to the site folder (`content/a/b.md`).
    pub source: PathBuf,
    /// Language code (`ja`, `en`).
    pub lang: String,
    /// File or bundle-folder name without extension and language suffix.
    pub slug: String,
    /// Category path relative to `content/` with `/` separators (`""` at the root).
    pub category: String,
    /// Shared by all translations of one guide: `category/slug`.
    pub key: String,
    /// Output page, relative to the site root (`a/b.html`, `en/a/b.html`).
    pub url: String,
    pub meta: FrontMatter,
    /// Content before the first `##` heading.
    pub intro: Vec<Block>,
    /// Sections (and level-2 questions) in order.
    pub body: Vec<Block>,
    /// Every element id on the page, in order (headings, steps, questions).
    pub anchors: Vec<String>,
    /// Where each of `anchors` is written: its heading, step or question.
    pub anchor_spans: Vec<Span>,
    /// Links to other guides, checked once every guide is known.
    pub links: Vec<InternalLink>,
    /// Every asset the guide refers to (screenshots, images, file links),
    /// as paths relative to the site root of the output.
    pub assets: Vec<String>,
    /// Top-level headings of the body as written, for the outline checks.
    pub headings: Vec<Heading>,
    /// Files included into the body (`[!INCLUDE …]`), in the order their
    /// text follows the guide's in the parse's source ([`Included`]).
    /// Empty for most guides.
    pub includes: Vec<Included>,
    /// The stable ids a product opens this guide, or a place on its page,
    /// with (`help_id:`, `{help=…}`), in source order.
    pub help_ids: Vec<HelpId>,
}

/// A help id: a stable name a product's help button opens, for the guide
/// (front matter `help_id:`) or one place on its page (`{help=…}` on a
/// heading, question or step). `crate::helpids` makes the site's map.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct HelpId {
    pub id: String,
    /// The element id it lands on; `None`: the top of the page.
    pub anchor: Option<String>,
    /// Where it is written (in the guide's spans).
    pub span: Span,
    /// The 1-based line it is written on, in the file that holds it (the
    /// guide, or the included file [`Guide::included_at`] names), so a
    /// diagnostic about another place can name it.
    pub line: usize,
}

impl Guide {
    /// The file a help id of this guide is written in.
    pub fn help_id_file(&self, h: &HelpId) -> &std::path::Path {
        self.included_at(h.span.start).map_or(&self.source, |(_, f)| &f.rel)
    }
}

/// A file whose text an include directive put into a guide. Spans of the
/// guide's model index one text: the guide file's own bytes, then each
/// included file's bytes from `base` on (see `parse::include`), so every
/// span still names one place in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Included {
    /// The included file, relative to the site folder.
    pub rel: PathBuf,
    /// Where its text starts in the guide's spans.
    pub base: usize,
    /// Its length in bytes.
    pub len: usize,
    /// The directive that included it: the index of the including file in
    /// [`Guide::includes`] (`None`: the guide itself) and the directive's
    /// span (in the guide's spans).
    pub from: (Option<usize>, Span),
}

/// A heading as written in the body (`## Title` → level 2).
#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u8,
    /// Plain text of the heading.
    pub text: String,
    pub span: Span,
}

/// Front matter after validation.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub title: String,
    /// The title is the body's first `#` heading (the front matter has none).
    pub title_from_heading: bool,
    pub summary: String,
    pub applies_to: Vec<String>,
    pub tags: Vec<String>,
    pub published: Option<NaiveDate>,
    pub updated: Option<NaiveDate>,
    pub author: Option<String>,
    /// References as written, with the span of each for diagnostics.
    pub related: Vec<(String, Span)>,
    pub draft: bool,
    pub weight: Option<i64>,
    pub aliases: Vec<String>,
    /// For a translation: the original's blob id when it was translated
    /// (`tebiki i18n mark` writes it), with the value's span.
    pub translated_from: Option<(String, Span)>,
    /// `help_id:` (and the field `help_ids.from_field` names), each with
    /// its value's span.
    pub help_ids: Vec<(String, Span)>,
    /// Fields a site schema adds (`product_id` …), for templates.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl FrontMatter {
    /// `updated` if set, else `published`.
    pub fn last_changed(&self) -> Option<NaiveDate> {
        self.updated.or(self.published)
    }
}

/// A link from a guide to another guide (or a heading in the same guide).
#[derive(Debug, Clone)]
pub struct InternalLink {
    /// Target guide's source path relative to the site folder.
    pub target: PathBuf,
    pub anchor: Option<String>,
    pub span: Span,
}

/// Inline content rendered two ways.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RichText {
    /// HTML, safe to insert as is.
    pub html: String,
    /// Plain text (no markup), for titles, search and structured data.
    pub text: String,
}

/// A block of a guide's body.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// Ordinary Markdown content rendered to HTML.
    Html {
        html: String,
    },
    Procedure(Procedure),
    Callout(Callout),
    Qa(Qa),
    Section(Section),
    /// A troubleshooter (a `## … {.flow}` section).
    Flow(Flow),
    /// The page's footnotes, last in its body.
    Footnotes(Footnotes),
    /// Alternatives the reader chooses between (`=== "Windows 11"`).
    Tabs(Tabs<Block>),
}

/// A group of variant tabs (MkDocs content tabs, `=== "Windows 11"` and an
/// indented body): one is shown at a time, all of them without JavaScript
/// and in print. `B` is what a tab holds: [`Block`]s in a section,
/// [`StepBlock`]s inside a step.
#[derive(Debug, Clone, Serialize)]
pub struct Tabs<B> {
    pub tabs: Vec<Tab<B>>,
    /// The tab shown before the reader chooses (`===+`, else the first).
    pub selected: usize,
}

/// One variant of a [`Tabs`] group.
#[derive(Debug, Clone, Serialize)]
pub struct Tab<B> {
    /// Element id of its panel (`windows-11`); its button's is `tab-` + this.
    pub id: String,
    /// The label as written (`Windows 11`).
    pub label: String,
    /// The label as a choice is remembered and linked (`windows-11`, see
    /// [`variant_key`]): tabs with the same key are the same choice on
    /// every page, and an `applies_to` value with that key selects them.
    pub key: String,
    pub blocks: Vec<B>,
}

/// The key of a variant label or `applies_to` value: NFKC, lowercase,
/// runs of whitespace as one `-` (`Windows 11` → `windows-11`). The theme's
/// script computes the same for `?v=` and the applies_to filter.
pub fn variant_key(label: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = label.nfkc().flat_map(char::to_lowercase).collect();
    folded.split_whitespace().collect::<Vec<_>>().join("-")
}

/// A guide's footnotes (`[^1]` … `[^1]: text`).
#[derive(Debug, Clone, Serialize)]
pub struct Footnotes {
    /// Id of their heading (references point at it for their description).
    pub title_id: String,
    /// In order of number.
    pub notes: Vec<Footnote>,
}

/// One footnote.
#[derive(Debug, Clone, Serialize)]
pub struct Footnote {
    /// Element id (`fn-1`).
    pub id: String,
    /// Its number, by order of first reference.
    pub number: usize,
    pub html: String,
    pub text: String,
    /// Ids of the references to it (`fnref-1`, `fnref-1-2`), for the links back.
    pub backrefs: Vec<String>,
}

/// A `##` section or a `###` sub-procedure.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub id: String,
    pub level: u8,
    pub title: RichText,
    /// Further ids of the heading: `<a id>`/`<a name>` written in it, so
    /// old deep links land.
    pub aliases: Vec<String>,
    pub blocks: Vec<Block>,
}

/// An ordered list that is a direct child of a section: a numbered procedure.
#[derive(Debug, Clone, Serialize)]
pub struct Procedure {
    /// Number of the first step (`1` unless the list starts at another number).
    pub start: u64,
    pub steps: Vec<Step>,
    /// Number as written before each item (`1.`, `3)`), for the numbering check.
    #[serde(skip)]
    pub written_numbers: Vec<u64>,
}

/// One step of a procedure.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub number: u64,
    /// Element id: `step-3`, or `<section-id>-step-3` when a guide has several procedures.
    pub anchor: String,
    /// The first paragraph: what to do.
    pub instruction: RichText,
    /// Everything after the instruction, in source order.
    pub content: Vec<StepBlock>,
    #[serde(skip)]
    pub span: Span,
    /// Its list marker as written (`3.`, `３．`).
    #[serde(skip)]
    pub marker: Span,
}

impl Step {
    /// The step's screenshots in order.
    pub fn screenshots(&self) -> impl Iterator<Item = &Screenshot> {
        self.content.iter().filter_map(|b| match b {
            StepBlock::Screenshot(s) => Some(s.as_ref()),
            _ => None,
        })
    }
}

/// A part of a step after its instruction.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StepBlock {
    /// Boxed: a step holds few, and a screenshot is several times larger
    /// than the other blocks, which would all take its size.
    Screenshot(Box<Screenshot>),
    /// Further paragraphs, lists, code: rendered HTML.
    Details { html: String },
    /// A nested ordered list.
    Substeps(Procedure),
    /// A callout inside the step.
    Note(Callout),
    /// Variant tabs inside the step.
    Tabs(Tabs<StepBlock>),
}

/// An image that stands alone in a step (or elsewhere): `![alt](path "caption")`.
#[derive(Debug, Clone, Serialize)]
pub struct Screenshot {
    /// URL starting with [`crate::model::ROOT_MARK`]: site-root-relative path of the copied file.
    pub src: String,
    pub alt: String,
    pub caption: Option<RichText>,
    /// Size in CSS pixels: the pixels ÷ [`Screenshot::density`], rounded.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// Size of the file in pixels.
    pub pixel_width: Option<u32>,
    pub pixel_height: Option<u32>,
    /// Pixel density it is shown at: its name's (`@2x`), its PNG `pHYs`
    /// chunk's, else the site's `images.density`.
    pub density: f64,
    /// Marks drawn over it (from `#mark=` on its URL), in its pixels.
    pub marks: Vec<crate::parse::marks::Mark>,
    /// Regions hidden in its pixels (`blur:` marks), in its pixels; not drawn.
    #[serde(skip)]
    pub blur: Vec<crate::parse::marks::Mark>,
    /// With marks: the CSS custom properties that focus a phone's view
    /// on them (`--focus-ratio`, `--focus-scale`, `--focus-x`, `--focus-y`).
    pub focus: Option<String>,
    /// With a focus: how many times the phone's view is zoomed in.
    #[serde(skip)]
    pub focus_scale: Option<f64>,
    /// With a focus: the region a phone shows, in the image's pixels
    /// (left, top, width, height); the build crops it out for phones.
    #[serde(skip)]
    pub focus_box: Option<(u32, u32, u32, u32)>,
    /// The optimised files a browser picks from, when the build made them
    /// (`crate::images`); `None` shows [`Screenshot::src`] alone.
    pub picture: Option<Box<Picture>>,
    /// The file shown, when it is one of the site's: its index in
    /// [`crate::model::Site::assets`], which holds the files discovery
    /// found, in its order, until the images stage adds the derived ones.
    #[serde(skip)]
    pub asset: Option<u32>,
    #[serde(skip)]
    pub span: Span,
}

/// A screenshot's optimised files, as `<picture>` offers them. URLs are
/// root-marked like [`Screenshot::src`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Picture {
    /// `srcset` of the WebP `<source>` (`a.1x.webp 640w, a.webp 1280w`), when
    /// every density has a WebP file.
    pub webp: Option<String>,
    /// The `<img>`'s `src`: the file for a 1× screen.
    pub src: String,
    /// The `<img>`'s `srcset`, when there is more than one density.
    pub srcset: Option<String>,
    /// With `srcset`: how wide it is shown, for the browser to choose (a
    /// phone's zoom on the marks counted).
    pub sizes: Option<String>,
    /// A marked screenshot's focus region cropped out (a WebP file): what a
    /// phone shows until the reader asks for the whole screenshot, so it
    /// downloads the region, not the screen around it.
    pub crop: Option<String>,
}

/// The kind of a callout (GitHub alert names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CalloutKind {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
}

impl CalloutKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CalloutKind::Note => "note",
            CalloutKind::Tip => "tip",
            CalloutKind::Important => "important",
            CalloutKind::Warning => "warning",
            CalloutKind::Caution => "caution",
        }
    }
}

/// A callout: a GitHub alert (`> [!TIP]`), a quote opening with a bold
/// title, a `:::tip` container or a `!!! tip` admonition.
#[derive(Debug, Clone, Serialize)]
pub struct Callout {
    #[serde(rename = "type")]
    pub kind: CalloutKind,
    /// A custom title (a first paragraph that is only bold text, or the
    /// title a container or admonition writes); `None` means "the kind's
    /// name in the guide's language". An empty title (`!!! note ""`) shows
    /// none.
    pub title: Option<RichText>,
    pub html: String,
    /// Whether a reader folds it open and closed (`??? note`, `:::details`).
    pub fold: Fold,
}

/// Whether a callout is collapsible, and how it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fold {
    /// Always open (an `<aside>`).
    #[default]
    None,
    /// Collapsible, closed at first (`??? note`, `:::details`).
    Closed,
    /// Collapsible, open at first (`???+ note`).
    Open,
}

/// A question and its answer.
#[derive(Debug, Clone, Serialize)]
pub struct Qa {
    pub id: String,
    pub level: u8,
    /// The question without its `Q:` prefix.
    pub question: RichText,
    /// Further ids of the question, as [`Section::aliases`].
    pub aliases: Vec<String>,
    /// The answer without a leading `A:`.
    pub answer: RichText,
    #[serde(skip)]
    pub span: Span,
}

impl Guide {
    /// Every step of every procedure (sub-steps excluded), in order,
    /// troubleshooters' fixes included; in a group of tabs, the steps of the
    /// tab shown first.
    pub fn steps(&self) -> Vec<&Step> {
        let mut out = Vec::new();
        for block in self.intro.iter().chain(&self.body) {
            collect_steps(block, true, &mut out);
        }
        out
    }

    /// The steps of [`Guide::steps`] outside troubleshooters: the guide's
    /// own procedure, what its `HowTo` lists.
    pub fn steps_outside_flows(&self) -> Vec<&Step> {
        let mut out = Vec::new();
        for block in self.intro.iter().chain(&self.body) {
            collect_steps(block, false, &mut out);
        }
        out
    }

    /// How many steps [`Guide::steps`] has, counted without listing them.
    pub fn step_count(&self) -> usize {
        fn count(block: &Block) -> usize {
            match block {
                Block::Procedure(p) => p.steps.len(),
                Block::Section(s) => s.blocks.iter().map(count).sum(),
                Block::Tabs(t) => t.tabs.get(t.selected).map_or(0, |tab| tab.blocks.iter().map(count).sum()),
                Block::Flow(f) => f.intro.iter().chain(f.nodes.iter().flat_map(|n| &n.blocks)).map(count).sum(),
                _ => 0,
            }
        }
        self.intro.iter().chain(&self.body).map(count).sum()
    }

    /// Every question of the guide, in order.
    pub fn questions(&self) -> Vec<&Qa> {
        let mut out = Vec::new();
        for block in self.intro.iter().chain(&self.body) {
            collect_questions(block, &mut out);
        }
        out
    }

    /// The guide's troubleshooters, in order.
    pub fn flows(&self) -> impl Iterator<Item = &Flow> {
        self.intro.iter().chain(&self.body).filter_map(|b| match b {
            Block::Flow(f) => Some(f),
            _ => None,
        })
    }

    /// The included file whose text holds offset `at` of the guide's spans
    /// (`None`: the guide's own text).
    pub fn included_at(&self, at: usize) -> Option<(usize, &Included)> {
        included_at(&self.includes, at)
    }

    /// A diagnostic about this guide made to name the file its span lies
    /// in (see [`relocate`]).
    pub fn relocate(&self, d: &mut crate::diagnostic::Diagnostic) {
        relocate(&self.source, &self.includes, d);
    }
}

/// The file of `includes` whose text holds offset `at` of a parse's spans.
pub fn included_at(includes: &[Included], at: usize) -> Option<(usize, &Included)> {
    let i = includes.partition_point(|f| f.base <= at).checked_sub(1)?;
    let f = &includes[i];
    (at <= f.base + f.len).then_some((i, f))
}

/// A diagnostic about the file `source` (whose parse included `includes`)
/// made to name the file its span lies in: an included file's own line,
/// with the chain of directives that brought it in (from the one in
/// `source` inward).
pub fn relocate(source: &std::path::Path, includes: &[Included], d: &mut crate::diagnostic::Diagnostic) {
    if includes.is_empty() || d.file != source {
        return;
    }
    let Some(span) = d.span.clone() else { return };
    let Some((mut i, f)) = included_at(includes, span.start) else { return };
    let end = span.end.clamp(span.start, f.base + f.len);
    d.file = f.rel.clone();
    d.span = Some(span.start - f.base..end - f.base);
    let mut chain = Vec::new();
    loop {
        let (parent, directive) = includes[i].from.clone();
        match parent {
            Some(p) => {
                let pf = &includes[p];
                chain.push((pf.rel.clone(), directive.start - pf.base..directive.end - pf.base));
                i = p;
            }
            None => {
                chain.push((source.to_path_buf(), directive));
                break;
            }
        }
    }
    chain.reverse();
    d.take_included_from();
    d.add_included_from(chain);
}

fn collect_steps<'a>(block: &'a Block, flows: bool, out: &mut Vec<&'a Step>) {
    match block {
        Block::Procedure(p) => out.extend(p.steps.iter()),
        Block::Section(s) => s.blocks.iter().for_each(|b| collect_steps(b, flows, out)),
        Block::Tabs(t) => {
            if let Some(tab) = t.tabs.get(t.selected) {
                tab.blocks.iter().for_each(|b| collect_steps(b, flows, out));
            }
        }
        Block::Flow(f) if flows => {
            f.intro.iter().chain(f.nodes.iter().flat_map(|n| &n.blocks)).for_each(|b| collect_steps(b, flows, out))
        }
        _ => {}
    }
}

fn collect_questions<'a>(block: &'a Block, out: &mut Vec<&'a Qa>) {
    match block {
        Block::Qa(q) => out.push(q),
        Block::Section(s) => s.blocks.iter().for_each(|b| collect_questions(b, out)),
        _ => {}
    }
}
