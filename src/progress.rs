//! What the stages tell whoever waits for them: which stage runs and how
//! many of its items are done. The pipeline reports through [`Progress`],
//! passed in by the caller; the command line draws a bar from it, everything
//! else passes [`Silent`], which costs one empty call per guide or page.

/// A stage of a run, in pipeline order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Walking `content/` and `static/`.
    Discover,
    /// Reading and parsing guides (items: guides).
    Parse,
    /// Resolving the site and running the checks.
    Check,
    /// Encoding screenshots not in the cache (items: screenshots).
    Encode,
    /// Rendering pages (items: pages).
    Render,
    /// Copying screenshots and other assets (items: files).
    Images,
    /// Finishing the search index.
    SearchIndex,
    /// Putting the finished output in place.
    Write,
}

impl Stage {
    /// The stage's name as people see it.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Discover => "discover",
            Stage::Parse => "parse",
            Stage::Check => "check",
            Stage::Encode => "encode screenshots",
            Stage::Render => "render",
            Stage::Images => "images",
            Stage::SearchIndex => "search index",
            Stage::Write => "write",
        }
    }
}

/// Receives progress from the stages. Called from several threads at once
/// (parse and render run in parallel), so implementations must be cheap and
/// thread-safe.
pub trait Progress: Sync {
    /// A stage begins, with `total` items (0 when it has no count).
    fn stage(&self, stage: Stage, total: usize);
    /// `n` more items of the current stage are done.
    fn advance(&self, n: usize);
    /// The run is over (whoever draws progress clears it before the summary).
    fn done(&self) {}
}

/// The time each stage took, one line each (`--verbose`).
pub fn write_timings(w: &mut dyn std::io::Write, timings: &[(&'static str, std::time::Duration)]) {
    for (stage, d) in timings {
        let _ = writeln!(w, "  {stage:<24} {:>8.1} ms", d.as_secs_f64() * 1000.0);
    }
}

/// Progress nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    #[inline]
    fn stage(&self, _: Stage, _: usize) {}
    #[inline]
    fn advance(&self, _: usize) {}
}
