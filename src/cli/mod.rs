//! Arguments (clap derive; doc comments are the help) and dispatch.

mod adopt;
mod explain;
mod git_excludes;
mod graph;
mod init;
mod lint;
mod manual;
mod report;
mod rules;
mod schema;
mod test_pack;

use clap::{Parser, Subcommand, ValueEnum};
use smplan::config::{ConfigError, Settings, find_config};
use std::path::PathBuf;
use std::process::ExitCode;

/// Lint social media strategic plans (`*.plan.toml`) against the goals → KPIs → tactics method.
#[derive(Parser, Debug)]
#[command(name = "smplan", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub global: Global,
}

#[derive(clap::Args, Debug, Clone)]
pub struct Global {
    /// Use this config file instead of the nearest `smplan.toml` / `.smplan.toml`.
    #[arg(long, global = true, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every config file; use the defaults.
    #[arg(long, global = true)]
    pub no_config: bool,
    /// When to use colour (`auto` honours `NO_COLOR` and whether output is a terminal).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print diagnostics only, no summary.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

// Parsed once per run: the size of `lint`'s arguments does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint plan files and folders (default: the current folder).
    // `check` is what users of other linters (ruff check, cargo check) type first.
    #[command(alias = "check")]
    Lint(lint::LintArgs),
    /// List every rule with its code, name, severities and summary.
    Rules(rules::RulesArgs),
    /// Print a rule's documentation.
    Explain(explain::ExplainArgs),
    /// Write a starter plan that walks through the method's steps.
    Init(init::InitArgs),
    /// Print a JSON Schema of the plan format (for editor completion).
    Schema,
    /// Run the `[[rule.example]]` entries of rule packs.
    TestPack(test_pack::TestPackArgs),
    /// Print the plan's tree as a Mermaid flowchart or a Graphviz digraph.
    Graph(graph::GraphArgs),
    /// Print a review summary per plan (Markdown or a self-contained HTML page).
    Report(report::ReportArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(manual::CompletionsArgs),
    /// Print the manual page (roff) for the whole command line.
    Man,
    /// Run the language server (LSP over standard input and output) for editors.
    Server,
}

/// Exit status 2: the run itself failed.
pub struct Failure;

impl From<ConfigError> for Failure {
    fn from(e: ConfigError) -> Self {
        report_error(e);
        Failure
    }
}

/// Prints a usage or configuration problem as a miette report.
pub fn report_error(e: impl miette::Diagnostic + Send + Sync + 'static) {
    let report = miette::Report::new(e);
    eprintln!("{report:?}");
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    install_theme(cli.global.color);
    // Every command accepts the global options; a `--config` that is not a file is an error
    // for all of them, not only for those that read it.
    if let Some(path) = cli.global.config.as_ref().filter(|p| !p.is_file()) {
        report_error(ConfigError::plain(format!(
            "config file `{}` does not exist or is not a file",
            path.display()
        )));
        return ExitCode::from(2);
    }
    let result = match &cli.command {
        Command::Lint(args) => lint::run(args, &cli.global),
        Command::Rules(args) => rules::run(args, &cli.global),
        Command::Explain(args) => explain::run(args, &cli.global),
        Command::Init(args) => init::run(args, &cli.global),
        Command::Schema => schema::run(&cli.global),
        Command::TestPack(args) => test_pack::run(args),
        Command::Graph(args) => graph::run(args, &cli.global),
        Command::Report(args) => report::run(args, &cli.global),
        Command::Completions(args) => Ok(manual::completions(args)),
        Command::Man => manual::man(),
        Command::Server => serve(),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Failure) => ExitCode::from(2),
    }
}

/// `smplan server`: exit 0 after `shutdown` + `exit` or when input closes, 1 on `exit` without
/// `shutdown` (as the protocol asks), 2 when the transport fails.
fn serve() -> Result<u8, Failure> {
    match smplan::server::run() {
        Ok(true) => Ok(0),
        Ok(false) => Ok(1),
        Err(e) => {
            report_error(ConfigError::plain(format!("language server: {e}")));
            Err(Failure)
        }
    }
}

