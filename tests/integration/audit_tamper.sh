#!/bin/sh
# The audit log cannot be quietly rewritten.  Someone with the database
# file and the sqlite3 tool (the daemon stopped, the triggers dropped)
# cuts rows from its end, or changes a row and recomputes every hash
# after it, or strips the seals and recomputes the whole chain; or the
# disk damages a page.  Each time verifying names what it found and the
# command line exits non-zero; it never says "intact".  The key and the
# head live beside the database, and the head is what officers copy.
. "$(dirname "$0")/lib.sh"

write_config 4s 2s
start_daemon
KEY="$TMP/data/audit.key"
HEAD="$TMP/data/audit.head"
[ "$(stat -c %a "$KEY")" = 600 ] || fail "the audit key has mode $(stat -c %a "$KEY")"

# Enough rows to fill several pages of the database.
add_camera "Chợ" "rtsp://127.0.0.1:1/cam1"
i=0
while [ $i -lt 40 ]; do
  rpc camera.update "{\"name\": \"Chợ\", \"place\": \"Cổng chợ, lần $i\", \"host_name\": \"Hộ ông Nguyễn Văn $i\"}" \
    > "$TMP/reply"
  grep -q '"result"' "$TMP/reply" || fail "camera.update: $(cat "$TMP/reply")"
  i=$((i + 1))
done

# The head: in status, on one line of `canhgac status`, and beside the
# database, matching the last row.  (Each connection as admin is a row.)
rpc status > "$TMP/reply"
rows=$(sql "SELECT count(*) FROM audit")
last=$(sql "SELECT hash FROM audit ORDER BY id DESC LIMIT 1")
short=$(printf %s "$last" | cut -c1-12)
[ "$(cat "$HEAD")" = "$rows $last" ] || fail "audit.head says $(cat "$HEAD"), the database $rows $last"
[ "$(json_get "d['result']['audit']['head']" < "$TMP/reply")" = "$rows/$short" ] \
  || fail "status: $(cat "$TMP/reply")"
[ "$(json_get "d['result']['audit']['rows']" < "$TMP/reply")" = "$rows" ] || fail "status rows: $(cat "$TMP/reply")"
$CG status > "$TMP/out" || fail "canhgac status"
head_now () { printf '%s/%s' "$(sql "SELECT count(*) FROM audit")" \
  "$(sql "SELECT substr(hash, 1, 12) FROM audit ORDER BY id DESC LIMIT 1")"; }
expect_contains "$TMP/out" "Audit log: $((rows + 1)) entries, head of the chain $(head_now)"
run_status 0 $CG audit verify
expect_contains "$TMP/out" "intact"
expect_contains "$TMP/out" "Head of the chain: $(head_now)"
[ "$(sql "SELECT count(*) FROM audit WHERE mac IS NULL")" = 0 ] || fail "rows written without a seal"
stop_daemon

# A key others may read: the daemon does not start.
chmod 0644 "$KEY"
"$CANHGACD" --config "$TMP/cg.conf" > /dev/null 2> "$TMP/err" && fail "canhgacd started with a readable key"
expect_contains "$TMP/err" "chmod 600"
chmod 0600 "$KEY"

cp -a "$TMP/data" "$TMP/good"
restore () { rm -rf "$TMP/data"; cp -a "$TMP/good" "$TMP/data"; }
rows=$(sql "SELECT count(*) FROM audit")

# 1. The last rows cut off.
sqlite3 "$DB" "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id > $((rows - 3));"
start_daemon
run_status 1 $CG audit verify
expect_contains "$TMP/out" "tampered"
expect_contains "$TMP/out" "missing from the end"
expect_contains "$TMP/out" "records $rows rows"
expect_not_contains "$TMP/out" "intact"
rpc audit.verify > "$TMP/reply"
[ "$(json_get "d['result']['ok']" < "$TMP/reply")" = False ] || fail "audit.verify: $(cat "$TMP/reply")"
[ "$(json_get "d['result']['missing'] > 0" < "$TMP/reply")" = True ] || fail "audit.verify: $(cat "$TMP/reply")"
# Rows appended since do not move the head past the cut.
[ "$(cut -d' ' -f1 "$HEAD")" = "$rows" ] || fail "the head moved to $(cat "$HEAD")"
grep -q "no longer holds its head" "$TMP/daemon.log" || fail "the daemon did not log the cut"
stop_daemon
restore

