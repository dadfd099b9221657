"""Every Python and SQL snippet of README.md, output/README.md and docs/ is
run on a build of the seed, and its numbers are compared with values
computed by hand from the raw text (each with the lines it comes from).
A snippet this file has no expected result for fails: adding one to a
document means reading its result off the text here.

Usage: snippets.py ZAITAKU (in the venv with polars and DuckDB)."""
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "raw").glob("*.txt"))

# By hand from the seed (raw/000_1fb60f2a74870bbb.txt), page 4 (L508–L612):
# after オ①'s mark and オ②'s text each row prints カ①–④, キ①, キ② pamphlet,
# キ② website, ク①, ク②. Of the 23 wards (L508–L552), 台東区 (L518: △ △)
# and 足立区 (L548: △ △) answer neither pamphlets nor websites, and 渋谷区
# (L532: ◎ △) no website: pamphlets 21, websites 20. Of the 30 Tama rows
# (L554–L612), pamphlets are △ for 青梅市, 昭島市, 国分寺市, 福生市,
# 武蔵村山市, 稲城市, あきる野市, 瑞穂町, 檜原村, 奥多摩町 (20 of 30) and
# websites for 青梅市, 昭島市, 小金井市, 小平市, 国分寺市, 福生市, 東久留米市,
# 武蔵村山市, 瑞穂町, 檜原村, 奥多摩町 (19 of 30); no キ② cell is 「-」.
# Page 1 prints the sums: パンフレット等 41 (L38), ホームページ等 39 (L40).
KI2 = {("ku_area", "pamphlet"): (21, 23), ("ku_area", "website"): (20, 23),
       ("tama", "pamphlet"): (20, 30), ("tama", "website"): (19, 30)}
PAGE1_KI2 = {"pamphlet": 41, "website": 39}
NO_PAMPHLET = ["台東区", "足立区", "青梅市", "昭島市", "国分寺市", "福生市", "武蔵村山市",
               "稲城市", "あきる野市", "瑞穂町", "檜原村", "奥多摩町"]
# キ① (the fifth mark): △ for 品川区 (L524) of the wards, 22 of 23; △ for
# 八王子市, 青梅市, 福生市, 狛江市, 武蔵村山市, 瑞穂町, 日の出町, 檜原村,
# 奥多摩町 of Tama, 21 of 30: 43, as page 1 prints (L36: 43 81.1%).
KI1 = {"ku_area": 22, "tama": 21}


def ki2_of(frame, value):
    """{(area, sub_question): (value, applicable)} of the キ② rows."""
    rows = frame.filter((pl.col("item") == "キ") & (pl.col("question") == 2))
    return {(str(r["area"]), str(r["sub_question"])): r for r in rows.iter_rows(named=True)}


def readme_shares(ns, problems):
    got = ki2_of(ns["shares"], None)
    for key, (yes, n) in KI2.items():
        r = got.get(key)
        if r is None or r["answering"] != n or abs(r["share"] - yes / n) > 1e-9:
            problems.append(f"README polars: キ② {key}: expected {yes}/{n}, got {r}")
    sums = ns["shares"].filter(pl.col("item") == "キ").with_columns(yes=(pl.col("share") * pl.col("answering")).round())
    for sub, total in PAGE1_KI2.items():
        s = sums.filter(pl.col("sub_question") == sub)["yes"].sum()
        if s != total:
            problems.append(f"README polars: キ② {sub} over the areas: {s}, page 1 prints {total}")


def readme_sql(frame, problems):
    names = frame["municipality_name"].to_list()
    if names != NO_PAMPHLET:
        problems.append(f"README DuckDB: expected {NO_PAMPHLET}, got {names}")


def output_readme_polars(ns, problems):
    got = ki2_of(ns["by_area"], None)
    for key, (yes, n) in KI2.items():
        r = got.get(key)
        if r is None or (r["yes"], r["applicable"]) != (yes, n):
            problems.append(f"output/README polars: キ② {key}: expected {yes} of {n}, got {r}")
    ki1 = ns["by_area"].filter((pl.col("item") == "キ") & (pl.col("question") == 1))
    if dict(zip(ki1["area"].cast(pl.String), ki1["yes"])) != KI1:
        problems.append(f"output/README polars: キ①: expected {KI1}, got {ki1}")


def output_readme_sql(frame, problems):
    got = ki2_of(frame, None)
    for key, (yes, _) in KI2.items():
        r = got.get(key)
        if r is None or r["yes"] != yes:
            problems.append(f"output/README DuckDB: キ② {key}: expected {yes}, got {r}")
    ki1 = frame.filter(pl.col("question") == 1)
    if dict(zip(ki1["area"].cast(pl.String), ki1["yes"])) != KI1:
        problems.append(f"output/README DuckDB: キ①: expected {KI1}, got {ki1}")


# (document, index of the snippet in it) → its check.
EXPECTED = {
    ("README.md", 0): readme_shares,
    ("README.md", 1): readme_sql,
    ("output/README.md", 0): output_readme_polars,
    ("output/README.md", 1): output_readme_sql,
}


def snippets(path):
    text = path.read_text(encoding="utf-8")
    return re.findall(r"^```(python|sql)\n(.*?)^```", text, flags=re.S | re.M)


def main():
    bin_ = sys.argv[1]
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "output"
        subprocess.run([bin_, "-q", "build", "--out", str(out), str(SEED)], check=True)
        documents = [ROOT / "README.md", out / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
        # The committed output/README.md is what the build writes (tested elsewhere);
        # its snippets run in the output directory, the README's one level up.
        seen = set()
        for doc in documents:
            name = "output/README.md" if doc == out / "README.md" else str(doc.relative_to(ROOT))
            cwd = out if name == "output/README.md" else Path(tmp)
            for k, (lang, code) in enumerate(snippets(doc)):
                check = EXPECTED.get((name, k))
                seen.add((name, k))
                if check is None:
                    problems.append(f"{name}: snippet {k + 1} ({lang}) has no expected result in tests/snippets.py")
                    continue
                os.chdir(cwd)
                try:
                    if lang == "python":
                        ns = {}
                        exec(compile(code, f"{name} snippet {k + 1}", "exec"), ns)
                        check(ns, problems)
                    else:
                        check(duckdb.sql(code).pl(), problems)
                except Exception as e:  # a snippet that does not run is a failure, said
                    problems.append(f"{name}: snippet {k + 1} ({lang}) failed: {type(e).__name__}: {e}")
                finally:
                    os.chdir(ROOT)
        for missing in sorted(set(EXPECTED) - seen):
            problems.append(f"{missing[0]}: snippet {missing[1] + 1} is expected but not there")
    for p in problems:
        print(f"snippets.py: {p}", file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"snippets.py: {len(seen)} snippets of the documents give the numbers read off the text")


main()
