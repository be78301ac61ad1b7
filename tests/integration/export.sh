#!/bin/sh
# Evidence export: footage across three segments becomes one MP4 that
# plays anywhere (ffprobe has nothing to say, the index before the media,
# avc1 and AAC), starts at the keyframe at or before the start asked for
# and lasts what was asked within one GOP; its .sha256 passes sha256sum
# -c; its custody record lists the three segments with their digests;
# `export verify` recognises it, and refuses it once one byte changes.
# A viewer may not export; each bad request is refused with its reason;
# Ctrl-C cancels an export on the daemon; a daemon killed mid-export
# lists that export as failed once restarted, with nothing half-written
# left; footage thinned before the export is said to be.
#
# The task speaks of a two-minute export; recording that long would make
# the test slow for nothing it proves, so the segments are 10 s and the
# export 25 s: three segments just the same.
. "$(dirname "$0")/lib.sh"

command -v sha256sum >/dev/null || fail "sha256sum is needed (coreutils)"
command -v script >/dev/null || fail "script is needed (apt-get install bsdutils)"

start_camsim --cameras 1 --size 640x360 --gop 1 --audio aac
# The socket where another user may reach it (the viewer below), in a
# group nobody is in; exports at most one hour.
chmod 0755 "$TMP"
mkdir -m 0755 "$TMP/run" "$TMP/bin" "$TMP/files"
cp "$(dirname "$0")/rpc.py" "$TMP/bin/"
chmod 0755 "$TMP/bin/rpc.py"
cat > "$TMP/cg.conf" <<CONF
[daemon]
data_dir = $TMP/data
socket = $TMP/run/cg.sock
group = nogroup
[capture]
segment_seconds = 10s
stall_seconds = 3s
[export]
max_hours = 1h
[roles]
viewer = nogroup
operator = users
admin =
CONF
chmod 0644 "$TMP/cg.conf"
CG="$CANHGAC --config $TMP/cg.conf"
DB="$TMP/data/canhgac.db"
SOCK="$TMP/run/cg.sock"
start_daemon
add_camera "Chợ Hoàng Kim" "rtsp://127.0.0.1:$PORT/cam1" --place "Cổng chợ"
wait_for 10 state_is "Chợ Hoàng Kim" recording || fail "not recording: $($CG status)"

# Three segments closed, and the fourth begun.
complete () { [ "$(sql "SELECT count(*) FROM segments WHERE state = 'complete'")" -ge "$1" ]; }
wait_for 60 complete 3 || fail "three segments were not recorded: $(sql "SELECT id, state, start_us, end_us FROM segments")"
s1=$(sql "SELECT start_us FROM segments ORDER BY start_us LIMIT 1")
s3_end=$(sql "SELECT end_us FROM segments WHERE state = 'complete' ORDER BY start_us LIMIT 1 OFFSET 2")
# From 4 s into the first segment, 25 s long: into the third.  As an
# officer types them, in local time to the second.
from_s=$(( s1 / 1000000 + 4 )); to_s=$(( from_s + 25 ))
[ $(( to_s * 1000000 )) -le "$s3_end" ] || fail "the third segment ends too early: $(sql "SELECT id, start_us, end_us FROM segments")"
FROM=$(date -d "@$from_s" '+%d/%m/%Y %H:%M:%S'); TO=$(date -d "@$to_s" '+%d/%m/%Y %H:%M:%S')

# ---- the export -------------------------------------------------------------
OUT="$TMP/files/vu-viec-12.mp4"
run_status 0 $CG export --camera "Chợ Hoàng Kim" --from "$FROM" --to "$TO" -o "$OUT" --note "Vụ 12/2026"
expect_contains "$TMP/out" "Export 1 written to $OUT"
# Piped, no progress line.
expect_not_contains "$TMP/err" "Exporting:"
[ -f "$OUT" ] && [ -f "$OUT.sha256" ] && [ -f "$TMP/files/vu-viec-12.custody.txt" ] || fail "files missing: $(ls "$TMP/files")"
[ ! -e "$OUT.part" ] || fail "the partial copy was left"
(cd "$TMP/files" && sha256sum -c vu-viec-12.mp4.sha256) >/dev/null || fail "sha256sum -c fails: $(cat "$OUT.sha256")"