# 2. One row changed, every later hash recomputed as canhgacd computes
# them (length-prefixed fields): the chain holds, the seals do not.
cat > "$TMP/rechain.py" <<'PY'
import hashlib, sqlite3, sys

def row_hash(prev, at_us, *fields):
    h = hashlib.sha256()
    for f in (prev, str(at_us)) + fields:
        b = (f or "").encode()
        h.update(str(len(b)).encode() + b":" + b)
    return h.hexdigest()

db, first, strip = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "strip"
c = sqlite3.connect(db, isolation_level=None)
c.execute("DROP TRIGGER IF EXISTS audit_no_update")
c.execute("BEGIN")
if first > 0:
    c.execute("UPDATE audit SET user = 'someone' WHERE id = ?", (first,))
if strip:
    c.execute("UPDATE audit SET mac = NULL")
prev = c.execute("SELECT coalesce((SELECT hash FROM audit WHERE id = ?), ?)",
                 (max(first, 1) - 1, "0" * 64)).fetchone()[0]
for rid, at, user, action, obj, detail in c.execute(
        "SELECT id, at_us, user, action, object, detail FROM audit WHERE id >= ? ORDER BY id",
        (max(first, 1),)).fetchall():
    h = row_hash(prev, at, user, action, obj, detail)
    c.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", (prev, h, rid))
    prev = h
c.execute("COMMIT")
PY
python3 "$TMP/rechain.py" "$DB" 7 keep || fail "rewriting the chain"
start_daemon
run_status 1 $CG audit verify
expect_contains "$TMP/out" "tampered with at entry 7"
expect_contains "$TMP/out" "seal does not match"
rpc audit.verify > "$TMP/reply"
[ "$(json_get "d['result']['first_bad']['id']" < "$TMP/reply")" = 7 ] || fail "audit.verify: $(cat "$TMP/reply")"
stop_daemon
restore

# 3. Every seal stripped and the chain recomputed, so that the log looks
# written before sealing began: its first row says when sealing began.
python3 "$TMP/rechain.py" "$DB" 7 strip || fail "rewriting the chain"
start_daemon
run_status 1 $CG audit verify
expect_contains "$TMP/out" "tampered with at entry 1:"
expect_contains "$TMP/out" "seal was removed"
stop_daemon
restore

# ... and with that row cut out too, the rest renumbered and rechained:
# the head kept outside the database does not agree.
sqlite3 "$DB" "DROP TRIGGER audit_no_delete; DROP TRIGGER audit_no_update;
  DELETE FROM audit WHERE id = 1; UPDATE audit SET id = id - 1;"
python3 "$TMP/rechain.py" "$DB" 0 strip || fail "rewriting the chain"
start_daemon
run_status 1 $CG audit verify
expect_contains "$TMP/out" "tampered with at entry $rows:"
expect_contains "$TMP/out" "differs from the head"
stop_daemon
restore

# 4. A damaged page among the audit log's: a read error, never "intact".
# A leaf in the middle of the table, neither its first nor its last.
page=$(sqlite3 "$DB" "SELECT pageno FROM dbstat WHERE name = 'audit' AND pagetype = 'leaf' ORDER BY pageno")
n=$(printf '%s\n' "$page" | wc -l)
[ "$n" -ge 3 ] || fail "the audit log fills only $n pages"
victim=$(printf '%s\n' "$page" | sed -n "$(( (n + 1) / 2 ))p")
size=$(sqlite3 "$DB" "PRAGMA page_size")
python3 -c 'import sys; sys.stdout.buffer.write(bytes([0xA5]) * int(sys.argv[1]))' "$size" \
  | dd of="$DB" bs="$size" seek=$((victim - 1)) count=1 conv=notrunc status=none
start_daemon
run_status 1 $CG audit verify
expect_not_contains "$TMP/out" "intact"
expect_contains "$TMP/err" "cannot be read"
rpc audit.verify > "$TMP/reply"
[ "$(json_get "d['error']['code']" < "$TMP/reply")" = -32004 ] || fail "audit.verify: $(cat "$TMP/reply")"
stop_daemon
exit 0
