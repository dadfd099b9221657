"""Writes the fixture inputs under tests/fixtures/ from the seed, each an
edited copy made by an edit this script states, and tests/fixtures/README.md
listing what each one shows. The fixtures are committed; run this again after
changing an edit (`python3 scripts/make_fixtures.py`).

crates/zaitaku/tests/fixtures.rs builds every fixture over a good output
directory and snapshots the exit code and the messages (snapshots/fixtures/)."""
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED = (ROOT / "raw" / "000_1fb60f2a74870bbb.txt").read_text(encoding="utf-8")


def replace(line, old, new):
    """Line `line` (from 1) with its first `old` replaced by `new`."""
    def edit(lines):
        assert old in lines[line - 1], (line, old)
        lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return edit, f"L{line}: 「{old}」 → 「{new}」"


def drop(first, last):
    """Lines `first`..=`last` (from 1) removed."""
    def edit(lines):
        del lines[first - 1:last]
    return edit, f"L{first}–L{last} removed"


# name: (what it shows, edit)
INVALID = {
    "hours_before_phone": (
        "an hours phrase before a window's phone is a cell out of place (it once panicked on a reversed slice)",
        replace(925, "03-5312-9925", "午前9時～午後5時 03-5312-9925")),
    "window_without_phone": (
        "every window of the layout prints a phone before its hours",
        replace(925, "03-5312-9925 03-3226-2237", "電話なし")),
    "marks_without_cells": (
        "a window's marks with no cells before them are no window (品川区's 八潮在宅介護支援センター)",
        drop(1043, 1046)),
    "mark_outside_the_legend": (
        "a mark no legend prints (ウ① of 足立区) is a vocabulary error at its column",
        replace(328, "◎ △ - -", "◎ ▲ - -")),
    "number_too_large": (
        "a figure beyond the Int32 columns is a number error at its first digit (it once wrapped)",
        replace(28, "48 90.6%", "9" * 30 + " 90.6%")),
    "era_year_zero": (
        "an era year outside 1–99 is a date error",
        replace(52, "平成29年度", "平成0年度")),
}

out = ROOT / "tests" / "fixtures"
(out / "invalid").mkdir(parents=True, exist_ok=True)
index = ["# Fixtures", "",
         "Made by `scripts/make_fixtures.py` from the seed; snapshots in `snapshots/fixtures/`.", "",
         "## invalid (exit 2, output/ untouched)", ""]
for name, (what, (edit, how)) in INVALID.items():
    lines = SEED.split("\n")
    edit(lines)
    (out / "invalid" / f"{name}.txt").write_text("\n".join(lines), encoding="utf-8")
    index.append(f"- `{name}.txt`: {what}. Edit: {how}.")
(out / "README.md").write_text("\n".join(index) + "\n", encoding="utf-8")
