//! `tebiki lsp`: a language server for guides, over stdio (JSON-RPC by
//! rust-analyzer's `lsp-server`, types from `lsp-types`).
//!
//! A front end on top of the pipeline: each site that holds an opened file
//! (the `tebiki.yaml` above it) gets a checking [`crate::serve::Incremental`]
//! whose overlay holds the editor's unsaved buffers, so what the editor
//! shows is what is checked. Diagnostics are `tebiki check`'s, published
//! after each change for the edited file first and then for every file
//! whose diagnostics changed; the model then answers completion, hover,
//! navigation, renames and code actions.
//!
//! - [`workspace`]: documents, sites, updates and publishing;
//! - [`text`]: positions (UTF-16 columns) and incremental edits;
//! - [`syntax`]: where things are written in a guide's text;
//! - [`context`]: what a request about one document sees;
//! - [`complete`], [`navigate`], [`edit`]: the features.
//!
//! One thread owns everything: messages are handled in order, and the
//! changes that arrive while an update runs are applied together by the
//! next one. A request first applies pending changes, so it sees the text
//! the editor has.

pub mod complete;
pub mod context;
pub mod edit;
pub mod index;
pub mod navigate;
pub mod syntax;
pub mod text;
pub mod workspace;

use std::path::PathBuf;

use crossbeam_channel::{select, Sender};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest, PrepareRenameRequest,
    References, Rename, Request as _, WillRenameFiles,
};
use lsp_types::*;
use serde_json::Value;

use context::Ctx;
use workspace::{Publish, Workspace};

/// The request an editor sends for the page of a guide and the anchor at a
/// position (`{path, anchor}` or `null`), to open a preview there.
pub const PAGE_REQUEST: &str = "tebiki/page";

/// Options of `tebiki lsp`.
#[derive(Debug, Clone, Default)]
pub struct LspOptions {
    /// Check drafts too (as `tebiki check --drafts`).
    pub drafts: bool,
}

/// Why the server stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum LspError {
    #[error("language server protocol: {0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    #[error("invalid initialize parameters: {0}")]
    Params(#[from] serde_json::Error),
    #[error("the connection to the editor broke: {0}")]
    Io(#[from] std::io::Error),
}

/// What the server can do.
pub fn capabilities() -> ServerCapabilities {
    let md = FileOperationRegistrationOptions {
        filters: vec![
            FileOperationFilter {
                scheme: Some("file".into()),
                pattern: FileOperationPattern {
                    glob: "**/*.md".into(),
                    matches: Some(FileOperationPatternKind::File),
                    options: None,
                },
            },
            FileOperationFilter {
                scheme: Some("file".into()),
                pattern: FileOperationPattern {
                    glob: "**/*".into(),
                    matches: Some(FileOperationPatternKind::Folder),
                    options: None,
                },
            },
        ],
    };
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            ..Default::default()
        })),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(["(", "#", "[", "!", "/", " "].map(String::from).to_vec()),
            ..Default::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..Default::default()
        })),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: None,
            file_operations: Some(WorkspaceFileOperationsServerCapabilities {
                will_rename: Some(md),
                ..Default::default()
            }),
        }),
        ..Default::default()
    }
}

/// Serve over stdin and stdout until the editor says `exit`.
pub fn run(opts: LspOptions) -> Result<(), LspError> {
    let (connection, io_threads) = Connection::stdio();
    serve_connection(&connection, opts, true)?;
    drop(connection);
    io_threads.join()?;
    Ok(())
}

