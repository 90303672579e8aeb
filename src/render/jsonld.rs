//! schema.org structured data for a guide: a `HowTo` with one `HowToStep` per
//! step (with its `url` anchor and `image`), and a `FAQPage` when the guide
//! has questions. Serialized so that nothing in it can end the `<script>`.

use serde_json::{json, Value};

use crate::model::{Guide, ROOT_MARK_STR};

/// Absolute URL when the site has a `base_url`; otherwise a root-marked
/// relative one (rewritten per page by `render`).
fn url(base: Option<&str>, path: &str) -> String {
    let path = path.strip_prefix(ROOT_MARK_STR).unwrap_or(path);
    match base {
        Some(b) if !path.starts_with("http://") && !path.starts_with("https://") => {
            format!("{b}{path}")
        }
        Some(_) => path.to_string(),
        None if path.starts_with("http://") || path.starts_with("https://") => path.to_string(),
        None => format!("{ROOT_MARK_STR}{path}"),
    }
}

/// The JSON-LD documents of a guide, each ready to put in a script element.
pub fn guide(g: &Guide, base_url: Option<&str>) -> Vec<String> {
    let page = crate::parse::markdown::href_path(&g.url);
    let steps: Vec<Value> = g
        .steps()
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut step = json!({
                "@type": "HowToStep",
                "position": i + 1,
                "name": s.instruction.text,
                "text": s.instruction.text,
                "url": url(base_url, &format!("{page}#{}", s.anchor)),
            });
            if let Some(shot) = s.screenshots().next() {
                step["image"] = Value::String(url(base_url, &shot.src));
            }
            step
        })
        .collect();
    let mut howto = json!({
        "@context": "https://schema.org",
        "@type": "HowTo",
        "name": g.meta.title,
        "description": g.meta.summary,
        "inLanguage": g.lang,
        "url": url(base_url, &page),
        "step": steps,
    });
    if let Some(p) = g.meta.published {
        howto["datePublished"] = Value::String(p.to_string());
    }
    if let Some(u) = g.meta.last_changed() {
        howto["dateModified"] = Value::String(u.to_string());
    }
    if let Some(a) = &g.meta.author {
        howto["author"] = json!({"@type": "Organization", "name": a});
    }
    let mut out = vec![script_json(&howto)];
    let questions = g.questions();
    if !questions.is_empty() {
        let faq = json!({
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "inLanguage": g.lang,
            "mainEntity": questions.iter().map(|q| json!({
                "@type": "Question",
                "name": q.question.text,
                "url": url(base_url, &format!("{page}#{}", q.id)),
                "acceptedAnswer": {"@type": "Answer", "text": q.answer.text},
            })).collect::<Vec<_>>(),
        });
        out.push(script_json(&faq));
    }
    out
}

/// JSON safe inside `<script>`: `<`, `>` and `&` are written as `\u003c` …,
/// which JSON parsers read back unchanged.
pub fn script_json(v: &Value) -> String {
    let s = serde_json::to_string(v).unwrap_or_else(|_| "{}".into());
    s.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script() {
        let s = script_json(&json!({"name": "</script><script>alert(1)</script> & more"}));
        assert!(!s.contains("</script"));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script> & more");
    }
}
