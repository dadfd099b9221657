#!/usr/bin/env bash
# Real extractors' text of the report: typesets the seed into a PDF (one
# text line per line of the seed, IPAexGothic, Symbola for 「⓪」), reads it
# back with pdfminer.six, PyMuPDF, pypdf, pdfplumber, pypdfium2 (pinned, in
# .venv-pdf) and pdftotext (default and -layout, Debian's poppler-utils),
# builds each text and compares its tables with the seed's build apart from
# source positions (tests/extractors.py, which states what each gives).
# First checks that tests/fixtures/pdf/ is what scripts/make_pdfs.py makes.
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
if [ ${#missing[@]} -gt 0 ]; then
  echo "extractors: installing ${missing[*]} from Debian's packages (apt-get)" >&2
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "extractors: cannot install ${missing[*]}: need root and apt-get; install them and run again" >&2
    exit 1
  fi
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

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
