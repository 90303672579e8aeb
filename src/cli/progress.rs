//! The progress bar of `build`, `bundle`, `check` and `serve`'s first build
//! (indicatif), drawn from what the stages report through
//! [`crate::progress::Progress`]. It appears on a terminal only, and only
//! once a run has taken longer than half a second: quick runs print their
//! one-line summary and nothing else.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Mutex;
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::progress::{Progress, Stage};

/// How long a run goes before the bar appears.
const DELAY: Duration = Duration::from_millis(500);

/// Overrides [`DELAY`] in milliseconds (the tests use 0).
const DELAY_ENV: &str = "TEBIKI_PROGRESS_DELAY_MS";

/// A progress bar on stderr that shows itself after a delay.
pub struct Bar {
    bar: ProgressBar,
    counted: ProgressStyle,
    uncounted: ProgressStyle,
    /// Until the bar is done: the channel whose closing stops the timer, and
    /// the timer's thread.
    timer: Mutex<Option<(mpsc::Sender<()>, JoinHandle<()>)>>,
}

impl Bar {
    /// A bar that appears once the run has taken [`DELAY`] (or
    /// `TEBIKI_PROGRESS_DELAY_MS`). Call only when stderr is a terminal.
    pub fn start(color: bool) -> Bar {
        // indicatif colours through console, which asks these on its own.
        console::set_colors_enabled(color);
        console::set_colors_enabled_stderr(color);
        let style =
            |template: &str| ProgressStyle::with_template(template).expect("a valid template").progress_chars("=> ");
        let uncounted = style("{prefix:>12.cyan.bold} {spinner}");
        let bar = Bar {
            bar: ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()).with_style(uncounted.clone()),
            counted: style("{prefix:>12.cyan.bold} [{bar:32}] {pos}/{len}"),
            uncounted,
            timer: Mutex::new(None),
        };
        let delay =
            std::env::var(DELAY_ENV).ok().and_then(|v| v.parse().ok()).map(Duration::from_millis).unwrap_or(DELAY);
        if delay.is_zero() {
            show(&bar.bar);
        } else {
            let (tx, rx) = mpsc::channel::<()>();
            let shown = bar.bar.clone();
            let thread = std::thread::spawn(move || {
                if let Err(RecvTimeoutError::Timeout) = rx.recv_timeout(delay) {
                    show(&shown);
                }
            });
            *bar.timer.lock().unwrap_or_else(|e| e.into_inner()) = Some((tx, thread));
        }
        bar
    }
}

fn show(bar: &ProgressBar) {
    bar.set_draw_target(ProgressDrawTarget::stderr());
    bar.force_draw();
    bar.enable_steady_tick(Duration::from_millis(100));
}

impl Progress for Bar {
    fn stage(&self, stage: Stage, total: usize) {
        // Style first (it does not draw), the prefix last or early so that
        // no frame mixes two stages.
        if total > 0 {
            self.bar.set_style(self.counted.clone());
            self.bar.update(|s| {
                s.set_len(total as u64);
                s.set_pos(0);
            });
            self.bar.set_prefix(stage.name());
        } else {
            self.bar.set_style(self.uncounted.clone());
            self.bar.set_prefix(stage.name());
            self.bar.unset_length();
            self.bar.set_position(0);
        }
    }

    fn advance(&self, n: usize) {
        self.bar.inc(n as u64);
    }

    fn done(&self) {
        if let Some((tx, thread)) = self.timer.lock().unwrap_or_else(|e| e.into_inner()).take() {
            drop(tx);
            let _ = thread.join();
        }
        self.bar.finish_and_clear();
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.done();
    }
}
