//! The manifest of an output directory (`.zaitaku-manifest.json`): each
//! file zaitaku wrote there, with its size and content hash.

use super::entries;
use std::io;
use std::path::Path;

/// The manifest's file name inside an output directory.
pub const MANIFEST: &str = ".zaitaku-manifest.json";

/// A manifest being written, before it takes [`MANIFEST`]'s name.
pub(super) const MANIFEST_PART: &str = ".zaitaku-manifest.json.part";

/// One file of a manifest: its name, size and content hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(super) name: String,
    pub(super) bytes: u64,
    hash: u64,
}

impl Entry {
    /// The entry of `path`'s file, named `name`.
    pub(super) fn of(name: &str, path: &Path) -> io::Result<Entry> {
        Ok(Entry::of_bytes(name, &std::fs::read(path)?))
    }

    /// The entry of a file named `name` holding `bytes`.
    pub(super) fn of_bytes(name: &str, bytes: &[u8]) -> Entry {
        Entry {
            name: name.into(),
            bytes: bytes.len() as u64,
            hash: xxhash_rust::xxh3::xxh3_64(bytes),
        }
    }
}

/// A manifest's contents: complete (the files of a finished set) or being
/// written (a temporary directory zaitaku is filling).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Manifest {
    Complete(Vec<Entry>),
    BeingWritten,
}

impl Manifest {
    /// The manifest's JSON: one file per line, so a reader sees the list.
    fn json(&self) -> String {
        let about = "The files zaitaku wrote into this directory. zaitaku replaces the directory only while it holds these files, unchanged, and nothing else.";
        let files = match self {
            Manifest::BeingWritten => {
                return "{\"written_by\": \"zaitaku\", \"complete\": false}\n".into()
            }
            Manifest::Complete(files) => files,
        };
        let lines: Vec<String> = files
            .iter()
            .map(|e| {
                format!(
                    "    {{\"name\": {}, \"bytes\": {}, \"xxh3\": \"{:016x}\"}}",
                    serde_json::Value::from(e.name.as_str()),
                    e.bytes,
                    e.hash
                )
            })
            .collect();
        format!(
            "{{\n  \"written_by\": \"zaitaku\",\n  \"about\": {},\n  \"complete\": true,\n  \"files\": [\n{}\n  ]\n}}\n",
            serde_json::Value::from(about),
            lines.join(",\n")
        )
    }

    /// The manifest of `dir`, if it has one zaitaku wrote.
    pub(crate) fn read(dir: &Path) -> Option<Manifest> {
        let text = std::fs::read(dir.join(MANIFEST)).ok()?;
        let value: serde_json::Value = serde_json::from_slice(&text).ok()?;
        if value.get("written_by")?.as_str()? != "zaitaku" {
            return None;
        }
        if !value.get("complete")?.as_bool()? {
            return Some(Manifest::BeingWritten);
        }
        let files = value.get("files")?.as_array()?;
        let mut entries = Vec::with_capacity(files.len());
        for f in files {
            entries.push(Entry {
                name: f.get("name")?.as_str()?.into(),
                bytes: f.get("bytes")?.as_u64()?,
                hash: u64::from_str_radix(f.get("xxh3")?.as_str()?, 16).ok()?,
            });
        }
        Some(Manifest::Complete(entries))
    }

    /// Writes this manifest into `dir`, whole or not at all (written beside
    /// and renamed: a build killed while writing it leaves the one before).
    pub(crate) fn write(&self, dir: &Path) -> io::Result<()> {
        let part = dir.join(MANIFEST_PART);
        std::fs::write(&part, self.json())?;
        std::fs::rename(part, dir.join(MANIFEST))
    }

    /// The complete manifest of the files in `dir` (all zaitaku wrote there).
    pub(crate) fn of_dir(dir: &Path) -> io::Result<Manifest> {
        let mut files = Vec::new();
        for (name, _) in entries(dir)? {
            if name != MANIFEST {
                files.push(Entry::of(&name, &dir.join(&name))?);
            }
        }
        Ok(Manifest::Complete(files))
    }
}
