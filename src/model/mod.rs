//! The guide model: the one definition of what a site is made of.
//!
//! `Site` → `Category` → `Guide` → `Block` (`Section`, `Procedure` → `Step`,
//! `Callout`, `Qa`, `Flow` → `FlowNode`). Everything here is plain data
//! with public fields: no I/O, no Markdown, no templates. `parse` builds guides, `resolve` assembles the
//! `Site`, `check` inspects it and `render` lays it out. The body types derive
//! `Serialize` because themes receive them as they are: their field names are
//! part of the theme contract (see `themes/default/README.md`).

mod flow;
mod guide;
mod site;

pub use flow::*;
pub use guide::*;
pub use site::*;

/// Private-use character that stands for "the site root, relative to the page
/// being written" inside HTML fragments and URLs of the model. `render`
/// replaces it by `../../` (or nothing) once a page is laid out, so one
/// fragment serves every page it appears on. Text from guides never contains
/// it: `parse` escapes it on the way in.
pub const ROOT_MARK: char = '\u{E000}';
/// [`ROOT_MARK`] as a string slice.
pub const ROOT_MARK_STR: &str = "\u{E000}";
