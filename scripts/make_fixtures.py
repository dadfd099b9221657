"""Writes the fixture inputs under tests/fixtures/ from the seed, each an
edited copy made by an edit this script states, and tests/fixtures/README.md
listing what each one shows. The fixtures are committed; run this again after
changing or adding an edit (`python3 scripts/make_fixtures.py`), then
`cargo insta test --review` (or `make test` and read the new snapshots).

- valid/*.txt build (exit 0). crates/zaitaku/tests/fixtures.rs snapshots
  how every table and the validation report differ from the seed's.
- invalid/*.txt fail: exit 1 (a figure disagrees) or exit 2 (bad input),
  built over an output/ that held the seed's tables, which must stay
  untouched. The snapshot is the exit code and the messages.
- cli/*.txt are inputs of the command-line tests (crates/zaitaku/tests/cli.rs)
  that take more than one input.

With --check, writes nothing and exits 1 naming every fixture file that is
not what its stated edit makes (`make test` runs this), so a fixture cannot
drift from the edit its README line states.

A fixture `NAME.txt` may have a sidecar `NAME.overrides.csv`, passed as
`--overrides`. Lines are counted from 1, as editors and the messages count."""
import pathlib
import re
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED = (ROOT / "raw" / "000_1fb60f2a74870bbb.txt").read_bytes()
OVERRIDES_HEADER = "edition,program,association,fiscal_year,participated,reason\n"


def lines_edit(fn, how):
    """An edit of the seed's lines (a list of str, edited in place)."""
    def edit(data):
        lines = data.decode("utf-8").split("\n")
        fn(lines)
        return "\n".join(lines).encode("utf-8")
    return edit, how


def replace(line, old, new):
    """Line `line` with its first `old` replaced by `new`."""
    def fn(lines):
        assert old in lines[line - 1], (line, old, lines[line - 1])
        lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return lines_edit(fn, f"L{line}: 「{old}」 → 「{new}」")


def replace_in(first, last, old, new):
    """Every `old` on lines `first`..=`last` replaced by `new`."""
    def fn(lines):
        for k in range(first - 1, last):
            lines[k] = lines[k].replace(old, new)
    return lines_edit(fn, f"L{first}–L{last}: every 「{old}」 → 「{new}」")


def replace_everywhere(old, new):
    """Every `old` of the text replaced by `new`."""
    def edit(data):
        text = data.decode("utf-8")
        assert old in text, old
        return text.replace(old, new).encode("utf-8")
    return edit, f"every 「{old}」 → 「{new}」"


def drop(first, last, starts=None):
    """Lines `first`..=`last` removed (the first starting with `starts`, where given)."""
    def fn(lines):
        assert starts is None or lines[first - 1].startswith(starts), (first, lines[first - 1])
        del lines[first - 1:last]
    return lines_edit(fn, f"L{first}–L{last} removed")


def keep_first(n):
    def fn(lines):
        del lines[n:]
    return lines_edit(fn, f"only L1–L{n} kept")


def insert(before, line, times=1):
    """`times` copies of `line` put before line `before`."""
    def fn(lines):
        lines[before - 1:before - 1] = [line] * times
    count = f"{times} copies of " if times > 1 else ""
    return lines_edit(fn, f"{count}「{line}」 put before L{before}")


def splice(line, old, new_lines):
    """Line `line` (which must be `old`) replaced by `new_lines`."""
    def fn(lines):
        assert lines[line - 1] == old, (line, lines[line - 1])
        lines[line - 1:line] = new_lines
    shown = " / ".join(new_lines)
    return lines_edit(fn, f"L{line} 「{old}」 → the lines 「{shown}」")


def then(*edits):
    def edit(data):
        for e, _ in edits:
            data = e(data)
        return data
    return edit, "; ".join(how for _, how in edits)


def nothing():
    return (lambda data: data), "none (the seed as it is, with the sidecar)"


def empty():
    return (lambda data: b""), "every byte removed"


def xorshift_bytes(n):
    """`n` bytes of a fixed xorshift sequence: not text in any encoding read."""
    def edit(_):
        x, out = 0x9E3779B9, bytearray()
        for _ in range(n):
            x ^= (x << 13) & 0xFFFFFFFF
            x ^= x >> 17
            x ^= (x << 5) & 0xFFFFFFFF
            out.append(x >> 24)
        return bytes(out)
    return edit, f"{n} bytes of a fixed xorshift sequence instead of the text"


