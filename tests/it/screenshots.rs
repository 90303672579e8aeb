//! Screenshots: shown at their CSS size (pixels ÷ density, from the name,
//! the PNG `pHYs` chunk or `images.density`), and marks from `#mark=`
//! drawn as an SVG overlay in the image's pixels.

use crate::support::{self, png_phys, TestSite};
use tebiki::parse::marks::Mark;

fn shots(site: &tebiki::model::Site, source: &str) -> Vec<tebiki::model::Screenshot> {
    support::guide(site, source).steps().iter().flat_map(|s| s.screenshots().cloned()).collect()
}

const BODY: &str = "1. Click [Save].\n\n   ![Save](shots/save@2x.png)\n\n2. Look.\n\n   ![Phys](shots/phys.png)\n\n3. Look.\n\n   ![Plain](shots/plain.png)\n\n4. Look.\n\n   ![Both](shots/both@1.5x.png)\n";

fn density_site(config: &str) -> TestSite {
    let site = TestSite::with_config(&format!("title: T\nlanguages: [en]\n{config}"));
    site.guide("content/g/index.md", "G", BODY)
        .png("content/g/shots/save@2x.png", 200, 100)
        .bytes("content/g/shots/phys.png", &png_phys(200, 100, 5669))
        .png("content/g/shots/plain.png", 200, 100)
        .bytes("content/g/shots/both@1.5x.png", &png_phys(300, 150, 5669));
    site
}

#[test]
fn screenshots_show_at_their_css_size() {
    let site = density_site("images:\n  density: 4\n");
    let model = site.site();
    let got: Vec<_> =
        shots(&model, "content/g/index.md").iter().map(|s| (s.density, s.width, s.height, s.pixel_width)).collect();
    assert_eq!(
        got,
        [
            (2.0, Some(100), Some(50), Some(200)),  // the name
            (2.0, Some(100), Some(50), Some(200)),  // pHYs at 144 dpi
            (4.0, Some(50), Some(25), Some(200)),   // the site's density
            (1.5, Some(200), Some(100), Some(300)), // the name over pHYs
        ]
    );
    let out = site.build();
    let page = std::fs::read_to_string(out.join("g.html")).unwrap();
    // The 1× file is the CSS size; the full one is offered by its pixels.
    assert!(
        page.contains(
            "<img src=\"g/shots/save@2x.png.1x.png\" srcset=\"g/shots/save@2x.png.1x.png 100w, g/shots/save@2x.png 200w\" sizes=\"(max-width: 600px) min(100px, 100vw), 100px\" alt=\"Save\" width=\"100\" height=\"50\""
        ),
        "{page}"
    );
    assert!(page.contains("srcset=\"g/shots/plain.png.1x.png 50w, g/shots/plain.png 200w\" sizes=\"(max-width: 600px) min(50px, 100vw), 50px\" alt=\"Plain\" width=\"50\" height=\"25\""), "{page}");
    // Without `images.density`, a plain file is 1×.
    let site = density_site("");
    let model = site.site();
    assert_eq!(shots(&model, "content/g/index.md")[2].width, Some(200));
}

#[test]
fn a_bad_density_in_the_config_is_reported() {
    let site = TestSite::with_config("title: T\nlanguages: [en]\nimages:\n  density: 0\n");
    site.cmd(&["check"]).failure().stderr(predicates::str::contains("images.density: 0"));
}

const MARKED: &str = "1. Click [Save].\n\n   ![The Save button](shots/保存@2x.png#mark=rect:120,40,80,30;badge:1@300,200;arrow:10,10,100,60;ellipse:0,0,21,10 \"Click [Save].\")\n";

