//! The shared test vectors (`tests/search/vectors.json`), run against the
//! Rust side. `tests/browser/tokenize.test.mjs` runs the same file against
//! `search-engine.js`.

use serde::Deserialize;

use super::lexicon::{builtin_synonyms, Lexicon};
use super::query::{Alt, Term};
use super::text;

#[derive(Deserialize)]
struct Vectors {
    spec: u32,
    normalize: Vec<(String, String)>,
    fold: Vec<(String, String)>,
    stem: Vec<(String, String)>,
    index: Vec<(String, Vec<String>)>,
    synonyms: Vec<Vec<String>>,
    query: Vec<QueryCase>,
    builtin: Vec<BuiltinCase>,
    /// Heading slugs the browser recomputes for short anchors.
    slug: Vec<(String, String)>,
}

#[derive(Deserialize)]
struct QueryCase {
    q: String,
    terms: Vec<TermCase>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct TermCase {
    text: String,
    phrase: String,
    alts: Vec<AltCase>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct AltCase {
    t: Vec<String>,
    w: f32,
}

#[derive(Deserialize)]
struct BuiltinCase {
    q: String,
    has: Vec<String>,
}

fn vectors() -> Vectors {
    serde_json::from_str(include_str!("../../tests/search/vectors.json")).expect("vectors.json parses")
}

fn case_of(t: &Term) -> TermCase {
    TermCase {
        text: t.text.clone(),
        phrase: t.phrase.clone(),
        alts: t
            .alts
            .iter()
            .map(|a: &Alt| AltCase { t: a.tokens.clone(), w: (a.weight * 100.0).round() / 100.0 })
            .collect(),
    }
}

#[test]
fn spec_version_matches() {
    assert_eq!(vectors().spec, text::SPEC_VERSION);
}

#[test]
fn normalize_fold_and_stem() {
    let v = vectors();
    for (input, want) in &v.normalize {
        assert_eq!(&text::normalize(input), want, "normalize({input:?})");
    }
    for (input, want) in &v.fold {
        assert_eq!(&text::fold(input), want, "fold({input:?})");
    }
    for (input, want) in &v.stem {
        assert_eq!(&text::stem(input), want, "stem({input:?})");
    }
}

#[test]
fn index_tokens() {
    for (input, want) in &vectors().index {
        assert_eq!(&text::index_token_strings(input), want, "index tokens of {input:?}");
    }
}

#[test]
fn query_analysis() {
    let v = vectors();
    let lex = Lexicon::with_synonyms(v.synonyms.clone());
    for case in &v.query {
        let got: Vec<TermCase> = lex.analyze(&case.q).iter().map(case_of).collect();
        assert_eq!(got, case.terms, "analysis of {:?}", case.q);
    }
}

#[test]
fn builtin_synonyms_expand() {
    let lex = Lexicon::with_synonyms(builtin_synonyms().to_vec());
    for case in vectors().builtin {
        let terms = lex.analyze(&case.q);
        let found = terms.iter().flat_map(|t| &t.alts).any(|a| a.tokens == case.has && a.weight < 1.0);
        assert!(found, "{:?} should expand to {:?}, got {terms:#?}", case.q, case.has);
    }
}

#[test]
fn heading_slugs() {
    for (input, want) in &vectors().slug {
        assert_eq!(&crate::slug::slugify(input), want, "slug of {input:?}");
    }
}

#[test]
fn the_synonym_files_of_a_query_hold_every_group_it_can_meet() {
    let full = Lexicon::with_synonyms(builtin_synonyms().to_vec());
    let count = 13;
    let keys = full.group_keys();
    let v = vectors();
    let queries = v.builtin.iter().map(|c| c.q.as_str()).chain(v.query.iter().map(|c| c.q.as_str()));
    for q in queries.chain(["wifi cannot connect", "エクセル すぐ落ちる"]) {
        let files: Vec<usize> = full.query_keys(q).iter().map(|k| super::index::synonym_file(k, count)).collect();
        // Only the groups filed in those files; the others empty.
        let groups = builtin_synonyms()
            .iter()
            .enumerate()
            .map(|(g, group)| {
                let filed = keys[g].iter().any(|k| files.contains(&super::index::synonym_file(k, count)));
                if filed {
                    group.clone()
                } else {
                    Vec::new()
                }
            })
            .collect();
        let partial = Lexicon::with_synonyms(groups);
        assert_eq!(partial.analyze(q), full.analyze(q), "{q}");
    }
}
