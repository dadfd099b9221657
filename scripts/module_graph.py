"""Prints each crate's module graph (who uses whom, by `crate::module`
paths) and any import circle in it. A quick stand-in for cargo-modules that
needs only Python: `python3 scripts/module_graph.py` (exit 1 on a circle).

A module is a file under src/ (src/a/b.rs and src/a/b/mod.rs are `a::b`);
a use of `crate::a::b::c` counts as a use of the deepest module that exists.
The crate root (lib.rs, main.rs) is left out: it declares every module."""
import pathlib
import re
import sys

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent) / "crates"
found_circle = False
for crate in sorted(p for p in ROOT.iterdir() if (p / "src").is_dir()):
    src = crate / "src"
    modules = {}
    for f in src.rglob("*.rs"):
        parts = list(f.relative_to(src).with_suffix("").parts)
        if parts[-1] == "mod":
            parts = parts[:-1]
        if parts in (["lib"], ["main"]) or not parts:
            continue
        modules["::".join(parts)] = f
    edges = {m: set() for m in modules}
    for m, f in modules.items():
        # Code only: a doc link to another module is no import.
        text = "\n".join(l for l in f.read_text(encoding="utf-8").splitlines()
                         if not l.lstrip().startswith("//"))
        # `use crate::{a, b::c}` and `crate::a::b` paths alike.
        paths = re.findall(r"crate::((?:[a-z_0-9]+::)*[a-z_0-9]+)", text)
        for group in re.findall(r"crate::\{([^}]*)\}", text):
            paths += [p.strip().split("::{")[0] for p in group.split(",")]
        for p in paths:
            segs = p.split("::")
            target = next(("::".join(segs[:k]) for k in range(len(segs), 0, -1)
                           if "::".join(segs[:k]) in modules), None)
            # A child's use of its parent module (super) is not a circle.
            if target and target != m and not m.startswith(target + "::") and not target.startswith(m + "::"):
                edges[m].add(target)
    print(f"{crate.name}:")
    for m in sorted(edges):
        print(f"  {m} -> {', '.join(sorted(edges[m])) or '(nothing)'}")
    # Circles: a depth-first search for a back edge.
    state, stack = {}, []

    def visit(m):
        global found_circle
        state[m] = 1
        stack.append(m)
        for n in sorted(edges[m]):
            if state.get(n) == 1:
                print(f"  CIRCLE: {' -> '.join(stack[stack.index(n):] + [n])}")
                found_circle = True
            elif n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(edges):
        if m not in state:
            visit(m)
sys.exit(1 if found_circle else 0)
