//! `smplan server`: a language server over stdio (LSP 3.17, rust-analyzer's `lsp-server`).
//!
//! A thin front end over [`crate::lint::lint`], the call `smplan lint` makes: the server keeps
//! open documents, resolves each one's settings as the CLI would for its path, and turns the
//! library's diagnostics, fixes and plan model into protocol messages. Logs go to standard
//! error; standard output carries only the protocol.

mod actions;
mod buffers;
mod diagnostics;
mod documents;
pub mod encoding;
mod features;
mod keys;
mod outline;
mod stdio;
mod workspace;

use documents::Documents;
use encoding::Encoding;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use workspace::Workspace;

/// Runs the server on stdin/stdout until `exit` or until its input closes. `Ok(true)` when it
/// ended as the protocol asks (`shutdown` before `exit`, or input closed).
pub fn run() -> Result<bool, String> {
    let (conn, io) = stdio::connect()
        .map_err(|e| format!("cannot start a thread for standard input and output: {e}"))?;
    let clean = serve(&conn)?;
    drop(conn);
    io.join()?;
    Ok(clean)
}

fn serve(conn: &Connection) -> Result<bool, String> {
    let (id, params) = match conn.initialize_start() {
        Ok(x) => x,
        // Input closed before `initialize`: nothing to serve.
        Err(e) if e.channel_is_disconnected() => return Ok(true),
        Err(e) => return Err(e.to_string()),
    };
    let params: lsp::InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let enc = negotiate(&params);
    let text_caps = params.capabilities.text_document.as_ref();
    let pull = text_caps.and_then(|t| t.diagnostic.as_ref()).is_some();
    let caps = capabilities(enc, pull);
    let result = json!({
        "capabilities": caps,
        "serverInfo": { "name": "smplan", "version": env!("CARGO_PKG_VERSION") },
    });
    conn.initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    let mut server = Server {
        conn,
        enc,
        pull,
        docs: Documents::default(),
        ws: Workspace {
            root: root_of(&params),
            ..Workspace::default()
        },
        last: HashMap::new(),
        config_errors: HashSet::new(),
        shutdown: false,
    };
    server.watch_configs(&params);
    server.main_loop()
}

#[allow(deprecated)] // `root_uri` is what 0.7-era clients (Neovim 0.7) send.
fn root_of(params: &lsp::InitializeParams) -> Option<PathBuf> {
    params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| &f.uri)
        .or(params.root_uri.as_ref())
        .and_then(|u| u.to_file_path().ok())
}

/// UTF-8 when the client offers it (no conversion), else UTF-16, the protocol's default.
fn negotiate(params: &lsp::InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(list) if list.contains(&lsp::PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

fn capabilities(enc: Encoding, pull: bool) -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        position_encoding: Some(match enc {
            Encoding::Utf8 => lsp::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp::PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        diagnostic_provider: pull.then(|| {
            lsp::DiagnosticServerCapabilities::Options(lsp::DiagnosticOptions {
                identifier: Some("smplan".into()),
                inter_file_dependencies: true,
                workspace_diagnostics: false,
                ..Default::default()
            })
        }),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QUICKFIX,
                    lsp::CodeActionKind::new(actions::FIX_ALL),
                ]),
                ..Default::default()
            },
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), "[".into(), ",".into(), "=".into()]),
            ..Default::default()
        }),
        definition_provider: Some(lsp::OneOf::Left(true)),
        references_provider: Some(lsp::OneOf::Left(true)),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        ..Default::default()
    }
}

