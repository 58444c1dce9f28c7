//! The `smplan` command line: parses arguments, runs the library, renders, exits.

// Config errors carry their source text for miette; they are rare and returned once per run.
#![allow(clippy::result_large_err)]

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
