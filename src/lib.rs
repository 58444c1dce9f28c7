//! smplan: a linter for social media strategic plans (`*.plan.toml`).
//!
//! The library returns data; the `smplan` binary renders it.

// Config errors carry their source text for miette; they are rare and returned once per run.
#![allow(clippy::result_large_err)]

pub mod baseline;
pub mod catalog;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod docs_tables;
pub mod error;
pub mod examples;
pub mod fix;
pub mod graph;
pub mod history;
pub mod item;
pub mod lint;
pub mod model;
pub mod packs;
pub mod parallel;
pub mod report;
pub mod rules;
pub mod sanitize;
pub mod server;
pub mod settle;
pub mod show_settings;
pub mod source;
pub mod suggest;
pub mod summary;
pub mod suppress;
pub mod word_lists;
pub mod words;

pub use diagnostic::{Diagnostic, Severity};
