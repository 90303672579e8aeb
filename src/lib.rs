//! tebiki (手引き, "a guide") turns Markdown step-by-step support guides into
//! a searchable static help site that also works opened from disk.
//!
//! The pipeline, data flowing one way:
//!
//! - [`config`]: `tebiki.yaml` → `SiteConfig`
//! - [`discover`]: walks `content/` and `static/` → guide, category and asset sources
//! - [`parse`]: front matter + Markdown → the guide [`model`], with diagnostics
//! - [`resolve`]: guides → a `Site` (categories, translations, related, prev/next, aliases)
//! - [`check`]: whole-site checks (links, anchors, collisions) and reporting
//! - [`helpids`]: the map of help ids a product opens pages with (render, check and `tebiki ids` use it)
//! - [`render`]: the model → HTML pages, feeds, sitemap and structured data via tera
//! - [`search`]: the model → the client-side search index (called by `render`)
//! - [`output`]: writes a build atomically (staging folder, then swap)
//! - [`build`]: runs the stages in order
//!
//! On top of the pipeline: [`serve`] (the dev server: the pipeline kept in
//! memory, incremental rebuilds, live reload), [`lsp`] (the language server
//! for editors, on `serve`'s pipeline), [`bundle`] (the site as an offline
//! zip) and [`scaffold`] (`tebiki new`).
//!
//! [`cli`] is the command line on top; [`diagnostic`], [`rules`], [`source`]
//! and [`slug`] are shared by the stages ([`flowchart`], the layout of a
//! troubleshooter's chart, is `parse`'s), which report how far they got
//! through [`progress`].

pub mod build;
pub mod bundle;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod flowchart;
pub mod helpids;
pub mod history;
pub mod images;
pub mod init;
pub mod lsp;
pub mod model;
pub mod output;
pub mod parse;
pub mod pdf;
pub mod progress;
pub mod render;
pub mod resolve;
pub mod rules;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod slug;
pub mod source;
pub mod translations;
pub mod urls;
pub mod yaml;
