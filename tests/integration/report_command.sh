#!/bin/sh
# canhgac report against a daemon recording two cameras: the month's
# report as text names both cameras, their share of time recorded and the
# audit chain's head that `audit verify` prints; the HTML page and the
# CSV (one file, or one per table) are written as new files and never
# over one; a period before anything was recorded says there is no data;
# making a report is audited.
. "$(dirname "$0")/lib.sh"

start_camsim --cameras 2 --size 320x240 --gop 1
write_config 2s 5s
start_daemon
add_camera "Chợ Hoàng Kim" "rtsp://127.0.0.1:$PORT/cam1" --funding budget
add_camera "Ngã ba Đồng Tâm" "rtsp://127.0.0.1:$PORT/cam2" --funding community \
  --host-name "Hộ ông Lê Văn Hùng" --host-phone "0912345678"
wait_for 20 state_is "Chợ Hoàng Kim" recording || fail "Chợ Hoàng Kim not recording"
wait_for 20 state_is "Ngã ba Đồng Tâm" recording || fail "Ngã ba Đồng Tâm not recording"
sleep 3
month=$(date +%Y-%m)

run_status 0 $CG report --period "$month"
cp "$TMP/out" "$TMP/report.txt"
expect_contains "$TMP/report.txt" "SOCIALIST REPUBLIC OF VIET NAM"
expect_contains "$TMP/report.txt" "Chợ Hoàng Kim"
expect_contains "$TMP/report.txt" "Ngã ba Đồng Tâm"
expect_contains "$TMP/report.txt" "Share of time each camera recorded"
expect_contains "$TMP/report.txt" "Whole system"
expect_contains "$TMP/report.txt" "Hộ ông Lê Văn Hùng"
expect_contains "$TMP/report.txt" "(0912345678)"
expect_not_contains "$TMP/report.txt" "There is no recorded data"
width=$(wc -L < "$TMP/report.txt")
[ "$width" -le 80 ] || fail "the report is $width columns wide"
# The printed head anchors the log: the same as audit verify's, or later.
head=$(sed -n 's/^Audit log check code: //p' "$TMP/report.txt")
[ -n "$head" ] || fail "the report ends without the audit log's head"
run_status 0 $CG audit verify
rows=${head%%/*}
verified=$(sed -n 's|.*[^0-9]\([0-9][0-9]*\)/[0-9a-f]\{12\}.*|\1|p' "$TMP/out" | head -n 1)
[ -n "$verified" ] && [ "$verified" -ge "$rows" ] || fail "audit verify's head ($verified) is before the report's ($head)"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'report.get'")" -ge 1 ] || fail "the report was not audited"

run_status 0 $CG report --period "$month" --json
[ "$(json_get 'd["has_data"]' < "$TMP/out")" = True ] || fail "has_data is not true for this month"

run_status 0 $CG report --period "$month" --format html -o "$TMP/report.html"
expect_contains "$TMP/out" "$TMP/report.html"
expect_contains "$TMP/report.html" "<svg"
expect_contains "$TMP/report.html" "Ngã ba Đồng Tâm"
size=$(wc -c < "$TMP/report.html")
run_status 1 $CG report --period "$month" --format html -o "$TMP/report.html"
expect_contains "$TMP/err" "already exists"
[ "$(wc -c < "$TMP/report.html")" = "$size" ] || fail "the report was written over"

run_status 0 $CG report --period "$month" --format csv -o "$TMP/r.csv"
expect_contains "$TMP/r.csv" '"cameras","Chợ Hoàng Kim"'
run_status 0 $CG report --period "$month" --format csv --csv-split -o "$TMP/t.csv"
[ -f "$TMP/t-cameras.csv" ] && [ -f "$TMP/t-summary.csv" ] && [ -f "$TMP/t-report.csv" ] \
  || fail "--csv-split did not write one file per table: $(ls "$TMP")"
[ ! -e "$TMP/t.csv" ] || fail "--csv-split also wrote t.csv"
head -c 3 "$TMP/t-cameras.csv" | od -An -tx1 | grep -q "ef bb bf" || fail "t-cameras.csv has no BOM"
rm "$TMP/t-summary.csv"
run_status 1 $CG report --period "$month" --format csv --csv-split -o "$TMP/t.csv"
expect_contains "$TMP/err" "already exists"
[ ! -e "$TMP/t-summary.csv" ] || fail "a table was written while another file of the set exists"

run_status 0 $CG report --period 2020-01
expect_contains "$TMP/out" "There is no recorded data for month 1 of 2020"
expect_not_contains "$TMP/out" "Whole system"
stop_daemon
exit 0