def byte_after_first_newline(offset, byte, insert_it):
    def edit(data):
        at = data.index(b"\n") + offset
        data = bytearray(data)
        if insert_it:
            data.insert(at, byte)
        else:
            data[at] = byte
        return bytes(data)
    verb = "put" if insert_it else "written over the byte"
    return edit, f"byte 0x{byte:02X} {verb} at L2's byte {offset}"


# The seed's pages: separated by two blank lines (three `\n`; a fourth
# `\n` belongs to the next page's first, blank, line).
def pages_joined(separator, how):
    """The seed's pages joined by `separator` instead of two blank lines."""
    def edit(data):
        return separator.join(data.decode("utf-8").split("\n\n\n")).encode("utf-8")
    return edit, how


def text_edit(fn, how):
    """An edit of the whole text (str → str)."""
    return (lambda data: fn(data.decode("utf-8")).encode("utf-8")), how


def every_line(fn, how):
    """Each line of the seed through `fn` (str → str)."""
    return text_edit(lambda t: "\n".join(fn(k, l) for k, l in enumerate(t.split("\n"))), how)



def mixed_line_ends(text):
    lines = text.split("\n")
    ends = [("\n", "\r\n", "\r")[k % 3] for k in range(len(lines))]
    for k in range(len(lines) - 1):
        if ends[k] == "\r" and ends[k + 1] in ("\n", "\r\n") and lines[k + 1] == "":
            ends[k] = "\n"
    return "".join(l + e for l, e in zip(lines, ends))[:-1]


# Ideographs as extractors write them from some Japanese fonts: the Kangxi
# radical (U+2F00–U+2FD5) or CJK Radicals Supplement character of the same
# glyph (⽇ for 日, ⻑ for 長).
RADICAL_OF = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0x2F00, 0x2FD6)}
RADICAL_OF.update({"長": "⻑", "西": "⻄", "青": "⻘", "食": "⻝", "民": "⺠", "母": "⺟"})

# Half-width katakana: the full-width kana each one (with ﾞ or ﾟ) stands for.
HALF_WIDTH_OF = {}
for c in range(0xFF66, 0xFF9E):
    HALF_WIDTH_OF[unicodedata.normalize("NFKC", chr(c))] = chr(c)
for full, half in list(HALF_WIDTH_OF.items()):
    for mark, combining in (("\uff9e", "\u3099"), ("\uff9f", "\u309a")):
        composed = unicodedata.normalize("NFC", full + combining)
        if len(composed) == 1:
            HALF_WIDTH_OF[composed] = half + mark


# name: (what it shows, edit[, sidecar overrides rows])
VALID = {
    "cover_page": (
        "pages are found by their titles, not their places: a cover page before page 1 changes no value, only every source page and line (one page and three lines later)",
        lines_edit(lambda lines: lines.__setitem__(slice(0, 0), ["表紙", "", ""]),
                   "「表紙」 and two blank lines put before L1")),
    "renamed_bureau": (
        "the page header is known by its shape: the bureau's later name 保健医療局 changes nothing",
        replace_everywhere("東京都福祉保健局医療政策部医療政策課", "東京都保健医療局医療政策部医療政策課")),
    "circle_characters": (
        "〇 (U+3007) and ○ (U+25CB) are one mark: 千代田区's row printed with 〇 changes no value",
        replace(288, "○ ○ ○ -", "〇 〇 〇 -")),
    "header_spelling_in_a_row": (
        "a row printing an option as the page-3 header spells it (L280–281) is the same option, its text kept as printed",
        replace(294, "についての急変時診療機関の確保", "について急変時診療医療機関の確保")),
    "legend_with_another_mark": (
        "a page whose legend prints ● for 「実施」 is read by it, its marks written in the tables as the usual ◎ (so editions compare), and the report says what changed",
        then(replace(267, "「◎」", "「●」"), replace_in(288, 392, "◎", "●"))),
    "override_pin": (
        "a pin on an undecided cell (千代田区, one mark over FY2012–FY2017, L700) shows as override and decides the row",
        nothing(),
        ["2017-07-31,round_the_clock_care,千代田区,2017,true,test pin"]),
    "override_pin_saved_by_excel": (
        "the pin of override_pin.txt as a Japanese Excel saves it (Shift_JIS, CRLF, every field quoted, "
        "TRUE, the edition as 2017/7/31, a reason holding a comma and a line break, an empty row) "
        "changes the tables exactly as that pin does",
        nothing(),
        ('"edition","program","association","fiscal_year","participated","reason"\r\n'
         '"2017/7/31","round_the_clock_care","千代田区","2017","TRUE","議事録, 2017年6月\r\n(2行目)"\r\n'
         ',,,,,\r\n').encode("cp932")),
    "override_mark_and_count": (
        "a mark and a count printed wrong, each pinned back (中央区's ウ② printed △ for ◎, L290; 八王子市's "
        "設置箇所数 printed 2 for its 1 window, L1589): both checks pass again, the cell shows resolution "
        "override, and each pin is an ambiguity naming its line",
        then(replace(290, "◎ ◎ ◎ 在宅療養中", "◎ ◎ △ 在宅療養中"),
             replace(1589, "24 八王子市 1 八王子市在宅医療相談窓口", "24 八王子市 2 八王子市在宅医療相談窓口")),
        ("edition,municipality,item,question,sub_question,mark,windows,reason\n"
         "2017-07-31,中央区,ウ,2,,◎,,the ward's answer sheet\n"
         "2017-07-31,八王子市,,,,,1,the city's own list\n").encode("utf-8")),
    "no_footnote_mark": (
        "without the ※1 marks of page 5's header, every cell the footnote (L756) decided is undecided again, and nothing else changes",
        replace(761, "2829 ※1 24 25 26 27医師会名 29 ※1", "2829 24 25 26 27医師会名 29")),
}

