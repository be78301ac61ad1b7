#!/usr/bin/env bash
# Periodic report benchmark: a year's report of a commune's 28 cameras
# from per-minute link figures, and what it costs the daemon's other
# clients while it is made.
#
#   bash bench/report.sh [--cameras N] [--days D] [--runs R] [--keep]
#
# One canhgacd gets N cameras (default 28; their address answers
# nothing, so nothing is recorded now) and, written with sqlite3 in one
# transaction, D days (default 365) of
# their history ending yesterday: a minute of link figures for every
# minute of every camera (N x D x 1440 rows), an outage a day on every
# camera, a recorder stop a week, a motion event an hour.  Then:
#  - report.get for the whole of it, R times (default 3): the time from
#    the request to the whole reply (canhgacd);
#  - the peer: the sqlite3 program on the same file, one pass over the
#    same link rows in SQL (minutes, mean bitrate, minutes losing frames
#    per camera): the floor of reading them, without medians or days;
#  - `status` asked 20 times while no report is made, then 20 times while
#    one is: its median and worst, so that a report never holds up the
#    officers' stations (it is made in a thread of its own).
set -euo pipefail
export LC_ALL=C
SELF=$(realpath "${BASH_SOURCE[0]}")
cd "$(dirname "$SELF")/.."
BENCH=report.sh
. bench/lib.sh

N=28 DAYS=365 RUNS=3 KEEP=0
while (($#)); do
  case $1 in
    --cameras) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "--cameras needs a whole number"; N=$2; shift 2 ;;
    --days) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "--days needs a whole number"; DAYS=$2; shift 2 ;;
    --runs) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "--runs needs a whole number"; RUNS=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,19s/^# \{0,1\}//p' "$SELF"; exit 0 ;;
    *) die "bad argument '$1' (try --help)" ;;
  esac
done
command -v python3 >/dev/null || die "python3 is needed (apt-get install python3)"
command -v sqlite3 >/dev/null || die "sqlite3 is needed (apt-get install sqlite3)"
for b in canhgacd canhgac; do [[ -x ./$b ]] || die "./$b is missing: run 'make' in $PWD first"; done

WORK=$(mktemp -d /tmp/canhgac-reportbench.XXXXXX)
cleanup() {
  bench_cleanup
  if ((KEEP)); then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cat > "$WORK/cg.conf" <<CONF
[daemon]
data_dir = $WORK/data
socket = $WORK/cg.sock
[thumbnails]
interval = 0
CONF
start_daemon "$WORK/cg.conf" "$WORK/daemon.log"
bench_stop_pids "$DAEMON_PID"
DB=$WORK/data/canhgac.db

# The history: D days ending at the last midnight (UTC) before today.
END=$(( $(date -u +%s) / 86400 * 86400 ))
START=$(( END - DAYS * 86400 ))
note "writing $N cameras x $DAYS days of history ($((N * DAYS * 1440)) link minutes)"
t0=$(now)
sqlite3 "$DB" <<SQL || die "writing the history failed"
PRAGMA journal_mode = WAL;
BEGIN;
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $N)
INSERT INTO cameras (id, name, url, enabled, funding, created_us, updated_us)
  SELECT i, 'Camera ' || i, 'rtsp://127.0.0.1:1/none', 1,
         CASE WHEN i <= 15 THEN 'budget' ELSE 'community' END,
         ($START - 86400) * 1000000, ($START - 86400) * 1000000 FROM c;
WITH RECURSIVE w(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM w WHERE i < $DAYS / 7)
INSERT INTO recorder_runs (started_us, alive_us, stopped_us)
  SELECT ($START + i * 604800 + 3600) * 1000000, ($START + (i + 1) * 604800) * 1000000,
         ($START + (i + 1) * 604800) * 1000000 FROM w;
WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < $DAYS * 1440 - 1)
INSERT INTO link_stats (camera_id, minute_us, bytes, frames, keyframes, gaps, reconnects)
  SELECT c.id, ($START + m.i * 60) * 1000000, 15000000 + (m.i % 97) * 1000,
         CASE WHEN (m.i + c.id * 37) % 200 = 0 THEN 300 ELSE 1500 END, 30,
         CASE WHEN (m.i + c.id) % 500 = 0 THEN 2 ELSE 0 END, 0
    FROM m, cameras c;
WITH RECURSIVE d(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM d WHERE i < $DAYS - 1)
INSERT INTO outages (camera_id, start_us, end_us, reason)
  SELECT c.id, ($START + d.i * 86400 + c.id * 600) * 1000000,
         ($START + d.i * 86400 + c.id * 600 + 300) * 1000000, 'unreachable:10.0.0.1:554'
    FROM d, cameras c;
