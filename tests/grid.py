"""The report typeset as the ruled tables it is (tests/fixtures/pdf/grid_*.pdf,
made by scripts/make_pdfs.py from tests/fixtures/pdf/grid/model.json), read
by every extractor and by zaitaku itself (scripts/extractors.sh runs this in
`make test`).

Usage: grid.py ZAITAKU OUTDIR [--write]

The extractors' texts are committed under tests/fixtures/grid/VARIANT/
(READER.txt): pdfminer.six breaks ties between text boxes by object
address, so its text of a grid differs from run to run; every variant seen
is committed (pdfminer.txt, pdfminer.2.txt, …) and read. This run extracts
each text again: another reader's text that is not the committed one fails
the run; a pdfminer variant not committed is read as well and said (with
--write, a new text is written: review it, then commit it).

Besides the seven readers' defaults, pypdf's layout mode (`extraction_mode=
"layout"`, pages joined by form feeds) is read: a text that keeps the columns
by spaces, like `pdftotext -layout`; `zaitaku diff` of those two texts of a
typesetting finds no change.

Each text and each PDF is built by zaitaku; EXPECTED states the outcome of
each today, and the run fails when one changes (better or worse), so the
table below, and docs/input.md's copy of it, stay true. A build that
succeeds is compared with the seed's build: «same» is every value the
seed's tables decide equal (white space inside a cell and the columns
saying where or how a value was read aside: source positions,
count_yes_source, resolution, name_inferred, targets_resolved), every
value the seed leaves null that the build decides equal to
tests/fixtures/pdf/grid/truth.csv, and every position of the build printed
at its place in the text it was read from (for a PDF, `zaitaku extract`'s).
Every two typesettings of the PDF give no change in `zaitaku diff`.
"""
import csv
import pathlib

import pypdf
import re
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "scripts"))
import browser  # noqa: E402  (tests/browser.py: Chromium, network off)
import extractors  # noqa: E402  (tests/extractors.py: each reader as its docs show)
import grid_html  # noqa: E402  (scripts/grid_html.py: the model as an HTML page)
import positions  # noqa: E402  (tests/positions.py: every position printed at its place)

ROOT = pathlib.Path(__file__).resolve().parent.parent
VARIANTS = ["grid_rows", "grid_columns"]
READERS = ["pdfminer", "pymupdf", "pypdf", "pdfplumber", "pdfium", "pdftotext", "pdftotext_layout",
           "pypdf_layout"]

# (variant, reader or "zaitaku"): the outcome today. «exit 2» is a text
# zaitaku cannot read in this reading order yet (issue 31); each line moves
# to «same» as the page parsers learn the grid.
EXPECTED = {(v, r): "exit 2" for v in VARIANTS for r in READERS}
EXPECTED.update({(v, "zaitaku"): "same" for v in VARIANTS})
# A text that keeps the columns by spaces is read as the grid it prints.
EXPECTED.update({(v, r): "same" for v in VARIANTS for r in ["pdftotext_layout", "pypdf_layout"]})

# The tables compared, and the columns that say where or how a value was
# read (a grid reads them otherwise: the count in its question's row, a
# cell by position).
TABLES = ["municipalities", "program_summary", "question_summary", "municipality_answers",
          "municipality_answers_wide", "municipality_choices", "association_programs",
          "association_program_years", "association_program_totals", "consultation_windows",
          "window_plans"]
PROVENANCE = {"source_page", "source_line", "source_lines", "source_column", "count_yes_source",
              "resolution", "name_inferred", "targets_resolved", "name_source", "targets_resolution"}
TARGETS = ["for_patients_families", "for_medical_institutions", "for_home_nursing_stations",
           "for_community_support_centers", "for_care_managers"]


def pypdf_layout(pdf, out):
    """pypdf's text of `pdf` in its layout mode (columns kept by spaces),
    its pages joined by form feeds."""
    path = out / "pypdf_layout.txt"
    pages = pypdf.PdfReader(str(pdf)).pages
    path.write_bytes("\f".join(p.extract_text(extraction_mode="layout") for p in pages).encode("utf-8"))
    return path


def squeeze(s):
    return re.sub(r"\s+", "", s)


def truth():
    with open(ROOT / "tests" / "fixtures" / "pdf" / "grid" / "truth.csv", encoding="utf-8", newline="") as f:
        return {(r["kind"], r["key"]): r["value"] for r in csv.DictReader(f)}