INVALID = {
    # exit 2: bad input
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
    "mark_outside_the_legend_tab_separated": (
        "in a tab-separated copy, the mark no legend prints is shown on the user's own line, the caret under it",
        then(replace(328, "◎ △ - -", "◎ ▲ - -"),
             text_edit(lambda t: t.replace(" ", "\t"), "every 「 」 → a tab"))),
    "number_too_large_indented_form_feed": (
        "in a copy with indented lines and form feeds between pages, the caret sits under the number's first digit",
        then(replace(28, "48 90.6%", "9" * 30 + " 90.6%"),
             pages_joined("\n\x0c", "two blank lines between pages → a form feed"),
             every_line(lambda k, l: l if not l else "  " + l, "two spaces put before every non-empty line"))),
    "number_too_large": (
        "a figure beyond the Int32 columns is a number error at its first digit (it once wrapped)",
        replace(28, "48 90.6%", "9" * 30 + " 90.6%")),
    "era_year_zero": (
        "an era year outside 1–99 is a date error",
        replace(52, "平成29年度", "平成0年度")),
    "missing_figure_row": (
        "a figure row of page 2 (ウ②) missing its last figure is a layout error naming the question "
        "(blanking the line would not do: with the blank lines around it, that is a page break)",
        replace(126, "② 67.9% 17 32.1%", "② 67.9% 17")),
    "unknown_option": (
        "an option of page 2 (エ②) no vocabulary holds is a vocabulary error",
        replace(135, "ICTを活用した情報共有ツール", "伝書鳩")),
    "truncated": (
        "an input that stops on page 1 is an error naming what was expected next",
        keep_first(60)),
    "empty": ("an empty input is an error", empty()),
    "random_bytes": (
        "bytes that are no text are a decode error naming the input",
        xorshift_bytes(4096)),
    "invalid_utf8": (
        "a byte that is not UTF-8 is a decode error at its line and column",
        byte_after_first_newline(3, 0xFF, insert_it=False)),
    "nul_byte": (
        "a NUL byte marks a binary file: a decode error showing its line",
        byte_after_first_newline(1, 0x00, insert_it=True)),
    "thousands_of_errors": (
        "200 errors show the first fifty and count the rest",
        insert(300, "99 千代田区 X 千代田区", times=200)),
    "unknown_override": (
        "an override naming an unknown association, or a year its table does not print "
        "(page 6's columns are FY2014–FY2017, L845), is an input error at its field",
        nothing(),
        ["2017-07-31,round_the_clock_care,千代田,2012,true,",
         "2017-07-31,multidisciplinary_network,千代田区,2012,true,"]),
    "unknown_mark_pin": (
        "a pin naming a municipality pages 3–4 do not print, a question they do not ask (ウ④), or, for a "
        "設置箇所数, a name the reference list does not hold is an input error at its line, the nearest name suggested",
        nothing(),
        ("edition,municipality,item,question,mark,windows\n"
         "2017-07-31,中央,ウ,2,◎,\n"
         "2017-07-31,中央区,ウ,4,◎,\n"
         "2017-07-31,大島,,,,1\n").encode("utf-8")),
    # exit 1: a figure disagrees
    "changed_page_one_count": (
        "カ①'s count 48 → 47 on page 1 fails its share and page 2's figure",
        replace(28, "48 90.6%", "47 90.6%")),
    "changed_change_figure": (
        "a change figure is checked from the unrounded shares: 20.8 is right, 20.7 is not",
        replace(36, "20.8%", "20.7%")),
    "changed_page_two_percentage": (
        "a page-2 percentage (カ②) changed fails naming the row and both figures",
        replace(147, "37.7%", "37.8%")),
    "changed_count_after_question_text": (
        "a count printed after its question's text (ウ②) changed fails yes + no",
        replace(184, "36", "37")),
    "flipped_mark": (
        "中央区's ウ② ◎ → △ fails the question's total naming both counts; ウ③ answered "
        "against its condition makes 中央区 the one suspect",
        replace(290, "◎ ◎ ◎ 在宅療養中", "◎ ◎ △ 在宅療養中")),
    "lead_flipped_to_implemented": (
        "足立区's ウ① △ → ◎ fails its total; a ◎ lead whose every follow-up is 「-」 is the suspect",
        replace(328, "◎ △ - -", "◎ ◎ - -")),
    "mark_alone_in_its_column": (
        "中央区's イ① ◎ → ×: no question depends on イ①, but a mark alone of its kind in a failing column is a suspect",
        replace(290, "毎年、実施している ◎", "毎年、実施している ×")),
    "flip_breaking_no_rule": (
        "北区's ア③ ◎ → △ breaks no rule the report implies: the failure blames no row",
        replace(320, "北区 ◎ ◎ ◎", "北区 ◎ ◎ △")),
    "unknown_option_in_a_row": (
        "新宿区's エ② text that matches no option is kept raw, noted, and fails the option's count naming the municipality",
        replace(294, "紙媒体の情報共有ツール", "伝書鳩")),
    "missing_row": (
        "中央区's row of page 3 removed fails the rows check naming it",
        drop(290, 291)),
    "any_of_count_on_a_broken_cell": (
        "町田市's カ① ◎ → × makes page 1's 「いずれかを実施」 count one short; カ④ answered without its condition is the suspect",
        replace(570, "委託 ◎ △ △", "委託 × △ △")),
    "contradicting_override": (
        "a pin against the marks (神田 has none on page 5, L702) fails naming the override",
        nothing(),
        ["2017-07-31,round_the_clock_care,神田,2012,true,"]),
    "changed_association_total": (
        "page 5's FY2017 total 3 → 4 fails the marks total",
        replace(757, "10 3", "10 4")),
    "lost_association_mark": (
        "田園調布's only mark lost: 34 associations have a mark, the page prints 35",
        replace(738, "田園調布 〇 ", "田園調布 ")),
    "window_removed_from_a_run": (
        "品川区's 八潮在宅介護支援センター removed: its run (江東区–大田区) is placed by counts, "
        "so the failure names every candidate, no one member",
        drop(1043, 1048)),
    "removed_window": (
        "江戸川区's 熟年相談室　清心苑 removed fails its run's count (足立区–江戸川区)",
        drop(1457, 1462)),
    "municipality_number_zero": (
        "葛飾区's number printed 0 is no municipality (it once went through 0 - 1): its run's count fails",
        replace(1607, "22 3", "0 3")),
}

