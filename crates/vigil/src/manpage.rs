//! `vigil man`: the manual page, rendered as roff from the command-line
//! definition (`vigil man | man -l -`), or one page per command written to
//! a folder (`vigil man --dir share/man/man1`).

use crate::cli::{Cli, ManArgs};
use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

pub fn run(args: &ManArgs) -> Result<u8> {
    let page = main_page().context("rendering the manual page")?;
    if let Some(dir) = &args.dir {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        // A page per command (`vigil-check.1`, `vigil-db-update.1`, ...),
        // then `vigil.1` with the sections the generated one lacks.
        clap_mangen::generate_to(Cli::command(), dir)
            .and_then(|()| std::fs::write(dir.join("vigil.1"), &page))
            .with_context(|| format!("writing manual pages to {}", dir.display()))?;
        return Ok(0);
    }
    out!("{}", String::from_utf8_lossy(&page));
    Ok(0)
}

/// vigil(1): clap's sections, then exit status, environment and files.
fn main_page() -> std::io::Result<Vec<u8>> {
    let man = Man::new(Cli::command());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    man.render_subcommands_section(&mut page)?;
    extra_sections().to_writer(&mut page)?;
    man.render_version_section(&mut page)?;
    Ok(page)
}

fn extra_sections() -> Roff {
    let mut roff = Roff::new();
    let item = |roff: &mut Roff, term: &str, text: &str| {
        roff.control("TP", [])
            .text([bold(term)])
            .text([roman(text)]);
    };
    roff.control("SH", ["EXIT STATUS"]);
    item(&mut roff, "0", "No finding at or above the thresholds.");
    item(
        &mut roff,
        "1",
        "Findings (check) or known vulnerabilities (deps).",
    );
    item(&mut roff, "2", "Usage or configuration error.");
    roff.control("SH", ["FILES"]);
    item(
        &mut roff,
        "vigil.toml, pyproject.toml",
        "Configuration (the top level of vigil.toml, or [tool.vigil] in \
         pyproject.toml), found upward from the first scanned path.",
    );
    roff.control("SH", ["ENVIRONMENT"]);
    item(
        &mut roff,
        "VIGIL_CACHE_DIR",
        "Where vigil db import and vigil db update keep the vulnerability \
         database (default: the user cache directory).",
    );
    item(&mut roff, "NO_COLOR", "No colour in text output.");
    roff
}
