//! A layered ("Sugiyama") layout of a directed graph of boxes, top to
//! bottom, with labelled edges:
//!
//! 1. circles are broken by turning round the edges that close them in a
//!    depth-first walk from the root;
//! 2. every node gets a rank (the longest path to it), and each rank an
//!    even layer; an edge that spans layers is a chain of virtual nodes,
//!    one per layer in between, the one next to its source carrying its
//!    label (so labels take room like boxes and never overlap);
//! 3. the order within layers is improved by barycentre sweeps, keeping
//!    the order with the fewest crossings;
//! 4. x positions: each layer in turn is pulled towards its neighbours'
//!    positions (chains of virtual nodes pull hardest, to keep edges
//!    straight) with the order and the gaps kept, which is an isotonic
//!    regression solved exactly by pool-adjacent-violators;
//! 5. edges run vertically through their virtual nodes' places and curve
//!    only in the gaps between layers, where there are no boxes.
//!
//! Everything is in the caller's units (pixels); nothing here knows text.

/// A width and a height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub w: f32,
    pub h: f32,
}

/// A box by its top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    pub fn cx(&self) -> f32 {
        self.x + self.w / 2.0
    }
    /// Whether two boxes share any area.
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }
}

/// An edge to lay out.
#[derive(Debug, Clone, Copy)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// The size of its label, if it has one.
    pub label: Option<Size>,
}

/// A laid-out edge: the points of its line from the source's edge to the
/// target's (straight where `x` is equal, curving between layers where it
/// is not), and its label's box.
#[derive(Debug, Clone)]
pub struct EdgePath {
    pub points: Vec<(f32, f32)>,
    pub label: Option<Rect>,
    /// Whether the edge points back up (it closes a circle, or leads to itself).
    pub back: bool,
}

/// The laid-out graph.
#[derive(Debug, Clone)]
pub struct Layout {
    pub nodes: Vec<Rect>,
    pub edges: Vec<EdgePath>,
    pub width: f32,
    pub height: f32,
}

/// Room around the drawing.
const MARGIN: f32 = 12.0;
/// Between two boxes (or labels) side by side.
const GAP: f32 = 28.0;
/// Between an edge passing by and anything beside it.
const LANE: f32 = 10.0;
/// The least vertical room between two layers.
const RANK_GAP: f32 = 16.0;
/// How far the innermost edge a node sends to itself reaches out, and each
/// further one beyond it.
const LOOP: f32 = 16.0;
const LOOP_STEP: f32 = 8.0;

/// A vertex of the layered graph: a node, or a point of a chain.
#[derive(Debug, Clone)]
struct Vertex {
    layer: usize,
    w: f32,
    h: f32,
    /// A node's index, or `None` for a chain point.
    node: Option<usize>,
    /// For a chain point that carries a label: the edge.
    label_of: Option<usize>,
    up: Vec<usize>,
    down: Vec<usize>,
}

