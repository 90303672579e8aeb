//! Derived screenshots: the stage between check and render that makes the
//! files a page offers for each screenshot — a lossless WebP, a PNG made
//! smaller by oxipng, and for a HiDPI source its 1× files — and pixelates
//! `blur:` regions in every one of them, the full-size file the lightbox
//! opens included. It fills [`crate::model::Screenshot::picture`] and adds
//! the files to [`Site::assets`], so render and output need nothing new.
//!
//! Results are cached in `.tebiki-cache/images/` in the site folder, one
//! folder per key: a hash of the source's bytes, its blur regions, density
//! and [`encode::SETTINGS`]. A rebuild with unchanged screenshots decodes
//! nothing, and reads none either: [`Digests`] remembers each source's
//! size, time and inode with the hash of its bytes (the quick check rsync
//! makes). Deleting the folder only costs time. The pixel work is in
//! [`encode`].

pub mod encode;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::{Asset, Block, Guide, Picture, Screenshot, Site, StepBlock, ROOT_MARK_STR};
use crate::parse::markdown::href_path;
use crate::parse::marks::Mark;
use crate::progress::{Progress, Stage};
use crate::rules;
use encode::{Job, Kind};

/// The cache folder, relative to the site folder.
pub const CACHE_DIR: &str = ".tebiki-cache/images";

/// What the stage did, for the build's summary.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Screenshots encoded in this build.
    pub encoded: usize,
    /// Screenshots whose files came from the cache (or from another link
    /// to the same file in this build).
    pub reused: usize,
    /// Phones' crops of marked screenshots made in this build (the others
    /// came from the cache).
    pub cropped: usize,
}

/// A job's folder in the cache and whether it was encoded now, or why not.
type Made = Result<(PathBuf, bool), String>;

/// One published file: what a screenshot's source becomes.
struct Planned {
    /// Index in `site.assets`.
    asset: usize,
    job: Job,
    /// Where it is shown first: guide file and span, for diagnostics.
    shown: (PathBuf, crate::model::Span, usize),
}

