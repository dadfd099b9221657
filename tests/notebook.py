"""Runs examples/analysis.ipynb on an output directory (nbclient, a fresh
kernel from the project's venv), so the worked notebook cannot rot: a cell
that raises, or an assert in it that fails, fails `make test`. Then its
answers are compared, in the same kernel, with values read by hand off the
text (CHECKS; the notebook itself stays free of one edition's numbers).

Usage: notebook.py OUTPUT_DIR   (the build of scripts/interop.sh: the seed and
tests/fixtures/diff/window_opened.txt, the newest)
"""
import os
import sys
from pathlib import Path

import nbclient
import nbformat

root = Path(__file__).resolve().parent.parent
os.environ["ZAITAKU_OUTPUT"] = str(Path(sys.argv[1]).resolve())
notebook = nbformat.read(root / "examples" / "analysis.ipynb", as_version=4)
# By hand from the seed (raw/000_1fb60f2a74870bbb.txt) and the one edit of
# window_opened.txt (scripts/make_fixtures.py: 港区's planned opening, L919,
# becomes an open window, and its オ① ○ → ◎ on page 4, L512):
# 1. implemented in the newest edition but not before: 港区's オ① alone; page 1
#    prints キ's 「いずれかを実施」 47 this year and 41 last (L34).
# 2. キ per area (page 4, L508–L612: キ①, キ② pamphlet and website all △ for
#    青梅市, 福生市, 武蔵村山市, 瑞穂町, 檜原村, 奥多摩町, and for no ward): the
#    23 wards 100.0%, Tama 24 of 30 = 80.0%.
# 3. without a window in the seed: 22 — the rows of their own of 港区 (L919),
#    足立区 (L1429), 立川市 (L1642), 三鷹市 (L1654), 青梅市 (L1655), 昭島市
#    (L1723), 東村山市 (L1763), 国分寺市 (L1765), 福生市 (L1773), 狛江市
#    (L1774), 清瀬市 (L1802), 羽村市 (L1873), 瑞穂町, 日の出町, 檜原村,
#    奥多摩町 (L1891–L1894) and the islands 利島村, 新島村, 神津島村 (L1901,
#    L1903–L1904), 御蔵島村, 八丈町, 青ヶ島村 (L1913–L1915); 港区 opens one
#    in the newest: 21.
CHECKS = """
import polars as pl
assert newly.select("municipality_name", "item", "question").rows() == [("港区", "オ", 1)], newly
ki = by_item.filter(pl.col("item") == "キ").row(0, named=True)
assert (ki["count_current"], ki["count_previous"]) == (47, 41), ki
ki_share = share.filter(pl.col("item") == "キ")
assert dict(zip(ki_share["area"].cast(pl.String), ki_share["pct"])) == {"ku_area": 100.0, "tama": 80.0}, ki_share
assert none.height == 21, none
assert "港区" not in none["municipality_name"].to_list()
"""
notebook.cells.append(nbformat.v4.new_code_cell(CHECKS))
client = nbclient.NotebookClient(
    notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(root / "examples")}}
)
try:
    client.execute()
except nbclient.exceptions.CellExecutionError as e:
    print(f"notebook: examples/analysis.ipynb failed:\n{e}")
    sys.exit(1)
cells = sum(1 for c in notebook.cells if c.cell_type == "code") - 1
print(f"notebook: examples/analysis.ipynb ran, {cells} code cells; its answers are the text's")
