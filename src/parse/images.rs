//! Image dimensions: read once per distinct file, in parallel, before guides
//! are parsed, so a screenshot's `width`/`height` is a lookup. Files that
//! share contents (hard links: same file id) are read once.
//!
//! Besides its pixels, a screenshot's density is read here: the file name
//! (`save@2x.png`, `dialog@1.5x.png`) wins, else a PNG's `pHYs` chunk
//! (144 dpi is 2×), else `images.density` of `tebiki.yaml` applies (in
//! [`ImageInfo::density_or`]).

use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use rayon::prelude::*;

use crate::discover::Discovery;

/// Extensions read as images.
const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "ico", "avif", "tif", "tiff"];

/// What is known of one image file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImageInfo {
    /// Size in pixels.
    pub width: u32,
    pub height: u32,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// Density the file declares: by its name, else by its `pHYs` chunk.
    pub density: Option<f64>,
    /// The density comes from the file name (`@2x`).
    pub named: bool,
}

impl ImageInfo {
    /// The density to show the image at: its own, else the site's.
    pub fn density_or(&self, site: f64) -> f64 {
        self.density.unwrap_or(site)
    }

    /// The size in CSS pixels at `density`: pixels ÷ density, rounded,
    /// never under 1.
    pub fn css_size(&self, density: f64) -> (u32, u32) {
        let css = |px: u32| ((f64::from(px) / density).round() as u32).max(1);
        (css(self.width), css(self.height))
    }
}

/// Width, height and density of every image asset, or why it could not be read.
#[derive(Debug, Default)]
pub struct ImageSizes {
    /// By asset, in the order of [`Discovery::assets`]: `None` for a file
    /// that is not an image.
    sizes: Vec<Option<Result<ImageInfo, String>>>,
}

fn is_image(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| IMAGE_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

impl ImageSizes {
    /// Probe every image asset of a site.
    pub fn probe(discovery: &Discovery) -> ImageSizes {
        // One read per file (hard links share an identity).
        let mut first_of_id: HashMap<crate::model::FileId, usize> = HashMap::new();
        let mut source = vec![usize::MAX; discovery.assets.len()];
        let mut unique = Vec::new();
        for (i, a) in discovery.assets.iter().enumerate() {
            if !is_image(&a.path) {
                continue;
            }
            source[i] = match a.file.known() {
                Some(id) => *first_of_id.entry(id).or_insert(i),
                None => i,
            };
            if source[i] == i {
                unique.push(i);
            }
        }
        let measured: HashMap<usize, Result<ImageInfo, String>> =
            unique.par_iter().map(|&i| (i, measure(&discovery.assets[i].path))).collect();
        let sizes = source.iter().map(|&s| (s != usize::MAX).then(|| measured[&s].clone())).collect();
        ImageSizes { sizes }
    }

    /// Measure one image asset again (`rel` relative to the site folder)
    /// after it was edited in place.
    pub fn remeasure(&mut self, discovery: &Discovery, rel: &Path) {
        if let Some(id) = discovery.asset_id(rel) {
            if let Some(size @ Some(_)) = self.sizes.get_mut(id) {
                *size = Some(measure(&discovery.assets[id].path));
            }
        }
    }

    /// The size of the asset `id` (its index in [`Discovery::assets`]):
    /// `None` when it is not an image, `Some(Err)` when it could not be read.
    pub fn get(&self, id: usize) -> Option<&Result<ImageInfo, String>> {
        self.sizes.get(id).and_then(Option::as_ref)
    }
}

/// Size, bytes and density of one file, read through one open handle.
fn measure(path: &Path) -> Result<ImageInfo, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut reader = std::io::BufReader::new(file);
    let size = imagesize::reader_size(&mut reader).map_err(|e| e.to_string())?;
    let named = path.file_stem().and_then(|s| s.to_str()).and_then(name_density);
    let density = named.or_else(|| {
        let png = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("png"));
        png.then(|| reader.rewind().ok().and_then(|()| png_density(&mut reader).ok().flatten())).flatten()
    });
    Ok(ImageInfo {
        width: u32::try_from(size.width).unwrap_or(u32::MAX),
        height: u32::try_from(size.height).unwrap_or(u32::MAX),
        bytes,
        density,
        named: named.is_some(),
    })
}

/// Densities outside this range are not taken from names or `pHYs`.
const DENSITIES: std::ops::RangeInclusive<f64> = 0.5..=8.0;

/// The density a file stem declares: `save@2x` is 2, `dialog@1.5x` 1.5;
/// `None` without a marker or with one that is not a density (`@0x`, `@x`).
pub fn name_density(stem: &str) -> Option<f64> {
    let (_, marker) = stem.rsplit_once('@')?;
    let number = marker.strip_suffix(['x', 'X'])?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let d: f64 = number.parse().ok()?;
    DENSITIES.contains(&d).then_some(d)
}

