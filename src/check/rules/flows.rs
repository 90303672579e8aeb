//! Troubleshooters checked like code: every answer leads somewhere that
//! exists (`flow-target-missing`), no reader gets stuck (`flow-dead-end`),
//! every node can be reached from the first (`flow-unreachable`), and a
//! circle is only allowed through a question that leads out of it
//! (`flow-loop`). Also each flow's longest path, which `check --format
//! json` reports for editors.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::model::{Flow, FlowNode, Guide, Span, Target};
use crate::rules;
use crate::source::closest;

/// Check every troubleshooter of a guide.
pub fn check(g: &Guide, diags: &mut Vec<Diagnostic>) {
    for f in g.flows() {
        check_flow(g, f, diags);
    }
}

fn diag(g: &Guide, rule: &'static rules::Rule, span: Span, message: String, hint: String) -> Diagnostic {
    Diagnostic::new(rule, &g.source, span, message).with_hint(Some(hint))
}

fn check_flow(g: &Guide, f: &Flow, diags: &mut Vec<Diagnostic>) {
    if f.nodes.is_empty() {
        diags.push(diag(
            g,
            &rules::FLOW_DEAD_END,
            f.span.clone(),
            format!("troubleshooter “{}” has no nodes", f.title.text),
            "write each question and each fix under it as a `###` heading with an id: `### Is the light on? {#light}`"
                .into(),
        ));
        return;
    }
    for n in &f.nodes {
        targets(g, f, n, diags);
        dead_ends(g, f, n, diags);
    }
    let graph = Graph::of(f);
    let reached = graph.reachable(0);
    for n in f.nodes.iter().zip(&reached).filter(|(_, r)| !**r).map(|(n, _)| n) {
        diags.push(diag(
            g,
            &rules::FLOW_UNREACHABLE,
            n.span.clone(),
            format!("no answer leads to “{}”: readers of the troubleshooter never see it", n.title.text),
            format!(
                "link it from an answer (`- [{}](#{})`) or from a fix's last paragraph; the troubleshooter starts at “{}”",
                n.title.text, n.id, f.nodes[0].title.text
            ),
        ));
    }
    loops(g, f, &graph, diags);
}

/// Links to `#id` that no node and no anchor of the page has.
fn targets(g: &Guide, f: &Flow, n: &FlowNode, diags: &mut Vec<Diagnostic>) {
    let hint = |id: &str| match closest(id, f.nodes.iter().map(|n| n.id.as_str())) {
        Some(near) => format!("did you mean `#{near}`?"),
        None => format!(
            "the nodes of this troubleshooter are {}",
            f.nodes.iter().map(|n| format!("`#{}`", n.id)).collect::<Vec<_>>().join(", ")
        ),
    };
    for c in &n.choices {
        if let Target::Missing(id) = &c.target {
            diags.push(diag(
                g,
                &rules::FLOW_TARGET_MISSING,
                c.span.clone(),
                format!("answer “{}” leads to `#{id}`, which is no node of this troubleshooter", c.label.text),
                hint(id),
            ));
        }
    }
    if let Some(Target::Missing(id)) = n.next.as_ref().map(|x| &x.target) {
        let span = n.next.as_ref().map(|x| x.span.clone()).unwrap_or_default();
        diags.push(diag(
            g,
            &rules::FLOW_TARGET_MISSING,
            span,
            format!("the way on from “{}” leads to `#{id}`, which is no node of this troubleshooter", n.title.text),
            hint(id),
        ));
    }
}

fn dead_ends(g: &Guide, f: &Flow, n: &FlowNode, diags: &mut Vec<Diagnostic>) {
    let title = &n.title.text;
    if n.is_question() {
        if n.choices.is_empty() {
            diags.push(diag(
                g,
                &rules::FLOW_DEAD_END,
                n.span.clone(),
                format!("question “{title}” has no answers to choose from"),
                "end it with a list of links, one per answer: `- [Yes](#node-id)`".into(),
            ));
        }
        for c in n.choices.iter().filter(|c| c.target == Target::Nothing) {
            let label = if c.label.text.is_empty() { "(empty)" } else { &c.label.text };
            diags.push(diag(
                g,
                &rules::FLOW_DEAD_END,
                c.span.clone(),
                format!("answer “{label}” of “{title}” leads nowhere: it is not a link"),
                format!("make it a link to the node it leads to: `- [{label}](#node-id)`"),
            ));
        }
        return;
    }
    if n.blocks.is_empty() && n.next.is_none() {
        diags.push(diag(
            g,
            &rules::FLOW_DEAD_END,
            n.span.clone(),
            format!("“{title}” has nothing under its heading"),
            "write the fix under it, or, if it asks something, end it with its answers as links: `- [Yes](#node-id)`"
                .into(),
        ));
    } else if n.next.is_none() && f.contact.is_none() {
        diags.push(diag(
            g,
            &rules::FLOW_DEAD_END,
            n.span.clone(),
            format!("fix “{title}” has no way on for a reader it does not help"),
            "end it with a paragraph that links the node to try next (`If it still fails, [restart the router](#restart).`), or set `support.contact` in tebiki.yaml, where such readers are sent".into(),
        ));
    }
}

