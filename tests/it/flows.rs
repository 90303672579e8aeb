//! Troubleshooters: what the Markdown becomes (questions, fixes, answers,
//! ways on), what a page shows of them (markup, FAQ, structured data), the
//! longest path in `check --format json`, and the flowchart's layout on
//! generated flows of 5 to 60 nodes: no two boxes overlap, every arrow is
//! drawn from its box to its box, and no arrow runs through another box.

use proptest::prelude::*;
use tebiki::flowchart::layout::{Layout, Rect};
use tebiki::flowchart::{wrap, Chart};
use tebiki::model::{Block, Choice, Flow, FlowNext, FlowNode, NodeKind, RichText, Target};

use crate::render::jsonld;
use crate::support::{guide, TestSite};

const FLOW: &str = "Before the flow.

## Troubleshooting {#help .flow}

Answer as you go.

### Is the light on? {#light}

Look at the front.

- [Yes](#restart) — it is green
- [No](#power)
- [Read the manual](other.md#step-2)

### Turn it on {#power}

1. Press the power button.
2. Wait for the light.

If that does not help, [restart it](#restart).

### Restart it {#restart}

Unplug it for ten seconds. See [the light](#light) or [the manual](other.md).
";

fn site() -> TestSite {
    let s = TestSite::with_config(
        "title: {ja: テスト, en: Test}\nlanguages: [en]\nsupport:\n  contact: /contact.html\nrules:\n  step-no-screenshot: off\n",
    );
    s.guide("content/printer.md", "Printer", FLOW);
    s.guide("content/other.md", "Other", "## Steps\n\n1. One.\n2. Two.\n");
    s
}

fn the_flow(g: &tebiki::model::Guide) -> &Flow {
    g.flows().next().expect("a flow")
}

#[test]
fn a_flow_section_becomes_questions_and_fixes() {
    let s = site();
    assert_eq!(s.problems(), Vec::<(String, String, usize)>::new());
    let site = s.site();
    let g = guide(&site, "content/printer.md");
    let f = the_flow(g);
    assert_eq!((f.id.as_str(), f.title.text.as_str()), ("help", "Troubleshooting"));
    assert!(matches!(&f.intro[..], [Block::Html { html }] if html.contains("Answer as you go")));
    let ids: Vec<&str> = f.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["light", "power", "restart"]);
    let light = &f.nodes[0];
    assert_eq!(light.kind, NodeKind::Question);
    let targets: Vec<&Target> = light.choices.iter().map(|c| &c.target).collect();
    assert_eq!(targets, [&Target::Node("restart".into()), &Target::Node("power".into()), &Target::Page]);
    assert_eq!(light.choices[0].note.as_ref().map(|n| n.text.as_str()), Some("it is green"));
    assert_eq!(light.choices[0].leads_to, "Restart it");
    assert!(light.choices[2].href.contains("other.html#step-2"), "{}", light.choices[2].href);
    // A fix with steps; its last paragraph, linking a node only, is its way on.
    let power = &f.nodes[1];
    assert_eq!(power.kind, NodeKind::Outcome);
    assert_eq!(power.next.as_ref().map(|n| &n.target), Some(&Target::Node("restart".into())));
    assert!(matches!(&power.blocks[..], [Block::Procedure(p)] if p.steps[0].anchor == "power-step-1"));
    // Two links: not a way on; the contact point takes such readers.
    let restart = &f.nodes[2];
    assert!(restart.next.is_none());
    assert_eq!(f.contact.as_deref(), Some("\u{E000}contact.html"));
    // The fixes' steps count, but are not the guide's HowTo.
    assert_eq!(g.step_count(), 2);
    assert!(g.steps_outside_flows().is_empty());
}

#[test]
fn a_last_paragraph_linking_another_place_of_the_page_is_part_of_the_fix() {
    let s = TestSite::with_config("title: T\nlanguages: [en]\nsupport: {contact: 'mailto:a@example.com'}\n");
    s.guide(
        "content/g.md",
        "G",
        "## Steps {#steps}\n\nDo it.\n\n## Help {#help .flow}\n\n### Fix it {#fix}\n\nDo this.\n\nAs in [the steps](#steps).\n",
    );
    assert_eq!(s.problems(), Vec::<(String, String, usize)>::new());
    let site = s.site();
    let n = &the_flow(guide(&site, "content/g.md")).nodes[0];
    assert!(n.next.is_none());
    assert!(matches!(n.blocks.last(), Some(Block::Html { html }) if html.contains("href=\"#steps\"")));
}

#[test]
fn only_a_level_two_heading_makes_a_flow_and_headings_elsewhere_stay_sections() {
    let s = TestSite::with_config("title: T\nlanguages: [en]\n");
    s.guide("content/g.md", "G", "## Help\n\n### Deeper {.flow}\n\nText.\n");
    let site = s.site();
    let g = guide(&site, "content/g.md");
    assert_eq!(g.flows().count(), 0);
    assert!(matches!(&g.body[0], Block::Section(_)));
}

#[test]
fn the_page_shows_every_node_linked_and_the_chart_and_the_faq_and_structured_data_have_the_fixes() {
    let s = site();
    let out = s.build();
    let html = std::fs::read_to_string(out.join("printer.html")).unwrap();
    assert!(html.contains("<section class=\"section section-2 flow\" aria-labelledby=\"help\" data-flow=\"light\">"));
    for id in ["light", "power", "restart"] {
        assert!(html.contains(&format!("data-node=\"{id}\"><h3 id=\"{id}\" class=\"flow-node-title\">")), "{id}");
    }
    assert!(html.contains(
        "<a class=\"flow-choice\" href=\"#power\" data-to=\"power\">No</a><span class=\"flow-to\">Turn it on</span>"
    ));
    assert!(html.contains("<a class=\"flow-choice\" href=\"other.html#step-2\">Read the manual</a>"));
    assert!(html.contains(
        "<p class=\"flow-next\" data-to=\"restart\">If that does not help, <a href=\"#restart\">restart it</a>.</p>"
    ));
    assert!(html.contains("<p class=\"flow-next flow-contact\">If it is still not working, <a href=\"contact.html\">contact support</a></p>"));
    // The chart: a box per node and the contact point, an arrow per answer and way on.
    let svg = &html[html.find("<svg class=\"flow-chart-svg\"").unwrap()..html.find("</svg>").unwrap()];
    assert_eq!(svg.matches("<g class=\"fc-node ").count(), 5, "3 nodes, the page left for, the contact point");
    assert_eq!(svg.matches("<path class=\"fc-edge").count(), 5);
    assert!(svg.contains("Contact support") && svg.contains("Not solved"));
    // Structured data: no HowTo steps from fixes; each fix a question.
    let docs = jsonld(&html);
    assert!(docs[0]["step"].as_array().unwrap().is_empty());
    let faq = docs.iter().find(|d| d["@type"] == "FAQPage").expect("a FAQPage");
    let names: Vec<&str> = faq["mainEntity"].as_array().unwrap().iter().map(|q| q["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Turn it on", "Restart it"]);
    assert!(faq["mainEntity"][0]["acceptedAnswer"]["text"].as_str().unwrap().contains("Press the power button."));
    assert_eq!(faq["mainEntity"][1]["url"], "printer.html#restart");
    // The FAQ page: the fixes, with their steps as a plain list, linking to the flow.
    let faq_page = std::fs::read_to_string(out.join("faq.html")).unwrap();
    assert!(faq_page.contains("id=\"q1-power\""), "{faq_page}");
    assert!(faq_page.contains("<ol><li>Press the power button.</li><li>Wait for the light.</li></ol>"));
    assert!(faq_page.contains("<a href=\"printer.html#restart\">Printer</a>"));
}

#[test]
fn check_json_reports_each_flow_and_its_longest_path() {
    let s = site();
    let out = s.cmd(&["check", "--format", "json"]).success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["version"], 1);
    let flows = json["flows"].as_array().unwrap();
    assert_eq!(flows.len(), 1);
    let f = &flows[0];
    assert_eq!(f["file"], "content/printer.md");
    assert_eq!(f["line"], 8);
    assert_eq!(f["id"], "help");
    assert_eq!((f["nodes"].as_u64(), f["questions"].as_u64(), f["outcomes"].as_u64()), (Some(3), Some(1), Some(2)));
    assert_eq!(f["longest_path"]["length"], 3);
    assert_eq!(f["longest_path"]["nodes"], serde_json::json!(["light", "power", "restart"]));
    // A site without troubleshooters says so with an empty list.
    let plain = TestSite::with_config("title: T\nlanguages: [en]\n");
    plain.guide("content/g.md", "G", "Text.\n");
    let out = plain.cmd(&["check", "--format", "json"]).success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["flows"], serde_json::json!([]));
}

#[test]
fn the_checks_and_the_chart_take_a_flow_that_loops_through_a_question() {
    let s = TestSite::with_config("title: T\nlanguages: [en]\nsupport: {contact: 'https://example.com/help'}\n");
    s.guide(
        "content/g.md",
        "G",
        "## Help {#help .flow}\n\n### Q? {#q}\n\n- [Again](#q)\n- [Fix](#fix)\n\n### Fix {#fix}\n\nDo it. If not, [ask again](#q).\n",
    );
    assert_eq!(s.problems(), Vec::<(String, String, usize)>::new());
    let html = std::fs::read_to_string(s.build().join("g.html")).unwrap();
    assert_eq!(html.matches("class=\"fc-edge fc-back\"").count(), 2, "the answer to itself and the way back up");
}

// ---- The layout, on generated flows. ----

const WORDS: &[&str] = &[
    "はい",
    "いいえ",
    "ランプが点滅している",
    "「接続できません」と表示される",
    "Yes",
    "No, the light stays off after a restart",
    "ルーターの電源を入れ直して、ランプが落ち着くまで待ちます",
    "Wi-Fi の一覧に、接続したいネットワークが表示されていますか？",
    "Supercalifragilisticexpialidocious",
    "設定",
];

fn text(seed: usize) -> RichText {
    let t = WORDS[seed % WORDS.len()].to_string();
    RichText { html: t.clone(), text: t }
}

/// A flow of `n` nodes: node `i` asks when `kinds[i]` is even (answers
/// leading to `targets`, any node, itself and earlier ones included, or
/// out of the flow), else it is a fix whose way on is a node or, when the
/// target is `n`, the contact point.
fn generated(n: usize, kinds: &[u8], targets: &[usize]) -> Flow {
    let mut t = targets.iter().copied().cycle();
    let nodes = (0..n)
        .map(|i| {
            let question = i == 0 || kinds[i % kinds.len()].is_multiple_of(2);
            let target = |to: usize| if to >= n { Target::Page } else { Target::Node(format!("n{to}")) };
            FlowNode {
                id: format!("n{i}"),
                kind: if question { NodeKind::Question } else { NodeKind::Outcome },
                title: text(i * 7 + kinds[i % kinds.len()] as usize),
                aliases: Vec::new(),
                blocks: Vec::new(),
                choices: if question {
                    (0..2 + kinds[i % kinds.len()] as usize % 3)
                        .map(|k| {
                            let to = t.next().unwrap() % (n + 2);
                            Choice {
                                label: text(i + k),
                                note: None,
                                href: String::new(),
                                target: target(to),
                                leads_to: String::new(),
                                span: 0..0,
                            }
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                next: (!question).then(|| t.next().unwrap() % (n + 1)).filter(|&to| to < n).map(|to| FlowNext {
                    html: String::new(),
                    target: Target::Node(format!("n{to}")),
                    span: 0..0,
                }),
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

fn strings() -> tebiki::parse::markdown::ParseStrings {
    tebiki::parse::markdown::PARSE_STRING_KEYS.map(|k| match k {
        "flow_not_solved" => "解決しない".to_string(),
        "flow_contact" => "サポートに問い合わせる".to_string(),
        k => k.to_string(),
    })
}

/// Points along an arrow: its straight runs and its curves, sampled.
fn samples(points: &[(f32, f32)], self_loop: bool) -> Vec<(f32, f32)> {
    let cubic = |p0: (f32, f32), c1: (f32, f32), c2: (f32, f32), p1: (f32, f32)| {
        (0..=24).map(move |k| {
            let t = k as f32 / 24.0;
            let u = 1.0 - t;
            let f = |a: f32, b: f32, c: f32, d: f32| {
                u * u * u * a + 3.0 * u * u * t * b + 3.0 * u * t * t * c + t * t * t * d
            };
            (f(p0.0, c1.0, c2.0, p1.0), f(p0.1, c1.1, c2.1, p1.1))
        })
    };
    if self_loop {
        return cubic(points[0], points[1], points[2], points[3]).collect();
    }
    let mut out = Vec::new();
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        if (a.0 - b.0).abs() < 0.5 {
            out.extend((0..=24).map(|k| (a.0, a.1 + (b.1 - a.1) * k as f32 / 24.0)));
        } else {
            let mid = (a.1 + b.1) / 2.0;
            out.extend(cubic(a, (a.0, mid), (b.0, mid), b));
        }
    }
    out
}

fn inside(r: &Rect, p: (f32, f32)) -> bool {
    p.0 > r.x + 1.0 && p.0 < r.right() - 1.0 && p.1 > r.y + 1.0 && p.1 < r.bottom() - 1.0
}

fn on_edge_of(r: &Rect, p: (f32, f32)) -> bool {
    let near = |a: f32, b: f32| (a - b).abs() < 0.51;
    let within_x = p.0 >= r.x - 0.5 && p.0 <= r.right() + 0.5;
    let within_y = p.1 >= r.y - 0.5 && p.1 <= r.bottom() + 0.5;
    (within_x && (near(p.1, r.y) || near(p.1, r.bottom()))) || (within_y && (near(p.0, r.x) || near(p.0, r.right())))
}

/// Every property the flowchart promises, for one flow.
fn assert_laid_out(flow: &Flow, chart: &Chart, l: &Layout) {
    assert_eq!(l.nodes.len(), chart.boxes.len());
    assert_eq!(l.edges.len(), chart.arrows.len());
    let mut boxes: Vec<(String, Rect)> = l.nodes.iter().enumerate().map(|(i, r)| (format!("box {i}"), *r)).collect();
    boxes.extend(l.edges.iter().enumerate().filter_map(|(i, e)| e.label.map(|r| (format!("label of arrow {i}"), r))));
    for (name, r) in &boxes {
        assert!(
            r.x >= 0.0 && r.y >= 0.0 && r.right() <= l.width + 0.5 && r.bottom() <= l.height + 0.5,
            "{name} is outside the drawing"
        );
    }
    for (i, (a, ra)) in boxes.iter().enumerate() {
        for (b, rb) in &boxes[i + 1..] {
            assert!(!ra.overlaps(rb), "{a} {ra:?} overlaps {b} {rb:?} in a flow of {} nodes", flow.nodes.len());
        }
    }
    for (k, (arrow, e)) in chart.arrows.iter().zip(&l.edges).enumerate() {
        assert!(e.points.len() >= 2, "arrow {k} is not drawn");
        let (from, to) = (&l.nodes[arrow.from], &l.nodes[arrow.to]);
        let (first, last) = (e.points[0], e.points[e.points.len() - 1]);
        assert!(on_edge_of(from, first), "arrow {k} starts at {first:?}, not on box {} {from:?}", arrow.from);
        assert!(on_edge_of(to, last), "arrow {k} ends at {last:?}, not on box {} {to:?}", arrow.to);
        assert_eq!(e.label.is_some(), !arrow.label.is_empty(), "arrow {k}'s label");
        for p in samples(&e.points, arrow.from == arrow.to) {
            for (i, r) in l.nodes.iter().enumerate() {
                assert!(
                    i == arrow.from || i == arrow.to || !inside(r, p),
                    "arrow {k} ({} → {}) runs through box {i} at {p:?}",
                    arrow.from,
                    arrow.to
                );
            }
            for (j, other) in l.edges.iter().enumerate().filter(|&(j, _)| j != k) {
                if let Some(r) = other.label {
                    assert!(!inside(&r, p), "arrow {k} runs through the label of arrow {j} at {p:?}");
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, max_shrink_iters: 400, ..ProptestConfig::default() })]
    #[test]
    fn generated_flows_of_5_to_60_nodes_are_laid_out_without_overlaps_and_with_every_arrow(
        n in 5usize..=60,
        kinds in proptest::collection::vec(0u8..6, 1..16),
        targets in proptest::collection::vec(0usize..1000, 1..40),
    ) {
        let flow = generated(n, &kinds, &targets);
        let chart = Chart::of(&flow, &strings(), "ja");
        let l = chart.layout(true);
        assert_laid_out(&flow, &chart, &l);
    }
}

#[test]
fn every_size_from_5_to_60_nodes_is_laid_out() {
    // Deterministic too: the same flows every run, each size once.
    for n in 5..=60 {
        let kinds: Vec<u8> = (0..n).map(|i| ((i * 7 + 3) % 6) as u8).collect();
        let targets: Vec<usize> = (0..3 * n).map(|i| (i * 37 + n * 11) % 997).collect();
        let flow = generated(n, &kinds, &targets);
        let chart = Chart::of(&flow, &strings(), "ja");
        assert_laid_out(&flow, &chart, &chart.layout(true));
    }
}

#[test]
fn boxes_hold_their_words() {
    let flow = generated(12, &[0, 1, 2, 3], &[1, 5, 9, 13, 2, 7]);
    let chart = Chart::of(&flow, &strings(), "ja");
    for b in &chart.boxes {
        assert!(b.lines.len() <= 4);
        for line in &b.lines {
            assert!(wrap::text_em(line, true) * 13.0 + 24.0 <= b.size.w + 0.5, "{line:?} does not fit {:?}", b.size);
        }
    }
    // The SVG of a flow draws each box and arrow once.
    let svg = tebiki::flowchart::svg(&flow, &strings(), "ja");
    assert_eq!(svg.matches("<g class=\"fc-node ").count(), chart.boxes.len());
    assert_eq!(svg.matches("<path class=\"fc-edge").count(), chart.arrows.len());
    assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
}
