#!/bin/sh
# Two stations edit the same incident on F5 (two tmux sessions, one
# daemon): the first, another officer, saves a new place; the second
# saves its own description over the version it read and is refused:
# the form says who changed it and when (to the second), keeps what was
# typed, and nothing of it is saved.  Ctrl+L, which the refused form
# offers, loads their place into the field not touched and keeps the
# typed description; saved again, both are in the record.  Every wait
# has a timeout: nothing depends on the machine's speed.
. "$(dirname "$0")/../integration/lib.sh"

command -v tmux >/dev/null || fail "tmux is needed (apt-get install tmux)"
[ "$(id -u)" = 0 ] || skip "needs root to run a station as another user"
command -v setpriv >/dev/null || fail "setpriv is needed (apt-get install util-linux)"
getent group nogroup >/dev/null && getent group users >/dev/null || skip "needs the nogroup and users groups"
loc=$(vi_locale) || exit $?
CANHGAC_LOCALEDIR="$TMP/locale"; export CANHGAC_LOCALEDIR

# The other officer is nobody (an operator through the group users); this
# station is root.
chmod 0755 "$TMP"
chmod -R a+rX "$TMP/locale"
mkdir -m 0755 "$TMP/run"
cat > "$TMP/cg.conf" <<CONF
[daemon]
data_dir = $TMP/data
socket = $TMP/run/cg.sock
group = nogroup
[roles]
viewer = nogroup
operator = users
admin =
CONF
chmod 0644 "$TMP/cg.conf"
CG="$CANHGAC --config $TMP/cg.conf"
DB="$TMP/data/canhgac.db"
start_daemon
other=$(id -un 65534)

year=$(date +%Y)
$CG incident add --kind trom_cap --from "$(date -u -d '-2 hour' +%Y-%m-%dT%H:%M:%SZ)" \
  --to "$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)" --place "Cổng chợ" \
  --description "Mất xe máy" > /dev/null || fail "incident add"

TM="tmux -L canhgac-conflict-$$"
trap '$TM kill-server 2>/dev/null; cleanup' EXIT
env="LANG=$loc LC_ALL=$loc LANGUAGE= CANHGAC_LOCALEDIR=$TMP/locale TERM=xterm-256color HOME=$TMP/run"
$TM new-session -d -s a -x 120 -y 36 \
  "setpriv --reuid=65534 --regid=100 --groups=65534 env $env $CG; echo EXIT=\$?; sleep 60"
$TM new-session -d -s b -x 120 -y 36 "env $env $CG; echo EXIT=\$?; sleep 60"
screen () { $TM capture-pane -p -t "$1" > "$TMP/screen"; }
# see SESSION TEXT [SECONDS] — waits until the session shows TEXT.
see () {
  wait_for "${3:-10}" sh -c "$TM capture-pane -p -t '$1' | grep -qF -- '$2'" || {
    screen "$1"; echo "--- station $1:" >&2; cat "$TMP/screen" >&2; fail "station $1 never showed “$2”"; }
}
# gone SESSION TEXT — waits until the session no longer shows TEXT.
gone () {
  wait_for 10 sh -c "! $TM capture-pane -p -t '$1' | grep -qF -- '$2'" || {
    screen "$1"; cat "$TMP/screen" >&2; fail "station $1 still shows “$2”"; }
}
keys () { s=$1; shift; $TM send-keys -t "$s" "$@"; }
field () { sql "SELECT $1 FROM incidents WHERE number = 1"; }

# Both open the incident's edit form: its page, then e.
for s in a b; do
  see $s "Bản đồ"
  keys $s F5
  see $s "1/$year"
  keys $s Enter
  see $s "Lịch sử"
  keys $s e
  see $s "Sửa vụ việc 1/$year"
done

# a: the place (the fifth field), through Telex, then [ Lưu ] (the line
# after the tenth field) and saved.
keys a Tab Tab Tab Tab C-u C-t
keys a "Chowj mowis"
see a "Chợ mới_"
keys a Tab Tab Tab Tab Tab Tab Tab
keys a Enter
see a "Đã lưu vụ việc 1/$year"
[ "$(field place)" = "Chợ mới" ] || fail "the first save is not in the record: $(field place)"
[ "$(field version)" = 2 ] || fail "the first save did not make version 2"

# b, at version 1: more to what happened (the sixth field), saved.
keys b Tab Tab Tab Tab Tab Tab End
keys b " trước cổng"
see b "Mất xe máy trước cổng_"
keys b Tab Tab Tab Tab Tab
keys b Enter
# Refused: who changed it and when, to the second, in b's words.
at=$(date -d "@$(( $(field updated_us) / 1000000 ))" +'%d/%m/%Y %H:%M:%S')
see b "$other đã sửa vụ việc này lúc $at"
see b "Chưa lưu gì của đồng chí"
see b "Ctrl+L: nạp bản mới"
screen b
grep -qF "Sửa vụ việc 1/$year" "$TMP/screen" || { cat "$TMP/screen" >&2; fail "the form closed on a conflict"; }
grep -qF "Mất xe máy trước cổng" "$TMP/screen" || { cat "$TMP/screen" >&2; fail "what was typed is gone"; }
grep -qF "Cổng chợ" "$TMP/screen" || { cat "$TMP/screen" >&2; fail "the form lost the place it read"; }
[ "$(field description)" = "Mất xe máy" ] || fail "a refused save changed the record: $(field description)"
[ "$(field version)" = 2 ] || fail "a refused save changed the version"

# Ctrl+L: their place, our description; saved again.
keys b C-l
see b "Đã nạp bản mới, giữ những gì đồng chí đã gõ. Hãy lưu lại."
gone b "Ctrl+L: nạp bản mới"
screen b
grep -qF "Chợ mới" "$TMP/screen" || { cat "$TMP/screen" >&2; fail "their place was not loaded"; }
grep -qF "Mất xe máy trước cổng" "$TMP/screen" || { cat "$TMP/screen" >&2; fail "the reload lost what was typed"; }
keys b Enter
see b "Đã lưu vụ việc 1/$year"
[ "$(field place)" = "Chợ mới" ] || fail "the second save undid the first: $(field place)"
[ "$(field description)" = "Mất xe máy trước cổng" ] || fail "the second save is not in the record: $(field description)"
[ "$(field version)" = 3 ] || fail "the second save did not make version 3"
[ "$(field updated_by)" = root ] || {
  sql "SELECT id, user, action, detail FROM audit WHERE object LIKE 'incident:%' ORDER BY id" >&2
  fail "the second save is not root's: $(field updated_by)"; }

keys a F10
keys b F10
see a "EXIT=0"
see b "EXIT=0"
echo "incident_conflict: the second save refused, naming $other and the time, what was typed kept; reloaded and saved"