# Plays anywhere: ffprobe has nothing to say, every frame decodes.
ffprobe -v warning "$OUT" > "$TMP/probe.txt" 2>&1 </dev/null
[ ! -s "$TMP/probe.txt" ] || { cat "$TMP/probe.txt" >&2; fail "ffprobe complains"; }
ffmpeg -nostdin -v error -i "$OUT" -f null - > "$TMP/decode.txt" 2>&1
[ ! -s "$TMP/decode.txt" ] || { cat "$TMP/decode.txt" >&2; fail "the MP4 does not decode cleanly"; }
streams=$(ffprobe -v error -show_entries stream=codec_name,codec_tag_string -of csv=p=0 "$OUT" | tr '\n' ' ')
[ "$streams" = "h264,avc1 aac,mp4a " ] || fail "streams: $streams"
# The index before the media (faststart).
atoms=$(python3 - "$OUT" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
i, out = 0, []
while i + 8 <= len(d):
    size, kind = struct.unpack(">I4s", d[i:i + 8])
    if size == 1:
        size = struct.unpack(">Q", d[i + 8:i + 16])[0]
    out.append(kind.decode())
    i += size if size else len(d)
print(" ".join(out))
PY
)
case "$atoms" in *moov*mdat*) ;; *) fail "moov is not before mdat: $atoms" ;; esac
# As long as asked, give or take a GOP (1 s): it starts at the keyframe
# at or before the start.
dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$OUT")
python3 -c "import sys; sys.exit(not 25 - 0.1 <= $dur <= 25 + 1 + 0.1)" || fail "lasts $dur s for 25 s asked"
# Timestamps only ever increase, across the segments' boundaries.
ffprobe -v error -select_streams v -show_entries packet=dts_time -of csv=p=0 "$OUT" | python3 -c "
import sys
t = [float(l) for l in sys.stdin if l.strip()]
bad = [(a, b) for a, b in zip(t, t[1:]) if b <= a or b - a > 0.2]
sys.exit(1 if bad or len(t) < 600 else 0)" || fail "the pictures' times jump or go back"
echo "export: $dur s for 25 s asked, atoms $atoms, streams $streams" >&2

# The custody record: the three segments with their digests, as recorded.
C="$TMP/files/vu-viec-12.custody.txt"
expect_contains "$C" "EVIDENCE EXPORT No. 1"
expect_contains "$C" "Camera: Chợ Hoàng Kim (Cổng chợ)"
expect_contains "$C" "Asked for: from $FROM to $TO"
expect_contains "$C" "Exported by: root"
expect_contains "$C" "Note: Vụ 12/2026"
expect_contains "$C" "Recorded footage used (3 segments"
expect_contains "$C" "SHA-256 of the file: $(cut -d' ' -f1 "$OUT.sha256")"
expect_contains "$C" "Gaps: none"
for d in $(sql "SELECT sha256 FROM segments WHERE state = 'complete' ORDER BY start_us LIMIT 3"); do
  expect_contains "$C" "    SHA-256 $d"
done
[ "$(grep -c "the same as recorded" "$C")" = 3 ] || fail "the digests do not match the recorded ones"
# ... and in the database, with its audit rows.
[ "$(sql "SELECT state || ' ' || count(*) FROM exports JOIN export_sources ON export_id = id GROUP BY id")" = "complete 3" ] \
  || fail "custody rows: $(sql "SELECT * FROM exports")"
$CG audit list --json > "$TMP/audit.json" || fail "audit list"
for a in export.create export.complete export.open; do
  grep -q "\"$a\"" "$TMP/audit.json" || fail "$a is not in the audit log"
done
$CG storage --json | json_get "'%d %d' % (d['exports'], d['exports_bytes'])" | grep -qx "1 $(stat -c %s "$OUT")" \
  || fail "storage.status does not count the export: $($CG storage --json)"

# verify: the file is recognised; one byte changed, it is not.
run_status 0 $CG export verify "$OUT"
expect_contains "$TMP/out" "matches export 1"
expect_contains "$TMP/out" "It is unaltered"
cp "$OUT" "$TMP/files/changed.mp4"
# Every bit of that byte inverted: writing a fixed byte would leave the
# file as it was whenever the byte already held it.
python3 -c 'import sys
with open(sys.argv[1], "r+b") as f:
    f.seek(100000); b = f.read(1)[0]; f.seek(100000); f.write(bytes([b ^ 0xFF]))' "$TMP/files/changed.mp4"
cmp -s "$OUT" "$TMP/files/changed.mp4" && fail "the copy was not changed"
run_status 1 $CG export verify "$TMP/files/changed.mp4"
expect_contains "$TMP/out" "does NOT match any export"