#[test]
fn marks_are_parsed_into_the_model_and_drawn_over_the_image() {
    let site = TestSite::with_config("title: T\nlanguages: [en]\n");
    site.guide("content/g/index.md", "G", MARKED).png("content/g/shots/保存@2x.png", 400, 300);
    let model = site.site();
    let shot = &shots(&model, "content/g/index.md")[0];
    assert_eq!(shot.marks.len(), 4);
    assert_eq!(shot.marks[0], Mark::Rect { x: 120, y: 40, w: 80, h: 30, r: 12 });
    assert_eq!(shot.marks[1], Mark::Badge { n: 1, x: 300, y: 200, r: 24 });
    assert_eq!(shot.focus, None, "marks across the whole width: nothing to zoom into on a phone");
    let out = site.build();
    let page = std::fs::read_to_string(out.join("g.html")).unwrap();
    // The fragment never reaches the page; the image shows at its CSS size.
    assert!(!page.contains("#mark="), "{page}");
    assert!(page.contains("alt=\"The Save button\" width=\"200\" height=\"150\""), "{page}");
    assert!(
        page.contains(
            "<svg class=\"shot-marks\" viewBox=\"0 0 400 300\" preserveAspectRatio=\"none\" aria-hidden=\"true\""
        ),
        "{page}"
    );
    assert!(page.contains("<rect class=\"mark\" x=\"120\" y=\"40\" width=\"80\" height=\"30\" rx=\"12\"/>"), "{page}");
    assert!(page.contains("<ellipse class=\"mark\" cx=\"10.5\" cy=\"5\" rx=\"10.5\" ry=\"5\"/>"), "{page}");
    assert!(page.contains(">1</text>"), "{page}");
    assert!(page.contains("<span class=\"visually-hidden\">Marked: The Save button</span>"), "{page}");
    assert!(!page.contains("shot-whole"), "{page}");
}

#[test]
fn a_phone_focuses_on_marks_that_leave_room_to_zoom() {
    let site = TestSite::with_config("title: T\nlanguages: [en]\n");
    site.guide("content/g/index.md", "G", "1. Click.\n\n   ![Save](shots/a@2x.png#mark=rect:200,100,100,40)\n").png(
        "content/g/shots/a@2x.png",
        800,
        400,
    );
    let model = site.site();
    let shot = &shots(&model, "content/g/index.md")[0];
    // The box with a margin of 48 pixels (24 CSS pixels at 2x): 152,52 to 348,188.
    assert_eq!(
        shot.focus.as_deref(),
        Some("--focus-ratio:196/136;--focus-scale:4.0816;--focus-x:-19.0000%;--focus-y:-13.0000%;--shot-ratio:800/400")
    );
    let page = std::fs::read_to_string(site.build().join("g.html")).unwrap();
    // The build crops the box out for phones.
    assert!(
        page.contains("<figure class=\"screenshot has-marks has-focus has-crop\" style=\"--focus-ratio:196/136;"),
        "{page}"
    );
    assert!(page.contains("<source media=\"screen and (max-width: 600px)\" type=\"image/webp\" srcset=\"g/shots/a@2x.png.at-152-52-196x136.webp\">"), "{page}");
    assert!(page.contains("<button type=\"button\" class=\"btn shot-whole js-only\" aria-pressed=\"false\">Show the whole screenshot</button>"), "{page}");
}

#[test]
fn a_translation_reusing_the_screenshot_and_fragment_gets_the_same_marks() {
    let site = TestSite::new();
    site.guide("content/g/index.md", "ガイド", MARKED).guide("content/g/index.en.md", "Guide", MARKED).png(
        "content/g/shots/保存@2x.png",
        400,
        300,
    );
    let model = site.site();
    let ja = shots(&model, "content/g/index.md");
    let en = shots(&model, "content/g/index.en.md");
    assert_eq!(ja[0].marks, en[0].marks);
    assert!(!ja[0].marks.is_empty());
}

#[test]
fn a_mark_outside_the_image_is_an_error_with_its_line_and_the_image_shows_plain() {
    let site = TestSite::with_config("title: T\nlanguages: [en]\n");
    site.guide("content/g/index.md", "G", "1. Click.\n\n   ![Save](shots/a.png#mark=rect:350,10,60,10)\n").png(
        "content/g/shots/a.png",
        400,
        300,
    );
    assert_eq!(site.problems(), [("image-mark".to_string(), "content/g/index.md".to_string(), 8)]);
    let loaded = site.load();
    let d = &loaded.report.diagnostics[0];
    assert!(d.message.contains("outside the image, which is 400 × 300 pixels"), "{}", d.message);
    let shot = &shots(&loaded.site, "content/g/index.md")[0];
    assert!(shot.marks.is_empty());
}
