#!/bin/sh
# A camera's inventory at the station (tmux), as an administrator keeps
# it: F4, the camera's page, e; the host's name typed through the
# station's Telex ("Nhaf oong Ba" gives "Nhà ông Ba") and the host's
# phone; a phone that is not one stays in its field with the refusal
# under it, and nothing is saved; corrected, saved: the page shows it
# and `canhgac camera show` has it.  An officer who is not an
# administrator reads the inventory on the page, and e says that only an
# administrator changes cameras.  Every wait has a timeout.
. "$(dirname "$0")/../integration/lib.sh"

command -v tmux >/dev/null || fail "tmux is needed (apt-get install tmux)"
loc=$(vi_locale) || exit $?
CANHGAC_LOCALEDIR="$TMP/locale"; export CANHGAC_LOCALEDIR

write_config 10s 3s
# A viewer (nobody, group nogroup) reaches the configuration and the
# socket when this runs as root: see tests/integration/camera_command.sh.
as_viewer=""
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && getent group nogroup >/dev/null; then
  chmod 0711 "$TMP"
  mkdir -m 0755 "$TMP/run"
  cat >> "$TMP/cg.conf" <<CONF
[roles]
viewer = nogroup
CONF
  sed -i "s|^socket = .*|socket = $TMP/run/cg.sock\ngroup = nogroup|" "$TMP/cg.conf"
  chmod 0644 "$TMP/cg.conf"
  as_viewer="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
start_daemon
# Nothing answers there: the inventory needs no footage.
add_camera "Cổng chợ" "rtsp://127.0.0.1:9/cam1" --funding community
before=$($CG camera show "Cổng chợ" --json) || fail "camera show --json"

TM="tmux -L canhgac-inventory-$$"
trap '$TM kill-server 2>/dev/null; cleanup' EXIT
env="LANG=$loc LC_ALL=$loc LANGUAGE= CANHGAC_LOCALEDIR=$TMP/locale TERM=xterm-256color"
$TM new-session -d -s st -x 120 -y 40 "$env $CG; echo EXIT=\$?; sleep 60"
screen () { $TM capture-pane -p -t "st:${1:-0}" > "$TMP/screen"; }
# see TEXT [SECONDS] [WINDOW] — waits until the window shows TEXT.
see () {
  wait_for "${2:-10}" sh -c "$TM capture-pane -p -t 'st:${3:-0}' | grep -qF -- '$1'" || {
    screen "${3:-0}"; echo "--- window ${3:-0}:" >&2; cat "$TMP/screen" >&2; fail "window ${3:-0} never showed “$1”"; }
}
keys () { $TM send-keys -t st:0 "$@"; }

see "Bản đồ"
keys F4
see "Cổng chợ"
keys Enter
see "Tài sản/Kiểm kê (e: sửa):"
see "Nguồn kinh phí: xã hội hóa"
keys e
see "Tài sản/Kiểm kê của camera Cổng chợ"
# Focus on the funding; three down, the host's name, typed in Telex.
keys Down Down Down
see "> Hộ/cơ sở đặt camera:"
keys C-t
keys "Nhaf oong Ba"
see "Nhà ông Ba_"
# Two down, the phone: not a phone number.
keys Down Down
see "> Điện thoại:"
keys "09ab 123"
# Up from the funding is the save line: six up, then Enter.
keys Up Up Up Up Up Up
see "[ Lưu ]"
keys Enter
see "“09ab 123” không phải số điện thoại"
screen
grep -q "> Điện thoại: *09ab 123_" "$TMP/screen" || { cat "$TMP/screen" >&2; fail "the bad phone did not stay in its field with the focus"; }
grep -q "Nhà ông Ba" "$TMP/screen" || { cat "$TMP/screen" >&2; fail "the name typed was lost"; }
[ "$($CG camera show "Cổng chợ" --json)" = "$before" ] || fail "a refused form changed the camera"

# Corrected, saved.
keys C-u
keys "0912 345 678"
see "0912 345 678_"
keys Up Up Up Up Up Up Enter
see "Đã lưu camera “Cổng chợ”."
see "Hộ/cơ sở đặt camera: Nhà ông Ba"
see "Điện thoại: 0912 345 678"

run_status 0 env LANG="$loc" LC_ALL="$loc" LANGUAGE= $CG camera show "Cổng chợ"
expect_contains "$TMP/out" "Hộ/cơ sở đặt camera: Nhà ông Ba"
expect_contains "$TMP/out" "Điện thoại:"
expect_contains "$TMP/out" "0912 345 678"
run_status 0 $CG camera show "Cổng chợ" --json
[ "$(json_get "d['host_name'] + '|' + d['host_phone'] + '|' + d['funding']" < "$TMP/out")" = "Nhà ông Ba|0912 345 678|community" ] \
  || fail "camera show --json: $(cat "$TMP/out")"
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'camera.update'")" -ge 1 ] || fail "no camera.update in the audit log"

# Another officer, not an administrator: reads it, cannot change it.
if [ -n "$as_viewer" ]; then
  $TM new-window -t st:1 "$env $as_viewer $CG; echo EXIT=\$?; sleep 60"
  see "Bản đồ" 10 1
  $TM send-keys -t st:1 F4
  see "Cổng chợ" 10 1
  $TM send-keys -t st:1 Enter
  see "Hộ/cơ sở đặt camera: Nhà ông Ba" 10 1
  $TM send-keys -t st:1 e
  see "Chỉ quản trị viên mới được sửa thông tin camera." 10 1
  screen 1
  expect_not_contains "$TMP/screen" "Tài sản/Kiểm kê của camera"
fi

keys F10
see "EXIT=0"
