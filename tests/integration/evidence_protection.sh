#!/bin/sh
# Evidence under a quota so small that the storage manager deletes all it
# may: the footage of an open incident and of one closed yesterday
# survives byte for byte; the footage of an incident closed longer ago
# than [incidents] keep_days_after_close, and a range taken off, are
# released and deleted; recording goes on; storage.status counts the
# protected bytes per camera and says loudly that protection alone
# exceeds the quota.  Closing the open incident long ago releases its
# footage too.  Every wait is for a state, never for a length of time.
. "$(dirname "$0")/lib.sh"

start_camsim --cameras 2 --size 640x360 --bitrate 2000 --gop 1
write_config 2s 3s
printf '[incidents]\nkeep_days_after_close = 30\n' >> "$TMP/cg.conf"
start_daemon
add_camera "Chợ Hoàng Kim" "rtsp://127.0.0.1:$PORT/cam1"
add_camera "Cổng UBND xã" "rtsp://127.0.0.1:$PORT/cam2"
CAM1=$(sql "SELECT id FROM cameras WHERE name = 'Chợ Hoàng Kim'")
CAM2=$(sql "SELECT id FROM cameras WHERE name = 'Cổng UBND xã'")
# Enough footage: four segments of the second camera, and more than 2 MiB
# of the first (the quota below is 1 MiB).
enough () {
  [ "$(sql "SELECT count(*) FROM segments WHERE camera_id = $CAM2 AND state = 'complete' AND bytes > 0")" -ge 5 ] &&
  [ "$(sql "SELECT coalesce(sum(bytes), 0) FROM segments WHERE camera_id = $CAM1 AND state = 'complete'")" -gt 2200000 ]
}
wait_for 90 enough || fail "not enough footage recorded: $(sql "SELECT camera_id, count(*), sum(bytes) FROM segments GROUP BY camera_id")"
stop_daemon

# The second camera's first four segments, oldest first.
seg () { sql "SELECT $2 FROM segments WHERE camera_id = $CAM2 AND state = 'complete' ORDER BY start_us LIMIT 1 OFFSET $(( $1 - 1 ))"; }
now=$(date +%s%6N)
day=86400000000
last1=$(sql "SELECT max(end_us) FROM segments WHERE camera_id = $CAM1 AND state = 'complete'")
first1=$(sql "SELECT min(start_us) FROM segments WHERE camera_id = $CAM1")
# Four incidents of the post's log, as the incidents API writes them:
#  1/2026 open (verifying): all of the first camera's footage; and a
#         range on the second camera's third segment, taken off again;
#  2/2026 closed yesterday: the second camera's first segment;
#  3/2026 closed 40 days ago (more than the 30 days kept): its second.
sql "INSERT INTO incidents (id, year, number, kind, from_us, to_us, place, description, reporter,
       officer, officer_name, status, outcome, footage_helped, closed_us, created_by, created_us,
       updated_by, updated_us, version, search) VALUES
     (1, 2026, 1, 'trom_cap', $first1, $last1, 'Cổng chợ', 'Mất xe máy trước cổng chợ', 'Lê Văn B',
       'lan', 'Nguyễn Thị Lan', 'verifying', '', NULL, NULL, 'lan', $now, 'lan', $now, 2,
       'mat xe may truoc cong cho'),
     (2, 2026, 2, 'gay_roi', $(seg 1 start_us), $(seg 1 end_us), 'Cổng UBND xã', 'Gây rối trước cổng UBND',
       NULL, 'hung', 'Trần Văn Hùng', 'closed', 'Đã hòa giải', 1, $now - $day, 'hung', $now - 3 * $day,
       'hung', $now - $day, 3, 'gay roi truoc cong ubnd'),
     (3, 2026, 3, 'tai_nan', $(seg 2 start_us), $(seg 2 end_us), 'Cổng UBND xã', 'Va chạm xe đạp',
       NULL, 'hung', 'Trần Văn Hùng', 'closed', 'Hai bên tự thỏa thuận', 0, $now - 40 * $day, 'hung',
       $now - 41 * $day, 'hung', $now - 40 * $day, 2, 'va cham xe dap')" || fail "incidents"
