//! Troubleshooters: a `##` section whose heading carries the class `flow`
//! (`## Troubleshooting {#help .flow}`) becomes a [`Flow`]. Its `###`
//! headings are the nodes; a node that ends with a bulleted list whose items
//! start with links is a question (the items are its answers), any other
//! node is an outcome, whose last paragraph, when it links to a node and to
//! nothing else, is its way on when the fix did not help. Links between
//! nodes are resolved once the whole page is read ([`resolve`]); the graph
//! rules are checked in `check::rules::flows`.

use pulldown_cmark::{Event, Tag};

use crate::diagnostic::Diagnostic;
use crate::model::{Block, Choice, Flow, FlowNext, FlowNode, NodeKind, RichText, Target, ROOT_MARK};
use crate::parse::markdown::{attr, decode, plain_text, scheme_of, Node, Renderer, DANGEROUS_SCHEMES};
use crate::parse::structure::{content_blocks, first_line, groups, heading_id_and_title};
use crate::rules;
use crate::slug::slugify;

/// The class that makes a `##` section a troubleshooter.
pub const FLOW_CLASS: &str = "flow";

/// Whether a heading is marked as a troubleshooter (`{.flow}`).
pub fn is_flow_heading(heading: &Node<'_>) -> bool {
    matches!(heading.tag(), Some(Tag::Heading { classes, .. }) if classes.iter().any(|c| &**c == FLOW_CLASS))
}

/// A `## … {.flow}` heading and its content as a troubleshooter.
pub fn flow(heading: &Node<'_>, content: &[Node<'_>], level: u8, r: &mut Renderer<'_>) -> Flow {
    let (id, title, aliases) = heading_id_and_title(heading, r);
    let node_level = level + 1;
    let first = content.iter().position(|n| n.heading_level() == Some(node_level)).unwrap_or(content.len());
    let intro = content_blocks(&content[..first], r, true);
    let nodes: Vec<FlowNode> =
        groups(&content[first..], |l| l <= node_level).into_iter().map(|(h, c)| node(h, c, r)).collect();
    let contact =
        r.config.support.contact_for(&r.lang, r.config.default_language()).and_then(contact_href).map(|h| attr(&h));
    Flow { id, level, title, aliases, intro, nodes, contact, chart: String::new(), span: heading.span.clone() }
}

/// The href of `support.contact`: a site path (`/contact.html`) is
/// root-marked; a URL stays as it is, unless its scheme runs code.
fn contact_href(contact: &str) -> Option<String> {
    if let Some(path) = contact.strip_prefix('/').filter(|_| !contact.starts_with("//")) {
        return Some(format!("{ROOT_MARK}{path}"));
    }
    match scheme_of(contact) {
        Some(s) if DANGEROUS_SCHEMES.contains(&s.as_str()) => None,
        _ => Some(contact.to_string()),
    }
}

/// Whether a heading's text asks (ends with a question mark).
fn asks(title: &RichText) -> bool {
    title.text.trim_end().ends_with(['?', '？'])
}

/// The inline nodes of a list item's first paragraph (a tight item holds
/// them directly), and the block nodes after them.
fn item_parts<'n, 'a>(item: &'n Node<'a>) -> (&'n [Node<'a>], &'n [Node<'a>]) {
    let children = &item.children;
    let inline_end = children.iter().position(Node::is_block).unwrap_or(children.len());
    if inline_end > 0 {
        return (&children[..inline_end], &children[inline_end..]);
    }
    match children.first() {
        Some(p) if matches!(p.tag(), Some(Tag::Paragraph)) => (&p.children, &children[1..]),
        _ => (&[], children),
    }
}

/// The link an item starts with and the inline nodes after it.
fn leading_link<'n, 'a>(item: &'n Node<'a>) -> Option<(&'n Node<'a>, &'n [Node<'a>])> {
    let (inline, _) = item_parts(item);
    let at = inline.iter().position(|n| !n.is_blank())?;
    let link = &inline[at];
    matches!(link.tag(), Some(Tag::Link { .. })).then(|| (link, &inline[at + 1..]))
}

