"""Lists every function outside tests longer than a limit (100 lines by
default), crate by crate: `python3 scripts/long_functions.py [LIMIT]`.
Exit 1 when there is one. A function is from its `fn` line to the closing
brace at its indentation (rustfmt's layout); a file's `#[cfg(test)]`
module and the crates' tests/ and examples/ are left out."""
import pathlib
import re
import sys

LIMIT = int(sys.argv[1]) if len(sys.argv) > 1 else 100
ROOT = pathlib.Path(__file__).resolve().parent.parent / "crates"
FN = re.compile(r"^(\s*)(pub(\([a-z]+\))? )?(const )?(async )?(unsafe )?fn (\w+)")
found = []
for path in sorted(ROOT.glob("*/src/**/*.rs")):
    lines = path.read_text().split("\n")
    end = next((k for k, l in enumerate(lines) if l.strip() == "#[cfg(test)]"), len(lines))
    for k, line in enumerate(lines[:end]):
        m = FN.match(line)
        if not m or line.rstrip().endswith(";"):
            continue
        indent = m.group(1)
        close = next((j for j in range(k + 1, end) if lines[j] == indent + "}"), None)
        if close is not None and close - k + 1 > LIMIT:
            found.append((close - k + 1, f"{path.relative_to(ROOT.parent)}:{k + 1} {m.group(7)}"))
for n, where in sorted(found, reverse=True):
    print(f"{n:4} lines  {where}")
sys.exit(1 if found else 0)
