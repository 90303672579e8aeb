//! Test harness: a throw-away site folder with helpers to write files,
//! build it with the library or the binary, and read the output.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tebiki::build::{self, Options};
use tebiki::model::{Guide, Site};

/// A site in a temporary folder.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// A site with `languages: [ja, en]`.
    pub fn new() -> Self {
        Self::with_config("title: {ja: テスト, en: Test}\nlanguages: [ja, en]\n")
    }

    pub fn with_config(config: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("tebiki.yaml"), config).unwrap();
        TestSite { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Write a file (folders are created).
    pub fn file(&self, rel: &str, text: &str) -> &Self {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    pub fn bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
        self
    }

    /// Write a real PNG of the given size.
    pub fn png(&self, rel: &str, w: u32, h: u32) -> &Self {
        self.bytes(rel, &png(w, h))
    }

    /// A guide with valid front matter and the given body.
    pub fn guide(&self, rel: &str, title: &str, body: &str) -> &Self {
        self.file(
            rel,
            &format!("---\ntitle: {title}\nsummary: Summary of {title}.\npublished: 2024-03-02\n---\n{body}"),
        )
    }

    /// Load (parse, resolve, check) with the library.
    pub fn load(&self) -> build::Loaded {
        build::load(&Options { site: self.root().to_path_buf(), ..Default::default() }).unwrap()
    }

    /// Load and return the site model, failing on any error diagnostic.
    pub fn site(&self) -> Site {
        let loaded = self.load();
        let errors: Vec<String> = loaded
            .report
            .diagnostics
            .iter()
            .filter(|d| d.severity == tebiki::diagnostic::Severity::Error)
            .map(|d| format!("{}: {} {}", d.rule.id, d.file.display(), d.message))
            .collect();
        assert!(errors.is_empty(), "unexpected errors: {errors:#?}");
        loaded.site
    }

    /// Rule ids and files of every diagnostic, with 1-based lines.
    pub fn problems(&self) -> Vec<(String, String, usize)> {
        let loaded = self.load();
        let report = &loaded.report;
        report
            .diagnostics
            .iter()
            .map(|d| {
                let ((line, _), _) = report.position(d);
                (d.rule.id.to_string(), d.file.to_string_lossy().replace('\\', "/"), line)
            })
            .collect()
    }

    /// Run the binary in this site.
    pub fn cmd(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        Command::cargo_bin("tebiki").unwrap().args(args).current_dir(self.root()).assert()
    }

    /// Build with the binary into `public/`, expecting success.
    pub fn build(&self) -> PathBuf {
        self.cmd(&["build"]).success();
        self.root().join("public")
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }
}

/// Copy the folder `from` with everything in it to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().map(Result::unwrap) {
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// The guide with this source path.
pub fn guide<'a>(site: &'a Site, source: &str) -> &'a Guide {
    site.guides.iter().find(|g| g.source == Path::new(source)).unwrap_or_else(|| panic!("no guide {source}"))
}

fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xffff_ffffu32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xedb8_8320 ^ (c >> 1) } else { c >> 1 };
        }
    }
    !c
}

/// A minimal valid RGB PNG with a `pHYs` chunk of `ppm` pixels per metre
/// (5669 is 144 dpi) after its header.
pub fn png_phys(w: u32, h: u32, ppm: u32) -> Vec<u8> {
    let mut out = png(w, h);
    let mut body = b"pHYs".to_vec();
    body.extend(ppm.to_be_bytes());
    body.extend(ppm.to_be_bytes());
    body.push(1);
    let mut phys = 9u32.to_be_bytes().to_vec();
    phys.extend(&body);
    phys.extend(crc32(&body).to_be_bytes());
    // Signature (8) and IHDR (4 + 4 + 13 + 4).
    out.splice(33..33, phys);
    out
}

