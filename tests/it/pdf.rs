//! `tebiki pdf`: the manual of the example site and of small sites, read
//! back with poppler's tools (`pdftotext`, `pdfinfo`, `pdfimages`,
//! `pdftohtml`, which `tests/run.sh` installs): every step's instruction in
//! order, the table of contents, bookmarks, links inside the PDF, embedded
//! images, and the errors (no font for the language, bad options).

use std::path::{Path, PathBuf};
use std::process::Command;

use tebiki::build::Options;
use tebiki::pdf::{PdfError, PdfOptions};

use crate::support::TestSite;

/// The bundled example site (the repository's root).
fn example_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {name} (poppler-utils; tests/run.sh installs it): {e}"));
    assert!(out.status.success(), "{name} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of pages `first..=last` (all with `None`).
fn text(pdf: &Path, pages: Option<(u32, u32)>) -> String {
    let path = pdf.to_str().unwrap();
    match pages {
        Some((f, l)) => tool("pdftotext", &["-f", &f.to_string(), "-l", &l.to_string(), path, "-"]),
        None => tool("pdftotext", &[path, "-"]),
    }
}

/// Text without any white space (lines of the PDF break anywhere).
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '\u{ad}').collect()
}

/// Asserts that `needles` appear in `hay` in this order.
fn in_order(hay: &str, needles: &[String], what: &str) {
    let hay = squeeze(hay);
    let mut at = 0;
    for n in needles {
        let n = squeeze(n);
        match hay[at..].find(&n) {
            Some(i) => at += i + n.len(),
            None => panic!("{what}: `{n}` is not in the PDF after what came before it"),
        }
    }
}

fn print(
    site: &Path,
    lang: Option<&str>,
    category: Option<&str>,
    out: &Path,
) -> Result<tebiki::pdf::Printed, PdfError> {
    tebiki::pdf::pdf(&PdfOptions {
        build: Options { site: site.to_path_buf(), out: Some(out.to_path_buf()), ..Default::default() },
        lang: lang.map(str::to_string),
        category: category.map(str::to_string),
    })
}

/// The instructions of a guide's steps, as plain text.
fn instructions(site: &tebiki::model::Site, source: &str) -> Vec<String> {
    crate::support::guide(site, source).steps().iter().map(|s| s.instruction.text.clone()).collect()
}

/// `(level, title)` of every bookmark, from pdftohtml's outline.
fn bookmarks(pdf: &Path) -> Vec<(usize, String)> {
    let xml = tool("pdftohtml", &["-xml", "-i", "-stdout", "-q", pdf.to_str().unwrap()]);
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut rest = xml.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        if rest.starts_with("<outline") {
            depth += 1;
        } else if rest.starts_with("</outline") {
            depth = depth.saturating_sub(1);
        } else if rest.starts_with("<item") {
            let body = rest.split_once('>').map(|x| x.1).unwrap_or("");
            let title = body.split("</item>").next().unwrap_or("");
            out.push((depth, title.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")));
        }
        rest = &rest[1..];
    }
    out
}

/// Link annotations: `(page of the link, Some(destination page))` for links
/// inside the PDF, `None` for URLs.
fn links(pdf: &Path) -> Vec<(u32, Option<u32>)> {
    let xml = tool("pdftohtml", &["-xml", "-i", "-stdout", "-q", pdf.to_str().unwrap()]);
    let mut out = Vec::new();
    for (n, page) in xml.split("<page number=\"").skip(1).enumerate() {
        for a in page.split("<a href=\"").skip(1) {
            let href = a.split('"').next().unwrap_or("");
            // pdftohtml writes a link inside the document as `file.html#N`.
            let dest = href.rsplit_once('#').and_then(|(f, p)| f.ends_with(".html").then(|| p.parse().ok()).flatten());
            out.push((n as u32 + 1, dest));
        }
    }
    out
}

fn pages(pdf: &Path) -> u32 {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|p| p.trim().parse().ok()).expect("Pages: in pdfinfo")
}

