#!/bin/sh
# The quick start's first command ends in `canhgac demo`, run from the
# build tree before anything is installed: under a Vietnamese locale it
# speaks Vietnamese (the catalogue beside the programs, not only the one
# in the install prefix), and quitting removes everything it made.
. "$(dirname "$0")/../integration/lib.sh"

command -v tmux >/dev/null || fail "tmux is needed (apt-get install tmux)"
loc=$(vi_locale) || exit $?
unset CANHGAC_LOCALEDIR
mkdir "$TMP/tmp"

TM="tmux -L canhgac-demo-$$"
trap '$TM kill-server 2>/dev/null; cleanup' EXIT
$TM new-session -d -s demo -x 110 -y 30 \
  "env -u CANHGAC_LOCALEDIR -u CANHGAC_CONFIG LANG=$loc LC_ALL=$loc LANGUAGE= TMPDIR=$TMP/tmp TERM=xterm-256color $top_builddir/canhgac demo; echo EXIT=\$?; sleep 60"
screen () { $TM capture-pane -p -t demo > "$TMP/screen"; }
see () {
  wait_for "${2:-10}" sh -c "$TM capture-pane -p -t demo | grep -qF -- '$1'" || {
    screen; echo "--- screen:" >&2; cat "$TMP/screen" >&2; fail "the screen never showed “$1”"; }
}
see "Bản đồ" 60
see "Trạng thái"
see "đã kết nối" 60
screen
grep -q "F2 Map\|connected (" "$TMP/screen" && fail "the demo shows English: $(cat "$TMP/screen")"
$TM send-keys -t demo F10
see "EXIT=0" 30
[ -z "$(ls -A "$TMP/tmp")" ] || fail "the demo left files behind: $(ls -A "$TMP/tmp")"
exit 0