struct Server<'c> {
    conn: &'c Connection,
    enc: Encoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`): never push them too.
    pull: bool,
    docs: Documents,
    ws: Workspace,
    /// The library diagnostics of each open plan's current text, for code actions and hover.
    last: HashMap<lsp::Url, Vec<crate::Diagnostic>>,
    /// The configs and packs whose load error is shown, to clear it once they load.
    config_errors: HashSet<lsp::Url>,
    shutdown: bool,
}

fn log(msg: &str) {
    eprintln!("smplan server: {}", crate::sanitize::line(msg));
}

impl Server<'_> {
    fn main_loop(&mut self) -> Result<bool, String> {
        while let Ok(msg) = self.conn.receiver.recv() {
            match msg {
                Message::Request(req) => {
                    if self.shutdown {
                        self.reply_err(
                            req.id,
                            ErrorCode::InvalidRequest,
                            "the server is shut down",
                        );
                        continue;
                    }
                    if req.method == "shutdown" {
                        self.shutdown = true;
                        self.reply(req.id, Value::Null);
                        continue;
                    }
                    self.request(req);
                }
                Message::Notification(n) if n.method == "exit" => return Ok(self.shutdown),
                Message::Notification(n) => self.notification(n),
                Message::Response(_) => {}
            }
        }
        // Input closed: the client is gone.
        Ok(true)
    }

    fn send(&self, msg: Message) {
        if self.conn.sender.send(msg).is_err() {
            log("the client went away");
        }
    }

    fn reply(&self, id: RequestId, result: Value) {
        self.send(Message::Response(Response::new_ok(id, result)));
    }

    fn reply_err(&self, id: RequestId, code: ErrorCode, message: &str) {
        self.send(Message::Response(Response::new_err(
            id,
            code as i32,
            message.into(),
        )));
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Message::Notification(Notification::new(
            method.into(),
            params,
        )));
    }

    /// Asks the client to watch config files and packs (when it can register watchers).
    fn watch_configs(&self, params: &lsp::InitializeParams) {
        let dynamic = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        if !dynamic {
            return;
        }
        let watchers = json!({ "watchers": [
            { "globPattern": "**/smplan.toml" },
            { "globPattern": "**/.smplan.toml" },
            { "globPattern": "**/*.toml" },
        ]});
        let params = json!({ "registrations": [{
            "id": "smplan-configs",
            "method": "workspace/didChangeWatchedFiles",
            "registerOptions": watchers,
        }]});
        self.send(Message::Request(Request::new(
            RequestId::from("smplan-register".to_string()),
            "client/registerCapability".into(),
            params,
        )));
    }

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        let result = match req.method.as_str() {
            "textDocument/diagnostic" => {
                parse(req.params).map(|p: lsp::DocumentDiagnosticParams| self.pull_diagnostics(&p))
            }
            "textDocument/codeAction" => {
                parse(req.params).map(|p: lsp::CodeActionParams| self.code_actions(p))
            }
            "textDocument/hover" => parse(req.params).map(|p: lsp::HoverParams| {
                let tdp = p.text_document_position_params;
                let uri = tdp.text_document.uri.clone();
                self.with_doc(&uri, |s, text| features::hover(s, text, &uri, tdp.position))
            }),
            "textDocument/completion" => parse(req.params).map(|p: lsp::CompletionParams| {
                let tdp = p.text_document_position;
                let uri = tdp.text_document.uri.clone();
                self.with_doc(&uri, |s, text| {
                    features::completion(s, text, &uri, tdp.position)
                })
            }),
            "textDocument/definition" => parse(req.params).map(|p: lsp::GotoDefinitionParams| {
                let tdp = p.text_document_position_params;
                let uri = tdp.text_document.uri.clone();
                self.with_doc(&uri, |s, text| {
                    features::definition(s, text, &uri, tdp.position)
                })
            }),
            "textDocument/references" => parse(req.params).map(|p: lsp::ReferenceParams| {
                let tdp = p.text_document_position;
                let uri = tdp.text_document.uri.clone();
                let decl = p.context.include_declaration;
                self.with_doc(&uri, |s, text| {
                    features::references(s, text, &uri, tdp.position, decl)
                })
            }),
            "textDocument/documentSymbol" => {
                parse(req.params).map(|p: lsp::DocumentSymbolParams| {
                    self.with_doc(&p.text_document.uri, features::symbols)
                })
            }
            _ => {
                self.reply_err(id, ErrorCode::MethodNotFound, "unknown method");
                return;
            }
        };
        match result {
            Ok(v) => self.reply(id, v),
            Err(e) => self.reply_err(id, ErrorCode::InvalidParams, &e),
        }
    }

    /// Runs `f` on an open document's text; `null` for a document that is not open.
    fn with_doc(&self, uri: &lsp::Url, f: impl FnOnce(&Self, &str) -> Value) -> Value {
        match self.docs.get(uri) {
            Some(d) => f(self, &d.text),
            None => Value::Null,
        }
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(p) = parse::<lsp::DidOpenTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    self.docs.open(d.uri.clone(), d.text, d.version);
                    if self.settings_file(&d.uri) {
                        return;
                    }
                    self.changed(&d.uri);
                    // The settings may have been loaded just now: show a bad config or pack.
                    self.publish_config_errors();
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = parse::<lsp::DidChangeTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    if self
                        .docs
                        .change(&uri, p.text_document.version, p.content_changes, self.enc)
                        && !self.settings_file(&uri)
                    {
                        self.changed(&uri);
                    }
                }
            }
            "textDocument/didSave" => {
                if let Ok(p) = parse::<lsp::DidSaveTextDocumentParams>(n.params) {
                    self.saved(&p.text_document.uri);
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = parse::<lsp::DidCloseTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    self.docs.close(&uri);
                    self.settings_file(&uri);
                    self.last.remove(&uri);
                    if !self.pull {
                        self.publish(&uri, Vec::new(), None);
                    }
                }
            }
            "workspace/didChangeWatchedFiles" => {
                self.ws.reload();
                self.relint_all();
            }
            _ => {}
        }
    }

    /// A config or pack opened, changed or closed: the projects that read it load their
    /// settings again, from the open buffers over the disk (once closed, the disk), and their
    /// open plans are linted again. Returns whether `uri` is such a file.
    fn settings_file(&mut self, uri: &lsp::Url) -> bool {
        let Some(path) = Self::path(uri) else {
            return false;
        };
        let stale = self.ws.forget_readers_of(&path);
        if stale.is_empty() && !workspace::is_config(&path) {
            return false;
        }
        // Its own project too, so that a config no plan has loaded yet shows its errors.
        self.ws.settings_for(&path, &self.docs);
        let uris: Vec<lsp::Url> = self
            .docs
            .iter()
            .map(|(u, _)| u)
            .filter(|u| Self::path(u).is_some_and(|p| stale.contains(&workspace::project_of(&p))))
            .cloned()
            .collect();
        self.relint(&uris);
        true
    }

    /// The plan path behind a URI (only `file:` URIs have settings).
    fn path(uri: &lsp::Url) -> Option<PathBuf> {
        uri.to_file_path().ok()
    }

    /// The settings already loaded for a document (it was linted when opened).
    fn loaded(&self, uri: &lsp::Url) -> Option<std::sync::Arc<workspace::Loaded>> {
        self.ws.peek(&Self::path(uri)?)
    }

    /// `(code, name, summary, explain text)` of a rule, as the document's settings know it.
    fn catalog_rule(&self, uri: &lsp::Url, code: &str) -> Option<(String, String, String, String)> {
        let loaded = self.loaded(uri)?;
        let m = &loaded.settings.catalog.get(code)?.meta;
        let docs: Vec<&str> = m
            .docs
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect();
        Some((
            m.code.to_string(),
            m.name.to_string(),
            m.summary.to_string(),
            docs.join("\n").trim().to_string(),
        ))
    }

    /// The document's configured `core_goals`.
    fn core_goals(&self, uri: &lsp::Url) -> Option<Vec<String>> {
        Some(self.loaded(uri)?.settings.core_goals.clone())
    }

    /// Lints an open document (if it is a plan) and remembers its diagnostics.
    fn lint(&mut self, uri: &lsp::Url) -> Option<Vec<lsp::Diagnostic>> {
        let path = Self::path(uri)?;
        let text = self.docs.get(uri)?.text.clone();
        let loaded = self.ws.settings_for(&path, &self.docs);
        if !workspace::is_plan(&path, &loaded.settings) {
            return None;
        }
        let open = self.open_texts();
        let diags = workspace::lint_document(&loaded, &path, &text, &open);
        let out = diags.iter().map(|d| self.to_lsp(d, uri, &text)).collect();
        self.last.insert(uri.clone(), diags);
        Some(out)
    }

    fn open_texts(&self) -> HashMap<PathBuf, String> {
        self.docs
            .iter()
            .filter_map(|(u, d)| Some((Self::path(u)?, d.text.clone())))
            .collect()
    }

    fn to_lsp(&self, d: &crate::Diagnostic, uri: &lsp::Url, text: &str) -> lsp::Diagnostic {
        let other = |path: &str| {
            let p = std::fs::canonicalize(path).ok()?;
            let uri = lsp::Url::from_file_path(&p).ok()?;
            match self.docs.get(&uri) {
                Some(d) => Some(d.text.clone()),
                None => crate::source::read_text(&p, crate::source::MAX_FILE_BYTES_CAP).ok(),
            }
        };
        diagnostics::to_lsp(d, uri, text, self.enc, &other)
    }

    fn publish(&self, uri: &lsp::Url, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) {
        self.notify(
            "textDocument/publishDiagnostics",
            lsp::PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics,
                version,
            },
        );
    }

    /// After open or change: push the document's diagnostics (unless the client pulls).
    fn changed(&mut self, uri: &lsp::Url) {
        let diags = self.lint(uri);
        if self.pull {
            return;
        }
        if let Some(diags) = diags {
            let version = self.docs.get(uri).map(|d| d.version);
            self.publish(uri, diags, version);
        }
    }

    /// A saved config or pack reloads the settings and re-lints every open plan.
    fn saved(&mut self, uri: &lsp::Url) {
        let is_plan = Self::path(uri).is_some_and(|p| {
            let loaded = self.ws.settings_for(&p, &self.docs);
            workspace::is_plan(&p, &loaded.settings)
        });
        if is_plan {
            self.changed(uri);
        } else {
            self.ws.reload();
            self.relint_all();
        }
    }

    fn relint_all(&mut self) {
        let uris: Vec<lsp::Url> = self.docs.iter().map(|(u, _)| u.clone()).collect();
        self.relint(&uris);
    }

    /// Lints these documents again (after their settings changed) and shows config errors.
    fn relint(&mut self, uris: &[lsp::Url]) {
        for uri in uris {
            self.changed(uri);
        }
        self.publish_config_errors();
        if self.pull {
            self.send(Message::Request(Request::new(
                RequestId::from("smplan-refresh".to_string()),
                "workspace/diagnostic/refresh".into(),
                Value::Null,
            )));
        }
    }

    /// A config or pack that cannot be loaded shows its error in that file (pushed even to
    /// pull clients: those files are not plans they would ask about).
    fn publish_config_errors(&mut self) {
        let mut seen = Vec::new();
        for (config, loaded) in self.ws.all() {
            let Some(e) = &loaded.error else {
                if let Some(c) = config
                    .as_ref()
                    .and_then(|c| lsp::Url::from_file_path(c).ok())
                {
                    seen.push((c, Vec::new()));
                }
                continue;
            };
            let file = e
                .src
                .as_ref()
                .map(|s| PathBuf::from(s.name()))
                .or_else(|| config.clone());
            let Some(file) = file else { continue };
            // The error names the pack as the config writes it (`sub/../acme.toml`, a link):
            // show it on the open document that is that file, placed in its buffer's text.
            let target = buffers::same_file(&file);
            let open = self.docs.iter().find(|(u, _)| {
                u.to_file_path()
                    .is_ok_and(|p| buffers::same_file(&p) == target)
            });
            let (uri, text) = match open {
                Some((u, d)) => (u.clone(), d.text.clone()),
                None => {
                    let Ok(uri) = lsp::Url::from_file_path(&file) else {
                        continue;
                    };
                    let text = crate::source::read_text(&file, crate::source::CONFIG_BYTES)
                        .unwrap_or_default();
                    (uri, text)
                }
            };
            seen.push((uri, vec![diagnostics::config_error(e, &text, self.enc)]));
        }
        let shown: HashSet<lsp::Url> = seen
            .iter()
            .filter(|(_, d)| !d.is_empty())
            .map(|(u, _)| u.clone())
            .collect();
        // A pack fixed since: nothing else would clear its error.
        for uri in self.config_errors.difference(&shown) {
            if !seen.iter().any(|(u, _)| u == uri) {
                seen.push((uri.clone(), Vec::new()));
            }
        }
        self.config_errors = shown;
        for (uri, diags) in seen {
            self.publish(&uri, diags, None);
        }
    }

    fn pull_diagnostics(&mut self, p: &lsp::DocumentDiagnosticParams) -> Value {
        let items = self.lint(&p.text_document.uri).unwrap_or_default();
        json!({ "kind": "full", "items": items })
    }

    fn code_actions(&mut self, p: lsp::CodeActionParams) -> Value {
        let uri = p.text_document.uri;
        let Some(path) = Self::path(&uri) else {
            return Value::Null;
        };
        if !self.last.contains_key(&uri) {
            self.lint(&uri);
        }
        let (Some(doc), Some(diags)) = (self.docs.get(&uri), self.last.get(&uri)) else {
            return json!([]);
        };
        let text = doc.text.clone();
        let loaded = self.ws.settings_for(&path, &self.docs);
        let open = self.open_texts();
        let to_lsp = |d: &crate::Diagnostic| self.to_lsp(d, &uri, &text);
        let req = actions::Request {
            uri: &uri,
            text: &text,
            enc: self.enc,
            range: p.range,
            only: p.context.only,
            diagnostics: diags,
            to_lsp: &to_lsp,
        };
        let mut lint = |t: &str| workspace::lint_document(&loaded, &path, t, &open);
        serde_json::to_value(actions::actions(&req, &mut lint)).unwrap_or(Value::Null)
    }
}

fn parse<T: serde::de::DeserializeOwned>(params: Value) -> Result<T, String> {
    serde_json::from_value(params).map_err(|e| format!("invalid params: {e}"))
}
