//! The tokenizer specification (SPEC.md §1–3), index side: normalisation,
//! character classes, the light English stemmer and the tokens a text gives
//! the index. `themes/default/static/search-engine.js` implements the same rules;
//! `tests/search/vectors.json` holds the cases both must pass.

use std::borrow::Cow;

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Version of the tokenizer specification. The browser refuses an index
/// written under another version rather than searching it wrongly.
pub const SPEC_VERSION: u32 = 2;

/// Tokens longer than this (in characters) are dropped on both sides.
pub const MAX_WORD: usize = 40;

/// The class of a normalised character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Letters and digits outside the CJK sets: Latin words, numbers.
    Word,
    Han,
    Hiragana,
    Katakana,
    /// `ー` (U+30FC), the long-vowel mark.
    Long,
    /// Hangul syllables and jamo: bigrammed like Han.
    Hangul,
    /// U+0020 and U+0009: a CJK bigram bridges it.
    Space,
    /// Everything else, newlines included: separates tokens.
    Other,
}

impl Class {
    pub fn is_cjk(self) -> bool {
        matches!(self, Class::Han | Class::Hiragana | Class::Katakana | Class::Long | Class::Hangul)
    }
    pub fn is_kana(self) -> bool {
        matches!(self, Class::Hiragana | Class::Katakana | Class::Long)
    }
}

/// The class of a character of normalised text.
pub fn class(c: char) -> Class {
    let u = c as u32;
    match u {
        0x20 | 0x09 => Class::Space,
        0x30..=0x39 | 0x61..=0x7A => Class::Word,
        0x00..=0x7F => Class::Other,
        0x30FC => Class::Long,
        0x3041..=0x3096 | 0x309D..=0x309F => Class::Hiragana,
        0x30A1..=0x30FA | 0x30FD..=0x30FF | 0x31F0..=0x31FF => Class::Katakana,
        0x3005 | 0x3006 | 0x3007 | 0x303B | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => Class::Han,
        0x20000..=0x3FFFF => Class::Han,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7A3 => Class::Hangul,
        _ if c.is_alphanumeric() => Class::Word,
        _ => Class::Other,
    }
}

/// Characters that join two parts of a word (`wi-fi`, `excel.exe`, `don't`).
pub fn is_connector(c: char) -> bool {
    matches!(c, '.' | '_' | '-' | '\'' | '\u{2019}')
}

/// Characters NFKC leaves alone whatever surrounds them: a quick way past
/// the normalisation check for most Japanese and English text.
fn nfkc_stable(c: char) -> bool {
    c.is_ascii()
        || matches!(c, '\u{3001}' ..= '\u{3002}' | '\u{3008}' ..= '\u{3011}' | '\u{3014}' ..= '\u{301B}' | '\u{3041}' ..= '\u{3096}' | '\u{30A1}' ..= '\u{30FE}' | '\u{4E00}' ..= '\u{9FFF}')
}

/// Call `f` with each character of `text` normalised: NFKC, then each
/// character lower-cased on its own (SPEC.md §1).
pub fn for_each_normalized(text: &str, mut f: impl FnMut(char)) {
    let mut lower = |c: char| {
        if c.is_ascii() {
            f(c.to_ascii_lowercase());
        } else if ('\u{3000}'..='\u{9FFF}').contains(&c) {
            // Kana, CJK symbols and ideographs have no case.
            f(c);
        } else {
            c.to_lowercase().for_each(&mut f);
        }
    };
    if text.chars().all(nfkc_stable) || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        text.chars().for_each(&mut lower);
    } else {
        text.nfkc().for_each(&mut lower);
    }
}

/// Normalise text: NFKC, then each character lower-cased on its own
/// (SPEC.md §1).
pub fn normalize(text: &str) -> Cow<'_, str> {
    if text.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for_each_normalized(text, |c| out.push(c));
    Cow::Owned(out)
}

/// Hiragana → katakana (SPEC.md §2); other characters unchanged.
pub fn kana_fold(c: char) -> char {
    match c as u32 {
        u @ (0x3041..=0x3096 | 0x309D..=0x309E) => char::from_u32(u + 0x60).unwrap_or(c),
        _ => c,
    }
}

/// Fold a run of CJK characters for the index: drop every `ー` that follows
/// kana (or another `ー`), then turn hiragana into katakana.
pub fn fold_cjk_run(run: &[(char, Class)], out: &mut Vec<char>) {
    out.clear();
    let mut prev: Option<Class> = None;
    for &(c, k) in run {
        let drop = k == Class::Long && prev.is_some_and(Class::is_kana);
        prev = Some(k);
        if !drop {
            out.push(kana_fold(c));
        }
    }
}

