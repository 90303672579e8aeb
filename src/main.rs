//! The `tebiki` binary: everything lives in the library; see `tebiki::cli`.

// mimalloc: the pipeline allocates many small strings across threads; the
// system allocator was about a fifth of all instructions of a build.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(tebiki::cli::run());
}
