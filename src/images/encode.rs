//! The pixel work on one screenshot: decode it, pixelate its `blur:`
//! regions, scale it down to 1×, and encode the files a page offers —
//! lossless WebP, PNG made smaller by oxipng (lossless too), JPEG for
//! photographs saved as JPEG. No file system here: bytes in, bytes out.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::{DynamicImage, ExtendedColorType, ImageEncoder, ImageFormat, RgbaImage};

/// Settings that change the bytes written; part of every cache key, so a
/// change here (or of a codec crate's output) is a new key: bump it then.
pub const SETTINGS: &str =
    "tebiki-images 3; libwebp lossless q75 m4; oxipng 10 preset 2 strip safe; jpeg q85; lanczos3; mosaic 12 css px";

/// JPEG quality of re-encoded JPEG screenshots (a blurred one, a 1× one).
const JPEG_QUALITY: u8 = 85;

/// The format a screenshot's full-size file keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Png,
    Jpeg,
    WebP,
}

impl Kind {
    /// From a file name's extension; `None` for formats tebiki does not encode.
    pub fn of(name: &str) -> Option<Kind> {
        let ext = name.rsplit_once('.')?.1;
        let is = |e: &str| ext.eq_ignore_ascii_case(e);
        if is("png") {
            Some(Kind::Png)
        } else if is("jpg") || is("jpeg") {
            Some(Kind::Jpeg)
        } else if is("webp") {
            Some(Kind::WebP)
        } else {
            None
        }
    }

    pub fn ext(self) -> &'static str {
        match self {
            Kind::Png => "png",
            Kind::Jpeg => "jpg",
            Kind::WebP => "webp",
        }
    }
}

/// A region to hide, in the image's pixels.
pub type Region = (u32, u32, u32, u32);

/// What to make of one screenshot.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub kind: Kind,
    /// Regions to pixelate.
    pub blur: Vec<Region>,
    /// Density it is shown at (pixels per CSS pixel).
    pub density: f64,
    /// Write optimised files; `false` makes only the blurred full-size file.
    pub optimize: bool,
    /// CSS size, the size of the 1× file.
    pub css: (u32, u32),
    /// Size in pixels.
    pub pixels: (u32, u32),
}

impl Job {
    /// Whether a 1× file is made: for sources of 1.25× and more.
    pub fn one_x(&self) -> bool {
        self.optimize && self.density >= 1.25
    }
}

/// The files made for one screenshot, each as bytes, named by role: `full`
/// (the full-size file in the source's format, published at the source's
/// address, only when it differs from the source), `full.webp`, `1x.<ext>`,
/// `1x.webp`. No 1× files when the 1× fallback is not lighter than the full one.
pub fn run(source: &[u8], job: &Job) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut out = Vec::new();
    let needs_pixels = job.optimize || !job.blur.is_empty();
    if !needs_pixels {
        return Ok(out);
    }
    // A PNG only a lenient decoder reads (a checksum is wrong: browsers
    // show it) is published re-encoded, so that every reader of the site's
    // files (the PDF manual's too) can read it.
    let (mut pixels, alpha, repaired) = match image::load_from_memory(source) {
        Ok(decoded) => (decoded.to_rgba8(), decoded.color().has_alpha(), false),
        Err(e) => match job.kind {
            Kind::Png => {
                let (pixels, alpha) = decode_png_leniently(source).map_err(|_| e.to_string())?;
                (pixels, alpha, true)
            }
            _ => return Err(e.to_string()),
        },
    };
    for &r in &job.blur {
        pixelate(&mut pixels, r, (12.0 * job.density).round().max(4.0) as u32);
    }
    // The full-size file in the source's format.
    let full = if job.blur.is_empty() && !repaired {
        match job.kind {
            // Lossless: the same pixels in fewer bytes, or the source when
            // oxipng finds nothing to save.
            Kind::Png => optimise_png(source).filter(|b| b.len() < source.len()).unwrap_or_else(|| source.to_vec()),
            Kind::Jpeg | Kind::WebP => source.to_vec(),
        }
    } else {
        encode(&pixels, alpha, job.kind)?
    };
    if job.optimize {
        // A PNG screenshot gets lossless WebP files beside its PNG ones; a
        // JPEG one (a photograph, lossy already) would only grow.
        let webp = job.kind == Kind::Png;
        if webp {
            out.push(("full.webp".to_string(), encode(&pixels, alpha, Kind::WebP)?));
        }
        if job.one_x() {
            let small = image::imageops::resize(&pixels, job.css.0.max(1), job.css.1.max(1), FilterType::Lanczos3);
            let fallback = encode(&small, alpha, job.kind)?;
            // A drawing of few flat colours can weigh more scaled down
            // (smoothing adds colours): then every screen gets the full file.
            if fallback.len() < full.len() {
                if webp {
                    out.push(("1x.webp".to_string(), encode(&small, alpha, Kind::WebP)?));
                }
                out.push((format!("1x.{}", job.kind.ext()), fallback));
            }
        }
    }
    if !job.blur.is_empty() || repaired || full.len() < source.len() {
        out.push((format!("full.{}", job.kind.ext()), full));
    }
    Ok(out)
}

