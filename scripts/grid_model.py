"""Writes tests/fixtures/pdf/grid/model.json: the report as the ruled tables
it is, page by page, every character of the seed's content placed in a
cell (white space aside), and tests/fixtures/pdf/grid/truth.csv: where the
model places a value the seed's text cannot decide (the fiscal year of an
association's mark, the empty target column of a window, the windows a
merged name or その他 cell spans, a question's text), each placement
consistent with every printed total and the ※1 footnote.

    python3 scripts/grid_model.py ZAITAKU      # writes both
    python3 scripts/grid_model.py ZAITAKU --check

The cells' values come from a build of the seed (ZAITAKU build, its CSV
tables, whose every value the validation proved against the text or listed
as an ambiguity); each value is then taken, as printed, out of the seed
page's own text (a pool of its characters), so the model prints every
character of the page once: what no cell takes stays on the page as notes
above or below the table. scripts/make_pdfs.py typesets the model in two
ways (grid_rows.pdf, grid_columns.pdf).

A model page: {"page", "title": [lines], "table": {"columns": [relative
widths], "head": n (rows of heads), "rows": [[cell]]}, "notes": [lines]}; a
cell: {"col", "text", "rowspan", "colspan"} (text "" for an empty cell).
"""
import csv
import json
import pathlib
import random
import re
import subprocess
import sys
import tempfile
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED_PATH = ROOT / "raw" / "000_1fb60f2a74870bbb.txt"
OUT = ROOT / "tests" / "fixtures" / "pdf" / "grid"

FOLD = {"〇": "○"}


def norm_char(c):
    """`c` as the tables write it: full-width ASCII forms as ASCII (a phone's
    full-width digit), 〇 as ○; everything else as printed (NFKC would also
    make ① a 1)."""
    if "\uff01" <= c <= "\uff5e":
        return unicodedata.normalize("NFKC", c)
    return FOLD.get(c, c)


class Pool:
    """One page's characters, each taken at most once."""

    def __init__(self, lines, first_line):
        self.lines = lines  # the page's lines, as printed
        self.first = first_line  # the input line number of lines[0]
        self.used = [[False] * len(l) for l in lines]
        # The page's non-space characters in reading order, normalized, with
        # where each came from.
        self.chars = []
        for i, l in enumerate(lines):
            for j, c in enumerate(l):
                if not c.isspace():
                    for n in norm_char(c):
                        self.chars.append((n, i, j))

    def take(self, value, line=None, word=False):
        """The printed text of `value`'s first untaken occurrence (starting
        on input line `line` where given, or on one of the lines of a range
        or set), marked taken; None if the page does not print it. With
        `word`, the occurrence must stand apart: no letter, digit or
        ideograph right before or after it (a ward's name, not the start of
        「港区保健福祉課」; a number, not digits of a phone)."""
        want = "".join(norm_char(c) for c in value if not c.isspace())
        if not want:
            return None
        stream = "".join(c for c, _, _ in self.chars)
        at = stream.find(want)
        while at != -1:
            span = self.chars[at:at + len(want)]
            free = all(not self.used[i][j] for _, i, j in span)
            where = span[0][1] + self.first
            starts = line is None or (where == line if isinstance(line, int) else where in line)
            if free and starts and (not word or self.apart(span, word)):
                break
            at = stream.find(want, at + 1)
        if at == -1:
            return None
        span = self.chars[at:at + len(want)]
        for _, i, j in span:
            self.used[i][j] = True
        # The printed text: from the first character to the last, the white
        # space between them kept, lines joined.
        (_, i0, j0), (_, i1, j1) = span[0], span[-1]
        if i0 == i1:
            return self.lines[i0][j0:j1 + 1]
        parts = [self.lines[i0][j0:]] + self.lines[i0 + 1:i1] + [self.lines[i1][:j1 + 1]]
        return "".join(p.strip("\n") for p in parts)

    def apart(self, span, word):
        """Whether the span stands apart (`word` "digits": from digits only)."""
        (_, i0, j0), (_, i1, j1) = span[0], span[-1]
        before = self.lines[i0][j0 - 1] if j0 > 0 else " "
        after = self.lines[i1][j1 + 1] if j1 + 1 < len(self.lines[i1]) else " "
        joined = str.isdigit if word == "digits" else str.isalnum
        return not (joined(before) or joined(after))

    def must(self, value, line=None, word=False):
        got = self.take(value, line, word)
        if got is None:
            raise SystemExit(f"grid model: «{value}» (line {line}) is not printed on the page of line {self.first}")
        return got

    def rest(self):
        """What no cell took, line by line (runs of untaken characters)."""
        out = []
        for i, l in enumerate(self.lines):
            kept = "".join(c if not self.used[i][j] else " " for j, c in enumerate(l))
            kept = re.sub(r" {2,}", " ", kept).strip()
            if kept:
                out.append((self.first + i, kept))
        return out