/// Make the derived files of every screenshot of `site` and point the
/// model at them. Diagnostics: an image that cannot be decoded
/// (`image-unreadable`), a blur on a format tebiki cannot encode
/// (`image-mark`). A cache that cannot be written is an error of the run.
///
/// With `variants` off (a bundle, read from disk, where only the zip's
/// size counts) only the full-size files are published, optimised or
/// blurred, and pages show them alone; the cache is the same as a build's.
pub fn derive(
    site: &mut Site,
    root: &Path,
    variants: bool,
    progress: &dyn Progress,
) -> Result<(Vec<Diagnostic>, Stats), crate::output::OutputError> {
    let optimize = site.config.images.optimize;
    let by_src: HashMap<String, usize> =
        site.assets.iter().enumerate().map(|(i, a)| (format!("{ROOT_MARK_STR}{}", href_path(&a.url)), i)).collect();
    let taken: HashSet<&str> = site.assets.iter().map(|a| a.url.as_str()).collect();
    let mut diagnostics = Vec::new();
    // One job per asset: blur regions of every screenshot showing it
    // (two guides hiding different parts of one file hide both).
    let mut plans: BTreeMap<usize, Planned> = BTreeMap::new();
    for (gi, guide) in site.guides.iter().enumerate() {
        for_each_shot(guide, &mut |shot| {
            let Some(&asset) = by_src.get(&shot.src) else { return };
            let url = &site.assets[asset].url;
            let blur: Vec<encode::Region> = shot
                .blur
                .iter()
                .filter_map(|m| match *m {
                    Mark::Blur { x, y, w, h } => Some((x, y, w, h)),
                    _ => None,
                })
                .collect();
            let Some(kind) = Kind::of(url) else {
                if !blur.is_empty() {
                    let mut d = Diagnostic::new(
                        &rules::IMAGE_MARK,
                        &guide.source,
                        shot.span.clone(),
                        format!("`blur:` cannot hide pixels of `{url}`: tebiki rewrites PNG, JPEG and WebP files"),
                    )
                    .with_hint(Some("save the screenshot as PNG".into()));
                    guide.relocate(&mut d);
                    diagnostics.push(d);
                }
                return;
            };
            if !optimize && blur.is_empty() {
                return;
            }
            // Derived names must not be files of the site.
            if optimize
                && ["webp", "1x.webp", "1x.png", "1x.jpg"].iter().any(|s| taken.contains(&*format!("{url}.{s}")))
            {
                return;
            }
            let (Some(w), Some(h)) = (shot.width, shot.height) else { return };
            let plan = plans.entry(asset).or_insert_with(|| Planned {
                asset,
                job: Job {
                    kind,
                    blur: Vec::new(),
                    density: shot.density,
                    optimize,
                    css: (w, h),
                    pixels: (shot.pixel_width.unwrap_or(w), shot.pixel_height.unwrap_or(h)),
                },
                shown: (guide.source.clone(), shot.span.clone(), gi),
            });
            for r in blur {
                if !plan.job.blur.contains(&r) {
                    plan.job.blur.push(r);
                }
            }
        });
    }
    if plans.is_empty() {
        return Ok((diagnostics, Stats::default()));
    }
    // The site folder's cache, else one in the temporary folder (a site
    // on a read-only disk still builds, encoding each time or not).
    let mut cache = root.join(CACHE_DIR);
    if prepare_cache(&cache).is_err() {
        cache = std::env::temp_dir().join("tebiki-cache").join("images");
        prepare_cache(&cache)?;
    }
    progress.stage(Stage::Encode, plans.len());
    // Files that are one file (hard links: a site's shared screenshot)
    // with the same job are read, hashed and looked up once.
    let ids: Vec<Option<(u64, u64)>> =
        plans.values().collect::<Vec<_>>().par_iter().map(|p| file_identity(&site.assets[p.asset].source)).collect();
    let mut first: HashMap<((u64, u64), String), usize> = HashMap::new();
    let mut same_as: HashMap<usize, usize> = HashMap::new();
    let mut unique = Vec::new();
    for (p, id) in plans.values().zip(ids) {
        match id.map(|id| (id, format!("{:?}", p.job))) {
            Some(k) => match first.get(&k) {
                Some(&a) => {
                    same_as.insert(p.asset, a);
                }
                None => {
                    first.insert(k, p.asset);
                    unique.push(p);
                }
            },
            None => unique.push(p),
        }
    }
    let digests = Digests::load(&cache);
    let (mut results, learned): (Vec<(usize, Made)>, Vec<Learned>) = unique
        .par_iter()
        .map(|p| {
            let (made, learned) = cached_or_made(&site.assets[p.asset].source, &p.job, &cache, &digests);
            progress.advance(1);
            ((p.asset, made), learned)
        })
        .unzip();
    digests.save(learned.into_iter().flatten());
    let by_asset: HashMap<usize, Made> = results.iter().cloned().collect();
    results.extend(same_as.iter().map(|(&asset, a)| (asset, by_asset[a].clone().map(|(dir, _)| (dir, false)))));
    let mut stats = Stats::default();
    let mut made: HashMap<usize, PathBuf> = HashMap::new();
    for (asset, result) in results {
        match result {
            Ok((dir, encoded)) => {
                if encoded {
                    stats.encoded += 1;
                } else {
                    stats.reused += 1;
                }
                made.insert(asset, dir);
            }
            Err(e) => {
                let p = &plans[&asset];
                let (file, span, gi) = &p.shown;
                let url = &site.assets[asset].url;
                // Pixels to hide that cannot be read stop the build; else
                // the file is published as it is (a browser may show what
                // it can of it), without optimised files.
                let (rule, message) = if p.job.blur.is_empty() {
                    (&rules::IMAGE_NOT_DECODED, format!("`{url}` could not be decoded: {e}; it is published as it is"))
                } else {
                    (
                        &rules::IMAGE_UNREADABLE,
                        format!("`{url}` could not be decoded, so its `blur:` regions cannot be hidden: {e}"),
                    )
                };
                let mut d = Diagnostic::new(rule, file, span.clone(), message)
                    .with_hint(Some("open it in an image editor and save it again as PNG".into()));
                site.guides[*gi].relocate(&mut d);
                diagnostics.push(d);
            }
        }
    }
    // A phone shows a marked screenshot's focus region: crop it out of the
    // full-size WebP, per file and region, so a phone downloads the region.
    let crops = if optimize && variants {
        crop_focus_regions(site, &by_src, &plans, &made, &mut stats)
    } else {
        HashMap::new()
    };
    let mut crop_assets = Vec::new();
    let mut crop_urls: HashMap<(usize, encode::Region), String> = HashMap::new();
    for (&(asset, b), file) in &crops {
        let url = crop_url(&site.assets[asset].url, b);
        if taken.contains(url.as_str()) {
            continue;
        }
        crop_assets.push(Asset { source: file.clone(), url: url.clone() });
        crop_urls.insert((asset, b), format!("{ROOT_MARK_STR}{}", href_path(&url)));
    }
    // Publish: the full-size file replaces the source at its address; the
    // others are new assets beside it.
    let mut pictures: HashMap<usize, Option<Picture>> = HashMap::new();
    let mut extra = Vec::new();
    for (&asset, dir) in &made {
        let job = &plans[&asset].job;
        let url = site.assets[asset].url.clone();
        let has = |role: &str| dir.join(role).is_file();
        let full_role = format!("full.{}", job.kind.ext());
        if has(&full_role) {
            site.assets[asset].source = dir.join(&full_role);
        }
        if !optimize || !variants {
            continue;
        }
        let mark = |u: &str| format!("{ROOT_MARK_STR}{}", href_path(u));
        let full_webp = has("full.webp").then(|| format!("{url}.webp"));
        let fallback_role = format!("1x.{}", job.kind.ext());
        let picture = if job.one_x() && has(&fallback_role) {
            let one = format!("{url}.1x.{}", job.kind.ext());
            let one_webp = has("1x.webp").then(|| format!("{url}.1x.webp"));
            extra.push(Asset { source: dir.join(&fallback_role), url: one.clone() });
            if let Some(u) = &one_webp {
                extra.push(Asset { source: dir.join("1x.webp"), url: u.clone() });
            }
            if let Some(u) = &full_webp {
                extra.push(Asset { source: dir.join("full.webp"), url: u.clone() });
            }
            // Width descriptors: a phone of any density shows a desktop
            // screenshot narrower than its 1× file is wide, and takes it.
            let (w1, w2) = (job.css.0, job.pixels.0);
            Picture {
                webp: one_webp.zip(full_webp).map(|(a, b)| format!("{} {w1}w, {} {w2}w", mark(&a), mark(&b))),
                src: mark(&one),
                srcset: Some(format!("{} {w1}w, {} {w2}w", mark(&one), mark(&url))),
                sizes: None,
                crop: None,
            }
        } else {
            let Some(u) = full_webp else {
                pictures.insert(asset, None);
                continue;
            };
            extra.push(Asset { source: dir.join("full.webp"), url: u.clone() });
            Picture { webp: Some(mark(&u)), src: mark(&url), srcset: None, sizes: None, crop: None }
        };
        pictures.insert(asset, Some(picture));
    }
    site.assets.extend(extra);
    site.assets.extend(crop_assets);
    site.assets.sort_by(|a, b| a.url.cmp(&b.url));
    if !pictures.is_empty() {
        for guide in &mut site.guides {
            for_each_shot_mut(guide, &mut |shot| {
                let Some(&asset) = by_src.get(&shot.src) else { return };
                if let Some(Some(p)) = pictures.get(&asset) {
                    let mut p = p.clone();
                    if p.srcset.is_some() {
                        p.sizes = shot.width.map(|w| sizes(w, shot.focus_scale));
                    }
                    p.crop = shot.focus_box.and_then(|b| crop_urls.get(&(asset, b)).cloned());
                    shot.picture = Some(Box::new(p));
                }
            });
        }
    }
    Ok((diagnostics, stats))
}

