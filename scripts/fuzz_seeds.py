"""Writes the fuzzer's seed corpus: every input of raw/, and the inputs the
tests found crashes, hangs or silent wrong values with (each a copy of the
first input with one edit, as the test that keeps it fixed makes it).

Usage: fuzz_seeds.py CORPUS_DIR INPUT..."""
import os
import sys

corpus, inputs = sys.argv[1], sys.argv[2:]
os.makedirs(corpus, exist_ok=True)
for path in inputs:
    with open(path, "rb") as f, open(os.path.join(corpus, os.path.basename(path)), "wb") as out:
        out.write(f.read())
lines = open(inputs[0], encoding="utf-8").read().split("\n")


def edited(name, edit):
    copy = list(lines)
    edit(copy)
    with open(os.path.join(corpus, name + ".txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(copy))


def replace(line, old, new):
    def edit(copy):
        copy[line - 1] = copy[line - 1].replace(old, new, 1)
    return edit


# crates/zaitaku/tests/windows.rs: a reversed slice once panicked here.
edited("hours_before_phone", replace(925, "03-5312-9925", "午前9時～午後5時 03-5312-9925"))
# crates/zaitaku/tests/windows.rs: `0 - 1` once panicked in debug builds.
edited("number_zero", replace(1607, "22 3", "0 3"))
# crates/zaitaku/tests/errors.rs: a 30-digit figure once wrapped.
edited("thirty_digits", replace(28, "48 90.6%", "9" * 30 + " 90.6%"))
# crates/zaitaku/tests/windows.rs: marks without cells were a phantom window.
edited("marks_without_cells", lambda c: c.__delitem__(slice(1042, 1046)))
# crates/zaitaku/tests/limits.rs: a long answer row took minutes (short here).
edited("long_answer_row", lambda c: c.insert(300, "99 " + "◎ ・" * 20000))