CLI = {
    "earlier_edition": (
        "an earlier edition: every as-of phrase moved to month 5",
        then(replace_everywhere("年度7月末時点", "年度5月末時点"),
             replace_everywhere("年度７月末時点", "年度５月末時点"))),
    "later_edition": (
        "a later edition: every as-of phrase moved to month 9",
        then(replace_everywhere("年度7月末時点", "年度9月末時点"),
             replace_everywhere("年度７月末時点", "年度９月末時点"))),
}

# Each a later edition (as-of month 9, so that a build takes it with the
# seed) with known edits; crates/zaitaku/tests/diff.rs asserts exactly
# the change rows each edit makes.
LATER = then(replace_everywhere("年度7月末時点", "年度9月末時点"),
             replace_everywhere("年度７月末時点", "年度９月末時点"))
DIFF = {
    "later_edition": ("the seed as a later edition, nothing else changed: no change", LATER),
    "phone_changed": (
        "千代田区's first window's phone changed",
        then(LATER, replace(881, "03-3265-1165", "03-3265-1199"))),
    "window_opened": (
        "港区's planned opening (平成29年９月開設予定) replaced by an open window (count 1), "
        "its オ① ○ → ◎ as page 4 must then print it; ○ and ◎ both count as 実施・予定, "
        "so pages 1–2 stay as they are",
        then(LATER,
             splice(919, "3 港区 平成29年９月開設予定 港区",
                    ["3 港区 1 在宅医療相談窓口", "港区保健福祉課在宅医療支援係", "",
                     "03-3578-2111 03-3578-2222", "月～金（祝日及び年末年始を除く）",
                     "午前9時～午後5時", "", "○ ○ ○ ○ ○ 港区"]),
             replace(512, "3 港区 ○ 地域の医療機関等に委託", "3 港区 ◎ 地域の医療機関等に委託"))),
    "mark_raised": (
        "墨田区's エ① △ → ◎ with the figures it changes: page 1's エ row 45 84.9% → 46 86.8% "
        "(change 18.9% → 20.8%), page 2's エ① 84.9% 8 15.1% → 86.8% 7 13.2% and its count 45 → 46",
        then(LATER,
             replace(300, "その他 △ - 墨田区", "その他 ◎ - 墨田区"),
             replace(21, "援 45 84.9% 35 66.0% 18.9%", "援 46 86.8% 35 66.0% 20.8%"),
             replace(132, "① 84.9% 8 15.1%", "① 86.8% 7 13.2%"),
             replace(239, "援していますか。 45", "援していますか。 46"))),
    "window_closed": (
        "江戸川区's window 23 closed: its lines removed (L1583 「なごみの家　鹿骨 03-3670-4753 …」, "
        "its hours, its targets' ○) and its count 23 → 22 (L1603); the text prints no name for it, "
        "so the change names it by its location",
        then(LATER,
             replace(1603, "江戸川区 23", "江戸川区 22"),
             drop(1583, 1588, starts="なごみの家　鹿骨 03-3670-4753"))),
    "association_row_marked": (
        "page 6's 下谷 (no mark) marked in all four years FY2014–FY2017, each year's total one more "
        "(24 45 49 48 → 25 46 50 49): its four cells become decided (all marked), nothing else moves",
        then(LATER,
             replace(788, "下谷 （国立市）", "下谷 〇 〇 〇 〇 （国立市）"),
             replace(843, "計　※3 24 45 49 48", "計　※3 25 46 50 49"))),
}


