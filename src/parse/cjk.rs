//! Which soft line breaks join their lines without a space.
//!
//! Japanese and Chinese are written without spaces between words, and an
//! author who wraps a paragraph in the editor does not mean one where the
//! line ends; browsers still show a space there (CSS Text 4's segment-break
//! rules are not implemented). A soft line break between two characters of
//! [`is_cjk`] is therefore dropped, as markdown-it-cjk-breaks and Hugo's
//! `cjkLineBreak` do; every other line break stays a space.
//!
//! The set is that of markdown-it-cjk-breaks (East Asian Width F, W or H,
//! not Hangul, since Korean separates words with spaces), written out by
//! block and without the emoji that are also wide: Han ideographs (with
//! their extensions, compatibility forms, radicals and strokes), hiragana,
//! katakana (with the half-width forms and the prolonged sound mark),
//! bopomofo, CJK symbols and punctuation (`、。「」〜`, the ideographic
//! space), full-width forms (`！（）：`, full-width letters and digits),
//! vertical and small form variants, enclosed CJK letters and CJK
//! compatibility symbols (`㈱`, `㎡`).

/// Whether a line break between `before` and `after` is dropped.
pub fn joins(before: char, after: char) -> bool {
    is_cjk(before) && is_cjk(after)
}

/// Whether `c` is a character of Chinese or Japanese text (see the module).
pub fn is_cjk(c: char) -> bool {
    let c = c as u32;
    if c < 0x2E80 {
        return false;
    }
    matches!(c,
        0x2E80..=0x2FDF          // CJK radicals, Kangxi radicals
        | 0x2FF0..=0x2FFF        // ideographic description characters
        | 0x3000..=0x302D        // CJK symbols and punctuation (without the Hangul tone marks)
        | 0x3030..=0x303F
        | 0x3041..=0x30FF        // hiragana, katakana
        | 0x3105..=0x312F        // bopomofo
        | 0x3190..=0x31FF        // kanbun, bopomofo extended, CJK strokes, katakana extensions
        | 0x321F..=0x325F        // enclosed CJK (without the enclosed Hangul)
        | 0x327F..=0x33FF        // enclosed CJK, CJK compatibility
        | 0x3400..=0x4DBF        // CJK extension A
        | 0x4E00..=0x9FFF        // CJK unified ideographs
        | 0xF900..=0xFAFF        // CJK compatibility ideographs
        | 0xFE10..=0xFE19        // vertical forms
        | 0xFE30..=0xFE6F        // CJK compatibility forms, small form variants
        | 0xFF01..=0xFF9F        // full-width forms, half-width katakana
        | 0xFFE0..=0xFFE6        // full-width signs
        | 0x1B000..=0x1B16F      // kana supplement and extensions
        | 0x1F200..=0x1F2FF      // enclosed ideographic supplement
        | 0x20000..=0x3FFFF // CJK extensions B and later, compatibility supplement
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_and_chinese_join_other_scripts_do_not() {
        for (a, b) in [
            ('す', 'こ'),
            ('。', 'こ'),
            ('字', '体'),
            ('ン', 'ー'),
            ('）', 'を'),
            ('ｶ', 'ﾅ'),
            ('、', '「'),
            ('𠮷', '野'),
        ] {
            assert!(joins(a, b), "{a}{b}");
        }
        for (a, b) in
            [('a', 'b'), ('す', 'a'), ('a', 'す'), ('한', '국'), ('す', '한'), ('😀', 'す'), ('.', 'こ'), ('す', '1')]
        {
            assert!(!joins(a, b), "{a}{b}");
        }
    }
}
