//! output/ always whole: files are written into a temporary directory
//! beside the target and put in its place in one step, under a lock, with
//! what killed builds left swept away — and only where the target is new,
//! empty or zaitaku's own output ([`crate::claim`]).

use crate::claim::{
    check_replaceable, link_kept, locked_workbook, remove_own, unlink_kept, unlisted, Manifest,
    Reason, Target,
};
use crate::{io, DirError, OutputFile};
use std::path::{Path, PathBuf};

/// Writes `files` into `target`, replacing what it held, all or nothing.
///
/// At every instant the target is either the complete old set or the
/// complete new set, whether the process is killed at any moment or several
/// builds run at once. Beside the directory, builds keep one hidden
/// directory of their own, `.{dir}.zaitaku/` ([`work_dir`]):
///
/// - builds take an exclusive lock on its file `lock` (released by the OS
///   when a build dies, even by SIGKILL), so one writes at a time;
/// - under the lock, what killed builds left (`tmp-{pid}`: only a lock
///   holder creates one, so any present is stale) and replaced sets older
///   than [`KEEP_REPLACED`] (`prev-{nanoseconds}`) are removed — of each,
///   only what zaitaku wrote ([`crate::claim`]); so are the temporaries
///   and replaced sets earlier versions kept beside the directory;
/// - the files are written into `tmp-{pid}` with the manifest listing them
///   ([`crate::claim::MANIFEST`]); the target's entries are checked (every
///   one zaitaku's or left there by a desktop or a tool, else
///   [`DirError::Refused`] and nothing changes); what desktops and tools
///   left is given a second name in the new set (a hard link: nothing
///   copied, nothing moved); then the temporary takes the target's place in
///   one step: a rename where it does not exist yet, else an exchange
///   (Linux `renameat2(RENAME_EXCHANGE)`, both directories on one file
///   system), after which the temporary holds the old set; an entry that
///   appeared in the old set meanwhile puts it back;
/// - the old names of what was kept go at once (each proved a name of the
///   file the output now holds); the old set is kept as `prev-{nanoseconds}`
///   until the first build that starts at least [`KEEP_REPLACED`] later, so
///   a reader that opened the directory just before the exchange goes on
///   reading a whole directory instead of one being deleted under it.
///
/// Where the file system cannot exchange, the old set is moved aside and the
/// new one moved in: two renames, with an instant between them in which
/// the directory does not exist.
pub fn write_atomically(target: &Target, files: &[OutputFile]) -> Result<(), DirError> {
    write_atomically_with(target, |tmp| {
        for f in files {
            let path = tmp.join(&f.name);
            std::fs::write(&path, &f.bytes).map_err(io(&path))?;
        }
        Ok(())
    })
}

/// The builds' own directory beside the output directory `dir`:
/// `.output.zaitaku` for `output`.
pub fn work_dir(dir: &Path) -> Option<PathBuf> {
    let (parent, stem) = (dir.parent()?, dir.file_name()?);
    Some(parent.join(format!(".{}.zaitaku", stem.to_string_lossy())))
}