/// Crop the focus regions of marked PNG screenshots out of their full-size
/// WebP files (blurred regions blurred, lossless), into the job's cache
/// folder as `crop-L-T-W-H.webp`: made once, then read from the cache.
/// A crop that cannot be made is left out (the phone then zooms into the
/// whole file, as without crops).
fn crop_focus_regions(
    site: &Site,
    by_src: &HashMap<String, usize>,
    plans: &BTreeMap<usize, Planned>,
    made: &HashMap<usize, PathBuf>,
    stats: &mut Stats,
) -> HashMap<(usize, encode::Region), PathBuf> {
    let mut wanted: BTreeMap<usize, Vec<encode::Region>> = BTreeMap::new();
    for guide in &site.guides {
        for_each_shot(guide, &mut |shot| {
            let (Some(b), Some(&asset)) = (shot.focus_box, by_src.get(&shot.src)) else { return };
            if made.contains_key(&asset) && plans[&asset].job.kind == Kind::Png {
                let boxes = wanted.entry(asset).or_default();
                if !boxes.contains(&b) {
                    boxes.push(b);
                }
            }
        });
    }
    let done: Vec<(usize, Vec<Cropped>)> =
        wanted.into_par_iter().map(|(asset, boxes)| (asset, cached_or_cropped(&made[&asset], &boxes))).collect();
    let mut crops = HashMap::new();
    for (asset, files) in done {
        for (b, file, new) in files {
            stats.cropped += usize::from(new);
            crops.insert((asset, b), file);
        }
    }
    crops
}

