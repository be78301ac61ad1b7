#!/bin/sh
# Exports on a disk with no room: an export that cannot fit is refused
# before anything is written, saying how much it needs; one whose disk
# fills up while it is written stops, its unfinished file removed, and
# is listed as failed with the reason; recording goes on, and every
# segment recorded is as it was.  The exports' directory is a small
# tmpfs of its own (as a post may mount another disk there), so that
# the recordings' disk is never full.
. "$(dirname "$0")/lib.sh"

start_camsim --cameras 1 --size 640x360 --gop 1
write_config 5s 3s
mkdir -p -m 0700 "$TMP/data/exports"
mount -t tmpfs -o size=1m,mode=0700 tmpfs "$TMP/data/exports" 2>/dev/null || skip "cannot mount a tmpfs (not root?)"
trap 'for p in $CG_PIDS; do kill -9 "$p" 2>/dev/null; done; for p in $CG_PIDS; do wait "$p" 2>/dev/null; done; umount "$TMP/data/exports"; rm -rf "$TMP"' EXIT
start_daemon
add_camera "Cam 1" "rtsp://127.0.0.1:$PORT/cam1"
wait_for 10 state_is "Cam 1" recording || fail "not recording: $($CG status)"
complete () { [ "$(sql "SELECT count(*) FROM segments WHERE state = 'complete'")" -ge "$1" ]; }
wait_for 40 complete 3 || fail "three segments were not recorded"
s1=$(sql "SELECT start_us FROM segments ORDER BY start_us LIMIT 1")
s3_end=$(sql "SELECT end_us FROM segments WHERE state = 'complete' ORDER BY start_us LIMIT 1 OFFSET 2")
FROM=$(date -d "@$(( s1 / 1000000 + 1 ))" '+%d/%m/%Y %H:%M:%S')
TO=$(date -d "@$(( s3_end / 1000000 - 1 ))" '+%d/%m/%Y %H:%M:%S')
need=$(sql "SELECT sum(bytes) FROM (SELECT bytes FROM segments WHERE state = 'complete' ORDER BY start_us LIMIT 3)")

# 1 MiB: the export does not fit, and is refused at once.
run_status 1 $CG export --camera "Cam 1" --from "$FROM" --to "$TO" -o "$TMP/a.mp4"
expect_contains "$TMP/err" "there is not enough room on the disk for this export"
[ ! -e "$TMP/a.mp4" ] && [ ! -e "$TMP/a.mp4.part" ] || fail "a refused export left a file"
[ "$(sql "SELECT count(*) FROM exports")" = 0 ] || fail "a refused export left a row"

# Room enough to start; filled up by something else while it is written.
umount "$TMP/data/exports"
mount -t tmpfs -o size=$(( need * 2 / 1024 + 512 ))k,mode=0700 tmpfs "$TMP/data/exports" || fail "remount"
stop_daemon
CANHGAC_TEST_EXPORT_PACE_MS=40; export CANHGAC_TEST_EXPORT_PACE_MS
start_daemon
unset CANHGAC_TEST_EXPORT_PACE_MS
sql "SELECT path, sha256 FROM segments WHERE state = 'complete'" > "$TMP/before.txt"
recorded=$(sql "SELECT max(id) FROM segments")
$CG export --camera "Cam 1" --from "$FROM" --to "$TO" -o "$TMP/b.mp4" > "$TMP/b.out" 2> "$TMP/b.err" &
EXPORT_PID=$!
half_written () { [ -s "$TMP/data/exports/1.mp4.tmp" ]; }
wait_for 20 half_written || { cat "$TMP/b.err" >&2; fail "the export never started writing"; }
dd if=/dev/zero of="$TMP/data/exports/filler" bs=64k 2>/dev/null
wait "$EXPORT_PID"; rc=$?
rm -f "$TMP/data/exports/filler"
[ "$rc" = 1 ] || { cat "$TMP/b.out" "$TMP/b.err" >&2; fail "the export exited $rc on a full disk"; }
expect_contains "$TMP/b.err" "the disk filled up during the export"
expect_contains "$TMP/b.err" "the recordings are untouched"
[ -z "$(ls "$TMP/data/exports")" ] || fail "left on the full disk: $(ls "$TMP/data/exports")"
[ ! -e "$TMP/b.mp4" ] && [ ! -e "$TMP/b.mp4.part" ] || fail "a failed export left a file"
[ "$(sql "SELECT state FROM exports WHERE id = 1")" = failed ] || fail "export 1 is $(sql "SELECT state FROM exports WHERE id = 1")"
run_status 0 $CG export show 1
expect_contains "$TMP/out" "Why: the disk filled up"

# Recording went on, and what was recorded is as it was.
more () { [ "$(sql "SELECT count(*) FROM segments WHERE id > $recorded AND state = 'complete'")" -ge 1 ]; }
wait_for 20 more || fail "recording stopped"
state_is "Cam 1" recording || fail "Cam 1 is $(camera_state "Cam 1")"
while IFS='|' read -r p d; do
  [ "$(sha256sum "$TMP/data/$p" | cut -d' ' -f1)" = "$d" ] || fail "$p changed"
done < "$TMP/before.txt"
stop_daemon
exit 0