/// As [`write_atomically`], the files written by `write` into the
/// temporary directory it is given (which exists and holds only the
/// manifest of a set being written): an error from `write` leaves the
/// target as it was, and so does a kill at any moment. Gives back what
/// `write` returned, once the set is in place.
pub fn write_atomically_with<T, E: From<DirError>>(
    target: &Target,
    write: impl FnOnce(&Path) -> Result<T, E>,
) -> Result<T, E> {
    let dir = target.path();
    let (Some(parent), Some(work)) = (dir.parent(), work_dir(dir)) else {
        return Err(DirError::Refused(target.refusal(Reason::Root)).into());
    };
    std::fs::create_dir_all(&work).map_err(io(&work))?;
    let lock_path = work.join("lock");
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(io(&lock_path))?;
    lock.lock().map_err(io(&lock_path))?;
    sweep(&work, dir, nanos_since_epoch());
    sweep_beside(parent, dir);
    let tmp = work.join(format!("tmp-{}", std::process::id()));
    let mut kept = Vec::new();
    let written = (|| -> Result<(T, bool), E> {
        std::fs::create_dir(&tmp).map_err(io(&tmp))?;
        Manifest::BeingWritten.write(&tmp).map_err(io(&tmp))?;
        let made = write(&tmp)?;
        Manifest::of_dir(&tmp)
            .and_then(|m| m.write(&tmp))
            .map_err(io(&tmp))?;
        Ok((made, publish(target, &tmp, &mut kept)?))
    })();
    // `tmp` holds the set just replaced, or the new one where publishing
    // failed: either way, the second names of what was kept go now.
    unlink_kept(&tmp, dir, &kept);
    if let Ok((_, true)) = &written {
        // The set just replaced: kept a while (see above).
        let prev = work.join(format!("prev-{}", nanos_since_epoch()));
        let _ = std::fs::rename(&tmp, prev);
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

/// Whether `s` is a number (a pid, nanoseconds).
fn number(s: &str) -> Option<u128> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Removes, under the lock, what earlier builds left in `work`: the
/// temporaries of killed builds (`tmp-{pid}`) and replaced sets older than
/// [`KEEP_REPLACED`] at `now` (`prev-{nanoseconds}`) — of each, only what
/// zaitaku wrote ([`remove_own`]) and second names of files `live` holds.
fn sweep(work: &Path, live: &Path, now: u128) {
    let Ok(entries) = std::fs::read_dir(work) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let old = if let Some(pid) = name.strip_prefix("tmp-") {
            number(pid).is_some()
        } else if let Some(t) = name.strip_prefix("prev-") {
            number(t).is_some_and(|t| now.saturating_sub(t) > KEEP_REPLACED.as_nanos())
        } else {
            false
        };
        if old && entry.file_type().is_ok_and(|t| t.is_dir()) {
            retire(&entry.path(), live);
        }
    }
}

/// Removes what earlier versions kept beside the output `live`
/// (`.{stem}.tmp-{pid}`, `.{stem}.prev-{ns}`: only what zaitaku wrote), and
/// their lock file `.{stem}.lock` where no build of theirs holds it.
fn sweep_beside(parent: &Path, live: &Path) {
    let Some(stem) = live.file_name().map(|s| s.to_string_lossy().into_owned()) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let (stale, replaced) = (format!(".{stem}.tmp-"), format!(".{stem}.prev-"));
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let left = [&stale, &replaced]
            .iter()
            .any(|p| name.strip_prefix(p.as_str()).and_then(number).is_some());
        if left && entry.file_type().is_ok_and(|t| t.is_dir()) {
            retire(&entry.path(), live);
        }
    }
    let legacy = parent.join(format!(".{stem}.lock"));
    if let Ok(file) = std::fs::File::open(&legacy) {
        if file.try_lock().is_ok() && std::fs::metadata(&legacy).is_ok_and(|m| m.len() == 0) {
            let _ = std::fs::remove_file(&legacy);
        }
    }
}

/// Removes a set zaitaku left (`remove_own`), after the second names of
/// files the output `live` holds (what an earlier version kept).
fn retire(set: &Path, live: &Path) {
    let names: Vec<String> = (std::fs::read_dir(set).into_iter().flatten().flatten())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    unlink_kept(set, live, &names);
    remove_own(set);
}

/// Puts the directory `tmp` in the target's place in one step, where the
/// target is new or holds only zaitaku's files and what desktops and tools
/// left there (named in `kept`, each given a second name in `tmp` first).
/// Afterwards `tmp` holds what the target held, if anything: whether it
/// held a set.
fn publish(target: &Target, tmp: &Path, kept: &mut Vec<String>) -> Result<bool, DirError> {
    let dir = target.path();
    let refused = |reason| DirError::Refused(target.refusal(reason));
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return std::fs::rename(tmp, dir).map(|()| false).map_err(io(dir));
        }
        Err(e) => return Err(io(dir)(e)),
        Ok(m) if !m.is_dir() => return Err(refused(Reason::NotADirectory("not a directory"))),
        Ok(_) => {}
    }
    let checked = match check_replaceable(dir, Some(tmp)).map_err(io(dir))? {
        Ok(checked) => checked,
        Err(foreign) => return Err(refused(Reason::Foreign(foreign))),
    };
    kept.clone_from(&checked.kept);
    if let Err((name, e)) = link_kept(dir, tmp, kept) {
        return Err(refused(Reason::CannotKeep(name, e.to_string())));
    }
    if let Err(e) = exchange(tmp, dir) {
        return Err(in_use(&checked.kept, &e).map_or(e, refused));
    }
    // What appeared in the old set between the check and the exchange.
    let late = unlisted(tmp, &checked).map_err(io(tmp))?;
    if !late.is_empty() {
        exchange(tmp, dir)?;
        return Err(refused(Reason::Foreign(late)));
    }
    Ok(true)
}

/// Why the exchange failed where a workbook of the set is open: a system
/// that locks an open file (Windows) will not move its directory.
fn in_use(kept: &[String], e: &DirError) -> Option<Reason> {
    let DirError::Io { source, .. } = e else {
        return None;
    };
    let lock = kept.iter().find(|k| locked_workbook(k).is_some())?;
    Some(Reason::InUse {
        workbook: locked_workbook(lock)?.to_string(),
        lock: lock.clone(),
        os: source.to_string(),
    })
}