def truth_of(table, row, column, placed):
    """The truth.csv value of a cell the seed leaves null, or None."""
    if table == "association_program_years" and column == "participated":
        return placed.get(("association_year", f"{row['program']}|{row['association']}|{row['fiscal_year']}"))
    if table == "consultation_windows":
        key = f"{row['municipality_code']}|{row['window_no']}"
        if column in TARGETS:
            bits = placed.get(("window_targets", key))
            return None if bits is None else ("true" if bits[TARGETS.index(column)] == "1" else "false")
        kind = {"name": "window_name", "for_other": "window_other"}.get(column)
        return placed.get((kind, key)) if kind else None
    if table == "question_summary" and column == "question_text":
        return placed.get(("question_text", f"{row['item']}{'⓪①②③④'[int(row['question'])]}"))
    return None


def compare(seed_dir, build_dir, placed):
    """Every difference from the seed's tables and from the truth, as messages."""
    found = []
    for table in TABLES:
        def rows(d):
            with open(d / f"{table}.csv", encoding="utf-8", newline="") as f:
                return list(csv.DictReader(f))
        want, got = rows(seed_dir), rows(build_dir)
        if len(want) != len(got):
            found.append(f"{table}: {len(got)} rows, the seed's {len(want)}")
            continue
        for k, (w, g) in enumerate(zip(want, got)):
            for column, a in w.items():
                b = g.get(column, "")
                if column in PROVENANCE or squeeze(a) == squeeze(b):
                    continue
                if a == "" and squeeze(truth_of(table, g, column, placed) or "\0") == squeeze(b):
                    continue
                found.append(f"{table} row {k + 1} {column}: «{b}», the seed's «{a}»")
    return found


def committed(variant, reader):
    """The committed texts of `reader` for `variant`: the first, then every other variant."""
    base = ROOT / "tests" / "fixtures" / "grid" / variant
    first = base / f"{reader}.txt"
    more = sorted(base.glob(f"{reader}.[0-9]*.txt"), key=lambda p: int(p.name.split(".")[1]))
    return [p for p in [first] + more if p.exists()]


def judged(zaitaku, path, target, seed_dir, placed):
    """Builds `path` into `target`: its outcome («same», «differs», «exit N»),
    the detail, and the run."""
    run = subprocess.run([zaitaku, "build", "--out", str(target), str(path)], capture_output=True, text=True)
    if run.returncode != 0:
        errors = [l for l in run.stderr.splitlines() if l.startswith("error")]
        detail = f"{len(errors)} errors, first: {errors[0][:140]}" if errors else run.stderr[-300:]
        return f"exit {run.returncode}", detail, run
    # Positions count the lines of the text read: for a PDF, extract's.
    text = path
    if path.suffix == ".pdf":
        text = target.parent / f"{target.name}.extract.txt"
        with open(text, "wb") as f:
            subprocess.run([zaitaku, "extract", str(path)], stdout=f, check=True)
    differs = compare(seed_dir, target, placed)
    checked, misplaced = positions.check(text, target)
    if not checked:
        misplaced.append("no positioned value read")
    outcome = "same" if not differs and not misplaced else "differs"
    return outcome, "; ".join((differs + misplaced)[:5]), run


