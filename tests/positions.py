"""Every value of a build that carries a position is printed there.

    python3 tests/positions.py INPUT OUTPUT_DIR [--encoding=ENC] [--edition=YYYY-MM-DD]

INPUT is the file the build read (for a PDF: the text `zaitaku extract`
writes of it, whose lines a PDF build's positions count); OUTPUT_DIR is
the build's output directory. For every row of every table with a
`source_line` (and `source_column`, where given), the input's line there
must print the row's value, read as docs/input.md's canonical stage reads
it: compatibility forms folded (NFKC: full-width digits and letters,
half-width katakana, Kangxi radicals), the circle marks 〇 and ○ one, dash
and tilde variants one, and white space ignored. A value wrapped over
lines starts on its line and goes on in the lines after it (in a text that
keeps its columns by spaces, at its column).

What each table's position points at:

- program_summary: the figure row: «count_current pct_current%»;
- question_summary: the figure row: «pct_yes%», and «count_no pct_no%» for a
  question, «count_yes pct_yes%» for an option;
- municipality_answers: the mark, at its column (or the mark a page's own
  legend prints for it, where the ambiguities name that legend; for a mark
  pinned by --overrides, the mark its mun.override ambiguity says is printed);
- municipality_choices: the choice as printed (raw_text), from its column;
- municipality_answers_wide: every page:line of source_lines prints the
  municipality's name;
- association_programs: the association's name;
- association_program_totals: the program's totals, year by year, in order;
- consultation_windows: the window's first printed cell (the municipality's
  name where the row prints it, else its name, location or phone);
- window_plans: the planned opening as printed, else the municipality's name;
- validation_checks: the published figure, for the kinds whose published
  value is one the report prints at that place (FIGURE_KINDS);
- ambiguities: for the kinds below (AMBIGUITY_RULES), what the subject names.

With --edition, only that edition's rows are read (a build of several
inputs: one run per input). --encoding decodes INPUT (default UTF-8; a
BOM is skipped).

Exits 1 listing every value not printed at its place (at most 40), 0 when
every one is. Used by the Rust tests (crates/zaitaku/tests/harness) and by
tests/extractors.py: one reading of positions for every input they build.
"""
import csv
import pathlib
import re
import sys
import unicodedata

# The canonical forms of docs/input.md that NFKC leaves apart.
FOLD = {
    "〇": "○",  # U+3007 IDEOGRAPHIC NUMBER ZERO, printed for the mark ○
    "〜": "~",  # WAVE DASH; NFKC makes FULLWIDTH TILDE ~
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-",
    "−": "-", "﹣": "-",
}
# CJK Radicals Supplement characters the canonical stage reads as whole
# ideographs (NFKC keeps them): the ones a dialect fixture uses.
RADICALS = {
    "⺟": "母", "⺠": "民", "⻑": "長", "⻄": "西", "⻘": "青", "⻝": "食",
    "⻩": "黄", "⻤": "鬼", "⻯": "竜", "⻳": "亀", "⻲": "亀",
}
SPACE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")


