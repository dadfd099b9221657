"""The seed through real PDF extractors (scripts/extractors.sh runs this in
`make test`): the typeset seed (tests/fixtures/pdf/seed.pdf, made by
scripts/make_pdfs.py) read back by each extractor as its docs show, built
by zaitaku, and each build's tables compared with the seed's, column by
column, apart from source positions; every position of each build points
at a line of that extractor's own text printing its value
(tests/positions.py).

Usage: extractors.py ZAITAKU SEED OUTDIR

EXPECTED states what each extractor's text gives today; the run fails when
an outcome differs from it (better or worse), so the table below, and the
README's copy of it, stay true."""
import csv
import pathlib
import re
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import positions  # noqa: E402  (tests/positions.py, beside this file)

SEED_PDF = pathlib.Path(__file__).resolve().parent / "fixtures" / "pdf" / "seed.pdf"

# extractor: (outcome, what its text is like). Outcomes: "same" (exit 0,
# every table the seed's apart from positions, and `zaitaku diff` of the
# seed and the text finds no change), "flagged" (exit 0, every table the
# seed's but for windows the extractor damaged, each flagged in its
# contact_flag and listed as an ambiguity), "differs" (exit 0, some values
# not the seed's and not flagged), "exit 1", "exit 2".
EXPECTED = {
    "pdfminer": ("same", "a form feed after each page, blank lines between text boxes"),
    "pymupdf": ("same", "no blank line; a form feed after each page (its docs' page joining)"),
    "pypdf": ("same", "no blank line; a line break where the font changes (「⓪」 is set in Symbola): a marker alone on its line is read with the figures after it"),
    "pdfplumber": ("same", "no blank line; every U+3000 written as a space (window cells are read by words either way)"),
    "pdfium": ("same", "no blank line; CRLF inside a page; U+3000 written as a space on the window pages"),
    "pdftotext": ("flagged", "a form feed after each page; a line broken where U+3000 stands (titles, window cells: the cells of 16 windows reflowed), spaces between single characters dropped (「○ ○ ○」 → 「○○○」), a hyphen at a line end joined to the next line (「03-5742-」 + 「6729」 → 「03-57426729」)"),
    "pdftotext_layout": ("same", "-layout: a form feed after each page, cells padded with spaces"),
}

# Columns holding a position in the input, and positions written in texts.
POSITIONS = {"source_page", "source_line", "source_column", "source_lines", "printed_at", "suspects"}
POSITION_IN_TEXT = re.compile(r"page \d+, line \d+(, column \d+)?")


def extract(pdf, out):
    """Each extractor's text of `pdf`, written as its docs show, by name."""
    texts = {}
    from pdfminer.high_level import extract_text
    texts["pdfminer"] = extract_text(str(pdf))
    import pymupdf
    with pymupdf.open(str(pdf)) as doc:
        texts["pymupdf"] = "".join(page.get_text() + "\f" for page in doc)
    import pypdf
    texts["pypdf"] = "\n".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages)
    import pdfplumber
    with pdfplumber.open(str(pdf)) as doc:
        texts["pdfplumber"] = "\n".join(p.extract_text() for p in doc.pages)
    import pypdfium2
    doc = pypdfium2.PdfDocument(str(pdf))
    texts["pdfium"] = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    doc.close()
    paths = {}
    for name, text in texts.items():
        paths[name] = out / f"{name}.txt"
        paths[name].write_bytes(text.encode("utf-8"))
    for name, flags in (("pdftotext", []), ("pdftotext_layout", ["-layout"])):
        paths[name] = out / f"{name}.txt"
        subprocess.run(["pdftotext", "-enc", "UTF-8", *flags, str(pdf), str(paths[name])], check=True)
    return paths


def tables(directory):
    """Every CSV table of a build: name → (header, rows without positions)."""
    out = {}
    for path in sorted(directory.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        keep = [k for k, h in enumerate(rows[0]) if h not in POSITIONS]
        out[path.name] = [[POSITION_IN_TEXT.sub("page P, line L", r[k]) for k in keep] for r in rows]
    return out


def differences(seed, other):
    """(table, row, column) of every value that differs, and row-count changes."""
    found = []
    for name, want in seed.items():
        got = other.get(name, [])
        if len(got) != len(want):
            found.append(f"{name}: {len(got)} rows, the seed's {len(want)}")
            continue
        header = want[0]
        for k, (w, g) in enumerate(zip(want, got)):
            for column, a, b in zip(header, w, g):
                if a != b:
                    found.append(f"{name} row {k} {column}: «{b}», the seed's «{a}»")
    return found


def all_flagged(want, got):
    """Whether every difference is a window the build flagged: the other
    tables are the seed's (the validation tables list the flags), and every
    window row that differs carries a contact_flag."""
    derived = {"consultation_windows.csv", "ambiguities.csv", "validation_checks.csv"}
    others = {k: v for k, v in want.items() if k not in derived}
    if differences(others, {k: got.get(k, []) for k in others}):
        return False
    w, g = want["consultation_windows.csv"], got["consultation_windows.csv"]
    if len(w) != len(g):
        return False
    flag = g[0].index("contact_flag")
    return all(a == b or b[flag] for a, b in zip(w[1:], g[1:]))


def main():
    zaitaku, seed, out = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    paths = extract(SEED_PDF, out)

    def build(name, text):
        target = out / "build" / name
        run = subprocess.run([zaitaku, "build", "--out", str(target), str(text)],
                             capture_output=True, text=True)
        return run, target

    run, seed_dir = build("seed", seed)
    assert run.returncode == 0, run.stderr
    checked, problems = positions.check(seed, seed_dir)
    assert not problems, "seed: positions not printed at their place:\n" + "\n".join(problems[:20])
    want = tables(seed_dir)
    rows, failed = [], []
    for name, (expected, what) in EXPECTED.items():
        run, target = build(name, paths[name])
        if run.returncode == 0:
            got = tables(target)
            diff = differences(want, got)
            outcome = "same" if not diff else "flagged" if all_flagged(want, got) else "differs"
            detail = f"{len(diff)} values differ, first: {diff[0]}" if diff else ""
            # Every position points at a line of this extractor's own text
            # that prints its value.
            checked, problems = positions.check(paths[name], target)
            if problems:
                failed.append(f"{name}: {len(problems)} of {checked} positions not printed at their place, "
                              f"first: {problems[0]}")
        else:
            outcome = f"exit {run.returncode}"
            first = next((l for l in run.stderr.splitlines() if l.startswith("error")), "")
            detail = first[:160]
        if outcome == "same":
            # Two extractions of one edition: no change between them.
            diff = subprocess.run([zaitaku, "diff", str(seed), str(paths[name]), "--exit-code"],
                                  capture_output=True, text=True)
            if diff.returncode != 0 or not diff.stdout.rstrip().endswith("no changes"):
                outcome = "diff finds changes"
                detail = diff.stdout[:160]
        rows.append((name, outcome, what, detail))
        if outcome != expected:
            # The build's whole message (and the diff's), not only its first line.
            said = run.stderr + (diff.stdout + diff.stderr if outcome == "diff finds changes" else "")
            failed.append(f"{name}: expected «{expected}», got «{outcome}» {detail}\n{said[-3000:]}")
    print("| extractor | zaitaku build | its text | first difference or error |")
    print("|---|---|---|---|")
    for name, outcome, what, detail in rows:
        print(f"| {name} | {outcome} | {what} | {detail} |")
    if failed:
        print("extractors: outcomes changed (update EXPECTED and the README):\n  " + "\n  ".join(failed),
              file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