def cell(col, text, rowspan=1, colspan=1):
    return {"col": col, "text": text or "", "rowspan": rowspan, "colspan": colspan}


def split_notes(pool, top_pattern):
    """The page's untaken lines: those matching `top_pattern` above the table."""
    rest = pool.rest()
    title = [t for _, t in rest if re.search(top_pattern, t)]
    notes = [t for _, t in rest if not re.search(top_pattern, t)]
    return title, notes


def read_tables(zaitaku):
    with tempfile.TemporaryDirectory(prefix="grid-model-") as tmp:
        out = pathlib.Path(tmp)
        subprocess.run([zaitaku, "build", "-q", "--out", str(out / "o"), str(SEED_PATH)], check=True)
        tables = {}
        for f in (out / "o").glob("*.csv"):
            with open(f, encoding="utf-8", newline="") as h:
                tables[f.stem] = list(csv.DictReader(h))
    return tables


def seed_pages():
    text = SEED_PATH.read_text(encoding="utf-8")
    pages, line = [], 1
    for p in text.split("\n\n\n"):
        lines = p.split("\n")
        pages.append((line, lines))
        line += len(lines) + 2
    return pages


def take_on(pool, value, lines):
    """`value` taken from the first of `lines` that prints it."""
    for line in lines:
        got = pool.take(value, line)
        if got is not None:
            return got
    return None


ANSWER_PAGES = {
    3: [("a", 1), ("a", 2), ("a", 3), ("a", 4), ("b", 1), ("c", 1), ("c", 2), ("c", 3), ("d", 1), ("d", 2)],
    4: [("e", 1), ("e", 2), ("f", 1), ("f", 2), ("f", 3), ("f", 4), ("g", 1), ("g", 2, "pamphlet"),
        ("g", 2, "website"), ("h", 1), ("h", 2)],
}
LETTER = dict(zip("abcdefgh", "アイウエオカキク"))
MARKERS = "⓪①②③④"


def answers_page(page, pool, t):
    """Pages 3–4: a row per municipality (its number, name, a cell per
    question, its name again), under the items, question texts and markers."""
    columns = ANSWER_PAGES[page]
    names = ["_".join([f"{l}_q{q}"] + list(rest)) for l, q, *rest in columns]
    n = len(columns) + 3
    questions = t["question_summary"]
    head_lines = range(pool.first, pool.first + len(pool.lines))
    # Row 1: the items over their columns.
    r1 = [cell(0, pool.must("区分"), rowspan=3, colspan=2)]
    k = 0
    while k < len(columns):
        letter = columns[k][0]
        span = sum(1 for c in columns if c[0] == letter)
        label = next(q for q in t["program_summary"] if q["item"] == LETTER[letter])["item_label"]
        text = pool.take(f"（{LETTER[letter]}）{label}")
        r1.append(cell(2 + k, text or "", colspan=span))
        k += span
    r1.append(cell(n - 1, pool.take("区分") or "", rowspan=3))
    # Row 2: each question's text; row 3: its marker.
    r2, r3 = [], []
    for k, (letter, q, *sub) in enumerate(columns):
        rows = [r for r in questions if r["item"] == LETTER[letter] and r["question"] == str(q)]
        text = next((r["question_text"] for r in rows if r["question_text"]), "")
        got = pool.take(text) if text and not sub or (sub and sub[0] == "pamphlet") else None
        if sub and sub[0] == "pamphlet":
            r2.append(cell(2 + k, got or "", colspan=2))
        elif not sub:
            r2.append(cell(2 + k, got or ""))
        marker = MARKERS[q]
        label = {"pamphlet": "パンフレット等", "website": "ホームページ等"}.get(sub[0] if sub else "", "")
        r3.append(cell(2 + k, (take_on(pool, marker, head_lines) or "") + (pool.take(label) or "" if label else "")))
    rows = [r1, r2, r3]
    wide = {r["municipality_code"]: r for r in t["municipality_answers_wide"]}
    for m in t["municipality_answers_wide"]:
        line = next(int(p.split(":")[1]) for p in m["source_lines"].split(";") if p.split(":")[0] == str(page))
        row = [cell(0, number(pool, m["survey_no"], line)), cell(1, pool.must(m["municipality_name"], line))]
        for k, name in enumerate(names):
            value = wide[m["municipality_code"]][name]
            row.append(cell(2 + k, pool.must(value, line)))
        row.append(cell(n - 1, pool.must(m["municipality_name"], line)))
        rows.append(row)
    widths = [1.2, 4] + [6 if ANSWER_OPTIONS.get(c) else 2.2 for c in names] + [4]
    title, notes = split_notes(pool, r"取組状況|^○|東京都福祉保健局|時点$")
    return {"title": title, "table": {"columns": widths, "head": 3, "rows": rows}, "notes": notes}


