//! The `tebiki` binary: everything lives in the library; see `tebiki::cli`.

// mimalloc: the pipeline allocates many small strings across threads; the
// system allocator was about a fifth of all instructions of a build.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // No transparent huge pages: mimalloc's arenas would be faulted in as
    // 2 MiB pages the kernel zeroes whole, which was a seventh of a large
    // build's time (about 0.6 s of system time at 10,000 guides). Only
    // this process changes.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    std::process::exit(tebiki::cli::run());
}
