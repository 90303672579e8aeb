//! Derived screenshots: the WebP, optimised PNG and 1× files a build writes
//! for each screenshot, the `<picture>` that offers them, their cache, and
//! `blur:` marks changing the pixels of every published file.

use std::path::{Path, PathBuf};

use tebiki::build::{self, Options};

use crate::support::TestSite;

/// A screenshot-like image: lines of glyph-like marks (in an order that
/// does not repeat) on light bands, softened like rendered text, so that
/// its 1× file is lighter than it.
fn ui_png(w: u32, h: u32, seed: u32) -> Vec<u8> {
    let img = image::RgbaImage::from_fn(w, h, |x, y| {
        let line = y % 14;
        let cell = (x / 7).wrapping_mul(2654435761) ^ (y / 14).wrapping_mul(40503) ^ seed;
        let glyph = cell.wrapping_mul(2246822519) >> 28;
        let ink = (2..11).contains(&line) && glyph < 12 && !((x % 7) * 3 + line * 5 + glyph).is_multiple_of(4);
        if x < 4 || y < 4 || x + 4 >= w || y + 4 >= h {
            image::Rgba([60, 64, 72, 255])
        } else if ink {
            image::Rgba([20 + (seed as u8 % 5) * 10, 24, 32, 255])
        } else if (y / 40) % 2 == 0 {
            image::Rgba([250, 250, 252, 255])
        } else {
            image::Rgba([232, 238, 246, 255])
        }
    });
    let img = image::DynamicImage::ImageRgba8(image::imageops::blur(&img, 1.0)).into_rgb8();
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn decode(path: &Path) -> image::RgbaImage {
    image::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).to_rgba8()
}

const BODY: &str = "1. Open the dialog.\n\n   ![The dialog](shots/dialog@2x.png)\n\n2. Click [OK].\n\n   ![The OK button](shots/ok.png#mark=rect:10,10,40,20)\n";

fn site(config: &str) -> TestSite {
    let site = TestSite::with_config(&format!("title: T\nlanguages: [en]\n{config}"));
    site.guide("content/g/index.md", "G", BODY)
        .bytes("content/g/shots/dialog@2x.png", &ui_png(640, 400, 1))
        .bytes("content/g/shots/ok.png", &ui_png(320, 200, 2));
    site
}

/// Build with the library; the output folder and what was encoded.
fn build(site: &TestSite) -> (PathBuf, tebiki::images::Stats, Vec<String>) {
    let built = build::build(&Options { site: site.root().to_path_buf(), ..Default::default() }).unwrap();
    let problems = built
        .loaded
        .report
        .diagnostics
        .iter()
        .map(|d| {
            let ((line, _), _) = built.loaded.report.position(d);
            format!("{} {}:{line} {}", d.rule.id, d.file.display(), d.message)
        })
        .collect();
    (site.root().join("public"), built.stats.images, problems)
}

