#!/bin/sh
# The playback screen (F6 Xem lại) and the live view in a real terminal
# (tmux), as an officer uses them: F6 on a camera, a time typed (and a
# wrong one refused at the field), play and the time on screen advances,
# pause, mark in and out, export with a progress bar, and the file
# written beside the station plays and matches its digest; then live,
# at most 3 s behind the wall clock, with no new connection to the
# camera; Enter on a Grid tile opens it full-screen and Esc goes back;
# the tour moves through the cameras; a camera that stops is said to be
# down, with its last picture's age.  Speeds show on the info line, and a
# frame saved at full size is the camera's own picture.
. "$(dirname "$0")/../integration/lib.sh"

command -v tmux >/dev/null || fail "tmux is needed (apt-get install tmux)"
command -v ss >/dev/null || fail "ss is needed (apt-get install iproute2)"
loc=$(vi_locale) || exit $?
CANHGAC_LOCALEDIR="$TMP/locale"; export CANHGAC_LOCALEDIR

start_camsim --cameras 2 --size 320x240
write_config 10s 3s
start_daemon
add_camera "Cổng chợ" "rtsp://127.0.0.1:$PORT/cam1"
add_camera "Trạm y tế" "rtsp://127.0.0.1:$PORT/cam2"
wait_for 20 state_is "Trạm y tế" recording || fail "not recording"
# 45 s of footage and more: the first segment began that long ago.
footage () { sqlite3 -cmd '.timeout 5000' "$DB" "select coalesce(strftime('%s','now') - min(start_us) / 1000000, 0) from segments"; }
wait_for 120 sh -c "[ \$($(command -v sqlite3) -cmd '.timeout 5000' '$DB' \"select coalesce(strftime('%s','now') - min(start_us) / 1000000, 0) from segments\") -ge 45 ]" \
  || fail "no 45 s of footage after 120 s ($(footage) s)"

connections () { ss -Htn state established "( dport = :$PORT )" | wc -l; }
before=$(connections)

TM="tmux -L canhgac-playback-$$"
trap '$TM kill-server 2>/dev/null; cleanup' EXIT
mkdir -p "$TMP/here"
$TM new-session -d -s st -x 120 -y 36 \
  "cd $TMP/here && LANG=$loc LC_ALL=$loc LANGUAGE= CANHGAC_LOCALEDIR=$TMP/locale TERM=xterm-256color CANHGAC_STATION_STATS=$TMP/stats.json $CG; echo EXIT=\$?; sleep 60"
screen () { $TM capture-pane -p -t st > "$TMP/screen"; }
see () {
  wait_for "${2:-10}" sh -c "$TM capture-pane -p -t st | grep -qF -- '$1'" || {
    screen; echo "--- screen:" >&2; cat "$TMP/screen" >&2; fail "the screen never showed “$1”"; }
}
keys () { $TM send-keys -t st "$@"; }
# shown — the time of the picture, from the line under it, in seconds
# since the epoch (local time, as it is printed).
shown () {
  t=$($TM capture-pane -p -t st | sed -n 's|.*Cổng chợ  \([0-9/]* [0-9:]*\)  .*|\1|p' | tail -n 1)
  [ -n "$t" ] || { screen; cat "$TMP/screen" >&2; fail "no time under the picture"; }
  date -d "$(echo "$t" | awk '{split($1,d,"/"); print d[3] "-" d[2] "-" d[1] " " $2}')" +%s
}

see "Bản đồ"
keys F6
see "Xem lại"
see "tạm dừng"

# A time that does not exist: refused at the field, what was typed kept.
keys g
see "Đến lúc:"
keys "31/02 10:00" Enter
see "không có ngày"
see "Đến lúc: 31/02 10:00_"
keys C-u
# 35 s ago, typed as the time of day.
target=$(( $(date +%s) - 35 ))
keys "$(date -d "@$target" +%H:%M:%S)" Enter
wait_for 10 sh -c "! $TM capture-pane -p -t st | grep -qF 'Đến lúc:'" || fail "the field stayed open"
sleep 1
at=$(shown)
[ $((at - target)) -le 0 ] && [ $((target - at)) -le 1 ] \
  || fail "went to $(date -d "@$at" +%T), asked for $(date -d "@$target" +%T)"