#[cfg(target_os = "linux")]
fn exchange(tmp: &Path, dir: &Path) -> Result<(), DirError> {
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
fn exchange(tmp: &Path, dir: &Path) -> Result<(), DirError> {
    swap_by_renames(tmp, dir)
}

/// The fallback: the old set aside, the new one in, the old one where `tmp` was.
fn swap_by_renames(tmp: &Path, dir: &Path) -> Result<(), DirError> {
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
        assert_eq!(
            names(tmp.path()),
            [".output.zaitaku", "output"],
            "beside the output, only the builds' own directory"
        );
        let work = names(&tmp.path().join(".output.zaitaku"));
        assert_eq!(work.len(), 2, "{work:?}");
        assert_eq!(work[0], "lock");
        assert!(
            work[1].starts_with("prev-"),
            "no temporary directory is left behind, the set replaced is kept a while: {work:?}"
        );
        let prev = tmp.path().join(".output.zaitaku").join(&work[1]);
        assert_eq!(std::fs::read_to_string(prev.join("a.csv")).unwrap(), "1");
    }

    #[test]
    fn what_desktops_and_tools_leave_in_the_output_stays_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        write_atomically(&target(&out), &[file("a.csv", "1")]).unwrap();
        let litter = [
            (".DS_Store", "finder"),
            ("Thumbs.db", "explorer"),
            ("~$tables.xlsx", "excel owner"),
            (".ipynb_checkpoints/a-checkpoint.ipynb", "{}"),
        ];
        std::fs::create_dir(out.join(".ipynb_checkpoints")).unwrap();
        for (name, text) in litter {
            std::fs::write(out.join(name), text).unwrap();
        }
        #[cfg(unix)]
        let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap());
        #[cfg(unix)]
        let before = inode(&out.join(".DS_Store"));
        for round in ["2", "3"] {
            write_atomically(&target(&out), &[file("a.csv", round)]).unwrap();
            assert_eq!(std::fs::read_to_string(out.join("a.csv")).unwrap(), round);
            for (name, text) in litter {
                assert_eq!(
                    std::fs::read_to_string(out.join(name)).unwrap(),
                    text,
                    "{name}"
                );
            }
            #[cfg(unix)]
            assert_eq!(
                inode(&out.join(".DS_Store")),
                before,
                "the same file, not a copy"
            );
            assert_eq!(names(tmp.path()), [".output.zaitaku", "output"]);
            for set in names(&tmp.path().join(".output.zaitaku")) {
                let set = tmp.path().join(".output.zaitaku").join(set);
                if set.is_dir() {
                    assert_eq!(names(&set), [MANIFEST, "a.csv"], "no second name stays");
                }
            }
        }
    }

    #[test]
    fn an_exchange_refused_beside_an_open_workbook_says_to_close_it() {
        let denied = DirError::Io {
            path: PathBuf::from("output"),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        let kept = [".DS_Store".to_string(), "~$tables.xlsx".to_string()];
        let Some(reason) = in_use(&kept, &denied) else {
            panic!("an open workbook")
        };
        let refusal = Refusal {
            dir: PathBuf::from("output"),
            reason,
        };
        assert_eq!(
            refusal.to_string(),
            "will not replace output: tables.xlsx is open (~$tables.xlsx is there) and the system keeps it: permission denied"
        );
        assert_eq!(
            refusal.help(),
            "close tables.xlsx (Excel or LibreOffice) and build again"
        );
        assert_eq!(in_use(&kept[..1], &denied), None, "no workbook is open");
    }

    #[test]
    fn temporaries_of_a_killed_build_are_removed_by_the_next() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        write_atomically(&target(&out), &[file("a.csv", "1")]).unwrap();
        // What a build killed while writing leaves, and what one of an
        // earlier version left beside the output: sets being written.
        let killed = tmp.path().join(".output.zaitaku/tmp-999999");
        let earlier = tmp.path().join(".output.tmp-999998");
        for dir in [&killed, &earlier] {
            std::fs::create_dir(dir).unwrap();
            Manifest::BeingWritten.write(dir).unwrap();
            std::fs::write(dir.join("a.csv"), "0").unwrap();
        }
        std::fs::write(tmp.path().join(".output.lock"), "").unwrap();
        write_atomically(&target(&out), &[file("a.csv", "2")]).unwrap();
        assert!(!killed.exists() && !earlier.exists());
        assert!(
            !tmp.path().join(".output.lock").exists(),
            "an earlier version's lock file"
        );
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
            .join(format!(".output.zaitaku/tmp-{}", std::process::id()))
            .exists());
    }

    #[test]
    fn a_file_the_user_added_stops_the_write_and_stays() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        write_atomically(&target(&out), &[file("a.csv", "1")]).unwrap();
        std::fs::write(out.join("notebook.ipynb"), "{}").unwrap();
        let refused = write_atomically(&target(&out), &[file("a.csv", "2")]);
        let Err(DirError::Refused(Refusal { reason, .. })) = refused else {
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