/// Circles: a circle of fixes only is an endless "not solved" loop; a
/// circle of questions none of whose answers leads out traps the reader.
fn loops(g: &Guide, f: &Flow, graph: &Graph, diags: &mut Vec<Diagnostic>) {
    for comp in graph.cycles() {
        let names = || {
            let mut names: Vec<String> = comp.iter().map(|&i| format!("“{}”", f.nodes[i].title.text)).collect();
            names.push(names[0].clone());
            names.join(" → ")
        };
        let first = comp[0];
        let has_question = comp.iter().any(|&i| f.nodes[i].is_question());
        let has_outcome = comp.iter().any(|&i| !f.nodes[i].is_question());
        let leaves = comp.iter().any(|&i| {
            f.nodes[i]
                .choices
                .iter()
                .any(|c| !matches!(&c.target, Target::Node(id) if comp.iter().any(|&j| &f.nodes[j].id == id)))
        });
        if !has_question {
            diags.push(diag(
                g,
                &rules::FLOW_LOOP,
                f.nodes[first].span.clone(),
                format!("fixes lead to each other in a circle: {}", names()),
                "a reader whom none of them helps goes round for ever: let one of them lead to a question or to another fix, or end without a way on (readers then reach `support.contact`)".into(),
            ));
        } else if !has_outcome && !leaves {
            diags.push(diag(
                g,
                &rules::FLOW_LOOP,
                f.nodes[first].span.clone(),
                format!("no answer leads out of these questions: {}", names()),
                "give one of them an answer that leads to a fix".into(),
            ));
        }
    }
}

/// A flow's nodes and edges by index, for the graph rules and the layout.
#[derive(Debug, Clone)]
pub struct Graph {
    /// Successors of each node, in the order of its answers.
    pub next: Vec<Vec<usize>>,
}

impl Graph {
    pub fn of(f: &Flow) -> Graph {
        let mut next = vec![Vec::new(); f.nodes.len()];
        for (a, b) in f.edges() {
            next[a].push(b);
        }
        Graph { next }
    }

    /// Which nodes a path from `start` reaches.
    pub fn reachable(&self, start: usize) -> Vec<bool> {
        let mut seen = vec![false; self.next.len()];
        let mut todo = vec![start];
        while let Some(i) = todo.pop() {
            if !std::mem::replace(&mut seen[i], true) {
                todo.extend(self.next[i].iter().copied().filter(|&j| !seen[j]));
            }
        }
        seen
    }