/// Lay out `sizes` (boxes) joined by `edges`, starting from `root`.
pub fn layout(sizes: &[Size], edges: &[Edge], root: usize) -> Layout {
    let n = sizes.len();
    if n == 0 {
        return Layout { nodes: Vec::new(), edges: Vec::new(), width: 0.0, height: 0.0 };
    }
    // Edges a node sends to itself are drawn beside it, nested, their
    // labels stacked to the right of the outermost.
    let mut loops: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in edges.iter().enumerate().filter(|(_, e)| e.from == e.to) {
        loops[e.from].push(i);
    }
    let stack = |i: usize| -> (f32, f32) {
        let labels = loops[i].iter().filter_map(|&e| edges[e].label);
        labels.fold((0.0, 0.0), |(w, h), l| (f32::max(w, l.w), h + l.h + 4.0))
    };
    let extra: Vec<f32> = (0..n)
        .map(|i| if loops[i].is_empty() { 0.0 } else { LOOP + LOOP_STEP * loops[i].len() as f32 + stack(i).0 })
        .collect();
    let reversed = back_edges(n, edges, root);
    // Edges in the direction laid out (down), self-loops left out.
    let dag: Vec<(usize, usize)> =
        edges.iter().enumerate().map(|(i, e)| if reversed[i] { (e.to, e.from) } else { (e.from, e.to) }).collect();
    let rank = ranks(n, edges, &dag);

    // The layered graph.
    let mut v: Vec<Vertex> = (0..n)
        .map(|i| Vertex {
            layer: 2 * rank[i],
            w: sizes[i].w + extra[i],
            h: sizes[i].h.max(stack(i).1),
            node: Some(i),
            label_of: None,
            up: Vec::new(),
            down: Vec::new(),
        })
        .collect();
    // Each edge's chain of vertices, in the direction laid out.
    let mut chains: Vec<Vec<usize>> = vec![Vec::new(); edges.len()];
    for (i, e) in edges.iter().enumerate() {
        if e.from == e.to {
            continue;
        }
        let (a, b) = dag[i];
        let (la, lb) = (2 * rank[a], 2 * rank[b]);
        let mut chain = vec![a];
        // The label sits next to where the edge starts, as read.
        let label_layer = if reversed[i] { lb - 1 } else { la + 1 };
        for layer in la + 1..lb {
            let label = e.label.filter(|_| layer == label_layer);
            v.push(Vertex {
                layer,
                w: label.map_or(0.0, |l| l.w),
                h: label.map_or(0.0, |l| l.h),
                node: None,
                label_of: label.map(|_| i),
                up: Vec::new(),
                down: Vec::new(),
            });
            chain.push(v.len() - 1);
        }
        chain.push(b);
        for pair in chain.windows(2) {
            v[pair[0]].down.push(pair[1]);
            v[pair[1]].up.push(pair[0]);
        }
        chains[i] = chain;
    }
    let layers = order(&v, root);
    let x = positions(&v, &layers);
    let (tops, heights) = rows(&v, &layers, &x);

    // Boxes.
    let center_y = |i: usize| tops[v[i].layer] + heights[v[i].layer] / 2.0;
    let nodes: Vec<Rect> = (0..n)
        .map(|i| Rect { x: x[i] - v[i].w / 2.0, y: center_y(i) - sizes[i].h / 2.0, w: sizes[i].w, h: sizes[i].h })
        .collect();
    // Where edges leave a box's bottom and enter its top: spread along it
    // in the order of the other ends, so that they do not cross there.
    let ports = |i: usize, others: &[usize], other: usize| -> f32 {
        if v[i].node.is_none() || others.len() < 2 {
            return nodes.get(i).map_or(x[i], Rect::cx);
        }
        let mut sorted: Vec<usize> = others.to_vec();
        sorted.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
        let k = sorted.iter().position(|&o| o == other).unwrap_or(0);
        let r = nodes[i];
        let span = (r.w - 16.0).max(0.0);
        r.x + 8.0 + span * (k as f32 + 1.0) / (sorted.len() as f32 + 1.0)
    };
    let mut paths = Vec::with_capacity(edges.len());
    for (i, e) in edges.iter().enumerate() {
        if e.from == e.to {
            let r = nodes[e.from];
            let all = &loops[e.from];
            let k = all.iter().position(|&x| x == i).unwrap_or(0) as f32;
            let count = all.len() as f32;
            // Loop k (0 the innermost) reaches further out and higher and lower.
            let spread = (r.h / 2.0 - 4.0).max(2.0) / count;
            let (y0, y1) = (r.y + r.h / 2.0 - spread * (k + 0.5), r.y + r.h / 2.0 + spread * (k + 0.5));
            let (x0, out) = (r.right(), r.right() + LOOP + LOOP_STEP * k);
            let label = e.label.map(|l| {
                let before: f32 =
                    all.iter().take_while(|&&x| x != i).filter_map(|&x| edges[x].label).map(|b| b.h + 4.0).sum();
                let top = r.y + r.h / 2.0 - stack(e.from).1 / 2.0 + before;
                Rect { x: r.right() + LOOP + LOOP_STEP * count, y: top, w: l.w, h: l.h }
            });
            paths.push(EdgePath { points: vec![(x0, y0), (out, y0), (out, y1), (x0, y1)], label, back: true });
            continue;
        }
        let chain = &chains[i];
        let mut points = Vec::with_capacity(chain.len() * 2);
        let (a, b) = (chain[0], chain[chain.len() - 1]);
        // Out of a box straight down to the end of its layer, and into one
        // straight down from the start of its layer: a shorter box has
        // taller neighbours, which a curve there could cut.
        let out_x = ports(a, &v[a].down, chain[1]);
        points.push((out_x, nodes[a].bottom()));
        let band_end = tops[v[a].layer] + heights[v[a].layer];
        if band_end > nodes[a].bottom() + 0.5 {
            points.push((out_x, band_end));
        }
        let mut label = None;
        for &c in &chain[1..chain.len() - 1] {
            let (top, h) = (tops[v[c].layer], heights[v[c].layer]);
            points.push((x[c], top));
            if h > 0.0 {
                points.push((x[c], top + h));
            }
            if v[c].label_of.is_some() {
                label = Some(Rect { x: x[c] - v[c].w / 2.0, y: top + (h - v[c].h) / 2.0, w: v[c].w, h: v[c].h });
            }
        }
        let in_x = ports(b, &v[b].up, chain[chain.len() - 2]);
        if nodes[b].y > tops[v[b].layer] + 0.5 {
            points.push((in_x, tops[v[b].layer]));
        }
        points.push((in_x, nodes[b].y));
        if reversed[i] {
            points.reverse();
        }
        paths.push(EdgePath { points, label, back: reversed[i] });
    }
    let width = v.iter().enumerate().map(|(i, vx)| x[i] + vx.w / 2.0).fold(0.0, f32::max) + MARGIN;
    let width = paths.iter().filter_map(|p| p.label).map(|l| l.right()).fold(width, |a, b| a.max(b + MARGIN));
    let height = tops.last().copied().unwrap_or(0.0) + heights.last().copied().unwrap_or(0.0) + MARGIN;
    Layout { nodes, edges: paths, width, height }
}

