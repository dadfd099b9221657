"""Writes the PDF fixtures under tests/fixtures/pdf/ from the seed, with
reportlab (invariant mode: the same bytes on every run), in the venv that
scripts/extractors.sh makes:

- seed.pdf: one PDF page per page of the seed, one text line per line,
  IPAexGothic, Symbola where it has no glyph (「⓪」);
- seed_one_block.pdf: each page's lines drawn as one text object;
- seed_mincho.pdf: IPAexMincho instead of IPAexGothic;
- seed_rotated.pdf: every page rotated 90° (/Rotate);
- upward.pdf: every page's lines drawn bottom to top, each in its place
  (pdf-extract keeps the drawing order: the pages cannot be found);
- truncated.pdf: the first half of seed.pdf's bytes;
- encrypted.pdf: seed.pdf encrypted with a user password;
- no_text.pdf: pages with lines and boxes drawn, no text (what a scan is to
  a text extractor);
- damaged.pdf: seed.pdf with its cross-reference table overwritten;
- other_document.pdf: a PDF of another document (a page of another
  bureau's notice, with figures): not the report.

crates/zaitaku/tests/pdf.rs says what each must give. With --check, writes
nothing and exits 1 naming every fixture that is not what this makes.

Usage: make_pdfs.py [--check]"""
import io
import pathlib
import sys

from reportlab.lib import pdfencrypt
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED = (ROOT / "raw" / "000_1fb60f2a74870bbb.txt").read_text(encoding="utf-8")
FONTS = {
    "IPAexG": "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "IPAexM": "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
    "Symbola": "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",
}
SIZE, LEAD, WIDTH = 6, 8, 1200


def runs(line, face, main):
    """The line in runs of one font: `main` where it has a glyph, else Symbola."""
    out, run, font = [], "", None
    for ch in line:
        f = main if ord(ch) in face.charToGlyph else "Symbola"
        if f != font and run:
            out.append((font, run))
            run = ""
        font = f
        run += ch
    if run:
        out.append((font, run))
    return out


def typeset(main="IPAexG", one_block=False, rotate=0, encrypt=None, text=True, upward=False):
    """The seed as a PDF (see the module docs), its bytes."""
    for name, path in FONTS.items():
        pdfmetrics.registerFont(TTFont(name, path))
    face = pdfmetrics.getFont(main).face
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1, encrypt=encrypt)
    for page in SEED.split("\n\n\n"):
        lines = page.split("\n")
        height = LEAD * (len(lines) + 4)
        c.setPageSize((WIDTH, height))
        if rotate:
            c.setPageRotation(rotate)
        y = height - 2 * LEAD
        block = c.beginText(20, y) if one_block else None
        # Drawn bottom to top (each line in its place): text extractors that
        # keep the drawing order read the page upside down.
        order = list(enumerate(lines))
        if upward:
            order.reverse()
        for k, line in order:
            y = height - 2 * LEAD - k * LEAD
            if not text:
                if line:
                    c.rect(20, y, 6 * len(line), 4)
            elif one_block:
                for font, run in runs(line, face, main):
                    block.setFont(font, SIZE)
                    block.textOut(run)
                block.setTextOrigin(20, y - LEAD)
            else:
                x = 20
                for font, run in runs(line, face, main):
                    c.setFont(font, SIZE)
                    c.drawString(x, y, run)
                    x += pdfmetrics.stringWidth(run, font, SIZE)
        if block is not None:
            c.drawText(block)
        c.showPage()
    c.save()
    return buf.getvalue()


# The grid typesettings (tests/fixtures/pdf/grid/model.json, made by
# scripts/grid_model.py): the report as ruled tables, each cell's text
# wrapped inside its cell. They differ in what a reader must not depend on:
# drawing order (row by row, each cell's rules with its text, as
# rectangles; or column by column, every rule drawn after all the text, as
# line segments), font, type size, page size and column widths.
GRID_VARIANTS = {
    "grid_rows.pdf": {"font": "IPAexG", "size": 6.5, "page": (842, 595), "order": "rows",
                      "widths": lambda k, n: 1.0},
    # Column by column, every rule after the text, as separate line
    # segments rather than rectangles.
    "grid_columns.pdf": {"font": "IPAexM", "size": 8, "page": (1191, 842), "order": "columns",
                         # Narrower first columns, wider last ones.
                         "widths": lambda k, n: 0.7 + 0.6 * k / max(1, n - 1)},
    # Rows bottom to top, each cell's rules as thin filled rectangles drawn
    # before its text (as spreadsheet exports draw borders); read only by
    # zaitaku's own tests (crates/pdf/tests/layout.rs), not the extractors.
    "grid_filled.pdf": {"font": "IPAexG", "size": 7.5, "page": (1000, 700), "order": "filled",
                        "widths": lambda k, n: 1.3 - 0.5 * k / max(1, n - 1)},
}
PAD = 2


