#!/bin/sh
# Under systemd the daemon logs to the journal with priorities: warnings
# (a configuration refused on reload) at 4, messages (ready, stopping) at
# 5, each named canhgacd.  Run against a real systemd-journald started in
# a private mount namespace (its sockets and files on tmpfs), with the
# daemon's stderr on the journal's stream as systemd would give it.
# Needs root (the namespace); skipped otherwise.
. "$(dirname "$0")/lib.sh"

JOURNALD=/lib/systemd/systemd-journald
if [ "${1:-}" != inside ]; then
  [ "$(id -u)" = 0 ] || skip "needs root for a private mount namespace"
  [ -x "$JOURNALD" ] && command -v systemd-cat >/dev/null && command -v journalctl >/dev/null \
    || skip "systemd-journald, systemd-cat or journalctl is missing (apt-get install systemd)"
  command -v unshare >/dev/null || skip "unshare is missing (apt-get install util-linux)"
  unshare --mount --propagation private sh "$0" inside >"$TMP/inside.log" 2>&1
  rc=$?
  cat "$TMP/inside.log"
  exit $rc
fi

# ---- inside the namespace, in a scratch directory of its own -------------
for d in /run/systemd /run/log /var/log/journal; do
  [ -d "$d" ] || mkdir -p "$d" || fail "mkdir $d"
  mount -t tmpfs tmpfs "$d" || fail "mounting a tmpfs on $d"
done
"$JOURNALD" >"$TMP/journald.log" 2>&1 &
JOURNALD_PID=$!; CG_PIDS="$CG_PIDS $JOURNALD_PID"
wait_for 20 test -S /run/systemd/journal/stdout || { cat "$TMP/journald.log" >&2; fail "systemd-journald did not start"; }

write_config 60s 10s
: > "$TMP/daemon.log"
systemd-cat -t canhgacd-stream "$CANHGACD" --config "$TMP/cg.conf" &
DAEMON_PID=$!; CG_PIDS="$CG_PIDS $DAEMON_PID"
journal () {
  journalctl --directory=/run/log/journal -o json --no-pager 2>/dev/null
}
has_entry () {
  journal | python3 -c '
import json, sys
want_prio, want_text = sys.argv[1], sys.argv[2]
for line in sys.stdin:
    d = json.loads(line)
    if d.get("SYSLOG_IDENTIFIER") == "canhgacd" and want_text in d.get("MESSAGE", "") \
       and d.get("PRIORITY") == want_prio and d.get("GLIB_DOMAIN", "").startswith("canhgac-"):
        sys.exit(0)
sys.exit(1)' "$1" "$2"
}
wait_for 20 has_entry 5 "ready: configuration" \
  || { journal >&2; fail "no 'ready' message at priority 5 named canhgacd in the journal"; }

printf '[alarms]\ncamera_after = soon\n' >> "$TMP/cg.conf"
kill -HUP "$DAEMON_PID"
wait_for 20 has_entry 4 "configuration not re-read" \
  || { journal >&2; fail "the refused configuration is not a warning (priority 4) in the journal"; }

kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID" || fail "canhgacd exited $? on SIGTERM"
wait_for 20 has_entry 5 "stopped" || fail "no 'stopped' message at priority 5"
# Nothing went to the stream as plain text: every line was an entry.
journal | grep -q '"SYSLOG_IDENTIFIER":"canhgacd-stream"' && fail "canhgacd wrote plain lines to the journal's stream"
exit 0
