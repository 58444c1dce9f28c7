//! `smplan graph`: the plan's tree as a Mermaid flowchart or a Graphviz digraph.

use super::{ColorChoice, Failure, Global, load_settings, report_error};
use clap::ValueEnum;
use smplan::config::ConfigError;
use smplan::discover::Candidate;
use smplan::lint::{FileResult, Input, Options, Outcome, Summary, lint, parse_plan};
use smplan::report;
use smplan::source;
use std::io::{Read, Write};
use std::path::PathBuf;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    /// A Mermaid `flowchart` (renders on GitHub in a ```mermaid block).
    Mermaid,
    /// A Graphviz digraph (`dot -Tsvg`).
    Dot,
}

#[derive(clap::Args, Debug)]
pub struct GraphArgs {
    /// The plan file; `-` reads it from standard input.
    #[arg(value_name = "PLAN")]
    pub plan: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
    pub format: GraphFormat,
}

pub fn run(args: &GraphArgs, global: &Global) -> Result<u8, Failure> {
    let settings = load_settings(global)?;
    let stdin = args.plan.as_os_str() == "-";
    let (input, name, rel) = if stdin {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            report_error(ConfigError::plain(format!(
                "cannot read standard input: {e}"
            )));
            return Err(Failure);
        }
        let name = "<stdin>".to_string();
        let rel = settings.relative(std::path::Path::new(&name));
        (
            Input::Stdin {
                name: name.clone(),
                bytes,
            },
            name,
            rel,
        )
    } else {
        let path = &args.plan;
        if std::fs::metadata(path).is_err() && std::fs::symlink_metadata(path).is_err() {
            report_error(ConfigError::plain(format!(
                "path `{}` does not exist",
                path.display()
            )));
            return Err(Failure);
        }
        if path.is_dir() {
            report_error(ConfigError::plain(format!(
                "`{}` is a folder: `smplan graph` draws one plan file",
                path.display()
            )));
            return Err(Failure);
        }
        let display = path.to_string_lossy();
        let display = display.strip_prefix("./").unwrap_or(&display).to_string();
        let rel = settings.relative(path);
        let c = Candidate {
            display: display.clone(),
            path: path.clone(),
            rel: rel.clone(),
        };
        (Input::File(c), display, rel)
    };
    let limit = settings.for_path(&rel).limits.max_file_bytes;
    // Read the text the same way `lint` does; keep the bytes of standard input for the lint run.
    let (text, input) = match input {
        Input::Stdin { name, bytes } => {
            let text = if bytes.len() as u64 > limit {
                Err(source::ReadError::TooLarge {
                    size: bytes.len() as u64,
                    limit,
                })
            } else {
                source::bytes_to_text(bytes.clone())
            };
            (text, Input::Stdin { name, bytes })
        }
        Input::File(c) => (source::read_text(&c.path, limit), Input::File(c)),
        Input::Edited { file, text } => (Ok(text.clone()), Input::Edited { file, text }),
    };
    let parsed = text.as_ref().ok().map(|t| (t, parse_plan(t)));
    match parsed {
        Some((_, Ok(plan))) => {
            let g = smplan::graph::build(&plan);
            let out = match args.format {
                GraphFormat::Mermaid => smplan::graph::mermaid(&g),
                GraphFormat::Dot => smplan::graph::dot(&g),
            };
            let mut stdout = std::io::stdout().lock();
            let _ = stdout
                .write_all(out.as_bytes())
                .and_then(|_| stdout.flush());
            Ok(0)
        }
        failed => {
            // Show what `lint` shows for this file: PL001 or PL002.
            let outcome = lint(
                vec![input],
                &settings,
                &Options {
                    keep_text: true,
                    jobs: Some(1),
                    ..Options::default()
                },
            );
            let mut files: Vec<FileResult> = outcome
                .files
                .into_iter()
                .map(|mut f| {
                    f.diagnostics
                        .retain(|d| d.code == "PL001" || d.code == "PL002");
                    f
                })
                .filter(|f| !f.diagnostics.is_empty())
                .collect();
            if files.is_empty() {
                // The rule is turned off in the config: show the problem all the same.
                let (text, diagnostic) = match failed {
                    Some((t, Err(d))) => (Some(t.clone()), d),
                    _ => {
                        let message = match &text {
                            Err(e) => e.to_string(),
                            Ok(_) => "the plan could not be read".into(),
                        };
                        let mut d = smplan::Diagnostic::new(
                            "PL002",
                            smplan::source::Span::new(0, 0),
                            message,
                        );
                        d.start = source::Position { line: 1, column: 1 };
                        d.end = d.start;
                        (None, d)
                    }
                };
                files.push(FileResult {
                    path: name,
                    text,
                    diagnostics: vec![diagnostic],
                });
            }
            let outcome = Outcome {
                files,
                summary: Summary::default(),
            };
            eprint!(
                "{}",
                report::pretty::render(
                    &outcome,
                    &settings.catalog,
                    stderr_color(global.color),
                    100
                )
            );
            Ok(1)
        }
    }
}

fn stderr_color(choice: ColorChoice) -> bool {
    use std::io::IsTerminal;
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stderr().is_terminal()
        }
    }
}
