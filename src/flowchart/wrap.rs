//! Text for the flowchart's boxes: measured by East Asian Width (a wide
//! character is one em; a narrow one less, by its shape) and wrapped only
//! where Unicode's line breaking (UAX #14) allows: between Japanese
//! characters, but not before `、。」ー` or small kana, nor after `「（`,
//! and between words elsewhere. A word longer than the line is cut.

use unicode_linebreak::{linebreaks, BreakOpportunity};
use unicode_width::UnicodeWidthChar;

/// Width of a character in em. `cjk`: ambiguous-width characters (`○`,
/// `※`, `…`) are wide, as Japanese fonts draw them.
pub fn char_em(c: char, cjk: bool) -> f32 {
    let cols = if cjk { c.width_cjk() } else { c.width() }.unwrap_or(0);
    match cols {
        0 => 0.0,
        1 => narrow_em(c),
        _ => 1.0,
    }
}

/// A generous estimate of a narrow character's width in a sans-serif face
/// (boxes must hold their text whatever font the reader has).
fn narrow_em(c: char) -> f32 {
    match c {
        ' ' | 'i' | 'j' | 'l' | 'I' | '!' | '.' | ',' | ':' | ';' | '\'' | '|' | '`' => 0.32,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '{' | '}' | '-' | '/' | '"' => 0.42,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.92,
        'A'..='Z' => 0.72,
        // Half-width katakana and the rest of the narrow forms.
        '\u{FF61}'..='\u{FF9F}' => 0.55,
        _ => 0.6,
    }
}

/// Width of a text in em.
pub fn text_em(text: &str, cjk: bool) -> f32 {
    text.chars().map(|c| char_em(c, cjk)).sum()
}

/// Whether a language is written with wide characters (Japanese, Chinese, Korean).
pub fn is_cjk_lang(lang: &str) -> bool {
    let primary = lang.split(['-', '_']).next().unwrap_or(lang).to_ascii_lowercase();
    matches!(primary.as_str(), "ja" | "zh" | "ko")
}

/// The script of a character, for choosing between break opportunities.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Hiragana,
    Katakana,
    Kanji,
    Other,
}

fn script(c: char) -> Script {
    match c {
        '\u{3041}'..='\u{309F}' => Script::Hiragana,
        '\u{30A0}'..='\u{30FF}' | '\u{FF66}'..='\u{FF9F}' => Script::Katakana,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '々' => Script::Kanji,
        _ => Script::Other,
    }
}

/// How good a place between `a` and `b` is to end a line, where UAX #14
/// allows one: after punctuation or a space best; where a phrase starts
/// (kana giving way to kanji, katakana or Latin) well; inside a word (a
/// kanji compound, a katakana word, a verb and its ending) worst.
fn break_score(a: char, b: char) -> u8 {
    if a.is_whitespace() || "、。，．,.！？!?」』）)】〕：:・".contains(a) || "「『（(【〔".contains(b)
    {
        return 3;
    }
    match (script(a), script(b)) {
        (Script::Hiragana, Script::Kanji | Script::Katakana | Script::Other)
        | (Script::Katakana, Script::Kanji)
        | (Script::Kanji, Script::Katakana)
        | (Script::Other, Script::Hiragana | Script::Katakana | Script::Kanji)
        | (Script::Katakana | Script::Kanji, Script::Other) => 2,
        (Script::Hiragana, Script::Hiragana) => 1,
        _ => 0,
    }
}

/// Lines of at most `max_em` by filling each as far as it goes and ending
/// it at the best place: a good break ([`break_score`]) that leaves the
/// line well filled.
fn fill(text: &str, max_em: f32, cjk: bool) -> Vec<String> {
    // Pieces between break opportunities (`true`: a line must end after
    // it); a piece wider than a line is cut into pieces that fit.
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut last = 0;
    for (at, kind) in linebreaks(text) {
        let piece = &text[last..at];
        last = at;
        let mut from = 0;
        let mut w = 0.0;
        for (i, c) in piece.char_indices() {
            let cw = char_em(c, cjk);
            if w + cw > max_em && i > from && !c.is_whitespace() {
                pieces.push((&piece[from..i], false));
                (from, w) = (i, 0.0);
            }
            w += cw;
        }
        if from < piece.len() {
            pieces.push((&piece[from..], kind == BreakOpportunity::Mandatory));
        }
    }
    let width = |range: &[(&str, bool)]| -> f32 {
        let joined: String = range.iter().map(|p| p.0).collect();
        text_em(joined.trim_end(), cjk)
    };
    let join = |range: &[(&str, bool)]| -> String {
        let joined: String = range.iter().map(|p| p.0).collect();
        joined.trim().to_string()
    };
    let mut lines = Vec::new();
    let (mut start, mut k) = (0, 0);
    while k < pieces.len() {
        if k > start && width(&pieces[start..=k]) > max_em {
            // End the line at the best place that fits.
            let mut best = (f32::MIN, start + 1);
            for cut in start + 1..=k {
                let w = width(&pieces[start..cut]);
                if w > max_em {
                    break;
                }
                let before = pieces[cut - 1].0.chars().next_back().unwrap_or(' ');
                let after = pieces[cut].0.chars().next().unwrap_or(' ');
                let value = f32::from(break_score(before, after)) + 1.5 * w / max_em;
                if value >= best.0 {
                    best = (value, cut);
                }
            }
            lines.push(join(&pieces[start..best.1]));
            (start, k) = (best.1, best.1);
            continue;
        }
        if pieces[k].1 {
            lines.push(join(&pieces[start..=k]));
            start = k + 1;
        }
        k += 1;
    }
    if start < pieces.len() {
        lines.push(join(&pieces[start..]));
    }
    lines.retain(|l| !l.is_empty());
    lines
}