/// Which edges close a circle in a depth-first walk from `root` (then from
/// every node not reached), to be turned round. Self-loops are not.
fn back_edges(n: usize, edges: &[Edge], root: usize) -> Vec<bool> {
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (i, e) in edges.iter().enumerate().filter(|(_, e)| e.from != e.to) {
        out[e.from].push((e.to, i));
    }
    let mut reversed = vec![false; edges.len()];
    for e in closing_edges(&out, root) {
        reversed[e] = true;
    }
    reversed
}

/// The edges that close a circle in a depth-first walk from `root`, then
/// from every node not reached, following each node's edges in the order
/// given (`out[v]` holds `(successor, edge)`): dropping them leaves a graph
/// without circles. Shared by the layout and the flow rules of `check`.
pub fn closing_edges<E: Copy>(out: &[Vec<(usize, E)>], root: usize) -> Vec<E> {
    let n = out.len();
    // 0 unseen, 1 on the path, 2 done.
    let mut state = vec![0u8; n];
    let mut closing = Vec::new();
    for start in std::iter::once(root).chain(0..n) {
        if state[start] != 0 {
            continue;
        }
        state[start] = 1;
        let mut work = vec![(start, 0usize)];
        while let Some(&mut (u, ref mut k)) = work.last_mut() {
            if let Some(&(w, e)) = out[u].get(*k) {
                *k += 1;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        work.push((w, 0));
                    }
                    1 => closing.push(e),
                    _ => {}
                }
            } else {
                state[u] = 2;
                work.pop();
            }
        }
    }
    closing
}

/// Longest-path ranks over the edges as laid out (a graph without circles).
fn ranks(n: usize, edges: &[Edge], dag: &[(usize, usize)]) -> Vec<usize> {
    let mut indegree = vec![0usize; n];
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, &(a, b)) in dag.iter().enumerate() {
        if edges[i].from != edges[i].to {
            out[a].push(b);
            indegree[b] += 1;
        }
    }
    let mut rank = vec![0usize; n];
    let mut ready: Vec<usize> = (0..n).rev().filter(|&i| indegree[i] == 0).collect();
    while let Some(a) = ready.pop() {
        for &b in &out[a] {
            rank[b] = rank[b].max(rank[a] + 1);
            indegree[b] -= 1;
            if indegree[b] == 0 {
                ready.push(b);
            }
        }
    }
    rank
}

