//! Which directories zaitaku may replace: a new one, an empty one, or one
//! holding zaitaku's own output and nothing else. zaitaku never moves or
//! deletes a file it did not write.
//!
//! Every output directory holds a manifest, [`MANIFEST`], listing each file
//! zaitaku wrote there with its size and content hash. Before an output
//! directory is replaced, each of its entries is checked:
//!
//! - a file the manifest lists, with the size and hash it lists, is
//!   zaitaku's;
//! - a file whose bytes equal the file of the same name in the new set is
//!   replaced by the same bytes, so nothing is lost (a fresh clone's
//!   committed `output/README.md`, which has no manifest beside it);
//! - what desktops and tools leave in any folder (`.DS_Store`, an open
//!   workbook's `~$tables.xlsx`, `.ipynb_checkpoints/`, …) is kept where it
//!   is, untouched (`kept`);
//! - anything else — a file the user added or changed, a directory, a
//!   link — is the user's, and the build stops with exit 2, naming it
//!   ([`Refusal`]); the directory is left exactly as it was.
//!
//! [`Target::new`] checks what can be checked before any input is read (the
//! root, the home directory, a regular file, a directory holding an input);
//! the entries are checked under the output's lock just before the
//! exchange, and again after it (a file added in between puts the old set
//! back).

mod kept;
mod manifest;

pub(crate) use kept::{link as link_kept, locked_workbook, unlink as unlink_kept};
pub(crate) use manifest::Manifest;
pub use manifest::MANIFEST;
use manifest::{Entry, MANIFEST_PART};
use std::io;
use std::path::{Component, Path, PathBuf};

/// An output directory the user named, resolved and checked.
#[derive(Debug, Clone)]
pub struct Target {
    /// As the user gave it, for messages.
    given: PathBuf,
    /// Absolute, symbolic links resolved: where the files go.
    path: PathBuf,
}

impl Target {
    /// Whether the parent of the directory (or its nearest ancestor there
    /// is) takes new entries, as the lock and the temporary set beside the
    /// directory need: a file of zaitaku's own is made there and removed. The parent and the OS's
    /// error where it does not.
    fn probe_parent(&self) -> Result<(), (PathBuf, io::Error)> {
        let (Some(parent), Some(stem)) = (self.path.parent(), self.path.file_name()) else {
            return Ok(());
        };
        // Missing parents are made by the build: the nearest one there is
        // must take them.
        let parent = parent.ancestors().find(|a| a.is_dir()).unwrap_or(parent);
        let probe = parent.join(format!(
            ".{}.probe-{}",
            stem.to_string_lossy(),
            std::process::id()
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&probe)
        {
            Ok(_) => {
                let _ = std::fs::remove_file(&probe);
                Ok(())
            }
            Err(e) => Err((parent.to_path_buf(), e)),
        }
    }

    /// Resolves `given` (relative to the current directory, symbolic links
    /// followed) and refuses what zaitaku must never replace: the root, the
    /// home directory, anything but a directory, a directory that holds one
    /// of `inputs`, one holding a directory or a link.
    pub fn new(given: &Path, inputs: &[PathBuf]) -> Result<Target, Refusal> {
        let refuse = |reason| Refusal {
            dir: given.to_path_buf(),
            reason,
        };
        if given.as_os_str().is_empty() {
            return Err(refuse(Reason::NoPath));
        }
        let path = resolve(given).map_err(|e| refuse(Reason::Unreadable(e.to_string())))?;
        if path.parent().is_none() {
            return Err(refuse(Reason::Root));
        }
        let home = std::env::var_os("HOME").and_then(|h| std::fs::canonicalize(h).ok());
        if home.as_deref() == Some(path.as_path()) {
            return Err(refuse(Reason::Home));
        }
        match std::fs::symlink_metadata(given) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(refuse(Reason::Unreadable(e.to_string()))),
            Ok(_) => match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => {}
                Ok(m) if m.is_file() => return Err(refuse(Reason::NotADirectory("a file"))),
                Ok(_) => return Err(refuse(Reason::NotADirectory("not a directory"))),
                Err(_) => return Err(refuse(Reason::NotADirectory("a broken symbolic link"))),
            },
        }
        for input in inputs {
            if std::fs::canonicalize(input).is_ok_and(|i| i.starts_with(&path)) {
                return Err(refuse(Reason::HoldsInput(input.clone())));
            }
        }
        let target = Target {
            given: given.to_path_buf(),
            path,
        };
        target
            .probe_parent()
            .map_err(|(parent, e)| refuse(Reason::CannotCreate(parent, e.to_string())))?;
        // A directory or a link can never be zaitaku's, whatever the new set
        // holds; where there is one, every entry not proved zaitaku's is named.
        let unreadable = |e: io::Error| refuse(Reason::Unreadable(e.to_string()));
        let entries = entries(&target.path).map_err(unreadable)?;
        if entries.iter().any(|(_, kind)| *kind != Kind::File) {
            if let Err(foreign) = check_replaceable(&target.path, None).map_err(unreadable)? {
                return Err(refuse(Reason::Foreign(foreign)));
            }
        }
        Ok(target)
    }

    /// The directory as the user gave it.
    pub fn given(&self) -> &Path {
        &self.given
    }

    /// The directory, absolute, symbolic links resolved.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The refusal of this directory for `reason`.
    pub(crate) fn refusal(&self, reason: Reason) -> Refusal {
        Refusal {
            dir: self.given.clone(),
            reason,
        }
    }
}

