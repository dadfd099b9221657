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
    seed = open(inputs[0], encoding="utf-8").read()
    lines = seed.split("\n")
    cases = {}
    for mb in (5, 50):
        copies = mb * 1024 * 1024 // len(seed.encode())
        cases[f"seed repeated to {mb} MB"] = "\n\n\n".join([seed] * copies)
    for mb in (1, 10):
        long_line = "窓口 " * (mb * 1024 * 1024 // 7)
        for where, at in (("page 2", 120), ("a window page", 1000)):
            cases[f"one {mb} MB line on {where}"] = "\n".join(lines[:at] + [long_line] + lines[at:])
    cases["over the 64 MiB limit"] = "\n\n\n".join([seed] * (64 * 1024 * 1024 // len(seed.encode()) + 2))
    print("large inputs (zaitaku check):")
    for name, text in cases.items():
        path = os.path.join(tmp, "large.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        wall, peak, code = check_run(path)
        size = len(text.encode()) / 1024 / 1024
        print(f"  {name}: {size:.1f} MiB, {wall:.2f} s, peak RSS {peak:.0f} MiB ({peak / size:.1f}× the input), exit {code}")

subprocess.run(["make", "--no-print-directory", "-s"], check=True)  # bring output/ up to date first
noop = []
for _ in range(5):
    start = time.perf_counter()
    subprocess.run(["make", "--no-print-directory", "-s"], check=True)
    noop.append(time.perf_counter() - start)
print(f"make with nothing changed: median {statistics.median(noop) * 1000:.0f} ms  budget 500 ms")
