//! output/ always whole: files are written into a temporary directory
//! beside the target and put in its place in one step, under a lock, with
//! what killed builds left swept away.

use crate::write::{io, ExportError, OutputFile};
use std::path::{Path, PathBuf};

/// Writes `files` into `dir`, replacing what it held, all or nothing.
///
/// At every instant `dir` is either the complete old set or the complete new
/// set, whether the process is killed at any moment or several builds run at
/// once:
///
/// - builds take an exclusive lock on `.{dir}.lock` beside `dir` (released by
///   the OS when a build dies, even by SIGKILL), so one writes at a time;
/// - under the lock, temporaries a killed build left (`.{dir}.tmp-*`) are
///   removed (only a lock holder creates one, so any present is stale), and
///   so are replaced sets older than [`KEEP_REPLACED`];
/// - the files are written into `.{dir}.tmp-{pid}`, which then takes `dir`'s
///   place in one step: a rename where `dir` does not exist yet, else an
///   exchange (Linux `renameat2(RENAME_EXCHANGE)`), after which the
///   temporary holds the old set;
/// - the old set is kept as `.{dir}.prev-{nanoseconds}` for at least
///   [`KEEP_REPLACED`], so a reader that opened `dir` just before the
///   exchange goes on reading a whole directory instead of one being deleted
///   under it.
///
/// Where the file system cannot exchange, the old set is moved aside and the
/// new one moved in: two renames, with an instant between them in which
/// `dir` does not exist.
pub fn write_atomically(dir: &Path, files: &[OutputFile]) -> Result<(), ExportError> {
    write_atomically_with(dir, |tmp| {
        for f in files {
            let path = tmp.join(&f.name);
            std::fs::write(&path, &f.bytes).map_err(io(&path))?;
        }
        Ok(())
    })
}

/// As [`write_atomically`], the files written by `write` into the
/// temporary directory it is given (which exists and is empty): an error
/// from `write` leaves `dir` as it was, and so does a kill at any moment.
pub fn write_atomically_with(
    dir: &Path,
    write: impl FnOnce(&Path) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let stem = dir
        .file_name()
        .map_or("output".into(), |n| n.to_string_lossy().into_owned());
    let lock_path = parent.join(format!(".{stem}.lock"));
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(io(&lock_path))?;
    lock.lock().map_err(io(&lock_path))?;
    sweep(&parent, &stem, nanos_since_epoch());
    let tmp = parent.join(format!(".{stem}.tmp-{}", std::process::id()));
    let written = (|| {
        std::fs::create_dir(&tmp).map_err(io(&tmp))?;
        write(&tmp)?;
        publish(&tmp, dir)
    })();
    if written.is_ok() && tmp.exists() {
        // `tmp` holds the set just replaced: kept a while (see above).
        let now = nanos_since_epoch();
        let _ = std::fs::rename(&tmp, parent.join(format!(".{stem}.prev-{now}")));
    }
    // Whatever is left (the new set, if publishing failed) goes.
    let _ = std::fs::remove_dir_all(&tmp);
    written
}

/// How long a replaced output set is kept beside the new one.
pub const KEEP_REPLACED: std::time::Duration = std::time::Duration::from_secs(10);

fn nanos_since_epoch() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// Removes, under the lock, what earlier builds left beside the output:
/// the temporaries of killed builds (`.{stem}.tmp-*`, and the `.{stem}.old-*`
/// of versions before the lock), and replaced sets older than
/// [`KEEP_REPLACED`] at `now` (and the single `.{stem}.prev` of earlier
/// versions).
fn sweep(parent: &Path, stem: &str, now: u128) {
    let stale = [format!(".{stem}.tmp-"), format!(".{stem}.old-")];
    let replaced = format!(".{stem}.prev-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let old = match name.strip_prefix(replaced.as_str()) {
            Some(t) => t
                .parse::<u128>()
                .map_or(true, |t| now.saturating_sub(t) > KEEP_REPLACED.as_nanos()),
            None => {
                stale.iter().any(|p| name.starts_with(p.as_str()))
                    || *name == format!(".{stem}.prev")
            }
        };
        if old {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Puts the directory `tmp` in `dir`'s place in one step; afterwards `tmp`
/// holds what `dir` held, if anything.
fn publish(tmp: &Path, dir: &Path) -> Result<(), ExportError> {
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::rename(tmp, dir).map_err(io(dir))
        }
        _ => exchange(tmp, dir),
    }
}

#[cfg(target_os = "linux")]
fn exchange(tmp: &Path, dir: &Path) -> Result<(), ExportError> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    match renameat_with(CWD, tmp, CWD, dir, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        // The file system has no exchange (EINVAL), or the kernel lacks renameat2.
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {
            swap_by_renames(tmp, dir)
        }
        Err(e) => Err(io(dir)(e.into())),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(tmp: &Path, dir: &Path) -> Result<(), ExportError> {
    swap_by_renames(tmp, dir)
}

/// The fallback: the old set aside, the new one in, the old one where `tmp` was.
fn swap_by_renames(tmp: &Path, dir: &Path) -> Result<(), ExportError> {
    let mut old = tmp.as_os_str().to_owned();
    old.push(".old");
    let old = PathBuf::from(old);
    std::fs::rename(dir, &old).map_err(io(dir))?;
    if let Err(e) = std::fs::rename(tmp, dir) {
        let _ = std::fs::rename(&old, dir);
        return Err(io(dir)(e));
    }
    std::fs::rename(&old, tmp).map_err(io(tmp))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> OutputFile {
        OutputFile {
            name: name.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn replaces_the_directory_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        write_atomically(&out, &[file("a.csv", "1"), file("b.csv", "2")]).unwrap();
        write_atomically(&out, &[file("a.csv", "3")]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a.csv")).unwrap(), "3");
        assert!(!out.join("b.csv").exists());
        let mut left: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left.len(), 3, "{left:?}");
        assert_eq!(
            (left[0].as_str(), left[2].as_str()),
            (".output.lock", "output")
        );
        assert!(
            left[1].starts_with(".output.prev-"),
            "no temporary directory is left behind, the set replaced is kept a while: {left:?}"
        );
        assert_eq!(
            std::fs::read_to_string(tmp.path().join(&left[1]).join("a.csv")).unwrap(),
            "1"
        );
    }

    #[test]
    fn temporaries_of_a_killed_build_are_removed_by_the_next() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        write_atomically(&out, &[file("a.csv", "1")]).unwrap();
        // What a build killed after the exchange leaves: the old set aside.
        std::fs::create_dir(tmp.path().join(".output.tmp-999999")).unwrap();
        std::fs::write(tmp.path().join(".output.tmp-999999/a.csv"), "0").unwrap();
        write_atomically(&out, &[file("a.csv", "2")]).unwrap();
        assert!(!tmp.path().join(".output.tmp-999999").exists());
        assert_eq!(std::fs::read_to_string(out.join("a.csv")).unwrap(), "2");
    }

    #[test]
    fn a_failed_write_leaves_the_directory_as_it_was() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        write_atomically(&out, &[file("a.csv", "1")]).unwrap();
        let bad = write_atomically(&out, &[file("a.csv", "2"), file("no/such/dir.csv", "x")]);
        assert!(bad.is_err());
        assert_eq!(std::fs::read_to_string(out.join("a.csv")).unwrap(), "1");
    }
}
