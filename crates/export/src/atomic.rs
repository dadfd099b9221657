//! output/ always whole: files are written into a temporary directory
//! beside the target and put in its place in one step, under a lock, with
//! what killed builds left swept away — and only where the target is new,
//! empty or zaitaku's own output ([`crate::claim`]).

use crate::claim::{check_replaceable, remove_own, unlisted, Manifest, Reason, Target};
use crate::write::{io, ExportError, OutputFile};
use std::path::{Path, PathBuf};

/// Writes `files` into `target`, replacing what it held, all or nothing.
///
/// At every instant the target is either the complete old set or the
/// complete new set, whether the process is killed at any moment or several
/// builds run at once:
///
/// - builds take an exclusive lock on `.{dir}.lock` beside the directory
///   (released by the OS when a build dies, even by SIGKILL), so one writes
///   at a time; the lock file stays there;
/// - under the lock, temporaries a killed build left (`.{dir}.tmp-{pid}`)
///   are removed (only a lock holder creates one, so any present is stale),
///   and so are replaced sets older than [`KEEP_REPLACED`] — of each, only
///   what zaitaku wrote ([`crate::claim`]);
/// - the files are written into `.{dir}.tmp-{pid}` with the manifest
///   listing them ([`crate::claim::MANIFEST`]); the target's entries are
///   checked (every one zaitaku's, else [`ExportError::Refused`] and nothing
///   changes); then the temporary takes the target's place in one step: a
///   rename where it does not exist yet, else an exchange (Linux
///   `renameat2(RENAME_EXCHANGE)`), after which the temporary holds the old
///   set; an entry that appeared in the old set meanwhile puts it back;
/// - the old set is kept as `.{dir}.prev-{nanoseconds}` until the first
///   build that starts at least [`KEEP_REPLACED`] later, so a reader that
///   opened the directory just before the exchange goes on reading a whole
///   directory instead of one being deleted under it.
///
/// Where the file system cannot exchange, the old set is moved aside and the
/// new one moved in: two renames, with an instant between them in which
/// the directory does not exist.
pub fn write_atomically(target: &Target, files: &[OutputFile]) -> Result<(), ExportError> {
    write_atomically_with(target, |tmp| {
        for f in files {
            let path = tmp.join(&f.name);
            std::fs::write(&path, &f.bytes).map_err(io(&path))?;
        }
        Ok(())
    })
}

/// As [`write_atomically`], the files written by `write` into the
/// temporary directory it is given (which exists and holds only the
/// manifest of a set being written): an error from `write` leaves the
/// target as it was, and so does a kill at any moment. Gives back what
/// `write` returned, once the set is in place.
pub fn write_atomically_with<T, E: From<ExportError>>(
    target: &Target,
    write: impl FnOnce(&Path) -> Result<T, E>,
) -> Result<T, E> {
    let dir = target.path();
    let (Some(parent), Some(stem)) = (dir.parent(), dir.file_name()) else {
        return Err(ExportError::Refused(target.refusal(Reason::Root)).into());
    };
    let stem = stem.to_string_lossy().into_owned();
    std::fs::create_dir_all(parent).map_err(io(parent))?;
    let lock_path = parent.join(format!(".{stem}.lock"));
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(io(&lock_path))?;
    lock.lock().map_err(io(&lock_path))?;
    sweep(parent, &stem, nanos_since_epoch());
    let tmp = parent.join(format!(".{stem}.tmp-{}", std::process::id()));
    let written = (|| -> Result<(T, Option<Manifest>), E> {
        std::fs::create_dir(&tmp).map_err(io(&tmp))?;
        Manifest::BeingWritten.write(&tmp).map_err(io(&tmp))?;
        let made = write(&tmp)?;
        Manifest::of_dir(&tmp)
            .and_then(|m| m.write(&tmp))
            .map_err(io(&tmp))?;
        Ok((made, publish(target, &tmp)?))
    })();
    if let Ok((_, Some(replaced))) = &written {
        // `tmp` holds the set just replaced: kept a while (see above). A
        // reader may still be listing it, so it is left as it was, but where
        // its manifest does not list every file checked to be zaitaku's (a
        // fresh clone's README): then the sweep needs the full list.
        let prev = parent.join(format!(".{stem}.prev-{}", nanos_since_epoch()));
        if std::fs::rename(&tmp, &prev).is_ok() && Manifest::read(&prev).as_ref() != Some(replaced)
        {
            let _ = replaced.write(&prev);
        }
    }
    // Whatever is left of zaitaku's (the new set, if publishing failed) goes.
    if tmp.exists() {
        remove_own(&tmp);
    }
    written.map(|(made, _)| made)
}

/// How long a replaced output set is kept beside the new one, at least.
pub const KEEP_REPLACED: std::time::Duration = std::time::Duration::from_secs(10);

fn nanos_since_epoch() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// Removes, under the lock, what earlier builds left beside the output:
/// the temporaries of killed builds (`.{stem}.tmp-{pid}`) and replaced sets
/// older than [`KEEP_REPLACED`] at `now` (`.{stem}.prev-{nanoseconds}`) —
/// of each, only what zaitaku wrote ([`remove_own`]).
fn sweep(parent: &Path, stem: &str, now: u128) {
    let (stale, replaced) = (format!(".{stem}.tmp-"), format!(".{stem}.prev-"));
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let number = |s: &str| -> Option<u128> {
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse().ok())
            .flatten()
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let old = if let Some(pid) = name.strip_prefix(stale.as_str()) {
            number(pid).is_some()
        } else if let Some(t) = name.strip_prefix(replaced.as_str()) {
            number(t).is_some_and(|t| now.saturating_sub(t) > KEEP_REPLACED.as_nanos())
        } else {
            false
        };
        if old && entry.file_type().is_ok_and(|t| t.is_dir()) {
            remove_own(&entry.path());
        }
    }
}

