#!/bin/sh
# Footage is named by what it is: a closed segment carries the SHA-256 of
# its file (recordings.list, recording.open), the copy handed out through
# the descriptor has that digest, and the audit row of an opening names
# the camera, the segment's start and its digest rather than a row id the
# next segment may reuse.  Thinning replaces the file and its digest.
. "$(dirname "$0")/lib.sh"

command -v sha256sum >/dev/null || fail "sha256sum is needed (apt-get install coreutils)"

start_camsim --cameras 1 --size 320x240 --gop 2
write_config 2s 2s
start_daemon
add_camera "Chợ" "rtsp://127.0.0.1:$PORT/cam1"
cam_id=$(sql "SELECT id FROM cameras WHERE name = 'Chợ'")
closed () { [ "$(sql "SELECT count(*) FROM segments WHERE state = 'complete'")" -ge 2 ]; }
wait_for 30 closed || fail "no closed segments"

# Closed segments: the digest of the file on the disk; the one being
# written: null.
rpc recordings.list '{"camera": "Chợ"}' > "$TMP/list"
python3 - "$TMP/list" "$TMP/data" > "$TMP/check" <<'PY' || fail "recordings.list: $(cat "$TMP/check")"
import hashlib, json, sqlite3, sys
reply = json.load(open(sys.argv[1]))["result"]
db = sqlite3.connect(sys.argv[2] + "/canhgac.db")
closed = 0
for s in reply["segments"]:
    path = db.execute("SELECT path FROM segments WHERE id = ?", (s["id"],)).fetchone()[0]
    if s["recording"]:
        assert s["sha256"] is None, "a segment being written has a digest: %r" % s
        continue
    # A segment closed after the list was taken is left for next time.
    if s["sha256"] is None:
        sys.exit("closed segment %d has no digest" % s["id"])
    disk = hashlib.sha256(open(sys.argv[2] + "/" + path, "rb").read()).hexdigest()
    assert s["sha256"] == disk, "segment %d: %s listed, %s on the disk" % (s["id"], s["sha256"], disk)
    closed += 1
assert closed >= 2, "only %d closed segments listed" % closed
print("ok")
PY

# An opening through the descriptor: the copy's digest is the one given,
# and the audit row names camera, start and digest.
seg=$(sql "SELECT min(id) FROM segments WHERE state = 'complete'")
$RPC open "$TMP/cg.sock" "$seg" "$TMP/copy.ts" > "$TMP/reply" || fail "recording.open: $(cat "$TMP/reply")"
sha=$(json_get "d['result']['sha256']" < "$TMP/reply")
start=$(json_get "d['result']['start']" < "$TMP/reply")
[ "$(sha256sum "$TMP/copy.ts" | cut -d' ' -f1)" = "$sha" ] || fail "the copy handed out is not $sha"
row=$(sql "SELECT object || ' ' || detail FROM audit WHERE action = 'recording.open' ORDER BY id DESC LIMIT 1")
printf '%s\n' "$row" > "$TMP/row"
expect_contains "$TMP/row" "camera:$cam_id@$start"
expect_contains "$TMP/row" "camera=$cam_id "
expect_contains "$TMP/row" "start=$start"
expect_contains "$TMP/row" "sha256=$sha"
expect_not_contains "$TMP/row" "segment:$seg"

# The segment being written has no digest yet, and its opening says so.
open_seg=$(sql "SELECT id FROM segments WHERE state = 'open' ORDER BY id DESC LIMIT 1")
if [ -n "$open_seg" ]; then
  $RPC open "$TMP/cg.sock" "$open_seg" "$TMP/live.ts" > "$TMP/reply" || fail "opening the live segment: $(cat "$TMP/reply")"
  if [ "$(json_get "d['result']['recording']" < "$TMP/reply")" = True ]; then
    [ "$(json_get "d['result']['sha256']" < "$TMP/reply")" = None ] || fail "a live segment has a digest: $(cat "$TMP/reply")"
    sql "SELECT detail FROM audit WHERE action = 'recording.open' ORDER BY id DESC LIMIT 1" > "$TMP/row"
    expect_contains "$TMP/row" "sha256=recording"
  fi
fi
stop_daemon

# Thinning replaces the file: the row's digest is the new file's.
sql "UPDATE segments SET start_us = start_us - 9 * 86400000000, end_us = end_us - 9 * 86400000000"
before=$(sql "SELECT sha256 FROM segments WHERE id = $seg")
start_daemon
thinned () { [ "$(sql "SELECT thinned FROM segments WHERE id = $seg")" = 1 ]; }
wait_for 30 thinned || fail "segment $seg was not thinned"
after=$(sql "SELECT sha256 FROM segments WHERE id = $seg")
path="$TMP/data/$(sql "SELECT path FROM segments WHERE id = $seg")"
[ "$(sha256sum "$path" | cut -d' ' -f1)" = "$after" ] || fail "thinned segment: $after recorded, $(sha256sum "$path") on the disk"
if [ "$(sql "SELECT bytes < original_bytes FROM segments WHERE id = $seg")" = 1 ]; then
  [ "$after" != "$before" ] || fail "the digest was not recomputed after thinning"
fi
$RPC open "$TMP/cg.sock" "$seg" "$TMP/thin.ts" > "$TMP/reply" || fail "recording.open: $(cat "$TMP/reply")"
[ "$(sha256sum "$TMP/thin.ts" | cut -d' ' -f1)" = "$after" ] || fail "the thinned copy handed out is not $after"
stop_daemon
exit 0
