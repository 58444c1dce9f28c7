//! `smplan completions SHELL` and `smplan man`: generated from the same clap definitions as
//! `--help`, so they never drift from it.

use super::{Cli, Failure, report_error};
use clap::CommandFactory;
use smplan::config::ConfigError;

#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn completions(args: &CompletionsArgs) -> u8 {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "smplan", &mut out);
    write_stdout(&out);
    0
}

pub fn man() -> Result<u8, Failure> {
    let mut out = Vec::new();
    let cmd = Cli::command();
    render_man(&cmd, &mut out).map_err(|e| {
        report_error(ConfigError::plain(format!(
            "cannot write the manual page: {e}"
        )));
        Failure
    })?;
    write_stdout(&out);
    Ok(0)
}

/// One page for the whole CLI: clap_mangen's page for `smplan`, then a section per subcommand
/// with its synopsis, description and options (their headings demoted to subsections).
fn render_man(cmd: &clap::Command, out: &mut Vec<u8>) -> std::io::Result<()> {
    clap_mangen::Man::new(cmd.clone()).render(out)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let sub = sub.clone().bin_name(format!("smplan {}", sub.get_name()));
        let man = clap_mangen::Man::new(sub.clone());
        let mut section = Vec::new();
        man.render_synopsis_section(&mut section)?;
        man.render_description_section(&mut section)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            man.render_options_section(&mut section)?;
        }
        let section = String::from_utf8_lossy(&section).replace("\n.SH ", "\n.SS ");
        let section = section
            .strip_prefix(".SH ")
            .map_or(section.clone(), |rest| format!(".SS {rest}"));
        out.extend_from_slice(
            format!(".SH \"SMPLAN {}\"\n", sub.get_name().to_uppercase()).as_bytes(),
        );
        out.extend_from_slice(section.as_bytes());
    }
    Ok(())
}

/// A closed pipe (`| head`) is not a failure of the command.
fn write_stdout(bytes: &[u8]) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(bytes).and_then(|_| stdout.flush());
}