# Answer columns holding option text rather than a mark.
ANSWER_OPTIONS = {"a_q4": True, "c_q3": True, "d_q2": True, "e_q2": True}


def solve_years(rows, years, totals, decided):
    """Every association × year cell: the decided ones as they are, the
    others placed so that each row has its marks and each year its total (a
    maximum flow from rows to years over the undecided cells, augmenting
    paths tried in name and year order: one placement of the many that fit)."""
    need = {r: m - sum(1 for y in years if decided.get((r, y)) is True) for r, m in rows}
    left = {y: totals[y] - sum(1 for r, _ in rows if decided.get((r, y)) is True) for y in years}
    taken = {}  # (r, y) -> True where the flow places a mark
    year_of = {y: [] for y in years}  # rows placed in year y

    def augment(r, seen):
        for y in years:
            if (r, y) in decided or taken.get((r, y)) or y in seen:
                continue
            seen.add(y)
            if len(year_of[y]) < left[y]:
                year_of[y].append(r)
                taken[(r, y)] = True
                return True
            for other in sorted(year_of[y]):
                if augment(other, seen):
                    year_of[y].remove(other)
                    taken[(other, y)] = False
                    year_of[y].append(r)
                    taken[(r, y)] = True
                    return True
        return False

    for r, _ in sorted(rows):
        for _ in range(need[r]):
            if not augment(r, set()):
                raise SystemExit(f"grid model: no placement gives {r} its marks")
    if any(len(year_of[y]) != left[y] for y in years):
        raise SystemExit("grid model: a year's total is not met")
    cells = dict(decided)
    for r, _ in rows:
        for y in years:
            if (r, y) not in decided:
                cells[(r, y)] = bool(taken.get((r, y)))
    return cells


def associations_page(page, pool, t, truth):
    """Pages 5–6: two tables side by side on each line (the wards' medical
    associations on the left, the Tama areas and universities on the
    right), a column per fiscal year, each association's 〇 under its year."""
    programs = [r for r in t["association_programs"] if r["source_page"] == str(page)]
    program = programs[0]["program"]
    totals_rows = [r for r in t["association_program_totals"] if r["program"] == program]
    years = [int(r["fiscal_year"]) for r in totals_rows]
    totals = {int(r["fiscal_year"]): int(r["count"]) for r in totals_rows}
    decided = {}
    for r in t["association_program_years"]:
        if r["program"] == program and r["participated"] != "":
            decided[(r["association"], int(r["fiscal_year"]))] = r["participated"] == "true"
    marks = [(r["association"], int(r["years_marked"])) for r in programs]
    cells = solve_years(marks, years, totals, decided)
    for (name, y), v in sorted(cells.items()):
        if (name, y) not in decided:
            truth.append({"page": page, "kind": "association_year", "key": f"{program}|{name}|{y}",
                          "value": "true" if v else "false"})
    # Left and right: the first and the second association printed on a line.
    by_line = {}
    for r in programs:
        by_line.setdefault(int(r["source_line"]), []).append(r)
    left, right = [], []
    for line in sorted(by_line):
        text = pool.lines[line - pool.first]
        here = sorted(by_line[line], key=lambda r: text.find(printed_name(r)))
        left_here = [r for r in here if is_left(r)]
        right_here = [r for r in here if not is_left(r)]
        left += left_here
        right += right_here
    n = len(years)
    head_lines = [pool.first + i for i, l in enumerate(pool.lines) if "医師会名" in l]

    # A year's head carries the footnote marks printed beside it (「29 ※1」:
    # the seed prints one after each table's last year).
    head_notes = {}
    for line in head_lines:
        for mark in re.findall(r"※[0-9]+", pool.lines[line - pool.first]):
            head_notes.setdefault(line, []).append(mark)

    def head():
        out = [cell(0, take_on(pool, "医師会名", head_lines) or "")]
        for k, y in enumerate(years):
            text = take_on(pool, str(y - 1988), head_lines) or ""
            if k == n - 1:
                for line, marks in head_notes.items():
                    if marks:
                        text += " " + pool.must(marks.pop(0), line)
                        break
            out.append(cell(1 + k, text))
        return out

    r1 = head()
    r1 += [dict(c, col=c["col"] + n + 1) for c in head()]
    rows = [r1]

    def side(r, offset):
        line = int(r["source_line"])
        name = pool.must(printed_name(r), line)
        # The footnote marks printed after the name are in its cell (「練馬区 ※1 ※2」).
        after = re.match(r"\s*((?:※[0-9]+\s*)+)", pool.lines[line - pool.first].split(printed_name(r), 1)[-1])
        for mark in re.findall(r"※[0-9]+", after.group(1)) if after else []:
            name += " " + pool.must(mark, line)
        out = [cell(offset, name)]
        for k, y in enumerate(years):
            out.append(cell(offset + 1 + k, pool.must("〇", line) if cells[(r["association"], y)] else ""))
        return out

    for k in range(max(len(left), len(right))):
        row = []
        # The marks of a line are taken left row first.
        if k < len(left):
            row += side(left[k], 0)
        else:
            row += [cell(c, "") for c in range(n + 1)]
        if k < len(right):
            row += side(right[k], n + 1)
        else:
            row += [cell(n + 1 + c, "") for c in range(n + 1)]
        rows.append(row)
    # The totals under the right table: 計 and each year's total.
    total_line = int(totals_rows[0]["source_line"])
    row = [cell(c, "") for c in range(n + 1)]
    # 「計　※3」: the label with its footnote mark, in its cell.
    tail = pool.lines[total_line - pool.first].split("計", 1)
    mark = re.match(r"\s*(※[0-9]+)", tail[1]) if len(tail) == 2 else None
    label = (mark and pool.take("計" + mark.group(1), total_line)) or pool.take("計", total_line) or ""
    row.append(cell(n + 1, label))
    for k, y in enumerate(years):
        row.append(cell(n + 2 + k, number(pool, str(totals[y]), total_line)))
    rows.append(row)
    widths = ([4] + [1.4] * n) * 2
    title, notes = split_notes(pool, r"事業|【|補助上限|^[0-9０-９]+[万千]|円")
    return {"title": title, "table": {"columns": widths, "head": 1, "rows": rows}, "notes": notes}