# ---- who may, and bad requests ---------------------------------------------
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  setpriv --reuid=65534 --regid=65534 --clear-groups /usr/bin/python3 "$TMP/bin/rpc.py" call "$SOCK" \
    export.create '{"camera": "Chợ Hoàng Kim", "from": "2026-01-01T00:00:00Z", "to": "2026-01-01T00:01:00Z"}' > "$TMP/reply"
  json_get "d['error']['code']" < "$TMP/reply" | grep -qx -- -32001 || fail "a viewer exported: $(cat "$TMP/reply")"
  json_get "d['error']['message']" < "$TMP/reply" | grep -q operator || fail "the refusal names no role: $(cat "$TMP/reply")"
else
  echo "not root: the viewer's refusal is left to tests/unit/daemon/test_api.c" >&2
fi
bad () {
  want=$1; words=$2; shift 2
  run_status "$want" $CG export "$@"
  expect_contains "$TMP/err" "$words"
}
E="$TMP/files/e.mp4"
bad 1 "there is no camera called" --camera "Không có" --from "$FROM" --to "$TO" -o "$E"
bad 2 "must be later than" --camera "Chợ Hoàng Kim" --from "$TO" --to "$FROM" -o "$E"
bad 2 "must end in .mp4" --camera "Chợ Hoàng Kim" --from "$FROM" --to "$TO" -o "$TMP/files/e.avi"
bad 1 "already exists" --camera "Chợ Hoàng Kim" --from "$FROM" --to "$TO" -o "$OUT"
# Before any footage: the refusal names where it is.
early=$(date -d "@$(( from_s - 3600 ))" '+%d/%m/%Y %H:%M:%S'); early_to=$(date -d "@$(( from_s - 1800 ))" '+%d/%m/%Y %H:%M:%S')
bad 1 "the earliest after it is from" --camera "Chợ Hoàng Kim" --from "$early" --to "$early_to" -o "$E"
bad 1 "at most 1.0 hours ([export] max_hours)" --camera "Chợ Hoàng Kim" --from "$early" --to "$TO" -o "$E"
# The officer reads the refusals in Vietnamese, the daemon's included.
loc=$(locale -a 2>/dev/null | grep -iE '^vi_VN\.utf-?8$' | head -n 1)
if [ -n "$loc" ]; then
  mkdir -p "$TMP/locale/vi/LC_MESSAGES"
  msgfmt -o "$TMP/locale/vi/LC_MESSAGES/canhgac.mo" "$top_srcdir/po/vi.po" || fail "msgfmt po/vi.po"
  run_status 1 env CANHGAC_LOCALEDIR="$TMP/locale" LC_ALL="$loc" $CG export --camera "Chợ Hoàng Kim" \
    --from "$early" --to "$early_to" -o "$E"
  expect_contains "$TMP/err" "không có bản ghi nào của “Chợ Hoàng Kim”"
  expect_contains "$TMP/err" "gần nhất sau đó là từ"
  run_status 2 env CANHGAC_LOCALEDIR="$TMP/locale" LC_ALL="$loc" $CG export --camera "Chợ Hoàng Kim" \
    --from "$FROM" --to "$TO" -o "$TMP/files/e.avi"
  expect_contains "$TMP/err" "phải có đuôi .mp4"
elif [ "${CANHGAC_REQUIRE_LOCALES:-0}" = 1 ]; then
  fail "the vi_VN.UTF-8 locale is missing: enable it in /etc/locale.gen and run locale-gen"
fi
# The daemon refuses a backward range itself too.
$RPC call "$SOCK" export.create "{\"camera\": \"Chợ Hoàng Kim\", \"from\": \"2026-01-01T00:01:00Z\", \"to\": \"2026-01-01T00:00:00Z\"}" > "$TMP/reply"
json_get "d['error']['code']" < "$TMP/reply" | grep -qx -- -32602 || fail "a backward range: $(cat "$TMP/reply")"
[ ! -e "$E" ] && [ ! -e "$E.part" ] || fail "a refused export left a file"
[ "$(sql "SELECT count(*) FROM exports")" = 1 ] || fail "refused exports left rows"

# ---- slowed down: Ctrl-C, then kill -9 ----------------------------------------
stop_daemon
CANHGAC_TEST_EXPORT_PACE_MS=40; export CANHGAC_TEST_EXPORT_PACE_MS
start_daemon
unset CANHGAC_TEST_EXPORT_PACE_MS
# On a terminal, the progress line; Ctrl-C, typed there, cancels the
# export on the daemon.
mkfifo "$TMP/keys"
script -qfec "$CG export --camera 'Chợ Hoàng Kim' --from '$FROM' --to '$TO' -o '$TMP/files/c.mp4'" /dev/null \
  < "$TMP/keys" > "$TMP/tty.txt" 2>&1 &
