#!/usr/bin/env bash
# Real extractors' text of the report: checks that tests/fixtures/pdf/ is
# what scripts/make_pdfs.py makes (the seed typeset one text line per line,
# IPAexGothic, Symbola for 「⓪」; the fonts are needed for that), reads
# seed.pdf back with pdfminer.six, PyMuPDF, pypdf, pdfplumber, pypdfium2 (pinned, in
# .venv-pdf) and pdftotext (default and -layout, Debian's poppler-utils),
# builds each text and compares its tables with the seed's build apart from
# source positions (tests/extractors.py, which states what each gives).
#
# Fonts and poppler-utils come from Debian's packages; when missing, this
# script installs them (as root, through apt-get) and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/zaitaku}

missing=()
[ -e /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf ] || missing+=(fonts-ipaexfont-gothic)
[ -e /usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf ] || missing+=(fonts-ipaexfont-mincho)
[ -e /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf ] || missing+=(fonts-symbola)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
scripts/debian_install.sh "extractors" ${missing[@]+"${missing[@]}"}

venv=.venv-pdf
want="reportlab==5.1.0 pdfminer.six==20260107 PyMuPDF==1.28.2 pypdf==7.1.1 pdfplumber==0.11.10 pypdfium2==5.15.2"
if [ ! -f "$venv/.installed" ] || [ "$(cat "$venv/.installed")" != "$want" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check $want >&2
  echo "$want" > "$venv/.installed"
fi
# The committed PDF fixtures are what scripts/make_pdfs.py makes.
"$venv/bin/python" scripts/make_pdfs.py --check
"$venv/bin/python" tests/extractors.py "$bin" "$(ls raw/*.txt | head -n 1)" target/extractors
# The report as the ruled tables it is (tests/grid.py): the grid model is
# what scripts/grid_model.py makes of the seed's build, and its two
# typesettings read by every extractor and by zaitaku.
python3 scripts/grid_model.py "$bin" --check
"$venv/bin/python" tests/grid.py "$bin" target/extractors/grid