def printed_name(r):
    """An association as its row prints it: a group's member in brackets."""
    return f"（{r['association']}）" if r["group"] else r["association"]


def is_left(r):
    """The wards' medical associations (a ward, or a district of one) are
    the left table; the Tama areas, their groups and the universities the right."""
    code = r["municipality_code"]
    return not r["group"] and (code.startswith("1310") or code.startswith("1311") or code.startswith("1312")
                               or code == "" and r["association"] in WARD_DISTRICTS)


# District medical associations of the wards printed by district name.
WARD_DISTRICTS = {"神田", "日本橋", "小石川", "下谷", "浅草", "玉川", "荏原", "大森", "田園調布", "蒲田"}


def model(t):
    pages, truth = [], []
    for k, (first, lines) in enumerate(seed_pages()):
        page = k + 1
        if not any(l.strip() for l in lines):
            continue
        pool = Pool(lines, first)
        if page in (3, 4):
            m = answers_page(page, pool, t)
        elif page in (5, 6):
            m = associations_page(page, pool, t, truth)
        else:
            m = BUILDERS[page](page, pool, t, truth) if page in BUILDERS else None
            if m is None:
                title, notes = split_notes(pool, r".")
                m = {"title": title, "table": None, "notes": notes}
        m["page"] = page
        left = "".join(c for _, l in pool.rest() for c in l if not c.isspace())
        printed = "".join(c for l in lines for c in l if not c.isspace())
        placed = "".join(c for row in (m["table"] or {}).get("rows", []) for x in row for c in x["text"]
                         if not c.isspace())
        notes = "".join(c for l in m["title"] + m["notes"] for c in l if not c.isspace())
        if sorted(placed + notes) != sorted(printed):
            raise SystemExit(f"grid model: page {page} does not print the seed page's characters once")
        pages.append(m)
    return pages, truth


BUILDERS = {}


def main():
    zaitaku = sys.argv[1]
    pages, truth = model(read_tables(zaitaku))
    model_text = json.dumps({"pages": pages}, ensure_ascii=False, indent=1) + "\n"
    lines = ["page,kind,key,value"] + [f"{r['page']},{r['kind']},{r['key']},{r['value']}" for r in truth]
    truth_text = "\n".join(lines) + "\n"
    wanted = {"model.json": model_text, "truth.csv": truth_text}
    if "--check" in sys.argv[2:]:
        stale = [n for n, v in wanted.items() if not (OUT / n).exists() or (OUT / n).read_text(encoding="utf-8") != v]
        for n in stale:
            print(f"tests/fixtures/pdf/grid/{n}: not what scripts/grid_model.py makes; run it", file=sys.stderr)
        sys.exit(1 if stale else 0)
    OUT.mkdir(parents=True, exist_ok=True)
    for n, v in wanted.items():
        (OUT / n).write_text(v, encoding="utf-8")



TARGETS = ["for_patients_families", "for_medical_institutions", "for_home_nursing_stations",
           "for_community_support_centers", "for_care_managers"]


def number(pool, value, line=None):
    """A figure standing apart from other digits (its own cell); "" where the
    page does not print it (a municipality whose windows go on from the
    page before prints its head on one page)."""
    return pool.take(value, line, word=True) or pool.take(value, line, word="digits") or ""


