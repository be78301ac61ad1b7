#!/bin/sh
# The station paces its pictures to the line by asking the terminal
# where its cursor is (CSI 6n), in a real terminal (tmux, which answers):
# the answers never reach the "/" filter, the meter shows the line it
# measured, a key during a Grid full of pictures still being sent reaches
# its screen, and on the Linux console's TERM only the glyphs its font
# has are drawn.
. "$(dirname "$0")/../integration/lib.sh"

command -v tmux >/dev/null || fail "tmux is needed (apt-get install tmux)"
loc=$(vi_locale) || exit $?
CANHGAC_LOCALEDIR="$TMP/locale"; export CANHGAC_LOCALEDIR

"$CAMSIM" --port 0 --cameras 9 --size 320x240 --gop 1 >"$TMP/camsim.out" 2>"$TMP/camsim.log" &
CG_PIDS="$CG_PIDS $!"
wait_for 60 grep -qx ready "$TMP/camsim.out" || fail "camsim did not start"
PORT=$(sed -n 's|^rtsp://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/camsim.out" | head -n 1)
write_config 10s 2s
# The lowest budget: a Grid of pictures takes a minute to send whole.
printf '[station]\nbudget = 16\n' >> "$TMP/cg.conf"
start_daemon
for i in 1 2 3 4 5 6 7 8 9; do
  add_camera "Camera $i" "rtsp://127.0.0.1:$PORT/cam$i"
done
wait_for 20 state_is "Camera 9" recording || fail "not recording"

TM="tmux -L canhgac-pacing-$$"
trap '$TM kill-server 2>/dev/null; cleanup' EXIT
# The new session before the old one goes: killing the only session ends
# the tmux server, and a session made meanwhile could meet it going.
start_station () {
  $TM new-session -d -s next -x 160 -y 48 \
    "LANG=$loc LC_ALL=$loc LANGUAGE= CANHGAC_LOCALEDIR=$TMP/locale TERM=$1 $CG; echo EXIT=\$?; sleep 60"
  $TM kill-session -t st 2>/dev/null || true
  $TM rename-session -t next st
}
screen () { $TM capture-pane -p -t st > "$TMP/screen"; }
see () {
  wait_for "${2:-10}" sh -c "$TM capture-pane -p -t st | grep -qF -- '$1'" || {
    screen; echo "--- screen:" >&2; cat "$TMP/screen" >&2; fail "the screen never showed “$1”"; }
}
keys () { $TM send-keys -t st "$@"; }
# pictures — how many screen rows hold picture symbols.
pictures () { $TM capture-pane -p -t st | grep -c '[▀▄█▌▐░▒▓]' || true; }

start_station xterm-256color
see "Lưới camera"
keys F3
# 9 tiles to a page.
keys -
see "9 camera mỗi trang"
wait_for 30 sh -c "[ \$($TM capture-pane -p -t st | grep -c '[▀▄█▌▐░▒▓]') -gt 0 ]" \
  || { screen; cat "$TMP/screen" >&2; fail "no picture reached the Grid"; }

# The meter says what the terminal's answers measured.
keys b
see "đường truyền"
see "khứ hồi"
keys b

# The filter, typed while pictures (and probes) go on: exactly what was
# typed, no "[47;1R" from an answer.
keys /
see "Lọc:"
for c in C a m e r a; do keys "$c"; sleep 0.3; done
keys Space 7
sleep 2
see "Lọc: Camera 7_"
screen
expect_not_contains "$TMP/screen" "R_"
grep "Lọc:" "$TMP/screen" | grep -q '\[[0-9]*;[0-9]*R' && { cat "$TMP/screen" >&2; fail "an answer reached the filter"; }
keys Enter
see "lọc “Camera 7”"
keys /
keys C-u
sleep 0.3
keys Escape
# The filter closed and cleared: every camera again.
wait_for 10 sh -c "! $TM capture-pane -p -t st | grep -qF 'Lọc:'" \
  || { screen; cat "$TMP/screen" >&2; fail "Esc did not close the filter"; }
see "Camera 1"

# A key while the Grid is being sent reaches its screen: the Map (the
# title bar names every screen: the Grid's footer going says it left),
# then back on Grid (its text first, its pictures row by row at
# 16 kbit/s), F4 at once.
keys F2
wait_for 10 sh -c "! $TM capture-pane -p -t st | grep -qF '9 camera mỗi trang'" \
  || { screen; cat "$TMP/screen" >&2; fail "F2 did not leave the Grid"; }
keys F3
see "9 camera mỗi trang"
screen
cp "$TMP/screen" "$TMP/grid-before"
keys F4
see "Nguyên nhân / cách xử lý"
# The Grid was still far from whole when the key was pressed: its tiles
# said what they show in words, not yet in pictures.
[ "$(grep -c 'đang ghi' "$TMP/grid-before")" -ge 3 ] \
  || { cat "$TMP/grid-before" >&2; fail "the Grid was not being sent when F4 was pressed"; }
keys F10
see "EXIT=0"

# The Linux console's font has halves, the full block and shades, no
# quadrants or eighths; xterm's fonts have them all.
start_station linux
see "Bản đồ"
keys F3
wait_for 30 sh -c "[ \$($TM capture-pane -p -t st | grep -c '[▀▄█▌▐░▒▓]') -gt 3 ]" \
  || { screen; cat "$TMP/screen" >&2; fail "no picture on the console"; }
sleep 3
screen
grep -q '[▁▂▃▅▆▇▉▊▋▍▎▏▖▗▘▙▚▛▜▝▞▟]' "$TMP/screen" \
  && { cat "$TMP/screen" >&2; fail "a glyph the console font lacks"; }
keys F10
see "EXIT=0"
exit 0
