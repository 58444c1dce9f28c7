//! `smplan server`: protocol tests spawning the binary and speaking LSP over its stdio.

mod common;

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

/// How long to wait for a message before calling the server hung (a guard, not a timing).
const HANG: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_smplan"))
            .arg("server")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("server starts");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; len.expect("Content-Length header")];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let v: Value = serde_json::from_slice(&body).expect("server sends JSON");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            rx,
            next_id: 0,
        }
    }

    /// Starts and initializes with these client capabilities.
    fn init(dir: &Path, capabilities: Value) -> (Client, Value) {
        let mut c = Client::start(dir);
        let root = url(dir);
        let r = c.request(
            "initialize",
            json!({ "capabilities": capabilities, "rootUri": root }),
        );
        c.notify("initialized", json!({}));
        (c, r)
    }

    fn send(&mut self, v: Value) {
        let body = v.to_string();
        let stdin = self.stdin.as_mut().expect("stdin open");
        let _ = write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len());
        let _ = stdin.flush();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its whole response (notifications on the way are dropped).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let m = self.recv().expect("a response");
            if m["id"] == json!(id) && m.get("method").is_none() {
                return m;
            }
        }
    }

    fn recv(&self) -> Option<Value> {
        match self.rx.recv_timeout(HANG) {
            Ok(v) => Some(v),
            Err(RecvTimeoutError::Timeout) => panic!("server sent nothing for {HANG:?}"),
            Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    /// The next `publishDiagnostics` for `uri`.
    fn diagnostics(&self, uri: &str) -> Value {
        loop {
            let m = self.recv().expect("diagnostics");
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                return m["params"].clone();
            }
        }
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "toml", "version": 1, "text": text } }),
        );
    }

    fn shutdown_and_exit(mut self) -> i32 {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null);
        self.notify("exit", Value::Null);
        self.wait()
    }

    fn wait(&mut self) -> i32 {
        self.stdin.take();
        self.child
            .wait()
            .expect("server exits")
            .code()
            .unwrap_or(-1)
    }
}

fn url(p: &Path) -> String {
    format!("file://{}", p.display())
}

fn plan_dir() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("canonical");
    (dir, root)
}

/// Codes and LSP ranges `[line, char, line, char]` of a publishDiagnostics.
fn codes_ranges(params: &Value) -> Vec<(String, [u64; 4])> {
    params["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            let r = &d["range"];
            let n = |v: &Value| v.as_u64().expect("number");
            (
                d["code"].as_str().expect("code").to_string(),
                [
                    n(&r["start"]["line"]),
                    n(&r["start"]["character"]),
                    n(&r["end"]["line"]),
                    n(&r["end"]["character"]),
                ],
            )
        })
        .collect()
}

/// The quoted-dates fixture with an emoji and Cyrillic before the quoted date on one line.
fn broken_plan() -> String {
    common::fixture("fixes/pl005_quoted_dates.plan.toml").replace(
        "start = \"2027-01-01\"",
        "start = \"2027-01-01\"; x = \"😀 план\"",
    )
}

fn emoji_plan() -> String {
    // Same line: the emoji (2 UTF-16 units, 4 bytes) and Cyrillic (1 unit, 2 bytes each)
    // come before the diagnostic's span.
    common::fixture("fixes/pl005_quoted_dates.plan.toml").replace(
        "start = \"2027-01-01\"",
        "start = { x = \"😀 план\", y = \"2027-01-01\" }",
    )
}