# The seed as other extractors write it: each must give the seed's tables,
# column by column, apart from source positions (crates/zaitaku/tests/dialects.rs).
DIALECTS = {
    "form_feed": (
        "a form feed between pages, no blank lines around it (pdftotext, pdfminer.six)",
        pages_joined("\n\x0c", "two blank lines between pages → a form feed")),
    "form_feed_with_blank_lines": (
        "a form feed between pages with blank lines around it",
        pages_joined("\n\n\x0c\n\n", "two blank lines between pages → blank line, form feed, blank line")),
    "no_blank_lines": (
        "no blank line anywhere, a form feed after every page (PyMuPDF's text with its docs' page joining)",
        text_edit(lambda t: "".join("\n".join(l for l in p.split("\n") if l.strip()) + "\n\x0c"
                                    for p in t.split("\n\n\n")),
                  "every blank line removed; a line end and a form feed after each page")),
    "no_page_breaks": (
        "no blank line and no page break anywhere: pages found by what they print (pypdf's, pdfplumber's and pdfium's text, joined as their docs show)",
        text_edit(lambda t: "\n".join("\n".join(l for l in p.split("\n") if l.strip())
                                      for p in t.split("\n\n\n")) + "\n",
                  "every blank line removed")),
    "four_blank_lines": (
        "four blank lines between pages",
        pages_joined("\n\n\n\n\n", "two blank lines between pages → four")),
    "trailing_spaces": (
        "a trailing space on every line",
        every_line(lambda k, l: l + " ", "a space put at the end of every line")),
    "two_spaces": (
        "two spaces between cells",
        text_edit(lambda t: t.replace(" ", "  "), "every 「 」 → 「  」")),
    "tabs": (
        "a tab between cells",
        text_edit(lambda t: t.replace(" ", "\t"), "every 「 」 → a tab")),
    "no_break_spaces": (
        "U+00A0 between cells, and U+2003 EM SPACE on every other line",
        every_line(lambda k, l: l.replace(" ", "\u00a0" if k % 2 else "\u2003"),
                   "every 「 」 → U+00A0 on odd lines (from 0), U+2003 on even ones")),
    "indented": (
        "every non-empty line indented by four spaces, and every tenth by a tab and U+3000",
        every_line(lambda k, l: l if not l else ("\t\u3000" if k % 10 == 0 else "    ") + l,
                   "four spaces (every tenth line: a tab and U+3000) put before every non-empty line")),
    "ideographic_spaces_as_spaces": (
        "every U+3000 written as a space (pdfplumber, pdftotext)",
        text_edit(lambda t: t.replace("\u3000", " "), "every U+3000 → 「 」")),
    "kangxi_radicals": (
        "every ideograph that is a Kangxi radical's (and 長 西 青 食 民 母) written as the radical (⽇ U+2F47 for 日)",
        text_edit(lambda t: "".join(RADICAL_OF.get(c, c) for c in t),
                  "every ideograph with a radical of the same glyph → that radical")),
    "wave_dash": (
        "WAVE DASH U+301C where the seed has FULLWIDTH TILDE U+FF5E (the JIS / CP932 mapping difference)",
        text_edit(lambda t: t.replace("\uff5e", "\u301c"), "every 「～」 (U+FF5E) → 「〜」 (U+301C)")),
    "minus_signs": (
        "MINUS SIGN U+2212 between the digits of phones, FULLWIDTH HYPHEN-MINUS for the mark and fax 「-」",
        text_edit(lambda t: re.sub(r"(?<= )-(?= |$)", "\uff0d",
                                   re.sub(r"(?<=[0-9])-(?=[0-9])", "\u2212", t), flags=re.M),
                  "every 「-」 between digits → U+2212; every 「-」 standing alone → U+FF0D")),
    "half_width_katakana": (
        "every katakana written half-width (ｾﾝﾀｰ, ｶﾞ as two characters)",
        text_edit(lambda t: "".join(HALF_WIDTH_OF.get(c, c) for c in t),
                  "every katakana with a half-width form → that form")),
    "mixed_line_ends": (
        "CRLF, CR and LF line ends mixed in one file",
        text_edit(mixed_line_ends,
                  "lines ending LF, CRLF and CR in turn (line k from 0 with the k mod 3rd), "
                  "LF for a CR before an LF (CR LF is one line end)")),
}