def wrap(text, font, size, width, face):
    """`text` in lines that fit `width` (a break between any two characters,
    as Japanese tables break), keeping its own line breaks."""
    out = []
    for part in text.split("\n"):
        line = ""
        for ch in part:
            f = font if ord(ch) in face.charToGlyph else "Symbola"
            if line and pdfmetrics.stringWidth(line + ch, f, size) > width:
                out.append(line)
                line = ""
            line += ch
        out.append(line)
    return out


def grid(variant):
    """The grid model typeset one way (see GRID_VARIANTS), its bytes."""
    import json
    v = GRID_VARIANTS[variant]
    for name, path in FONTS.items():
        pdfmetrics.registerFont(TTFont(name, path))
    font, size = v["font"], v["size"]
    face = pdfmetrics.getFont(font).face
    lead = size * 1.25
    model = json.loads((ROOT / "tests" / "fixtures" / "pdf" / "grid" / "model.json").read_text(encoding="utf-8"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    for page in model["pages"]:
        width = v["page"][0]
        left = 24
        usable = width - 2 * left
        table = page["table"]
        draws, rules, rule_rows = [], [], []  # (column, row, x, y, text), rectangles (and their row)
        # Titles and notes wrapped to the page's width, as the table's cells are.
        titles = [l for t in page["title"] for l in wrap(t, font, size + 1, usable, face)]
        notes = [l for t in page["notes"] for l in wrap(t, font, size, usable, face)]
        title_h = lead * 1.2 * len(titles)
        notes_h = lead * len(notes)
        if table:
            n = len(table["columns"])
            ws = [w * v["widths"](k, n) for k, w in enumerate(table["columns"])]
            xs = [left]
            for w in ws:
                xs.append(xs[-1] + w * usable / sum(ws))
            # Row heights: each cell's wrapped text, spans shared out.
            heights = [lead + 2 * PAD] * len(table["rows"])
            cells = []
            for r, row in enumerate(table["rows"]):
                for cl in row:
                    k, span = cl["col"], cl["colspan"]
                    lines = wrap(cl["text"], font, size, xs[k + span] - xs[k] - 2 * PAD, face) if cl["text"] else []
                    cells.append((r, cl, lines))
                    need = len(lines) * lead + 2 * PAD
                    if cl["rowspan"] == 1:
                        heights[r] = max(heights[r], need)
            for r, cl, lines in cells:
                if cl["rowspan"] > 1:
                    rows = range(r, min(r + cl["rowspan"], len(heights)))
                    short = len(lines) * lead + 2 * PAD - sum(heights[i] for i in rows)
                    if short > 0:
                        heights[rows[-1]] += short
            table_h = sum(heights)
        else:
            table_h = 0
        page_h = max(v["page"][1], title_h + table_h + notes_h + 4 * lead + 48)
        c.setPageSize((width, page_h))
        y = page_h - 24
        c.setFont(font, size + 1)
        for line in titles:
            y -= lead * 1.2
            x = left
            for f, run in runs(line, face, font):
                c.setFont(f, size + 1)
                c.drawString(x, y, run)
                x += pdfmetrics.stringWidth(run, f, size + 1)
        y -= lead
        if table:
            tops = [y]
            for h in heights:
                tops.append(tops[-1] - h)
            for r, cl, lines in cells:
                k, span = cl["col"], cl["colspan"]
                bottom = tops[min(r + cl["rowspan"], len(heights))]
                rules.append((xs[k], bottom, xs[k + span] - xs[k], tops[r] - bottom))
                rule_rows.append((xs[k], bottom, xs[k + span] - xs[k], tops[r] - bottom, r))
                for i, line in enumerate(lines):
                    draws.append((k, r, xs[k] + PAD, tops[r] - PAD - size - i * lead, line))
            y = tops[-1]
            if v["order"] == "rows":
                # Row by row: each cell's rules, then its text.
                order = sorted(range(len(draws)), key=lambda i: (draws[i][1], draws[i][0]))
                for i in order:
                    _, r, x, yy, line = draws[i]
                    draw_line(c, line, x, yy, font, size, face)
                c.setLineWidth(0.5)
                for x, b, w, h in rules:
                    c.rect(x, b, w, h)
            elif v["order"] == "filled":
                # Bottom row first; a cell's borders as 0.5 pt filled bars,
                # then its text.
                for r in sorted({d[1] for d in draws} | {q[4] for q in rule_rows}, reverse=True):
                    for x, b, w, h, rr in (q for q in rule_rows if q[4] == r):
                        for bx, by, bw, bh in ((x, b, w, 0.5), (x, b + h - 0.5, w, 0.5), (x, b, 0.5, h),
                                               (x + w - 0.5, b, 0.5, h)):
                            c.rect(bx, by, bw, bh, stroke=0, fill=1)
                    for k, rr, x, yy, line in (d for d in draws if d[1] == r):
                        draw_line(c, line, x, yy, font, size, face)
            else:
                # Column by column, top to bottom; every rule after the text.
                for k, r, x, yy, line in sorted(draws, key=lambda d: (d[0], d[1])):
                    draw_line(c, line, x, yy, font, size, face)
                # Rules as separate segments, each drawn once (a merged cell
                # has no line inside it), verticals then horizontals.
                c.setLineWidth(0.6)
                vertical, horizontal = set(), set()
                for x, b, w, h in rules:
                    vertical |= {(round(x, 2), round(b, 2), round(b + h, 2)),
                                 (round(x + w, 2), round(b, 2), round(b + h, 2))}
                    horizontal |= {(round(b, 2), round(x, 2), round(x + w, 2)),
                                   (round(b + h, 2), round(x, 2), round(x + w, 2))}
                for x, y0, y1 in sorted(vertical):
                    c.line(x, y0, x, y1)
                for y, x0, x1 in sorted(horizontal, reverse=True):
                    c.line(x0, y, x1, y)
        for line in notes:
            y -= lead
            draw_line(c, line, left, y, font, size, face)
        c.showPage()
    c.save()
    return buf.getvalue()


def draw_line(c, line, x, y, font, size, face):
    for f, run in runs(line, face, font):
        c.setFont(f, size)
        c.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, f, size)


OTHER = """令和6年度 介護保険事業状況報告（月報）
東京都福祉局高齢者施策推進部
第1号被保険者数 3,200,123 人
要介護（要支援）認定者数 650,456 人
居宅介護（介護予防）サービス受給者数 480,789 人
本資料は参考値であり、確定値は年報で公表する。"""


def other_document():
    """A one-page PDF of another document, its bytes."""
    pdfmetrics.registerFont(TTFont("IPAexG", FONTS["IPAexG"]))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1, pagesize=(600, 300))
    for k, line in enumerate(OTHER.split("\n")):
        c.setFont("IPAexG", 10)
        c.drawString(40, 260 - 20 * k, line)
    c.showPage()
    c.save()
    return buf.getvalue()


