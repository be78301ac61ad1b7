#!/bin/sh
# canhgac snapshot: a camera's picture at full size, from the recordings
# at a moment (--at) or live; the picture is the one recorded then; bad
# requests say what to do and write nothing; pictures from the
# recordings are audited; a removed camera's recordings still give
# pictures, and its name, once a new camera has it, means the new one.
. "$(dirname "$0")/lib.sh"

mkfifo "$TMP/camsim.in"
exec 9<>"$TMP/camsim.in"
"$CAMSIM" --port 0 --cameras 2 --size 1280x720 <&9 >"$TMP/camsim.out" 2>"$TMP/camsim.log" &
CG_PIDS="$CG_PIDS $!"
wait_for 120 grep -qx ready "$TMP/camsim.out" || { cat "$TMP/camsim.log" >&2; fail "camsim did not start"; }
PORT=$(sed -n 's|^rtsp://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/camsim.out" | head -n 1)
write_config 4s 3s
start_daemon
add_camera "Cổng chợ" "rtsp://127.0.0.1:$PORT/cam1"
add_camera "Đình" "rtsp://127.0.0.1:$PORT/cam2"
wait_for 15 state_is "Cổng chợ" recording || fail "camera 1 is not recording"
wait_for 15 state_is "Đình" recording || fail "camera 2 is not recording"
sleep 8

# local_time SECONDS_AGO — a time as officers type it, in local time.
local_time () { date -d "@$(( $(date +%s) - $1 ))" '+%d/%m/%Y %H:%M:%S'; }
# audited — snapshot.get rows in the audit log.
audited () { rpc audit.list '{"limit": 10000}' | json_get "len([e for e in d['result']['entries'] if e['action'] == 'snapshot.get'])"; }
# no_file FILE — nothing was written, not even a temporary file beside it.
no_file () {
  [ ! -e "$1" ] || fail "$1 was written"
  ls "$TMP"/*.jpg.* "$TMP"/*.png.* 2>/dev/null && fail "a temporary file was left behind"
  return 0
}

# ---- a moment of the recordings ----------------------------------------------
at_s=$(( $(date +%s) - 5 ))
AT=$(date -d "@$at_s" '+%d/%m/%Y %H:%M:%S')
$CG snapshot --camera "Cổng chợ" --at "$AT" -o "$TMP/at.jpg" --json > "$TMP/at.json" 2> "$TMP/err" \
  || fail "snapshot --at: $(cat "$TMP/err")"
dims=$(ffprobe -v error -select_streams v:0 -show_entries stream=codec_name,width,height -of csv=p=0 "$TMP/at.jpg")
[ "$dims" = "mjpeg,1280,720" ] || fail "the picture is $dims, expected a 1280x720 JPEG"
[ "$(stat -c %a "$TMP/at.jpg")" = 600 ] || fail "the picture's mode is $(stat -c %a "$TMP/at.jpg")"
[ "$(json_get "d['source'], d['removed'], d['width'], d['height']" < "$TMP/at.json")" = "recording False 1280 720" ] \
  || fail "reply: $(cat "$TMP/at.json")"
seg=$(json_get "d['segment']" < "$TMP/at.json")
seg_path="$TMP/data/$(sql "SELECT path FROM segments WHERE id = $seg")"
seg_start=$(sql "SELECT start_us FROM segments WHERE id = $seg")

# The picture is the frame shown at that moment: at most a frame before
# the time asked; and it is the frame ffmpeg decodes from the segment at
# the same place (grey 160x90, mean absolute difference), while a frame a
# second away differs plainly.
verdict=$(python3 - "$TMP/at.json" "$at_s" "$seg_path" "$seg_start" "$TMP/at.jpg" <<'PY'
import datetime, json, subprocess, sys
reply, at_s, path, start_us, jpeg = json.load(open(sys.argv[1])), int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
t = datetime.datetime.fromisoformat(reply['time'].replace('Z', '+00:00')).timestamp()
if not 0 <= at_s - t < 0.5:
    print("the picture is of %s, %.3f s from the time asked" % (reply['time'], at_s - t)); sys.exit()
first = subprocess.run(['ffprobe', '-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=dts_time',
                        '-read_intervals', '%+#1', '-of', 'default=nw=1:nk=1', path],
                       capture_output=True, text=True).stdout.split()[0]
def frame_at(offset):
    # The first frame at or after the segment's own time of the picture
    # (its time in the reply is cut to the millisecond).
    when = float(first) + offset - 0.001
    return subprocess.run(['ffmpeg', '-v', 'error', '-copyts', '-i', path, '-map', '0:v:0', '-vf',
                           "select='gte(t,%.6f)',scale=160:90,format=gray" % when, '-frames:v', '1',
                           '-f', 'rawvideo', '-'], capture_output=True).stdout
got = subprocess.run(['ffmpeg', '-v', 'error', '-i', jpeg, '-vf', 'scale=160:90,format=gray', '-f',
                      'rawvideo', '-'], capture_output=True).stdout
offset = t - start_us / 1e6
same, other = frame_at(offset), frame_at(max(offset - 1.0, 0) if offset >= 1.0 else offset + 1.0)
if not (len(same) == len(got) == len(other) == 160 * 90):
    print("could not compare: %d %d %d bytes" % (len(same), len(got), len(other))); sys.exit()
mad = lambda a, b: sum(abs(x - y) for x, y in zip(a, b)) / len(a)
near, far = mad(same, got), mad(other, got)
print("ok" if near < 3 and far > 10 else "differs from the recorded frame by %.2f (a second away: %.2f)" % (near, far))
print("mad %.2f, a second away %.2f" % (near, far), file=sys.stderr)
PY
)
[ "$verdict" = ok ] || fail "snapshot --at: $verdict"

# Every picture from the recordings is in the audit log, naming the
# footage and the moment.
rpc audit.list '{"limit": 10000}' > "$TMP/audit.json"
cam1=$(sql "SELECT id FROM cameras WHERE name = 'Cổng chợ'")
json_get "[e for e in d['result']['entries'] if e['action'] == 'snapshot.get'][0]" < "$TMP/audit.json" > "$TMP/row"
expect_contains "$TMP/row" "'object': 'camera:$cam1@"
expect_contains "$TMP/row" "at=$(json_get "d['time']" < "$TMP/at.json")"
[ "$(audited)" = 1 ] || fail "expected one snapshot.get row, got $(audited)"

# ---- live --------------------------------------------------------------------
$CG snapshot --camera "Cổng chợ" -o "$TMP/live.jpg" > "$TMP/out" 2> "$TMP/err" || fail "live snapshot: $(cat "$TMP/err")"
dims=$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=p=0 "$TMP/live.jpg")
[ "$dims" = "1280,720" ] || fail "the live picture is $dims, not the camera's 1280x720"
# Its time, in local time, within a few seconds of now.
grep -Eq "taken $(date '+%d/%m/%Y') [0-9]{2}:[0-9]{2}:[0-9]{2}\)" "$TMP/out" || fail "the time is not in local time: $(cat "$TMP/out")"
$CG snapshot --camera "Cổng chợ" -o "$TMP/live.jpg" --json > "$TMP/live.json" || fail "live --json"
age=$(json_get "__import__('time').time() - __import__('datetime').datetime.fromisoformat(d['time'].replace('Z', '+00:00')).timestamp()" < "$TMP/live.json")
python3 -c "import sys; sys.exit(0 if -1 < $age < 5 else 1)" || fail "the live picture is $age s old"
# A live picture is not footage: not audited.
[ "$(audited)" = 1 ] || fail "a live snapshot was audited"

# ---- refused, with what to do, and no file -------------------------------------
run_status 2 $CG snapshot --camera "Cổng chợ" -o "$TMP/foo.png"
expect_contains "$TMP/err" "does not end in .jpg or .jpeg"
no_file "$TMP/foo.png"
run_status 2 $CG snapshot --camera "Cổng chợ" --at "hôm qua" -o "$TMP/x.jpg"
expect_contains "$TMP/err" "is not a time"
no_file "$TMP/x.jpg"
run_status 1 $CG snapshot --camera "Cổng chợ" --at "$(date -d '+1 hour' '+%d/%m/%Y %H:%M')" -o "$TMP/x.jpg"
expect_contains "$TMP/err" "is in the future"
expect_contains "$TMP/err" "give a time that has passed"
no_file "$TMP/x.jpg"
run_status 1 $CG snapshot --camera "Cổng chợ" --at "$(date -d '-1 hour' '+%d/%m/%Y %H:%M')" -o "$TMP/x.jpg"
expect_contains "$TMP/err" "has no recording at $(date -d '-1 hour' '+%d/%m/%Y %H:%M'):00"
expect_contains "$TMP/err" "its first recording runs from $(date '+%d/%m/%Y')"
no_file "$TMP/x.jpg"
run_status 1 $CG snapshot --camera "Không có" -o "$TMP/x.jpg"
expect_contains "$TMP/err" "there is no camera called “Không có”"
run_status 1 $CG snapshot --camera "Không có" --at "$AT" -o "$TMP/x.jpg"
no_file "$TMP/x.jpg"
[ "$(audited)" = 1 ] || fail "a refused snapshot was audited"

# ---- a camera that stopped sending ---------------------------------------------
echo "stop cam2" >&9
wait_for 15 state_is "Đình" offline || fail "camera 2 did not go offline"
# Until its picture is a few seconds old, it is still given.
stale () {
  rm -f "$TMP/x.jpg"
  ! $CG snapshot --camera "Đình" -o "$TMP/x.jpg" 2> "$TMP/err" && grep -q " s old" "$TMP/err"
}
wait_for 15 stale || fail "a stopped camera's live snapshot: $(cat "$TMP/err")"
expect_contains "$TMP/err" "the latest picture of camera “Đình” is"
expect_contains "$TMP/err" "offline or stalled"
expect_contains "$TMP/err" "($(date '+%d/%m/%Y')"
no_file "$TMP/x.jpg"
echo "start cam2" >&9

# ---- a removed camera's recordings ---------------------------------------------
old_at=$(local_time 7)
$CG camera remove "Cổng chợ" > /dev/null || fail "camera remove"
run_status 0 $CG recordings --camera "Cổng chợ"
expect_contains "$TMP/out" "REMOVED CAMERA: “Cổng chợ” (id $cam1) was removed on"
$CG recordings --camera "Cổng chợ" --json | json_get "d['removed'], d['camera_id']" > "$TMP/out"
[ "$(cat "$TMP/out")" = "True $cam1" ] || fail "recordings --json of a removed camera: $(cat "$TMP/out")"
run_status 0 $CG camera list --removed
expect_contains "$TMP/out" "Cổng chợ"
expect_contains "$TMP/out" "--camera-id ID"
run_status 0 $CG snapshot --camera "Cổng chợ" --at "$old_at" -o "$TMP/removed.jpg"
expect_contains "$TMP/out" "was removed on"
[ "$(ffprobe -v error -show_entries stream=width -of csv=p=0 "$TMP/removed.jpg")" = 1280 ] || fail "the removed camera's picture"
run_status 1 $CG snapshot --camera "Cổng chợ" -o "$TMP/x.jpg"
expect_contains "$TMP/err" "was removed"
[ "$(audited)" = 2 ] || fail "the removed camera's picture was not audited"

# A new camera takes the name: the name means it; the removed one is
# reached with --removed or by its id.
add_camera "Cổng chợ" "rtsp://127.0.0.1:$PORT/cam2"
cam3=$(sql "SELECT id FROM cameras WHERE name = 'Cổng chợ' AND removed_us IS NULL")
wait_for 15 state_is "Cổng chợ" recording || fail "the new camera is not recording"
[ "$($CG recordings --camera "Cổng chợ" --json | json_get "d['camera_id'], d['removed']")" = "$cam3 False" ] \
  || fail "the name does not mean the new camera"
[ "$($CG recordings --camera "Cổng chợ" --removed --json | json_get "d['camera_id'], d['removed']")" = "$cam1 True" ] \
  || fail "--removed does not mean the removed camera"
run_status 1 $CG snapshot --camera "Cổng chợ" --at "$old_at" -o "$TMP/x.jpg"
expect_contains "$TMP/err" "has no recording at $old_at, but the removed camera that had its name (id $cam1) has"
no_file "$TMP/x.jpg"
run_status 0 $CG snapshot --camera "Cổng chợ" --removed --at "$old_at" -o "$TMP/r1.jpg"
run_status 0 $CG snapshot --camera-id "$cam1" --at "$old_at" -o "$TMP/r2.jpg"
cmp -s "$TMP/r1.jpg" "$TMP/r2.jpg" || fail "--removed and --camera-id gave different pictures"
run_status 2 $CG snapshot --camera-id "$cam1" --removed -o "$TMP/x.jpg"
rpc audit.list '{"limit": 10000}' | json_get "[e['object'] for e in d['result']['entries'] if e['action'] == 'snapshot.get']" > "$TMP/out"
[ "$(grep -o "camera:$cam1@" "$TMP/out" | wc -l)" = 4 ] || fail "the removed camera's pictures are not all audited: $(cat "$TMP/out")"
wait_for 10 $CG snapshot --camera "Cổng chợ" -o "$TMP/new.jpg" || fail "the new camera's live picture"
stop_daemon
exit 0
