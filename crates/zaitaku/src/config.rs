//! The commands' shared flags (`--encoding`, `--overrides`, the inputs) and
//! the files they name, read into the pipeline's [`Input`]s and [`Pins`],
//! every problem said (see [`crate::messages`]).

use crate::messages::{refused, say_rejected};
use std::path::PathBuf;
use zaitaku_parse::decode::EncodingChoice;
use zaitaku_parse::Parser;
use zaitaku_pipeline::editions::Tally;
use zaitaku_pipeline::{Input, Inputs, Pins};

/// `--encoding` and the inputs, shared by `build` and `check`.
#[derive(clap::Args, Debug, Clone)]
pub struct InputArgs {
    /// Encoding of the inputs: auto, utf-8, shift_jis, euc-jp, utf-16le, utf-16be.
    #[arg(long, default_value = "auto", value_parser = parse_encoding)]
    pub encoding: EncodingChoice,
    /// A CSV pinning association × year cells the text cannot decide
    /// (`edition,program,association,fiscal_year,participated[,reason]`, as a
    /// spreadsheet saves it; docs/validation.md#overrides).
    #[arg(long, value_name = "FILE")]
    pub overrides: Option<PathBuf>,
    /// One file per edition of the report: its PDF, or the text an extractor
    /// wrote from it; `-` reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
}

fn parse_encoding(s: &str) -> Result<EncodingChoice, String> {
    s.parse()
}

/// The inputs, read in parallel (their editions found by `parser`), in
/// edition order, and the overrides file's pins; `None` after saying why an
/// input or the file cannot be taken.
pub fn load_inputs(parser: &Parser, args: &InputArgs) -> Option<(Vec<Input>, Option<Pins>)> {
    let inputs = read_inputs(parser, args)?;
    take_inputs(inputs, args)
}

/// The inputs of `args`, read in parallel (their editions found by
/// `parser`): values, nothing said but standard input named twice.
pub fn read_inputs(parser: &Parser, args: &InputArgs) -> Option<Inputs> {
    let mut named: Vec<&std::path::Path> = args.inputs.iter().map(PathBuf::as_path).collect();
    named.extend(args.overrides.as_deref());
    if stdin_twice(&named) {
        return None;
    }
    Some(Inputs::read(
        parser,
        &args.inputs,
        |p| shown(p),
        |p| read_limited(p),
        args.encoding,
    ))
}

/// `inputs` (read by [`read_inputs`]) taken, with the overrides file's
/// pins: `None` after saying why an input or the file cannot be taken.
pub fn take_inputs(inputs: Inputs, args: &InputArgs) -> Option<(Vec<Input>, Option<Pins>)> {
    for r in &inputs.refused {
        say!("{}", refused(r));
    }
    if !inputs.all_taken() {
        return None;
    }
    let pins = match &args.overrides {
        Some(path) => Some(load_pins(path, &inputs)?),
        None => None,
    };
    Some((inputs.texts, pins))
}

/// The overrides file, each pin naming the edition of an input.
fn load_pins(path: &std::path::Path, inputs: &Inputs) -> Option<Pins> {
    let shown = shown(path);
    let bytes = match read_limited(path) {
        Ok(b) => b,
        Err(e) => {
            say!("zaitaku: {shown}: cannot read the overrides: {e}");
            return None;
        }
    };
    Pins::decode(shown, &bytes, &inputs.editions())
        .map_err(|rejected| say_rejected(&rejected))
        .ok()
}

/// Whether an input failed (exit 2): a wrong pin (the overrides file's
/// errors said now, in line order) or an edition that did not parse.
pub fn input_failed(tally: &mut Tally, pins: Option<&Pins>) -> bool {
    if let (Some(pins), false) = (pins, tally.pin_errors.is_empty()) {
        say_rejected(&pins.rejected(std::mem::take(&mut tally.pin_errors)));
        return true;
    }
    tally.input_failed()
}

/// Reads a file, at most one byte past the input size limit (so a larger
/// file is refused by the decoder without being read whole); `-` is
/// standard input.
pub fn read_limited(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let limit = zaitaku_parse::MAX_INPUT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    if is_stdin(path) {
        std::io::stdin()
            .lock()
            .take(limit)
            .read_to_end(&mut bytes)?;
    } else {
        std::fs::File::open(path)?
            .take(limit)
            .read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// Whether `path` is `-`: standard input.
pub fn is_stdin(path: &std::path::Path) -> bool {
    path.as_os_str() == "-"
}

/// `path` as messages name it: `-` is «standard input».
pub fn shown(path: &std::path::Path) -> String {
    match is_stdin(path) {
        true => "standard input".to_string(),
        false => path.display().to_string(),
    }
}

/// Whether `paths` name standard input more than once (it can be read once):
/// said, and true.
pub fn stdin_twice(paths: &[&std::path::Path]) -> bool {
    let twice = paths.iter().filter(|p| is_stdin(p)).count() > 1;
    if twice {
        say!("zaitaku: «-» (standard input) is given more than once; it can be read once: give the other inputs as files");
    }
    twice
}

/// The editions of `args`, every one processed and kept (for `show` and
/// `diff`): the reports in edition order, their validation in one report,
/// and the failures' messages, to be said where the validation failed.
/// `None` where an input or a pin failed (all of it said).
pub fn load_validated(args: &InputArgs) -> Option<Loaded> {
    let parser = Parser::new();
    parser.compiling_meanwhile(|| {
        let inputs = read_inputs(&parser, args)?;
        validated(&parser, inputs, args)
    })
}

/// [`load_validated`] of inputs already read (by [`read_inputs`]).
pub fn validated(parser: &Parser, inputs: Inputs, args: &InputArgs) -> Option<Loaded> {
    let (inputs, pins) = take_inputs(inputs, args)?;
    let mut reporter = crate::messages::Reporter::default();
    let (mut tally, reports, validation) =
        zaitaku_pipeline::editions::validate_all(parser, &inputs, pins.as_ref(), |p| {
            reporter.seen(p)
        });
    if input_failed(&mut tally, pins.as_ref()) {
        return None;
    }
    Some(Loaded {
        reports,
        validation,
        reporter,
    })
}

/// Every edition of the inputs, parsed, pinned and validated.
pub struct Loaded {
    /// The reports, in edition order.
    pub reports: Vec<zaitaku_parse::model::Report>,
    /// Their checks and ambiguities.
    pub validation: zaitaku_validate::ValidationReport,
    reporter: crate::messages::Reporter,
}

impl Loaded {
    /// Says each failed check with its source lines, the ambiguities
    /// about them, then the totals line.
    pub fn say_failures(&self) {
        self.reporter.say_notes();
        crate::messages::say_totals(&self.validation.summary());
    }
}
