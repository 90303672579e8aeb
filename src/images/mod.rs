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

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::diagnostic::Diagnostic;
use crate::model::{Asset, Block, FileId, Guide, Picture, Screenshot, Site, StepBlock, ROOT_MARK_STR};
use crate::parse::markdown::href_path;
use crate::parse::marks::Mark;
use crate::progress::{Progress, Stage};
use crate::rules;
use crate::urls;
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

/// One screenshot file to publish, and what its source becomes.
struct Planned {
    /// Index in `site.assets`.
    asset: usize,
    job: Job,
    /// Where it is shown first (guide index and span), for diagnostics.
    shown: (usize, crate::model::Span),
}

/// What one screenshot reference asks of its file.
struct Wanted {
    asset: usize,
    job: Job,
    span: crate::model::Span,
}

/// A job's files in the cache.
struct Derived {
    dir: PathBuf,
    kind: Kind,
    /// Encoded in this build (not found in the cache).
    encoded: bool,
    files: Files,
    /// The full-size file, when it differs from the source (optimised,
    /// blurred): published in the source's place.
    full: Option<PathBuf>,
    /// The files published beside the source, with the suffix of their
    /// address ([`published_roles`]).
    beside: Vec<(PathBuf, &'static str)>,
}

impl Derived {
    fn new(dir: PathBuf, job: &Job, encoded: bool) -> Derived {
        let files = Files::listed(&dir, job.kind);
        let full = files.full.then(|| dir.join(format!("full.{}", job.kind.ext())));
        let beside = published_roles(files, job).map(|(role, suffix)| (dir.join(role), suffix)).collect();
        Derived { dir, kind: job.kind, encoded, files, full, beside }
    }
}

/// Which files a job's cache folder holds (see [`encode::run`]): listed
/// once per folder, however many screenshots share it.
#[derive(Debug, Default, Clone, Copy)]
struct Files {
    /// `full.<ext>`: the source's bytes changed (optimised, blurred).
    full: bool,
    full_webp: bool,
    one_x: bool,
    one_x_webp: bool,
}

impl Files {
    fn listed(dir: &Path, kind: Kind) -> Files {
        let mut files = Files::default();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let name = entry.file_name();
            let Some((role, ext)) = name.to_str().and_then(|n| n.split_once('.')) else { continue };
            let own = ext == kind.ext();
            match role {
                "full" => {
                    files.full |= own;
                    files.full_webp |= ext == "webp";
                }
                "1x" => {
                    files.one_x |= own;
                    files.one_x_webp |= ext == "webp";
                }
                _ => {}
            }
        }
        files
    }
}

/// The site's asset a screenshot shows, when it is one of the site's.
fn asset_of(shot: &Screenshot, assets: &[Asset]) -> Option<usize> {
    let asset = shot.asset.map(|a| a as usize).filter(|&a| a < assets.len())?;
    debug_assert_eq!(
        shot.src.strip_prefix(ROOT_MARK_STR),
        Some(href_path(&assets[asset].url).as_ref()),
        "a screenshot's asset is the file its address names"
    );
    Some(asset)
}

