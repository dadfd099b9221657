//! One module per command.

pub mod build;
pub mod check;
pub mod diff;
pub mod extract;
pub mod show;

/// The output directory `--out` names, checked before any input is read
/// (the inputs, the overrides file among them, must not be inside it); the
/// error is the exit, its message said.
pub fn output_target(
    out: &std::path::Path,
    inputs: &[std::path::PathBuf],
) -> Result<zaitaku_outdir::claim::Target, crate::Exit> {
    zaitaku_outdir::claim::Target::new(out, inputs).map_err(|refusal| {
        say_refusal(&refusal);
        crate::Exit::InputError
    })
}

/// Why zaitaku will not write into a directory, and what to do.
pub fn say_refusal(refusal: &zaitaku_outdir::claim::Refusal) {
    say!("zaitaku: {refusal}\n  help: {}", refusal.help());
}