    /// The strongly connected components that hold a circle (more than one
    /// node, or a node leading to itself), each sorted by node index, in
    /// order of their first node (Tarjan's algorithm, without recursion).
    pub fn cycles(&self) -> Vec<Vec<usize>> {
        let n = self.next.len();
        let mut index = vec![usize::MAX; n];
        let mut low = vec![0; n];
        let mut on_stack = vec![false; n];
        let mut stack = Vec::new();
        let mut counter = 0;
        let mut out = Vec::new();
        for root in 0..n {
            if index[root] != usize::MAX {
                continue;
            }
            // (node, next successor to look at)
            let mut work = vec![(root, 0)];
            index[root] = counter;
            low[root] = counter;
            counter += 1;
            stack.push(root);
            on_stack[root] = true;
            while let Some(&mut (v, ref mut k)) = work.last_mut() {
                if let Some(&w) = self.next[v].get(*k) {
                    *k += 1;
                    if index[w] == usize::MAX {
                        index[w] = counter;
                        low[w] = counter;
                        counter += 1;
                        stack.push(w);
                        on_stack[w] = true;
                        work.push((w, 0));
                    } else if on_stack[w] {
                        low[v] = low[v].min(index[w]);
                    }
                    continue;
                }
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    let mut comp = Vec::new();
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp.push(w);
                        if w == v {
                            break;
                        }
                    }
                    comp.sort_unstable();
                    if comp.len() > 1 || self.next[v].contains(&v) {
                        out.push(comp);
                    }
                }
            }
        }
        out.sort_by_key(|c| c[0]);
        out
    }

    /// The edges that close a circle when the graph is walked depth first
    /// from `start` (and then from every node not reached), going to the
    /// node written first before the others, so that the edge found to go
    /// back is the one leading up the page, whatever the answers' order:
    /// dropping them leaves a graph without circles.
    pub fn back_edges(&self, start: usize) -> Vec<(usize, usize)> {
        let out: Vec<Vec<(usize, (usize, usize))>> = self
            .next
            .iter()
            .enumerate()
            .map(|(v, s)| {
                let mut s: Vec<_> = s.iter().map(|&w| (w, (v, w))).collect();
                s.sort_unstable();
                s
            })
            .collect();
        crate::flowchart::layout::closing_edges(&out, start)
    }

    /// The longest path from `start` that never goes back to a node it has
    /// passed (edges that close a circle, [`Graph::back_edges`], are not
    /// followed): the most nodes a reader may go through.
    pub fn longest_path(&self, start: usize) -> Vec<usize> {
        let n = self.next.len();
        if n == 0 {
            return Vec::new();
        }
        let back = self.back_edges(start);
        let forward =
            |v: usize| -> Vec<usize> { self.next[v].iter().copied().filter(|&w| !back.contains(&(v, w))).collect() };
        // Post-order from `start` over forward edges: successors come first.
        let mut order = Vec::new();
        let mut seen = vec![false; n];
        let mut work = vec![(start, 0usize)];
        seen[start] = true;
        while let Some(&mut (v, ref mut k)) = work.last_mut() {
            if let Some(&w) = forward(v).get(*k) {
                *k += 1;
                if !seen[w] {
                    seen[w] = true;
                    work.push((w, 0));
                }
            } else {
                order.push(v);
                work.pop();
            }
        }
        let mut best: Vec<(usize, Option<usize>)> = vec![(1, None); n];
        for &v in &order {
            for w in forward(v) {
                if best[w].0 + 1 > best[v].0 {
                    best[v] = (best[w].0 + 1, Some(w));
                }
            }
        }
        let mut path = vec![start];
        let mut at = start;
        while let (_, Some(w)) = best[at] {
            path.push(w);
            at = w;
        }
        path
    }
}

/// What `check --format json` says about one troubleshooter.
#[derive(Debug, Clone)]
pub struct FlowInfo {
    pub file: PathBuf,
    /// The flow's heading.
    pub span: Span,
    pub id: String,
    pub title: String,
    pub nodes: usize,
    pub questions: usize,
    pub outcomes: usize,
    /// Node ids of the longest path from the first node.
    pub longest_path: Vec<String>,
}

/// Every troubleshooter of the site, for the JSON report.
pub fn infos(guides: &[Guide]) -> Vec<FlowInfo> {
    guides
        .iter()
        .flat_map(|g| {
            g.flows().map(move |f| {
                let graph = Graph::of(f);
                let questions = f.nodes.iter().filter(|n| n.is_question()).count();
                FlowInfo {
                    file: g.source.clone(),
                    span: f.span.clone(),
                    id: f.id.clone(),
                    title: f.title.text.clone(),
                    nodes: f.nodes.len(),
                    questions,
                    outcomes: f.nodes.len() - questions,
                    longest_path: graph.longest_path(0).into_iter().map(|i| f.nodes[i].id.clone()).collect(),
                }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(n: usize, edges: &[(usize, usize)]) -> Graph {
        let mut next = vec![Vec::new(); n];
        for &(a, b) in edges {
            next[a].push(b);
        }
        Graph { next }
    }

    #[test]
    fn cycles_are_the_components_with_a_circle() {
        let g = graph(6, &[(0, 1), (1, 2), (2, 1), (2, 3), (3, 3), (4, 5)]);
        assert_eq!(g.cycles(), vec![vec![1, 2], vec![3]]);
        assert!(graph(3, &[(0, 1), (1, 2), (0, 2)]).cycles().is_empty());
    }

    #[test]
    fn the_longest_path_follows_no_edge_back() {
        // 0 → 1 → 2 → 3, 0 → 3, and 3 → 1 closes a circle.
        let g = graph(4, &[(0, 3), (0, 1), (1, 2), (2, 3), (3, 1)]);
        assert_eq!(g.back_edges(0), vec![(3, 1)]);
        assert_eq!(g.longest_path(0), vec![0, 1, 2, 3]);
        assert_eq!(graph(1, &[]).longest_path(0), vec![0]);
    }

    #[test]
    fn reachable_from_the_start() {
        let g = graph(4, &[(0, 1), (2, 3)]);
        assert_eq!(g.reachable(0), vec![true, true, false, false]);
    }
}
