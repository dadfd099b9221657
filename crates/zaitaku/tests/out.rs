//! `--out` never moves, changes or deletes a file zaitaku did not write:
//! each case puts the user's own files where a build or a diff would write,
//! runs the command (twice, where a second run could delete what the first
//! moved aside), and checks every user file byte for byte afterwards.

use crate::harness::{seed, Workdir};
use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `root`, by path relative to it, with its bytes, links
/// not followed.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.map(Result::unwrap) {
            let path = e.path();
            let t = e.file_type().unwrap();
            if t.is_dir() {
                walk(root, &path, out);
            } else if t.is_file() {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// The user's files: a tree of them under `dir` in the workdir.
fn user_files(wd: &Workdir, dir: &str) -> BTreeMap<String, Vec<u8>> {
    wd.write(&format!("{dir}/notes.txt"), "my notes\n");
    wd.write(&format!("{dir}/sub/keep.txt"), "keep me\n");
    tree(wd.path())
}

/// Every file of `before` is still there with the same bytes, and nothing
/// of the user's was moved aside into a hidden directory.
fn all_kept(wd: &Workdir, before: &BTreeMap<String, Vec<u8>>) {
    let now = tree(wd.path());
    for (path, bytes) in before {
        assert_eq!(
            now.get(path),
            Some(bytes),
            "{path} was moved, changed or deleted"
        );
    }
    let hidden: Vec<&String> = now
        .keys()
        .filter(|p| p.contains("prev-") || p.contains("tmp-"))
        .filter(|p| p.ends_with("notes.txt") || p.ends_with("keep.txt"))
        .collect();
    assert!(hidden.is_empty(), "moved aside: {hidden:?}");
}

fn refused(run: &crate::harness::Run, says: &str) {
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(says),
        "expected «{says}» in: {}",
        run.stderr
    );
    assert!(run.stderr.contains("help: "), "{}", run.stderr);
}

#[test]
fn a_directory_of_the_users_files_is_refused_and_kept_byte_for_byte() {
    let wd = Workdir::new();
    wd.write("input.txt", seed());
    let before = user_files(&wd, "proj");
    for _ in 0..2 {
        let run = wd.run(&["build", "--out", "proj", "input.txt"]);
        refused(
            &run,
            "zaitaku: will not replace proj: it holds what zaitaku did not write: notes.txt, sub/\n",
        );
        all_kept(&wd, &before);
    }
    snapshot!(
        "out_refused_user_directory",
        wd.run(&["build", "--out", "proj", "input.txt"]).stderr
    );
}

#[test]
fn a_users_files_without_a_directory_among_them_are_refused_after_the_build() {
    let wd = Workdir::new();
    wd.write("input.txt", seed());
    wd.write("proj/notes.txt", "my notes\n");
    wd.write("proj/data.csv", "a,b\n1,2\n");
    let before = tree(wd.path());
    for _ in 0..2 {
        let run = wd.run(&["build", "--out", "proj", "input.txt"]);
        refused(
            &run,
            "will not replace proj: it holds what zaitaku did not write: data.csv, notes.txt",
        );
        all_kept(&wd, &before);
    }
}

#[test]
fn a_regular_file_is_not_turned_into_a_directory() {
    let wd = Workdir::new();
    wd.write("input.txt", seed());
    wd.write("report.txt", "my report\n");
    let before = tree(wd.path());
    for _ in 0..2 {
        let run = wd.run(&["build", "--out", "report.txt", "input.txt"]);
        refused(
            &run,
            "will not replace report.txt: it is a file, not a directory",
        );
        all_kept(&wd, &before);
    }
}

#[test]
fn the_root_and_the_home_directory_are_refused() {
    let wd = Workdir::new();
    wd.write("input.txt", seed());
    let run = wd.run(&["build", "--out", "/", "input.txt"]);
    refused(&run, "will not replace /: it is the root directory");
    wd.write("home/.profile", "export A=1\n");
    let before = tree(wd.path());
    let home = wd.path().join("home");
    let home = home.to_str().unwrap();
    for out in [home, "home", "home/."] {
        let run = wd.run_with_env(&["build", "--out", out, "input.txt"], &[("HOME", home)]);
        refused(&run, "it is your home directory");
        all_kept(&wd, &before);
    }
}