def windows_page(page, pool, t, truth):
    """Pages 7–11: a row per window; a municipality's number, name and
    設置箇所数 (and its name again at the row's end) merged over its
    windows; a name or その他 cell merged over the windows it serves; a
    municipality without a window: its planned opening, or nothing, across
    the window's cells."""
    munis = {m["municipality_code"]: m for m in t["municipalities"]}
    windows = [w for w in t["consultation_windows"] if w["source_page"] == str(page)]
    plans = [p for p in t["window_plans"] if p["source_page"] == str(page)]
    codes = sorted({w["municipality_code"] for w in windows} | {p["municipality_code"] for p in plans},
                   key=lambda c: int(munis[c]["survey_no"]))
    lines_of = sorted(int(w["source_line"]) for w in windows)
    rng = random.Random(page)
    name_home, other_home = leftover_homes(page, pool, t, windows)
    # Where each inferred (merged) name is printed apart, by window.
    printed_apart = {}
    for a in t["ambiguities"]:
        m = re.match(r"window ([0-9]+) of (\S+) ", a["subject"])
        at = re.search(r"printed apart as 「.*」 \(page [0-9]+, line ([0-9]+)\)", a["resolution"])
        if a["kind"] == "win.name_inferred" and m and at:
            printed_apart[(m.group(2), m.group(1))] = int(at.group(1))
    # Two rows of heads, as the page prints them.
    take = lambda text: pool.take(text) or ""
    r1 = [cell(0, "", rowspan=2), cell(1, take("区市町村名"), rowspan=2), cell(2, take("設置箇所数"), rowspan=2),
          cell(3, take("窓口名称"), rowspan=2), cell(4, take("設置場所"), rowspan=2),
          cell(5, take("連絡先"), colspan=2),
          cell(7, take("開設日時") + "\n" + take("（※年末年始：12月29日～1月3日）"), rowspan=2),
          cell(8, take("相談対象者"), colspan=6), cell(14, take("区市町村名"), rowspan=2)]
    r2 = [cell(5, take("電話番号")), cell(6, take("FAX"))] + [
        cell(8 + k, take(h)) for k, h in enumerate(
            ["患者・家族", "医療機関", "訪問看護ステーション", "地域包括支援センター", "居宅介護支援事業所", "その他"])]
    rows = [r1, r2]
    for code in codes:
        mine = sorted((w for w in windows if w["municipality_code"] == code), key=lambda w: int(w["window_no"]))
        plan = next((p for p in plans if p["municipality_code"] == code), None)
        m = munis[code]
        span = max(1, len(mine))
        # Its number and name, printed together (「29 府中市」, even glued to
        # a cell before it), else apart.
        both = pool.take(m["survey_no"] + m["municipality_name"], word="digits")
        no, name = None, None
        if both is not None:
            name = m["municipality_name"] if both.endswith(m["municipality_name"]) else both.split()[-1]
            no = both[:len(both) - len(name)].strip()
        else:
            no, name = number(pool, m["survey_no"]), pool.take(m["municipality_name"], word=True) or ""
        first = [cell(0, no, rowspan=span), cell(1, name, rowspan=span)]
        total = sum(1 for w in t["consultation_windows"] if w["municipality_code"] == code)
        count = number(pool, str(total)) if mine or plan is None or plan["planned_opening"] == "" else ""
        if mine and plan and plan["planned_opening"]:
            # An announcement beside open windows prints its mark (「※11月に1窓口追加開設予定」).
            count += "\n" + (pool.take("※" + plan["planned_opening"]) or pool.must(plan["planned_opening"]))
        if not mine:
            # No window: the plan (or nothing) across the window's cells.
            text = pool.must(plan["planned_opening"]) if plan and plan["planned_opening"] else ""
            row = first + [cell(2, "", colspan=12) if not text else cell(2, text, colspan=12)]
            row.append(cell(14, pool.take(m["municipality_name"], word=True) or ""))
            rows.append(row)
            continue
        first.append(cell(2, count, rowspan=span))
        # Merged cells: a name (inferred, or null and given a leftover) or
        # an その他 text (null, given a leftover) over runs of windows.
        given, given_line = name_home.get(code, (None, None))
        for w in (w for w in mine if not w["name"]):
            truth.append({"page": page, "kind": "window_name", "key": f"{code}|{w['window_no']}", "value": given})
        other_null = [w for w in mine if not w["for_other"]]
        other_given, other_line = other_home.get(code, (None, None))
        for w in other_null if other_given else []:
            truth.append({"page": page, "kind": "window_other", "key": f"{code}|{w['window_no']}",
                          "value": other_given})
        k = 0
        while k < len(mine):
            w = mine[k]
            here = range(int(w["source_line"]), next((l for l in lines_of if l > int(w["source_line"])), 10**9))
            row = list(first) if k == 0 else []
            # The name: merged over a run of windows sharing it.
            name = w["name"] or given
            run = 1
            if not w["name"] or w["name_inferred"] == "true":
                while k + run < len(mine) and (mine[k + run]["name"] or given) == name and \
                        (not mine[k + run]["name"] or mine[k + run]["name_inferred"] == "true"):
                    run += 1
            name_cell = None
            if k == 0 or not merged_before(mine, k, given):
                # A merged name is printed apart, a cell of its own.
                if w["name"] and w["name_inferred"] != "true":
                    text = pool.must(name, here)
                elif not w["name"]:
                    text = pool.must(name, given_line)
                else:
                    text = pool.must(name, printed_apart.get((m["municipality_name"], w["window_no"])))
                name_cell = cell(3, text, rowspan=run if (not w["name"] or w["name_inferred"] == "true") else 1)
            if name_cell:
                row.append(name_cell)
            row.append(cell(4, pool.must(w["location"], here) if w["location"] else ""))
            phone = pool.must(w["phone"], here) if w["phone"] else ""
            if w["phone_extension"]:
                ext = w["phone_extension"]
                phone += pool.take(f"(内線:{ext})", here) or pool.must(ext, here)
            row.append(cell(5, phone))
            fax = pool.take(w["fax"], here) if w["fax"] else (pool.take("-", here, word=True) or "")
            row.append(cell(6, fax or ""))
            row.append(cell(7, pool.must(w["hours"], here) if w["hours"] else ""))
            marks = [w[c] for c in TARGETS]
            if w["targets_resolved"] != "true":
                chosen = sorted(rng.sample(range(5), int(w["targets_marked"])))
                marks = ["true" if i in chosen else "false" for i in range(5)]
                truth.append({"page": page, "kind": "window_targets", "key": f"{code}|{w['window_no']}",
                              "value": "".join("1" if m == "true" else "0" for m in marks)})
            for i, mk in enumerate(marks):
                row.append(cell(8 + i, (pool.take("○", here) or pool.must("〇", here)) if mk == "true" else ""))
            if w["for_other"]:
                row.append(cell(13, pool.must(w["for_other"], here)))
            elif other_given is not None and w is other_null[0]:
                row.append(cell(13, pool.must(other_given, other_line), rowspan=run_of(mine, k, other_null)))
            elif other_given is None:
                row.append(cell(13, ""))
            if k == 0:
                row.append(cell(14, pool.take(m["municipality_name"], word=True) or "", rowspan=span))
            rows.append(row)
            k += 1
    widths = [1, 2.5, 1.5, 5, 5, 3.5, 3, 5, 1.2, 1.2, 1.2, 1.2, 1.2, 3, 2.5]
    title, notes = split_notes(pool, r"東京都福祉保健局|時点|窓口一覧|ピンク")
    return {"title": title, "table": {"columns": widths, "head": 2, "rows": rows}, "notes": notes}


