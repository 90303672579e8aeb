//! The output URL scheme, in one place. Every path here is relative to the
//! site root and names a file (`…/index.html`), so a built site navigates
//! from `file://` and from any sub-path.

use crate::config::SiteConfig;

/// Folder for tebiki's own files (theme assets, search index): names
/// starting with `_` are never content, so it cannot collide with a category.
pub const SUPPORT_DIR: &str = "_tebiki";

/// Page of a guide: its folders and file name as written in the content
/// folder (`Account & billing/パスワード.md` → `Account & billing/パスワード.html`),
/// so a page's address says where its source is. Names are kept, not
/// slugified: characters with a meaning in URLs (space, `#`, `%`, `?` …) are
/// percent-encoded wherever a link is written (`parse::markdown::href_path`),
/// and Japanese stays readable.
pub fn guide(config: &SiteConfig, lang: &str, category: &str, slug: &str) -> String {
    let dir = if category.is_empty() { String::new() } else { format!("{category}/") };
    format!("{}{dir}{slug}.html", config.lang_prefix(lang))
}

/// A file or folder name as other tools publish it, for matching links
/// written as a published URL path (`/docs/getting-started`,
/// `../reset-password/`) to guides: ordering prefix dropped (`01-intro` →
/// `intro`), slugified and lowercased (`Getting Started` → `getting-started`).
pub fn published_name(name: &str) -> String {
    let name = crate::slug::order_prefix(name).map_or(name, |(_, rest)| rest);
    crate::slug::slugify(name)
}

/// The `/`-separated parts of a link written as a published URL path,
/// matched with [`published_name`]: `.` and `..` dropped (the link is
/// matched by its last parts), a trailing `/`, `index`, `.html` or `.htm`
/// dropped. `None` when it names another kind of file (`shot.png`, `a.md`).
pub fn published_parts(path: &str) -> Option<Vec<String>> {
    let trimmed = path.trim_end_matches('/');
    let last = trimmed.rsplit('/').next().unwrap_or_default();
    let trimmed = match last.rsplit_once('.') {
        Some((stem, ext)) if ext.eq_ignore_ascii_case("html") || ext.eq_ignore_ascii_case("htm") => {
            &trimmed[..trimmed.len() - last.len() + stem.len()]
        }
        Some((_, ext)) if !ext.is_empty() && ext.chars().all(|c| c.is_ascii_alphanumeric()) && ext.len() <= 5 => {
            return None;
        }
        _ => trimmed,
    };
    let mut parts: Vec<String> =
        trimmed.split('/').filter(|p| !p.is_empty() && *p != "." && *p != "..").map(published_name).collect();
    if parts.last().is_some_and(|p| p == "index") {
        parts.pop();
    }
    (!parts.is_empty() && parts.iter().all(|p| !p.is_empty())).then_some(parts)
}

/// Home page of a language.
pub fn home(config: &SiteConfig, lang: &str) -> String {
    format!("{}index.html", config.lang_prefix(lang))
}

/// Page of a category (`""` is the home page).
pub fn category(config: &SiteConfig, lang: &str, path: &str) -> String {
    if path.is_empty() {
        home(config, lang)
    } else {
        format!("{}{path}/index.html", config.lang_prefix(lang))
    }
}

/// Page of a tag.
pub fn tag(config: &SiteConfig, lang: &str, tag: &str) -> String {
    format!("{}tags/{}.html", config.lang_prefix(lang), crate::slug::file_slug(tag))
}

/// The list of all tags.
pub fn tags(config: &SiteConfig, lang: &str) -> String {
    format!("{}tags/index.html", config.lang_prefix(lang))
}

/// The site-wide FAQ page.
pub fn faq(config: &SiteConfig, lang: &str) -> String {
    format!("{}faq.html", config.lang_prefix(lang))
}

/// The search page.
pub fn search(config: &SiteConfig, lang: &str) -> String {
    format!("{}search.html", config.lang_prefix(lang))
}

