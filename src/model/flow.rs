//! A troubleshooter: a `## … {.flow}` section whose `###` headings are the
//! nodes of a decision graph. A node is a question, whose answers are links
//! to other nodes (or to other pages), or an outcome: a fix that ends with
//! "Did this solve it?" and, when it did not, leads on to the next node or
//! to the site's contact point.

use serde::Serialize;

use super::{Block, RichText, Span};

/// An interactive troubleshooter.
#[derive(Debug, Clone, Serialize)]
pub struct Flow {
    /// Id of the flow's heading.
    pub id: String,
    pub level: u8,
    pub title: RichText,
    /// Further ids of its heading, as [`crate::model::Section::aliases`].
    pub aliases: Vec<String>,
    /// What comes between the heading and the first node.
    pub intro: Vec<Block>,
    /// In source order; the first is where a reader starts.
    pub nodes: Vec<FlowNode>,
    /// Where a reader goes when no fix helped: `support.contact` of
    /// `tebiki.yaml` for the guide's language (root-marked when it is a
    /// page of the site), or none. Escaped for an attribute.
    pub contact: Option<String>,
    /// The flowchart as inline SVG, laid out when the guide is parsed
    /// (empty when no HTML is made, as in `tebiki check`).
    pub chart: String,
    /// The heading, for diagnostics.
    #[serde(skip)]
    pub span: Span,
}

/// Whether a node asks or fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// Its answers are its choices.
    Question,
    /// A fix; "Did this solve it?" follows it.
    Outcome,
}

/// One node: a `###` heading (with an explicit `{#id}`) and what is under it.
#[derive(Debug, Clone, Serialize)]
pub struct FlowNode {
    pub id: String,
    pub kind: NodeKind,
    pub title: RichText,
    /// Further ids of its heading, as [`crate::model::Section::aliases`].
    pub aliases: Vec<String>,
    /// Its content: for a question what comes before its answers, for an
    /// outcome the fix (procedures with steps and screenshots, notes, links).
    pub blocks: Vec<Block>,
    /// A question's answers, in order (empty for an outcome).
    pub choices: Vec<Choice>,
    /// An outcome's way on when the fix did not help: its last paragraph,
    /// when that paragraph links to a node of the flow and to nothing else.
    pub next: Option<FlowNext>,
    /// The plain text of its content (a FAQ answer, structured data).
    pub text: String,
    /// The heading, for diagnostics.
    #[serde(skip)]
    pub span: Span,
}

/// An answer of a question: an item of the list that ends it, starting with a link.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    /// The link's text.
    pub label: RichText,
    /// What the item says after the link, if anything.
    pub note: Option<RichText>,
    /// The href to write (`#node-id`, or a page's root-marked URL),
    /// escaped for an attribute; empty when the answer is not a link.
    pub href: String,
    pub target: Target,
    /// The heading of the node it leads to, as plain text (empty when it
    /// leads elsewhere), for print and for readers without JavaScript.
    pub leads_to: String,
    /// The list item, for diagnostics.
    #[serde(skip)]
    pub span: Span,
}

/// Where a choice or a way on leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Target {
    /// A node of the same flow (its id).
    Node(String),
    /// Somewhere outside the flow: another guide, a step of one, an anchor
    /// of this page that is not a node, a web page.
    Page,
    /// `#id` where the page has no such id.
    Missing(String),
    /// Not a link at all: the item is text.
    Nothing,
}

/// An outcome's way on: its last paragraph, linking the next node.
#[derive(Debug, Clone, Serialize)]
pub struct FlowNext {
    /// The paragraph as written (HTML of its content).
    pub html: String,
    pub target: Target,
    /// The link, for diagnostics.
    #[serde(skip)]
    pub span: Span,
}

impl Flow {
    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&FlowNode> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// Index of the node with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }

    /// Every edge between nodes as (from, to) indices, in order: each
    /// question's choices, then each outcome's way on.
    pub fn edges(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (i, n) in self.nodes.iter().enumerate() {
            let targets = n.choices.iter().map(|c| &c.target).chain(n.next.iter().map(|x| &x.target));
            for t in targets {
                if let Target::Node(id) = t {
                    if let Some(j) = self.index_of(id) {
                        out.push((i, j));
                    }
                }
            }
        }
        out
    }
}

impl FlowNode {
    pub fn is_question(&self) -> bool {
        self.kind == NodeKind::Question
    }
}