#[test]
fn pages_offer_webp_and_1x_files_through_picture() {
    let site = site("");
    let (out, stats, problems) = build(&site);
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(stats, tebiki::images::Stats { encoded: 2, reused: 0, cropped: 1 });
    let page = std::fs::read_to_string(out.join("g.html")).unwrap();
    // A 2× source: 1× and 2× files by width, for WebP and for PNG; the link
    // (the lightbox) opens the full-size file at its own address.
    let two = "<a class=\"screenshot-link\" href=\"g/shots/dialog@2x.png\"><picture>\
        <source type=\"image/webp\" srcset=\"g/shots/dialog@2x.png.1x.webp 320w, g/shots/dialog@2x.png.webp 640w\" sizes=\"(max-width: 600px) min(320px, 100vw), 320px\">\
        <img src=\"g/shots/dialog@2x.png.1x.png\" srcset=\"g/shots/dialog@2x.png.1x.png 320w, g/shots/dialog@2x.png 640w\" sizes=\"(max-width: 600px) min(320px, 100vw), 320px\" \
        alt=\"The dialog\" width=\"320\" height=\"200\" loading=\"lazy\" decoding=\"async\"></picture></a>";
    assert!(page.contains(two), "{page}");
    // A 1× source with marks: a phone's crop of the marked region, one WebP
    // beside the PNG, the overlay after it.
    let one = "<span class=\"shot-canvas\"><picture>\
        <source media=\"screen and (max-width: 600px)\" type=\"image/webp\" srcset=\"g/shots/ok.png.at-0-0-74x54.webp\">\
        <source type=\"image/webp\" srcset=\"g/shots/ok.png.webp\">\
        <img src=\"g/shots/ok.png\" alt=\"The OK button\" width=\"320\" height=\"200\" loading=\"lazy\" decoding=\"async\"></picture><svg class=\"shot-marks\"";
    assert!(page.contains(one), "{page}");
    // The files exist, with the sizes and formats the markup says.
    for (rel, w, format) in [
        ("g/shots/dialog@2x.png", 640, image::ImageFormat::Png),
        ("g/shots/dialog@2x.png.webp", 640, image::ImageFormat::WebP),
        ("g/shots/dialog@2x.png.1x.webp", 320, image::ImageFormat::WebP),
        ("g/shots/dialog@2x.png.1x.png", 320, image::ImageFormat::Png),
        ("g/shots/ok.png.webp", 320, image::ImageFormat::WebP),
    ] {
        let bytes = std::fs::read(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert_eq!(image::guess_format(&bytes).unwrap(), format, "{rel}");
        assert_eq!(decode(&out.join(rel)).width(), w, "{rel}");
    }
    // Lossless: the WebP and the optimised PNG hold the source's pixels.
    let source = decode(&site.root().join("content/g/shots/dialog@2x.png"));
    assert_eq!(decode(&out.join("g/shots/dialog@2x.png.webp")), source);
    assert_eq!(decode(&out.join("g/shots/dialog@2x.png")), source);
    // Both renderers write the same markup: a site template forces tera.
    site.file("themes/default/templates/partials/step-content.html", &tebiki_template());
    let (out, _, _) = build(&site);
    let by_tera = std::fs::read_to_string(out.join("g.html")).unwrap();
    assert!(by_tera.contains(two) && by_tera.contains(one), "{by_tera}");
}

/// The default theme's step template, copied into a site so that guide
/// pages go through tera.
fn tebiki_template() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/partials/step-content.html"),
    )
    .unwrap()
}

#[test]
fn a_rebuild_encodes_only_what_changed() {
    let site = site("");
    assert_eq!(build(&site).1, tebiki::images::Stats { encoded: 2, reused: 0, cropped: 1 });
    let (out, stats, _) = build(&site);
    assert_eq!(stats, tebiki::images::Stats { encoded: 0, reused: 2, cropped: 0 }, "nothing changed");
    let before = std::fs::read(out.join("g/shots/dialog@2x.png.1x.webp")).unwrap();
    // Touching a file without changing it encodes nothing either.
    let ok = site.root().join("content/g/shots/ok.png");
    filetime::set_file_mtime(&ok, filetime::FileTime::now()).unwrap();
    assert_eq!(build(&site).1, tebiki::images::Stats { encoded: 0, reused: 2, cropped: 0 });
    // A changed screenshot is encoded alone.
    site.bytes("content/g/shots/ok.png", &ui_png(320, 200, 9));
    let (out, stats, _) = build(&site);
    assert_eq!(stats, tebiki::images::Stats { encoded: 1, reused: 1, cropped: 1 });
    assert_eq!(decode(&out.join("g/shots/ok.png.webp")), decode(&ok));
    assert_eq!(std::fs::read(out.join("g/shots/dialog@2x.png.1x.webp")).unwrap(), before);
    // A new blur mark is a change of the screenshot's files.
    site.file(
        "content/g/index.md",
        &std::fs::read_to_string(site.root().join("content/g/index.md"))
            .unwrap()
            .replace("#mark=", "#mark=blur:0,0,30,30;"),
    );
    assert_eq!(build(&site).1, tebiki::images::Stats { encoded: 1, reused: 1, cropped: 1 });
    // The cache is in the site folder, ignored by git, never published.
    let cache = site.root().join(".tebiki-cache");
    assert!(std::fs::read_to_string(cache.join(".gitignore")).unwrap().lines().any(|l| l == "*"));
    assert!(!out.join(".tebiki-cache").exists());
    // Deleting it only costs time.
    std::fs::remove_dir_all(&cache).unwrap();
    assert_eq!(build(&site).1, tebiki::images::Stats { encoded: 2, reused: 0, cropped: 1 });
}

