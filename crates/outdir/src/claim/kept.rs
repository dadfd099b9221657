//! What desktops and tools leave in any folder they show — Finder's
//! `.DS_Store`, Explorer's `Thumbs.db` and `desktop.ini`, macOS's `._*`
//! companions, the lock file Excel (`~$tables.xlsx`) or LibreOffice
//! (`.~lock.tables.xlsx#`) keeps beside an open workbook, Jupyter's
//! `.ipynb_checkpoints/` — is neither zaitaku's nor a reason to refuse a
//! rebuild: it is kept where it is.
//!
//! The new set takes the old one's place whole (one exchange of
//! directories), so each kept entry is given a second name in the new set
//! before the exchange (a hard link: the same file, same bytes, same
//! inode, nothing copied), and after it the old name, in the replaced set,
//! is removed once it is proved a name of the very file the output now
//! holds. Where the file system has no hard links the build is refused,
//! naming the entry, and nothing changes.

use std::io;
use std::path::Path;

/// Whether an entry named `name` (a directory where `directory`) is one a
/// desktop or a tool leaves in any folder, kept as it is.
pub(crate) fn is_kept(name: &str, directory: bool) -> bool {
    if directory {
        return name == ".ipynb_checkpoints";
    }
    let lower = name.to_lowercase();
    matches!(
        lower.as_str(),
        ".ds_store" | "thumbs.db" | "ehthumbs.db" | "desktop.ini"
    ) || name.starts_with("._")
        || name.starts_with("~$")
        || is_lock_of_libreoffice(name)
}

fn is_lock_of_libreoffice(name: &str) -> bool {
    name.starts_with(".~lock.") && name.ends_with('#')
}

/// The workbook an office suite's lock file `name` says is open:
/// `tables.xlsx` for `~$tables.xlsx` or `.~lock.tables.xlsx#`.
pub(crate) fn locked_workbook(name: &str) -> Option<&str> {
    name.strip_prefix("~$").or_else(|| {
        is_lock_of_libreoffice(name)
            .then(|| name.strip_prefix(".~lock.")?.strip_suffix('#'))
            .flatten()
    })
}

/// Gives every entry `names` of `old` a second name in `new` (files hard
/// linked, directories made and their contents linked in turn): on an
/// error, the entry's name and the OS's words.
pub(crate) fn link(old: &Path, new: &Path, names: &[String]) -> Result<(), (String, io::Error)> {
    for name in names {
        link_entry(&old.join(name), &new.join(name)).map_err(|e| (name.clone(), e))?;
    }
    Ok(())
}

fn link_entry(from: &Path, to: &Path) -> io::Result<()> {
    let kind = std::fs::symlink_metadata(from)?.file_type();
    if kind.is_file() {
        return std::fs::hard_link(from, to);
    }
    if !kind.is_dir() {
        return Err(io::Error::other("a link or special file"));
    }
    std::fs::create_dir(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        link_entry(&entry.path(), &to.join(entry.file_name()))?;
    }
    Ok(())
}

/// Removes from `retired` (a replaced set) each entry `names` that is a
/// second name of the file of the same name in `live` (the output now):
/// the file stays, under its name in the output. Anything else — a file
/// that changed in between, one the system cannot compare — stays.
pub(crate) fn unlink(retired: &Path, live: &Path, names: &[String]) {
    for name in names {
        unlink_entry(&retired.join(name), &live.join(name));
    }
}

fn unlink_entry(retired: &Path, live: &Path) {
    let Ok(meta) = std::fs::symlink_metadata(retired) else {
        return;
    };
    if meta.is_dir() {
        for entry in std::fs::read_dir(retired).into_iter().flatten().flatten() {
            unlink_entry(&entry.path(), &live.join(entry.file_name()));
        }
        let _ = std::fs::remove_dir(retired);
    } else if meta.is_file() && same_file(retired, live) {
        let _ = std::fs::remove_file(retired);
    }
}

/// Whether `a` and `b` are names of one file (links not followed).
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::symlink_metadata(a), std::fs::symlink_metadata(b)) {
        (Ok(a), Ok(b)) => a.is_file() && b.is_file() && a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere no name is proved a second one: the replaced set stays.
#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn desktop_and_tool_files_are_known_by_name() {
        for name in [
            ".DS_Store",
            "Thumbs.db",
            "desktop.ini",
            "Desktop.ini",
            "._tables.xlsx",
            "~$tables.xlsx",
            ".~lock.tables.xlsx#",
        ] {
            assert!(is_kept(name, false), "{name}");
        }
        assert!(is_kept(".ipynb_checkpoints", true));
        for name in ["notes.txt", ".ipynb_checkpoints", "tables.xlsx", ".~lock.x"] {
            assert!(!is_kept(name, false), "{name}");
        }
        assert!(!is_kept(".DS_Store", true));
        assert_eq!(locked_workbook("~$tables.xlsx"), Some("tables.xlsx"));
        assert_eq!(locked_workbook(".~lock.tables.xlsx#"), Some("tables.xlsx"));
        assert_eq!(locked_workbook(".DS_Store"), None);
    }

    #[test]
    fn a_kept_tree_gets_a_second_name_and_loses_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("old"), dir.path().join("new"));
        std::fs::create_dir_all(old.join(".ipynb_checkpoints/sub")).unwrap();
        std::fs::create_dir(&new).unwrap();
        std::fs::write(old.join(".DS_Store"), "finder").unwrap();
        std::fs::write(old.join(".ipynb_checkpoints/sub/a.ipynb"), "{}").unwrap();
        let names = [".DS_Store".to_string(), ".ipynb_checkpoints".to_string()];
        link(&old, &new, &names).unwrap();
        assert_eq!(
            std::fs::read_to_string(new.join(".DS_Store")).unwrap(),
            "finder"
        );
        // A file changed in the replaced set after the link is not a second name.
        std::fs::remove_file(old.join(".DS_Store")).unwrap();
        std::fs::write(old.join(".DS_Store"), "another").unwrap();
        unlink(&old, &new, &names);
        assert_eq!(
            std::fs::read_to_string(new.join(".ipynb_checkpoints/sub/a.ipynb")).unwrap(),
            "{}"
        );
        #[cfg(unix)]
        {
            assert!(!old.join(".ipynb_checkpoints").exists());
            assert_eq!(
                std::fs::read_to_string(old.join(".DS_Store")).unwrap(),
                "another"
            );
        }
    }
}
