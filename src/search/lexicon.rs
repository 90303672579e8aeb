//! The search lexicon: the folding tables (`fold.yaml`) and the synonym
//! groups (`synonyms.yaml`, merged with the site's `search.synonyms`). Both
//! files are embedded data, not code; the index carries them to the browser
//! so queries are analysed there with the same tables.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::text::normalize;
use crate::config::SearchConfig;

const FOLD_YAML: &str = include_str!("fold.yaml");
const SYNONYMS_YAML: &str = include_str!("synonyms.yaml");

/// Endings removed from query words written in hiragana.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Suffixes {
    /// Removed together with the kana before them.
    pub aux: Vec<String>,
    /// Removed alone.
    pub end: Vec<String>,
}

/// Words per language (stop words, symptom words).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Stop {
    pub ja: Vec<String>,
    pub en: Vec<String>,
}

/// The folding tables of `fold.yaml`, normalised.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FoldRules {
    pub particles: Vec<String>,
    /// Particles that split a word from a hiragana verb after it.
    pub tail_particles: Vec<String>,
    pub suffixes: Suffixes,
    /// `[kanji stem, kana stem]` pairs.
    pub verbs: Vec<(String, String)>,
    /// `[verb stem, kango noun]` pairs.
    pub kango: Vec<(String, String)>,
    /// Endings that negate a word.
    pub negations: Vec<String>,
    /// Words that follow a noun to say "without it" (`なし`): split off as
    /// words of their own, not an inflection of the noun.
    pub without: Vec<String>,
    /// Kanji that make "the way to" of a verb (`方`), dropped after hiragana.
    pub how_to: Vec<String>,
    /// Kana that never start okurigana.
    pub not_okurigana: Vec<String>,
    pub stop: Stop,
    /// Words that make a query describe a problem.
    pub symptom: Stop,
    /// Words of headings and titles that answer problems.
    pub trouble: Vec<String>,
}

impl FoldRules {
    /// Normalise every entry and sort the lists that are matched longest first.
    fn normalized(mut self) -> Self {
        let norm = |v: &mut Vec<String>| {
            for s in v.iter_mut() {
                *s = normalize(s).into_owned();
            }
        };
        let longest_first = |v: &mut Vec<String>| {
            v.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then_with(|| a.cmp(b)));
            v.dedup();
        };
        for v in [&mut self.particles, &mut self.tail_particles, &mut self.suffixes.aux, &mut self.suffixes.end] {
            norm(v);
            longest_first(v);
        }
        norm(&mut self.negations);
        norm(&mut self.without);
        norm(&mut self.not_okurigana);
        norm(&mut self.how_to);
        norm(&mut self.stop.ja);
        norm(&mut self.stop.en);
        norm(&mut self.symptom.ja);
        norm(&mut self.symptom.en);
        norm(&mut self.trouble);
        for (k, r) in &mut self.verbs {
            *k = normalize(k).into_owned();
            *r = normalize(r).into_owned();
        }
        self.verbs.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then_with(|| a.0.cmp(&b.0)));
        for (w, k) in &mut self.kango {
            *w = normalize(w).into_owned();
            *k = normalize(k).into_owned();
        }
        self.kango.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then_with(|| a.0.cmp(&b.0)));
        self
    }
}

/// Everything query analysis needs besides the query.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub fold: FoldRules,
    /// Synonym groups, each a list of entries as written.
    pub synonyms: Vec<Vec<String>>,
}

/// The built-in folding tables.
pub fn builtin_fold() -> &'static FoldRules {
    static RULES: OnceLock<FoldRules> = OnceLock::new();
    RULES.get_or_init(|| {
        serde_yaml::from_str::<FoldRules>(FOLD_YAML).expect("src/search/fold.yaml is valid").normalized()
    })
}

/// The built-in synonym groups.
pub fn builtin_synonyms() -> &'static [Vec<String>] {
    static GROUPS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    GROUPS.get_or_init(|| serde_yaml::from_str(SYNONYMS_YAML).expect("src/search/synonyms.yaml is valid"))
}

impl Lexicon {
    /// The built-in tables with the given synonym groups.
    pub fn with_synonyms(synonyms: Vec<Vec<String>>) -> Self {
        Lexicon { fold: builtin_fold().clone(), synonyms }
    }

    /// The lexicon of a site: built-in tables, built-in synonyms unless the
    /// site turns them off, and the site's groups merged in (a site group
    /// that shares an entry with a built-in group joins it).
    pub fn for_site(config: &SearchConfig) -> Self {
        let mut groups: Vec<Vec<String>> =
            if config.builtin_synonyms { builtin_synonyms().to_vec() } else { Vec::new() };
        for site_group in &config.synonyms {
            let key = |s: &str| super::text::fold(s);
            let keys: Vec<String> = site_group.iter().map(|s| key(s)).collect();
            let mut merged = false;
            for g in groups.iter_mut() {
                if g.iter().any(|e| keys.contains(&key(e))) {
                    for (entry, k) in site_group.iter().zip(&keys) {
                        if !g.iter().any(|e| &key(e) == k) {
                            g.push(entry.clone());
                        }
                    }
                    merged = true;
                }
            }
            if !merged && !site_group.is_empty() {
                groups.push(site_group.clone());
            }
        }
        Lexicon::with_synonyms(groups)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_tables_load_and_are_normalised() {
        let f = builtin_fold();
        assert!(f.particles.contains(&"を".to_string()));
        assert_eq!(f.suffixes.aux[0].chars().count(), 6, "longest first: {:?}", f.suffixes.aux);
        assert!(f.verbs.iter().any(|(k, r)| k == "繋" && r == "つな"));
        assert!(builtin_synonyms().iter().any(|g| g.contains(&"パワポ".to_string())));
    }

    #[test]
    fn site_groups_join_builtin_groups_or_stand_alone() {
        let config = SearchConfig {
            synonyms: vec![vec!["ぱわぽ".into(), "スライド".into()], vec!["在宅勤務".into(), "テレワーク".into()]],
            builtin_synonyms: true,
        };
        let lex = Lexicon::for_site(&config);
        let ppt = lex.synonyms.iter().find(|g| g.contains(&"PowerPoint".to_string())).unwrap();
        assert!(ppt.contains(&"スライド".to_string()), "{ppt:?}");
        assert!(lex.synonyms.iter().any(|g| g == &vec!["在宅勤務".to_string(), "テレワーク".to_string()]));
        let only_site = Lexicon::for_site(&SearchConfig { builtin_synonyms: false, ..config });
        assert_eq!(only_site.synonyms.len(), 2);
    }
}