SCRIPT_PID=$!; CG_PIDS="$CG_PIDS $SCRIPT_PID"
exec 3> "$TMP/keys"
exporting () { grep -q "Exporting: [1-9]" "$TMP/tty.txt"; }
wait_for 20 exporting || { cat "$TMP/tty.txt" >&2; fail "no progress line on a terminal"; }
printf '\003' >&3
wait "$SCRIPT_PID"
exec 3>&-
expect_contains "$TMP/tty.txt" "the export was cancelled and nothing of it was kept"
[ "$(sql "SELECT state FROM exports WHERE id = 2")" = cancelled ] || fail "export 2 is $(sql "SELECT state FROM exports WHERE id = 2")"
[ -z "$(ls "$TMP/files" | grep '^c\.')" ] || fail "a cancelled export left files: $(ls "$TMP/files")"
[ -z "$(ls "$TMP/data/exports")" ] || [ "$(ls "$TMP/data/exports")" = 1.mp4 ] || fail "left in the daemon: $(ls "$TMP/data/exports")"

$RPC call "$SOCK" export.create "{\"camera\": \"Chợ Hoàng Kim\", \"from\": \"$(date -u -d "@$from_s" +%FT%TZ)\", \"to\": \"$(date -u -d "@$to_s" +%FT%TZ)\"}" > "$TMP/reply"
killed=$(json_get "d['result']['export']" < "$TMP/reply") || fail "export.create: $(cat "$TMP/reply")"
half_written () { [ -s "$TMP/data/exports/$killed.mp4.tmp" ]; }
wait_for 20 half_written || fail "export $killed never started writing"
kill -9 "$DAEMON_PID"; wait "$DAEMON_PID" 2>/dev/null
[ "$(sql "SELECT state FROM exports WHERE id = $killed")" = running ] || fail "the killed export is not running in the database"

# Footage thinned meanwhile (as the storage manager marks it): the next
# export says so.
sql "UPDATE segments SET thinned = 1 WHERE id = (SELECT id FROM segments ORDER BY start_us LIMIT 1 OFFSET 1)"
start_daemon
$CG export list --json > "$TMP/list.json" || fail "export list"
[ "$(json_get "[x['state'] for x in d['exports'] if x['id'] == $killed][0]" < "$TMP/list.json")" = failed ] \
  || fail "after a kill, export $killed is not failed: $(cat "$TMP/list.json")"
[ "$(json_get "[x['state'] for x in d['exports'] if x['state'] == 'complete']" < "$TMP/list.json")" = "['complete']" ] \
  || fail "something half-made is listed complete: $(cat "$TMP/list.json")"
[ "$(ls "$TMP/data/exports")" = 1.mp4 ] || fail "left half-written: $(ls "$TMP/data/exports")"
expect_contains "$TMP/daemon.log" "were cut short when canhgacd last stopped"
run_status 0 $CG export show "$killed"
expect_contains "$TMP/out" "State: failed"
expect_contains "$TMP/out" "canhgacd stopped during the export (a crash or a power cut)"
run_status 0 $CG export list
expect_contains "$TMP/out" "failed"

# (A second earlier end than the first export: another file.)
TO2=$(date -d "@$(( to_s - 1 ))" '+%d/%m/%Y %H:%M:%S')
run_status 0 $CG export --camera "Chợ Hoàng Kim" --from "$FROM" --to "$TO2" -o "$TMP/files/thin.mp4"
expect_contains "$TMP/out" "thinned to keyframes only"
expect_contains "$TMP/files/thin.custody.txt" "Thinned footage: yes"
[ "$(grep -c "thinned before the export" "$TMP/files/thin.custody.txt")" = 1 ] || fail "the thinned segment is not named"

# ---- removal: the record stays -------------------------------------------------
bad 2 "--reason" remove 1
run_status 0 $CG export remove 1 --reason "bàn giao cho công an huyện"
[ ! -e "$TMP/data/exports/1.mp4" ] || fail "the file of a removed export is still there"
run_status 0 $CG export verify "$OUT"
expect_contains "$TMP/out" "own copy was removed since"
expect_contains "$TMP/out" "bàn giao cho công an huyện"
$CG audit list --json | grep -q '"export.remove"' || fail "the removal is not audited"
stop_daemon
exit 0
