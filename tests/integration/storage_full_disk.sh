#!/bin/sh
# A small disk (a 200 MiB tmpfs): four cameras at 4 Mbit/s stay under the
# quota, evidence survives, a disk filled by another file makes room and
# capture resumes, and with everything protected an alert says so while
# the daemon keeps running.  The database stays sound throughout.
. "$(dirname "$0")/lib.sh"

MNT="$TMP/disk"
mkdir -p "$MNT"
mount -t tmpfs -o size=200m tmpfs "$MNT" 2>/dev/null || skip "cannot mount a tmpfs (not root?)"
trap 'for p in $CG_PIDS; do kill -9 "$p" 2>/dev/null; done; for p in $CG_PIDS; do wait "$p" 2>/dev/null; done; umount "$MNT"; rm -rf "$TMP"' EXIT

start_camsim --cameras 4 --size 1280x720 --bitrate 4000 --gop 1
write_config 4s 3s
sed -i "s|^data_dir = .*|data_dir = $MNT/data|" "$TMP/cg.conf"
printf '[storage]\nquota = 20M\nmin_free = 0\n' >> "$TMP/cg.conf"
DB="$MNT/data/canhgac.db"
start_daemon
for i in 1 2 3 4; do add_camera "Cam $i" "rtsp://127.0.0.1:$PORT/cam$i"; done
wait_for 10 state_is "Cam 4" recording || fail "Cam 4 is not recording: $($CG status)"
sleep 6
# The first seconds of Cam 1 are evidence of an incident.
now=$(date +%s%6N)
sql "INSERT INTO incidents (year, number, kind, from_us, to_us, description, officer, status,
       created_by, created_us, updated_by, updated_us)
     VALUES (2026, 1, 'trom_cap', $now - 6000000, $now, 'Mất xe máy trước cổng chợ', 'lan', 'new',
       'lan', $now, 'lan', $now);
     INSERT INTO evidence_ranges (incident_id, camera_id, from_us, to_us, added_by, added_us)
     SELECT 1, id, 0, $now - 2000000, 'lan', $now FROM cameras WHERE name = 'Cam 1'" || fail "evidence"
sql "SELECT s.path FROM segments s WHERE s.camera_id = 1 AND s.start_us < $now - 2000000" > "$TMP/evidence.txt"
[ -s "$TMP/evidence.txt" ] || fail "no evidence segment"

# 50 s of recording at about 0.6 MB/s (the test picture compresses well): more than the quota.
max=0
for t in $(seq 1 25); do
  sleep 2
  used=$(du -sb "$MNT/data/recordings" | cut -f1)
  [ "$used" -gt "$max" ] && max=$used
done
rate=$(sql "SELECT sum(bytes) / 1e6 FROM segments")
deleted=$(grep -c "deleted .* old segments" "$TMP/daemon.log")
[ "$deleted" -ge 1 ] || { cat "$TMP/daemon.log" >&2; $CG storage --json >&2; du -sb "$MNT/data/recordings" >&2; fail "nothing was deleted"; }
# The quota, give or take the few seconds between two cycles and one
# segment per camera being written (4 s at 2 MB/s, twice).
limit=$(( 20 * 1048576 + 12 * 1048576 ))
[ "$max" -le "$limit" ] || fail "recordings reached $max bytes, quota 20 MiB"
echo "largest use $max bytes; $deleted deletions"
while read -r p; do [ -f "$MNT/data/$p" ] || fail "evidence $p was deleted"; done < "$TMP/evidence.txt"
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity_check"

# Another program fills the disk: capture meets ENOSPC, room is made.
before=$(sql "SELECT max(id) FROM segments")
dd if=/dev/zero of="$MNT/filler" bs=1M 2>/dev/null
wait_for 20 grep -q "No space left" "$TMP/daemon.log" || { tail -30 "$TMP/daemon.log" >&2; df "$MNT" >&2; fail "no ENOSPC seen"; }
new_segments () { [ "$(sql "SELECT count(*) FROM segments WHERE id > $before AND state = 'complete' AND bytes > 100000")" -ge 4 ]; }
wait_for 30 new_segments || { tail -40 "$TMP/daemon.log" >&2; fail "recording did not resume on a full disk"; }
wait_for 10 state_is "Cam 3" recording || fail "Cam 3 is not recording: $($CG status)"
while read -r p; do [ -f "$MNT/data/$p" ] || fail "evidence $p was deleted"; done < "$TMP/evidence.txt"
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity_check after ENOSPC"

