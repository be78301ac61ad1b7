#!/bin/sh
# recordings.list cannot flood: without a range it answers for the last
# day only; limit and cursor page through 7000 segments, each segment and
# gap exactly once, every reply well under the 1 MiB a client reads; and
# `canhgac recordings` follows the pages to print all 7000.
. "$(dirname "$0")/lib.sh"

start_camsim --cameras 1 --size 320x180 --gop 1
write_config 4s 3s
start_daemon
add_camera "Chợ" "rtsp://127.0.0.1:$PORT/cam1"
recorded () { [ "$(sql "SELECT count(*) FROM segments WHERE state = 'complete'")" -ge 1 ]; }
wait_for 20 recorded || fail "nothing recorded: $($CG status)"
stop_daemon

# Ten days ago, 7000 segments of 8 s, 10 s apart, each a link to one real
# file (a row needs a file of its own name, or the start-up repair marks
# it lost); already thinned, so that the storage manager leaves them be.
cam=$(sql "SELECT id FROM cameras")
real=$(sql "SELECT path FROM segments WHERE state = 'complete' LIMIT 1")
base=$(( ($(date +%s) - 10 * 86400) * 1000000 ))
python3 - "$TMP/data" "$real" "$cam" "$base" > "$TMP/rows.sql" <<'PY'
import os, sys
data, real, cam, base = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
d = os.path.join(data, "recordings", str(cam), "2000-01-01")
os.makedirs(d, exist_ok=True)
print("BEGIN;")
for i in range(7000):
    rel = "recordings/%d/2000-01-01/%06d.ts" % (cam, i)
    os.link(os.path.join(data, real), os.path.join(data, rel))
    start = base + i * 10000000
    print("INSERT INTO segments (camera_id, path, state, start_us, end_us, bytes, frames, keyframes,"
          " video_codec, width, height, thinned) VALUES (%d, '%s', 'complete', %d, %d, 1000, 8, 8,"
          " 'h264', 320, 180, 1);" % (cam, rel, start, start + 8000000))
print("COMMIT;")
PY
sql ".read $TMP/rows.sql"
[ "$(sql "SELECT count(*) FROM segments")" -gt 7000 ] || fail "rows not inserted"
iso () { python3 -c "import datetime,sys; print(datetime.datetime.fromtimestamp(int(sys.argv[1]) / 1e6, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ'))" "$1"; }
from=$(iso $(( base - 1000000 )))
to=$(iso $(( base + 7000 * 10000000 )))

start_daemon
# Without a range: the last day only, which the old footage is not in.
rpc recordings.list '{"camera": "Chợ"}' > "$TMP/reply"
json_get "d['result']['next']" < "$TMP/reply" | grep -qx None || fail "a day's listing has more pages"
old=$(json_get "len([s for s in d['result']['segments'] if s['start'] < '$to'])" < "$TMP/reply")
[ "$old" = 0 ] || fail "without a range, $old segments older than a day"
n=$(json_get "len(d['result']['segments'])" < "$TMP/reply")
[ "$n" -ge 1 ] || fail "without a range, not even today's segments: $(cat "$TMP/reply")"
python3 -c "
import datetime, json, sys
r = json.load(open(sys.argv[1]))['result']
f = datetime.datetime.fromisoformat(r['from'].replace('Z', '+00:00'))
t = datetime.datetime.fromisoformat(r['to'].replace('Z', '+00:00'))
sys.exit(abs((t - f).total_seconds() - 86400) > 1)" "$TMP/reply" || fail "the default period is not a day: $(head -c 300 "$TMP/reply")"

# The old period, 1000 at a time: every segment and gap once, in order.
: > "$TMP/ids"
: > "$TMP/gaps"
cursor=""
pages=0
while :; do
  if [ -z "$cursor" ]; then
    params="{\"camera\": \"Chợ\", \"from\": \"$from\", \"to\": \"$to\", \"limit\": 1000}"
  else
    params="{\"camera\": \"Chợ\", \"from\": \"$from\", \"to\": \"$to\", \"limit\": 1000, \"cursor\": \"$cursor\"}"
  fi
  rpc recordings.list "$params" > "$TMP/page"
  size=$(wc -c < "$TMP/page")
  [ "$size" -lt 1048576 ] || fail "a page of $size bytes"
  json_get "'\n'.join(str(s['id']) for s in d['result']['segments'])" < "$TMP/page" | grep . >> "$TMP/ids"
  json_get "'\n'.join(g['start'] for g in d['result']['gaps'])" < "$TMP/page" | grep . >> "$TMP/gaps"
  got=$(json_get "len(d['result']['segments'])" < "$TMP/page")
  [ "$got" -le 1000 ] || fail "a page of $got segments, limit 1000"
  cursor=$(json_get "d['result']['next'] or ''" < "$TMP/page")
  pages=$((pages + 1))
  [ "$pages" -le 20 ] || fail "pages never end"
  [ -n "$cursor" ] || break
done
[ "$pages" -ge 7 ] || fail "7000 segments in $pages pages of 1000"
[ "$(wc -l < "$TMP/ids")" = 7000 ] || fail "$(wc -l < "$TMP/ids") segments listed, 7000 recorded"
[ "$(sort -u "$TMP/ids" | wc -l)" = 7000 ] || fail "segments listed twice"
sort -n -c "$TMP/ids" || fail "segments out of order"
# 6999 between them, one second before the first, two after the last.
[ "$(wc -l < "$TMP/gaps")" = 7001 ] || fail "$(wc -l < "$TMP/gaps") gaps around 7000 segments"
[ "$(sort -u "$TMP/gaps" | wc -l)" = 7001 ] || fail "gaps listed twice"

# The largest limit: each reply is still kept small by the daemon.
rpc recordings.list "{\"camera\": \"Chợ\", \"from\": \"$from\", \"to\": \"$to\", \"limit\": 5000}" > "$TMP/page"
[ "$(wc -c < "$TMP/page")" -lt 1048576 ] || fail "a page of $(wc -c < "$TMP/page") bytes at limit 5000"
json_get "d['result']['next']" < "$TMP/page" | grep -qx None && fail "7000 segments in one page"
rpc recordings.list "{\"camera\": \"Chợ\", \"limit\": 5001}" > "$TMP/reply"
json_get "d['error']['code']" < "$TMP/reply" | grep -qx -- -32602 || fail "limit 5001 accepted"
rpc recordings.list "{\"camera\": \"Chợ\", \"cursor\": \"bm90IGEgY3Vyc29y\"}" > "$TMP/reply"
json_get "d['error']['code']" < "$TMP/reply" | grep -qx -- -32602 || fail "a made-up cursor accepted"

# The command line follows the pages: all 7000, as spans with the gaps
# between them, and as JSON.
timeout 120 $CG recordings --camera "Chợ" --from "$from" --to "$to" > "$TMP/rec.txt" \
  || fail "canhgac recordings failed or hung: $(tail -3 "$TMP/rec.txt")"
[ "$(grep -c ' 1 segment, ' "$TMP/rec.txt")" = 7000 ] \
  || fail "$(grep -c ' 1 segment, ' "$TMP/rec.txt") lines of segments printed, 7000 recorded"
timeout 120 $CG recordings --camera "Chợ" --from "$from" --to "$to" --json > "$TMP/rec.json" \
  || fail "canhgac recordings --json failed or hung"
[ "$(json_get "len(set(s['id'] for s in d['segments']))" < "$TMP/rec.json")" = 7000 ] \
  || fail "recordings --json does not hold the 7000 segments"
stop_daemon
exit 0