#[test]
fn the_current_directory_with_other_files_is_refused() {
    let wd = Workdir::new();
    wd.write("input.txt", seed());
    wd.write("work/notes.txt", "my notes\n");
    let before = tree(wd.path());
    let run = wd.run_in("work", &["build", "--out", ".", "../input.txt"]);
    refused(
        &run,
        "will not replace .: it holds what zaitaku did not write: notes.txt",
    );
    all_kept(&wd, &before);
}

#[test]
fn a_directory_holding_an_input_is_refused() {
    let wd = Workdir::new();
    wd.write("raw/input.txt", seed());
    wd.write(
        "overrides.csv",
        "edition,program,association,fiscal_year,participated\n",
    );
    let before = tree(wd.path());
    let run = wd.run(&["build", "--out", "raw", "raw/input.txt"]);
    refused(&run, "will not replace raw: it holds the input ");
    assert!(run.stderr.contains("raw/input.txt"), "{}", run.stderr);
    // The current directory holds both the input and the overrides.
    let run = wd.run(&[
        "build",
        "--out",
        ".",
        "--overrides",
        "overrides.csv",
        "raw/input.txt",
    ]);
    refused(&run, "will not replace .: it holds the input ");
    all_kept(&wd, &before);
    // diff: an output directory read as an input is not replaced either.
    assert_eq!(
        wd.run(&["build", "--out", "built", "raw/input.txt"]).code,
        0
    );
    let before = tree(wd.path());
    let run = wd.run(&["diff", "built", "raw/input.txt", "--out", "built"]);
    refused(&run, "will not replace built: it holds the input ");
    all_kept(&wd, &before);
}

#[test]
fn a_file_added_to_zaitakus_output_stops_the_next_build_and_stays() {
    let wd = Workdir::new();
    wd.write("input.txt", seed());
    assert_eq!(wd.run(&["build", "--out", "output", "input.txt"]).code, 0);
    wd.write("output/analysis.ipynb", "{\"cells\": []}\n");
    let before = tree(wd.path());
    for _ in 0..2 {
        let run = wd.run(&["build", "--out", "output", "input.txt"]);
        refused(
            &run,
            "will not replace output: it holds what zaitaku did not write: analysis.ipynb\n  help: zaitaku writes only into a new or empty directory, or one holding its own output and nothing else; move what it lists out of output, or give another --out",
        );
        all_kept(&wd, &before);
    }
    snapshot!(
        "out_refused_added_file",
        wd.run(&["build", "--out", "output", "input.txt"]).stderr
    );
    // Moved out, the build goes on.
    std::fs::rename(
        wd.path().join("output/analysis.ipynb"),
        wd.path().join("a.ipynb"),
    )
    .unwrap();
    assert_eq!(wd.run(&["build", "--out", "output", "input.txt"]).code, 0);
}

