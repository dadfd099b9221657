"""Runs examples/analysis.ipynb on an output directory (nbclient, a fresh
kernel from the project's venv), so the worked notebook cannot rot: a cell
that raises, or an assert in it that fails, fails `make test`.

Usage: notebook.py OUTPUT_DIR
"""
import os
import sys
from pathlib import Path

import nbclient
import nbformat

root = Path(__file__).resolve().parent.parent
os.environ["ZAITAKU_OUTPUT"] = str(Path(sys.argv[1]).resolve())
notebook = nbformat.read(root / "examples" / "analysis.ipynb", as_version=4)
client = nbclient.NotebookClient(
    notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(root / "examples")}}
)
try:
    client.execute()
except nbclient.exceptions.CellExecutionError as e:
    print(f"notebook: examples/analysis.ipynb failed:\n{e}")
    sys.exit(1)
cells = sum(1 for c in notebook.cells if c.cell_type == "code")
print(f"notebook: examples/analysis.ipynb ran, {cells} code cells")