def fold(text):
    """`text` with its compatibility forms folded (white space kept)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(RADICALS.get(c, FOLD.get(c, c)) for c in text)


def canon(text):
    """`text` as compared: folded, without white space."""
    return SPACE.sub("", fold(text))


CELL_END = re.compile(r"\s{2,}")
WIDE_GAP = re.compile(r" {3,}")
# Whether the input read keeps its columns by spaces (set by check()).
SPACED = False


def spaced_cell(lines, line, column, want, reach, anywhere=False):
    """Whether `want` is printed as a cell of a text that keeps its columns
    by spaces (`pdftotext -layout`) starting at `column` of `line` (or, with
    `anywhere`, inside that cell's first piece): each line's piece of the
    cell ends where two spaces do, or at a space (an extractor sets the next
    cell one space after a long one); a wrapped line goes on at the cell's
    own column, at or left of `column` (two characters' slack), in each
    line after it that prints a piece there."""
    def piece(text, at):
        rest = text[at:]
        end = CELL_END.search(rest)
        return rest[:end.start()] if end else rest

    def cuts(text):
        return [canon(text[:m.start()]) for m in re.finditer(r"\s", text)] + [canon(text)]

    def fits(rest, pieces):
        # Each piece in turn gives the rest of `want` one of its cuts.
        reach = {0: [rest]}
        for n, p in enumerate(pieces):
            nxt = set()
            for r in reach.get(n, []):
                for c in cuts(p):
                    if c and c.startswith(r):
                        return True
                    if c and r.startswith(c):
                        nxt.add(r[len(c):])
            if "" in nxt:
                return True
            reach[n + 1] = list(nxt)
        return False

    if not SPACED or not CELL_END.search(lines[line - 1].strip()):
        return False  # not a line of a text that keeps its columns by spaces
    first = piece(lines[line - 1], column - 1)
    starts = set()
    for l in lines[line:line + reach]:
        starts |= {m.start() for m in re.finditer(r"(?<!\S)\S", l) if m.start() <= column + 1}
    for at in sorted(starts) or [None]:
        pieces = [first] + [piece(l, at) for l in (lines[line:line + reach] if at is not None else [])
                            if at < len(l) and not l[at].isspace() and (at == 0 or l[at - 1].isspace())]
        if fits(want, pieces):
            return True
        # With `anywhere`, from inside any of its pieces.
        if anywhere and any(fits(want, [p[k:]] + pieces[n + 1:])
                            for n, p in enumerate(pieces) for k in range(1, len(p)) if not p[k].isspace()):
            return True
    return False


def starts_on(lines, line, value, column=None, reach=8):
    """Whether `value` starts on `line` (1-based), at `column` (1-based,
    in characters of the input line) where given, going on in the lines
    after it if it wraps."""
    if not (1 <= line <= len(lines)):
        return False
    first = lines[line - 1]
    if column is not None:
        if column < 1 or column > len(first):
            return False
        first = first[column - 1:]
    head = canon(first)
    want = canon(value)
    if not want:
        return False
    joined = head + "".join(canon(l) for l in lines[line:line + reach])
    if column is not None:
        return joined.startswith(want) or spaced_cell(lines, line, column, want, reach)
    at = joined.find(want)
    while at != -1:
        if at < len(head):
            return True
        at = joined.find(want, at + 1)
    # A text that keeps its columns by spaces: in a cell starting on the line.
    return any(spaced_cell(lines, line, m.start() + 1, want, reach, anywhere=True)
               for m in re.finditer(r"(?<!\S)\S", lines[line - 1]))


def prints_figure(lines, line, figure):
    """Whether `line` prints `figure` (digits, maybe a share «96.2%») as a
    figure of its own: no digit or decimal point right before or after."""
    if not (1 <= line <= len(lines)):
        return False
    text = fold(lines[line - 1])
    pattern = r"(?<![0-9.])" + re.escape(canon(figure)) + r"(?![0-9])"
    if not figure.endswith("%"):
        pattern += r"(?!\.[0-9])"
    return re.search(pattern, text) is not None


def prints_figures(lines, line, figures):
    """Whether `line` prints `figures` in this order, each a figure of its own."""
    if not (1 <= line <= len(lines)):
        return False
    numbers = re.findall(r"[0-9]+(?:\.[0-9]+)?%?", fold(lines[line - 1]))
    n = len(figures)
    return any(numbers[k:k + n] == figures for k in range(len(numbers) - n + 1))


def share(value):
    return f"{value}%"


# validation_checks kinds whose published value is printed at the check's
# first place (the others publish a rule, a sum or a vocabulary word).
FIGURE_KINDS = {
    "p1.pct_current", "p1.pct_previous", "p1.change", "p2.pct_yes", "p2.pct_no",
    "x.count", "x.pct", "mun.yes", "mun.no", "mun.chosen", "mun.count",
    "assoc.participants",
}

# ambiguities kinds, and the value of the subject the place prints.
AMBIGUITY_RULES = {
    # 「立川市 (round_the_clock_care): 1 mark(s) over 6 year columns」
    "assoc.unresolved": lambda s: s.split(" (")[0],
    "assoc.forced": lambda s: s.split(" (")[0],
    "assoc.member": lambda s: s.split(" (")[0],
}


def check(input_path, out_dir, encoding="utf-8", edition=None):
    """Every value not printed at its place, as messages."""
    text = pathlib.Path(input_path).read_bytes().decode(encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    # Lines as the build counts them: LF, CRLF or CR ends; a form feed
    # ends a page, not a line.
    lines = re.split(r"\r\n|\r|\n", text)
    # A text that keeps its columns by spaces (`pdftotext -layout`): its
    # cells are looked for at their columns too.
    global SPACED
    SPACED = sum(1 for l in lines if len(WIDE_GAP.findall(l.strip())) >= 3) >= 20
    out = pathlib.Path(out_dir)
    problems = []
    checked = 0

    def rows(table):
        path = out / f"{table}.csv"
        with open(path, encoding="utf-8-sig", newline="") as f:
            return [r for r in csv.DictReader(f) if edition is None or r.get("edition") == edition]

    def expect(ok, table, row, what, line):
        nonlocal checked
        checked += 1
        if not ok:
            shown = lines[line - 1] if 1 <= line <= len(lines) else "(no such line)"
            problems.append(f"{table} row {row}: line {line} does not print {what}: «{shown.strip()}»")

    for k, r in enumerate(rows("program_summary"), 1):
        line = int(r["source_line"])
        expect(prints_figures(lines, line, [r["count_current"], share(r["pct_current"])]),
               "program_summary", k, f"«{r['count_current']} {r['pct_current']}%»", line)
    for k, r in enumerate(rows("question_summary"), 1):
        line = int(r["source_line"])
        want = [share(r["pct_yes"])]
        if r["count_no"]:
            want += [r["count_no"], share(r["pct_no"])]
        elif r["option"]:
            want = [r["count_yes"]] + want
        expect(prints_figures(lines, line, want), "question_summary", k, f"«{' '.join(want)}»", line)
    # A page whose legend prints another mark (「●」 for 実施) is listed as an
    # ambiguity: «mark legend of page 3: prints 「●」 for 「実施」 where the
    # usual legend prints 「◎」»; the tables write the usual mark.
    legend = {}
    for r in rows("ambiguities"):
        m = re.search(r"mark legend of page ([0-9]+): prints 「(.)」 .* the usual legend prints 「(.)」",
                      r["subject"] + ": " + r["resolution"])
        if m:
            legend[(r["edition"], m.group(1), m.group(2))] = m.group(3)
    # A pinned mark (resolution override): the mark its ambiguity says the
    # page prints stands at the cell's place.
    pinned = {}
    for r in rows("ambiguities"):
        m = re.search(r"pinned by .* \(the page prints 「(.+?)」\)", r["resolution"])
        if r["kind"] == "mun.override" and m:
            pinned[(r["edition"], r["source_line"], r["subject"].split(" ")[0])] = m.group(1)
    for k, r in enumerate(rows("municipality_answers"), 1):
        line, column = int(r["source_line"]), int(r["source_column"])
        printed = lines[line - 1][column - 1:column] if 1 <= line <= len(lines) else ""
        usual = legend.get((r["edition"], r["source_page"], printed))
        mark = r["mark"]
        if r.get("resolution") == "override":
            label = r["item"] + "⓪①②③④"[int(r["question"])]
            mark = pinned.get((r["edition"], r["source_line"], label), "(no mun.override ambiguity)")
        expect(starts_on(lines, line, mark, column) or usual == mark, "municipality_answers", k,
               f"the mark «{mark}» at column {column}", line)
    for k, r in enumerate(rows("municipality_choices"), 1):
        line, column = int(r["source_line"]), int(r["source_column"])
        expect(starts_on(lines, line, r["raw_text"], column), "municipality_choices", k,
               f"«{r['raw_text']}» from column {column}", line)
    for k, r in enumerate(rows("municipality_answers_wide"), 1):
        for place in r["source_lines"].split(";"):
            line = int(place.split(":")[1])
            expect(starts_on(lines, line, r["municipality_name"]), "municipality_answers_wide", k,
                   f"«{r['municipality_name']}»", line)
    for k, r in enumerate(rows("association_programs"), 1):
        line = int(r["source_line"])
        expect(starts_on(lines, line, r["association"]), "association_programs", k,
               f"«{r['association']}»", line)
    totals = rows("association_program_totals")
    for k, r in enumerate(totals, 1):
        line = int(r["source_line"])
        mine = [t["count"] for t in totals if t["program"] == r["program"] and t["edition"] == r["edition"]]
        expect(prints_figures(lines, line, mine), "association_program_totals", k,
               f"the totals «{' '.join(mine)}»", line)
    for k, r in enumerate(rows("consultation_windows"), 1):
        line = int(r["source_line"])
        # A row whose municipality cell starts it (「33 小金井市 1」, its
        # name on the lines after) starts with the municipality's name.
        cells = [r[c] for c in ("municipality_name", "name", "location", "phone") if r[c]]
        expect(any(starts_on(lines, line, c) for c in cells), "consultation_windows", k,
               f"any of «{' | '.join(cells)}»", line)
    for k, r in enumerate(rows("window_plans"), 1):
        line = int(r["source_line"])
        value = r["planned_opening"] or r["municipality_name"]
        expect(starts_on(lines, line, value), "window_plans", k, f"«{value}»", line)
    for k, r in enumerate(rows("validation_checks"), 1):
        kind = r["check_id"].split(".")[0] + "." + r["check_id"].split(".")[-1]
        if kind in FIGURE_KINDS and r["source_line"]:
            line = int(r["source_line"])
            expect(prints_figure(lines, line, r["published"]), "validation_checks", k,
                   f"«{r['published']}» ({r['check_id']})", line)
    for k, r in enumerate(rows("ambiguities"), 1):
        rule = AMBIGUITY_RULES.get(r["kind"])
        if rule and r["source_line"]:
            line = int(r["source_line"])
            value = rule(r["subject"])
            expect(starts_on(lines, line, value), "ambiguities", k, f"«{value}» ({r['kind']})", line)
    return checked, problems


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    option = lambda name, default: next((a.split("=", 1)[1] for a in argv if a.startswith(f"--{name}=")), default)
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    checked, problems = check(args[0], args[1], option("encoding", "utf-8"), option("edition", None))
    if checked == 0:
        problems.append("no positioned value read (another edition? an empty build?)")
    for p in problems[:40]:
        print(p)
    if len(problems) > 40:
        print(f"… and {len(problems) - 40} more")
    print(f"{checked} positioned values, {len(problems)} not printed at their place")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