sql "INSERT INTO evidence_ranges (incident_id, camera_id, from_us, to_us, added_by, added_us,
       removed_by, removed_us, removed_reason) VALUES
     (1, $CAM1, $first1 - 1000000, $last1, 'lan', $now, NULL, NULL, NULL),
     (2, $CAM2, $(seg 1 start_us) + 100000, $(seg 1 end_us) - 100000, 'hung', $now - 2 * $day, NULL, NULL, NULL),
     (3, $CAM2, $(seg 2 start_us) + 100000, $(seg 2 end_us) - 100000, 'hung', $now - 41 * $day, NULL, NULL, NULL),
     (1, $CAM2, $(seg 3 start_us) + 100000, $(seg 3 end_us) - 100000, 'lan', $now, 'an', $now, 'nhầm camera')" \
  || fail "evidence ranges"

# What must survive, and its digests; what must go.
sql "SELECT path FROM segments WHERE state = 'complete' AND (camera_id = $CAM1 OR path = '$(seg 1 path)')
     ORDER BY path" > "$TMP/kept.txt"
(cd "$TMP/data" && xargs sha256sum < "$TMP/kept.txt") > "$TMP/kept.sha256" || fail "sha256sum"
kept_bytes=$(sql "SELECT sum(bytes) FROM segments WHERE state = 'complete' AND (camera_id = $CAM1 OR path = '$(seg 1 path)')")
cam1_bytes=$(sql "SELECT sum(bytes) FROM segments WHERE state = 'complete' AND camera_id = $CAM1")
cam2_kept=$(seg 1 bytes)
kept2=$(seg 1 path)
released_closed=$(seg 2 path)
released_taken_off=$(seg 3 path)
unprotected=$(seg 4 path)
for p in "$released_closed" "$released_taken_off" "$unprotected"; do
  [ -f "$TMP/data/$p" ] || fail "$p is missing before the test"
done

# A quota so small that everything it may is deleted.
printf '[storage]\nquota = 1M\nmin_free = 0\n' >> "$TMP/cg.conf"
restart=$(date +%s%6N)
start_daemon
gone () { for p in "$@"; do [ ! -e "$TMP/data/$p" ] || return 1; done; }
wait_for 60 gone "$released_closed" "$released_taken_off" "$unprotected" \
  || { tail -30 "$TMP/daemon.log" >&2; fail "released evidence was not deleted"; }
(cd "$TMP/data" && sha256sum -c --quiet "$TMP/kept.sha256") || fail "protected footage changed or went"
[ "$(sql "SELECT count(*) FROM segments WHERE thinned = 1")" = 0 ] || fail "footage was thinned"
# The released ones went as any footage does: audited, for the quota.
audited () {
  [ "$(sql "SELECT count(*) FROM audit WHERE action = 'storage.delete' AND object LIKE 'camera:$CAM2/%'
           AND detail LIKE 'reason=quota%'")" -ge 3 ]
}
wait_for 10 audited || fail "the deletions are not in the audit log"

# Recording goes on: new footage after the restart (deleted again as
# soon as it is complete, for the quota; the one being written stays).
recording () {
  [ "$(sql "SELECT count(*) FROM segments WHERE camera_id = $CAM2 AND start_us > $restart")" -ge 1 ] &&
  state_is "Cổng UBND xã" recording
}
wait_for 30 recording || fail "recording stopped: $($CG status)"
new_deleted () {
  [ "$(sql "SELECT count(*) FROM audit WHERE action = 'storage.delete' AND at_us > $restart
           AND object LIKE 'camera:$CAM1/%'")" -ge 1 ]
}
wait_for 60 new_deleted || fail "new unprotected footage was not deleted under the quota"
(cd "$TMP/data" && sha256sum -c --quiet "$TMP/kept.sha256") || fail "protected footage changed or went"

# storage.status: protected bytes by the rule, per camera and in all;
# the alert, worded, first of the manager's.
$CG storage --json > "$TMP/storage.json" || fail "storage --json"
check () { json_get "$1" < "$TMP/storage.json"; }
[ "$(check "d['protected_bytes']")" = "$kept_bytes" ] || fail "protected_bytes $(check "d['protected_bytes']"), expected $kept_bytes"
[ "$(check "[c['protected_bytes'] for c in d['cameras'] if c['name'] == 'Chợ Hoàng Kim'][0]")" = "$cam1_bytes" ] \
  || fail "the first camera's protected_bytes: $(cat "$TMP/storage.json")"
