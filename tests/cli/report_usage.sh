#!/bin/sh
# canhgac report: a period that is not one, a format without its file, and
# a file that exists are refused before any connection, saying what to do.
. "$(dirname "$0")/lib.sh"

# A daemon that cannot be there: anything that reaches it exits 3.
printf '[daemon]\nsocket = %s/none.sock\n' "$TMP" > "$TMP/canhgac.conf"
CANHGAC_CONFIG="$TMP/canhgac.conf"; export CANHGAC_CONFIG

for p in 2026-13 Q5 "30/11/2026..01/11/2026" 2026-Q5 "01/11/2026..31/02/2027"; do
  run_status 2 "$CANHGAC" report --period "$p"
  expect_contains "$TMP/err" "canhgac report"
  expect_contains "$TMP/err" "$p"
done
run_status 2 "$CANHGAC" report --period 2026-13
expect_contains "$TMP/err" "months are 01 to 12"
run_status 2 "$CANHGAC" report --period Q5
expect_contains "$TMP/err" "is not a period: write a month (2026-11)"
run_status 2 "$CANHGAC" report --period "30/11/2026..01/11/2026"
expect_contains "$TMP/err" "ends before it begins"
run_status 2 "$CANHGAC" report
expect_contains "$TMP/err" "--period"

run_status 2 "$CANHGAC" report --period 2026-11 --format pdf
expect_contains "$TMP/err" "--format takes text, csv or html"
run_status 2 "$CANHGAC" report --period 2026-11 --format html
expect_contains "$TMP/err" "--format html needs -o FILE.html"
run_status 2 "$CANHGAC" report --period 2026-11 --csv-split -o "$TMP/r.csv"
expect_contains "$TMP/err" "--csv-split goes with --format csv"

echo "kept" > "$TMP/old.html"
run_status 1 "$CANHGAC" report --period 2026-11 --format html -o "$TMP/old.html"
expect_contains "$TMP/err" "already exists"
[ "$(cat "$TMP/old.html")" = kept ] || fail "the existing file was changed"

# A good period goes as far as the daemon, which is not there.
run_status 3 "$CANHGAC" report --period 2026-11
run_status 3 "$CANHGAC" report --period "01/11/2026..30/11/2026" --format csv -o "$TMP/new.csv"
[ ! -e "$TMP/new.csv" ] || fail "a file was written without a report"

# Under vi_VN the refusal is Vietnamese.
loc=$(vi_locale) || exit 0
CANHGAC_LOCALEDIR="$TMP/locale"; export CANHGAC_LOCALEDIR
LC_ALL=$loc LANGUAGE= run_status 2 "$CANHGAC" report --period 2026-13
expect_contains "$TMP/err" "tháng phải từ 01 đến 12"
exit 0
