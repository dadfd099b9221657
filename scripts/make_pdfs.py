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
- damaged.pdf: seed.pdf with its cross-reference table overwritten.

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