/// Make the derived files of every screenshot of `site` and point the
/// model at them. Diagnostics: an image that cannot be decoded
/// (`image-unreadable`), a blur on a format tebiki cannot encode
/// (`image-mark`). A cache that cannot be written is an error of the run.
///
/// With `variants` off (a bundle, read from disk, where only the zip's
/// size counts) only the full-size files are published, optimised or
/// blurred, and pages show them alone; the cache is the same as a build's.
///
/// The work is per distinct file and job: a site's shared screenshot
/// (hard links of one file) is read, looked up and listed once, however
/// many guides show it; what is left per screenshot is naming its files,
/// done for the guides in parallel.
pub fn derive(
    site: &mut Site,
    root: &Path,
    variants: bool,
    progress: &dyn Progress,
) -> Result<(Vec<Diagnostic>, Stats), crate::output::OutputError> {
    let optimize = site.config.images.optimize;
    if !optimize && !site.guides.par_iter().any(|g| any_shot(g, &|shot| !shot.blur.is_empty())) {
        return Ok((Vec::new(), Stats::default()));
    }
    // Derived names must not be files of the site: a source whose derived
    // file would take one's address is published as it is.
    let shadowed: FxHashSet<&str> = if optimize {
        site.assets.iter().flat_map(|a| urls::derived_image_sources(&a.url)).collect()
    } else {
        FxHashSet::default()
    };
    // What each guide's screenshots ask for, then one job per asset: blur
    // regions of every screenshot showing it (two guides hiding different
    // parts of one file hide both).
    let per_guide: Vec<(Vec<Wanted>, Vec<Diagnostic>)> = site
        .guides
        .par_iter()
        .map(|guide| {
            let (mut wanted, mut diagnostics) = (Vec::new(), Vec::new());
            for_each_shot(guide, &mut |shot| {
                let Some(asset) = asset_of(shot, &site.assets) else { return };
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
                if (!optimize && blur.is_empty()) || shadowed.contains(url.as_str()) {
                    return;
                }
                let (Some(w), Some(h)) = (shot.width, shot.height) else { return };
                let job = Job {
                    kind,
                    blur,
                    density: shot.density,
                    optimize,
                    css: (w, h),
                    pixels: (shot.pixel_width.unwrap_or(w), shot.pixel_height.unwrap_or(h)),
                };
                wanted.push(Wanted { asset, job, span: shot.span.clone() });
            });
            (wanted, diagnostics)
        })
        .collect();
    drop(shadowed);
    let mut diagnostics = Vec::new();
    let mut plans: Vec<Planned> = Vec::new();
    // By asset: its plan's index, or `NONE`.
    const NONE: usize = usize::MAX;
    let mut plan_of: Vec<usize> = vec![NONE; site.assets.len()];
    for (gi, (wanted, found)) in per_guide.into_iter().enumerate() {
        diagnostics.extend(found);
        for Wanted { asset, job, span } in wanted {
            if plan_of[asset] == NONE {
                plans.push(Planned { asset, job: Job { blur: Vec::new(), ..job.clone() }, shown: (gi, span) });
                plan_of[asset] = plans.len() - 1;
            }
            let p = plan_of[asset];
            let blur = &mut plans[p].job.blur;
            for r in job.blur {
                if !blur.contains(&r) {
                    blur.push(r);
                }
            }
        }
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
    // Files that are one file (hard links) with the same job are one job.
    let mut distinct: Vec<(usize, &Job)> = Vec::new();
    let mut by_file: FxHashMap<FileId, Vec<usize>> = FxHashMap::default();
    let mut job_of: Vec<usize> = Vec::with_capacity(plans.len());
    for plan in &plans {
        let same_file = site.assets[plan.asset].file.known().map(|id| by_file.entry(id).or_default());
        let known = same_file.as_ref().and_then(|jobs| jobs.iter().copied().find(|&j| *distinct[j].1 == plan.job));
        let j = known.unwrap_or_else(|| {
            distinct.push((plan.asset, &plan.job));
            distinct.len() - 1
        });
        if let (None, Some(jobs)) = (known, same_file) {
            jobs.push(j);
        }
        job_of.push(j);
    }
    progress.stage(Stage::Encode, distinct.len());
    let digests = Digests::load(&cache);
    let (done, learned): (Vec<Result<Derived, String>>, Vec<Learned>) = distinct
        .par_iter()
        .map(|&(asset, job)| {
            let (made, learned) = cached_or_made(&site.assets[asset].source, job, &cache, &digests);
            progress.advance(1);
            let derived = made.map(|(dir, encoded)| Derived::new(dir, job, encoded));
            (derived, learned)
        })
        .unzip();
    digests.save(learned.into_iter().flatten());
    let plan = |asset: usize| Some(plan_of[asset]).filter(|&p| p != NONE);
    let derived_of = |asset: usize| plan(asset).and_then(|p| done[job_of[p]].as_ref().ok());
    let mut stats = Stats::default();
    for (p, plan) in plans.iter().enumerate() {
        let j = job_of[p];
        match &done[j] {
            Ok(d) if d.encoded && distinct[j].0 == plan.asset => stats.encoded += 1,
            Ok(_) => stats.reused += 1,
            Err(e) => {
                let (gi, span) = &plan.shown;
                let url = &site.assets[plan.asset].url;
                // Pixels to hide that cannot be read stop the build; else
                // the file is published as it is (a browser may show what
                // it can of it), without optimised files.
                let (rule, message) = if plan.job.blur.is_empty() {
                    (&rules::IMAGE_NOT_DECODED, format!("`{url}` could not be decoded: {e}; it is published as it is"))
                } else {
                    (
                        &rules::IMAGE_UNREADABLE,
                        format!("`{url}` could not be decoded, so its `blur:` regions cannot be hidden: {e}"),
                    )
                };
                let guide = &site.guides[*gi];
                let mut d = Diagnostic::new(rule, &guide.source, span.clone(), message)
                    .with_hint(Some("open it in an image editor and save it again as PNG".into()));
                guide.relocate(&mut d);
                diagnostics.push(d);
            }
        }
    }
    // A phone shows a marked screenshot's focus region: crop it out of the
    // full-size WebP, per file and region, so a phone downloads the region.
    let crops = if optimize && variants { crop_focus_regions(site, &derived_of, &mut stats) } else { HashMap::new() };
    let mut crop_assets = Vec::new();
    let mut crop_urls: HashMap<(usize, encode::Region), String> = HashMap::new();
    if !crops.is_empty() {
        let taken: FxHashSet<&str> = site.assets.iter().map(|a| a.url.as_str()).collect();
        for (&(asset, b), file) in &crops {
            let url = urls::image_crop(&site.assets[asset].url, b);
            if taken.contains(url.as_str()) {
                continue;
            }
            crop_urls.insert((asset, b), format!("{ROOT_MARK_STR}{}", href_path(&url)));
            crop_assets.push(Asset { source: file.clone(), url, file: FileId::UNKNOWN });
        }
    }
    // Publish: the full-size file replaces the source at its address; the
    // others are new assets beside it.
    let mut extra: Vec<Asset> = if optimize && variants {
        plans
            .par_iter()
            .flat_map_iter(|plan| {
                let url = &site.assets[plan.asset].url;
                derived_of(plan.asset).into_iter().flat_map(move |d| {
                    d.beside.iter().map(move |(source, suffix)| Asset {
                        source: source.clone(),
                        url: urls::derived_image(url, suffix),
                        file: FileId::UNKNOWN,
                    })
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    if optimize && variants {
        site.guides.par_iter_mut().for_each(|guide| {
            for_each_shot_mut(guide, &mut |shot| {
                let Some(p) = asset_of(shot, &site.assets).and_then(plan) else { return };
                let (plan, Ok(d)) = (&plans[p], &done[job_of[p]]) else { return };
                let Some(mut picture) = picture(&shot.src, &plan.job, d.files) else { return };
                if picture.srcset.is_some() {
                    picture.sizes = shot.width.map(|w| sizes(w, shot.focus_scale));
                }
                picture.crop = shot.focus_box.and_then(|b| crop_urls.get(&(plan.asset, b)).cloned());
                shot.picture = Some(Box::new(picture));
            });
        });
    }
    site.assets.par_iter_mut().enumerate().for_each(|(i, asset)| {
        if let Some(full) = derived_of(i).and_then(|d| d.full.as_ref()) {
            asset.source = full.clone();
            asset.file = FileId::UNKNOWN;
        }
    });
    // After the site's own files, so screenshots' indices stay true.
    extra.extend(crop_assets);
    site.assets.extend(extra);
    Ok((diagnostics, stats))
}

/// The files of a job published beside its screenshot besides the
/// full-size one: (its role in the cache folder, the suffix of its address).
fn published_roles(files: Files, job: &Job) -> impl Iterator<Item = (&'static str, &'static str)> {
    let one_x = job.one_x() && files.one_x;
    let own = match job.kind {
        Kind::Png => "1x.png",
        Kind::Jpeg => "1x.jpg",
        Kind::WebP => "1x.webp",
    };
    [
        one_x.then_some((own, own)),
        (one_x && files.one_x_webp && own != "1x.webp").then_some(("1x.webp", "1x.webp")),
        files.full_webp.then_some(("full.webp", "webp")),
    ]
    .into_iter()
    .flatten()
}

/// What `<picture>` offers for the screenshot at `src` (root-marked) with
/// the job's files: a 2× source its 1× files and itself by width, a 1×
/// one its WebP; `None` when nothing but the source was made.
fn picture(src: &str, job: &Job, files: Files) -> Option<Picture> {
    let full_webp = files.full_webp.then(|| urls::derived_image(src, "webp"));
    if job.one_x() && files.one_x {
        let one = urls::derived_image(src, &format!("1x.{}", job.kind.ext()));
        let one_webp = files.one_x_webp.then(|| urls::derived_image(src, "1x.webp"));
        // Width descriptors: a phone of any density shows a desktop
        // screenshot narrower than its 1× file is wide, and takes it.
        let (w1, w2) = (job.css.0, job.pixels.0);
        Some(Picture {
            webp: one_webp.zip(full_webp).map(|(a, b)| format!("{a} {w1}w, {b} {w2}w")),
            srcset: Some(format!("{one} {w1}w, {src} {w2}w")),
            src: one,
            sizes: None,
            crop: None,
        })
    } else {
        Some(Picture { webp: Some(full_webp?), src: src.to_string(), srcset: None, sizes: None, crop: None })
    }
}

/// Crop the focus regions of marked PNG screenshots out of their full-size
/// WebP files (blurred regions blurred, lossless), into the job's cache
/// folder as `crop-L-T-W-H.webp`: made once, then read from the cache.
/// A crop that cannot be made is left out (the phone then zooms into the
/// whole file, as without crops).
fn crop_focus_regions<'a>(
    site: &Site,
    derived_of: &dyn Fn(usize) -> Option<&'a Derived>,
    stats: &mut Stats,
) -> HashMap<(usize, encode::Region), PathBuf> {
    let mut wanted: BTreeMap<usize, (&Path, Vec<encode::Region>)> = BTreeMap::new();
    for guide in &site.guides {
        for_each_shot(guide, &mut |shot| {
            let Some(b) = shot.focus_box else { return };
            let Some(asset) = asset_of(shot, &site.assets) else { return };
            let Some(d) = derived_of(asset).filter(|d| d.kind == Kind::Png) else { return };
            let (_, boxes) = wanted.entry(asset).or_insert_with(|| (&d.dir, Vec::new()));
            if !boxes.contains(&b) {
                boxes.push(b);
            }
        });
    }
    let done: Vec<(usize, Vec<Cropped>)> =
        wanted.into_par_iter().map(|(asset, (dir, boxes))| (asset, cached_or_cropped(dir, &boxes))).collect();
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

/// How wide a screenshot `css_width` CSS pixels wide is shown: on a phone
/// the width of the screen at most, times the zoom on its marks.
fn sizes(css_width: u32, focus_scale: Option<f64>) -> String {
    match focus_scale {
        Some(s) => format!("(max-width: 600px) calc(100vw * {s:.2}), {css_width}px"),
        None => format!("(max-width: 600px) min({css_width}px, 100vw), {css_width}px"),
    }
}

/// Whether any screenshot of a guide is as `wanted` says.
fn any_shot(guide: &Guide, wanted: &dyn Fn(&Screenshot) -> bool) -> bool {
    let mut found = false;
    for_each_shot(guide, &mut |shot| found |= wanted(shot));
    found
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
