"""make bench: every speed and memory figure of SPEC §5 in one run, each next
to its goal. Asserts nothing: the machine is shared and noisy, so the figures
are medians and the verdicts are what this run saw.

Usage: bench.py BIN PYTHON PHASES INPUT...
  BIN     the release binary
  PYTHON  a python with pandas and pyarrow (scripts/venv.sh), for the floor
  PHASES  the release build of the `phases` example (per-phase times)

Figures:
- `zaitaku build` on the seed: median wall and peak RSS of 30 runs, each
  followed by a run with `--xlsx`: what the workbook costs, as the median
  of the 30 pairs' differences (goal, issue 33: at most +10 ms);
- the Python floor, `python -c "import pandas, pyarrow.parquet"`, median of
  10 runs in the same run, and its ratio to the seed build;
- 100, 300 and 1,000 editions in one call (copies of the first input whose
  as-of phrases name other dates): wall, peak RSS, cost per edition, and the
  size of validation_report.md and .json, and of report.html with its
  render time at 1,000;
- the typeset seed as a PDF: `zaitaku extract` and `zaitaku build` of it;
- each phase of one edition (the `phases` example; `canonical` is the
  canonical-text stage, which `parse` includes), and the parse rate;
- large inputs: the seed repeated to 5 and 50 MB, one 1 MB and 10 MB line on
  page 2 and on a window page (time and memory should grow with the size),
  and an input over the 64 MiB limit (refused, exit 2);
- `zaitaku diff` of two seed-sized editions, against the seed's build;
- `make` with nothing changed.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time


def write_large(directory, seed_path):
    """Writes the large inputs as numbered files, with their names in
    names.txt. Run in a child process (`--write-large`): a child's peak RSS
    counts its parent's memory at fork, so the measuring process never
    holds these texts."""
    seed = open(seed_path, encoding="utf-8").read()
    lines = seed.split("\n")
    cases = []
    for mb in (5, 50):
        copies = mb * 1024 * 1024 // len(seed.encode())
        cases.append((f"seed repeated to {mb} MB", lambda c=copies: "\n\n\n".join([seed] * c)))
    for mb in (1, 10):
        for where, at in (("page 2", 120), ("a window page", 1000)):
            cases.append((f"one {mb} MB line on {where}", lambda mb=mb, at=at: "\n".join(
                lines[:at] + ["窓口 " * (mb * 1024 * 1024 // 7)] + lines[at:])))
    over = 64 * 1024 * 1024 // len(seed.encode()) + 2
    cases.append(("over the 64 MiB limit", lambda: "\n\n\n".join([seed] * over)))
    with open(os.path.join(directory, "names.txt"), "w", encoding="utf-8") as names:
        for k, (name, make) in enumerate(cases):
            with open(os.path.join(directory, f"large{k}.txt"), "w", encoding="utf-8") as f:
                f.write(make())
            names.write(name + "\n")


def write_editions(directory, seed_path, n):
    """Writes `n` editions: the seed with every as-of phrase naming another date."""
    text = open(seed_path, encoding="utf-8").read()
    as_of = re.compile(r"(平成|令和)[0-9０-９]+年度[0-9０-９]+月末時点")
    dates = [(era, y, m) for era, years in (("平成", range(1, 31)), ("令和", range(1, 80)))
             for y in years for m in range(1, 13)][:n]
    for k, (era, y, m) in enumerate(dates):
        with open(os.path.join(directory, f"edition{k:04d}.txt"), "w", encoding="utf-8") as f:
            f.write(as_of.sub(f"{era}{y}年度{m}月末時点", text))


if sys.argv[1:2] == ["--write-large"]:
    write_large(sys.argv[2], sys.argv[3])
    sys.exit(0)
if sys.argv[1:2] == ["--write-editions"]:
    write_editions(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    sys.exit(0)

bin_, python, phases, inputs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
verdicts = []  # (figure, measured, goal, met)


def run(args, **kw):
    """Wall seconds, peak RSS MiB and exit code of a child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def verdict(figure, measured, goal, met):
    verdicts.append((figure, measured, goal, met))
    print(f"  {figure}: {measured}  (goal {goal}: {'met' if met else 'MISSED'})")


# The seed, and the Python floor measured in the same run; the seed with
# --xlsx (what tables.xlsx costs) in the same loop, each run beside a run
# without it, so that what the machine does meanwhile weighs on both alike.
with tempfile.TemporaryDirectory() as tmp:
    out, out_xlsx = os.path.join(tmp, "output"), os.path.join(tmp, "output_xlsx")
    seed_runs, xlsx_runs = [], []
    for _ in range(30):
        seed_runs.append(run([bin_, "build", "--out", out, *inputs]))
        xlsx_runs.append(run([bin_, "build", "--xlsx", "--out", out_xlsx, *inputs]))
    page = os.path.getsize(os.path.join(out, "report.html")) if seed_runs[-1][2] == 0 else 0
    book = os.path.getsize(os.path.join(out_xlsx, "tables.xlsx")) if xlsx_runs[-1][2] == 0 else 0