/// A PNG's pixels as browsers read them, its CRC and Adler-32 checksums
/// unchecked; whether it has an alpha channel.
fn decode_png_leniently(bytes: &[u8]) -> Result<(RgbaImage, bool), String> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.ignore_checksums(true);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let mut buf = vec![0; reader.output_buffer_size().ok_or("the image is too large")?];
    let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    buf.truncate(info.buffer_size());
    let (w, h) = (info.width, info.height);
    let short = || "the image data is short".to_string();
    let image = match info.color_type {
        png::ColorType::Rgba => DynamicImage::ImageRgba8(RgbaImage::from_raw(w, h, buf).ok_or_else(short)?),
        png::ColorType::Rgb => DynamicImage::ImageRgb8(image::RgbImage::from_raw(w, h, buf).ok_or_else(short)?),
        png::ColorType::GrayscaleAlpha => {
            DynamicImage::ImageLumaA8(image::GrayAlphaImage::from_raw(w, h, buf).ok_or_else(short)?)
        }
        png::ColorType::Grayscale => DynamicImage::ImageLuma8(image::GrayImage::from_raw(w, h, buf).ok_or_else(short)?),
        png::ColorType::Indexed => return Err("a palette was not expanded".into()),
    };
    Ok((image.to_rgba8(), image.color().has_alpha()))
}

/// Encode pixels in `kind`: PNG through oxipng, WebP lossless, JPEG at
/// [`JPEG_QUALITY`] (without alpha).
pub fn encode(pixels: &RgbaImage, alpha: bool, kind: Kind) -> Result<Vec<u8>, String> {
    let (w, h) = pixels.dimensions();
    let mut buf = Vec::new();
    let rgb;
    let (bytes, color): (&[u8], ExtendedColorType) = if alpha {
        (pixels.as_raw(), ExtendedColorType::Rgba8)
    } else {
        rgb = DynamicImage::ImageRgba8(pixels.clone()).into_rgb8();
        (rgb.as_raw(), ExtendedColorType::Rgb8)
    };
    let result = match kind {
        Kind::Png => PngEncoder::new_with_quality(&mut buf, CompressionType::Fast, PngFilter::Adaptive)
            .write_image(bytes, w, h, color),
        Kind::WebP => return webp(bytes, alpha, (w, h), 100),
        Kind::Jpeg => {
            let rgb = DynamicImage::ImageRgba8(pixels.clone()).into_rgb8();
            JpegEncoder::new_with_quality(&mut buf, JPEG_QUALITY).write_image(
                rgb.as_raw(),
                w,
                h,
                ExtendedColorType::Rgb8,
            )
        }
    };
    result.map_err(|e| e.to_string())?;
    if kind == Kind::Png {
        return Ok(optimise_png(&buf).filter(|b| b.len() < buf.len()).unwrap_or(buf));
    }
    Ok(buf)
}

/// The region `r` of `pixels` (clamped to them) as a lossless WebP file.
pub fn crop(pixels: &RgbaImage, alpha: bool, r: Region) -> Result<Vec<u8>, String> {
    let (iw, ih) = pixels.dimensions();
    let (x, y) = (r.0.min(iw.saturating_sub(1)), r.1.min(ih.saturating_sub(1)));
    let (w, h) = (r.2.clamp(1, iw - x), r.3.clamp(1, ih - y));
    let region = image::imageops::crop_imm(pixels, x, y, w, h).to_image();
    encode(&region, alpha, Kind::WebP)
}

/// WebP through libwebp, lossless (`near_lossless` 100) or near-lossless
/// (`near_lossless` under 100: values near edges-free areas are rounded).
/// `bytes` are RGBA with `alpha`, else RGB.
pub fn webp(bytes: &[u8], alpha: bool, (w, h): (u32, u32), near_lossless: i32) -> Result<Vec<u8>, String> {
    webp_with(bytes, alpha, (w, h), near_lossless, 75.0, 4)
}

fn webp_with(
    bytes: &[u8],
    alpha: bool,
    (w, h): (u32, u32),
    near_lossless: i32,
    quality: f32,
    method: i32,
) -> Result<Vec<u8>, String> {
    let encoder = if alpha { webp::Encoder::from_rgba(bytes, w, h) } else { webp::Encoder::from_rgb(bytes, w, h) };
    let mut config = webp::WebPConfig::new().map_err(|()| "libwebp could not be set up".to_string())?;
    config.lossless = 1;
    config.quality = quality;
    config.method = method;
    config.near_lossless = near_lossless;
    encoder.encode_advanced(&config).map(|m| m.to_vec()).map_err(|e| format!("WebP encoding failed: {e:?}"))
}

/// oxipng at its default level, keeping only the chunks that change how
/// the image looks; `None` when it cannot read the file.
fn optimise_png(png: &[u8]) -> Option<Vec<u8>> {
    optimise_png_at(png, OXIPNG_PRESET)
}