#[test]
fn what_desktops_and_tools_leave_in_the_output_is_kept_and_nothing_stays_beside_it() {
    let wd = Workdir::new();
    wd.write("input.txt", seed());
    assert_eq!(
        wd.run(&["build", "--xlsx", "--out", "output", "input.txt"])
            .code,
        0
    );
    // Excel has tables.xlsx open; Finder, Explorer and Jupyter were there.
    wd.write("output/~$tables.xlsx", "owner file\n");
    wd.write("output/.~lock.tables.xlsx#", "LibreOffice lock\n");
    wd.write("output/.DS_Store", "finder\n");
    wd.write("output/Thumbs.db", "explorer\n");
    wd.write(
        "output/.ipynb_checkpoints/analysis-checkpoint.ipynb",
        "{}\n",
    );
    let before = tree(wd.path());
    // Two builds within the time a replaced set is kept.
    for _ in 0..2 {
        let run = wd.run(&["build", "--xlsx", "--out", "output", "input.txt"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        all_kept(&wd, &before);
        let beside: Vec<String> = std::fs::read_dir(wd.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".output"))
            .collect();
        assert_eq!(beside, [".output.zaitaku"], "left beside output/");
        assert_eq!(wd.temporaries(), Vec::<String>::new());
    }
}

#[test]
fn a_file_changed_in_zaitakus_output_stops_the_next_build_and_stays() {
    let wd = Workdir::new();
    wd.write("input.txt", seed());
    assert_eq!(wd.run(&["build", "--out", "output", "input.txt"]).code, 0);
    let mut csv = std::fs::read(wd.path().join("output/municipalities.csv")).unwrap();
    csv.extend_from_slice(b"# my remark\n");
    wd.write("output/municipalities.csv", &csv);
    let before = tree(wd.path());
    let run = wd.run(&["build", "--out", "output", "input.txt"]);
    refused(
        &run,
        "it holds what zaitaku did not write: municipalities.csv (changed since zaitaku wrote it)",
    );
    all_kept(&wd, &before);
}

#[test]
fn diff_out_refuses_a_directory_of_the_users_files() {
    let wd = Workdir::new();
    wd.write("old.txt", seed());
    wd.write("new.txt", seed());
    let before = user_files(&wd, "changes");
    for _ in 0..2 {
        let run = wd.run(&["diff", "old.txt", "new.txt", "--out", "changes"]);
        refused(
            &run,
            "will not replace changes: it holds what zaitaku did not write: ",
        );
        all_kept(&wd, &before);
    }
    // Files only: refused when the changes are written.
    std::fs::remove_dir_all(wd.path().join("changes/sub")).unwrap();
    let before = tree(wd.path());
    let run = wd.run(&["diff", "old.txt", "new.txt", "--out", "changes"]);
    refused(
        &run,
        "will not replace changes: it holds what zaitaku did not write: notes.txt",
    );
    all_kept(&wd, &before);
}

#[test]
fn new_empty_and_zaitakus_own_directories_are_written() {
    let wd = Workdir::new();
    wd.write("input.txt", seed());
    std::fs::create_dir(wd.path().join("empty")).unwrap();
    for out in ["new/deeper", "empty", "empty"] {
        let run = wd.run(&["build", "--out", out, "input.txt"]);
        assert_eq!(run.code, 0, "{out}: {}", run.stderr);
    }
    assert_eq!(wd.files("new/deeper"), wd.files("empty"));
    let manifest = std::fs::read_to_string(wd.path().join("empty/.zaitaku-manifest.json")).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    let listed: Vec<&str> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    let written: Vec<String> = wd
        .files("empty")
        .into_iter()
        .map(|f| f.0)
        .filter(|n| n != ".zaitaku-manifest.json")
        .collect();
    assert_eq!(
        listed, written,
        "the manifest lists every file written, in order"
    );
    // diff writes its own output the same way, and replaces it.
    wd.write("new.txt", seed());
    for _ in 0..2 {
        let run = wd.run(&["diff", "input.txt", "new.txt", "--out", "changes"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
}

#[test]
fn a_link_to_a_directory_is_followed_and_stays_a_link() {
    let wd = Workdir::new();
    wd.write("input.txt", seed());
    std::fs::create_dir(wd.path().join("real")).unwrap();
    std::os::unix::fs::symlink(wd.path().join("real"), wd.path().join("link")).unwrap();
    for _ in 0..2 {
        let run = wd.run(&["build", "--out", "link", "input.txt"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let link = std::fs::symlink_metadata(wd.path().join("link")).unwrap();
    assert!(link.file_type().is_symlink());
    assert!(wd.path().join("real/datapackage.json").exists());
}

#[test]
fn the_committed_output_readme_is_what_make_writes_so_a_fresh_clone_builds() {
    // A fresh clone's output/ holds only the committed README.md, no manifest:
    // `make` replaces it because its build of raw/*.txt writes the same bytes
    // (a new edition in raw/ means committing the README it writes).
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let committed = std::fs::read(root.join("output/README.md")).unwrap();
    let wd = Workdir::new();
    let mut args = vec![
        "build".to_string(),
        "--xlsx".into(),
        "--out".into(),
        "output".into(),
    ];
    let mut inputs: Vec<_> = std::fs::read_dir(root.join("raw"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    inputs.sort();
    for path in inputs {
        let name = format!("raw/{}", path.file_name().unwrap().to_string_lossy());
        wd.write(&name, std::fs::read(&path).unwrap());
        args.push(name);
    }
    wd.write("output/README.md", &committed);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = wd.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read(wd.path().join("output/README.md")).unwrap(),
        committed
    );
}