/// A minimal valid RGB PNG.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc32(&body).to_be_bytes());
    }
    // Stored (uncompressed) deflate blocks keep this dependency-free.
    let mut raw = Vec::new();
    for _ in 0..h {
        raw.push(0);
        raw.extend(std::iter::repeat_n([200u8, 60, 60], w as usize).flatten());
    }
    let mut z = vec![0x78, 0x01];
    for (i, block) in raw.chunks(65535).enumerate() {
        let last = (i + 1) * 65535 >= raw.len();
        z.push(u8::from(last));
        z.extend((block.len() as u16).to_le_bytes());
        z.extend((!(block.len() as u16)).to_le_bytes());
        z.extend(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in &raw {
        a = (a + u32::from(x)) % 65521;
        b = (b + a) % 65521;
    }
    z.extend(((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// Every `href`/`src` value in an HTML text.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

/// Every HTML page under a built site folder: (path relative to it, text).
pub fn html_pages(out: &Path) -> Vec<(String, String)> {
    let mut pages: Vec<(String, String)> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    pages.sort();
    pages
}

/// Raw markup a reader would see as text: `<tag`-like text (`<td>`,
/// `</p>`, `<img …`) in the visible text of every page of a built site,
/// outside `<pre>`, `<code>`, `<kbd>`, scripts and styles. Returns (page,
/// the text around it).
pub fn visible_tags(out: &Path) -> Vec<(String, String)> {
    use tebiki::parse::rawhtml::{Item, Scanner};
    const LITERAL: &[&str] =
        &["pre", "code", "kbd", "samp", "script", "style", "textarea", "title", "template", "noscript"];
    let mut found = Vec::new();
    for (page, html) in html_pages(out) {
        let mut literal = 0usize;
        for item in Scanner::all(&html) {
            match item {
                Item::Start { name, self_closing, .. } if LITERAL.contains(&name.as_str()) && !self_closing => {
                    literal += 1
                }
                Item::End(name) if LITERAL.contains(&name.as_str()) => literal = literal.saturating_sub(1),
                Item::Text(t) if literal == 0 => {
                    for (i, _) in t.match_indices('<') {
                        if looks_like_markup(&t[i..]) {
                            let start = (0..=i.saturating_sub(20)).rev().find(|&k| t.is_char_boundary(k)).unwrap_or(0);
                            let end = ((i + 40).min(t.len())..=t.len()).find(|&k| t.is_char_boundary(k)).unwrap();
                            found.push((page.clone(), t[start..end].to_string()));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    found
}

/// Whether text starting at `<` reads as a tag shown by mistake: an end tag
/// (`</td>`), or a complete tag written as markup: `<td>`, `<details open>`,
/// `<a name="x">`, `<Tabs />`. An author's placeholder (`<server name>`,
/// `<template name>`, `<your-user-id>`: words, no attribute with a value)
/// is not, nor a tag cut short (`**\\<Add Key="x"**`, quoted on purpose).
/// The same rules as bench/visible_tags.py.
fn looks_like_markup(at_lt: &str) -> bool {
    const BOOLEAN: &[&str] = &["open", "nowrap", "checked", "disabled", "hidden", "selected", "noshade", "compact"];
    let rest = &at_lt[1..];
    if let Some(name) = rest.strip_prefix('/') {
        return name.starts_with(|c: char| c.is_ascii_alphabetic());
    }
    let len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':')).unwrap_or(rest.len());
    let name = rest[..len].to_ascii_lowercase();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return false;
    }
    let Some(close) = rest[len..].find(['<', '>']).filter(|&i| rest[len + i..].starts_with('>')) else {
        return false;
    };
    let inside = &rest[len..len + close];
    if inside.ends_with('/') || inside.contains('=') {
        return true;
    }
    tebiki::parse::rawhtml::is_html_element(&name)
        && inside.split_whitespace().all(|a| BOOLEAN.contains(&a.to_ascii_lowercase().as_str()))
}

/// What could run in the pages of a built site besides tebiki's own
/// scripts: `<script>` elements other than tebiki's (its files under
/// `_tebiki/`, JSON data, and the inline scripts of `known_inline`), event-handler
/// attributes, `javascript:`/`vbscript:` URLs, `data:` URLs other than
/// images, and elements that embed or run something. Returns (page, what).
pub fn executable_markup(out: &Path, known_inline: &[String]) -> Vec<(String, String)> {
    use tebiki::parse::rawhtml::{is_data_image, Item, Scanner};
    const EMBEDS: &[&str] =
        &["iframe", "frame", "frameset", "object", "embed", "applet", "base", "svg", "math", "template", "xmp"];
    let mut found = Vec::new();
    for (page, html) in html_pages(out) {
        let items = Scanner::all(&html);
        for (i, item) in items.iter().enumerate() {
            let Item::Start { name, attrs, .. } = item else { continue };
            let attr = |n: &str| attrs.iter().find(|(a, _)| a == n).map(|(_, v)| v.as_str());
            if name == "script" {
                let inline = match items.get(i + 1) {
                    Some(Item::Text(t)) => t.as_str(),
                    _ => "",
                };
                let ours = attr("src").is_some_and(|s| s.contains("_tebiki/") && !s.contains(':'))
                    || matches!(attr("type"), Some("application/ld+json" | "application/json"))
                    || (attr("src").is_none() && known_inline.iter().any(|k| k == inline));
                if !ours {
                    found.push((page.clone(), format!("<script {attrs:?}>{inline}")));
                }
            }
            if EMBEDS.contains(&name.as_str()) {
                found.push((page.clone(), format!("<{name}>")));
            }
            for (a, v) in attrs {
                let url: String =
                    v.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_lowercase();
                if a.starts_with("on")
                    || url.starts_with("javascript:")
                    || url.starts_with("vbscript:")
                    || (url.starts_with("data:") && !is_data_image(v))
                {
                    found.push((page.clone(), format!("<{name} {a}=\"{v}\">")));
                }
            }
        }
    }
    found
}

/// The inline scripts of a page (to tell tebiki's own from others).
pub fn inline_scripts(html: &str) -> Vec<String> {
    use tebiki::parse::rawhtml::{Item, Scanner};
    let items = Scanner::all(html);
    items
        .windows(2)
        .filter_map(|w| match w {
            [Item::Start { name, attrs, .. }, Item::Text(t)] if name == "script" && attrs.is_empty() => Some(t.clone()),
            _ => None,
        })
        .collect()
}
