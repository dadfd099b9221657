"""make bench: median wall time and peak RSS of `zaitaku build` on the inputs
(release build), and the time of a `make` with nothing to do.

Usage: bench.py BIN INPUT... Prints figures; asserts nothing (the machine is shared).
SPEC §5 budgets: build ≤ 20 ms wall and ≤ 40 MB peak RSS; no-op make ≤ 0.5 s.
"""
import os
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
print(f"  wall   median {statistics.median(walls) * 1000:.1f} ms  (min {min(walls) * 1000:.1f}, max {max(walls) * 1000:.1f})  budget 20 ms")
print(f"  maxrss median {statistics.median(rss):.1f} MiB  (max {max(rss):.1f})  budget 40 MB")

subprocess.run(["make", "--no-print-directory", "-s"], check=True)  # bring output/ up to date first
noop = []
for _ in range(5):
    start = time.perf_counter()
    subprocess.run(["make", "--no-print-directory", "-s"], check=True)
    noop.append(time.perf_counter() - start)
print(f"make with nothing changed: median {statistics.median(noop) * 1000:.0f} ms  budget 500 ms")
