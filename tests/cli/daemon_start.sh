#!/bin/sh
# canhgacd starts on a fresh data directory, creates the database, refuses
# a second daemon on the same footage, and stops on SIGTERM.
. "$(dirname "$0")/lib.sh"

cat > "$TMP/cg.conf" <<CONF
[daemon]
data_dir = $TMP/data
socket = $TMP/cg.sock
CONF

"$CANHGACD" --config "$TMP/cg.conf" 2>"$TMP/d1.err" &
d1=$!; CG_PIDS="$CG_PIDS $d1"
wait_for 10 grep -q "ready" "$TMP/d1.err" || { cat "$TMP/d1.err" >&2; fail "canhgacd did not get ready"; }
[ -f "$TMP/data/canhgac.db" ] || fail "no database created"
[ "$(sqlite3 "$TMP/data/canhgac.db" 'PRAGMA journal_mode')" = wal ] || fail "database is not in WAL mode"
[ "$(sqlite3 "$TMP/data/canhgac.db" 'PRAGMA user_version')" -ge 1 ] || fail "no schema"
[ "$(stat -c %a "$TMP/data")" = 700 ] || fail "data_dir (footage and camera passwords) must be private to canhgacd, mode is $(stat -c %a "$TMP/data")"

# A second daemon on the same data directory is refused, the first lives.
run_status 1 "$CANHGACD" --config "$TMP/cg.conf"
expect_contains "$TMP/err" "another canhgacd"
kill -0 "$d1" || fail "the first daemon died"

start=$(date +%s)
kill -TERM "$d1"
wait "$d1"; rc=$?
[ "$rc" = 0 ] || fail "canhgacd exited $rc on SIGTERM"
[ $(( $(date +%s) - start )) -le 5 ] || fail "canhgacd took more than 5 s to stop"
expect_contains "$TMP/d1.err" "stopped"

# A database that is not one is refused and left as it was.
mkdir -p "$TMP/junk"
head -c 8192 /dev/urandom > "$TMP/junk/canhgac.db"
cp "$TMP/junk/canhgac.db" "$TMP/junk.copy"
printf '[daemon]\ndata_dir = %s/junk\n' "$TMP" > "$TMP/junk.conf"
run_status 1 "$CANHGACD" --config "$TMP/junk.conf"
expect_contains "$TMP/err" "is not a canhgac database"
cmp -s "$TMP/junk/canhgac.db" "$TMP/junk.copy" || fail "the foreign file was modified"

# A data_dir that is a file.
: > "$TMP/plainfile"
printf '[daemon]\ndata_dir = %s/plainfile\n' "$TMP" > "$TMP/file.conf"
run_status 1 "$CANHGACD" --config "$TMP/file.conf"
expect_contains "$TMP/err" "$TMP/plainfile"

# A bad configuration stops it before it touches anything.
printf '[capture]\nsegment_seconds = 0\n' > "$TMP/bad.conf"
run_status 1 "$CANHGACD" --config "$TMP/bad.conf"
expect_contains "$TMP/err" "segment_seconds"
exit 0
