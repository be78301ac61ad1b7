#!/bin/sh
# Pictures in a real terminal (tmux), as an officer sees them: at 160x48
# the Map's detail picture takes the room there is; a camera taken away
# keeps its last picture, grey and saying how old it is, on the Grid and
# in the Map's details; and more or fewer tiles keep the selected
# camera's tile on the screen.
. "$(dirname "$0")/../integration/lib.sh"

command -v tmux >/dev/null || fail "tmux is needed (apt-get install tmux)"
loc=$(vi_locale) || exit $?
CANHGAC_LOCALEDIR="$TMP/locale"; export CANHGAC_LOCALEDIR

mkfifo "$TMP/camsim.in"
exec 9<>"$TMP/camsim.in"
"$CAMSIM" --port 0 --cameras 5 --size 320x180 --gop 1 <&9 >"$TMP/camsim.out" 2>"$TMP/camsim.log" &
CG_PIDS="$CG_PIDS $!"
wait_for 60 grep -qx ready "$TMP/camsim.out" || fail "camsim did not start"
PORT=$(sed -n 's|^rtsp://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/camsim.out" | head -n 1)
write_config 10s 2s
printf '[station]\nmap = %s/data/commune.map\n' "$top_srcdir" >> "$TMP/cg.conf"
start_daemon
for i in 1 2 3 4 5; do
  add_camera "Camera $i" "rtsp://127.0.0.1:$PORT/cam$i" --map $((10 + 8 * i)),$((4 + i))
done
wait_for 20 state_is "Camera 5" recording || fail "not recording"

TM="tmux -L canhgac-pictures-$$"
trap '$TM kill-server 2>/dev/null; cleanup' EXIT
$TM new-session -d -s st -x 160 -y 48 \
  "LANG=$loc LC_ALL=$loc LANGUAGE= CANHGAC_LOCALEDIR=$TMP/locale TERM=xterm-256color $CG; echo EXIT=\$?; sleep 60"
screen () { $TM capture-pane -p -t st > "$TMP/screen"; }
show () { screen; echo "--- screen:" >&2; cat "$TMP/screen" >&2; }
see () {
  wait_for "${2:-10}" sh -c "$TM capture-pane -p -t st | grep -qF -- '$1'" || {
    show; fail "the screen never showed “$1”"; }
}
keys () { $TM send-keys -t st "$@"; }
# Only pictures use the 256-colour palette (the screens' own colours are
# the 8 basic ones): a row holding a 256-colour cell holds a picture.
colours () { $TM capture-pane -e -p -t st | grep -o '[34]8;5;[0-9]*' | sed 's/.*;//'; }
picture_rows () { $TM capture-pane -e -p -t st | grep -c '[34]8;5;' || true; }
rows_at_least () { [ "$(picture_rows)" -ge "$1" ]; }
# Every picture cell grey: the palette's grey ramp or the colour cube's
# diagonal; and at least one such cell.
all_grey () {
  colours > "$TMP/colours"
  [ -s "$TMP/colours" ] || return 1
  ! grep -qvxE '23[2-9]|24[0-9]|25[0-5]|16|59|102|145|188|231' "$TMP/colours"
}
not_grey () { colours | grep -qvxE '23[2-9]|24[0-9]|25[0-5]|16|59|102|145|188|231'; }

see "Bản đồ"
see "đã kết nối"

# The Map's details at 160x48: the picture far larger than the 14 rows
# it had, and the text beside it whole.
keys Enter
see "Esc: đóng"
wait_for 60 rows_at_least 25 \
  || { show; fail "the Map's detail picture has $(picture_rows) rows at 160x48, not 25 or more"; }
screen
expect_contains "$TMP/screen" "Camera 1"
expect_contains "$TMP/screen" "Tốc độ bit trong 1 giờ qua:"
# Live: in colour, no age.
wait_for 30 not_grey || { show; fail "a live camera's picture is grey"; }
expect_not_contains "$TMP/screen" "hình lúc"
keys Escape

# The Grid, 4 to a page; the last camera selected is on the second page.
keys F3
see "4 camera mỗi trang"
keys Down Down Right Right Right Right
see "Trang 2/2, 4 camera mỗi trang"
# One to a page: still the last camera's tile; 4, 9: still on screen.
keys +
see "Trang 5/5, 1 camera mỗi trang"
see "Camera 5"
keys -
see "Trang 2/2, 4 camera mỗi trang"
see "Camera 5"
keys -
see "Trang 1/1, 9 camera mỗi trang"
see "Camera 5"
# Back to the first camera, one to a page.
keys Left Left Left Left + +
see "Trang 1/5, 1 camera mỗi trang"
see "Camera 1"
keys Right
see "Trang 2/5, 1 camera mỗi trang"
see "Camera 2"
wait_for 60 rows_at_least 20 || { show; fail "no picture of Camera 2 on the Grid"; }

# Camera 2 taken away: its last picture stays, grey, saying so and how
# old it is; never in colour as if live.
echo "stop cam2" >&9
see "Mất kết nối · hình lúc" 20
screen
grep -qE "Mất kết nối · hình lúc [0-9]{2}:[0-9]{2}, [0-9]+ (giây|phút)( [0-9]+ giây)? trước" "$TMP/screen" \
  || { cat "$TMP/screen" >&2; fail "the offline tile does not say how old its picture is"; }
wait_for 60 all_grey || { show; sort -u "$TMP/colours" | tr '\n' ' ' >&2; fail "the offline picture is not grey"; }
[ "$(picture_rows)" -ge 20 ] || { show; fail "the offline camera's last picture is gone"; }
screen; cp "$TMP/screen" "$TMP/grid-offline"

# The same in the Map's details.
keys F2
see "XÃ HOẰNG KIM"
keys Enter
see "Esc: đóng"
see "Mất kết nối · hình lúc"
# (another size: it comes anew, row by row as the line allows)
wait_for 60 rows_at_least 25 || { show; fail "the Map's offline picture has $(picture_rows) rows"; }
all_grey || { show; sort -u "$TMP/colours" | tr '\n' ' ' >&2; fail "the offline picture is not grey on the Map"; }

# Small terminals still work: 80x24 and 40x10, details open.
$TM resize-window -t st -x 80 -y 24
see "Esc: đóng"
wait_for 30 rows_at_least 6 || { show; fail "no picture in the Map's details at 80x24"; }
screen
[ "$(wc -L < "$TMP/screen")" -le 80 ] || fail "lines wider than the terminal"
$TM resize-window -t st -x 40 -y 10
see "Esc: đóng"
screen
[ "$(wc -L < "$TMP/screen")" -le 40 ] || fail "lines wider than the terminal"
$TM resize-window -t st -x 160 -y 48

# The Status screen's page of a camera has its picture too.
keys Escape F4
see "Nguyên nhân / cách xử lý"
keys Enter
see "Các lần mất hình gần đây"
wait_for 60 rows_at_least 20 || { show; fail "no picture on the camera's page at 160x48"; }

keys F10
see "EXIT=0"
exit 0