def main():
    zaitaku, out = sys.argv[1], pathlib.Path(sys.argv[2])
    write = "--write" in sys.argv[3:]
    failed, rows = [], []
    placed = truth()
    seed_dir = out / "build" / "seed"
    seed = sorted((ROOT / "raw").glob("*.txt"))[0]
    run = subprocess.run([zaitaku, "build", "--out", str(seed_dir), str(seed)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    for variant in VARIANTS:
        pdf = ROOT / "tests" / "fixtures" / "pdf" / f"{variant}.pdf"
        fresh_dir = out / variant
        fresh_dir.mkdir(parents=True, exist_ok=True)
        fresh = extractors.extract(pdf, fresh_dir)
        fresh["pypdf_layout"] = pypdf_layout(pdf, fresh_dir)
        inputs = []
        for reader in READERS:
            have = committed(variant, reader)
            text = fresh[reader].read_bytes()
            if not any(p.read_bytes() == text for p in have):
                if write:
                    base = ROOT / "tests" / "fixtures" / "grid" / variant
                    base.mkdir(parents=True, exist_ok=True)
                    name = f"{reader}.txt" if not have else f"{reader}.{len(have) + 1}.txt"
                    (base / name).write_bytes(text)
                    have = committed(variant, reader)
                    print(f"grid: wrote tests/fixtures/grid/{variant}/{name}", file=sys.stderr)
                elif reader == "pdfminer":
                    # Its order varies from run to run: this variant is read
                    # too, and said, so that it can be committed.
                    print(f"grid: {variant} pdfminer gave a variant not committed; read from {fresh[reader]} "
                          f"(grid.py --write adds it)", file=sys.stderr)
                    have = have + [fresh[reader]]
                else:
                    failed.append(f"{variant} {reader}: its text is none of the committed ones "
                                  f"(grid.py --write adds it: review, then commit)")
            inputs += [(reader if k == 0 else f"{reader} ({p.name})", p) for k, p in enumerate(have)]
        inputs.append(("zaitaku", pdf))
        for name, path in inputs:
            target = out / "build" / variant / name.split(" ")[0]
            outcome, detail, run = judged(zaitaku, path, target, seed_dir, placed)
            if run.returncode == 2 and "lost its way" not in run.stderr:
                # A text that does not read says which reading it is and what to try.
                failed.append(f"{variant} {name}: exit 2 without naming the text's reading:\n{run.stderr[-1500:]}")
            rows.append((variant, name, outcome, detail))
            expected = EXPECTED.get((variant, name.split(" ")[0]))
            if outcome != expected:
                failed.append(f"{variant} {name}: expected «{expected}», got «{outcome}» {detail}\n"
                              f"{run.stderr[-3000:]}")
    # Typesettings made by another program: the model as HTML, printed to
    # PDF by Chromium (the CSS variants of scripts/grid_html.py), each read by zaitaku.
    for variant in grid_html.VARIANTS:
        html_path = out / f"{variant}.html"
        html_path.write_text(grid_html.page_html(variant), encoding="utf-8")
        pdf = out / f"{variant}.pdf"
        browser.chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", html_path.resolve().as_uri()])
        target = out / "build" / variant / "zaitaku"
        outcome, detail, _ = judged(zaitaku, pdf, target, seed_dir, placed)
        rows.append((variant, "zaitaku", outcome, detail))
        if outcome != "same":
            failed.append(f"{variant} zaitaku: expected «same», got «{outcome}» {detail}")
    # Pages whose content is drawn turned a quarter (a landscape table in a
    # portrait box, shown upright by /Rotate), either way: read as shown.
    turned = []
    for source, angle, rotate in [("grid_rows.pdf", 90, 270), ("grid_columns.pdf", -90, 90)]:
        writer = pypdf.PdfWriter(clone_from=ROOT / "tests" / "fixtures" / "pdf" / source)
        for page in writer.pages:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            move = (height, 0) if angle == 90 else (0, width)
            page.add_transformation(pypdf.Transformation().rotate(angle).translate(*move))
            page.mediabox = pypdf.generic.RectangleObject([0, 0, height, width])
            page.rotation = rotate
        name = f"turned_{rotate}"
        pdf = out / f"{name}.pdf"
        writer.write(pdf)
        turned.append(pdf)
        outcome, detail, _ = judged(zaitaku, pdf, out / "build" / name / "zaitaku", seed_dir, placed)
        rows.append((name, "zaitaku", outcome, detail))
        if outcome != "same":
            failed.append(f"{name} zaitaku: expected «same», got «{outcome}» {detail}")
    # Two extractors' texts of one typesetting that keep its columns by
    # spaces: `zaitaku diff` finds no change.
    for variant in VARIANTS:
        base = ROOT / "tests" / "fixtures" / "grid" / variant
        pair = [str(base / "pdftotext_layout.txt"), str(base / "pypdf_layout.txt")]
        run = subprocess.run([zaitaku, "diff", "--exit-code", *pair], capture_output=True, text=True)
        if run.returncode != 0 or "no changes" not in run.stdout:
            failed.append(f"diff {variant} pdftotext_layout.txt pypdf_layout.txt: exit {run.returncode}, "
                          f"expected no changes:\n{run.stdout[-1500:]}{run.stderr[-1500:]}")
    # Two typesettings of one edition: `zaitaku diff` finds no change
    # between any two (each against grid_rows.pdf).
    first = ROOT / "tests" / "fixtures" / "pdf" / "grid_rows.pdf"
    others = ([ROOT / "tests" / "fixtures" / "pdf" / "grid_columns.pdf"]
              + [out / f"{v}.pdf" for v in grid_html.VARIANTS] + turned)
    for other in others:
        run = subprocess.run([zaitaku, "diff", "--exit-code", str(first), str(other)], capture_output=True, text=True)
        if run.returncode != 0 or "no changes" not in run.stdout:
            failed.append(f"diff grid_rows.pdf {other.name}: exit {run.returncode}, expected no changes:\n{run.stdout[-1500:]}")
    print("| typesetting | reader | zaitaku build | first error |")
    print("|---|---|---|---|")
    for variant, name, outcome, detail in rows:
        print(f"| {variant} | {name} | {outcome} | {detail} |")
    if failed:
        print("grid: outcomes changed (update EXPECTED and docs/input.md):\n  " + "\n  ".join(failed), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