#[test]
fn a_rebuild_reads_no_unchanged_screenshot() {
    let site = site("");
    // Sources older than the two seconds in which a change could keep the
    // time stamp: their hashes are recorded.
    let old = filetime::FileTime::from_unix_time(1_700_000_000, 0);
    let ok = site.root().join("content/g/shots/ok.png");
    for f in ["content/g/shots/ok.png", "content/g/shots/dialog@2x.png"] {
        filetime::set_file_mtime(site.root().join(f), old).unwrap();
    }
    assert_eq!(build(&site).1, tebiki::images::Stats { encoded: 2, reused: 0, cropped: 1 });
    let index = std::fs::read_to_string(site.root().join(".tebiki-cache/images/sources.tsv")).unwrap();
    assert_eq!(index.lines().count(), 2, "{index}");
    // Other bytes of the same length (a broken PNG), written in place with
    // the old time put back: the quick check cannot tell, so the file is
    // not read (as rsync and git trust size and time) and nothing fails.
    let good = std::fs::read(&ok).unwrap();
    let mut broken = good.clone();
    let at = broken.len() - 13; // inside the last chunk before IEND
    broken[at] ^= 0xff;
    std::fs::write(&ok, &broken).unwrap();
    filetime::set_file_mtime(&ok, old).unwrap();
    let (_, stats, problems) = build(&site);
    assert_eq!((stats, problems), (tebiki::images::Stats { encoded: 0, reused: 2, cropped: 0 }, vec![]), "not read");
    // Any other time is a change to look at: read, and found to be other
    // bytes (a wrong checksum, which browsers ignore: the same pixels,
    // published in a PNG every reader accepts).
    filetime::set_file_mtime(&ok, filetime::FileTime::from_unix_time(1_700_000_100, 0)).unwrap();
    let (out, stats, problems) = build(&site);
    assert_eq!((stats, problems), (tebiki::images::Stats { encoded: 1, reused: 1, cropped: 1 }, vec![]), "read again");
    assert!(image::load_from_memory(&good).is_ok() && image::load_from_memory(&broken).is_err());
    assert_eq!(decode(&out.join("g/shots/ok.png")), image::load_from_memory(&good).unwrap().to_rgba8());
    // A line of the index that does not parse is only forgotten: the
    // sources are read and hashed again, and their files are in the cache.
    std::fs::write(&ok, &good).unwrap();
    std::fs::write(site.root().join(".tebiki-cache/images/sources.tsv"), "garbage\n\tx\n").unwrap();
    let (_, stats, problems) = build(&site);
    assert_eq!((stats, problems), (tebiki::images::Stats { encoded: 0, reused: 2, cropped: 0 }, vec![]));
}