# Play: the time on screen advances; pause: it stops.
keys Space
see "đang phát 1×"
sleep 4
played=$(shown)
[ $((played - at)) -ge 2 ] || fail "4 s of playing moved the picture from $at to $played"
keys Space
see "tạm dừng (1×)"
sleep 1
p1=$(shown); sleep 2; p2=$(shown)
[ "$p1" = "$p2" ] || fail "the time moved while paused ($p1 then $p2)"

# Speeds on the info line.
keys +
see "tạm dừng (2×)"
keys - -
see "tạm dừng (½×)"
keys +
see "tạm dừng (1×)"

# The frame on screen at full size, from the recording, beside the station.
keys c
see "Đã lưu ảnh chụp"
jpg=$(ls "$TMP"/here/cong-cho_*.jpg)
[ "$(ffprobe -v error -select_streams v:0 -show_entries stream=codec_name,width,height -of csv=p=0 "$jpg")" = "mjpeg,320,240" ] \
  || fail "the saved picture is not a 320x240 JPEG: $(ffprobe -v error -show_streams "$jpg" | head -5)"

# Mark in, 10 s on, mark out, export: a progress bar, then the files.
keys i
see "Đã đánh dấu từ"
keys Right
sleep 1
keys o
see "e: xuất đoạn này"
# The bar may come and go between two looks: watch every 50 ms.
( for _ in $(seq 1 200); do $TM capture-pane -p -t st; sleep 0.05; done ) > "$TMP/watch" 2>/dev/null &
watcher=$!
keys e
see "Đã ghi bản xuất số 1" 60
wait "$watcher" 2>/dev/null || true
grep -q "Đang xuất bản số 1: \[.*\] [0-9]*%" "$TMP/watch" || fail "no progress bar while exporting"
mp4=$(ls "$TMP"/here/cong-cho_*.mp4)
[ -f "$mp4" ] || fail "no MP4 written beside the station"
(cd "$TMP/here" && sha256sum -c "$(basename "$mp4").sha256" >/dev/null) || fail "the digest does not match"
[ -f "${mp4%.mp4}.custody.txt" ] || fail "no custody record"
ffprobe -v error -show_entries format=duration -of csv=p=0 "$mp4" > "$TMP/duration" 2>"$TMP/ffprobe.err" \
  || fail "ffprobe cannot read the export"
[ ! -s "$TMP/ffprobe.err" ] || fail "ffprobe warned: $(cat "$TMP/ffprobe.err")"
python3 -c "import sys; d=float(open(sys.argv[1]).read()); sys.exit(0 if 8 <= d <= 14 else 1)" "$TMP/duration" \
  || fail "exported $(cat "$TMP/duration") s for 10 s marked"
$CG export verify "$mp4" | grep -q "1" || fail "export verify does not know the file"

# Live: at most 3 s behind the clock, and no new connection to the camera.
keys l
see "TRỰC TIẾP"
sleep 3
worst=0
for _ in 1 2 3 4 5; do
  lag=$(( $(date +%s) - $(shown) ))
  [ "$lag" -gt "$worst" ] && worst=$lag
  sleep 1
done
# Seconds on screen are cut, not rounded: 3 s behind reads as up to 4.
[ "$worst" -le 4 ] || fail "live was $worst s behind the clock"
[ "$(connections)" = "$before" ] || fail "the live view opened a connection to the camera ($before before, $(connections) now)"

# Enter on a Grid tile: that camera live, full-screen; Esc: the Grid.
keys F3
see "camera mỗi trang"
keys Enter
see "TRỰC TIẾP"
screen
grep -q "camera mỗi trang" "$TMP/screen" && fail "the Grid is still there under the live view"
# The tour: full-screen, live, the next camera within its 8 s.
keys t
see "xoay vòng"
see "Trạm y tế  " 20
keys t
keys Escape
see "camera mỗi trang"
# Back on the first camera for what follows.
keys Left Up
sleep 1

# The camera stops: its last picture is said to be old, not live.
keys Enter
see "TRỰC TIẾP"
kill "$CAMSIM_PID"
see "CAMERA MẤT KẾT NỐI: hình cuối cùng, cách đây" 30

keys F10
see "EXIT=0"
python3 - "$TMP/stats.json" <<'PY' || fail "stats: $(cat "$TMP/stats.json")"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["frames_shown"] > 0, s
assert len(s["seek_ms"]) >= 1, s
PY
echo "playback: export $(cat "$TMP/duration") s, live at most $worst s behind"
