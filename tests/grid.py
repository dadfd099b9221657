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

Each text and each PDF is built by zaitaku; EXPECTED states the outcome of
each today, and the run fails when one changes (better or worse), so the
table below, and docs/input.md's copy of it, stay true. (A build that
succeeds is «built»; comparing its tables with the seed's and with
tests/fixtures/pdf/grid/truth.csv comes with the page parsers that read
the grid.)
"""
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import extractors  # noqa: E402  (tests/extractors.py: each reader as its docs show)

ROOT = pathlib.Path(__file__).resolve().parent.parent
VARIANTS = ["grid_rows", "grid_columns"]
READERS = ["pdfminer", "pymupdf", "pypdf", "pdfplumber", "pdfium", "pdftotext", "pdftotext_layout"]

# (variant, reader or "zaitaku"): the outcome today. «exit 2» is a text
# zaitaku cannot read in this reading order yet (issue 31); each line moves
# to «same» as the page parsers learn the grid.
EXPECTED = {(v, r): "exit 2" for v in VARIANTS for r in READERS + ["zaitaku"]}


def committed(variant, reader):
    """The committed texts of `reader` for `variant`: the first, then every other variant."""
    base = ROOT / "tests" / "fixtures" / "grid" / variant
    first = base / f"{reader}.txt"
    more = sorted(base.glob(f"{reader}.[0-9]*.txt"), key=lambda p: int(p.name.split(".")[1]))
    return [p for p in [first] + more if p.exists()]


def main():
    zaitaku, out = sys.argv[1], pathlib.Path(sys.argv[2])
    write = "--write" in sys.argv[3:]
    failed, rows = [], []
    for variant in VARIANTS:
        pdf = ROOT / "tests" / "fixtures" / "pdf" / f"{variant}.pdf"
        fresh_dir = out / variant
        fresh_dir.mkdir(parents=True, exist_ok=True)
        fresh = extractors.extract(pdf, fresh_dir)
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
            run = subprocess.run([zaitaku, "build", "--out", str(target), str(path)], capture_output=True, text=True)
            outcome = f"exit {run.returncode}" if run.returncode != 0 else "built"
            errors = [l for l in run.stderr.splitlines() if l.startswith("error")]
            detail = f"{len(errors)} errors, first: {errors[0][:140]}" if errors else ""
            rows.append((variant, name, outcome, detail))
            expected = EXPECTED.get((variant, name.split(" ")[0]))
            if outcome != expected:
                failed.append(f"{variant} {name}: expected «{expected}», got «{outcome}» {detail}\n"
                              f"{run.stderr[-3000:]}")
    print("| typesetting | reader | zaitaku build | first error |")
    print("|---|---|---|---|")
    for variant, name, outcome, detail in rows:
        print(f"| {variant} | {name} | {outcome} | {detail} |")
    if failed:
        print("grid: outcomes changed (update EXPECTED and docs/input.md):\n  " + "\n  ".join(failed), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
