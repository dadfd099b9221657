"""make bench: median wall time and peak RSS of `zaitaku build` on the inputs
(release build), and the time of a `make` with nothing to do.

Usage: bench.py BIN INPUT... Prints figures; asserts nothing (the machine is shared).
SPEC §5 budgets: build ≤ 12 ms wall and ≤ 25 MiB peak RSS; 1,000 editions in
one call ≤ 1.5 s; no-op make ≤ 0.3 s. The 1,000 editions are copies of the first
input whose as-of lines (「平成29年度7月末時点」) name 1,000 other dates.
Large inputs (issue: resource bounds): the seed repeated to 5 MB and 50 MB,
and one line of 1 MB and 10 MB on page 2 and on a window page; time and peak
RSS should grow about as the size (ratio ≈ 10), and an input over the 64 MiB
limit is refused (exit 2).
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


if sys.argv[1:2] == ["--write-large"]:
    write_large(sys.argv[2], sys.argv[3])
    sys.exit(0)

bin_, inputs = sys.argv[1], sys.argv[2:]
runs = 30
walls, rss = [], []
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "output")
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen([bin_, "build", "--out", out, *inputs], stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - start)
        rss.append(usage.ru_maxrss / 1024)  # KiB → MiB
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"zaitaku build exited {os.waitstatus_to_exitcode(status)}")
print(f"zaitaku build on {len(inputs)} input(s), {runs} runs:")
print(f"  wall   median {statistics.median(walls) * 1000:.1f} ms  (min {min(walls) * 1000:.1f}, max {max(walls) * 1000:.1f})  budget 12 ms")
print(f"  maxrss median {statistics.median(rss):.1f} MiB  (max {max(rss):.1f})  budget 25 MiB")

with tempfile.TemporaryDirectory() as tmp:
    text = open(inputs[0], encoding="utf-8").read()
    as_of = re.compile(r"(平成|令和)[0-9０-９]+年度[0-9０-９]+月末時点")
    dates = [(era, y, m) for era, years in (("平成", range(1, 31)), ("令和", range(1, 80)))
             for y in years for m in range(1, 13)][:1000]
    paths = []
    for k, (era, y, m) in enumerate(dates):
        path = os.path.join(tmp, f"edition{k:04d}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(as_of.sub(f"{era}{y}年度{m}月末時点", text))
        paths.append(path)
    start = time.perf_counter()
    proc = subprocess.Popen([bin_, "build", "--out", os.path.join(tmp, "out"), *paths], stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    print(f"1,000 editions in one call: {wall:.2f} s, peak RSS {usage.ru_maxrss / 1024:.0f} MiB, exit {code}  budget 1.5 s")


def check_run(path):
    """Wall seconds, peak RSS MiB and exit code of `zaitaku check PATH`."""
    start = time.perf_counter()
    proc = subprocess.Popen([bin_, "check", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([sys.executable, __file__, "--write-large", tmp, inputs[0]], check=True)
    print("large inputs (zaitaku check):")
    names = open(os.path.join(tmp, "names.txt"), encoding="utf-8").read().splitlines()
    for k, name in enumerate(names):
        path = os.path.join(tmp, f"large{k}.txt")
        size = os.path.getsize(path) / 1024 / 1024
        wall, peak, code = check_run(path)
        print(f"  {name}: {size:.1f} MiB, {wall:.2f} s, peak RSS {peak:.0f} MiB ({peak / size:.1f}× the input), exit {code}")

subprocess.run(["make", "--no-print-directory", "-s"], check=True)  # bring output/ up to date first
noop = []
for _ in range(5):
    start = time.perf_counter()
    subprocess.run(["make", "--no-print-directory", "-s"], check=True)
    noop.append(time.perf_counter() - start)
print(f"make with nothing changed: median {statistics.median(noop) * 1000:.0f} ms  budget 300 ms")
