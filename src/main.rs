//! The `tebiki` binary: everything lives in the library; see `tebiki::cli`.

fn main() {
    std::process::exit(tebiki::cli::run());
}