SECTIONS = [
    ("valid", "build (exit 0); the snapshot is how each table differs from the seed's", VALID),
    ("invalid", "exit 1 or 2, output/ untouched; the snapshot is the exit code and the messages", INVALID),
    ("cli", "inputs of crates/zaitaku/tests/cli.rs", CLI),
    ("diff", "later editions with known edits; `zaitaku diff` of the seed and each lists exactly them", DIFF),
    ("dialects", "the seed as other extractors write it; each builds to the seed's tables apart from positions", DIALECTS),
]

CHECK = "--check" in sys.argv[1:]
out = ROOT / "tests" / "fixtures"
wanted = {}  # path → bytes
index = ["# Fixtures", "",
         "Made by `scripts/make_fixtures.py` from the seed (`raw/`), which states each edit;",
         "snapshots in `crates/zaitaku/tests/snapshots/fixtures/` (what the CLI gives) and",
         "`crates/pipeline/tests/snapshots/fixtures/` (the typed outcome). Adding a case is adding an entry there (or a",
         "file here) and reviewing its new snapshot. Lines are counted from 1.", ""]
for folder, what_it_is, cases in SECTIONS:
    index += [f"## {folder}: {what_it_is}", ""]
    for name, (what, (edit, how), *sidecar) in cases.items():
        wanted[out / folder / f"{name}.txt"] = edit(SEED)
        note = ""
        if sidecar:
            file = sidecar[0]
            if not isinstance(file, bytes):  # rows under the header, UTF-8
                file = (OVERRIDES_HEADER + "".join(r + "\n" for r in file)).encode("utf-8")
            wanted[out / folder / f"{name}.overrides.csv"] = file
            note = f" Overrides: `{name}.overrides.csv`."
        index.append(f"- `{name}.txt`: {what}. Edit: {how}.{note}")
    index.append("")
wanted[out / "README.md"] = "\n".join(index).encode("utf-8")

if CHECK:
    stale = [p for p, data in wanted.items() if not p.exists() or p.read_bytes() != data]
    for p in stale:
        print(f"{p.relative_to(ROOT)}: not what scripts/make_fixtures.py makes; run it", file=sys.stderr)
    sys.exit(1 if stale else 0)
for p, data in wanted.items():
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