/// A crop's region, its file in the cache, and whether it was made now.
type Cropped = (encode::Region, PathBuf, bool);

/// The crops of `boxes` in the job folder `dir`, made from its `full.webp`
/// when missing (decoded once for all of them); `true` for those made now.
fn cached_or_cropped(dir: &Path, boxes: &[encode::Region]) -> Vec<Cropped> {
    let file = |&(l, t, w, h): &encode::Region| dir.join(format!("crop-{l}-{t}-{w}-{h}.webp"));
    let mut out = Vec::new();
    let mut full: Option<Option<(image::RgbaImage, bool)>> = None;
    for b in boxes {
        let path = file(b);
        if path.is_file() {
            out.push((*b, path, false));
            continue;
        }
        let pixels = full.get_or_insert_with(|| {
            let img = std::fs::read(dir.join("full.webp")).ok().and_then(|bytes| encode::decode(&bytes).ok())?;
            let alpha = img.pixels().any(|p| p.0[3] != 255);
            Some((img, alpha))
        });
        let Some((img, alpha)) = pixels else { break };
        let Ok(bytes) = encode::crop(img, *alpha, *b) else { continue };
        if crate::output::write_by_rename(&path, &bytes).is_ok() {
            out.push((*b, path, true));
        }
    }
    out
}

/// The address of a screenshot's crop, beside it: `a.png.at-L-T-WxH.webp`.
fn crop_url(url: &str, (l, t, w, h): encode::Region) -> String {
    format!("{url}.at-{l}-{t}-{w}x{h}.webp")
}

/// How wide a screenshot `css_width` CSS pixels wide is shown: on a phone
/// the width of the screen at most, times the zoom on its marks.
fn sizes(css_width: u32, focus_scale: Option<f64>) -> String {
    match focus_scale {
        Some(s) => format!("(max-width: 600px) calc(100vw * {s:.2}), {css_width}px"),
        None => format!("(max-width: 600px) min({css_width}px, 100vw), {css_width}px"),
    }
}

/// The device and inode of a file, where the platform has them: hard
/// links share them.
#[cfg(unix)]
fn file_identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_identity(_: &Path) -> Option<(u64, u64)> {
    None
}

/// Make the cache folder, with a `.gitignore` that ignores it whole.
fn prepare_cache(cache: &Path) -> Result<(), crate::output::OutputError> {
    let io = |e| crate::output::OutputError::Io(cache.to_path_buf(), e);
    std::fs::create_dir_all(cache).map_err(io)?;
    if let Some(top) = cache.parent() {
        let ignore = top.join(".gitignore");
        if !ignore.exists() {
            std::fs::write(&ignore, "# tebiki's cache of encoded screenshots: safe to delete.\n*\n").map_err(io)?;
        }
    }
    Ok(())
}

/// A source file's size, modification time (seconds, nanoseconds) and
/// inode: when all four are as recorded, its bytes are taken to be too.
type Stamp = (u64, i64, i64, u64);

/// What [`Digests`] knows of one source: its stamp and the hex SHA-1 of its
/// bytes then.
type Known = (Stamp, String);

/// A source read in this build, with what to record of it.
type Learned = Option<(PathBuf, Known)>;