# Everything becomes evidence: nothing can be freed; an alert, no crash.
now=$(date +%s%6N)
sql "INSERT INTO evidence_ranges (incident_id, camera_id, from_us, to_us, added_by, added_us)
     SELECT 1, id, 0, $now + 3600000000, 'lan', $now FROM cameras" || fail "evidence"
rm -f "$MNT/filler"
dd if=/dev/zero of="$MNT/filler" bs=1M 2>/dev/null
has_alert () { $CG storage --json | json_get "[a['code'] for a in d['alerts']]" | grep -q cannot_free; }
wait_for 30 has_alert || { $CG storage --json >&2; fail "no cannot_free alert"; }
# The status says so too, for whoever only looks there.
$CG status --json | json_get "[a['code'] for a in d['storage']['alerts']]" | grep -q cannot_free \
  || fail "status does not carry the storage alert"
$CG status > "$TMP/status.txt" 2>&1
grep -q "Alert:" "$TMP/status.txt" || { cat "$TMP/status.txt" >&2; fail "status does not show the alert"; }
$CG storage > "$TMP/storage.txt" || fail "storage"
expect_contains "$TMP/storage.txt" "protected evidence"
# 20 MiB cannot hold 30 days: the alert quotes the forecast of the same
# reply, and the text says one number for it on both lines.
$CG storage --json > "$TMP/storage.json" || fail "storage --json"
json_get "[a['days'] == d['forecast_days'] for a in d['alerts'] if a['code'] == 'retention_below_target']" \
  < "$TMP/storage.json" | grep -qx '\[True\]' || { cat "$TMP/storage.json" >&2; fail "the alert's days are not the forecast's"; }
$CG storage > "$TMP/storage.txt" || fail "storage"
forecast=$(sed -n 's/^Forecast: \([0-9.]*\) days kept.*/\1/p' "$TMP/storage.txt")
[ -n "$forecast" ] || { cat "$TMP/storage.txt" >&2; fail "no forecast line"; }
expect_contains "$TMP/storage.txt" "Alert: Recordings will be kept $forecast days"
$CG status --json > "$TMP/status.json" || fail "status while the disk is full"
kill -0 "$DAEMON_PID" || fail "the daemon died"
rm -f "$MNT/filler"
stop_daemon
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity_check at the end"
while read -r p; do [ -f "$MNT/data/$p" ] || fail "evidence $p was deleted"; done < "$TMP/evidence.txt"
# Files and rows go together.
find "$MNT/data/recordings" -name '*.ts' | sed "s|^$MNT/data/||" | sort > "$TMP/files.txt"
sql "SELECT path FROM segments WHERE state != 'lost' ORDER BY path" | sort > "$TMP/rows.txt"
diff "$TMP/files.txt" "$TMP/rows.txt" >&2 || fail "files and rows differ"

# Every deletion is in the audit log, as the daemon's: the segment, why
# (the quota; free space, or a full disk), its bytes; and no row is left
# of a segment the log says was deleted.
deleted=$(sed -n 's/.*deleted \([0-9]*\) old segments.*/\1/p' "$TMP/daemon.log" | awk '{n += $1} END {print n + 0}')
python3 - "$DB" "$deleted" <<'PY' || fail "deletions missing from the audit log"
import datetime, re, sqlite3, sys
db, deleted = sqlite3.connect(sys.argv[1]), int(sys.argv[2])
audited = db.execute("SELECT object, detail FROM audit WHERE user = 'canhgacd'"
                     " AND action = 'storage.delete'").fetchall()
rows = {(c, s) for c, s in db.execute("SELECT camera_id, start_us FROM segments WHERE state != 'lost'")}
bad = [a for a in audited
       if not re.fullmatch(r"reason=(quota|min_free|disk_full|database_full)(\+[a-z_]+)? bytes=[1-9][0-9]*", a[1])]
reasons = {a[1].split()[0] for a in audited}
def start_us(iso):
    t = datetime.datetime.strptime(iso[:-5], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    return int(t.timestamp()) * 1000000 + int(iso[-4:-1]) * 1000
left = []
for obj, _ in audited:
    m = re.fullmatch(r"camera:(\d+)/(.*)", obj)
    cam, start = int(m.group(1)), start_us(m.group(2))
    if any(c == cam and start <= s < start + 1000 for c, s in rows):
        left.append(obj)
if len(audited) < deleted or bad or left or "reason=quota" not in reasons:
    print("deleted", deleted, "audited", len(audited), "malformed", bad[:5], "rows left", left[:5],
          "reasons", reasons, file=sys.stderr)
    sys.exit(1)
PY
exit 0
