//! Hover, completion and navigation over the plan's own links.

use super::Server;
use lsp_types as lsp;
use serde_json::Value;

pub fn hover(_s: &Server, _text: &str, _pos: lsp::Position) -> Value {
    Value::Null
}

pub fn completion(_s: &Server, _text: &str, _pos: lsp::Position) -> Value {
    Value::Null
}

pub fn definition(_s: &Server, _text: &str, _uri: &lsp::Url, _pos: lsp::Position) -> Value {
    Value::Null
}

pub fn references(_s: &Server, _text: &str, _uri: &lsp::Url, _pos: lsp::Position) -> Value {
    Value::Null
}

pub fn symbols(_s: &Server, _text: &str) -> Value {
    Value::Null
}