/// The hashes of the screenshots' bytes from earlier builds, by source
/// path, kept in the cache as `sources.tsv` (`hash size secs nanos inode
/// path`, tab-separated). A source whose stamp is unchanged is not read
/// again; one that changed less than two seconds before it was hashed is
/// not recorded (it could change again within the same time stamp), and a
/// line that does not parse is only forgotten.
struct Digests {
    file: PathBuf,
    known: HashMap<PathBuf, Known>,
}

impl Digests {
    const FILE: &str = "sources.tsv";

    fn load(cache: &Path) -> Digests {
        let file = cache.join(Self::FILE);
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let known = text
            .lines()
            .filter_map(|line| {
                let mut f = line.splitn(6, '\t');
                let hash = f.next()?.to_string();
                let stamp = (
                    f.next()?.parse().ok()?,
                    f.next()?.parse().ok()?,
                    f.next()?.parse().ok()?,
                    f.next()?.parse().ok()?,
                );
                Some((PathBuf::from(f.next()?), (stamp, hash)))
            })
            .collect();
        Digests { file, known }
    }

    /// The recorded hash of `source`, when its stamp is as recorded.
    fn get(&self, source: &Path, stamp: Stamp) -> Option<&str> {
        self.known.get(source).filter(|(s, _)| *s == stamp).map(|(_, h)| h.as_str())
    }

    /// Add what this build learned and write the file (beside, then
    /// renamed); a cache that cannot be written only means reading again.
    fn save(mut self, learned: impl Iterator<Item = (PathBuf, Known)>) {
        let before = self.known.len();
        let mut changed = false;
        for (path, known) in learned {
            changed |= self.known.insert(path, known.clone()).is_none_or(|old| old != known);
        }
        if !changed && self.known.len() == before {
            return;
        }
        let mut text = String::new();
        let mut rows: Vec<_> = self.known.iter().filter_map(|(p, k)| Some((p.to_str()?, k))).collect();
        rows.sort();
        for (path, ((size, secs, nanos, ino), hash)) in rows {
            if !path.contains(['\t', '\n']) {
                text.push_str(&format!("{hash}\t{size}\t{secs}\t{nanos}\t{ino}\t{path}\n"));
            }
        }
        // A cache that cannot be written is only slower next time.
        let _ = crate::output::write_by_rename(&self.file, text.as_bytes());
    }
}

/// The stamp of a file from its metadata.
#[cfg(unix)]
fn stamp(meta: &std::fs::Metadata) -> Stamp {
    use std::os::unix::fs::MetadataExt;
    (meta.size(), meta.mtime(), meta.mtime_nsec(), meta.ino())
}

#[cfg(not(unix))]
fn stamp(meta: &std::fs::Metadata) -> Stamp {
    let t = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).unwrap_or_default();
    (meta.len(), t.as_secs() as i64, i64::from(t.subsec_nanos()), 0)
}

/// Whether a file changed so recently that another change could keep its
/// time stamp: its hash is then not recorded.
fn racy(meta: &std::fs::Metadata) -> bool {
    meta.modified().ok().and_then(|t| t.elapsed().ok()).is_none_or(|age| age < std::time::Duration::from_secs(2))
}

/// The folder of a job's files in the cache, made when missing; `true`
/// when it was made now. An unchanged source (by [`Digests`]) is not read
/// when its folder exists; a source read now is returned with its hash to
/// be recorded.
fn cached_or_made(source: &Path, job: &Job, cache: &Path, digests: &Digests) -> (Made, Learned) {
    let meta = match std::fs::metadata(source) {
        Ok(m) => m,
        Err(e) => return (Err(e.to_string()), None),
    };
    let stamp = stamp(&meta);
    if let Some(hash) = digests.get(source, stamp) {
        let dir = cache.join(key(hash, job));
        if dir.is_dir() {
            return (Ok((dir, false)), None);
        }
    }
    let bytes = match std::fs::read(source) {
        Ok(b) => b,
        Err(e) => return (Err(e.to_string()), None),
    };
    let hash = sha1_hex(&bytes);
    let learned = (!racy(&meta)).then(|| (source.to_path_buf(), (stamp, hash.clone())));
    (made(&bytes, &key(&hash, job), job, cache), learned)
}

