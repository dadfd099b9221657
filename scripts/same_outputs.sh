#!/usr/bin/env bash
# Every output of a zaitaku binary on the seed, on every fixture and on
# multi-edition builds, written under DIR (one directory per run, with its
# stdout, stderr and exit code), so that two binaries can be compared byte for
# byte:
#
#   scripts/same_outputs.sh OLD_BIN /tmp/old && scripts/same_outputs.sh NEW_BIN /tmp/new
#   diff -r /tmp/old /tmp/new && echo byte-identical
#
# A refactoring that must not change what users get (issue 33) is shown by an
# empty diff. Paths are relative to the repository, so the messages compare.
set -u
BIN=$(realpath "$1")
OUT=$(realpath -m "$2")
cd "$(dirname "$0")/.."
rm -rf "$OUT"
mkdir -p "$OUT"
SEED=raw/000_1fb60f2a74870bbb.txt
export NO_COLOR=1 COLUMNS=120

# run NAME ARGS...: one invocation; its files (when it writes into $OUT/NAME/out)
# stay beside its stdout, stderr and exit code.
run() {
    local name=$1
    shift
    mkdir -p "$OUT/$name"
    "$BIN" "$@" >"$OUT/$name/stdout" 2>"$OUT/$name/stderr"
    echo $? >"$OUT/$name/rc"
    # The out directory's hidden working directory is not an output.
    rm -rf "$OUT/.$name.zaitaku" "$OUT/$name/.out.zaitaku"
}

overrides_of() {
    local sidecar="${1%.txt}.overrides.csv"
    [ -f "$sidecar" ] && echo "--overrides $sidecar"
}

# The seed, every way it is written.
run seed build --xlsx --out "$OUT/seed/out" "$SEED"
run seed_bom build --csv-bom --out "$OUT/seed_bom/out" "$SEED"
run seed_cp932 build --csv-encoding cp932 --cp932-unmappable replace --out "$OUT/seed_cp932/out" "$SEED"
run seed_cp932_fail build --csv-encoding cp932 --out "$OUT/seed_cp932_fail/out" "$SEED"
for format in text md json; do
    run "check_$format" check --format "$format" "$SEED"
    run "check_all_$format" check --all --format "$format" "$SEED"
done
for table in $(ls "$OUT/seed/out" | sed -n 's/\.parquet$//p'); do
    run "show_$table" show "$table" "$SEED"
    run "show_out_$table" show "$table" "$OUT/seed/out"
    run "schema_$table" show "$table" --schema
done
run show_where show consultation_windows "$SEED" --where municipality_name=千代田区 --sort -window_no
run show_count show municipality_answers "$SEED" --where mark=◎ --count

# Every fixture the tests keep: built (or checked, when it must fail).
for f in tests/fixtures/valid/*.txt tests/fixtures/dialects/*.txt tests/fixtures/diff/*.txt \
    tests/fixtures/cli/*.txt tests/fixtures/grid/*/*.txt tests/fixtures/pdf/*.pdf; do
    name=$(echo "${f#tests/fixtures/}" | tr '/' '_')
    # shellcheck disable=SC2046
    run "build_$name" build --xlsx --out "$OUT/build_$name/out" $(overrides_of "$f") "$f"
done
for f in tests/fixtures/invalid/*.txt; do
    name=$(basename "$f" .txt)
    # shellcheck disable=SC2046
    run "check_$name" check --all --format json $(overrides_of "$f") "$f"
    # shellcheck disable=SC2046
    run "kept_$name" build --keep-failed --xlsx --out "$OUT/kept_$name/out" $(overrides_of "$f") "$f"
done

# Several editions in one build, and what changed between them.
run editions build --xlsx --out "$OUT/editions/out" tests/fixtures/cli/earlier_edition.txt \
    "$SEED" tests/fixtures/cli/later_edition.txt
for f in tests/fixtures/diff/*.txt tests/fixtures/cli/later_edition.txt; do
    name=$(basename "$f" .txt)
    for format in text md csv json; do
        run "diff_${name}_$format" diff --format "$format" "$SEED" "$f"
    done
    run "diff_${name}_out" diff --out "$OUT/diff_${name}_out/out" "$SEED" "$f"
done
run diff_dirs diff "$OUT/seed/out" "$OUT/editions/out"
run diff_dirs_json diff --format json "$OUT/build_cli_earlier_edition.txt/out" "$OUT/editions/out"

# Many editions (the bench's generator: each a later copy of the seed).
EDITIONS=$(mktemp -d)
python3 scripts/bench.py --write-editions "$EDITIONS" "$SEED" 30 >/dev/null
run editions_30 build --xlsx --out "$OUT/editions_30/out" "$EDITIONS"/*.txt
rm -rf "$EDITIONS"
# The messages name the temporary directories; keep what follows them.
find "$OUT" -maxdepth 2 \( -name stdout -o -name stderr \) -exec sed -i -e "s|$EDITIONS/||g" -e "s|$OUT/|OUT/|g" {} +
echo "$(find "$OUT" -type f | wc -l) files under $OUT"
