//! `zaitaku check [--all] [--encoding …] INPUT...`
//!
//! Parses and validates; prints the validation report's summary (Markdown)
//! to stdout, or with `--all` every check and ambiguity, and the failures to
//! stderr; writes nothing. Exit 1 when a check fails. The editions go
//! through in batches, as in `build`: only their validation is kept (every
//! row of it with `--all`, else the summary).

use crate::config::{process_in_batches, read_texts, say_totals, InputArgs, Overrides};
use crate::Outcome;
use zaitaku_validate::report::Summary;
use zaitaku_validate::ValidationReport;

/// Arguments of `check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Print every check and every ambiguity, not only the summary.
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    input: InputArgs,
}

/// What the editions gave, in edition order.
#[derive(Default)]
struct Checked {
    summary: Summary,
    /// Every check and ambiguity (with `--all` only).
    all: ValidationReport,
    /// The failed checks' messages and the ambiguities about them.
    notes: Vec<String>,
    override_errors: Vec<zaitaku_parse::error::ParseError>,
    parse_failed: bool,
}

/// Runs `check`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let (texts, read) = read_texts(&args.input);
    if !read {
        return Ok(Outcome::InputError);
    }
    let pins = match &args.input.overrides {
        Some(path) => match Overrides::load(path, &texts) {
            Some(pins) => Some(pins),
            None => return Ok(Outcome::InputError),
        },
        None => None,
    };
    let keep_all = args.all;
    let mut checked = Checked::default();
    process_in_batches(
        &texts,
        pins.as_ref(),
        |_| (),
        &mut checked,
        |c, p, ()| {
            for m in &p.messages {
                say!("{m}");
            }
            c.override_errors.extend(p.override_errors);
            match p.edition {
                Some((_, v)) => {
                    c.summary.add(&v);
                    c.notes.extend(p.failures);
                    c.notes.extend(p.notes);
                    if keep_all {
                        c.all.extend(v);
                    }
                }
                None => c.parse_failed = true,
            }
        },
        |_| true,
    );
    if let (Some(pins), false) = (&pins, checked.override_errors.is_empty()) {
        pins.say_errors(checked.override_errors);
        return Ok(Outcome::InputError);
    }
    if checked.parse_failed {
        return Ok(Outcome::InputError);
    }
    crate::term::stdout(&if keep_all {
        checked.all.to_markdown_all()
    } else {
        checked.summary.to_markdown()
    })?;
    for m in &checked.notes {
        say!("{m}");
    }
    say_totals(&checked.summary);
    Ok(if checked.summary.passed() {
        Outcome::Ok
    } else {
        Outcome::ValidationFailed
    })
}
