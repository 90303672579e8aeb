//! Code highlighting with syntect, using the maintained grammar set of the
//! `two-face` crate (bat's), loaded once and only when a guide has code.
//! Output uses CSS classes (`hl-…`), coloured by the theme's stylesheet in
//! light and dark mode.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// Class prefix of highlighted spans.
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Highlights fenced code blocks. Cheap to create; grammars load on first use.
#[derive(Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
}

/// Language names people write after the fence, mapped to a grammar's name
/// where the grammar's own extensions do not cover them.
const ALIASES: &[(&str, &str)] = &[
    ("cmd", "Batch File"),
    ("bat", "Batch File"),
    ("batch", "Batch File"),
    ("dos", "Batch File"),
    ("ps", "PowerShell"),
    ("ps1", "PowerShell"),
    ("pwsh", "PowerShell"),
    ("powershell", "PowerShell"),
    ("shell", "Bourne Again Shell (bash)"),
    ("sh", "Bourne Again Shell (bash)"),
    ("console", "Bourne Again Shell (bash)"),
    ("zsh", "Bourne Again Shell (bash)"),
    ("bash", "Bourne Again Shell (bash)"),
    ("reg", "Windows Registry Script"),
    ("registry", "Windows Registry Script"),
    ("yml", "YAML"),
    ("jsonc", "JSON"),
];

impl Highlighter {
    pub fn new() -> Self {
        Self::default()
    }

    fn syntaxes(&self) -> &SyntaxSet {
        self.syntaxes.get_or_init(two_face::syntax::extra_newlines)
    }

    /// The grammar for a fence's language, if one is known.
    pub fn syntax_for(&self, lang: &str) -> Option<&SyntaxReference> {
        let set = self.syntaxes();
        let lang = lang.trim().to_ascii_lowercase();
        if lang.is_empty() || lang == "text" || lang == "plain" || lang == "txt" {
            return None;
        }
        if let Some((_, name)) = ALIASES.iter().find(|(a, _)| *a == lang) {
            if let Some(s) = set.find_syntax_by_name(name) {
                return Some(s);
            }
        }
        set.find_syntax_by_token(&lang)
    }

    /// `<pre>` HTML for a code block; unknown languages are escaped plain text.
    pub fn highlight(&self, lang: &str, code: &str) -> String {
        let lang_attr = escape(lang.split_whitespace().next().unwrap_or(""));
        let body = match self.syntax_for(lang) {
            Some(syntax) => {
                let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, self.syntaxes(), CLASS_STYLE);
                let mut ok = true;
                for line in LinesWithEndings::from(code) {
                    if gen.parse_html_for_line_which_includes_newline(line).is_err() {
                        ok = false;
                        break;
                    }
                }
                if ok {
                    gen.finalize()
                } else {
                    escape(code)
                }
            }
            None => escape(code),
        };
        if lang_attr.is_empty() {
            format!("<pre class=\"code\"><code>{body}</code></pre>\n")
        } else {
            format!("<pre class=\"code\" data-lang=\"{lang_attr}\"><code class=\"language-{lang_attr}\">{body}</code></pre>\n")
        }
    }
}

fn escape(s: &str) -> String {
    crate::parse::markdown::escape_mark(crate::parse::markdown::attr(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_desk_languages_highlight() {
        let h = Highlighter::new();
        for (lang, code) in [
            ("powershell", "Get-Process | Where-Object { $_.CPU -gt 10 }\n"),
            ("cmd", "@echo off\nset X=1\n"),
            ("bash", "if [ -f x ]; then echo hi; fi\n"),
            ("json", "{\"a\": [1, true]}\n"),
            ("yaml", "key: value\nlist: [1, 2]\n"),
            (
                "reg",
                "Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\Software\\X]\n\"Name\"=dword:00000001\n",
            ),
        ] {
            assert!(h.syntax_for(lang).is_some(), "no grammar for {lang}");
            let html = h.highlight(lang, code);
            assert!(html.contains("<span class=\"hl-"), "{lang} not highlighted: {html}");
        }
    }

    #[test]
    fn unknown_language_is_escaped_text() {
        let h = Highlighter::new();
        let html = h.highlight("nonexistent-lang", "<b>&\n");
        assert!(html.contains("&lt;b&gt;&amp;"));
        assert!(!html.contains("hl-"));
    }
}
