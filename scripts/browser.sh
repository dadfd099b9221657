#!/usr/bin/env bash
# The report page in a real browser: builds output/ for the seed (and for
# two editions, for the changes and the trend), loads report.html in headless Chromium from
# disk with the network off, checks the DOM against the tables
# (tests/browser.py), and takes a screenshot for review
# (target/report-screenshot.png).
#
# Chromium and a Japanese font come from Debian's packages; when missing,
# this script installs them (as root, through apt-get) and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/zaitaku}

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Without a Japanese font the screenshot shows boxes (the DOM check would pass).
if ! fc-list :lang=ja 2>/dev/null | grep -q . && [ ! -e /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf ]; then
  missing+=(fonts-ipaexfont-gothic)
fi
scripts/debian_install.sh "browser test" ${missing[@]+"${missing[@]}"}

seed=$(ls raw/*.txt | head -n 1)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
scripts/quiet.sh "$bin" build --xlsx --out "$out/one" "$seed"
# Two editions: the seed and a later copy in which 港区 opened a window.
later=tests/fixtures/diff/window_opened.txt
scripts/quiet.sh "$bin" build --out "$out/two" "$seed" "$later"
mkdir -p target
python3 tests/browser.py "$out" "$seed" "$later" target/report-screenshot.png