#[test]
fn the_japanese_manual_of_the_example_site_has_every_step_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ja.pdf");
    let printed = print(&example_root(), None, None, &out).expect("the manual is written");
    assert_eq!(printed.out.as_deref(), Some(out.as_path()), "{}", printed.loaded.report.summary());
    assert_eq!(printed.lang, "ja");
    let site = &printed.loaded.site;
    let all = text(&out, None);
    in_order(&all, &instructions(site, "content/network/wifi-connect/index.md"), "wifi-connect (ja)");
    in_order(&all, &instructions(site, "content/account/verify-identity/index.md"), "verify-identity (ja)");

    // The cover: title, language, a Japanese date.
    let cover = text(&out, Some((1, 1)));
    assert!(cover.contains("てびき ヘルプセンター") && cover.contains("日本語"), "{cover}");
    assert!(cover.contains('年') && cover.contains('月') && cover.contains('日'), "a Japanese date: {cover}");

    // The contents list every Japanese guide, with page numbers.
    let toc = text(&out, Some((2, 3)));
    let ja: Vec<_> = site.guides.iter().filter(|g| g.lang == "ja").collect();
    for g in &ja {
        assert!(squeeze(&toc).contains(&squeeze(&g.meta.title)), "the contents lack {}: {toc}", g.meta.title);
    }

    // Bookmarks: a chapter per category, the guides under them.
    let marks = bookmarks(&out);
    for g in &ja {
        assert!(
            marks.iter().any(|(d, t)| *d == 2 && squeeze(t) == squeeze(&g.meta.title)),
            "no bookmark for {}",
            g.meta.title
        );
    }
    assert!(marks.iter().any(|(d, _)| *d == 1), "chapters are bookmarks: {marks:?}");

    // Every image the manual embeds is in the PDF.
    let list = tool("pdfimages", &["-list", out.to_str().unwrap()]);
    let images = list.lines().skip(2).filter(|l| l.split_whitespace().nth(2) == Some("image")).count();
    assert!(
        printed.images > 0 && images >= printed.images,
        "{} images embedded, pdfimages lists {images}",
        printed.images
    );
}

#[test]
fn the_english_manual_has_the_english_guides_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("en.pdf");
    let printed = print(&example_root(), Some("en"), None, &out).expect("the manual is written");
    assert!(printed.out.is_some(), "{}", printed.loaded.report.summary());
    let site = &printed.loaded.site;
    let all = text(&out, None);
    in_order(&all, &instructions(site, "content/network/wifi-troubleshoot/index.en.md"), "wifi-troubleshoot (en)");
    in_order(&all, &instructions(site, "content/network/vpn-setup/index.en.md"), "vpn-setup (en)");
    assert!(!all.contains("手順"), "no Japanese guide text in the English manual");
    assert!(text(&out, Some((1, 1))).contains("English"));
}

/// A small site with everything a guide can hold, and a link between guides.
fn small_site() -> TestSite {
    let site = TestSite::new();
    site.guide(
        "content/basics/start/index.md",
        "はじめての設定",
        concat!(
            "## 準備\n\n",
            "1. [設定] を開きます。\n\n",
            "   ![設定画面](shot.png#mark=rect:2,2,10,6;badge:1@20,10 \"設定画面の例\")\n\n",
            "2. [詳しい手順](../other.md#step-2) を読みます。\n",
            "3. 公式サイト <https://example.com/> を開きます。\n\n",
            "> [!WARNING]\n> 電源を切らないでください。\n\n",
            "| 項目 | 値 |\n|---|---|\n| 名前 | たろう |\n\n",
            "```sh\necho \"#set page(width: 1pt)\" $HOME\n```\n\n",
            "### Q: 画面が出ません\n\n再起動してください。\n",
        ),
    );
    site.png("content/basics/start/shot.png", 40, 20);
    site.guide(
        "content/basics/other.md",
        "詳しい手順",
        "1. 最初の操作をします。\n2. 次の操作をします。\n3. 最後の操作をします。\n",
    );
    site.file(
        "content/extra/hostile.md",
        concat!(
            "---\ntitle: '記号 #set *強調* _下線_ $x$ <lbl> @ref [a] \\ \"q\"'\nsummary: 記号の例\n---\n",
            "1. `#import \"x\"` と #box[ ] と ] と \\ を入力します。\n",
        ),
    );
    site.guide("content/basics/other.en.md", "Details", "1. Do the first thing.\n2. Do the next thing.\n");
    site
}

