#!/bin/sh
# report.get over the socket: the figures of November 2025 from a
# database whose every figure is known (tests/data/report-fixture.sql
# says how each is reckoned; tests/unit/daemon/test_report.c checks them
# all), with the audit chain's head; making a report is audited; a bad
# period is refused with the forms it reads.  And the record of the
# recorder's own running time it stands on: a run begun at start, ended
# at a clean stop; after a kill -9, an outage left open is closed when
# the killed daemon was last known alive, not when the next one started.
. "$(dirname "$0")/lib.sh"

write_config 10s 2s
start_daemon
[ "$(sql "SELECT count(*) FROM recorder_runs WHERE stopped_us IS NULL")" = 1 ] || fail "no run begun at start"
stop_daemon
[ "$(sql "SELECT count(*) FROM recorder_runs WHERE stopped_us IS NULL")" = 0 ] || fail "the run did not end at a clean stop"
[ "$(sql "SELECT count(*) FROM recorder_runs WHERE stopped_us >= started_us")" = 1 ] || fail "the stop is not recorded"

# An outage open when the daemon is killed: closed at its last minute
# alive (its start, less than a minute before), before the next start.
sql "INSERT INTO cameras (id, name, url, enabled, created_us, updated_us) VALUES (9, 'Tạm', 'rtsp://127.0.0.1:9/x', 0, 1, 1)"
start_daemon
run=$(sql "SELECT max(id) FROM recorder_runs")
alive=$(sql "SELECT alive_us FROM recorder_runs WHERE id = $run")
sql "INSERT INTO outages (camera_id, start_us, reason) VALUES (9, $alive - 1000000, 'unreachable:127.0.0.1:9')"
sleep 1.5
kill -9 "$DAEMON_PID"; wait "$DAEMON_PID" 2>/dev/null
start_daemon
[ "$(sql "SELECT end_us FROM outages WHERE camera_id = 9")" = "$alive" ] \
  || fail "the open outage was closed at $(sql "SELECT end_us FROM outages WHERE camera_id = 9"), not at $alive"
[ "$(sql "SELECT count(*) FROM recorder_runs WHERE id = $run AND stopped_us IS NULL")" = 1 ] || fail "the killed run looks stopped"
stop_daemon
sql "DELETE FROM outages; DELETE FROM cameras; DELETE FROM recorder_runs"

# The month of the fixture.
sqlite3 "$DB" < "$top_srcdir/tests/data/report-fixture.sql" || fail "the fixture"
TZ=ICT-7; export TZ
start_daemon
rpc report.get '{"period": "2025-11"}' > "$TMP/r.json"
json_get "d['result']['period']['code']" < "$TMP/r.json" | grep -qx 2025-11 || fail "no report: $(cat "$TMP/r.json")"
r () { json_get "d['result']$1" < "$TMP/r.json"; }
[ "$(r "['recorder']['down']")" = 28800 ] || fail "recorder down: $(r "['recorder']")"
[ "$(r "['recorder']['stops']")" = 2 ] || fail "recorder stops: $(r "['recorder']")"
[ "$(json_get "[c['uptime'] for c in d['result']['cameras'] if c['name']=='Chợ Hoàng Kim'][0]" < "$TMP/r.json")" = 0.9831 ] \
  || fail "Chợ Hoàng Kim's uptime: $(r "['cameras']")"
[ "$(r "['totals']['uptime']")" = 0.9546 ] || fail "total uptime: $(r "['totals']")"
[ "$(json_get "[x['code'] for x in d['result']['recommendations']][:3]" < "$TMP/r.json")" = "['recorder_down', 'repair_camera', 'follow_fault']" ] \
  || fail "recommendations: $(r "['recommendations']")"
[ "$(r "['incidents']['total']")" = 3 ] || fail "incidents: $(r "['incidents']")"
[ "$(r "['compare']['incidents']")" = 1 ] || fail "October: $(r "['compare']")"
# The audit chain's head, as audit verify gives it; the report itself
# written in the log.
# The audit chain's head: a row of the log, at or after the report's own
# row, and the log verifies.
rows=$(r "['audit_head']['rows']")
hash=$(r "['audit_head']['hash']")
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'report.get' AND object = '2025-11' AND id <= $rows")" = 1 ] \
  || fail "the report is not audited within its head ($rows)"
[ "$(sql "SELECT hash FROM audit WHERE id = $rows")" = "$hash" ] || fail "the head $rows/$hash is not the log's row"
r "['audit_head']['text']" | grep -q "^$rows/" || fail "the head as officers copy it: $(r "['audit_head']")"
$CG audit verify > "$TMP/verify" || fail "audit verify: $(cat "$TMP/verify")"

# Bad periods: refused, with what to write.
for p in "" 2025-13 30/11/2025..01/11/2025 Q5; do
  rpc report.get "{\"period\": \"$p\"}" > "$TMP/bad.json"
  [ "$(json_get "d['error']['code']" < "$TMP/bad.json")" = -32602 ] || fail "period '$p': $(cat "$TMP/bad.json")"
done
json_get "d['error']['message']" < "$TMP/bad.json" | grep -q "2026-Q4" || fail "the refusal does not say what to write: $(cat "$TMP/bad.json")"
# The report an officer prints, from the same figures: in Vietnamese,
# each figure as reckoned in the fixture (uptime 1 - 12/712 = 98,3 %,
# 1 - 72/712 = 89,9 %, all 1 - 84/1850 = 95,5 %; the recorder stopped
# twice, 8 hours; 350 000 + 1 200 000 + 200 000 đ spent).
if loc=$(vi_locale 2>/dev/null); then
  CANHGAC_LOCALEDIR="$TMP/locale"; export CANHGAC_LOCALEDIR
  run_status 0 env LC_ALL="$loc" $CG report --period 2025-11
  expect_contains "$TMP/out" "BÁO CÁO"
  expect_contains "$TMP/out" "tháng 11 năm 2025"
  grep "Chợ Hoàng Kim" "$TMP/out" | grep -q "98,3 %" || fail "Chợ Hoàng Kim's uptime in the text: $(cat "$TMP/out")"
  grep "Ngã ba" "$TMP/out" | grep -q "89,9 %" || fail "Ngã ba's uptime in the text"
  grep "Toàn hệ thống" "$TMP/out" | grep -q "95,5 %" || fail "the total uptime in the text"
  expect_contains "$TMP/out" "ngừng 2 lần, tổng cộng 8 giờ"
  expect_contains "$TMP/out" "1.750.000 đ"
  expect_contains "$TMP/out" "Mã kiểm tra nhật ký:"
fi

# A period before anything was recorded says so.
rpc report.get '{"period": "2024"}' > "$TMP/empty.json"
[ "$(json_get "d['result']['has_data']" < "$TMP/empty.json")" = False ] || fail "2024 has data: $(cat "$TMP/empty.json")"
stop_daemon
exit 0