/// The order of the vertices in each layer: first as a depth-first walk
/// from the root meets them, then improved by barycentre sweeps; the order
/// with the fewest crossings wins.
fn order(v: &[Vertex], root: usize) -> Vec<Vec<usize>> {
    let count = v.iter().map(|x| x.layer).max().unwrap_or(0) + 1;
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut seen = vec![false; v.len()];
    let nodes = v.iter().filter(|x| x.node.is_some()).count();
    for start in std::iter::once(root).chain(0..nodes) {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut stack = vec![start];
        while let Some(i) = stack.pop() {
            layers[v[i].layer].push(i);
            for &d in v[i].down.iter().rev() {
                if !seen[d] {
                    seen[d] = true;
                    stack.push(d);
                }
            }
        }
    }
    let mut best = layers.clone();
    let mut best_crossings = crossings(v, &layers, &positions_in(&layers, v.len()));
    for round in 0..16 {
        if best_crossings == 0 {
            break;
        }
        let down = round % 2 == 0;
        let range: Vec<usize> = if down { (1..count).collect() } else { (0..count.saturating_sub(1)).rev().collect() };
        for l in range {
            let pos = positions_in(&layers, v.len());
            let key = |i: usize| -> f32 {
                let near = if down { &v[i].up } else { &v[i].down };
                if near.is_empty() {
                    pos[i] as f32
                } else {
                    near.iter().map(|&j| pos[j] as f32).sum::<f32>() / near.len() as f32
                }
            };
            let mut keyed: Vec<(f32, usize, usize)> =
                layers[l].iter().enumerate().map(|(k, &i)| (key(i), k, i)).collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            layers[l] = keyed.into_iter().map(|(_, _, i)| i).collect();
        }
        let c = crossings(v, &layers, &positions_in(&layers, v.len()));
        if c < best_crossings {
            best_crossings = c;
            best = layers.clone();
        }
    }
    transpose(v, &mut best);
    best
}

/// Each vertex's index within its layer.
fn positions_in(layers: &[Vec<usize>], n: usize) -> Vec<usize> {
    let mut pos = vec![0; n];
    for layer in layers {
        for (k, &i) in layer.iter().enumerate() {
            pos[i] = k;
        }
    }
    pos
}