def merged_before(mine, k, given):
    """Whether window k's name cell is covered by a merged cell above it."""
    w, prev = mine[k], mine[k - 1]
    merged = lambda x: not x["name"] or x["name_inferred"] == "true"
    return merged(w) and merged(prev) and (w["name"] or given) == (prev["name"] or given)


def run_of(mine, k, members):
    """How many windows from k on are in `members` (a merged cell's rows)."""
    n = 0
    while k + n < len(mine) and mine[k + n] in members:
        n += 1
    return n


def leftover_homes(page, pool, t, windows):
    """Which municipality's windows each leftover cell of the page (a merged
    name or その他 cell printed apart) spans: the one the text names (「after
    the head of no. 20」), else one whose other windows print the same text,
    else the one whose head is printed on the leftover's line or the next
    one; what none of these decides goes to the remaining municipalities in
    their order (a choice: the truth file records it)."""
    munis = {m["survey_no"]: m["municipality_code"] for m in t["municipalities"]}
    names = {m["municipality_name"]: m["municipality_code"] for m in t["municipalities"]}
    unnamed = sorted({w["municipality_code"] for w in windows if not w["name"]})
    no_other = sorted({w["municipality_code"] for w in windows if not w["for_other"]})
    name_home, other_home = {}, {}
    undecided = []
    leftovers = sorted((a for a in t["ambiguities"] if a["kind"] == "win.unattributed"
                        and a["source_page"] == str(page)), key=lambda a: int(a["source_line"]))
    for a in leftovers:
        m = re.match(r"leftover cell 「([^」]*?)(?: \(after the head of no\. ([0-9]+)\))?」", a["subject"])
        text, after = m.group(1), m.group(2)
        is_name = text.endswith("窓口")
        homes, free = (name_home, unnamed) if is_name else (other_home, no_other)
        code = munis.get(after) if after else None
        if code is None:
            same = {w["municipality_code"] for w in t["consultation_windows"]
                    if (w["name"] if is_name else w["for_other"]) == text}
            code = next((c for c in free if c in same), None)
        if code is None:
            line = int(a["source_line"])
            near = [pool.lines[i - pool.first] for i in range(line, line + 3) if 0 <= i - pool.first < len(pool.lines)]
            for l in near:
                head = re.search(r"([0-9]+) (\S+?[区市町村])", l)
                if head and names.get(head.group(2)) in free:
                    code = names[head.group(2)]
                    break
                number = re.match(r"^([0-9]+) [0-9]+$", l.strip())
                if number and munis.get(number.group(1)) in free:
                    code = munis[number.group(1)]
                    break
        if code is None or code in homes:
            undecided.append((homes, free, text, int(a["source_line"])))
            continue
        homes[code] = (text, int(a["source_line"]))
    for homes, free, text, line in undecided:
        code = next(c for c in free if c not in homes)
        homes[code] = (text, line)
    return name_home, other_home


