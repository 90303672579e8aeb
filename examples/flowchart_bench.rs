//! Times the flowchart of a troubleshooter of N nodes (default 60): the
//! chart's words wrapped, the layout and the SVG, as a build makes them for
//! each flow it parses. Run by `bench/flowchart.sh`; prints the median and
//! the spread of RUNS runs, each over a freshly generated flow.
//!
//! cargo run --release --example flowchart_bench -- [NODES] [RUNS]

use std::time::Instant;

use tebiki::model::{Choice, Flow, FlowNext, FlowNode, NodeKind, RichText, Target};

const WORDS: &[&str] = &[
    "はい",
    "いいえ",
    "ランプが点滅している",
    "「接続できません」と表示される",
    "ルーターの電源を入れ直して、ランプが落ち着くまで待ちます",
    "Wi-Fi の一覧に、接続したいネットワークが表示されていますか？",
    "No, the light stays off after a restart",
    "パソコンのネットワーク設定をリセットする",
];

fn text(i: usize) -> RichText {
    let t = WORDS[i % WORDS.len()].to_string();
    RichText { html: t.clone(), text: t }
}

/// A flow shaped like a real troubleshooter: questions of two to four
/// answers leading deeper (some back up), fixes leading on to a later node
/// or to the contact point.
fn flow(n: usize, seed: usize) -> Flow {
    let mut state = seed as u64 * 2654435761 + 1;
    let mut rand = move |m: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % m as u64) as usize
    };
    let nodes = (0..n)
        .map(|i| {
            let question = i == 0 || rand(5) < 2;
            let choices = if question {
                (0..2 + rand(3))
                    .map(|k| {
                        let to = if rand(8) == 0 { rand(n) } else { (i + 1 + rand(6)).min(n - 1) };
                        Choice {
                            label: text(i + k),
                            note: None,
                            href: String::new(),
                            target: Target::Node(format!("n{to}")),
                            leads_to: String::new(),
                            span: 0..0,
                        }
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let next = (!question && i + 1 < n && rand(3) > 0).then(|| FlowNext {
                html: String::new(),
                target: Target::Node(format!("n{}", (i + 1 + rand(4)).min(n - 1))),
                span: 0..0,
            });
            FlowNode {
                id: format!("n{i}"),
                kind: if question { NodeKind::Question } else { NodeKind::Outcome },
                title: text(i * 3 + 1),
                aliases: Vec::new(),
                blocks: Vec::new(),
                choices,
                next,
                text: String::new(),
                span: 0..0,
            }
        })
        .collect();
    Flow {
        id: "f".into(),
        level: 2,
        title: text(0),
        aliases: Vec::new(),
        intro: Vec::new(),
        nodes,
        contact: Some("mailto:a@example.com".into()),
        chart: String::new(),
        span: 0..0,
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let nodes: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(60);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(31);
    let strings = tebiki::parse::markdown::PARSE_STRING_KEYS.map(String::from);
    let mut times = Vec::with_capacity(runs);
    let mut bytes = 0;
    for run in 0..runs {
        let f = flow(nodes, run + 1);
        let t = Instant::now();
        let svg = tebiki::flowchart::svg(&f, &strings, "ja");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        bytes = bytes.max(svg.len());
    }
    times.sort_by(f64::total_cmp);
    println!(
        "flowchart of {nodes} nodes: median {:.2} ms (min {:.2}, max {:.2}) over {runs} flows; SVG up to {:.1} KB",
        times[runs / 2],
        times[0],
        times[runs - 1],
        bytes as f64 / 1024.0
    );
}
