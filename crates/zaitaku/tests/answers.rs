//! Pages 3–4 (区市町村別): one test per quirk of the per-municipality rows,
//! and the failures a changed mark, an unknown option or a missing row give.
//! Each case is a copy of the seed with one thing changed; the comment
//! quotes the raw line.

mod harness;
use harness::{seed, seed_with, Run, Workdir};

/// `zaitaku show TABLE input.txt --csv` on `text`.
fn show(text: &str, table: &str) -> Run {
    let wd = Workdir::new();
    wd.write("input.txt", text);
    wd.run(&["show", table, "input.txt", "--csv"])
}

/// The CSV lines of `table` for the municipality named `name`.
fn lines_of(run: &Run, name: &str) -> Vec<String> {
    run.stdout
        .lines()
        .filter(|l| l.split(',').nth(2) == Some(name))
        .map(str::to_string)
        .collect()
}

/// Builds `text` and the seed, and compares every output file.
fn same_outputs_as_seed(text: &str) {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    wd.write("copy.txt", text);
    assert_eq!(wd.run(&["build", "--out", "a", "seed.txt"]).code, 0);
    let run = wd.run(&["build", "--out", "b", "copy.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(wd.files("a"), wd.files("b"));
}

/// Builds the seed into output/, then `text` over it: exit `code`, output/ untouched.
fn build_over_good_output(text: &str, code: i32) -> Run {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    assert_eq!(wd.run(&["build", "--out", "output", "seed.txt"]).code, 0);
    let before = wd.files("output");
    wd.write("input.txt", text);
    let run = wd.run(&["build", "--out", "output", "input.txt"]);
    assert_eq!(run.code, code, "{}", run.stderr);
    assert_eq!(wd.files("output"), before, "output/ was touched");
    run
}

#[test]
fn both_circle_characters_are_one_mark() {
    // L288 「1 千代田区 ○ ○ ○ - …」 printed with 〇 (U+3007) instead of ○ (U+25CB).
    same_outputs_as_seed(&seed_with(288, "○ ○ ○ -", "〇 〇 〇 -"));
}

#[test]
fn option_name_holding_the_separator_is_one_choice() {
    // L290 「2 中央区 … 在宅療養中の患者・利用者についての急変時診療機関の確保・その他 …」:
    // two choices, not three.
    let run = show(&seed(), "municipality_choices");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let u3: Vec<String> = lines_of(&run, "中央区")
        .into_iter()
        .filter(|l| l.contains(",ウ,3,"))
        .collect();
    assert_eq!(
        u3,
        [
            "2017-07-31,131024,中央区,ウ,3,1,在宅療養中の患者・利用者についての急変時診療機関の確保,,在宅療養中の患者・利用者についての急変時診療機関の確保,2,3,290,29",
            "2017-07-31,131024,中央区,ウ,3,2,その他,,その他,2,3,290,29",
        ]
    );
}

#[test]
fn annotations_in_front_and_after_are_kept_apart_from_the_option() {
    // L344 「29 府中市 … （検討中）在宅療養中の患者・利用者についての急変時診療機関の確保・その他 …」
    // L528 「11 大田区 ◎ 地区医師会に委託（※補助） …」
    let run = show(&seed(), "municipality_choices");
    let fuchu = lines_of(&run, "府中市");
    assert!(
        fuchu.contains(&"2017-07-31,132063,府中市,ウ,3,1,在宅療養中の患者・利用者についての急変時診療機関の確保,検討中,（検討中）在宅療養中の患者・利用者についての急変時診療機関の確保,29,3,344,30".to_string()),
        "{fuchu:#?}"
    );
    let ota = lines_of(&run, "大田区");
    assert!(
        ota.contains(
            &"2017-07-31,131113,大田区,オ,2,1,地区医師会に委託,※補助,地区医師会に委託（※補助）,11,4,528,10"
                .to_string()
        ),
        "{ota:#?}"
    );
}

#[test]
fn header_spelling_of_an_option_in_a_row_is_the_same_option() {
    // The page-3 header spells 「在宅療養中の患者・利用者について急変時診療医療機関の確保」
    // (L280–281); L294 (新宿区) printed that way is the same option, its text kept as printed.
    let text = seed_with(
        294,
        "についての急変時診療機関の確保",
        "について急変時診療医療機関の確保",
    );
    let run = show(&text, "municipality_choices");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        lines_of(&run, "新宿区").contains(&"2017-07-31,131041,新宿区,ウ,3,1,在宅療養中の患者・利用者についての急変時診療機関の確保,,在宅療養中の患者・利用者について急変時診療医療機関の確保,4,3,294,29".to_string()),
        "{}",
        run.stdout
    );
}

#[test]
fn a_dash_option_cell_chooses_nothing_and_stays_printed() {
    // L328 「21 足立区 ○ ○ ○ - ◎ △ - - ◎ 紙媒体の情報共有ツール 足立区」: ア④ and ウ③ are 「-」.
    let choices = show(&seed(), "municipality_choices");
    let adachi: Vec<String> = lines_of(&choices, "足立区");
    assert_eq!(adachi.len(), 1, "only エ② is chosen: {adachi:#?}");
    assert!(adachi[0].contains(",エ,2,1,紙媒体の情報共有ツール,"));
    let wide = show(&seed(), "municipality_answers_wide");
    let row = lines_of(&wide, "足立区");
    assert!(
        row[0].starts_with("2017-07-31,131211,足立区,21,○,○,○,-,◎,△,-,-,◎,紙媒体の情報共有ツール,"),
        "{row:#?}"
    );
}

#[test]
fn a_page_printing_another_mark_in_its_legend_is_read_by_it() {
    // L267 「「実施」 については「◎」…」 and every row of page 3 (L288–L392) print ● instead.
    let text: String = seed()
        .split('\n')
        .enumerate()
        .map(|(k, l)| {
            if k + 1 == 267 || (288..=392).contains(&(k + 1)) {
                l.replace('◎', "●")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let wd = Workdir::new();
    wd.write("input.txt", &text);
    let run = wd.run(&["build", "--out", "output", "input.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = String::from_utf8(
        wd.files("output")
            .into_iter()
            .find(|(n, _)| n == "validation_report.md")
            .unwrap()
            .1,
    )
    .unwrap();
    assert!(
        report.contains("`mun.a-e.legend.implemented`")
            && report.contains("prints 「●」 for 「実施」"),
        "the report says what changed"
    );
    let answers = show(&text, "municipality_answers");
    assert!(answers
        .stdout
        .contains("2017-07-31,131024,中央区,ア,1,,●,implemented,true,2,3,290,7"));
}

#[test]
fn flipped_mark_fails_the_question_total_naming_both_counts() {
    // L290 「2 中央区 ◎ ◎ ◎ 毎年、実施している ◎ ◎ ◎ 在宅療養中…」: ウ② ◎ → △.
    let run = build_over_good_output(&seed_with(290, "◎ ◎ ◎ 在宅療養中", "◎ ◎ △ 在宅療養中"), 1);
    assert!(
        run.stderr.contains("FAIL mun.u.q2.yes [2017-07-31] ウ②: rows marked ◎ or ○ on page 3 = 実施・予定 on page 2: published 36 (page 2, line 184), reconstructed 35"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("FAIL mun.u.q2.no"), "{}", run.stderr);
    // ウ③ is answered only where ウ② is ◎ or ○: the row that now breaks
    // that rule is a suspect, at ウ②'s cell (column 27), and no other row is.
    assert!(
        run.stderr.contains("rows that may explain it (the text cannot tell which): 中央区: ウ③ answered 「在宅療養中の患者・利用者についての急変時診療機関の確保・その他」 while ウ② is 「△」, against its condition (page 3, line 290, column 27)\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("290 | 2 中央区"),
        "the suspect's line is shown"
    );
    snapshot!("flipped_mark", run.stderr);
}

#[test]
fn a_lead_flipped_to_implemented_with_every_follow_up_dash_is_a_suspect() {
    // L328 「21 足立区 ○ ○ ○ - ◎ △ - - ◎ …」: ウ① △ → ◎, while ウ② and ウ③
    // stay 「-」 (not applicable): the report implies a ◎ lead has its follow-up
    // (ウ②, whose condition is ウ①) answered.
    let run = build_over_good_output(&seed_with(328, "◎ △ - -", "◎ ◎ - -"), 1);
    assert!(
        run.stderr.contains(
            "足立区: ウ① 「◎」 while every follow-up (ウ②) is 「-」 (page 3, line 328, column 18)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_mark_alone_of_its_kind_in_a_failing_column_is_a_suspect() {
    // L290 「2 中央区 ◎ ◎ ◎ 毎年、実施している ◎ ◎ ◎ …」: イ① ◎ → ×. No
    // question depends on イ①, but × is printed nowhere else in its column.
    let run = build_over_good_output(
        &seed_with(290, "毎年、実施している ◎", "毎年、実施している ×"),
        1,
    );
    assert!(
        run.stderr.contains("FAIL mun.i.q1.yes")
            && run.stderr.contains("rows that may explain it (the text cannot tell which): 中央区: イ① 「×」, the only 「×」 in the column (page 3, line 290, column 23)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_flip_that_breaks_no_rule_blames_no_row() {
    // L320 「17 北区 ◎ ◎ ◎ …」: ア③ ◎ → △. Nothing depends on ア③ and other
    // rows print △ there too: the text cannot say which row differs.
    let run = build_over_good_output(&seed_with(320, "北区 ◎ ◎ ◎", "北区 ◎ ◎ △"), 1);
    assert!(
        run.stderr.contains("FAIL mun.a.q3.yes")
            && run.stderr.contains("no row breaks a rule the report implies, so the text cannot tell which row differs"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("may explain it"), "{}", run.stderr);
}

#[test]
fn mark_flipped_to_implemented_fails_too() {
    // L328 「21 足立区 ○ ○ ○ - ◎ △ - - …」: ウ① △ → ◎.
    let run = build_over_good_output(&seed_with(328, "◎ △ - -", "◎ ◎ - -"), 1);
    assert!(
        run.stderr.contains("FAIL mun.u.q1.yes [2017-07-31] ウ①: rows marked ◎ or ○ on page 3 = 実施・予定 on page 2: published 42 (page 2, line 181), reconstructed 43"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_option_text_is_kept_raw_and_fails_the_option_count_naming_the_municipality() {
    // L294 「4 新宿区 … ◎ 紙媒体の情報共有ツール 新宿区」: エ② 紙媒体の情報共有ツール → 伝書鳩.
    let text = seed_with(294, "紙媒体の情報共有ツール", "伝書鳩");
    let run = build_over_good_output(&text, 1);
    assert!(
        run.stderr.contains("FAIL mun.e.q2.opt1.chosen [2017-07-31] エ② 「紙媒体の情報共有ツール」: rows choosing it on page 3 = its count on page 2: published 24 (page 2, line 134), reconstructed 23; text that matches no option of エ②: 新宿区 「伝書鳩」 (page 3, line 294)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("NOTE mun.e.q2.unmatched [2017-07-31] エ② of 新宿区 (no. 4): 「伝書鳩」 matches no option"),
        "{}",
        run.stderr
    );
    snapshot!("unknown_option_in_a_row", run.stderr);
    let choices = show(&text, "municipality_choices");
    assert_eq!(choices.code, 1);
    let shinjuku = lines_of(&choices, "新宿区");
    assert!(
        shinjuku.contains(&"2017-07-31,131041,新宿区,エ,2,1,,,伝書鳩,4,3,294,59".to_string()),
        "{shinjuku:#?}"
    );
}

#[test]
fn missing_row_fails_naming_the_municipality() {
    // L290–L291: 中央区's row of page 3 and the blank line after it, removed.
    let text: String = seed()
        .split('\n')
        .enumerate()
        .filter(|(k, _)| !(289..=290).contains(k))
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join("\n");
    let run = build_over_good_output(&text, 1);
    assert!(
        run.stderr.contains("FAIL mun.a-e.rows [2017-07-31] rows of page 3: published the 53 municipalities of the reference list without the islands, in its order, each once (islands excluded at page 3, line 269), reconstructed missing 中央区"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("FAIL mun.a-e.n"), "{}", run.stderr);
}

#[test]
fn a_page_one_any_of_count_lists_the_row_hanging_on_a_broken_cell() {
    // L570 「32 町田市 ◎ 地区医師会に委託 ◎ △ △ ◎ …」: カ① ◎ → ×. 町田市's only
    // ◎/○ among カ①②③ goes, so page 1's 「いずれかを実施」 51 (L26) counts one
    // row short; カ④ stays ◎ although its condition (any of カ①–③) is gone.
    let run = build_over_good_output(&seed_with(570, "委託 ◎ △ △", "委託 × △ △"), 1);
    assert!(
        run.stderr.contains("FAIL mun.ka.any.count [2017-07-31]")
            && run.stderr.contains("published 51 (page 1, line 26), reconstructed 50; rows that may explain it (the text cannot tell which): 町田市: カ④ answered 「◎」 while カ① is 「×」, カ② is 「△」, カ③ is 「△」, against its condition (page 4, line 570, column 19)\n"),
        "{}",
        run.stderr
    );
}