BUILDERS.update({p: windows_page for p in range(7, 12)})


def share(value):
    """A share as printed: 「96.2%」, a fall as 「△1.9%」."""
    v = float(value)
    return f"△{-v:.1f}%" if v < 0 else f"{v:.1f}%"


def summary_page(page, pool, t, truth):
    """Page 1: a row per activity under its item (merged over the item's
    rows), the FY-current and FY-previous counts and shares and the change;
    キ②'s activity merged over its pamphlet and website rows."""
    rows_in = t["program_summary"]
    fy = rows_in[0]
    take = lambda text: pool.take(text) or ""
    change_head = take("29年度-28年度")
    r1 = [cell(0, take("在宅医療・介護連携推進事業の項目"), rowspan=3), cell(1, take("内容"), rowspan=3, colspan=2),
          cell(3, take("実施数（29年度においては、年度中に実施予定含む。）"), colspan=4),
          cell(7, take("増（△）減"), rowspan=2)]
    # The year heads, printed together (「29年度 28年度」).
    current, previous = f"{int(fy['fy_current']) - 1988}年度", f"{int(fy['fy_previous']) - 1988}年度"
    both = pool.take(current + previous)
    years = both.split() if both and len(both.split()) == 2 else [take(current), take(previous)]
    r2 = [cell(3, years[0], colspan=2), cell(5, years[1], colspan=2)]
    r3 = [cell(3, take("区市町村数")), cell(4, take("全体の％")), cell(5, take("区市町村数")),
          cell(6, take("全体の％")), cell(7, change_head + "\n" + take("％"))]
    rows = [r1, r2, r3]
    by_item = {}
    for r in rows_in:
        by_item.setdefault(r["item"], []).append(r)
    for item, mine in by_item.items():
        label = pool.take(f"（{item}）{mine[0]['item_label']}") or ""
        for k, r in enumerate(mine):
            line = int(r["source_line"])
            row = [cell(0, label, rowspan=len(mine))] if k == 0 else []
            if r["sub_question"] == "pamphlet":
                row.append(cell(1, pool.must(r["activity"]), rowspan=2))
            if r["sub_question"]:
                sub = {"pamphlet": "パンフレット等", "website": "ホームページ等"}[r["sub_question"]]
                row.append(cell(2, pool.must(sub, line)))
            else:
                row.append(cell(1, pool.take(r["activity"]) or "", colspan=2))
            row += [cell(3, pool.must(r["count_current"], line)), cell(4, pool.must(share(r["pct_current"]), line)),
                    cell(5, pool.must(r["count_previous"], line)), cell(6, pool.must(share(r["pct_previous"]), line)),
                    cell(7, pool.must(share(r["change_pct"]), line))]
            rows.append(row)
    widths = [5, 8, 3, 2, 2, 2, 2, 2.5]
    title, notes = split_notes(pool, r"取組状況|参考資料|^※|比較")
    return {"title": title, "table": {"columns": widths, "head": 3, "rows": rows}, "notes": notes}