/// Serve one connection (stdio, or memory in tests); `watch`: watch site
/// folders for changes on disk.
pub fn serve_connection(connection: &Connection, opts: LspOptions, watch: bool) -> Result<(), LspError> {
    let (id, params) = connection.initialize_start()?;
    let init: InitializeParams = serde_json::from_value(params)?;
    let drafts = opts.drafts
        || init.initialization_options.as_ref().and_then(|o| o.get("drafts")).and_then(Value::as_bool).unwrap_or(false);
    let result = InitializeResult {
        capabilities: capabilities(),
        server_info: Some(ServerInfo { name: "tebiki".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
    };
    connection.initialize_finish(id, serde_json::to_value(result)?)?;
    let mut server = Server { out: Out { sender: connection.sender.clone() }, ws: Workspace::new(drafts, watch) };
    server.main_loop(connection)
}

/// Messages to the editor.
struct Out {
    sender: Sender<Message>,
}

impl Publish for Out {
    fn diagnostics(&mut self, params: PublishDiagnosticsParams) {
        self.notify(PublishDiagnostics::METHOD, params);
    }

    fn error(&mut self, message: String) {
        self.notify(ShowMessage::METHOD, ShowMessageParams { typ: MessageType::ERROR, message });
    }
}

impl Out {
    fn notify(&self, method: &str, params: impl serde::Serialize) {
        let params = serde_json::to_value(params).unwrap_or(Value::Null);
        let _ = self.sender.send(Message::Notification(Notification { method: method.into(), params }));
    }

    fn respond(&self, id: RequestId, result: Result<Value, (ErrorCode, String)>) {
        let response = match result {
            Ok(v) => Response { id, result: Some(v), error: None },
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        let _ = self.sender.send(Message::Response(response));
    }
}

struct Server {
    out: Out,
    ws: Workspace,
}

impl Server {
    fn main_loop(&mut self, connection: &Connection) -> Result<(), LspError> {
        loop {
            let first = select! {
                recv(connection.receiver) -> m => match m {
                    Ok(m) => Some(m),
                    Err(_) => return Ok(()),
                },
                recv(self.ws.fs_rx) -> batch => {
                    if let Ok((root, paths)) = batch {
                        self.ws.watched(&root, paths);
                    }
                    None
                },
            };
            if let Some(msg) = first {
                if self.handle(connection, msg)? {
                    return Ok(());
                }
            }
            // What else is waiting is handled before checking: a burst of
            // keystrokes is checked once.
            while let Ok(msg) = connection.receiver.try_recv() {
                if self.handle(connection, msg)? {
                    return Ok(());
                }
            }
            while let Ok((root, paths)) = self.ws.fs_rx.try_recv() {
                self.ws.watched(&root, paths);
            }
            self.ws.flush(&mut self.out);
        }
    }

    /// Handle one message; `true` when the server must stop.
    fn handle(&mut self, connection: &Connection, msg: Message) -> Result<bool, LspError> {
        match msg {
            Message::Request(req) => {
                if connection.handle_shutdown(&req)? {
                    return Ok(true);
                }
                self.ws.flush(&mut self.out);
                let id = req.id.clone();
                let result = self.request(req);
                self.out.respond(id, result);
            }
            Message::Notification(n) => self.notification(n),
            Message::Response(_) => {}
        }
        Ok(false)
    }

    fn notification(&mut self, n: Notification) {
        fn params<T: serde::de::DeserializeOwned>(n: Notification) -> Option<T> {
            serde_json::from_value(n.params).ok()
        }
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Some(p) = params::<DidOpenTextDocumentParams>(n) {
                    let d = p.text_document;
                    self.ws.open(d.uri, d.text, d.version, &mut self.out);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Some(p) = params::<DidChangeTextDocumentParams>(n) {
                    let uri = p.text_document.uri;
                    if let Some(doc) = self.ws.docs.get_mut(&uri) {
                        doc.text.apply(p.content_changes);
                        doc.version = p.text_document.version;
                        self.ws.changed_buffer(&uri);
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Some(p) = params::<DidCloseTextDocumentParams>(n) {
                    self.ws.close(&p.text_document.uri);
                }
            }
            DidSaveTextDocument::METHOD => {}
            DidChangeWatchedFiles::METHOD => {
                if let Some(p) = params::<DidChangeWatchedFilesParams>(n) {
                    let paths = p.changes.into_iter().filter_map(|c| c.uri.to_file_path().ok()).collect();
                    self.ws.changed_files(paths);
                }
            }
            _ => {}
        }
    }

    fn request(&mut self, req: Request) -> Result<Value, (ErrorCode, String)> {
        fn parse<R: lsp_types::request::Request>(req: Request) -> Result<R::Params, (ErrorCode, String)> {
            serde_json::from_value(req.params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
        }
        fn value(v: impl serde::Serialize) -> Result<Value, (ErrorCode, String)> {
            serde_json::to_value(v).map_err(|e| (ErrorCode::InternalError, e.to_string()))
        }
        let failed = |m: String| (ErrorCode::RequestFailed, m);
        match req.method.as_str() {
            Completion::METHOD => {
                let p = parse::<Completion>(req)?;
                let pos = p.text_document_position;
                let r = self.with_ctx_index(&pos.text_document.uri, |cx, index| {
                    complete::complete(cx, cx.text.offset(pos.position), index)
                });
                value(r.flatten().map(CompletionResponse::List))
            }
            HoverRequest::METHOD => {
                let p = parse::<HoverRequest>(req)?.text_document_position_params;
                value(
                    self.with_ctx(&p.text_document.uri, |cx| navigate::hover(cx, cx.text.offset(p.position))).flatten(),
                )
            }
            GotoDefinition::METHOD => {
                let p = parse::<GotoDefinition>(req)?.text_document_position_params;
                let r = self.with_ctx(&p.text_document.uri, |cx| navigate::definition(cx, cx.text.offset(p.position)));
                value(r.flatten().map(GotoDefinitionResponse::Scalar))
            }
            References::METHOD => {
                let p = parse::<References>(req)?;
                let pos = p.text_document_position;
                let r = self.with_ctx(&pos.text_document.uri, |cx| {
                    navigate::references(cx, cx.text.offset(pos.position), p.context.include_declaration)
                });
                value(r)
            }
            DocumentSymbolRequest::METHOD => {
                let p = parse::<DocumentSymbolRequest>(req)?;
                value(self.with_ctx(&p.text_document.uri, navigate::symbols).map(DocumentSymbolResponse::Nested))
            }
            PrepareRenameRequest::METHOD => {
                let p = parse::<PrepareRenameRequest>(req)?;
                let r = self.with_ctx(&p.text_document.uri, |cx| edit::prepare_rename(cx, cx.text.offset(p.position)));
                match r {
                    Some(Ok(range)) => value(PrepareRenameResponse::Range(range)),
                    Some(Err(m)) => Err(failed(m)),
                    None => value(Value::Null),
                }
            }
            Rename::METHOD => {
                let p = parse::<Rename>(req)?;
                let pos = p.text_document_position;
                let r = self
                    .with_ctx(&pos.text_document.uri, |cx| edit::rename(cx, cx.text.offset(pos.position), &p.new_name));
                match r {
                    Some(Ok(e)) => value(e),
                    Some(Err(m)) => Err(failed(m)),
                    None => Err(failed("this file is not a guide of a tebiki site".into())),
                }
            }
            WillRenameFiles::METHOD => {
                let p = parse::<WillRenameFiles>(req)?;
                value(self.will_rename(p))
            }
            CodeActionRequest::METHOD => {
                let p = parse::<CodeActionRequest>(req)?;
                let today = chrono::Local::now().date_naive().to_string();
                let r = self.with_ctx(&p.text_document.uri, |cx| {
                    let problems: Vec<edit::Problem> = p
                        .context
                        .diagnostics
                        .iter()
                        .filter(|d| d.source.as_deref() == Some("tebiki"))
                        .filter_map(|d| {
                            let rule = match d.code.as_ref()? {
                                NumberOrString::String(s) => s.clone(),
                                NumberOrString::Number(n) => n.to_string(),
                            };
                            let hint = d.data.as_ref().and_then(|v| v.get("hint")).and_then(Value::as_str);
                            Some(edit::Problem { rule, span: cx.text.span(d.range), hint: hint.map(str::to_string) })
                        })
                        .collect();
                    edit::code_actions(cx, &problems, &today)
                });
                let actions: Vec<CodeActionOrCommand> =
                    r.unwrap_or_default().into_iter().map(CodeActionOrCommand::CodeAction).collect();
                value(actions)
            }
            PAGE_REQUEST => {
                let p: TextDocumentPositionParams =
                    serde_json::from_value(req.params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))?;
                value(
                    self.with_ctx(&p.text_document.uri, |cx| navigate::page(cx, cx.text.offset(p.position))).flatten(),
                )
            }
            _ => Err((ErrorCode::MethodNotFound, format!("unknown request {}", req.method))),
        }
    }

    /// Run `f` on an open document of a checked site.
    fn with_ctx<R>(&mut self, uri: &Url, f: impl FnOnce(&Ctx<'_>) -> R) -> Option<R> {
        self.with_ctx_index(uri, |cx, _| f(cx))
    }

    /// [`Server::with_ctx`], with the site's index of values for completion.
    fn with_ctx_index<R>(&mut self, uri: &Url, f: impl FnOnce(&Ctx<'_>, &mut index::SiteIndex) -> R) -> Option<R> {
        let doc = self.ws.docs.get(uri)?;
        let root = doc.root.as_ref()?;
        let rel = doc.path.strip_prefix(root).ok()?;
        let site = self.ws.sites.get_mut(root)?;
        let index = &mut site.index;
        site.inc.as_mut()?.with_site(|s, inc| {
            let guide = inc.guide_id(rel);
            f(&Ctx { root, rel, text: &doc.text, site: s, inc, guide }, index)
        })
    }

    /// Edits for files about to be renamed, per site.
    fn will_rename(&mut self, p: RenameFilesParams) -> Option<WorkspaceEdit> {
        let files: Vec<(PathBuf, PathBuf)> = p
            .files
            .iter()
            .filter_map(|f| {
                let old = Url::parse(&f.old_uri).ok()?.to_file_path().ok()?;
                let new = Url::parse(&f.new_uri).ok()?.to_file_path().ok()?;
                Some((old, new))
            })
            .collect();
        let mut all = WorkspaceEdit::default();
        let roots: Vec<PathBuf> =
            self.ws.sites.keys().filter(|r| files.iter().any(|(o, _)| o.starts_with(r))).cloned().collect();
        for root in roots {
            let Some(inc) = self.ws.sites.get_mut(&root).and_then(|s| s.inc.as_mut()) else { continue };
            let text = text::Text::new(String::new());
            let edit = inc.with_site(|site, inc| {
                let cx = Ctx { root: &root, rel: std::path::Path::new(""), text: &text, site, inc, guide: None };
                edit::will_rename(&cx, &files)
            });
            if let Some(changes) = edit.and_then(|e| e.changes) {
                all.changes.get_or_insert_with(Default::default).extend(changes);
            }
        }
        all.changes.is_some().then_some(all)
    }
}