/// The density a PNG's `pHYs` chunk declares, read from the chunks before
/// the image data: dots per inch ÷ 72 (so 144 dpi is 2×), to the nearest
/// quarter. 72 and 96 dpi, which tools write whatever the screen, and
/// anything up to 100 dpi say nothing; so do unequal x and y, a chunk in
/// unknown units, and a file that is not a PNG.
pub fn png_density(mut r: impl Read + Seek) -> std::io::Result<Option<f64>> {
    const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    let mut signature = [0u8; 8];
    r.read_exact(&mut signature)?;
    if signature != SIGNATURE {
        return Ok(None);
    }
    // pHYs must come before IDAT; a few chunks (IHDR, iCCP, sRGB, text) precede it.
    for _ in 0..64 {
        let mut head = [0u8; 8];
        if r.read_exact(&mut head).is_err() {
            return Ok(None);
        }
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
        match &head[4..8] {
            b"IDAT" | b"IEND" => return Ok(None),
            b"pHYs" if len == 9 => {
                let mut data = [0u8; 9];
                r.read_exact(&mut data)?;
                let x = u32::from_be_bytes([data[0], data[1], data[2], data[3]]);
                let y = u32::from_be_bytes([data[4], data[5], data[6], data[7]]);
                if data[8] != 1 || x != y {
                    return Ok(None);
                }
                let dpi = f64::from(x) * 0.0254;
                if dpi <= 100.0 {
                    return Ok(None);
                }
                let d = (dpi / 72.0 * 4.0).round() / 4.0;
                return Ok(DENSITIES.contains(&d).then_some(d));
            }
            _ => {
                r.seek(SeekFrom::Current(i64::from(len) + 4))?;
            }
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// A PNG header: signature, IHDR, then a pHYs chunk of `ppm` pixels per
    /// metre (unit `unit`) when given, then IDAT.
    pub(crate) fn png(width: u32, height: u32, phys: Option<(u32, u32, u8)>) -> Vec<u8> {
        fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
            out.extend_from_slice(&(data.len() as u32).to_be_bytes());
            out.extend_from_slice(kind);
            out.extend_from_slice(data);
            out.extend_from_slice(&[0, 0, 0, 0]); // CRC, not checked
        }
        let mut out = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&width.to_be_bytes());
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        chunk(&mut out, b"IHDR", &ihdr);
        chunk(&mut out, b"tEXt", b"Software\0test");
        if let Some((x, y, unit)) = phys {
            let mut d = Vec::new();
            d.extend_from_slice(&x.to_be_bytes());
            d.extend_from_slice(&y.to_be_bytes());
            d.push(unit);
            chunk(&mut out, b"pHYs", &d);
        }
        chunk(&mut out, b"IDAT", &[0; 4]);
        out
    }

    #[test]
    fn density_from_the_name() {
        assert_eq!(name_density("save@2x"), Some(2.0));
        assert_eq!(name_density("dialog@1.5x"), Some(1.5));
        assert_eq!(name_density("user@example.com@3X"), Some(3.0));
        for odd in ["save", "save@", "save@x", "save@0x", "save@-2x", "save@2", "save@9x", "save@1e1x", "a@b2x"] {
            assert_eq!(name_density(odd), None, "{odd}");
        }
    }

    #[test]
    fn density_from_phys() {
        let at = |ppm: u32| png_density(Cursor::new(png(10, 10, Some((ppm, ppm, 1))))).unwrap();
        assert_eq!(at(5669), Some(2.0)); // 144 dpi
        assert_eq!(at(4252), Some(1.5)); // 108 dpi
        assert_eq!(at(2835), None); // 72 dpi: a default, says nothing
        assert_eq!(at(3780), None); // 96 dpi
        assert_eq!(png_density(Cursor::new(png(10, 10, Some((5669, 2835, 1))))).unwrap(), None);
        assert_eq!(png_density(Cursor::new(png(10, 10, Some((5669, 5669, 0))))).unwrap(), None);
        assert_eq!(png_density(Cursor::new(png(10, 10, None))).unwrap(), None);
        assert_eq!(png_density(Cursor::new(b"GIF89a....".to_vec())).unwrap(), None);
        // Cut short inside the chunks: no density, no panic.
        let mut short = png(10, 10, Some((5669, 5669, 1)));
        short.truncate(40);
        assert!(png_density(Cursor::new(short)).unwrap_or(None).is_none());
    }

    #[test]
    fn name_wins_over_phys_and_phys_over_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let at_144dpi = png(200, 100, Some((5669, 5669, 1)));
        std::fs::write(dir.path().join("a@1.5x.png"), &at_144dpi).unwrap();
        std::fs::write(dir.path().join("b.png"), &at_144dpi).unwrap();
        std::fs::write(dir.path().join("c.png"), png(200, 100, None)).unwrap();
        let a = measure(&dir.path().join("a@1.5x.png")).unwrap();
        assert_eq!((a.density, a.named), (Some(1.5), true));
        assert_eq!(a.css_size(a.density_or(3.0)), (133, 67));
        let b = measure(&dir.path().join("b.png")).unwrap();
        assert_eq!((b.density, b.named), (Some(2.0), false));
        assert_eq!(b.css_size(b.density_or(3.0)), (100, 50));
        let c = measure(&dir.path().join("c.png")).unwrap();
        assert_eq!(c.density, None);
        assert_eq!(c.css_size(c.density_or(3.0)), (67, 33));
        assert_eq!(c.css_size(c.density_or(1.0)), (200, 100));
        assert_eq!(c.bytes, png(200, 100, None).len() as u64);
        // A 1-pixel image at a high density stays 1 CSS pixel.
        assert_eq!(ImageInfo { width: 1, height: 1, bytes: 0, density: Some(8.0), named: true }.css_size(8.0), (1, 1));
    }
}