def questions_page(page, pool, t, truth):
    """Page 2: a row per question (its item merged over the item's rows, its
    marker, its text, 実施・予定 count and share, 未実施等 count and share);
    a multi-choice question's options in rows under it, each with its count
    and share."""
    rows_in = t["question_summary"]
    ambiguities = {a["subject"].split(" ")[0]: a for a in t["ambiguities"] if a["family"] == "question_summary"}
    take = lambda text: pool.take(text) or ""
    r1 = [cell(0, take("在宅医療・介護連携推進事業の項目"), rowspan=2, colspan=3),
          cell(3, take("集計状況（N=５３）") + "\n" + take("（※は、複数回答有のためN＝５３またはN=実施数にはなりません。）"),
               colspan=4)]
    r2 = [cell(3, take("実施・29年度中に実施予定"), colspan=2), cell(5, take("未実施等"), colspan=2)]
    word = lambda text: pool.take(text, word=True) or ""
    r3 = [cell(3, word("区市町村")), cell(4, take("全体の％")), cell(5, word("区市町村")), cell(6, take("全体の％"))]
    rows = [r1, r2, [cell(0, "", colspan=3)] + r3]
    by_item = {}
    for r in rows_in:
        by_item.setdefault(r["item"], []).append(r)
    missing_text, missing_marker = [], []
    for item, mine in by_item.items():
        n_rows = len(mine) + len({(r["question"]) for r in mine if r["option"]}) + \
            (1 if any(r["sub_question"] for r in mine) else 0)
        label_row = [cell(0, label_block(pool, f"（{item}）"), rowspan=n_rows)]
        seen = set()
        for r in mine:
            line = int(r["source_line"])
            row = label_row
            label_row = []
            marker = MARKERS[int(r["question"])]
            key = f"{item}{marker}"
            if r["option"] or r["sub_question"]:
                if r["question"] not in seen:
                    # The question's own row: marker, text, ※ (several answers).
                    seen.add(r["question"])
                    # Its marker printed with its text (「④ （②を実施…」), or apart.
                    both = pool.take(marker + r["question_text"]) if r["question_text"] else None
                    if both is not None:
                        mark, text = both[0], both[1:].strip()
                    else:
                        text = pool.take(r["question_text"]) if r["question_text"] else None
                        mark = ""
                    if text is None:
                        missing_text.append((rows, len(rows), key))
                    if not mark:
                        missing_marker.append((len(rows), marker))
                    rows.append(row + [cell(1, mark), cell(2, text or ""),
                                       cell(3, pool.take("※", word=True) or "", colspan=4)])
                    row = []
                if r["sub_question"]:
                    sub = {"pamphlet": "パンフレット等について", "website": "ホームページ等について"}[r["sub_question"]]
                    label = pool.take(sub + r["count_yes"]) or ""
                    figures = [cell(3, label[len(label.rstrip("0123456789")):].strip() if label else ""),
                               cell(4, pool.must(share(r["pct_yes"]), line)),
                               cell(5, pool.must(r["count_no"], line)), cell(6, pool.must(share(r["pct_no"]), line))]
                    rows.append(row + [cell(1, ""), cell(2, label.rstrip("0123456789").strip())] + figures)
                else:
                    rows.append(row + [cell(1, ""), cell(2, pool.must(r["option_text"], line)),
                                       cell(3, pool.must(r["count_yes"], line)),
                                       cell(4, pool.must(share(r["pct_yes"]), line)), cell(5, ""), cell(6, "")])
                continue
            # A plain question: its text with the count printed after it (or
            # a count printed apart, where the page prints it so).
            text = pool.take(r["question_text"] + r["count_yes"]) if r["question_text"] else None
            before = pool.take(r["count_yes"] + r["question_text"]) if r["question_text"] and text is None else None
            count = ""
            if text is not None:
                count = text[len(text.rstrip("0123456789")):]
                text = text[:len(text) - len(count)].rstrip()
            elif before is not None:
                # The count glued before the text (「53東京都が実施する…」).
                count = before[:len(before) - len(before.lstrip("0123456789"))]
                text = before[len(count):].strip()
            else:
                text = pool.take(r["question_text"]) or ""
                apart = ambiguities.get(key)
                count = pool.take(r["count_yes"], int(apart["source_line"]), word=True) if apart else ""
            rows.append(row + [cell(1, pool.take(marker, line) or ""), cell(2, text), cell(3, count or ""),
                               cell(4, pool.must(share(r["pct_yes"]), line)), cell(5, pool.must(r["count_no"], line)),
                               cell(6, pool.must(share(r["pct_no"]), line))])
    # A multi-choice question's marker printed apart (「③ ※」): taken once
    # every other marker is, from what is left.
    for at, marker in missing_marker:
        got = pool.take(marker, word=True)
        for c in rows[at]:
            if c["col"] == 1 and got:
                c["text"] = got
    # A question whose text the page prints where no rule tells which
    # question's it is: the first such text left (a choice: the truth file).
    for table_rows, at, key in missing_text:
        left = [l for _, l in pool.rest() if l.startswith("（") and "場合）" in l]
        if left:
            text = pool.must(left[0])
            for c in table_rows[at]:
                if c["col"] == 2:
                    c["text"] = text
            truth.append({"page": page, "kind": "question_text", "key": key, "value": text})
    widths = [5, 1, 16, 2, 2, 2, 2]
    title, notes = split_notes(pool, r"取組状況|^○|東京都福祉保健局|時点$")
    return {"title": title, "table": {"columns": widths, "head": 3, "rows": rows}, "notes": notes}


def label_block(pool, marker):
    """An item's label as the page prints it: from its 「（ア）」 to the end
    of the wrapped label (the line after it, where the first ends short)."""
    for i, l in enumerate(pool.lines):
        if l.startswith(marker) and not pool.used[i][0]:
            text = l.split(" ")[0]
            nxt = pool.lines[i + 1].split(" ")[0] if i + 1 < len(pool.lines) else ""
            if nxt and not re.match(r"^[①-④⓪0-9]", nxt) and len(text) < 20:
                text += nxt
            return pool.take(text, pool.first + i) or ""
    return ""


BUILDERS.update({1: summary_page, 2: questions_page})


if __name__ == "__main__":
    main()