/// Swap neighbours in a layer while that removes crossings.
fn transpose(v: &[Vertex], layers: &mut [Vec<usize>]) {
    let mut pos = positions_in(layers, v.len());
    for _ in 0..4 {
        let mut improved = false;
        for layer in layers.iter_mut() {
            for k in 0..layer.len().saturating_sub(1) {
                let (a, b) = (layer[k], layer[k + 1]);
                if pair_crossings(v, b, a, &pos) < pair_crossings(v, a, b, &pos) {
                    layer.swap(k, k + 1);
                    (pos[a], pos[b]) = (k + 1, k);
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Crossings between the edges of `a` and of `b` (above and below) when
/// `a` is just left of `b`.
fn pair_crossings(v: &[Vertex], a: usize, b: usize, pos: &[usize]) -> usize {
    let count =
        |na: &[usize], nb: &[usize]| na.iter().map(|&x| nb.iter().filter(|&&y| pos[x] > pos[y]).count()).sum::<usize>();
    count(&v[a].up, &v[b].up) + count(&v[a].down, &v[b].down)
}

fn crossings(v: &[Vertex], layers: &[Vec<usize>], pos: &[usize]) -> usize {
    layers.iter().map(|l| crossings_between(v, l, pos)).sum()
}

/// Crossings of the edges from a layer down to the next (`pos`: every
/// vertex's place in its layer).
fn crossings_between(v: &[Vertex], upper: &[usize], pos: &[usize]) -> usize {
    let mut segs: Vec<(usize, usize)> = Vec::new();
    for (a, &i) in upper.iter().enumerate() {
        segs.extend(v[i].down.iter().map(|&d| (a, pos[d])));
    }
    // Pairs in a different order below than above: sorted by the upper
    // end, count the inversions of the lower.
    segs.sort_unstable();
    let mut c = 0;
    for (k, s) in segs.iter().enumerate() {
        c += segs[k + 1..].iter().filter(|t| t.0 > s.0 && t.1 < s.1).count();
    }
    c
}

/// How hard an edge between two vertices pulls them into line: chains of
/// virtual vertices most, so that long edges run straight.
fn pull(v: &[Vertex], a: usize, b: usize) -> f32 {
    match (v[a].node.is_none(), v[b].node.is_none()) {
        (true, true) => 8.0,
        (true, false) | (false, true) => 2.0,
        _ => 1.0,
    }
}

/// The least distance between the centres of two neighbours in a layer.
fn separation(v: &[Vertex], a: usize, b: usize) -> f32 {
    let gap = if v[a].node.is_some() && v[b].node.is_some() {
        GAP
    } else if v[a].w == 0.0 && v[b].w == 0.0 {
        LANE
    } else {
        (GAP + LANE) / 2.0
    };
    v[a].w / 2.0 + v[b].w / 2.0 + gap
}

/// x of every vertex's centre.
fn positions(v: &[Vertex], layers: &[Vec<usize>]) -> Vec<f32> {
    let mut x = vec![0.0f32; v.len()];
    for layer in layers {
        let mut at = 0.0;
        for (k, &i) in layer.iter().enumerate() {
            if k > 0 {
                at += separation(v, layer[k - 1], i);
            }
            x[i] = at;
        }
    }
    let count = layers.len();
    for round in 0..12 {
        let both = round >= 10;
        let down = round % 2 == 0;
        let range: Vec<usize> = if down { (0..count).collect() } else { (0..count).rev().collect() };
        for l in range {
            let layer = &layers[l];
            let mut desired = Vec::with_capacity(layer.len());
            let mut weight = Vec::with_capacity(layer.len());
            for &i in layer {
                let near: Vec<usize> = if both {
                    v[i].up.iter().chain(&v[i].down).copied().collect()
                } else if down {
                    v[i].up.clone()
                } else {
                    v[i].down.clone()
                };
                let total: f32 = near.iter().map(|&j| pull(v, i, j)).sum();
                if total == 0.0 {
                    desired.push(x[i]);
                    weight.push(0.25);
                } else {
                    desired.push(near.iter().map(|&j| x[j] * pull(v, i, j)).sum::<f32>() / total);
                    weight.push(total);
                }
            }
            let gaps: Vec<f32> = layer.windows(2).map(|w| separation(v, w[0], w[1])).collect();
            for (k, placed) in place(&desired, &weight, &gaps).into_iter().enumerate() {
                x[layer[k]] = placed;
            }
        }
    }
    let left = v.iter().enumerate().map(|(i, vx)| x[i] - vx.w / 2.0).fold(f32::INFINITY, f32::min);
    for xi in &mut x {
        *xi += MARGIN - left;
    }
    x
}

/// The positions closest (weighted least squares) to `desired` that keep
/// their order with at least `gaps[k]` between positions k and k+1.
/// Subtracting the running sum of gaps turns it into an isotonic regression,
/// solved by pooling adjacent violators.
fn place(desired: &[f32], weight: &[f32], gaps: &[f32]) -> Vec<f32> {
    let mut offset = Vec::with_capacity(desired.len());
    let mut sum = 0.0;
    for k in 0..desired.len() {
        if k > 0 {
            sum += gaps[k - 1];
        }
        offset.push(sum);
    }
    // Blocks of (mean, weight, count).
    let mut blocks: Vec<(f32, f32, usize)> = Vec::new();
    for k in 0..desired.len() {
        blocks.push((desired[k] - offset[k], weight[k], 1));
        while blocks.len() > 1 {
            let (m2, w2, c2) = blocks[blocks.len() - 1];
            let (m1, w1, c1) = blocks[blocks.len() - 2];
            if m1 <= m2 {
                break;
            }
            blocks.pop();
            let w = w1 + w2;
            *blocks.last_mut().expect("two blocks") = ((m1 * w1 + m2 * w2) / w, w, c1 + c2);
        }
    }
    let mut out = Vec::with_capacity(desired.len());
    for (m, _, c) in blocks {
        for _ in 0..c {
            out.push(m + offset[out.len()]);
        }
    }
    out
}

/// The top and height of every layer. The gap under a layer grows with how
/// far its edges travel sideways, so that their curves are not flat.
fn rows(v: &[Vertex], layers: &[Vec<usize>], x: &[f32]) -> (Vec<f32>, Vec<f32>) {
    let heights: Vec<f32> = layers.iter().map(|l| l.iter().map(|&i| v[i].h).fold(0.0, f32::max)).collect();
    let mut tops = Vec::with_capacity(layers.len());
    let mut y = MARGIN;
    for (l, layer) in layers.iter().enumerate() {
        tops.push(y);
        y += heights[l];
        let travel =
            layer.iter().flat_map(|&i| v[i].down.iter().map(move |&d| (x[i] - x[d]).abs())).fold(0.0, f32::max);
        y += RANK_GAP + (travel * 0.12).min(36.0);
    }
    (tops, heights)
}
