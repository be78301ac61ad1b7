#!/bin/sh
# Four cameras for 20 s: every segment plays with its recorded duration,
# and consecutive segments leave no gap.
. "$(dirname "$0")/lib.sh"

start_camsim --cameras 4 --size 640x360 --gop 1
write_config 4s 3s
start_daemon
for i in 1 2 3 4; do add_camera "Cam $i" "rtsp://127.0.0.1:$PORT/cam$i" --place "Xóm $i"; done
wait_for 10 state_is "Cam 4" recording || fail "Cam 4 is not recording: $($CG status)"
sleep 20

# The status and recordings an officer reads.
$CG status > "$TMP/status.txt" 2>&1 || fail "status"
expect_contains "$TMP/status.txt" "Cam 4"
expect_contains "$TMP/status.txt" "recording"
for i in 1 2 3 4; do
  # Consecutive segments leave no gap.
  $CG recordings --camera "Cam $i" --json > "$TMP/rec.json" || fail "recordings"
  first=$(json_get "d['segments'][0]['start']" < "$TMP/rec.json")
  last=$(json_get "d['segments'][-1]['end']" < "$TMP/rec.json")
  inner=$(json_get "len([g for g in d['gaps'] if '$first' <= g['start'] < '$last'])" < "$TMP/rec.json")
  [ "$inner" = 0 ] || { cat "$TMP/rec.json" >&2; fail "Cam $i: gaps between segments"; }
done
$CG recordings --camera "Cam 1" > "$TMP/rec.txt" || fail "recordings"
expect_contains "$TMP/rec.txt" "segments"
run_status 1 $CG recordings --camera "No such camera"
expect_contains "$TMP/err" "No such camera"
run_status 2 $CG recordings --camera "Cam 1" --from yesterday
expect_contains "$TMP/err" "yesterday"
run_status 2 $CG recordings
expect_contains "$TMP/err" "--camera"
stop_daemon

[ "$(sql "SELECT count(*) FROM segments WHERE state != 'complete'")" = 0 ] || fail "segments left open after SIGTERM"
for i in 1 2 3 4; do
  n=$(sql "SELECT count(*) FROM segments s JOIN cameras c ON c.id = s.camera_id WHERE c.name = 'Cam $i'")
  [ "$n" -ge 4 ] || fail "Cam $i has only $n segments"
done

# ffprobe plays each segment with its recorded duration (within 1 s).
sql "SELECT path, (end_us - start_us) / 1e6, frames FROM segments" | while IFS='|' read -r path secs frames; do
  out=$(ffprobe -v error -count_frames -select_streams v:0 \
        -show_entries format=duration:stream=nb_read_frames,codec_name,width,height \
        -of default=nw=1 "$TMP/data/$path") || fail "ffprobe cannot read $path"
  dur=$(echo "$out" | sed -n 's/^duration=//p' | head -n 1)
  read_frames=$(echo "$out" | sed -n 's/^nb_read_frames=//p' | head -n 1)
  echo "$out" | grep -q "^codec_name=h264" || fail "$path: $out"
  echo "$out" | grep -q "^width=640" || fail "$path: $out"
  python3 -c "import sys; sys.exit(abs($dur - $secs) > 1.0)" || fail "$path: ffprobe says $dur s, the row $secs s"
  [ "$read_frames" = "$frames" ] || fail "$path: ffprobe read $read_frames frames, the row says $frames"
done || exit 1

# With the daemon stopped, the command line says so.
run_status 3 $CG status
expect_contains "$TMP/err" "systemctl start canhgacd"
exit 0