fn node(heading: &Node<'_>, content: &[Node<'_>], r: &mut Renderer<'_>) -> FlowNode {
    let explicit = matches!(heading.tag(), Some(Tag::Heading { id: Some(_), .. }));
    let (id, title, aliases) = heading_id_and_title(heading, r);
    if !explicit {
        let source = r.source.clone();
        let written = source[first_line(heading, &source)].trim_end().to_string();
        let suggestion = match slugify(&title.text) {
            s if s.is_ascii() && !s.is_empty() => s,
            _ => "node-id".to_string(),
        };
        r.diagnostics.push(
            Diagnostic::new(
                &rules::FLOW_NODE_ID,
                &r.file,
                first_line(heading, &source),
                format!("node “{}” of a troubleshooter has no id of its own", title.text),
            )
            .with_hint(Some(format!(
                "end the heading with an id that stays when its words change, as links and saved places use it: `{written} {{#{suggestion}}}`"
            ))),
        );
    }
    let span = heading.span.clone();
    let items: Vec<&Node> = match content.last() {
        Some(list) if matches!(list.tag(), Some(Tag::List(None))) => {
            list.children.iter().filter(|n| matches!(n.tag(), Some(Tag::Item))).collect()
        }
        _ => Vec::new(),
    };
    let linked = items.iter().filter(|i| leading_link(i).is_some()).count();
    let has_steps = content.iter().any(|n| matches!(n.tag(), Some(Tag::List(Some(_)))));
    let question = (!items.is_empty() && (linked == items.len() || (asks(&title) && (linked > 0 || !has_steps))))
        || (content.is_empty() && asks(&title));
    if question {
        let before = if items.is_empty() { content } else { &content[..content.len() - 1] };
        let blocks = content_blocks(before, r, true);
        let choices = items.into_iter().map(|i| choice(i, r)).collect();
        let text = plain_text(before);
        return FlowNode { id, kind: NodeKind::Question, title, aliases, blocks, choices, next: None, text, span };
    }
    // An outcome: a last paragraph with one link, to `#…`, is its way on.
    let way_on = content.last().filter(|p| matches!(p.tag(), Some(Tag::Paragraph))).and_then(|p| {
        let mut links = Vec::new();
        collect_links(&p.children, &mut links);
        match links.as_slice() {
            [link] => match link.tag() {
                Some(Tag::Link { dest_url, .. }) => dest_url.strip_prefix('#').map(|a| (p, *link, decode(a))),
                _ => None,
            },
            _ => None,
        }
    });
    let body = if way_on.is_some() { &content[..content.len() - 1] } else { content };
    let blocks = content_blocks(body, r, true);
    let text = plain_text(content);
    let next = way_on.map(|(p, link, anchor)| FlowNext {
        html: r.inline(&p.children).html,
        target: Target::Missing(anchor),
        span: link.span.clone(),
    });
    FlowNode { id, kind: NodeKind::Outcome, title, aliases, blocks, choices: Vec::new(), next, text, span }
}

fn collect_links<'n, 'a>(nodes: &'n [Node<'a>], out: &mut Vec<&'n Node<'a>>) {
    for n in nodes {
        if matches!(n.tag(), Some(Tag::Link { .. })) {
            out.push(n);
        } else {
            collect_links(&n.children, out);
        }
    }
}

/// One answer of a question.
fn choice(item: &Node<'_>, r: &mut Renderer<'_>) -> Choice {
    let span = item.span.clone();
    let (inline, blocks) = item_parts(item);
    let Some((link, rest)) = leading_link(item) else {
        let mut label = r.inline(inline);
        if !blocks.is_empty() {
            let more = r.blocks(blocks);
            label.html.push_str(&more.html);
        }
        return Choice {
            label,
            note: None,
            href: String::new(),
            target: Target::Nothing,
            leads_to: String::new(),
            span,
        };
    };
    let Some(Tag::Link { dest_url, .. }) = link.tag() else { unreachable!("a link") };
    let dest = dest_url.trim().to_string();
    let (href, target) = match dest.strip_prefix('#') {
        // Resolved against the nodes and the page's ids once the page is read.
        Some(anchor) => (attr(&dest), Target::Missing(decode(anchor))),
        None => match r.link_href(&dest, link.span.clone()) {
            Some(href) => (attr(&href), Target::Page),
            None => (String::new(), Target::Nothing),
        },
    };
    let label = r.inline(&link.children);
    let rest: Vec<Node> = rest.iter().filter(|n| !matches!(n.event, Event::SoftBreak)).cloned().collect();
    let mut note = (!rest.iter().all(Node::is_blank) || !blocks.is_empty()).then(|| {
        let mut note = r.inline(&rest);
        if !blocks.is_empty() {
            let more = r.blocks(blocks);
            note.html.push_str(&more.html);
            note.text = format!("{} {}", note.text, more.text).trim().to_string();
        }
        note
    });
    if let Some(n) = &mut note {
        n.text = n.text.trim_start_matches(['—', '-', ':', '：', ' ', '\u{3000}']).to_string();
    }
    Choice { label, note, href, target, leads_to: String::new(), span }
}

/// Resolve the `#…` links of a flow once every id of the page is known:
/// a node of the flow, another place on the page (the link then leaves the
/// flow; an outcome's last paragraph linking there is ordinary content), or
/// nothing (reported by `flow-target-missing`, and only there).
pub fn resolve(flow: &mut Flow, r: &mut Renderer<'_>) {
    let ids: Vec<(String, String)> = flow.nodes.iter().map(|n| (n.id.clone(), n.title.text.clone())).collect();
    let is_node = |id: &str| ids.iter().any(|(n, _)| n == id);
    for node in &mut flow.nodes {
        for c in &mut node.choices {
            if let Target::Missing(id) = &c.target {
                if let Some((_, title)) = ids.iter().find(|(n, _)| n == id) {
                    c.leads_to = title.clone();
                    c.target = Target::Node(id.clone());
                } else if r.ids.contains(id) {
                    c.target = Target::Page;
                }
            }
        }
        let Some(next) = &mut node.next else { continue };
        let Target::Missing(id) = &next.target else { continue };
        if is_node(id) {
            next.target = Target::Node(id.clone());
        } else if r.ids.contains(id) {
            // Not a way on: the paragraph belongs to the fix.
            let next = node.next.take().expect("matched above");
            node.blocks
                .push(Block::Html { html: if r.html { format!("<p>{}</p>\n", next.html) } else { String::new() } });
        } else {
            // The flow rule names the missing node; the anchor rule need not too.
            r.links.retain(|l| l.span != next.span);
        }
    }
}