/// The Atom feed of a language.
pub fn feed(config: &SiteConfig, lang: &str) -> String {
    format!("{}feed.xml", config.lang_prefix(lang))
}

/// Site-wide files.
pub const NOT_FOUND: &str = "404.html";
pub const SITEMAP: &str = "sitemap.xml";

/// The page a product's help button opens with `?id=…` (help ids).
pub const HELP_OPEN: &str = "open.html";
/// The help-id map for product developers.
pub const HELP_IDS_JSON: &str = "help-ids.json";
/// The help-id map for pages, as a script (it loads from `file://`).
pub const HELP_IDS_JS: &str = "_tebiki/help-ids.js";

/// Where a help id lands: a page (relative to the root) and, optionally,
/// an element id on it, percent-encoded where a URL needs it.
pub fn help_target(page: &str, anchor: Option<&str>) -> String {
    let path = crate::parse::markdown::href_path(page);
    match anchor {
        Some(a) => format!("{path}#{}", crate::parse::markdown::href_path(a)),
        None => path,
    }
}

/// The files the build derives from a screenshot (`crate::images`), each
/// published beside it under its address plus a suffix: `a.png.webp` is
/// its full-size WebP; `a.png.1x.png` and `a.png.1x.webp` (`.1x.jpg` for a
/// JPEG) are the 1× files of a HiDPI source.
pub const DERIVED_IMAGE_SUFFIXES: [&str; 4] = ["webp", "1x.webp", "1x.png", "1x.jpg"];

/// The address of a file derived from the screenshot at `url`: `suffix`
/// is one of [`DERIVED_IMAGE_SUFFIXES`].
pub fn derived_image(url: &str, suffix: &str) -> String {
    format!("{url}.{suffix}")
}

/// The screenshots whose derived files would have the address `url`
/// (`a.png.1x.webp` would be `a.png`'s, and `a.png.1x`'s WebP).
pub fn derived_image_sources(url: &str) -> impl Iterator<Item = &str> {
    DERIVED_IMAGE_SUFFIXES.iter().filter_map(move |s| url.strip_suffix(s)?.strip_suffix('.'))
}

/// The address of the region (left, top, width, height, in pixels) cut
/// out of the screenshot at `url` for phones: `a.png.at-L-T-WxH.webp`.
pub fn image_crop(url: &str, (l, t, w, h): (u32, u32, u32, u32)) -> String {
    format!("{url}.at-{l}-{t}-{w}x{h}.webp")
}

/// `../` repeated once per folder of `page` (relative to the root).
pub fn root_prefix(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_images_sit_beside_their_screenshot() {
        assert_eq!(derived_image("a/shots/step1@2x.png", "1x.webp"), "a/shots/step1@2x.png.1x.webp");
        let sources = |url| derived_image_sources(url).collect::<Vec<_>>();
        assert_eq!(sources("a/s.png.webp"), ["a/s.png"]);
        assert_eq!(sources("a/s.png.1x.png"), ["a/s.png"]);
        assert_eq!(sources("a/s.png.1x.webp"), ["a/s.png.1x", "a/s.png"]);
        assert!(sources("a/s.png").is_empty());
        assert_eq!(image_crop("s.png", (1, 2, 30, 40)), "s.png.at-1-2-30x40.webp");
    }

    #[test]
    fn published_paths() {
        assert_eq!(published_parts("/docs/Getting Started/"), Some(vec!["docs".into(), "getting-started".into()]));
        assert_eq!(published_parts("../01-reset-password"), Some(vec!["reset-password".into()]));
        assert_eq!(published_parts("a/b/index.html"), Some(vec!["a".into(), "b".into()]));
        assert_eq!(published_parts("setup.v2"), None, "read as a file with an extension");
        assert_eq!(published_parts("shots/start.png"), None);
        assert_eq!(published_parts("../"), None);
    }
}
