//! The dev server's HTTP side (axum): files from the in-memory [`Store`],
//! live-reload events over server-sent events at `/__tebiki/events`, and
//! the reload script and problems overlay injected into HTML responses.
//! A request path is decoded and checked segment by segment; only paths
//! the store holds are answered, so nothing outside the build is ever read.

use std::convert::Infallible;
use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream};
use tokio::sync::broadcast;

use super::incremental::{Served, Store};

/// Prefix of the dev server's own URLs. Names starting with `_` are never
/// content, so no page of a site can sit there.
pub const PREFIX: &str = "__tebiki";

const LIVERELOAD_JS: &str = include_str!("livereload.js");

/// A message to open pages.
#[derive(Debug, Clone)]
pub enum Message {
    /// These output paths changed.
    Reload(Vec<String>),
    /// The site has errors: show this HTML over the page.
    Problems(String),
    /// The errors are gone.
    Clear,
}

/// What the handlers share with the rebuild loop.
pub struct Shared {
    pub store: Arc<Store>,
    /// The problems overlay while the site has errors.
    pub problems: RwLock<Option<String>>,
    pub events: broadcast::Sender<Message>,
}

/// The router of the dev server.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(&format!("/{PREFIX}/events"), get(events))
        .route(&format!("/{PREFIX}/livereload.js"), get(livereload))
        .fallback(file)
        .with_state(shared)
}

async fn livereload() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], LIVERELOAD_JS).into_response()
}

async fn events(State(shared): State<Arc<Shared>>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = shared.events.subscribe();
    let hello = Event::default().event("hello").data("{}");
    let stream = stream::unfold((Some(hello), rx), |(first, mut rx)| async move {
        if let Some(ev) = first {
            return Some((Ok(ev), (None, rx)));
        }
        let ev = match rx.recv().await {
            Ok(Message::Reload(changed)) => {
                Event::default().event("reload").data(serde_json::json!({ "changed": changed }).to_string())
            }
            Ok(Message::Problems(html)) => {
                Event::default().event("problems").data(serde_json::json!({ "html": html }).to_string())
            }
            Ok(Message::Clear) => Event::default().event("clear").data("{}"),
            // Missed messages: reload to be safe.
            Err(broadcast::error::RecvError::Lagged(_)) => {
                Event::default().event("reload").data(r#"{"changed":["_tebiki/"]}"#)
            }
            Err(broadcast::error::RecvError::Closed) => return None,
        };
        Some((Ok(ev), (None, rx)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// The output path a request path names, or `None` when it is not a plain
/// path inside the site: `..` or `.` segments (also percent-encoded),
/// backslashes, drive letters, NUL bytes and invalid UTF-8 are refused.
/// A path ending in `/` names its `index.html`.
pub fn output_path(uri_path: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(uri_path).decode_utf8().ok()?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return None,
            s if s.contains(':') => return None,
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if path.is_empty() || decoded.ends_with('/') {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Insert the reload script (and the overlay, while there are problems)
/// before the last `</body>`.
pub fn inject(html: &[u8], problems: Option<&str>) -> Vec<u8> {
    let tag = format!("<script src=\"/{PREFIX}/livereload.js\"></script>");
    let extra = format!("{}{tag}", problems.unwrap_or_default());
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

async fn body_of(served: Served) -> Option<Vec<u8>> {
    match served {
        Served::Bytes(b) => Some(b.to_vec()),
        Served::File(p) => tokio::fs::read(p).await.ok(),
    }
}

fn respond(status: StatusCode, path: &str, bytes: Vec<u8>, shared: &Shared) -> Response {
    let ctype = content_type(path);
    let bytes = if ctype.starts_with("text/html") {
        let problems = shared.problems.read().unwrap_or_else(|e| e.into_inner()).clone();
        inject(&bytes, problems.as_deref())
    } else {
        bytes
    };
    let mut res = Response::new(Body::from(bytes));
    *res.status_mut() = status;
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

async fn file(State(shared): State<Arc<Shared>>, req: Request<Body>) -> Response {
    let Some(path) = output_path(req.uri().path()) else {
        return (StatusCode::BAD_REQUEST, "bad path").into_response();
    };
    if let Some(served) = shared.store.get(&path) {
        if let Some(bytes) = body_of(served).await {
            return respond(StatusCode::OK, &path, bytes, &shared);
        }
    }
    // A folder without its final slash.
    if !req.uri().path().ends_with('/') && shared.store.get(&format!("{path}/index.html")).is_some() {
        let to = format!("{}/", req.uri().path());
        return Response::builder()
            .status(StatusCode::MOVED_PERMANENTLY)
            .header(header::LOCATION, to)
            .body(Body::empty())
            .unwrap_or_default();
    }
    let not_found = match shared.store.get(crate::urls::NOT_FOUND) {
        Some(s) => body_of(s).await.unwrap_or_default(),
        None => b"not found".to_vec(),
    };
    respond(StatusCode::NOT_FOUND, crate::urls::NOT_FOUND, not_found, &shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths() {
        assert_eq!(output_path("/").as_deref(), Some("index.html"));
        assert_eq!(output_path("/a/b.html").as_deref(), Some("a/b.html"));
        assert_eq!(output_path("/a/").as_deref(), Some("a/index.html"));
        assert_eq!(output_path("/%E8%A8%AD%E5%AE%9A/").as_deref(), Some("設定/index.html"));
        for bad in [
            "/../x",
            "/a/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/a/..%2f..%2fx",
            "/..%5cx",
            "/a\\b",
            "/C:/x",
            "/a/%00",
            "/%ff",
        ] {
            assert_eq!(output_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn injects_before_the_last_body_end() {
        let out = String::from_utf8(inject(b"<p>x</body></body>", Some("<div>P</div>"))).unwrap();
        assert_eq!(out, "<p>x</body><div>P</div><script src=\"/__tebiki/livereload.js\"></script></body>");
    }
}
