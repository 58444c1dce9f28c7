//! The `smplan` command line: parses arguments, runs the library, renders, exits.

// Config errors carry their source text for miette; they are rare and returned once per run.
#![allow(clippy::result_large_err)]
// `print!` panics when stdout is a closed pipe (`smplan rules | head`): write through `cli::emit`.
#![deny(clippy::print_stdout)]

// Parsing and the model allocate many small strings; mimalloc makes that cheap on every core.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
