//! `tebiki serve`: build the site into memory, serve it over HTTP on
//! 127.0.0.1 (another address only when asked), watch the sources and
//! rebuild only what a change touches, and tell open pages to reload.
//!
//! - [`incremental`]: the pipeline kept in memory and the [`Store`] of
//!   served files (the last good build);
//! - [`watch`]: notify plus a short debounce;
//! - [`http`]: axum handlers, server-sent events, reload script and overlay.
//!
//! One thread owns the pipeline and applies batches of changes in order;
//! the HTTP side only reads the store. Nothing is global: every piece of
//! state is in [`http::Shared`] or the pipeline value, so tests can run
//! several servers in one process.

pub mod http;
pub mod incremental;
pub mod watch;

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, RwLock};

use tokio::sync::broadcast;

use crate::build::Options;
use crate::check::report::Report;
use http::{Message, Shared};
pub use incremental::{ChangeKind, Incremental, Outcome, Served, Store};

/// Options of `tebiki serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: Options,
    /// Address to listen on (`127.0.0.1` unless asked otherwise).
    pub bind: String,
    /// Port; 0 picks a free one.
    pub port: u16,
}

/// Why serving could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Build(#[from] crate::build::Error),
    #[error("cannot listen on {0}: {1}")]
    Bind(String, std::io::Error),
    #[error("cannot watch the site folder: {0}")]
    Watch(#[from] notify::Error),
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// The problems overlay for a report with errors.
pub fn problems_html(report: &Report) -> String {
    let mut text = Vec::new();
    let _ = report.print_human(&mut text);
    let text = String::from_utf8_lossy(&text);
    let escaped = crate::render::page::esc(&text);
    let (e, w) = (report.errors(), report.warnings());
    format!(
        "<div id=\"tebiki-serve-problems\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;max-height:60vh;\
overflow:auto;z-index:2147483647;margin:0;padding:12px 16px;background:#1f1f1f;color:#f4f4f4;border-top:4px solid #e5484d;\
box-shadow:0 -4px 16px rgba(0,0,0,.35);font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left\">\
<strong style=\"color:#ff8a8a\">tebiki: {e} error{} and {w} warning{}; this page is the last good build</strong>\
<pre style=\"white-space:pre-wrap;margin:8px 0 0;font:inherit\">{escaped}</pre></div>",
        if e == 1 { "" } else { "s" },
        if w == 1 { "" } else { "s" },
    )
}

fn print_outcome(what: &str, outcome: &Outcome) {
    let mut err = std::io::stderr().lock();
    let _ = outcome.report.print_human(&mut err);
    let (e, w) = (outcome.report.errors(), outcome.report.warnings());
    if outcome.rendered {
        let _ = writeln!(
            err,
            "{what}: parsed {} guides, rendered {} pages, {} files changed in {:.0} ms ({e} errors, {w} warnings)",
            outcome.guides_parsed,
            outcome.pages_rendered,
            outcome.changed.len(),
            outcome.elapsed.as_secs_f64() * 1000.0
        );
    } else {
        let _ = writeln!(err, "{what}: {e} errors and {w} warnings; still serving the last good build");
    }
    if std::env::var_os("TEBIKI_TIMINGS").is_some() {
        for (stage, d) in &outcome.timings {
            let _ = writeln!(err, "  {stage:<12} {:>8.1} ms", d.as_secs_f64() * 1000.0);
        }
    }
}

/// Build, serve and watch until the process is stopped.
pub fn serve(opts: ServeOptions) -> Result<(), ServeError> {
    let (mut pipeline, first) = Incremental::new(opts.build.clone())?;
    print_outcome("built", &first);
    let root = pipeline.root().to_path_buf();
    let (events, _) = broadcast::channel(256);
    let shared = Arc::new(Shared {
        store: pipeline.store(),
        problems: RwLock::new((first.report.errors() > 0).then(|| problems_html(&first.report))),
        events,
    });
    // Set by the watcher on every file event.
    let activity = Arc::new(AtomicBool::new(false));
    let (mut watcher, batches) = watch::watch(&root, activity.clone())?;
    watcher.refresh(&pipeline.watched_folders())?;

    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(format!("{}:{}", opts.bind, opts.port)))
        .map_err(|e| ServeError::Bind(format!("{}:{}", opts.bind, opts.port), e))?;
    let addr: SocketAddr = listener.local_addr()?;
    let host = if addr.is_ipv6() { format!("[{}]", addr.ip()) } else { addr.ip().to_string() };
    println!("serving {} at http://{host}:{}/", root.display(), addr.port());
    let _ = std::io::stdout().flush();

    // The rebuild loop: one batch of changed paths at a time, in order.
    // Pages first; then, while no file is changing, the search index (a
    // pass over every guide), given up as soon as a file changes again so
    // that a save right after a save is rendered at once.
    let loop_shared = shared.clone();
    std::thread::spawn(move || loop {
        let paths = if pipeline.search_pending() && !activity.load(Ordering::SeqCst) {
            match batches.try_recv() {
                Ok(paths) => paths,
                Err(mpsc::TryRecvError::Empty) => {
                    pipeline.refresh_search_unless(&activity);
                    continue;
                }
                Err(mpsc::TryRecvError::Disconnected) => break,
            }
        } else {
            match batches.recv() {
                Ok(paths) => paths,
                Err(_) => break,
            }
        };
        activity.store(false, Ordering::SeqCst);
        {
            let _ = watcher.refresh(&pipeline.watched_folders());
            let shared = &loop_shared;
            let mut publish = |changed: &[String]| {
                let _ = shared.events.send(Message::Reload(changed.to_vec()));
            };
            match pipeline.update_pages(&paths, &mut publish) {
                Ok(outcome) if outcome.skipped => {}
                Ok(outcome) => {
                    let mut problems = shared.problems.write().unwrap_or_else(|e| e.into_inner());
                    let quiet = outcome.changed.is_empty()
                        && outcome.guides_parsed == 0
                        && outcome.report.diagnostics.is_empty()
                        && problems.is_none();
                    if !quiet {
                        print_outcome(&describe(&root, &pipeline.config().content, &paths), &outcome);
                    }
                    if outcome.report.errors() > 0 {
                        let html = problems_html(&outcome.report);
                        *problems = Some(html.clone());
                        let _ = shared.events.send(Message::Problems(html));
                    } else if problems.take().is_some() {
                        let _ = shared.events.send(Message::Clear);
                    }
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    let html = format!(
                        "<div id=\"tebiki-serve-problems\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;\
z-index:2147483647;padding:12px 16px;background:#1f1f1f;color:#ff8a8a;font:13px/1.5 monospace\">tebiki: {}</div>",
                        crate::render::page::esc(&e.to_string())
                    );
                    *shared.problems.write().unwrap_or_else(|e| e.into_inner()) = Some(html.clone());
                    let _ = shared.events.send(Message::Problems(html));
                }
            }
        }
    });

    runtime.block_on(async move { axum::serve(listener, http::router(shared)).await })?;
    Ok(())
}

/// A short description of a batch of changed paths for the terminal.
fn describe(root: &std::path::Path, content: &str, paths: &[PathBuf]) -> String {
    let mut names: Vec<String> = paths
        .iter()
        .filter(|p| incremental::classify(root, content, p).is_some())
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .collect();
    names.sort();
    names.dedup();
    match names.len() {
        0 => "changed".to_string(),
        1 => names.remove(0),
        n => format!("{} and {} more", names[0], n - 1),
    }
}