[ "$(check "[c['protected_bytes'] for c in d['cameras'] if c['name'] == 'Cổng UBND xã'][0]")" = "$cam2_kept" ] \
  || fail "the second camera's protected_bytes: $(cat "$TMP/storage.json")"
check "[a for a in d['alerts'] if a['code'] == 'evidence_exceeds_quota'][0]['protected_bytes'] == d['protected_bytes']" \
  | grep -qx True || fail "no evidence_exceeds_quota alert: $(cat "$TMP/storage.json")"
check "[a['limit_bytes'] == d['limit_bytes'] for a in d['alerts'] if a['code'] == 'evidence_exceeds_quota']" \
  | grep -qx '\[True\]' || fail "the alert's limit is not the reply's"
$CG storage > "$TMP/storage.txt" || fail "storage"
expect_contains "$TMP/storage.txt" "Alert: Protected footage alone"
expect_contains "$TMP/storage.txt" "Release the evidence of incidents that are done, or add disk space."
expect_contains "$TMP/storage.txt" "Protected"
# Pushed, and in the status for whoever only looks there.
$CG status --json | json_get "[a['code'] for a in d['storage']['alerts']]" | grep -q evidence_exceeds_quota \
  || fail "status does not carry the alert"
grep -q "storage alert: Protected footage alone" "$TMP/daemon.log" || fail "the daemon did not log the alert"
loc=$(locale -a 2>/dev/null | grep -iE '^vi_VN\.utf-?8$' | head -n 1)
if [ -n "$loc" ]; then
  mkdir -p "$TMP/locale/vi/LC_MESSAGES"
  msgfmt -o "$TMP/locale/vi/LC_MESSAGES/canhgac.mo" "$top_srcdir/po/vi.po" || fail "msgfmt po/vi.po"
  env CANHGAC_LOCALEDIR="$TMP/locale" LC_ALL="$loc" $CG storage > "$TMP/storage.vi.txt" || fail "storage in Vietnamese"
  expect_contains "$TMP/storage.vi.txt" "Hãy gỡ đánh dấu chứng cứ ở các vụ việc đã xong, hoặc lắp thêm ổ cứng."
  expect_contains "$TMP/storage.vi.txt" "Bảo vệ"
elif [ "${CANHGAC_REQUIRE_LOCALES:-0}" = 1 ]; then
  fail "the vi_VN.UTF-8 locale is missing: enable it in /etc/locale.gen and run locale-gen"
fi

# The open incident is closed, long ago as far as keeping goes: its
# footage is released; yesterday's incident keeps its own.
sql "UPDATE incidents SET status = 'closed', closed_us = $now - 31 * $day, outcome = 'Đã chuyển hồ sơ',
       footage_helped = 1, version = version + 1, updated_by = 'lan', updated_us = $now WHERE id = 1" || fail "close"
cam1_gone () { [ "$(sql "SELECT count(*) FROM segments WHERE camera_id = $CAM1 AND end_us <= $last1")" = 0 ]; }
wait_for 60 cam1_gone || fail "the footage of an incident closed long ago was kept"
[ "$(sha256sum < "$TMP/data/$kept2" | cut -d' ' -f1)" = "$(grep " $kept2\$" "$TMP/kept.sha256" | cut -d' ' -f1)" ] \
  || fail "yesterday's evidence changed"
[ "$($CG storage --json | json_get "d['protected_bytes']")" = "$cam2_kept" ] || fail "protected_bytes after release"
# With the evidence left under the quota, the alert is gone.
if [ "$cam2_kept" -lt 1048576 ]; then
  $CG storage --json | json_get "[a['code'] for a in d['alerts']]" | grep -q evidence_exceeds_quota \
    && fail "the alert outlived the evidence"
fi
kill -0 "$DAEMON_PID" || fail "the daemon died"
stop_daemon

[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity_check"
find "$TMP/data/recordings" -name '*.ts' | sed "s|^$TMP/data/||" | sort > "$TMP/files.txt"
sql "SELECT path FROM segments WHERE state != 'lost' ORDER BY path" | sort > "$TMP/rows.txt"
diff "$TMP/files.txt" "$TMP/rows.txt" >&2 || fail "files and rows differ"
exit 0
