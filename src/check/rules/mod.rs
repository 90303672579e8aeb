//! The checks that inspect the model, one file per concern (steps,
//! headings, links, outputs, assets, troubleshooters). Rules found
//! while reading files (YAML, schema, paths, images, raw HTML …) are
//! reported by the stage that sees them; these need a parsed guide or the
//! whole site.

pub mod assets;
pub mod flows;
pub mod headings;
pub mod links;
pub mod outputs;
pub mod steps;
