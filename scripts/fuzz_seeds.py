"""Writes the fuzzer's seed corpus: every input of raw/, every fixture under
tests/fixtures/ (the edited copies of the seed the tests keep fixed, among
them the ones that once crashed, hung or gave silent wrong values; see
tests/fixtures/README.md), the PDF fixtures, and one long answer row.

Usage: fuzz_seeds.py CORPUS_DIR INPUT..."""
import os
import pathlib
import sys

corpus, inputs = sys.argv[1], sys.argv[2:]
os.makedirs(corpus, exist_ok=True)
fixtures = sorted((pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures").glob("*/*.txt"))
# The PDF fixtures (tests/fixtures/pdf/: the typeset seed, its variants, the
# damaged ones): the target reads them through zaitaku_pdf.
fixtures += sorted((pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pdf").glob("*.pdf"))
for path in [pathlib.Path(p) for p in inputs] + fixtures:
    name = path.name if path.parent.parent.name != "fixtures" else f"{path.parent.name}_{path.name}"
    (pathlib.Path(corpus) / name).write_bytes(path.read_bytes())

# crates/zaitaku/tests/limits.rs: a long answer row took minutes (short here).
lines = open(inputs[0], encoding="utf-8").read().split("\n")
lines.insert(300, "99 " + "◎ ・" * 20000)
(pathlib.Path(corpus) / "long_answer_row.txt").write_text("\n".join(lines), encoding="utf-8")