/// The absolute form of `given`: its longest existing ancestor
/// canonicalized (links resolved), the rest appended with `.` and `..`
/// taken lexically (they name directories that do not exist yet).
fn resolve(given: &Path) -> io::Result<PathBuf> {
    let absolute = if given.is_absolute() {
        given.to_path_buf()
    } else {
        std::env::current_dir()?.join(given)
    };
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        match std::fs::canonicalize(existing) {
            Ok(mut path) => {
                for part in rest.iter().rev() {
                    match part {
                        Component::ParentDir => {
                            path.pop();
                        }
                        Component::Normal(name) => path.push(name),
                        _ => {}
                    }
                }
                return Ok(path);
            }
            Err(e) => {
                let (Some(parent), Some(last)) =
                    (existing.parent(), existing.components().next_back())
                else {
                    return Err(e);
                };
                rest.push(last);
                existing = parent;
            }
        }
    }
}

/// What an entry of a directory is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    Directory,
    /// A link, a socket, a device…
    Other,
}

/// The entries of `dir` (none when it does not exist), links not followed.
fn entries(dir: &Path) -> io::Result<Vec<(String, Kind)>> {
    let listing = match std::fs::read_dir(dir) {
        Ok(l) => l,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    for entry in listing {
        let entry = entry?;
        let t = entry.file_type()?;
        let kind = if t.is_file() {
            Kind::File
        } else if t.is_dir() {
            Kind::Directory
        } else {
            Kind::Other
        };
        out.push((entry.file_name().to_string_lossy().into_owned(), kind));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Why zaitaku will not write into a directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The directory, as the user gave it.
    pub dir: PathBuf,
    /// Why.
    pub reason: Reason,
}

/// What makes a directory someone else's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// `--out ""`.
    NoPath,
    /// `/`.
    Root,
    /// The user's home directory.
    Home,
    /// A regular file or another thing that is not a directory (what it is).
    NotADirectory(&'static str),
    /// The directory holds this input (as the user gave it).
    HoldsInput(PathBuf),
    /// The directory holds entries zaitaku did not write, sorted by name.
    Foreign(Vec<Foreign>),
    /// The directory or its ancestors could not be read (the OS's words).
    Unreadable(String),
    /// The directory does not exist and its parent takes no new entry:
    /// the parent, and the OS's words.
    CannotCreate(PathBuf, String),
    /// An entry kept where it is (`kept`) could not be given a name in
    /// the new set (a file system without hard links): its name, the OS's
    /// words.
    CannotKeep(String, String),
    /// The system would not let the directory go while a workbook in it
    /// is open (its office suite's lock file is there): the workbook, the
    /// lock file, the OS's words.
    InUse {
        /// The open workbook: `tables.xlsx`.
        workbook: String,
        /// Its lock file: `~$tables.xlsx`.
        lock: String,
        /// What the system said.
        os: String,
    },
}

/// An entry of a directory that zaitaku did not write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Foreign {
    /// Its name inside the directory.
    pub name: String,
    /// Why it is not zaitaku's.
    pub why: Why,
}

/// Why an entry is not zaitaku's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// A file no manifest lists.
    NotWritten,
    /// A file the manifest lists, whose bytes changed since.
    Changed,
    /// A directory (zaitaku writes none).
    Directory,
    /// A symbolic link or a special file.
    Other,
}