if any(code != 0 for _, _, code in seed_runs + xlsx_runs):
    sys.exit("zaitaku build failed on the seed")
seed_wall = statistics.median(w for w, _, _ in seed_runs)
seed_rss = statistics.median(r for _, r, _ in seed_runs)
floor = statistics.median(run([python, "-c", "import pandas, pyarrow.parquet"])[0] for _ in range(10))
print(f"zaitaku build on the seed ({len(inputs)} input(s)), 30 runs:")
verdict("median wall", f"{seed_wall * 1000:.1f} ms (min {min(w for w, _, _ in seed_runs) * 1000:.1f})",
        "≤ 12 ms", seed_wall <= 0.012)
verdict("median peak RSS", f"{seed_rss:.1f} MiB", "≤ 25 MiB", seed_rss <= 25)
verdict("report.html of the seed", f"{page / 1024:.0f} KiB", "≤ 1 MB", page <= 1_000_000)
xlsx_wall = statistics.median(w for w, _, _ in xlsx_runs)
# Each run with --xlsx less the run without it just before.
extra = statistics.median(x[0] - s[0] for s, x in zip(seed_runs, xlsx_runs))
print(f"  with --xlsx (30 runs, each after one without): median wall {xlsx_wall * 1000:.1f} ms, "
      f"peak RSS {statistics.median(r for _, r, _ in xlsx_runs):.1f} MiB, tables.xlsx {book / 1024:.0f} KiB")
verdict("--xlsx over the seed's build", f"+{extra * 1000:.1f} ms (median of the 30 pairs; "
        f"medians' difference +{(xlsx_wall - seed_wall) * 1000:.1f} ms)", "≤ +10 ms", extra <= 0.010)
print(f"Python floor, `python -c \"import pandas, pyarrow.parquet\"`, 10 runs: median {floor * 1000:.0f} ms")
verdict("ratio floor / seed build", f"{floor / seed_wall:.1f}×", "≥ 40×", floor / seed_wall >= 40)

# `zaitaku diff` of two seed-sized editions (the seed, and the seed as a later
# edition with one mark raised and pages 1–2 to match), against the build.
mark_raised = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "diff", "mark_raised.txt")
diff_runs = [run([bin_, "diff", inputs[0], mark_raised]) for _ in range(30)]
if any(code != 0 for _, _, code in diff_runs):
    sys.exit("zaitaku diff failed")
diff_wall = statistics.median(w for w, _, _ in diff_runs)
print("zaitaku diff of two seed-sized editions, 30 runs:")
verdict("median wall", f"{diff_wall * 1000:.1f} ms ({diff_wall / seed_wall:.2f}× the seed's build), "
        f"peak RSS {statistics.median(r for _, r, _ in diff_runs):.1f} MiB",
        "≤ 2× the build of one", diff_wall <= 2 * seed_wall)

# The PDF itself: its read alone (`zaitaku extract`) and its build, against
# the build of the seed's text; the seed typeset a text line per line (read
# in its content stream's order) and as the ruled tables it is, two ways
# (read by position).
fixtures = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "pdf")
for pdf_name, what in [("seed.pdf", "the typeset seed, a text line per line (230 KB, 12 pages)"),
                       ("grid_rows.pdf", "the seed as ruled tables, row by row (11 pages, A4, IPAexGothic)"),
                       ("grid_columns.pdf", "the seed as ruled tables, column by column (11 pages, A3, IPAexMincho)")]:
    pdf = os.path.join(fixtures, pdf_name)
    extract_runs = [run([bin_, "extract", pdf]) for _ in range(30)]
    with tempfile.TemporaryDirectory() as tmp:
        pdf_runs = [run([bin_, "build", "--out", os.path.join(tmp, "output"), pdf]) for _ in range(30)]
    if any(code != 0 for _, _, code in extract_runs + pdf_runs):
        sys.exit(f"zaitaku failed on {pdf_name}")
    pdf_wall = statistics.median(w for w, _, _ in pdf_runs)
    pdf_rss = statistics.median(r for _, r, _ in pdf_runs)
    print(f"{pdf_name}: {what}, 30 runs each:")
    print(f"  zaitaku extract: median wall {statistics.median(w for w, _, _ in extract_runs) * 1000:.1f} ms, "
          f"peak RSS {statistics.median(r for _, r, _ in extract_runs):.1f} MiB")
    verdict(f"{pdf_name} build", f"median wall {pdf_wall * 1000:.1f} ms ({pdf_wall / seed_wall:.2f}× the text's build), "
            f"peak RSS {pdf_rss:.1f} MiB", "≤ 150 ms, ≤ 64 MiB", pdf_wall <= 0.150 and pdf_rss <= 64)

