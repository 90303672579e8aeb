//! The one integration-test binary. Each module builds small sites in
//! temporary folders (see `support`) or the bundled example site, and checks
//! what a user would see: the model, the files written, the exit codes.

mod support;

mod adopt;
mod bundle;
mod check_bad_input;
mod check_fixtures;
mod check_fuzz;
mod check_mode;
mod check_report;
mod cli;
mod cli_output;
mod derived;
mod dialects;
mod docs;
mod example;
mod flows;
mod format;
mod helpcenters;
mod helpids;
mod lsp;
mod new;
mod output;
mod pdf;
mod raw_html;
mod render;
mod screenshots;
mod search;
mod serve;
mod variants;
