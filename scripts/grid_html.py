"""The grid model (tests/fixtures/pdf/grid/model.json) as an HTML page of
ruled tables, one report page per printed page, for a browser to typeset:
a typesetting made by another program than scripts/make_pdfs.py (Chromium's
layout and line breaking, Skia's PDF: borders as filled rectangles, CID
fonts with a ToUnicode map), read by tests/grid.py.

Usage: grid_html.py VARIANT > page.html   (VARIANT: one of VARIANTS)
"""
import html
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Each variant: the font, the type size and the table's CSS. They differ in
# what a typesetting varies: font, size, weight, border width and style (a
# double border draws two lines per edge), padding, alignment, collapsed or
# separate borders.
VARIANTS = {
    "browser_gothic": ("IPAexGothic", "7pt", "td { border: 0.75px solid black; padding: 1px 2px; vertical-align: middle; }"),
    "browser_mincho": ("IPAexMincho", "9pt", "td { border: 1.5px solid #333; padding: 3px 4px; vertical-align: top; }"),
    "browser_small": ("IPAexGothic", "6pt", "td { border: 0.5px solid black; padding: 0; vertical-align: bottom; text-align: center; }"),
    "browser_double": ("IPAexGothic", "7pt", "td { border: 3px double black; }"),
    "browser_separate": ("IPAexMincho", "7pt", "table { border-collapse: separate; border-spacing: 0; } td { border: 1px solid black; }"),
    # Thick borders (4 px, 3 pt, drawn as filled bars) and shaded cells
    # (every other row and the first column filled grey: a shading, no rule).
    "browser_shaded": ("IPAexMincho", "8pt", "td { border: 4px solid black; padding: 2px; } "
                       "tr:nth-child(even) td, td:first-child { background: #ddd; }"),
    # The head rows' text spread over each cell (distributed alignment,
    # 均等割り付け, as Japanese tables set their heads: 「医 師 会 名」).
    "browser_spread": ("IPAexGothic", "7pt", "td { border: 0.75px solid black; padding: 1px 2px; } "
                       "tr:first-child td, tr:nth-child(2) td { text-align: justify; text-align-last: justify; }"),
    # Heads, the first column and the text outside the tables in bold: the
    # IPAex fonts have no bold face, so Chromium draws synthetic bold glyphs
    # as Type 3 fonts.
    "browser_bold": ("IPAexGothic", "7pt", "td { border: 0.75px solid black; padding: 1px 2px; } "
                     "td:first-child, tr:first-child td, p { font-weight: bold; }"),
}


def page_html(variant):
    font, size, css = VARIANTS[variant]
    model = json.loads((ROOT / "tests" / "fixtures" / "pdf" / "grid" / "model.json").read_text(encoding="utf-8"))
    out = ['<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>',
           # A page tall enough for each report page's table.
           "@page { size: 420mm 594mm; margin: 10mm; }",
           f'body {{ font-family: "{font}"; font-size: {size}; }}',
           "table { border-collapse: collapse; width: 100%; }",
           ".page { page-break-after: always; } p { margin: 1px 0; }",
           css, "</style></head><body>"]
    for page in model["pages"]:
        out.append('<div class="page">')
        out += [f"<p>{html.escape(t)}</p>" for t in page["title"]]
        table = page["table"]
        if table:
            total = sum(table["columns"])
            out.append("<table><colgroup>" + "".join(
                f'<col style="width:{100 * w / total:.2f}%">' for w in table["columns"]) + "</colgroup>")
            for row in table["rows"]:
                out.append("<tr>" + "".join(
                    f'<td rowspan="{c["rowspan"]}" colspan="{c["colspan"]}">'
                    + html.escape(c["text"]).replace("\n", "<br>") + "</td>" for c in row) + "</tr>")
            out.append("</table>")
        out += [f"<p>{html.escape(t)}</p>" for t in page["notes"]]
        out.append("</div>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(page_html(sys.argv[1]))