#[test]
fn optimize_false_copies_screenshots_as_they_are() {
    let site = site("images:\n  optimize: false\n");
    let (out, stats, problems) = build(&site);
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(stats, tebiki::images::Stats::default());
    let page = std::fs::read_to_string(out.join("g.html")).unwrap();
    assert!(!page.contains("<picture>"), "{page}");
    assert!(page.contains("<img src=\"g/shots/dialog@2x.png\" alt=\"The dialog\" width=\"320\" height=\"200\""));
    let shots: Vec<String> = std::fs::read_dir(out.join("g/shots"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(shots.len(), 2, "{shots:?}");
    assert_eq!(
        std::fs::read(out.join("g/shots/ok.png")).unwrap(),
        std::fs::read(site.root().join("content/g/shots/ok.png")).unwrap()
    );
    assert!(!site.root().join(".tebiki-cache").exists(), "nothing to encode, no cache");
}

/// Whether two images differ inside the box and agree outside it.
fn changed_only_inside(before: &image::RgbaImage, after: &image::RgbaImage, (x, y, w, h): (u32, u32, u32, u32)) {
    assert_eq!(before.dimensions(), after.dimensions());
    let mut inside_changed = 0;
    for (px, py, p) in after.enumerate_pixels() {
        let inside = px >= x && px < x + w && py >= y && py < y + h;
        if inside {
            inside_changed += usize::from(p != before.get_pixel(px, py));
        } else {
            assert_eq!(p, before.get_pixel(px, py), "pixel {px},{py} outside the blur changed");
        }
    }
    assert!(inside_changed * 2 > (w * h) as usize, "only {inside_changed} of {} pixels inside changed", w * h);
}

#[test]
fn blur_changes_the_pixels_of_every_published_file() {
    for config in ["", "images:\n  optimize: false\n"] {
        let site = site(config);
        site.file(
            "content/g/index.md",
            &format!(
                "---\ntitle: G\nsummary: S.\npublished: 2024-03-02\n---\n{}",
                BODY.replace("dialog@2x.png)", "dialog@2x.png#mark=blur:40,60,100,40;rect:200,20,40,40)")
            ),
        );
        let (out, _, problems) = build(&site);
        assert_eq!(problems, Vec::<String>::new());
        let source_path = site.root().join("content/g/shots/dialog@2x.png");
        let source = decode(&source_path);
        // The full-size file at the screenshot's address: what the lightbox opens.
        changed_only_inside(&source, &decode(&out.join("g/shots/dialog@2x.png")), (40, 60, 100, 40));
        if config.is_empty() {
            changed_only_inside(&source, &decode(&out.join("g/shots/dialog@2x.png.webp")), (40, 60, 100, 40));
            // The 1× files: the region at half the size; a pixel well
            // outside it is what a plain downscale gives.
            let plain = image::imageops::resize(&source, 320, 200, image::imageops::FilterType::Lanczos3);
            for rel in ["g/shots/dialog@2x.png.1x.png", "g/shots/dialog@2x.png.1x.webp"] {
                let small = decode(&out.join(rel));
                assert_eq!(small.get_pixel(150, 5), plain.get_pixel(150, 5), "{rel}");
                let differs = (22..68)
                    .flat_map(|x| (32..48).map(move |y| (x, y)))
                    .filter(|&(x, y)| small.get_pixel(x, y) != plain.get_pixel(x, y))
                    .count();
                assert!(differs > 46 * 16 / 2, "{rel}: only {differs} pixels of the region changed");
            }
        } else {
            let page = std::fs::read_to_string(out.join("g.html")).unwrap();
            assert!(!page.contains("<picture>"), "optimize: false keeps the plain <img>");
        }
        // The source is never written.
        assert_eq!(decode(&source_path), source);
    }
}

#[test]
fn blur_on_a_format_tebiki_cannot_rewrite_is_an_error() {
    let site = TestSite::with_config("title: T\nlanguages: [en]\n");
    site.guide("content/g/index.md", "G", "1. Look.\n\n   ![A GIF](shots/a.gif#mark=blur:0,0,2,2)\n");
    // A GIF's header: all that measuring it reads.
    site.bytes("content/g/shots/a.gif", b"GIF89a\x08\x00\x08\x00\x00\x00\x00;");
    let built = build::build(&Options { site: site.root().to_path_buf(), ..Default::default() }).unwrap();
    assert!(built.out.is_none());
    let d = &built.loaded.report.diagnostics;
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!((d[0].rule.id, built.loaded.report.position(&d[0]).0 .0), ("image-mark", 8));
}

#[test]
fn an_image_that_cannot_be_decoded_is_published_as_it_is_unless_it_has_pixels_to_hide() {
    let site = site("");
    let (out, _, problems) = build(&site);
    assert_eq!(problems, Vec::<String>::new());
    // A PNG whose header is whole but whose pixels are cut off: its size is
    // known, its pixels are not.
    let mut broken = ui_png(640, 400, 5);
    broken.truncate(broken.len() / 2);
    site.bytes("content/g/shots/dialog@2x.png", &broken);
    // Without `blur:` it is a warning, and the file is published as it is
    // (a browser shows what it can of it; a site that built goes on building).
    let built = build::build(&Options { site: site.root().to_path_buf(), ..Default::default() }).unwrap();
    let d = &built.loaded.report.diagnostics;
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!((d[0].rule.id, d[0].severity), ("image-not-decoded", tebiki::diagnostic::Severity::Warning));
    assert!(d[0].message.ends_with("it is published as it is"), "{}", d[0].message);
    assert_eq!(std::fs::read(out.join("g/shots/dialog@2x.png")).unwrap(), broken);
    let page = std::fs::read_to_string(out.join("g.html")).unwrap();
    assert!(page.contains("<img src=\"g/shots/dialog@2x.png\" alt=\"The dialog\""), "{page}");
    let page_before = page.into_bytes();
    // With `blur:` the build stops: its pixels cannot be hidden.
    site.file(
        "content/g/index.md",
        &std::fs::read_to_string(site.root().join("content/g/index.md"))
            .unwrap()
            .replace("dialog@2x.png)", "dialog@2x.png#mark=blur:0,0,40,40)"),
    );
    let (out, _, problems) = build(&site);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with("image-unreadable content/g/index.md:8 `g/shots/dialog@2x.png` could not be decoded, so its `blur:` regions cannot be hidden"),
        "{problems:#?}"
    );
    assert_eq!(std::fs::read(out.join("g.html")).unwrap(), page_before, "the last good output stays");
    // The binary says so and exits 1.
    site.cmd(&["build"]).code(1).stderr(predicates::str::contains("content/g/index.md:8"));
}

#[test]
fn a_bundle_holds_the_full_size_files_alone_optimised_and_blurred() {
    let site = site("");
    site.file(
        "content/g/index.md",
        &format!(
            "---\ntitle: G\nsummary: S.\npublished: 2024-03-02\n---\n{}",
            BODY.replace("dialog@2x.png)", "dialog@2x.png#mark=blur:40,60,100,40)")
        ),
    );
    let zip_path = site.root().join("help.zip");
    site.cmd(&["bundle", "--out", zip_path.to_str().unwrap()]).success();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().filter(|n| n.contains("/shots/")).map(str::to_string).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    let read = |zip: &mut zip::ZipArchive<std::fs::File>, suffix: &str| {
        let name = zip.file_names().find(|n| n.ends_with(suffix)).unwrap().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name(&name).unwrap(), &mut bytes).unwrap();
        bytes
    };
    let html = String::from_utf8(read(&mut zip, "g.html")).unwrap();
    assert!(!html.contains("<picture>"), "{html}");
    let source = decode(&site.root().join("content/g/shots/dialog@2x.png"));
    let published = image::load_from_memory(&read(&mut zip, "shots/dialog@2x.png")).unwrap().to_rgba8();
    changed_only_inside(&source, &published, (40, 60, 100, 40));
    let ok = read(&mut zip, "shots/ok.png");
    assert!(ok.len() < std::fs::read(site.root().join("content/g/shots/ok.png")).unwrap().len(), "oxipng'd");
    assert_eq!(image::load_from_memory(&ok).unwrap().to_rgba8(), decode(&site.root().join("content/g/shots/ok.png")));
}

