//! The one integration-test binary. Each module builds small sites in
//! temporary folders (see `support`) or the bundled example site, and checks
//! what a user would see: the model, the files written, the exit codes.

mod support;

mod cli;
mod example;
mod format;
mod output;
mod render;
mod search;