def damaged(pdf):
    """`pdf` with the bytes of its cross-reference table overwritten."""
    at = pdf.rindex(b"xref")
    return pdf[:at] + b"x" * (len(pdf) - at - 20) + pdf[-20:]


def main():
    seed = typeset()
    wanted = {
        "seed.pdf": seed,
        "seed_one_block.pdf": typeset(one_block=True),
        "seed_mincho.pdf": typeset(main="IPAexM"),
        "seed_rotated.pdf": typeset(rotate=90),
        "upward.pdf": typeset(upward=True),
        "truncated.pdf": seed[: len(seed) // 2],
        "encrypted.pdf": typeset(encrypt=pdfencrypt.StandardEncryption("user", "owner", strength=128)),
        "no_text.pdf": typeset(text=False),
        "damaged.pdf": damaged(seed),
        "other_document.pdf": other_document(),
        **{name: grid(name) for name in GRID_VARIANTS},
    }
    out = ROOT / "tests" / "fixtures" / "pdf"
    if "--check" in sys.argv[1:]:
        stale = [n for n, b in wanted.items() if not (out / n).exists() or (out / n).read_bytes() != b]
        for n in stale:
            print(f"tests/fixtures/pdf/{n}: not what scripts/make_pdfs.py makes; run it", file=sys.stderr)
        sys.exit(1 if stale else 0)
    out.mkdir(parents=True, exist_ok=True)
    for n, b in wanted.items():
        (out / n).write_bytes(b)


if __name__ == "__main__":
    main()