/// The worst place where `lines` break ([`break_score`]).
fn quality(lines: &[String]) -> u8 {
    lines
        .windows(2)
        .map(|w| match (w[0].chars().next_back(), w[1].chars().next()) {
            (Some(a), Some(b)) => break_score(a, b),
            _ => 3,
        })
        .min()
        .unwrap_or(3)
}

/// `text` in lines of at most `max_em` em, at most `max_lines` of them
/// (the last one then ends with `…`), balanced: as many lines as filling
/// them needs, but each as narrow as that number allows, so that no line
/// holds one lonely word. Spaces at a line's end are dropped.
pub fn wrap(text: &str, max_em: f32, max_lines: usize, cjk: bool) -> Vec<String> {
    let text = text.trim();
    let mut lines = fill(text, max_em, cjk);
    if lines.is_empty() {
        return vec![String::new()];
    }
    if lines.len() > 1 && lines.len() <= max_lines {
        // The narrowest width that keeps the number of lines.
        let count = lines.len();
        let (mut lo, mut hi) = (text_em(text, cjk) / count as f32, max_em);
        for _ in 0..12 {
            let mid = (lo + hi) / 2.0;
            if fill(text, mid, cjk).len() <= count {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        // Narrower lines, unless that moves a break into a word and the
        // last line was not lonely anyway.
        let balanced = fill(text, hi, cjk);
        let widths: Vec<f32> = lines.iter().map(|l| text_em(l, cjk)).collect();
        let lonely = widths[widths.len() - 1] < 0.35 * widths.iter().copied().fold(0.0, f32::max);
        if lonely || quality(&balanced) >= quality(&lines) {
            lines = balanced;
        }
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines.max(1));
        let last = lines.last_mut().expect("at least one line");
        while !last.is_empty() && text_em(last, cjk) + char_em('…', cjk) > max_em {
            last.pop();
        }
        let kept = last.trim_end().len();
        last.truncate(kept);
        last.push('…');
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_are_one_em() {
        assert_eq!(text_em("設定", true), 2.0);
        assert_eq!(text_em("ｱｲ", true), 1.1);
        assert!(text_em("Wi-Fi", false) < 5.0 * 0.75);
        assert_eq!(char_em('…', true), 1.0);
        assert!(char_em('…', false) < 1.0);
    }

    #[test]
    fn japanese_breaks_where_it_may() {
        let lines = wrap("ルーターの電源を入れ直して、ランプが点灯するまで待ちます。", 6.0, 9, true);
        for l in &lines {
            assert!(text_em(l, true) <= 6.0, "{l}");
            // Never at the start of a line: closing marks, long vowel, small kana.
            assert!(!l.starts_with(['、', '。', 'ー', 'ょ', 'っ']), "{lines:?}");
        }
        assert_eq!(lines.concat(), "ルーターの電源を入れ直して、ランプが点灯するまで待ちます。");
        // 「 stays with what it opens.
        let lines = wrap("画面の「接続済み」を確認", 4.0, 9, true);
        assert!(lines.iter().all(|l| !l.ends_with('「')), "{lines:?}");
        assert!(lines.iter().all(|l| !l.starts_with('」')), "{lines:?}");
    }

    #[test]
    fn lines_are_balanced_and_end_between_phrases() {
        // Not a lonely `か？` on a third line.
        let lines = wrap("ネットワークのアイコンはどう表示されていますか？", 11.0, 4, true);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines.iter().all(|l| l.chars().count() >= 6), "{lines:?}");
        // Between words, not inside a katakana word.
        assert_eq!(
            wrap("パソコンのネットワーク設定をリセットする", 12.0, 4, true),
            vec!["パソコンのネットワーク", "設定をリセットする"]
        );
        // After the closing bracket rather than inside the word before it.
        assert_eq!(wrap("「接続できません」と表示される", 9.0, 3, true), vec!["「接続できません」", "と表示される"]);
    }

    #[test]
    fn latin_text_breaks_between_words() {
        assert_eq!(wrap("Is the light on at all?", 7.0, 9, false), vec!["Is the light", "on at all?"]);
        // A word longer than a line is cut.
        let lines = wrap("Supercalifragilistic", 5.0, 9, false);
        assert!(lines.len() > 1 && lines.iter().all(|l| text_em(l, false) <= 5.0), "{lines:?}");
    }

    #[test]
    fn too_many_lines_end_with_an_ellipsis() {
        let lines = wrap("一二三四五六七八九十一二三四五六七八九十", 5.0, 2, true);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…') && text_em(&lines[1], true) <= 5.0, "{lines:?}");
        assert_eq!(wrap("", 5.0, 2, true), vec![String::new()]);
    }
}