#[test]
fn initialize_shutdown_exit() {
    let (dir, _) = plan_dir();
    let (c, r) = Client::init(dir.path(), json!({}));
    let caps = &r["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2);
    assert_eq!(caps["diagnosticProvider"], Value::Null);
    assert_eq!(r["result"]["serverInfo"]["name"], "smplan");
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn exit_without_shutdown_is_status_1_and_closed_input_is_status_0() {
    let (dir, _) = plan_dir();
    let (mut c, _) = Client::init(dir.path(), json!({}));
    c.notify("exit", Value::Null);
    assert_eq!(c.wait(), 1);
    let (mut c, _) = Client::init(dir.path(), json!({}));
    assert_eq!(c.wait(), 0);
    // Even before `initialize`.
    let mut c = Client::start(dir.path());
    assert_eq!(c.wait(), 0);
}

#[test]
fn pushes_diagnostics_with_version_and_utf16_positions() {
    let (_d, root) = plan_dir();
    let path = root.join("care.plan.toml");
    let text = broken_plan();
    std::fs::write(&path, &text).expect("write");
    let (mut c, _) = Client::init(&root, json!({}));
    let uri = url(&path);
    c.open(&uri, &text);
    let p = c.diagnostics(&uri);
    assert_eq!(p["version"], 1);
    // Line 6: `start = "2027-01-01"; x = "😀 план"` is not TOML; PL001 at the `;`.
    assert_eq!(
        codes_ranges(&p),
        vec![("PL001".to_string(), [6, 20, 6, 20])]
    );
    let d = &p["diagnostics"][0];
    assert_eq!(d["source"], "smplan");
    assert_eq!(d["severity"], 1);
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn ranges_after_emoji_and_cyrillic_in_utf16_and_utf8() {
    let (_d, root) = plan_dir();
    let path = root.join("care.plan.toml");
    let text = emoji_plan();
    let uri = url(&path);
    // PL005 spans the inline table `{ x = "😀 план", y = "2027-01-01" }` from column 8: its
    // end lies after the emoji (2 UTF-16 units, 4 bytes) and the Cyrillic (1 unit, 2 bytes
    // each): 35 units or 41 bytes.
    for (caps, enc, end) in [
        (json!({}), "utf-16", 43),
        (
            json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } }),
            "utf-8",
            49,
        ),
    ] {
        let (mut c, r) = Client::init(&root, caps);
        assert_eq!(r["result"]["capabilities"]["positionEncoding"], enc);
        c.open(&uri, &text);
        let p = c.diagnostics(&uri);
        assert_eq!(
            codes_ranges(&p),
            vec![
                ("PL005".to_string(), [6, 8, 6, end]),
                ("PL005".to_string(), [27, 13, 27, 25]),
            ],
            "{enc}"
        );
        assert_eq!(c.shutdown_and_exit(), 0);
    }
}

fn change(c: &mut Client, uri: &str, version: i64, range: [u64; 4], text: &str) {
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{
                "range": {
                    "start": { "line": range[0], "character": range[1] },
                    "end": { "line": range[2], "character": range[3] },
                },
                "text": text,
            }],
        }),
    );
}

#[test]
fn incremental_and_full_changes_relint_with_their_version() {
    let (_d, root) = plan_dir();
    let path = root.join("care.plan.toml");
    let uri = url(&path);
    let (mut c, _) = Client::init(&root, json!({}));
    let text = common::fixture("fixes/pl005_quoted_dates.plan.toml");
    c.open(&uri, &text);
    assert_eq!(codes_ranges(&c.diagnostics(&uri)).len(), 2);
    // Unquote `"2027-01-01"` on line 6 (columns 8..20) in one edit.
    change(&mut c, &uri, 2, [6, 8, 6, 20], "2027-01-01");
    let p = c.diagnostics(&uri);
    assert_eq!(p["version"], 2);
    assert_eq!(
        codes_ranges(&p),
        vec![("PL005".to_string(), [27, 13, 27, 25])]
    );
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 3 },
            "contentChanges": [{ "text": "not = [toml" }],
        }),
    );
    let p = c.diagnostics(&uri);
    assert_eq!(p["version"], 3);
    assert_eq!(codes_ranges(&p)[0].0, "PL001");
    // Closing clears the document's diagnostics.
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(c.diagnostics(&uri)["diagnostics"], json!([]));
    assert_eq!(c.shutdown_and_exit(), 0);
}

/// Ranges of diagnostics without codes (config errors).
fn codes_ranges_loose(p: &Value) -> Vec<[u64; 4]> {
    ranges(&p["diagnostics"])
}

#[test]
fn pull_clients_get_diagnostics_on_request_and_never_pushed() {
    let (_d, root) = plan_dir();
    let path = root.join("care.plan.toml");
    let uri = url(&path);
    let (mut c, r) = Client::init(&root, json!({ "textDocument": { "diagnostic": {} } }));
    assert_eq!(
        r["result"]["capabilities"]["diagnosticProvider"]["identifier"],
        "smplan"
    );
    c.open(&uri, &common::fixture("fixes/pl005_quoted_dates.plan.toml"));
    let r = c.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(r["result"]["kind"], "full");
    assert_eq!(
        codes_ranges(&json!({ "diagnostics": r["result"]["items"] })),
        vec![
            ("PL005".to_string(), [6, 8, 6, 20]),
            ("PL005".to_string(), [27, 13, 27, 25]),
        ]
    );
    // Nothing was pushed before the response: shut down and read what is left.
    let _ = c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
    while let Ok(m) = c.rx.recv_timeout(HANG) {
        assert_ne!(m["method"], "textDocument/publishDiagnostics", "{m}");
    }
    assert_eq!(c.wait(), 0);
}