#[test]
fn internal_links_go_to_their_place_in_the_pdf_and_urls_stay_urls() {
    let site = small_site();
    let out = site.root().join("m.pdf");
    let printed = print(site.root(), None, None, &out).expect("the manual is written");
    assert!(printed.out.is_some(), "{}", printed.loaded.report.summary());
    let links = links(&out);
    assert!(links.iter().any(|(_, d)| d.is_none()), "the URL is a URL link: {links:?}");
    let total = pages(&out);
    let inside: Vec<_> = links.iter().filter_map(|(from, d)| d.map(|d| (*from, d))).collect();
    // Links of the table of contents and the one in step 2: each leads to a
    // page of this PDF.
    assert!(inside.iter().all(|&(_, d)| d >= 1 && d <= total), "{inside:?}");
    let toc_pages = 2;
    assert!(inside.iter().any(|&(from, _)| from > toc_pages), "the step's link leads inside the PDF: {inside:?}");

    // Text with typst's special characters is printed as written.
    let all = text(&out, None);
    for s in ["#set", "*強調*", "_下線_", "$x$", "<lbl>", "@ref", "[a]", "\\", "\"q\"", "#import \"x\"", "#box[ ]"]
    {
        assert!(all.contains(s), "`{s}` is printed as written: {all}");
    }
    // Steps, callout, table, code, question.
    in_order(
        &all,
        &["[設定] を開きます".into(), "設定画面の例".into(), "電源を切らないでください".into(), "たろう".into()],
        "start",
    );
    assert!(all.contains("echo") && all.contains("画面が出ません") && all.contains("再起動してください"), "{all}");
}

#[test]
fn a_category_prints_alone() {
    let site = small_site();
    let out = site.root().join("extra.pdf");
    print(site.root(), None, Some("extra"), &out).expect("the manual is written");
    let all = text(&out, None);
    assert!(all.contains("#import") && !all.contains("はじめての設定"), "{all}");
    match print(site.root(), None, Some("nope"), &out) {
        Err(e @ PdfError::UnknownCategory(..)) => assert!(e.to_string().contains("basics"), "{e}"),
        other => panic!("an unknown category is an error: {:?}", other.err()),
    }
    assert!(matches!(print(site.root(), Some("fr"), None, &out), Err(PdfError::UnknownLanguage(..))));
}

#[test]
fn without_a_font_for_the_language_nothing_is_printed_and_the_error_says_what_to_install() {
    let site = small_site();
    site.file("tebiki.yaml", "title: {ja: テスト, en: Test}\nlanguages: [ja, en]\npdf:\n  system_fonts: false\n");
    let out = site.root().join("m.pdf");
    std::fs::write(&out, b"%PDF-1.7 an older manual").unwrap();
    site.cmd(&["pdf", "--out", "m.pdf"])
        .code(2)
        .stderr(predicates::str::contains("no font covers 日本語 (`ja`)"))
        .stderr(predicates::str::contains("fonts-noto-cjk"))
        .stderr(predicates::str::contains("pdf.fonts"));
    assert_eq!(std::fs::read(&out).unwrap(), b"%PDF-1.7 an older manual", "the older manual is left as it was");

    // A listed font file that covers the language is enough.
    let noto = Path::new("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    if noto.exists() {
        site.file(
            "tebiki.yaml",
            &format!(
                "title: {{ja: テスト, en: Test}}\nlanguages: [ja, en]\npdf:\n  system_fonts: false\n  fonts: [{}]\n",
                noto.display()
            ),
        );
        site.cmd(&["pdf", "--out", "m.pdf"]).success();
        assert!(text(&out, None).contains("はじめての設定"));
    }
    site.file("tebiki.yaml", "title: {ja: テスト, en: Test}\nlanguages: [ja, en]\npdf:\n  fonts: [fonts/none.ttf]\n");
    site.cmd(&["pdf", "--out", "m.pdf"]).code(2).stderr(predicates::str::contains("fonts/none.ttf"));
}

