//! Image dimensions: read once per distinct file, in parallel, before guides
//! are parsed, so a screenshot's `width`/`height` is a lookup. Files that
//! share contents (hard links: same file id) are read once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::discover::Discovery;

/// Extensions read as images.
const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "ico", "avif", "tif", "tiff"];

/// Width and height of every image asset, or why it could not be read.
#[derive(Debug, Default)]
pub struct ImageSizes {
    sizes: HashMap<PathBuf, Result<(u32, u32), String>>,
}

impl ImageSizes {
    /// Probe every image asset of a site.
    pub fn probe(discovery: &Discovery) -> ImageSizes {
        let images: Vec<_> = discovery
            .assets
            .iter()
            .filter(|a| {
                a.path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
            })
            .collect();
        // One read per file id; id 0 means "unknown", never shared.
        let mut first_of_id: HashMap<u64, usize> = HashMap::new();
        let mut unique = Vec::new();
        for (i, a) in images.iter().enumerate() {
            if a.file_id == 0 || !first_of_id.contains_key(&a.file_id) {
                first_of_id.insert(a.file_id, i);
                unique.push(i);
            }
        }
        let measured: HashMap<usize, Result<(u32, u32), String>> =
            unique.par_iter().map(|&i| (i, measure(&images[i].path))).collect();
        let sizes = images
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let source = if a.file_id == 0 { i } else { first_of_id[&a.file_id] };
                (a.rel.clone(), measured[&source].clone())
            })
            .collect();
        ImageSizes { sizes }
    }

    /// The size of the asset at `rel` (relative to the site folder): `None`
    /// when it is not an image asset, `Some(Err)` when it could not be read.
    pub fn get(&self, rel: &Path) -> Option<&Result<(u32, u32), String>> {
        self.sizes.get(rel)
    }
}

fn measure(path: &Path) -> Result<(u32, u32), String> {
    imagesize::size(path).map(|s| (s.width as u32, s.height as u32)).map_err(|e| e.to_string())
}