/// oxipng's preset: its default, 2. Preset 1 took half the time on
/// 2560 × 1600 screenshots for 3–5 % more bytes; the full-size PNG is the
/// file the lightbox opens, and the cache makes the time a one-off.
const OXIPNG_PRESET: u8 = 2;

fn optimise_png_at(png: &[u8], preset: u8) -> Option<Vec<u8>> {
    let opts = oxipng::Options { strip: oxipng::StripChunks::Safe, ..oxipng::Options::from_preset(preset) };
    oxipng::optimize_from_memory(png, &opts).ok()
}

/// Replace the region `r` (clamped to the image) by blocks of `block`
/// pixels, each the average of its pixels: a mosaic nothing can be read
/// back from.
pub fn pixelate(img: &mut RgbaImage, r: Region, block: u32) {
    let (iw, ih) = img.dimensions();
    let (x0, y0) = (r.0.min(iw), r.1.min(ih));
    let (x1, y1) = (r.0.saturating_add(r.2).min(iw), r.1.saturating_add(r.3).min(ih));
    let block = block.max(1);
    let mut by = y0;
    while by < y1 {
        let ey = (by + block).min(y1);
        let mut bx = x0;
        while bx < x1 {
            let ex = (bx + block).min(x1);
            let mut sum = [0u64; 4];
            for y in by..ey {
                for x in bx..ex {
                    let p = img.get_pixel(x, y).0;
                    for c in 0..4 {
                        sum[c] += u64::from(p[c]);
                    }
                }
            }
            let n = u64::from((ex - bx) * (ey - by));
            let avg = image::Rgba(sum.map(|s| (s / n) as u8));
            for y in by..ey {
                for x in bx..ex {
                    img.put_pixel(x, y, avg);
                }
            }
            bx = ex;
        }
        by = ey;
    }
}

/// The format of encoded bytes, for tests and checks.
pub fn format_of(bytes: &[u8]) -> Option<ImageFormat> {
    image::guess_format(bytes).ok()
}

/// Decode bytes to RGBA pixels (tests compare variants with it).
pub fn decode(bytes: &[u8]) -> Result<RgbaImage, String> {
    image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?
        .decode()
        .map(|d| d.to_rgba8())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> RgbaImage {
        RgbaImage::from_fn(64, 40, |x, y| image::Rgba([(x * 4) as u8, (y * 6) as u8, ((x ^ y) * 3) as u8, 255]))
    }

    #[test]
    fn pixelate_changes_only_the_region_clamped_to_the_image() {
        let before = sample();
        let mut img = before.clone();
        pixelate(&mut img, (50, 30, 100, 100), 8);
        for (x, y, p) in img.enumerate_pixels() {
            if x >= 50 && y >= 30 {
                // Each block is one colour: the average of its pixels.
                assert_eq!(p, img.get_pixel(50 + (x - 50) / 8 * 8, 30 + (y - 30) / 8 * 8));
            } else {
                assert_eq!(p, before.get_pixel(x, y));
            }
        }
        assert_ne!(img, before);
        // A region outside the image changes nothing.
        let mut outside = before.clone();
        pixelate(&mut outside, (500, 500, 10, 10), 8);
        assert_eq!(outside, before);
    }

    #[test]
    fn lossless_files_hold_the_same_pixels() {
        let img = sample();
        for kind in [Kind::Png, Kind::WebP] {
            let bytes = encode(&img, false, kind).unwrap();
            assert_eq!(decode(&bytes).unwrap(), img, "{kind:?}");
        }
        assert_eq!(format_of(&encode(&img, false, Kind::Jpeg).unwrap()), Some(ImageFormat::Jpeg));
    }

    #[test]
    fn a_png_with_a_wrong_checksum_is_read_as_browsers_read_it_and_published_repaired() {
        let img = sample();
        let mut png = encode(&img, false, Kind::Png).unwrap();
        // The last chunk before IEND (12 bytes) is IDAT: spoil its CRC.
        let crc = png.len() - 12 - 1;
        png[crc] ^= 0x55;
        assert!(image::load_from_memory(&png).is_err(), "a strict decoder refuses it");
        let job = Job { kind: Kind::Png, blur: vec![], density: 1.0, optimize: true, css: (64, 40), pixels: (64, 40) };
        let files = run(&png, &job).unwrap();
        let full = &files.iter().find(|(role, _)| role == "full.png").expect("a repaired full-size file").1;
        assert_eq!(image::load_from_memory(full).unwrap().to_rgba8(), img, "strictly readable, same pixels");
        let webp = &files.iter().find(|(role, _)| role == "full.webp").unwrap().1;
        assert_eq!(decode(webp).unwrap(), img);
    }

    #[test]
    fn bad_bytes_are_an_error_not_a_panic() {
        let job = Job {
            kind: Kind::Png,
            blur: vec![(0, 0, 1, 1)],
            density: 1.0,
            optimize: true,
            css: (4, 4),
            pixels: (4, 4),
        };
        assert!(run(b"\x89PNG\r\n\x1a\nnot really", &job).is_err());
        assert!(run(b"", &job).is_err());
    }
}