# 100, 300 and 1,000 editions in one call.
print("editions in one call (`zaitaku build`):")
per_edition = {}
with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([sys.executable, __file__, "--write-editions", tmp, inputs[0], "1000"], check=True)
    names = sorted(n for n in os.listdir(tmp) if n.startswith("edition"))
    for n in (100, 300, 1000):
        out = os.path.join(tmp, f"out{n}")
        wall, peak, code = run([bin_, "build", "--out", out, *(os.path.join(tmp, f) for f in names[:n])])
        per_edition[n] = wall / n
        md = os.path.getsize(os.path.join(out, "validation_report.md")) if code == 0 else 0
        js = os.path.getsize(os.path.join(out, "validation_report.json")) if code == 0 else 0
        print(f"  {n} editions: {wall:.2f} s, peak RSS {peak:.0f} MiB, {wall / n * 1000:.2f} ms per edition, "
              f"validation_report.md {md / 1024:.0f} KiB, .json {js / 1024:.0f} KiB, exit {code}")
        if n == 1000:
            verdict("1,000 editions, wall", f"{wall:.2f} s", "≤ 1.5 s", wall <= 1.5)
            verdict("1,000 editions, peak RSS", f"{peak:.0f} MiB", "≤ 400 MiB", peak <= 400)
            verdict("validation reports, 1,000 editions", f"md {md / 1024:.0f} KiB, json {js / 1024:.0f} KiB",
                    "each ≤ 1 MiB", max(md, js) <= 1024 * 1024)
            page = os.path.getsize(os.path.join(out, "report.html")) if code == 0 else 0
            verdict("report.html, 1,000 editions", f"{page / 1024:.0f} KiB", "≤ 2 MB", 0 < page <= 2_000_000)
            # Once more with the phases on: the page's render time.
            timed = subprocess.run([bin_, "build", "--out", out, *(os.path.join(tmp, f) for f in names[:n])],
                                   env={**os.environ, "ZAITAKU_PHASES": "1"}, capture_output=True, text=True)
            render = re.search(r"phase report page: ([0-9.]+) ms", timed.stderr)
            print(f"  report.html render time, 1,000 editions: {render.group(1) if render else '?'} ms "
                  f"(of the build's {wall * 1000:.0f} ms)")
        if n == 100:
            # The same with --xlsx: the workbook's cost at 100 editions.
            xwall, xpeak, xcode = run([bin_, "build", "--xlsx", "--out", out,
                                       *(os.path.join(tmp, f) for f in names[:n])])
            book = os.path.getsize(os.path.join(out, "tables.xlsx")) if xcode == 0 else 0
            print(f"  100 editions with --xlsx: {xwall:.2f} s (+{xwall - wall:.2f} s), peak RSS {xpeak:.0f} MiB, "
                  f"tables.xlsx {book / 1024 / 1024:.1f} MiB, exit {xcode}")
        subprocess.run(["rm", "-rf", out], check=True)
linear = per_edition[1000] / per_edition[100]
verdict("cost per edition, 1,000 vs 100", f"{linear:.2f}× ({per_edition[100] * 1000:.2f} → "
        f"{per_edition[1000] * 1000:.2f} ms)", "linear (≈ 1×, ≤ 1.2×)", linear <= 1.2)

# Each phase of one edition, on one thread.
print("phases of one edition (the `phases` example, one thread):")
phase_out = subprocess.run([phases, inputs[0]], capture_output=True, text=True).stderr
print("".join(f"  {line}\n" for line in phase_out.splitlines()), end="")
parse = re.search(r"parse: first +[0-9.]+ ms, then median +([0-9.]+) ms", phase_out)
if parse:
    rate = os.path.getsize(inputs[0]) / 1024 / 1024 / (float(parse.group(1)) / 1000)
    verdict("parse rate", f"{rate:.0f} MB/s ({parse.group(1)} ms for {os.path.getsize(inputs[0]) / 1024:.0f} KiB)",
            "≥ 60 MB/s (≤ 1 ms)", rate >= 60)

# Large inputs.
with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([sys.executable, __file__, "--write-large", tmp, inputs[0]], check=True)
    print("large inputs (zaitaku check):")
    names = open(os.path.join(tmp, "names.txt"), encoding="utf-8").read().splitlines()
    for k, name in enumerate(names):
        path = os.path.join(tmp, f"large{k}.txt")
        size = os.path.getsize(path) / 1024 / 1024
        wall, peak, code = run([bin_, "check", path])
        print(f"  {name}: {size:.1f} MiB, {wall:.2f} s, peak RSS {peak:.0f} MiB ({peak / size:.1f}× the input), exit {code}")

# make with nothing to do.
subprocess.run(["make", "--no-print-directory", "-s"], check=True,  # bring output/ up to date first
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
noop = []
for _ in range(5):
    start = time.perf_counter()
    subprocess.run(["make", "--no-print-directory", "-s"], check=True)
    noop.append(time.perf_counter() - start)
print("make with nothing changed, 5 runs:")
verdict("make with nothing changed, median", f"{statistics.median(noop) * 1000:.0f} ms", "≤ 300 ms",
        statistics.median(noop) <= 0.3)

print("\nsummary (this run; the machine is shared, so figures vary between runs):")
width = max(len(f) for f, _, _, _ in verdicts)
for figure, measured, goal, met in verdicts:
    print(f"  {'met   ' if met else 'MISSED'} {figure:<{width}}  {measured}  (goal {goal})")