/// How many foreign entries a message names.
const NAMED: usize = 5;

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let dir = self.dir.display();
        let will = format!("will not replace {dir}: ");
        match &self.reason {
            Reason::CannotCreate(parent, e) => write!(
                f,
                "cannot write {dir}: {} takes no new directory ({e})",
                parent.display()
            ),
            Reason::NoPath => write!(f, "{will}the path is empty; expected a directory"),
            Reason::Root => write!(f, "{will}it is the root directory"),
            Reason::Home => write!(f, "{will}it is your home directory"),
            Reason::NotADirectory(what) => write!(f, "{will}it is {what}, not a directory"),
            Reason::HoldsInput(input) => {
                write!(f, "{will}it holds the input {}", input.display())
            }
            Reason::Unreadable(e) => write!(f, "{will}it cannot be read: {e}"),
            Reason::CannotKeep(name, e) => write!(
                f,
                "{will}{name} (left there by a desktop or a tool) cannot be kept in the new set: {e}"
            ),
            Reason::InUse { workbook, lock, os } => write!(
                f,
                "{will}{workbook} is open ({lock} is there) and the system keeps it: {os}"
            ),
            Reason::Foreign(entries) => {
                let named: Vec<String> = entries
                    .iter()
                    .take(NAMED)
                    .map(|e| match e.why {
                        Why::NotWritten => e.name.clone(),
                        Why::Changed => format!("{} (changed since zaitaku wrote it)", e.name),
                        Why::Directory => format!("{}/", e.name),
                        Why::Other => format!("{} (a link or special file)", e.name),
                    })
                    .collect();
                let more = match entries.len().saturating_sub(NAMED) {
                    0 => String::new(),
                    n => format!(" and {n} more"),
                };
                write!(
                    f,
                    "{will}it holds what zaitaku did not write: {}{more}",
                    named.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for Refusal {}

impl Refusal {
    /// What the user can do, in one line.
    pub fn help(&self) -> String {
        let replaceable =
            "zaitaku writes only into a new or empty directory, or one holding its own output and nothing else";
        match &self.reason {
            Reason::NoPath | Reason::Root | Reason::Home | Reason::NotADirectory(_) => {
                format!("{replaceable}; give one, e.g. --out output")
            }
            Reason::HoldsInput(_) => {
                format!("{replaceable}; write the outputs elsewhere, e.g. --out output")
            }
            Reason::Foreign(_) => format!(
                "{replaceable}; move what it lists out of {}, or give another --out",
                self.dir.display()
            ),
            Reason::Unreadable(_) => "check the path and its permissions".into(),
            Reason::CannotKeep(name, _) => format!(
                "move {name} out of {} (or delete it), or give another --out",
                self.dir.display()
            ),
            Reason::InUse { workbook, .. } => {
                format!("close {workbook} (Excel or LibreOffice) and build again")
            }
            Reason::CannotCreate(..) => {
                "give a directory you can write to, e.g. --out output".into()
            }
        }
    }
}

/// A directory zaitaku may replace: its own files, and what desktops and
/// tools left there, kept ([`kept`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Replaceable {
    /// zaitaku's files, as a manifest.
    pub own: Manifest,
    /// The entries kept where they are, by name.
    pub kept: Vec<String>,
}

/// Checks the directory `old` before `new` (the complete new set, where
/// it is known) takes its place: the entries of `old` that are zaitaku's
/// (as a manifest) and those kept, or the entries that are neither.
pub(crate) fn check_replaceable(
    old: &Path,
    new: Option<&Path>,
) -> io::Result<Result<Replaceable, Vec<Foreign>>> {
    let listed = match Manifest::read(old) {
        Some(Manifest::Complete(files)) => files,
        _ => Vec::new(),
    };
    let (mut own, mut foreign, mut kept) = (Vec::new(), Vec::new(), Vec::new());
    for (name, kind) in entries(old)? {
        if kind != Kind::Other && kept::is_kept(&name, kind == Kind::Directory) {
            kept.push(name);
            continue;
        }
        let why = match kind {
            Kind::Directory => Some(Why::Directory),
            Kind::Other => Some(Why::Other),
            Kind::File if name == MANIFEST => None,
            Kind::File => {
                let path = old.join(&name);
                let size = std::fs::symlink_metadata(&path)?.len();
                let listed = listed.iter().find(|e| e.name == name);
                // The new set's file of that name, where it has this size.
                let same_size = new.map(|n| n.join(&name)).filter(|p| {
                    std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file() && m.len() == size)
                });
                // Read only a file that may be zaitaku's (a user's large file is not read).
                let own_entry = if listed.is_some_and(|e| e.bytes == size) || same_size.is_some() {
                    let bytes = std::fs::read(&path)?;
                    let entry = Entry::of_bytes(&name, &bytes);
                    // The new file is read only where the manifest does not vouch.
                    let own = listed == Some(&entry)
                        || match &same_size {
                            Some(p) => std::fs::read(p)? == bytes,
                            None => false,
                        };
                    own.then_some(entry)
                } else {
                    None
                };
                match own_entry {
                    Some(entry) => {
                        own.push(entry);
                        None
                    }
                    None if listed.is_some() => Some(Why::Changed),
                    None => Some(Why::NotWritten),
                }
            }
        };
        if let Some(why) = why {
            foreign.push(Foreign { name, why });
        }
    }
    Ok(if foreign.is_empty() {
        Ok(Replaceable {
            own: Manifest::Complete(own),
            kept,
        })
    } else {
        Err(foreign)
    })
}

/// The entries of `dir` that `checked` neither lists nor keeps (the
/// manifest aside): what appeared in a directory after it was checked.
pub(crate) fn unlisted(dir: &Path, checked: &Replaceable) -> io::Result<Vec<Foreign>> {
    let listed: &[Entry] = match &checked.own {
        Manifest::Complete(files) => files,
        Manifest::BeingWritten => &[],
    };
    Ok(entries(dir)?
        .into_iter()
        .filter(|(name, _)| name != MANIFEST && !listed.iter().any(|e| &e.name == name))
        .filter(|(name, _)| !checked.kept.contains(name))
        .map(|(name, kind)| Foreign {
            name,
            why: match kind {
                Kind::File => Why::NotWritten,
                Kind::Directory => Why::Directory,
                Kind::Other => Why::Other,
            },
        })
        .collect())
}

/// Removes what zaitaku left in `dir`, a directory of its own beside an
/// output (a replaced set, or the temporary of a killed build), and `dir`
/// itself when nothing else is left. A set being written goes whole (only
/// zaitaku writes into its temporaries, and only files); of a complete
/// set, only the files its manifest lists with their size and hash
/// unchanged. The manifest goes last, so that a sweep killed half-way
/// leaves what the next one removes.
pub(crate) fn remove_own(dir: &Path) {
    match Manifest::read(dir) {
        // The manifest goes last, so that a sweep killed half-way leaves
        // a directory the next sweep still knows as zaitaku's.
        Some(Manifest::BeingWritten) => {
            for (name, _) in entries(dir).unwrap_or_default() {
                if name != MANIFEST {
                    let _ = std::fs::remove_file(dir.join(name));
                }
            }
            let _ = std::fs::remove_file(dir.join(MANIFEST));
            let _ = std::fs::remove_dir(dir);
        }
        Some(Manifest::Complete(files)) => {
            for f in files {
                let path = dir.join(&f.name);
                let is_file = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
                if is_file && Entry::of(&f.name, &path).is_ok_and(|e| e == f) {
                    let _ = std::fs::remove_file(path);
                }
            }
            let _ = std::fs::remove_file(dir.join(MANIFEST));
            let _ = std::fs::remove_file(dir.join(MANIFEST_PART));
            let _ = std::fs::remove_dir(dir);
        }
        // A temporary killed before its first manifest took its name: empty
        // but for that manifest being written.
        None => {
            let _ = std::fs::remove_file(dir.join(MANIFEST_PART));
            let _ = std::fs::remove_dir(dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.csv"), "x,y\n").unwrap();
        std::fs::write(dir.path().join("名前 \"q\".csv"), "1\n").unwrap();
        let manifest = Manifest::of_dir(dir.path()).unwrap();
        manifest.write(dir.path()).unwrap();
        assert_eq!(Manifest::read(dir.path()), Some(manifest.clone()));
        let Manifest::Complete(files) = manifest else {
            panic!("complete")
        };
        assert_eq!(files.len(), 2);
        Manifest::BeingWritten.write(dir.path()).unwrap();
        assert_eq!(Manifest::read(dir.path()), Some(Manifest::BeingWritten));
    }

    #[test]
    fn a_path_is_resolved_through_links_and_lexically_past_them() {
        let dir = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir(real.join("real")).unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(real.join("real"), real.join("link")).unwrap();
            assert_eq!(resolve(&real.join("link")).unwrap(), real.join("real"));
            assert_eq!(
                resolve(&real.join("link/new/../out")).unwrap(),
                real.join("real/out")
            );
        }
        assert_eq!(resolve(&real.join("a/b")).unwrap(), real.join("a/b"));
    }

    #[test]
    fn only_zaitakus_own_files_or_the_same_bytes_are_replaceable() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("old"), dir.path().join("new"));
        std::fs::create_dir(&old).unwrap();
        std::fs::create_dir(&new).unwrap();
        std::fs::write(old.join("a.csv"), "1").unwrap();
        Manifest::of_dir(&old).unwrap().write(&old).unwrap();
        std::fs::write(new.join("README.md"), "same").unwrap();
        std::fs::write(old.join("README.md"), "same").unwrap();
        std::fs::write(old.join(".DS_Store"), "finder").unwrap();
        std::fs::write(old.join("~$tables.xlsx"), "owner").unwrap();
        std::fs::create_dir(old.join(".ipynb_checkpoints")).unwrap();
        let checked = check_replaceable(&old, Some(&new)).unwrap().unwrap();
        assert_eq!(
            checked.kept,
            [".DS_Store", ".ipynb_checkpoints", "~$tables.xlsx"]
        );
        std::fs::write(old.join("a.csv"), "2").unwrap();
        std::fs::write(old.join("notes.txt"), "mine").unwrap();
        std::fs::create_dir(old.join("sub")).unwrap();
        let foreign = check_replaceable(&old, Some(&new)).unwrap().unwrap_err();
        assert_eq!(
            foreign,
            vec![
                Foreign {
                    name: "a.csv".into(),
                    why: Why::Changed
                },
                Foreign {
                    name: "notes.txt".into(),
                    why: Why::NotWritten
                },
                Foreign {
                    name: "sub".into(),
                    why: Why::Directory
                },
            ]
        );
    }

    #[test]
    fn removing_a_set_leaves_what_its_manifest_does_not_list() {
        let dir = tempfile::tempdir().unwrap();
        let set = dir.path().join("set");
        std::fs::create_dir(&set).unwrap();
        std::fs::write(set.join("a.csv"), "1").unwrap();
        std::fs::write(set.join("b.csv"), "2").unwrap();
        Manifest::of_dir(&set).unwrap().write(&set).unwrap();
        std::fs::write(set.join("b.csv"), "changed").unwrap();
        std::fs::write(set.join("mine.txt"), "x").unwrap();
        remove_own(&set);
        assert!(!set.join("a.csv").exists());
        assert_eq!(
            std::fs::read_to_string(set.join("b.csv")).unwrap(),
            "changed"
        );
        assert_eq!(std::fs::read_to_string(set.join("mine.txt")).unwrap(), "x");
        std::fs::remove_file(set.join("b.csv")).unwrap();
        std::fs::remove_file(set.join("mine.txt")).unwrap();
        Manifest::of_dir(&set).unwrap().write(&set).unwrap();
        remove_own(&set);
        assert!(!set.exists(), "an own set goes whole");
    }
}