/// Fold a whole string the way the index sees it: normalise, drop long-vowel
/// marks after kana, hiragana → katakana. Used to compare words (synonyms,
/// phrases) and by the test vectors.
pub fn fold(text: &str) -> String {
    let norm = normalize(text);
    let mut out = String::with_capacity(norm.len());
    let mut prev = Class::Other;
    for c in norm.chars() {
        let k = class(c);
        if !(k == Class::Long && prev.is_kana()) {
            out.push(kana_fold(c));
        }
        prev = k;
    }
    out
}

/// The light English stemmer (SPEC.md §3), for words of `a`–`z` only.
pub fn stem(word: &str) -> Cow<'_, str> {
    let mut buf = String::new();
    if stem_into(word, &mut buf) {
        Cow::Owned(buf)
    } else {
        Cow::Borrowed(word)
    }
}

/// [`stem`] into a buffer; returns `false` (and leaves the buffer alone)
/// when the word is its own stem.
pub fn stem_into(word: &str, w: &mut String) -> bool {
    let b = word.as_bytes();
    if b.len() < 4 || !b.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    w.clear();
    w.push_str(word);
    // Plurals.
    if w.ends_with("sses") {
        w.truncate(w.len() - 2);
    } else if w.ends_with("ies") && w.len() > 4 {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with('s') && !(w.ends_with("ss") || w.ends_with("us") || w.ends_with("is")) {
        w.truncate(w.len() - 1);
    }
    let has_vowel = |s: &str| s.bytes().any(|c| b"aeiouy".contains(&c));
    let undouble = |w: &mut String| {
        let b = w.as_bytes();
        let n = b.len();
        if n >= 2 && b[n - 1] == b[n - 2] && !b"aeioulsz".contains(&b[n - 1]) {
            w.truncate(n - 1);
        }
    };
    if w.ends_with("ied") && w.len() > 4 {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with("ing") && w.len() >= 6 && has_vowel(&w[..w.len() - 3]) {
        w.truncate(w.len() - 3);
        undouble(w);
    } else if w.ends_with("ed") && w.len() >= 5 && has_vowel(&w[..w.len() - 2]) {
        w.truncate(w.len() - 2);
        undouble(w);
    } else if w.ends_with('e') && w.len() >= 4 {
        w.truncate(w.len() - 1);
    }
    w != word
}

/// A CJK index token: one or two characters packed into an integer, so the
/// index builder never allocates for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CjkKey(pub u64);

impl CjkKey {
    pub fn new(a: char, b: Option<char>) -> Self {
        CjkKey(((a as u64) << 21) | b.map_or(0, |c| c as u64))
    }
    pub fn chars(self) -> (char, Option<char>) {
        let a = char::from_u32((self.0 >> 21) as u32).unwrap_or('\u{FFFD}');
        let b = (self.0 & 0x1F_FFFF) as u32;
        (a, (b != 0).then(|| char::from_u32(b).unwrap_or('\u{FFFD}')))
    }
    pub fn to_text(self) -> String {
        let (a, b) = self.chars();
        let mut s = String::with_capacity(8);
        s.push(a);
        if let Some(b) = b {
            s.push(b);
        }
        s
    }
}

/// One token of indexed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// A Latin word or number, stemmed.
    Word(&'a str),
    /// A CJK bigram (or the single character of a one-character run).
    Cjk(CjkKey),
}

impl Token<'_> {
    pub fn to_text(self) -> String {
        match self {
            Token::Word(w) => w.to_string(),
            Token::Cjk(k) => k.to_text(),
        }
    }
}

/// Call `sink` with every index token of `text`, in order (SPEC.md §2).
pub fn index_tokens(text: &str, sink: &mut impl FnMut(Token<'_>)) {
    SCANNER.with_borrow_mut(|scan| {
        if text.is_ascii() {
            // The same as below, without decoding or normalising.
            for b in text.bytes() {
                let c = b.to_ascii_lowercase();
                let k = match c {
                    b'0'..=b'9' | b'a'..=b'z' => Class::Word,
                    b' ' | b'\t' => Class::Space,
                    _ => Class::Other,
                };
                scan.push(c as char, k, sink);
            }
        } else {
            for_each_normalized(text, |c| scan.push(c, class(c), sink));
        }
        scan.finish(sink);
    });
}

thread_local! {
    /// One scanner per thread, so its buffers are allocated once.
    static SCANNER: std::cell::RefCell<Scanner> = std::cell::RefCell::default();
}

/// The state of [`index_tokens`] between characters.
#[derive(Default)]
struct Scanner {
    /// Current CJK run, with classes.
    run: Vec<(char, Class)>,
    folded: Vec<char>,
    /// Last character of the previous CJK run, while only spaces follow it.
    bridge: Option<char>,
    /// Current word run (connectors included).
    word: String,
    /// A connector seen after the word, kept until a word character follows.
    pending: Option<char>,
    /// Whether the word holds a connector / only ASCII.
    joined: bool,
    ascii: bool,
    buf: String,
    stemmed: String,
}

impl Scanner {
    fn push(&mut self, c: char, k: Class, sink: &mut impl FnMut(Token<'_>)) {
        if k.is_cjk() {
            self.end_word(sink);
            self.run.push((c, k));
            return;
        }
        self.end_run(sink);
        match k {
            Class::Word => {
                if self.word.is_empty() {
                    self.joined = false;
                    self.ascii = true;
                }
                if let Some(p) = self.pending.take() {
                    self.word.push(p);
                    self.joined = true;
                }
                self.word.push(c);
                self.ascii &= c.is_ascii();
                self.bridge = None;
            }
            _ if is_connector(c) && !self.word.is_empty() && self.pending.is_none() => {
                self.pending = Some(c);
                self.bridge = None;
            }
            Class::Space => self.end_word(sink),
            _ => {
                self.end_word(sink);
                self.bridge = None;
            }
        }
    }

    fn end_run(&mut self, sink: &mut impl FnMut(Token<'_>)) {
        if self.run.is_empty() {
            return;
        }
        fold_cjk_run(&self.run, &mut self.folded);
        self.run.clear();
        let f = &self.folded;
        if let (Some(&prev), Some(&first)) = (self.bridge.as_ref(), f.first()) {
            sink(Token::Cjk(CjkKey::new(prev, Some(first))));
        }
        match f.len() {
            0 => {}
            1 => sink(Token::Cjk(CjkKey::new(f[0], None))),
            _ => f.windows(2).for_each(|w| sink(Token::Cjk(CjkKey::new(w[0], Some(w[1]))))),
        }
        self.bridge = f.last().copied();
    }

    fn end_word(&mut self, sink: &mut impl FnMut(Token<'_>)) {
        self.pending = None;
        if self.word.is_empty() {
            return;
        }
        if !self.joined && self.ascii {
            // The common case of `word_tokens`: one plain word.
            if self.word.len() <= MAX_WORD {
                if stem_into(&self.word, &mut self.stemmed) {
                    sink(Token::Word(&self.stemmed));
                } else {
                    sink(Token::Word(&self.word));
                }
            }
        } else {
            word_tokens(&self.word, &mut self.buf, &mut self.stemmed, &mut |t| sink(Token::Word(t)));
        }
        self.word.clear();
    }

    fn finish(&mut self, sink: &mut impl FnMut(Token<'_>)) {
        self.end_run(sink);
        self.end_word(sink);
        self.bridge = None;
    }
}

/// The tokens of one word run (`wi-fi`, `settings`, `10.0.26100`): the whole
/// with connectors removed, then each part of two or more characters (or
/// with a digit), every one stemmed.
pub fn word_tokens(word: &str, buf: &mut String, stemmed: &mut String, sink: &mut impl FnMut(&str)) {
    let mut emit = |t: &str| {
        if t.chars().count() <= MAX_WORD {
            if stem_into(t, stemmed) {
                sink(stemmed);
            } else {
                sink(t);
            }
        }
    };
    if !word.contains(is_connector) {
        emit(word);
        return;
    }
    buf.clear();
    buf.extend(word.chars().filter(|&c| !is_connector(c)));
    emit(buf);
    for part in word.split(is_connector) {
        if part.chars().count() >= 2 || part.bytes().any(|b| b.is_ascii_digit()) {
            emit(part);
        }
    }
}

/// Every index token of `text` as strings (for tests and the vectors).
pub fn index_token_strings(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    index_tokens(text, &mut |t| out.push(t.to_text()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_japanese_and_latin() {
        assert_eq!(class('あ'), Class::Hiragana);
        assert_eq!(class('ア'), Class::Katakana);
        assert_eq!(class('ー'), Class::Long);
        assert_eq!(class('漢'), Class::Han);
        assert_eq!(class('々'), Class::Han);
        assert_eq!(class('・'), Class::Other);
        assert_eq!(class('é'), Class::Word);
        assert_eq!(class('\n'), Class::Other);
    }

    #[test]
    fn cjk_key_round_trips() {
        let k = CjkKey::new('設', Some('定'));
        assert_eq!(k.to_text(), "設定");
        assert_eq!(CjkKey::new('𠮷', None).to_text(), "𠮷");
    }
}
