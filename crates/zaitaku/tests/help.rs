//! The help texts, snapshotted (tests/snapshots/help/): the top level names the
//! report and every command; each command gives an example and its exit
//! codes; `show` lists every table a build writes with its description.

use crate::harness::Workdir;

#[test]
fn every_help_text_names_what_it_should() {
    let wd = Workdir::new();
    let commands = ["build", "check", "show", "diff", "extract"];
    let top = wd.run(&["--help"]);
    assert_eq!(top.code, 0);
    assert!(top.stdout.contains("在宅医療・介護連携推進事業の取組状況"));
    for c in commands {
        assert!(top.stdout.contains(&format!("  {c} ")), "{c}");
    }
    let mut all = format!("$ zaitaku --help\n{}", top.stdout);
    for c in commands {
        let help = wd.run(&[c, "--help"]);
        assert_eq!(help.code, 0, "{c}");
        assert!(
            help.stdout.contains("Example:\n  zaitaku ")
                || help.stdout.contains("Examples:\n  zaitaku "),
            "{c}"
        );
        assert!(help.stdout.contains("Exit codes: 0 "), "{c}");
        all.push_str(&format!("\n$ zaitaku {c} --help\n{}", help.stdout));
    }
    let show = wd.run(&["show", "--help"]);
    for e in zaitaku_table::names::CATALOG {
        assert!(
            show.stdout.contains(&format!("  {} ", e.name)),
            "{}",
            e.name
        );
        assert!(show.stdout.contains(e.description), "{}", e.name);
    }
    insta::with_settings!({ snapshot_path => "snapshots/help", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("help", all);
    });
}
