#!/bin/sh
# Motion events: a scene that moves 4 s then stands still 6 s gives one
# event per 10 s, about 5 s long (it starts at the first moving keyframe
# and ends at the first still one); a still scene whose brightness steps
# every 5 s (a street light) gives none.
. "$(dirname "$0")/lib.sh"

start_camsim --cameras 2 --size 640x360 --gop 1 --fault cam1:motion=4s+6s \
  --fault cam2:brightness=40,every=5s
write_config 60s 5s
printf '[thumbnails]\ninterval = 1s\n' >> "$TMP/cg.conf"
start_daemon
$RPC watch "$TMP/cg.sock" 30 motion > "$TMP/watch.out" &
watch_pid=$!; CG_PIDS="$CG_PIDS $watch_pid"
add_camera "Ngã tư" "rtsp://127.0.0.1:$PORT/cam1"
add_camera "Đèn đường" "rtsp://127.0.0.1:$PORT/cam2"
wait_for 10 state_is "Ngã tư" recording || fail "not recording"
sleep 27
$CG recordings --camera "Ngã tư" --json > "$TMP/moving.json" || fail "recordings"
$CG recordings --camera "Đèn đường" --json > "$TMP/static.json" || fail "recordings"
wait "$watch_pid"
stop_daemon

python3 - "$TMP/moving.json" "$TMP/static.json" "$TMP/watch.out" <<'PY' || fail "motion events are wrong"
import json, sys
from datetime import datetime
def t(s): return datetime.strptime(s, "%Y-%m-%dT%H:%M:%S.%fZ").timestamp()
moving = json.load(open(sys.argv[1]))["motion"]
still = json.load(open(sys.argv[2]))["motion"]
print("moving:", moving, "\nstatic:", still)
# The first may be cut short: detection starts wherever the stream is.
closed = [m for m in moving[1:] if m["end"] is not None]
assert len(closed) >= 2, "expected at least 2 finished events, got %d" % len(closed)
for m in closed:
    d = t(m["end"]) - t(m["start"])
    assert 3.5 <= d <= 6.5, "event of %.1f s, expected about 5 s" % d
    assert 0 < m["peak"] <= 1
starts = [t(m["start"]) for m in moving[1:]]
for a, b in zip(starts, starts[1:]):
    assert 9.0 <= b - a <= 11.0, "events %.1f s apart, expected 10 s" % (b - a)
assert still == [], "the brightness steps gave motion events: %s" % still
notes = [json.loads(l) for l in open(sys.argv[3]) if '"motion"' in l and '"method"' in l]
assert any(n["params"]["end"] is None for n in notes), "no motion-start notification"
assert any(n["params"]["end"] is not None for n in notes), "no motion-end notification"
assert all(n["params"]["camera"] == "Ngã tư" for n in notes)
PY
# Stored, and nothing left open after an orderly stop.
[ "$(sql "SELECT count(*) FROM motion_events WHERE end_us IS NULL")" = 0 ] || fail "an event was left open"
exit 0