/// The job's folder in the cache, encoded now from `bytes` when missing.
fn made(bytes: &[u8], key: &str, job: &Job, cache: &Path) -> Made {
    let dir = cache.join(key);
    if dir.is_dir() {
        return Ok((dir, false));
    }
    let files = encode::run(bytes, job)?;
    // Written beside, renamed into place whole: a folder in the cache is
    // always complete, even after a killed build.
    let tmp = cache.join(format!("{key}.tmp-{}-{:?}", std::process::id(), std::thread::current().id()));
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(&tmp)?;
        for (role, data) in &files {
            std::fs::write(tmp.join(role), data)?;
        }
        std::fs::rename(&tmp, &dir)
    };
    if let Err(e) = write() {
        let _ = std::fs::remove_dir_all(&tmp);
        if !dir.is_dir() {
            return Err(format!("the cache folder {} cannot be written: {e}", cache.display()));
        }
    }
    Ok((dir, true))
}

/// The hex SHA-1 of some bytes; a SHA-1 collision attack on a screenshot
/// gets a name of its own, so its files are never shared.
fn sha1_hex(bytes: &[u8]) -> String {
    let mut h = gix::hash::hasher(gix::hash::Kind::Sha1);
    h.update(bytes);
    match h.try_finalize() {
        Ok(id) => id.to_hex().to_string(),
        Err(_) => format!("unshared-{}-{}", std::process::id(), bytes.len()),
    }
}

/// The cache key of a job: SHA-1 of everything that changes its files,
/// the source's bytes by their hash.
fn key(source_hash: &str, job: &Job) -> String {
    sha1_hex(
        format!(
            "{}\n{:?}\n{}\n{}\n{:?}\n{:?}\n{source_hash}\n",
            encode::SETTINGS,
            job.kind,
            job.density,
            job.optimize,
            job.css,
            job.blur
        )
        .as_bytes(),
    )
}

/// Call `f` on every screenshot of a guide.
fn for_each_shot(guide: &Guide, f: &mut dyn FnMut(&Screenshot)) {
    fn blocks(bs: &[Block], f: &mut dyn FnMut(&Screenshot)) {
        for b in bs {
            match b {
                Block::Procedure(p) => procedure(p, f),
                Block::Section(s) => blocks(&s.blocks, f),
                Block::Tabs(t) => t.tabs.iter().for_each(|tab| blocks(&tab.blocks, f)),
                _ => {}
            }
        }
    }
    fn procedure(p: &crate::model::Procedure, f: &mut dyn FnMut(&Screenshot)) {
        for s in &p.steps {
            step(&s.content, f);
        }
    }
    fn step(content: &[StepBlock], f: &mut dyn FnMut(&Screenshot)) {
        for c in content {
            match c {
                StepBlock::Screenshot(s) => f(s),
                StepBlock::Substeps(p) => procedure(p, f),
                StepBlock::Tabs(t) => t.tabs.iter().for_each(|tab| step(&tab.blocks, f)),
                _ => {}
            }
        }
    }
    blocks(&guide.intro, f);
    blocks(&guide.body, f);
}

/// [`for_each_shot`], changing them.
fn for_each_shot_mut(guide: &mut Guide, f: &mut dyn FnMut(&mut Screenshot)) {
    fn blocks(bs: &mut [Block], f: &mut dyn FnMut(&mut Screenshot)) {
        for b in bs {
            match b {
                Block::Procedure(p) => procedure(p, f),
                Block::Section(s) => blocks(&mut s.blocks, f),
                Block::Tabs(t) => t.tabs.iter_mut().for_each(|tab| blocks(&mut tab.blocks, f)),
                _ => {}
            }
        }
    }
    fn procedure(p: &mut crate::model::Procedure, f: &mut dyn FnMut(&mut Screenshot)) {
        for s in &mut p.steps {
            step(&mut s.content, f);
        }
    }
    fn step(content: &mut [StepBlock], f: &mut dyn FnMut(&mut Screenshot)) {
        for c in content {
            match c {
                StepBlock::Screenshot(s) => f(s),
                StepBlock::Substeps(p) => procedure(p, f),
                StepBlock::Tabs(t) => t.tabs.iter_mut().for_each(|tab| step(&mut tab.blocks, f)),
                _ => {}
            }
        }
    }
    blocks(&mut guide.intro, f);
    blocks(&mut guide.body, f);
}