/// Whether to colour output written to standard output.
pub fn use_color(choice: ColorChoice) -> bool {
    use std::io::IsTerminal;
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

fn install_theme(choice: ColorChoice) {
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            use std::io::IsTerminal;
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stderr().is_terminal()
        }
    };
    let _ = miette::set_hook(Box::new(move |_| {
        let theme = if color {
            miette::GraphicalTheme::unicode()
        } else {
            miette::GraphicalTheme::unicode_nocolor()
        };
        Box::new(miette::GraphicalReportHandler::new_themed(theme).with_width(100))
    }));
}

/// What a command holds when it is done and the process is about to exit: handed to the
/// operating system with the rest of the memory instead of freed piece by piece. Freeing a
/// 10,000-plan run's results one by one took 2 ms, as long as writing its JSON report.
/// Only the command line does this: the library frees everything (the server runs for hours).
pub fn left_to_exit<T>(value: T) {
    std::mem::forget(value);
}

/// Writes a command's output to `--output FILE` (atomically) or standard output.
pub fn emit(output: Option<&std::path::Path>, text: &str) -> Result<(), Failure> {
    emit_pieces(output, &[text])
}

/// [`emit`] for output made of pieces, written one after the other (a large report is not
/// joined first).
pub fn emit_pieces(output: Option<&std::path::Path>, pieces: &[&str]) -> Result<(), Failure> {
    use std::io::Write;
    match output {
        Some(path) => write_pieces_atomically(path, pieces).map_err(|e| {
            report_error(ConfigError::plain(format!(
                "cannot write `{}`: {e}",
                path.display()
            )));
            Failure
        }),
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not a failure of the command.
            let _ = pieces
                .iter()
                .try_for_each(|p| stdout.write_all(p.as_bytes()))
                .and_then(|_| stdout.flush());
            Ok(())
        }
    }
}

/// Writes `text` to `path` atomically: to a fresh temporary file created exclusively
/// (`O_EXCL`, random name) in the target's folder, then renamed over the target, so no
/// symlink or file planted at a predictable name is ever followed, and on any failure the
/// original is left intact. A `path` that is a symlink is written through: its target is
/// replaced and keeps its permissions.
pub(crate) fn write_atomically(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    write_pieces_atomically(path, &[text])
}

/// [`write_atomically`] for text made of pieces.
fn write_pieces_atomically(path: &std::path::Path, pieces: &[&str]) -> std::io::Result<()> {
    use std::io::Write;
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let existing = std::fs::metadata(&target).ok();
    let mut builder = tempfile::Builder::new();
    builder.prefix(".smplan-").suffix(".tmp");
    #[cfg(unix)]
    {
        // A new file gets the usual 0666 less the umask (tempfile alone would give 0600).
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    for p in pieces {
        tmp.write_all(p.as_bytes())?;
    }
    tmp.as_file().sync_all()?;
    if let Some(meta) = existing {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    // On failure the temporary file is removed when `PersistError` drops.
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// Loads the settings the global flags ask for (pack loading plugs in here).
pub fn load_settings(global: &Global) -> Result<Settings, Failure> {
    // The one read of the working directory: the settings carry it to every later step (file
    // access, paths relative to it in SARIF and GitLab reports). Unreadable, paths stay as given.
    let cwd = std::env::current_dir().ok();
    let here = cwd.clone().unwrap_or_else(|| PathBuf::from("."));
    let path = if global.no_config {
        None
    } else if let Some(p) = &global.config {
        if !p.is_file() {
            return Err(ConfigError::plain(format!(
                "config file `{}` does not exist",
                p.display()
            ))
            .into());
        }
        Some(p.clone())
    } else {
        find_config(&here).map(|p| p.strip_prefix(&here).map(|r| r.to_path_buf()).unwrap_or(p))
    };
    let mut settings = match (path, &cwd) {
        (Some(p), Some(dir)) => Settings::load_in(dir, &p)?,
        (Some(p), None) => Settings::load(&p)?,
        (None, _) => Settings::defaults(PathBuf::from(".")),
    };
    // This process's own working directory (which `load_in` set too): plans are read by their
    // relative paths.
    if let Some(dir) = &cwd {
        settings.set_process_working_dir(dir);
    }
    // Read here, where the environment may be: without a working directory `ignore` would
    // not apply the global excludes either.
    let excludes = cwd.and_then(|dir| git_excludes::path(&git_excludes::Env::from_process(), &dir));
    settings.scope.set_git_excludes(excludes);
    Ok(settings)
}