#[cfg(unix)]
#[test]
fn hard_linked_screenshots_are_encoded_once() {
    let site = site("");
    site.guide("content/h/index.md", "H", "1. Look.\n\n   ![The same dialog](shots/same@2x.png)\n");
    std::fs::create_dir_all(site.root().join("content/h/shots")).unwrap();
    std::fs::hard_link(
        site.root().join("content/g/shots/dialog@2x.png"),
        site.root().join("content/h/shots/same@2x.png"),
    )
    .unwrap();
    let (out, stats, problems) = build(&site);
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(stats, tebiki::images::Stats { encoded: 2, reused: 1, cropped: 1 });
    assert_eq!(
        std::fs::read(out.join("h/shots/same@2x.png.1x.webp")).unwrap(),
        std::fs::read(out.join("g/shots/dialog@2x.png.1x.webp")).unwrap()
    );
}

#[test]
fn a_phone_downloads_the_marked_region_alone() {
    let site = site("");
    let body = BODY.replace("dialog@2x.png)", "dialog@2x.png#mark=blur:170,30,30,20;rect:200,20,40,40)");
    site.file("content/g/index.md", &format!("---\ntitle: G\nsummary: S.\npublished: 2024-03-02\n---\n{body}"));
    let (out, stats, problems) = build(&site);
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(stats, tebiki::images::Stats { encoded: 2, reused: 0, cropped: 2 });
    // The focus region of the rect (its box with a margin of 24 CSS px,
    // clamped to the image): a phone's <source>, first in the <picture>.
    let crop = "<figure class=\"screenshot has-marks has-focus has-crop\" style=\"--focus-ratio:136/108;--focus-scale:4.7059;--focus-x:-23.7500%;--focus-y:-0.0000%;--shot-ratio:640/400\">\
        <a class=\"screenshot-link\" href=\"g/shots/dialog@2x.png\"><span class=\"shot-frame\"><span class=\"shot-canvas\"><picture>\
        <source media=\"screen and (max-width: 600px)\" type=\"image/webp\" srcset=\"g/shots/dialog@2x.png.at-152-0-136x108.webp\">\
        <source type=\"image/webp\" srcset=\"g/shots/dialog@2x.png.1x.webp 320w, g/shots/dialog@2x.png.webp 640w\"";
    let page = std::fs::read_to_string(out.join("g.html")).unwrap();
    assert!(page.contains(crop), "{page}");
    // The crop holds the published pixels of its region, the blurred ones too.
    let full = decode(&out.join("g/shots/dialog@2x.png.webp"));
    let region = decode(&out.join("g/shots/dialog@2x.png.at-152-0-136x108.webp"));
    assert_eq!(region, image::imageops::crop_imm(&full, 152, 0, 136, 108).to_image());
    let source = decode(&site.root().join("content/g/shots/dialog@2x.png"));
    changed_only_inside(
        &image::imageops::crop_imm(&source, 152, 0, 136, 108).to_image(),
        &region,
        (170 - 152, 30, 30, 20),
    );
    // Both renderers write it.
    site.file("themes/default/templates/partials/step-content.html", &tebiki_template());
    let (out, stats, _) = build(&site);
    assert_eq!(stats, tebiki::images::Stats { encoded: 0, reused: 2, cropped: 0 }, "crops come from the cache");
    assert!(std::fs::read_to_string(out.join("g.html")).unwrap().contains(crop));
    // Moving a frame crops again and encodes nothing else.
    site.file(
        "content/g/index.md",
        &std::fs::read_to_string(site.root().join("content/g/index.md")).unwrap().replace("rect:200,20", "rect:210,20"),
    );
    let (out, stats, _) = build(&site);
    assert_eq!(stats, tebiki::images::Stats { encoded: 0, reused: 2, cropped: 1 });
    assert!(out.join("g/shots/dialog@2x.png.at-162-0-136x108.webp").is_file());
    assert!(!out.join("g/shots/dialog@2x.png.at-152-0-136x108.webp").exists(), "only what pages show is published");
}
