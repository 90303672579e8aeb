//! Image dimensions: read once per distinct file, in parallel, before guides
//! are parsed, so a screenshot's `width`/`height` is a lookup. Files that
//! share contents (hard links: same file id) are read once.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use crate::discover::Discovery;

/// Extensions read as images.
const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "ico", "avif", "tif", "tiff"];

/// Width and height of every image asset, or why it could not be read.
#[derive(Debug, Default)]
pub struct ImageSizes {
    /// By asset, in the order of [`Discovery::assets`]: `None` for a file
    /// that is not an image.
    sizes: Vec<Option<Result<(u32, u32), String>>>,
}

fn is_image(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| IMAGE_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

impl ImageSizes {
    /// Probe every image asset of a site.
    pub fn probe(discovery: &Discovery) -> ImageSizes {
        // One read per file id; id 0 means "unknown", never shared.
        let mut first_of_id: HashMap<u64, usize> = HashMap::new();
        let mut source = vec![usize::MAX; discovery.assets.len()];
        let mut unique = Vec::new();
        for (i, a) in discovery.assets.iter().enumerate() {
            if !is_image(&a.path) {
                continue;
            }
            source[i] = if a.file_id == 0 { i } else { *first_of_id.entry(a.file_id).or_insert(i) };
            if source[i] == i {
                unique.push(i);
            }
        }
        let measured: HashMap<usize, Result<(u32, u32), String>> =
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
    pub fn get(&self, id: usize) -> Option<&Result<(u32, u32), String>> {
        self.sizes.get(id).and_then(Option::as_ref)
    }
}

fn measure(path: &Path) -> Result<(u32, u32), String> {
    imagesize::size(path).map(|s| (s.width as u32, s.height as u32)).map_err(|e| e.to_string())
}