WITH RECURSIVE h(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM h WHERE i < $DAYS * 24 - 1)
INSERT INTO motion_events (camera_id, start_us, end_us)
  SELECT (h.i % $N) + 1, ($START + h.i * 3600) * 1000000, ($START + h.i * 3600 + 20) * 1000000 FROM h;
COMMIT;
SQL
note "written in $(calc %.1f "$(now) - $t0") s, $(calc %.0f "$(size "$DB") / 1048576") MiB"

start_daemon "$WORK/cg.conf" "$WORK/daemon.log"
FIRST=$(date -u -d "@$START" +%d/%m/%Y)
LAST=$(date -u -d "@$((END - 86400))" +%d/%m/%Y)
PERIOD="$FIRST..$LAST"

python3 - "$WORK/cg.sock" "$PERIOD" "$RUNS" "$DB" "$START" "$END" "$N" <<'PY'
import json, socket, sqlite3, statistics, subprocess, sys, threading, time

sock_path, period, runs, db, start, end, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), \
    sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])

def connect():
    s = socket.socket(socket.AF_UNIX)
    s.connect(sock_path)
    return s, s.makefile("rb")

counter = iter(range(1, 1 << 62))
lock = threading.Lock()

def call(conn, method, params=None):
    s, f = conn
    with lock:
        ident = next(counter)
    req = {"jsonrpc": "2.0", "id": ident, "method": method}
    if params is not None:
        req["params"] = params
    t = time.monotonic()
    s.sendall((json.dumps(req) + "\n").encode())
    while True:
        line = f.readline()
        if not line:
            raise SystemExit("the daemon closed the connection")
        reply = json.loads(line)
        if reply.get("id") == ident:
            return time.monotonic() - t, reply

conn = connect()
times = []
for i in range(runs):
    dt, reply = call(conn, "report.get", {"period": period})
    if "error" in reply:
        raise SystemExit(f"report.get: {reply['error']['message']}")
    times.append(dt)
r = reply["result"]
judged = sum(c["judged_days"] for c in r["cameras"])
print(f"report.get {period}: {len(r['cameras'])} cameras, {judged} camera-days judged, "
      f"{len(json.dumps(r))} bytes; uptime {r['totals']['uptime']}, recorder down "
      f"{r['recorder']['down']} s in {r['recorder']['stops']} stops")

# The peer: one pass of the sqlite3 program over the same rows.
peer = []
sql = ("SELECT camera_id, count(*), avg(bytes), sum(frames < 600 OR gaps > 0) FROM link_stats"
       f" WHERE minute_us >= {start * 10**6} AND minute_us < {end * 10**6} GROUP BY camera_id")
for i in range(runs):
    t = time.monotonic()
    out = subprocess.run(["sqlite3", f"file:{db}?mode=ro", sql], check=True,
                         capture_output=True, text=True).stdout
    peer.append(time.monotonic() - t)
rows = sum(int(l.split("|")[1]) for l in out.splitlines())

# Other clients while no report is made, then while one is.
def status_times(k):
    other = connect()
    out = []
    for _ in range(k):
        dt, _ = call(other, "status")
        out.append(dt)
        time.sleep(0.05)
    other[0].close()
    return out

idle = status_times(20)
busy_result = {}
def make():
    busy_conn = connect()
    busy_result["t"], _ = call(busy_conn, "report.get", {"period": period})
th = threading.Thread(target=make)
th.start()
time.sleep(0.2)
busy = status_times(20)
th.join()

ms = lambda v: v * 1000
print(f"{'':<34} {'median':>9} {'worst':>9}")
print(f"{'report.get, canhgacd (s)':<34} {statistics.median(times):>9.2f} {max(times):>9.2f}")
print(f"{'peer: sqlite3, one pass (s)':<34} {statistics.median(peer):>9.2f} {max(peer):>9.2f}"
      f"   ({rows} rows)")
print(f"{'ratio canhgacd / peer':<34} {statistics.median(times) / statistics.median(peer):>9.2f}")
print(f"{'status, no report (ms)':<34} {ms(statistics.median(idle)):>9.2f} {ms(max(idle)):>9.2f}")
print(f"{'status, a report being made (ms)':<34} {ms(statistics.median(busy)):>9.2f} {ms(max(busy)):>9.2f}")
PY
alive "$DAEMON_PID" || die "canhgacd exited: $(tail -5 "$WORK/daemon.log")"