#[test]
fn the_default_manual_sits_beside_the_bundle_and_errors_write_nothing() {
    let site = small_site();
    site.cmd(&["pdf", "--lang", "en"]).success().stderr(predicates::str::contains("printed 1 guide"));
    let name = format!("{}-en.pdf", site.root().file_name().unwrap().to_string_lossy());
    assert!(std::fs::read(site.root().join(&name)).unwrap().starts_with(b"%PDF-"));
    site.file("notes.txt", "not a PDF");
    site.cmd(&["pdf", "--out", "notes.txt"]).code(2).stderr(predicates::str::contains("not a PDF"));
    site.guide("content/basics/broken.md", "壊れた", "1. [行き先](missing.md) を開きます。\n");
    site.cmd(&["pdf", "--out", "b.pdf"]).code(1).stderr(predicates::str::contains("the manual was not written"));
    assert!(!site.root().join("b.pdf").exists());
}

#[test]
fn quotes_and_lists_nested_as_deep_as_a_guide_may_nest_them_still_print() {
    let site = TestSite::with_config("title: Deep\nlanguages: [en]\n");
    let list: String = (0..22).map(|i| format!("{}- level {i}\n", "  ".repeat(i))).collect();
    let quotes: String = (1..40).map(|i| format!("{}quote {i}\n", "> ".repeat(i))).collect::<Vec<_>>().join("\n");
    site.guide("content/a/deep.md", "Deep", &format!("1. Open it.\n\n{list}\n{quotes}\n"));
    let out = site.root().join("deep.pdf");
    let printed = print(site.root(), None, None, &out).expect("the manual is written");
    assert!(printed.out.is_some(), "{}", printed.loaded.report.summary());
    let all = text(&out, None);
    assert!(all.contains("level 21") && all.contains("quote 39"), "the deepest text is printed: {all}");
}

#[test]
fn a_blurred_region_is_blurred_in_the_manual_too() {
    // A fine checkerboard: any averaging shows. The left half is blurred.
    let checker = image::RgbImage::from_fn(64, 32, |x, y| {
        if (x + y) % 2 == 0 {
            image::Rgb([0, 0, 0])
        } else {
            image::Rgb([255, 255, 255])
        }
    });
    let mut png = std::io::Cursor::new(Vec::new());
    checker.write_to(&mut png, image::ImageFormat::Png).unwrap();
    let site = TestSite::new();
    site.guide(
        "content/g/index.md",
        "ぼかしの例",
        "1. 画面を確認します。\n\n   ![画面](shot.png#mark=blur:0,0,32,32)\n",
    );
    site.bytes("content/g/shot.png", png.get_ref());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.pdf");
    let printed = print(site.root(), None, None, &out).unwrap();
    assert_eq!(printed.loaded.report.errors(), 0);
    tool("pdfimages", &["-png", out.to_str().unwrap(), dir.path().join("img").to_str().unwrap()]);
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .expect("the screenshot is embedded");
    let embedded = image::open(&file).unwrap().to_rgb8();
    assert_eq!(embedded.dimensions(), (64, 32));
    let alternating =
        |x0: u32| (x0..x0 + 32).all(|x| (0..32).all(|y| embedded.get_pixel(x, y) == checker.get_pixel(x, y)));
    assert!(!alternating(0), "the blurred half no longer shows the pattern");
    assert!(alternating(32), "the other half is untouched");
    // The source is never written.
    assert_eq!(std::fs::read(site.root().join("content/g/shot.png")).unwrap(), png.into_inner());
}
