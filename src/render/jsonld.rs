//! schema.org structured data for a guide: a `HowTo` with one `HowToStep` per
//! step (with its `url` anchor and `image`) — the steps of variant tabs as
//! one `HowToSection` per tab, named by its label; the steps of
//! troubleshooters' fixes are not the guide's procedure — and a `FAQPage`
//! when the guide has questions or fixes of troubleshooters. Serialized so
//! that nothing in it can end the `<script>`.

use serde::Serialize;

use crate::model::{Block, Guide, Step, ROOT_MARK_STR};

/// Absolute URL when the site has a `base_url`; otherwise a root-marked
/// relative one (rewritten per page by `render`).
fn url(base: Option<&str>, path: &str) -> String {
    let path = path.strip_prefix(ROOT_MARK_STR).unwrap_or(path);
    let external = path.starts_with("http://") || path.starts_with("https://");
    match base {
        _ if external => path.to_string(),
        Some(b) => format!("{b}{path}"),
        None => format!("{ROOT_MARK_STR}{path}"),
    }
}

#[derive(Serialize)]
struct HowTo<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    description: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    url: String,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Named<'a>>,
    step: Vec<Item<'a>>,
}

/// What `HowTo.step` lists: steps, and sections of a variant's steps.
#[derive(Serialize)]
#[serde(untagged)]
enum Item<'a> {
    Step(HowToStep<'a>),
    Section(HowToSection<'a>),
}

#[derive(Serialize)]
struct HowToSection<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    position: usize,
    name: &'a str,
    url: String,
    #[serde(rename = "itemListElement")]
    item_list_element: Vec<HowToStep<'a>>,
}

#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct HowToStep<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    position: usize,
    name: &'a str,
    text: &'a str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
}

#[derive(Serialize)]
struct FaqPage<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(rename = "mainEntity")]
    main_entity: Vec<Question<'a>>,
}

#[derive(Serialize)]
struct Question<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
    #[serde(rename = "acceptedAnswer")]
    accepted_answer: Answer<'a>,
}

#[derive(Serialize)]
struct Answer<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: &'a str,
}

/// The steps of `blocks` in order: a group of tabs holding steps becomes
/// one section per tab (its steps, those of the tabs inside it as shown
/// first); `page` is the guide's URL.
fn items<'a>(blocks: &'a [Block], page: &str, base_url: Option<&str>, out: &mut Vec<Item<'a>>) {
    for b in blocks {
        match b {
            Block::Procedure(p) => {
                for s in &p.steps {
                    out.push(Item::Step(step(s, out.len() + 1, page, base_url)));
                }
            }
            Block::Section(s) => items(&s.blocks, page, base_url, out),
            Block::Tabs(t) => {
                for tab in &t.tabs {
                    let mut inner = Vec::new();
                    items(&tab.blocks, page, base_url, &mut inner);
                    let steps: Vec<HowToStep> = inner
                        .into_iter()
                        .flat_map(|i| match i {
                            Item::Step(s) => vec![s],
                            Item::Section(s) => s.item_list_element,
                        })
                        .enumerate()
                        .map(|(k, s)| HowToStep { position: k + 1, ..s })
                        .collect();
                    if steps.is_empty() {
                        continue;
                    }
                    out.push(Item::Section(HowToSection {
                        kind: "HowToSection",
                        position: out.len() + 1,
                        name: &tab.label,
                        url: url(base_url, &format!("{page}#{}", tab.id)),
                        item_list_element: steps,
                    }));
                }
            }
            _ => {}
        }
    }
}

fn step<'a>(s: &'a Step, position: usize, page: &str, base_url: Option<&str>) -> HowToStep<'a> {
    HowToStep {
        kind: "HowToStep",
        position,
        name: &s.instruction.text,
        text: &s.instruction.text,
        url: url(base_url, &format!("{page}#{}", s.anchor)),
        image: s.screenshots().next().map(|shot| url(base_url, &shot.src)),
    }
}

/// The JSON-LD documents of a guide, each ready to put in a script element.
pub fn guide(g: &Guide, base_url: Option<&str>) -> Vec<String> {
    let page = crate::parse::markdown::href_path(&g.url);
    let mut steps = Vec::new();
    items(&g.intro, &page, base_url, &mut steps);
    items(&g.body, &page, base_url, &mut steps);
    let howto = HowTo {
        context: "https://schema.org",
        kind: "HowTo",
        name: &g.meta.title,
        description: &g.meta.summary,
        in_language: &g.lang,
        url: url(base_url, &page),
        date_published: g.meta.published.map(|d| d.to_string()),
        date_modified: g.meta.last_changed().map(|d| d.to_string()),
        author: g.meta.author.as_deref().map(|name| Named { kind: "Organization", name }),
        step: steps,
    };
    let mut out = vec![script_json(&howto)];
    // Questions, then the fixes of troubleshooters (named by their headings).
    let mut main_entity: Vec<Question> = g
        .questions()
        .into_iter()
        .map(|q| Question {
            kind: "Question",
            name: &q.question.text,
            url: url(base_url, &format!("{page}#{}", q.id)),
            accepted_answer: Answer { kind: "Answer", text: &q.answer.text },
        })
        .collect();
    for n in g.flows().flat_map(|f| &f.nodes).filter(|n| !n.is_question()) {
        main_entity.push(Question {
            kind: "Question",
            name: &n.title.text,
            url: url(base_url, &format!("{page}#{}", n.id)),
            accepted_answer: Answer { kind: "Answer", text: &n.text },
        });
    }
    if !main_entity.is_empty() {
        let faq = FaqPage { context: "https://schema.org", kind: "FAQPage", in_language: &g.lang, main_entity };
        out.push(script_json(&faq));
    }
    out
}

/// JSON safe inside `<script>`: `<`, `>` and `&` are written as `\u003c` …,
/// which JSON parsers read back unchanged.
pub fn script_json(v: &impl Serialize) -> String {
    let s = serde_json::to_string(v).unwrap_or_else(|_| "{}".into());
    // The three are ASCII, so no UTF-8 sequence holds their bytes: find
    // them as bytes, and copy the runs between them whole.
    let mut hits = memchr::memchr3_iter(b'<', b'>', b'&', s.as_bytes()).peekable();
    if hits.peek().is_none() {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 64);
    let mut last = 0;
    for i in hits {
        out.push_str(&s[last..i]);
        out.push_str(match s.as_bytes()[i] {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            _ => "\\u0026",
        });
        last = i + 1;
    }
    out.push_str(&s[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn script_json_cannot_close_the_script() {
        let s = script_json(&json!({"name": "</script><script>alert(1)</script> & more"}));
        assert!(!s.contains("</script"));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script> & more");
        let s = script_json(&json!({"name": "設定 > 「a&b」<x>"}));
        assert_eq!(s, r#"{"name":"設定 \u003e 「a\u0026b」\u003cx\u003e"}"#);
    }
}
