//! Shell completions (clap_complete) and man pages (clap_mangen), made at
//! run time from the clap definitions, so they always match the binary:
//! `tebiki completions SHELL`, `tebiki man [COMMAND…]`, `tebiki man --out DIR`.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;

use super::{fatal, Cli};

/// The command tree as the generators want it: built (so that sub-commands
/// know their full names), without clap's `help` sub-command.
fn command() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// Write `bytes` to `out`; a reader that went away (`| head`) is no error.
fn emit(bytes: &[u8], out: &mut dyn Write) -> i32 {
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => fatal(&e),
        _ => 0,
    }
}

/// Print the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> i32 {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "tebiki", &mut script);
    emit(&script, out)
}

/// The man page of one command.
fn man(cmd: clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(cmd).source(concat!("tebiki ", env!("CARGO_PKG_VERSION")))
}

/// Print the man page of `tebiki` (`path` empty) or of one of its commands
/// (`["new", "guide"]`).
pub fn man_page(path: &[String], out: &mut dyn Write) -> i32 {
    let mut cmd = command();
    for name in path {
        let Some(sub) = cmd.find_subcommand(name).cloned() else {
            let known: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
            eprintln!(
                "error: `{}` has no command `{name}` (its commands: {})",
                cmd.get_display_name().unwrap_or(cmd.get_name()),
                known.join(", ")
            );
            return 2;
        };
        cmd = sub;
    }
    let mut page = Vec::new();
    match man(cmd).render(&mut page) {
        Ok(()) => emit(&page, out),
        Err(e) => fatal(&e),
    }
}

/// Write `tebiki.1` and one page per command (`tebiki-build.1`,
/// `tebiki-new-guide.1` …) into `dir`, and list them.
pub fn man_pages(dir: &Path) -> i32 {
    let mut written = Vec::new();
    let result = std::fs::create_dir_all(dir).and_then(|()| write_pages(&command(), dir, &mut written));
    if let Err(e) = result {
        eprintln!("error: cannot write man pages into {}: {e}", dir.display());
        return 2;
    }
    for file in written {
        println!("wrote {}", file.display());
    }
    0
}

fn write_pages(cmd: &clap::Command, dir: &Path, written: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    written.push(man(cmd.clone()).generate_to(dir)?);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub, dir, written)?;
    }
    Ok(())
}