/// Puts the directory `tmp` in the target's place in one step, where the
/// target is new or holds only zaitaku's files. Afterwards `tmp` holds what
/// the target held, if anything: its manifest comes back (`None` where the
/// target did not exist).
fn publish(target: &Target, tmp: &Path) -> Result<Option<Manifest>, ExportError> {
    let dir = target.path();
    let refused = |reason| ExportError::Refused(target.refusal(reason));
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return std::fs::rename(tmp, dir).map(|()| None).map_err(io(dir));
        }
        Err(e) => return Err(io(dir)(e)),
        Ok(m) if !m.is_dir() => return Err(refused(Reason::NotADirectory("not a directory"))),
        Ok(_) => {}
    }
    let own = match check_replaceable(dir, Some(tmp)).map_err(io(dir))? {
        Ok(own) => own,
        Err(foreign) => return Err(refused(Reason::Foreign(foreign))),
    };
    exchange(tmp, dir)?;
    // What appeared in the old set between the check and the exchange.
    let late = unlisted(tmp, &own).map_err(io(tmp))?;
    if !late.is_empty() {
        exchange(tmp, dir)?;
        return Err(refused(Reason::Foreign(late)));
    }
    Ok(Some(own))
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
    use crate::claim::{Foreign, Refusal, Why, MANIFEST};

    fn file(name: &str, text: &str) -> OutputFile {
        OutputFile {
            name: name.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn target(dir: &Path) -> Target {
        Target::new(dir, &[]).unwrap()
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_the_directory_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        write_atomically(&target(&out), &[file("a.csv", "1"), file("b.csv", "2")]).unwrap();
        write_atomically(&target(&out), &[file("a.csv", "3")]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a.csv")).unwrap(), "3");
        assert!(!out.join("b.csv").exists());
        assert_eq!(names(&out), [MANIFEST, "a.csv"]);
        let left = names(tmp.path());
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
        write_atomically(&target(&out), &[file("a.csv", "1")]).unwrap();
        // What a build killed while writing leaves: a set being written.
        let killed = tmp.path().join(".output.tmp-999999");
        std::fs::create_dir(&killed).unwrap();
        Manifest::BeingWritten.write(&killed).unwrap();
        std::fs::write(killed.join("a.csv"), "0").unwrap();
        write_atomically(&target(&out), &[file("a.csv", "2")]).unwrap();
        assert!(!killed.exists());
        assert_eq!(std::fs::read_to_string(out.join("a.csv")).unwrap(), "2");
    }

    #[test]
    fn what_only_looks_like_a_temporary_is_left_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        for name in [".output.tmp-1", ".output.prev-1", ".output.tmp-notes"] {
            std::fs::create_dir(tmp.path().join(name)).unwrap();
            std::fs::write(tmp.path().join(name).join("mine.txt"), name).unwrap();
        }
        std::fs::write(tmp.path().join(".output.prev-2"), "a file").unwrap();
        write_atomically(&target(&out), &[file("a.csv", "1")]).unwrap();
        for name in [".output.tmp-1", ".output.prev-1", ".output.tmp-notes"] {
            let kept = std::fs::read_to_string(tmp.path().join(name).join("mine.txt"));
            assert_eq!(kept.unwrap(), name);
        }
        let kept = std::fs::read_to_string(tmp.path().join(".output.prev-2"));
        assert_eq!(kept.unwrap(), "a file");
    }

    #[test]
    fn a_failed_write_leaves_the_directory_as_it_was() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        write_atomically(&target(&out), &[file("a.csv", "1")]).unwrap();
        let bad = write_atomically(
            &target(&out),
            &[file("a.csv", "2"), file("no/such/dir.csv", "x")],
        );
        assert!(bad.is_err());
        assert_eq!(std::fs::read_to_string(out.join("a.csv")).unwrap(), "1");
        assert!(!tmp
            .path()
            .join(format!(".output.tmp-{}", std::process::id()))
            .exists());
    }

    #[test]
    fn a_file_the_user_added_stops_the_write_and_stays() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        write_atomically(&target(&out), &[file("a.csv", "1")]).unwrap();
        std::fs::write(out.join("notebook.ipynb"), "{}").unwrap();
        let refused = write_atomically(&target(&out), &[file("a.csv", "2")]);
        let Err(ExportError::Refused(Refusal { reason, .. })) = refused else {
            panic!("refused: {refused:?}")
        };
        let notebook = Foreign {
            name: "notebook.ipynb".into(),
            why: Why::NotWritten,
        };
        assert_eq!(reason, Reason::Foreign(vec![notebook]));
        assert_eq!(std::fs::read_to_string(out.join("a.csv")).unwrap(), "1");
        assert_eq!(
            std::fs::read_to_string(out.join("notebook.ipynb")).unwrap(),
            "{}"
        );
        assert_eq!(names(&out), [MANIFEST, "a.csv", "notebook.ipynb"]);
    }

    #[test]
    fn an_empty_directory_or_one_with_the_same_bytes_is_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        std::fs::create_dir(&out).unwrap();
        write_atomically(&target(&out), &[file("a.csv", "1")]).unwrap();
        let clone = tmp.path().join("clone");
        std::fs::create_dir(&clone).unwrap();
        std::fs::write(clone.join("README.md"), "generated").unwrap();
        write_atomically(&target(&clone), &[file("README.md", "generated")]).unwrap();
        assert_eq!(names(&clone), [MANIFEST, "README.md"]);
    }
}
