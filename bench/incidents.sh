#!/usr/bin/env bash
# Incident log benchmark (issue "Incidents and alarms": 10,000 incidents,
# list and search answer in under 100 ms).
#
#   bash bench/incidents.sh [--incidents N] [--api N] [--audit N] [--runs R]
#                           [--results FILE] [--keep]
#
# One canhgacd with three cameras (disabled: nothing is recorded) gets N
# incidents (default 10,000) over the last two years: N - API (default
# 300) written with sqlite3 in one transaction, numbered per year, most of
# the older ones closed, 6 % with evidence; then API recent ones through
# incident.create (30 % with cameras as evidence), some changed and some
# closed.  The search text the bulk writes is checked against the one
# the daemon wrote for those (cg_text_fold).  Then each query is asked R
# times (default 50, after 3 not counted) on one connection, timed from
# the client (request written, whole reply read: the socket round trip
# and the JSON count); beside each, the peer: the same SQL the daemon
# runs, with sqlite3 on the same file.  Medians and worst, in ms, and
# each statement's query plan with --keep.  Last, incident.show again
# after N (default 1,000,000) rows are added to the audit log as years
# of connections leave them (one "connect" row each; not chained: the
# scratch log no longer verifies), since an incident's history is read
# from it.
set -euo pipefail
export LC_ALL=C
SELF=$(realpath "${BASH_SOURCE[0]}")
cd "$(dirname "$SELF")/.."
BENCH=incidents.sh
. bench/lib.sh

N=10000 API=300 AUDIT=1000000 RUNS=50 KEEP=0
RESULTS=${INCIDENTS_RESULTS:-/tmp/canhgac-incidents-results.tsv}
while (($#)); do
  case $1 in
    --incidents) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "--incidents needs a whole number"; N=$2; shift 2 ;;
    --api) [[ ${2:-} =~ ^[0-9]+$ ]] || die "--api needs a whole number"; API=$2; shift 2 ;;
    --audit) [[ ${2:-} =~ ^[0-9]+$ ]] || die "--audit needs a whole number"; AUDIT=$2; shift 2 ;;
    --runs) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "--runs needs a whole number"; RUNS=$2; shift 2 ;;
    --results) RESULTS=${2:?}; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,25s/^# \{0,1\}//p' "$SELF"; exit 0 ;;
    *) die "bad argument '$1' (try --help)" ;;
  esac
done
((API <= N)) || die "--api is more than --incidents"
command -v python3 >/dev/null || die "python3 is needed (apt-get install python3)"
for b in canhgacd canhgac; do [[ -x ./$b ]] || die "./$b is missing: run 'make' in $PWD first"; done

WORK=$(mktemp -d /tmp/canhgac-incbench.XXXXXX)
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
CG=(./canhgac --config "$WORK/cg.conf")
for name in "Chợ Hoàng Kim" "Trạm y tế" "Ngã ba Đồng Tâm"; do
  "${CG[@]}" camera add --name "$name" --url "rtsp://127.0.0.1:1/none" --disabled >/dev/null \
    || die "camera add $name"
done

note "writing $N incidents ($((N - API)) with sqlite3, $API through the API)"
python3 bench/incidents.py fill "$WORK/cg.sock" "$WORK/data/canhgac.db" "$N" "$API" 20261127 \
  > "$WORK/fill.json" || die "filling failed"
cat "$WORK/fill.json" >&2
note "measuring, $RUNS times each"
python3 bench/incidents.py measure "$WORK/cg.sock" "$WORK/data/canhgac.db" "$RUNS" \
  > "$WORK/measure.json" || die "measuring failed"
if ((AUDIT)); then
  note "adding $AUDIT rows to the audit log, then incident.show again"
  python3 bench/incidents.py pad "$WORK/data/canhgac.db" "$AUDIT" >&2 || die "padding failed"
  python3 bench/incidents.py measure "$WORK/cg.sock" "$WORK/data/canhgac.db" "$RUNS" show \
    >> "$WORK/measure.json" || die "measuring failed"
fi
alive "$DAEMON_PID" || die "canhgacd exited: $(tail -5 "$WORK/daemon.log")"

sqlite=$(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)')
echo "canhgac $(git describe --always --dirty 2>/dev/null || echo '?'), SQLite $sqlite, $(nproc) CPUs," \
  "$(python3 -c 'import json; d=json.load(open("'"$WORK/fill.json"'")); print(d["incidents"], "incidents,", d["evidence"], "evidence ranges,", d["audit_rows"], "audit rows")')"
python3 - "$WORK/measure.json" "$RESULTS" "$N" "$RUNS" <<'PY'
import json, sys, time
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"{'query':<26} {'total':>6} {'rows':>4} {'reply B':>8} {'canhgacd med':>12} {'worst':>7}"
      f" {'sqlite3 med':>11} {'worst':>7} {'ratio':>6}  under 100 ms")
with open(sys.argv[2], "a") as out:
    for r in rows:
        ratio = r["daemon_median_ms"] / max(r["sqlite_median_ms"], 0.001)
        total = r["total"] if r["total"] is not None else "-"
        print(f"{r['query']:<26} {total:>6} {r['rows']:>4} {r['reply_bytes']:>8}"
              f" {r['daemon_median_ms']:>12.2f} {r['daemon_max_ms']:>7.2f}"
              f" {r['sqlite_median_ms']:>11.2f} {r['sqlite_max_ms']:>7.2f} {ratio:>6.1f}"
              f"  {'yes' if r['daemon_median_ms'] < 100 else 'NO'}")
        out.write("\t".join(str(x) for x in (time.strftime("%Y-%m-%dT%H:%M:%S"), sys.argv[3], sys.argv[4],
                                             r["query"], r["total"], r["rows"], r["reply_bytes"],
                                             r["daemon_median_ms"], r["daemon_max_ms"],
                                             r["sqlite_median_ms"], r["sqlite_max_ms"])) + "\n")
slow = [r["query"] for r in rows if r["daemon_median_ms"] >= 100]
print("target (every median under 100 ms):", "met" if not slow else "NOT met: " + ", ".join(slow))
PY
if ((KEEP)); then
  python3 -c '
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    print(r["query"] + ":")
    for p in r["plan"]:
        print("   ", p)' "$WORK/measure.json" > "$WORK/plans.txt"
  note "query plans in $WORK/plans.txt"
fi
