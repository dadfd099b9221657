#!/bin/sh
# Prints every code line (not a comment, not a test module) outside
# crates/parse/src/layout/ that holds layout words: an era, a mark, a page
# title or header, a legend label or an option. What it prints today is the
# export crate's data dictionary (Japanese column labels and descriptions)
# and the multiplication sign of validation messages. Run from the root.
PATTERN='平成|令和|昭和|◎|○|〇|△|×|●|集計結果|集計状況|区市町村別|医師会名|相談支援窓口|医療政策|福祉保健局|保健医療局|実施予定|情報共有ツール|地区医師会に委託|急変時|年度|月末時点|開設予定|内線'
for f in $(git ls-files 'crates/*.rs' | grep -v '/layout/' | grep -v '/tests/' | grep -v '/examples/' | grep -v '/benches/'); do
  awk -v f="$f" -v pat="$PATTERN" '/#\[cfg\(test\)\]/{exit} /^[[:space:]]*\/\//{next} $0 ~ pat {print f":"NR": "$0}' "$f"
done