#[test]
fn settings_per_document_from_the_nearest_config_and_reloaded_on_save() {
    let (_d, root) = plan_dir();
    let sub = root.join("team");
    std::fs::create_dir(&sub).expect("mkdir");
    let config = sub.join("smplan.toml");
    std::fs::write(&config, "[rules]\nPL005 = \"warning\"\n").expect("write");
    let text = common::fixture("fixes/pl005_quoted_dates.plan.toml");
    let (mut c, _) = Client::init(&root, json!({}));
    let here = url(&root.join("care.plan.toml"));
    let there = url(&sub.join("care.plan.toml"));
    c.open(&here, &text);
    let sev = |p: &Value| p["diagnostics"][0]["severity"].clone();
    assert_eq!(sev(&c.diagnostics(&here)), 1);
    c.open(&there, &text);
    assert_eq!(sev(&c.diagnostics(&there)), 2);
    // A config that loads shows no diagnostics in itself.
    assert_eq!(c.diagnostics(&url(&config))["diagnostics"], json!([]));
    // The config changes on disk and is saved: open plans are linted again with it.
    std::fs::write(&config, "[rules]\nPL005 = \"info\"\n").expect("write");
    c.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": url(&config) } }),
    );
    assert_eq!(sev(&c.diagnostics(&there)), 3);
    assert_eq!(c.diagnostics(&url(&config))["diagnostics"], json!([]));
    // A broken config is a diagnostic in the config file; its plans fall back to the defaults.
    std::fs::write(&config, "[rules]\nPL005 = \"loud\"\n").expect("write");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": url(&config), "type": 2 }] }),
    );
    let p = c.diagnostics(&url(&config));
    let d = &p["diagnostics"][0];
    assert_eq!(d["source"], "smplan");
    assert!(d["message"].as_str().unwrap_or("").contains("loud"), "{d}");
    assert_eq!(c.shutdown_and_exit(), 0);
    // A broken config found when a plan is opened shows at once.
    let (_d2, root2) = plan_dir();
    let config2 = root2.join(".smplan.toml");
    std::fs::write(&config2, "bogus_key = 1\n").expect("write");
    let (mut c2, _) = Client::init(&root2, json!({}));
    c2.open(
        &url(&root2.join("p.plan.toml")),
        &common::fixture("fixes/pl005_quoted_dates.plan.toml"),
    );
    let p = c2.diagnostics(&url(&config2));
    assert_eq!(codes_ranges_loose(&p), vec![[0, 0, 0, 9]]);
    assert_eq!(c2.shutdown_and_exit(), 0);
}

/// The quoted-dates fixture with a second goal and a tactic citing both.
fn linked_plan() -> String {
    common::fixture("fixes/pl005_quoted_dates.plan.toml")
        .replace("goals = [\"deflect\"]", "goals = [\"deflect\", \"listen\"]")
        + "\n[[goal]]\nid = \"listen\"\nstatement = \"Hear what customers say\"\nsupports = [\"A\"]\n"
}

fn at(uri: &str, line: u64, character: u64) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } })
}

fn opened(text: &str) -> (tempfile::TempDir, Client, String) {
    let (d, root) = plan_dir();
    let uri = url(&root.join("care.plan.toml"));
    let (mut c, _) = Client::init(&root, json!({}));
    c.open(&uri, text);
    let _ = c.diagnostics(&uri);
    (d, c, uri)
}

fn ranges(v: &Value) -> Vec<[u64; 4]> {
    codes_ranges(
        &json!({ "diagnostics": v.as_array().expect("array").iter().map(|l| {
        json!({ "code": "", "range": l["range"] })
    }).collect::<Vec<_>>() }),
    )
    .into_iter()
    .map(|(_, r)| r)
    .collect()
}

