//! `smplan graph`: the plan's tree as a Mermaid flowchart or a Graphviz digraph.

use super::{ColorChoice, Failure, Global, load_settings, report_error};
use clap::ValueEnum;
use smplan::config::ConfigError;
use smplan::graph::Format;
use smplan::report;
use smplan::source;
use std::io::Write;
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
    let format = match args.format {
        GraphFormat::Mermaid => Format::Mermaid,
        GraphFormat::Dot => Format::Dot,
    };
    let drawn = if args.plan.as_os_str() == "-" {
        let name = "<stdin>".to_string();
        let limit = smplan::graph::limit_for(std::path::Path::new(&name), &settings);
        let bytes = source::read_stdin(limit).map_err(|e| {
            report_error(ConfigError::plain(format!(
                "cannot read standard input: {e}"
            )));
            Failure
        })?;
        smplan::graph::draw_stdin(bytes, name, &settings, format)
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
        smplan::graph::draw_file(path, display, &settings, format)
    };
    match drawn {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout
                .write_all(out.as_bytes())
                .and_then(|_| stdout.flush());
            Ok(0)
        }
        Err(outcome) => {
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