#[test]
fn code_actions_fix_suppress_and_fix_all() {
    let text = common::fixture("fixes/pl005_quoted_dates.plan.toml");
    let (_d, mut c, uri) = opened(&text);
    let r = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri },
                "range": { "start": { "line": 6, "character": 10 }, "end": { "line": 6, "character": 10 } },
                "context": { "diagnostics": [] } }),
    );
    let actions = r["result"].as_array().expect("actions").clone();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        titles,
        vec![
            "write the date without quotes: `2027-01-01` (PL005)",
            "suppress PL005 on this line",
            "suppress PL005 in this file",
            "fix every safe problem (smplan)",
        ]
    );
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(actions[0]["diagnostics"][0]["code"], "PL005");
    let edit = &actions[0]["edit"]["changes"][&uri][0];
    assert_eq!(edit["newText"], "2027-01-01");
    assert_eq!(ranges(&json!([edit])), vec![[6, 8, 6, 20]]);
    assert_eq!(actions[1]["isPreferred"], Value::Null);
    let line = &actions[1]["edit"]["changes"][&uri][0];
    assert_eq!(line["newText"], "  # smplan-ignore: PL005");
    assert_eq!(ranges(&json!([line])), vec![[6, 20, 6, 20]]);
    let file = &actions[2]["edit"]["changes"][&uri][0];
    assert_eq!(file["newText"], "# smplan-ignore-file: PL005\n");
    assert_eq!(actions[3]["kind"], "source.fixAll.smplan");
    // Only the fix-all kind, as editors ask on save.
    let r = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri },
                "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
                "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
    );
    let all = r["result"].as_array().expect("actions");
    assert_eq!(all.len(), 1);
    let e = &all[0]["edit"]["changes"][&uri][0];
    // One edit from the first date to the last: both unquoted, the comment kept.
    assert_eq!(ranges(&json!([e])), vec![[6, 8, 27, 25]]);
    let new = e["newText"].as_str().expect("text");
    assert!(
        new.starts_with("2027-01-01\n") && new.ends_with("deadline = 2027-12-31"),
        "{new}"
    );
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn hover_on_keys_letters_ids_and_diagnostics() {
    let (_d, mut c, uri) = opened(&linked_plan());
    let hover = |c: &mut Client, l, ch| {
        c.request("textDocument/hover", at(&uri, l, ch))["result"]["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(
        hover(&mut c, 5, 1),
        "`scope`: the business area the plan covers (step 1: scope)"
    );
    assert_eq!(
        hover(&mut c, 17, 13),
        "business goal **A**: Cut the cost of handling a customer contact"
    );
    assert_eq!(
        hover(&mut c, 33, 23),
        "goal **listen**: Hear what customers say"
    );
    let diag = hover(&mut c, 6, 12);
    assert!(diag.starts_with("**PL005 "), "{diag}");
    assert_eq!(
        hover(&mut c, 1, 0),
        "`smplan`: the format version: `1` (the file)"
    );
    assert_eq!(
        c.request("textDocument/hover", at(&uri, 2, 0))["result"],
        Value::Null
    );
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn completion_keys_values_letters_ids_and_snippets() {
    let text = linked_plan()
        .replace("direction = \"increase\"", "direction = \"\"")
        .replace(
            "goals = [\"deflect\", \"listen\"]",
            "goals = [\"deflect\", ]",
        );
    let (_d, mut c, uri) = opened(&text);
    let labels = |c: &mut Client, l, ch| -> Vec<String> {
        let r = c.request("textDocument/completion", at(&uri, l, ch));
        r["result"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| {
                format!(
                    "{}={}",
                    i["label"].as_str().unwrap_or(""),
                    i["insertText"].as_str().unwrap_or("")
                )
            })
            .collect()
    };
    assert_eq!(
        labels(&mut c, 26, 15),
        vec![
            "increase=increase",
            "decrease=decrease",
            "maintain=maintain"
        ]
    );
    // After `goals = ["deflect", ` outside quotes: ids come quoted.
    assert_eq!(
        labels(&mut c, 33, 20),
        vec!["deflect=\"deflect\"", "listen=\"listen\""]
    );
    let kpi = labels(&mut c, 22, 0);
    assert_eq!(kpi[2], "core_goal=core_goal = ");
    assert!(
        kpi.iter()
            .any(|l| l.starts_with("[[goal.kpi]]=[[goal.kpi]]\nid = \"$1\"")),
        "{kpi:?}"
    );
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn completion_offers_the_configured_core_goals() {
    let (_d, root) = plan_dir();
    std::fs::write(
        root.join("smplan.toml"),
        "core_goals = [\"grow-members\", \"cut-costs\"]\n",
    )
    .expect("write");
    let uri = url(&root.join("care.plan.toml"));
    let (mut c, _) = Client::init(&root, json!({}));
    let text = common::fixture("fixes/pl005_quoted_dates.plan.toml")
        .replace("core_goal = \"reduce-costs\"", "core_goal = \"\"");
    c.open(&uri, &text);
    let _ = c.diagnostics(&uri);
    let r = c.request("textDocument/completion", at(&uri, 22, 15));
    let labels: Vec<&str> = r["result"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["label"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(labels, vec!["grow-members", "cut-costs"]);
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn definition_references_and_symbols() {
    let (_d, mut c, uri) = opened(&linked_plan());
    // From `"A"` in supports to the `A` of [business_goals] (line 12).
    let r = c.request("textDocument/definition", at(&uri, 17, 13));
    assert_eq!(ranges(&json!([r["result"]])), vec![[12, 0, 12, 1]]);
    // From `"listen"` in tactic.goals to its [[goal]] header (line 36).
    let r = c.request("textDocument/definition", at(&uri, 33, 23));
    assert_eq!(ranges(&json!([r["result"]])), vec![[36, 0, 36, 8]]);
    let mut p = at(&uri, 12, 0);
    p["context"] = json!({ "includeDeclaration": true });
    let r = c.request("textDocument/references", p);
    assert_eq!(
        ranges(&r["result"]),
        vec![[12, 0, 12, 1], [17, 13, 17, 14], [39, 13, 39, 14]]
    );
    let mut p = at(&uri, 15, 7);
    p["context"] = json!({ "includeDeclaration": false });
    let r = c.request("textDocument/references", p);
    assert_eq!(ranges(&r["result"]), vec![[33, 10, 33, 17]]);
    let r = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    let names: Vec<String> = r["result"]
        .as_array()
        .expect("symbols")
        .iter()
        .map(|s| {
            let kids: Vec<&str> = s["children"].as_array().map_or(vec![], |k| {
                k.iter().map(|k| k["name"].as_str().unwrap_or("")).collect()
            });
            format!("{}{:?}", s["name"].as_str().unwrap_or(""), kids)
        })
        .collect();
    assert_eq!(
        names,
        vec![
            "Care plan 2027[]",
            "business goals[\"A: Cut the cost of handling a customer contact\"]",
            "goal deflect[\"kpi phone-deflection\"]",
            "tactic public-faq-replies[]",
            "goal listen[]",
        ]
    );
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn bad_documents_unknown_methods_and_rapid_edits() {
    let (_d, root) = plan_dir();
    let uri = url(&root.join("care.plan.toml"));
    let (mut c, _) = Client::init(&root, json!({}));
    // Not TOML, NUL bytes, huge: each a diagnostic, never a crash.
    c.open(&uri, "[plan\ntitle = ");
    assert_eq!(codes_ranges(&c.diagnostics(&uri))[0].0, "PL001");
    change_full(&mut c, &uri, 2, "smplan = 1\0\n");
    assert_eq!(codes_ranges(&c.diagnostics(&uri))[0].0, "PL001");
    change_full(&mut c, &uri, 3, &"# padding\n".repeat(600_000));
    assert_eq!(
        codes_ranges(&c.diagnostics(&uri)),
        vec![("PL002".to_string(), [0, 0, 0, 0])]
    );
    // Unknown requests get MethodNotFound; unknown notifications are ignored; bad params
    // are InvalidParams.
    let r = c.request("smplan/nonsense", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    c.notify("smplan/whatever", json!({ "x": 1 }));
    let r = c.request("textDocument/hover", json!({ "nope": true }));
    assert_eq!(r["error"]["code"], -32602);
    // 200 rapid incremental edits: the last version's diagnostics are the text's.
    let text = common::fixture("fixes/pl005_quoted_dates.plan.toml");
    change_full(&mut c, &uri, 4, &text);
    for v in 5..205 {
        change(
            &mut c,
            &uri,
            v,
            [1, 0, 1, 0],
            if v % 2 == 0 { "\n" } else { "# x\n" },
        );
    }
    let mut last = Value::Null;
    while last["version"] != 204 {
        last = c.diagnostics(&uri);
    }
    // 100 inserted "\n" and 100 "# x\n" lines push the quoted dates down by 200 lines.
    assert_eq!(
        codes_ranges(&last),
        vec![
            ("PL005".to_string(), [206, 8, 206, 20]),
            ("PL005".to_string(), [227, 13, 227, 25])
        ]
    );
    // Requests on a document that is not open answer null.
    let r = c.request("textDocument/hover", at("file:///nowhere.plan.toml", 0, 0));
    assert_eq!(r["result"], Value::Null);
    assert_eq!(c.shutdown_and_exit(), 0);
}

fn change_full(c: &mut Client, uri: &str, version: i64, text: &str) {
    c.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
    );
}

#[test]
fn cross_file_rules_see_the_project_with_open_buffers_first() {
    let (_d, root) = plan_dir();
    let plan = common::fixture("fixes/pl005_quoted_dates.plan.toml.fixed");
    std::fs::write(root.join("a.plan.toml"), &plan).expect("write");
    let (mut c, _) = Client::init(&root, json!({}));
    let b = url(&root.join("b.plan.toml"));
    c.open(&b, &plan);
    let p = c.diagnostics(&b);
    assert_eq!(codes_ranges(&p), vec![("SC003".to_string(), [5, 8, 5, 26])]);
    let rel = &p["diagnostics"][0]["relatedInformation"][0];
    assert_eq!(rel["location"]["uri"], url(&root.join("a.plan.toml")));
    assert_eq!(rel["message"], "another plan of the project");
    // `a` opened with another scope, unsaved: the buffer wins over the disk.
    let a = url(&root.join("a.plan.toml"));
    c.open(
        &a,
        &plan.replace("scope = \"customer-service\"", "scope = \"sales\""),
    );
    let _ = c.diagnostics(&a);
    change(&mut c, &b, 2, [0, 0, 0, 0], "");
    assert_eq!(codes_ranges(&c.diagnostics(&b)), vec![]);
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn unused_suppressions_are_tagged_unnecessary_and_codes_link_to_docs() {
    let plan = common::fixture("fixes/pl005_quoted_dates.plan.toml.fixed")
        .replace("smplan = 1", "smplan = 1  # smplan-ignore: KP002");
    let (_d, c, _uri) = opened_keep(&plan);
    let p = &c.1;
    let d = &p["diagnostics"][0];
    assert_eq!(d["code"], "SU001");
    assert_eq!(d["tags"], json!([1]));
    assert_eq!(
        d["codeDescription"]["href"],
        "https://github.com/smplan/smplan/blob/main/docs/rules.md#su--suppressions"
    );
    assert_eq!(c.0.shutdown_and_exit(), 0);
}

/// Like [`opened`], keeping the first diagnostics.
fn opened_keep(text: &str) -> (tempfile::TempDir, (Client, Value), String) {
    let (d, root) = plan_dir();
    let uri = url(&root.join("care.plan.toml"));
    let (mut c, _) = Client::init(&root, json!({}));
    c.open(&uri, text);
    let p = c.diagnostics(&uri);
    (d, (c, p), uri)
}

#[test]
fn other_toml_files_are_not_linted() {
    let (_d, root) = plan_dir();
    let (mut c, _) = Client::init(&root, json!({}));
    c.open(&url(&root.join("Cargo.toml")), "not [ toml");
    let plan = url(&root.join("care.plan.toml"));
    c.open(&plan, "not [ toml");
    // The first diagnostics published are the plan's: nothing for Cargo.toml.
    let m = c.recv().expect("a message");
    assert_eq!(m["params"]["uri"], plan);
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn an_open_config_buffer_gives_the_settings_as_it_is_typed() {
    let (_d, root) = plan_dir();
    let config = root.join("smplan.toml");
    std::fs::write(&config, "[rules]\nPL005 = \"warning\"\n").expect("write");
    let (mut c, _) = Client::init(&root, json!({}));
    let plan = url(&root.join("care.plan.toml"));
    c.open(
        &plan,
        &common::fixture("fixes/pl005_quoted_dates.plan.toml"),
    );
    let sev = |p: &Value| p["diagnostics"][0]["severity"].clone();
    assert_eq!(sev(&c.diagnostics(&plan)), 2);
    let cfg = url(&config);
    c.open(&cfg, "[rules]\nPL005 = \"warning\"\n");
    assert_eq!(sev(&c.diagnostics(&plan)), 2);
    // Typed, not saved: the plan is linted with the buffer's settings.
    change(&mut c, &cfg, 2, [1, 9, 1, 16], "info");
    assert_eq!(sev(&c.diagnostics(&plan)), 3);
    assert_eq!(
        std::fs::read_to_string(&config).ok().as_deref(),
        Some("[rules]\nPL005 = \"warning\"\n")
    );
    // Closed unsaved: the disk's settings again.
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": cfg } }),
    );
    assert_eq!(sev(&c.diagnostics(&plan)), 2);
    assert_eq!(c.shutdown_and_exit(), 0);
}

/// The document that comes first in path order is reported too, as `smplan lint` on it is.
#[test]
fn cross_file_rules_report_the_first_plan_in_path_order() {
    let (_d, root) = plan_dir();
    let plan = common::fixture("fixes/pl005_quoted_dates.plan.toml.fixed");
    std::fs::write(root.join("b.plan.toml"), &plan).expect("write");
    let (mut c, _) = Client::init(&root, json!({}));
    let a = url(&root.join("a.plan.toml"));
    c.open(&a, &plan);
    let p = c.diagnostics(&a);
    assert_eq!(codes_ranges(&p), vec![("SC003".to_string(), [5, 8, 5, 26])]);
    let rel = &p["diagnostics"][0]["relatedInformation"][0];
    assert_eq!(rel["location"]["uri"], url(&root.join("b.plan.toml")));
    assert_eq!(c.shutdown_and_exit(), 0);
}

/// A pack whose rule ACME001 asks each KPI for the key `require`.
fn acme_pack(require: &str) -> String {
    format!(
        "[pack]\nname = \"acme\"\n\n[[rule]]\ncode = \"ACME001\"\nname = \"kpi-without-source\"\n\
         severity = \"warning\"\nsummary = \"every KPI says where its number comes from\"\n\
         select = \"goal[*].kpi[*]\"\nmessage = \"KPI `{{id}}` has no {require}\"\n\
         require = [\"{require}\"]\n"
    )
}

/// A project whose config names `acme.toml` (on disk asking for `id`, which every KPI has),
/// with a clean plan and the pack open; returns the plan's and the pack's URIs.
fn pack_project() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    Client,
    String,
    String,
) {
    let (d, root) = plan_dir();
    std::fs::write(root.join("smplan.toml"), "packs = [\"acme.toml\"]\n").expect("write");
    std::fs::write(root.join("acme.toml"), acme_pack("id")).expect("write");
    let (mut c, _) = Client::init(&root, json!({}));
    let plan = url(&root.join("care.plan.toml"));
    c.open(
        &plan,
        &common::fixture("fixes/pl005_quoted_dates.plan.toml.fixed"),
    );
    assert_eq!(codes_ranges(&c.diagnostics(&plan)), vec![]);
    let config = url(&root.join("smplan.toml"));
    assert_eq!(c.diagnostics(&config)["diagnostics"], json!([]));
    let pack = url(&root.join("acme.toml"));
    c.open(&pack, &acme_pack("id"));
    assert_eq!(c.diagnostics(&config)["diagnostics"], json!([]));
    (d, root, c, plan, pack)
}

/// ACME001 on the plan's one KPI.
fn acme001() -> Vec<(String, [u64; 4])> {
    vec![("ACME001".to_string(), [19, 2, 19, 14])]
}

#[test]
fn an_unsaved_pack_buffer_gives_its_rules_to_the_plans() {
    let (_d, root, mut c, plan, pack) = pack_project();
    change_full(&mut c, &pack, 2, &acme_pack("source"));
    let p = c.diagnostics(&plan);
    assert_eq!(codes_ranges(&p), acme001());
    assert_eq!(
        p["diagnostics"][0]["message"],
        "KPI `phone-deflection` has no source"
    );
    assert_eq!(
        std::fs::read_to_string(root.join("acme.toml")).ok(),
        Some(acme_pack("id"))
    );
    assert_eq!(c.shutdown_and_exit(), 0);
}

/// While a pack buffer does not load, its plans keep the last settings that loaded: a pack is
/// broken at nearly every keystroke while typed, and dropping its rules (or the whole config,
/// as the defaults would) each time would make the plans' diagnostics flicker. The command
/// line, which has no keystrokes, refuses the run instead (exit 2).
#[test]
fn a_broken_pack_buffer_is_shown_on_the_pack_as_the_cli_shows_it() {
    let (_d, _root, mut c, plan, pack) = pack_project();
    change_full(&mut c, &pack, 2, &acme_pack("source"));
    assert_eq!(codes_ranges(&c.diagnostics(&plan)), acme001());
    let broken = acme_pack("source").replace("\"goal[*].kpi[*]\"", "\"goals[*]\"");
    change_full(&mut c, &pack, 3, &broken);
    assert_eq!(codes_ranges(&c.diagnostics(&plan)), acme001());
    let p = c.diagnostics(&pack);
    assert_eq!(codes_ranges_loose(&p), vec![[8, 9, 8, 19]]);
    let message = p["diagnostics"][0]["message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("`goals[*]` is not a selector\nhelp: "),
        "{message}"
    );
    // The same error as `smplan lint` gives for that file saved.
    let (_d2, saved) = plan_dir();
    std::fs::write(saved.join("smplan.toml"), "packs = [\"acme.toml\"]\n").expect("write");
    std::fs::write(saved.join("acme.toml"), &broken).expect("write");
    let cli = std::process::Command::new(env!("CARGO_BIN_EXE_smplan"))
        .args(["lint", "."])
        .current_dir(&saved)
        .output()
        .expect("runs");
    assert_eq!(cli.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&cli.stderr);
    assert!(stderr.contains("acme.toml:9:10"), "{stderr}");
    for line in message.lines() {
        assert!(stderr.contains(line), "{line:?} not in {stderr}");
    }
    // Fixed: the error goes, the plans get the buffer's rules.
    change_full(&mut c, &pack, 4, &acme_pack("unit"));
    assert_eq!(codes_ranges(&c.diagnostics(&plan)), vec![]);
    assert_eq!(c.diagnostics(&pack)["diagnostics"], json!([]));
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn a_broken_pack_named_through_a_detour_is_shown_on_the_open_pack() {
    let (_d, root) = plan_dir();
    std::fs::create_dir(root.join("sub")).expect("mkdir");
    std::fs::write(root.join("smplan.toml"), "packs = [\"sub/../acme.toml\"]\n").expect("write");
    std::fs::write(root.join("acme.toml"), acme_pack("id")).expect("write");
    let (mut c, _) = Client::init(&root, json!({}));
    let plan = url(&root.join("care.plan.toml"));
    c.open(
        &plan,
        &common::fixture("fixes/pl005_quoted_dates.plan.toml.fixed"),
    );
    assert_eq!(codes_ranges(&c.diagnostics(&plan)), vec![]);
    let pack = url(&root.join("acme.toml"));
    c.open(&pack, &acme_pack("id"));
    let broken = acme_pack("source").replace("\"goal[*].kpi[*]\"", "\"goals[*]\"");
    change_full(&mut c, &pack, 2, &broken);
    // Published on the document the editor has open, placed in its buffer.
    assert_eq!(
        codes_ranges_loose(&c.diagnostics(&pack)),
        vec![[8, 9, 8, 19]]
    );
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn closing_an_unsaved_pack_gives_the_disk_version_back() {
    let (_d, _root, mut c, plan, pack) = pack_project();
    change_full(&mut c, &pack, 2, &acme_pack("source"));
    assert_eq!(codes_ranges(&c.diagnostics(&plan)), acme001());
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": pack } }),
    );
    assert_eq!(codes_ranges(&c.diagnostics(&plan)), vec![]);
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn a_pack_not_saved_yet_loads_from_its_buffer() {
    let (_d, root) = plan_dir();
    std::fs::write(root.join("smplan.toml"), "packs = [\"acme.toml\"]\n").expect("write");
    let (mut c, _) = Client::init(&root, json!({}));
    let plan = url(&root.join("care.plan.toml"));
    c.open(
        &plan,
        &common::fixture("fixes/pl005_quoted_dates.plan.toml.fixed"),
    );
    assert_eq!(codes_ranges(&c.diagnostics(&plan)), vec![]);
    let config = url(&root.join("smplan.toml"));
    let p = c.diagnostics(&config);
    let message = p["diagnostics"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("does not exist"), "{message}");
    c.open(&url(&root.join("acme.toml")), &acme_pack("source"));
    assert_eq!(codes_ranges(&c.diagnostics(&plan)), acme001());
    assert_eq!(c.diagnostics(&config)["diagnostics"], json!([]));
    assert_eq!(c.shutdown_and_exit(), 0);
}

/// A process limit on threads (`ulimit -u`; set for an unprivileged user, as root is exempt):
/// the server cannot start its input and output threads, and says so with exit 2 (lsp-server's
/// own transport panicked).
#[cfg(target_os = "linux")]
#[test]
fn a_limit_on_threads_is_an_error_not_a_panic() {
    let run = |nproc: Option<&str>| {
        common::smplan_with_thread_limit(nproc, 60)
            .arg("server")
            .current_dir("/")
            .stdin(Stdio::null())
            .output()
    };
    // Input closed before `initialize`: without a limit the server has nothing to serve (exit 0).
    match run(None) {
        Ok(out) if out.status.code() == Some(0) => {}
        _ => {
            eprintln!(
                "skipped: prlimit and setpriv cannot run smplan as an unprivileged user here"
            );
            return;
        }
    }
    // One task for the user: the process itself, and no thread; then one thread (the writer
    // starts, the reader does not, and the writer must still be ended and joined).
    for nproc in ["1", "2"] {
        let limited = run(Some(nproc)).expect("timeout and prlimit run");
        let stderr = String::from_utf8_lossy(&limited.stderr);
        assert_eq!(limited.status.code(), Some(2), "--nproc={nproc}: {stderr}");
        assert!(!stderr.contains("panicked"), "--nproc={nproc}: {stderr}");
        assert!(
            stderr
                .contains("language server: cannot start a thread for standard input and output: "),
            "--nproc={nproc}: {stderr}"
        );
        assert!(limited.stdout.is_empty(), "--nproc={nproc}");
    }
}
