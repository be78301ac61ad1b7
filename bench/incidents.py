#!/usr/bin/env python3
"""incidents.py — the helper of bench/incidents.sh (run that, not this).

  incidents.py fill SOCKET DB N API_N SEED   N incidents: N - API_N written
                                             with sqlite3 in one transaction,
                                             then API_N through the API
  incidents.py measure SOCKET DB RUNS [show] the queries, through the daemon's
                                             socket and with sqlite3 on DB;
                                             one JSON line per query (show:
                                             incident.show only)
  incidents.py pad DB N                      N more rows in the audit log, as
                                             years of connections leave

Every figure is taken from the client: a request written to the socket and
its whole reply line read back (JSON parsed), on one connection kept open
as the station keeps it.  The peer runs the same SQL the daemon runs for
the same request (db/incident_search.c, db/incident_evidence.c) with
Python's sqlite3 on the same file, read-only, while the daemon runs.
"""
import json
import random
import socket
import sqlite3
import sys
import time
import unicodedata

# ---- the daemon --------------------------------------------------------------


class Rpc:
    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.settimeout(60)
        self.s.connect(path)
        self.buf = b""
        self.ident = 0

    def call(self, method, params=None):
        self.ident += 1
        req = {"jsonrpc": "2.0", "id": self.ident, "method": method}
        if params is not None:
            req["params"] = params
        self.s.sendall(json.dumps(req, ensure_ascii=False).encode() + b"\n")
        while True:
            while b"\n" not in self.buf:
                chunk = self.s.recv(1 << 20)
                if not chunk:
                    raise EOFError("canhgacd closed the connection")
                self.buf += chunk
            line, self.buf = self.buf.split(b"\n", 1)
            msg = json.loads(line)
            if msg.get("id") == self.ident:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg["result"], len(line) + 1


# ---- what a post writes down -------------------------------------------------

PLACES = [
    "Chợ Hoàng Kim", "Trạm y tế", "Cổng chợ", "Ngã ba Đồng Tâm", "Trường THCS Nguyễn Trãi",
    "Nhà văn hóa thôn 3", "Bến xe Hoàng Mai", "Cầu Đá", "Trụ sở UBND xã", "Đình làng Phú Mỹ",
    "Quán Internet Hải Yến", "Cây xăng số 5", "Cổng khu công nghiệp", "Chùa Linh Quang",
    "Ao cá thôn Đông", "Ngõ 12 thôn Thượng", "Quốc lộ 1A, km 23", "Sân bóng thôn Hạ",
    "Tiệm vàng Kim Thành", "Bãi đất trống sau chợ", "Đường liên thôn Đông – Đoài",
    "Trường mầm non Hoa Sen", "Nhà bà Nguyễn Thị Hoa, xóm 4", "Bờ đê sông Đáy",
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Ngọc", "Hữu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hương", "Lan", "Long", "Mai", "Nam", "Phúc",
         "Quyết", "Sơn", "Thảo", "Tuấn", "Yến"]
WHAT = {
    "trom_cap": ["Mất xe máy Honda Wave biển 29X1-{n} dựng trước {p}",
                 "Mất trộm điện thoại khi đang bán hàng tại {p}",
                 "Kẻ gian cạy cửa lấy trộm tiền tại {p}",
                 "Mất trộm 5 con gà trong đêm, gần {p}"],
    "cuop_giat": ["Hai đối tượng đi xe máy giật túi xách của chị {r} tại {p}",
                  "Giật dây chuyền vàng của người đi chợ ở {p}"],
    "danh_nhau": ["Hai nhóm thanh niên xô xát, đánh nhau tại {p}; một người bị thương nhẹ",
                  "Đánh nhau sau khi uống rượu ở {p}"],
    "gay_roi": ["Thanh niên say rượu la hét, gây rối tại {p}",
                "Tụ tập nẹt pô, gây mất trật tự trước {p}"],
    "tai_nan": ["Va chạm giữa xe máy và ô tô tải tại {p}, không có thương vong",
                "Xe máy tự ngã ở {p}, người lái bị xây xát"],
    "chay_no": ["Cháy quầy hàng khô tại {p}, đã dập tắt", "Chập điện gây cháy nhỏ ở {p}"],
    "mat_tich": ["Cháu {r}, 9 tuổi, không về nhà sau giờ học, lần cuối thấy ở {p}"],
    "khac": ["Nhặt được ví, giao lại cho người mất tại {p}", "Tranh chấp lối đi giữa hai hộ gần {p}"],
}
OUTCOMES = ["Đã trả lại tài sản cho người bị hại", "Đã chuyển Công an huyện", "Hòa giải thành",
            "Chưa xác định được đối tượng", "Đã xử phạt hành chính"]


def fold(text):
    """cg_text_fold(): marks dropped, đ as d, case folded, NFC."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text)
                   if unicodedata.category(c) not in ("Mn", "Mc", "Me"))
    bare = bare.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", bare.casefold())


def search_text(label, place, description, reporter, code):
    """cg_db_incident_search_text()."""
    return fold(" ".join([label, place or "", description, reporter or "", code]))


def person(rnd):
    return f"{rnd.choice(SURNAMES)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"


def invent(rnd, kinds, now_us, days):
    kind = rnd.choice(list(WHAT))
    if kind not in kinds:
        kind = rnd.choice(list(kinds))
    place = rnd.choice(PLACES)
    reporter = person(rnd) if rnd.random() < 0.8 else None
    phone = f"09{rnd.randrange(10)}{rnd.randrange(10)} {rnd.randrange(1000):03d} {rnd.randrange(1000):03d}" \
        if reporter and rnd.random() < 0.7 else None
    desc = rnd.choice(WHAT.get(kind, WHAT["khac"])).format(
        p=place, r=reporter or person(rnd), n=rnd.randrange(10000, 99999))
    from_us = now_us - int(rnd.random() * days * 86400e6)
    to_us = from_us + rnd.randrange(5, 180) * 60 * 1000000
    return dict(kind=kind, place=place, reporter=reporter, phone=phone, description=desc,
                from_us=from_us, to_us=to_us)


def iso(us):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(us / 1e6)) + "Z"


def fill(sock, db, n, api_n, seed):
    rnd = random.Random(seed)
    rpc = Rpc(sock)
    kinds = {k["code"]: k["label"] for k in rpc.call("incident.kinds")[0]["kinds"]}
    con = sqlite3.connect(db, timeout=30, isolation_level=None)
    cams = con.execute("SELECT id, name FROM cameras ORDER BY id").fetchall()
    now_us = int(time.time() * 1e6)

    # The bulk: two years, numbered per year as the daemon numbers them
    # (the year it was recorded in, local time), older ones mostly closed.
    rows = sorted((invent(rnd, kinds, now_us, 730) for _ in range(n - api_n)),
                  key=lambda r: r["from_us"])
    t0 = time.monotonic()
    con.execute("BEGIN IMMEDIATE")
    numbers = {}
    for r in rows:
        created = r["to_us"] + rnd.randrange(10, 240) * 60 * 1000000
        year = time.localtime(created / 1e6).tm_year
        numbers[year] = numbers.get(year, 0) + 1
        code = f"{numbers[year]}/{year}"
        age_days = (now_us - r["from_us"]) / 86400e6
        p_closed = 0.95 if age_days > 60 else 0.5 if age_days > 7 else 0.1
        if rnd.random() < p_closed:
            status, closed, outcome, helped = "closed", created + rnd.randrange(1, 30) * 86400 * 1000000, \
                rnd.choice(OUTCOMES), rnd.choice([0, 1])
            closed = min(closed, now_us)
        else:
            status, closed, outcome, helped = rnd.choice(["new", "verifying", "transferred", "resolved"]), \
                None, "", None
        officer = rnd.choice(["lan", "hung", "tuan"])
        updated = closed or created
        cur = con.execute(
            "INSERT INTO incidents (year, number, kind, from_us, to_us, place, description, reporter,"
            " reporter_phone, officer, officer_name, status, outcome, footage_helped, closed_us,"
            " created_by, created_us, updated_by, updated_us, version, search)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (year, numbers[year], r["kind"], r["from_us"], r["to_us"], r["place"], r["description"],
             r["reporter"], r["phone"], officer, None, status, outcome, helped, closed, officer, created,
             officer, updated, 1 if closed is None else 2,
             search_text(kinds[r["kind"]], r["place"], r["description"], r["reporter"], code)))
        # A few with footage kept as evidence, on one or two cameras.
        if cams and rnd.random() < 0.06:
            for cam in rnd.sample(cams, rnd.choice([1, 1, 2])):
                con.execute("INSERT INTO evidence_ranges (incident_id, camera_id, from_us, to_us,"
                            " added_by, added_us) VALUES (?,?,?,?,?,?)",
                            (cur.lastrowid, cam[0], r["from_us"] - 300000000, r["to_us"] + 300000000,
                             officer, created))
    con.execute("COMMIT")
    bulk_s = time.monotonic() - t0

    # The recent ones through the API, as the station writes them: some
    # with evidence on cameras, some changed, some closed.
    t0 = time.monotonic()
    made = []
    for _ in range(api_n):
        r = invent(rnd, kinds, now_us, 45)
        p = {"kind": r["kind"], "from": iso(r["from_us"]), "to": iso(r["to_us"]),
             "place": r["place"], "description": r["description"]}
        if r["reporter"]:
            p["reporter"] = r["reporter"]
        if r["phone"]:
            p["reporter_phone"] = r["phone"]
        if cams and rnd.random() < 0.3:
            p["cameras"] = [c[1] for c in rnd.sample(cams, rnd.choice([1, 2]))]
        inc = rpc.call("incident.create", p)[0]
        made.append(inc)
        if rnd.random() < 0.3:
            inc = rpc.call("incident.update", {"incident": inc["id"], "version": inc["version"],
                                               "status": "verifying"})[0]
        if rnd.random() < 0.2:
            rpc.call("incident.close", {"incident": inc["id"], "version": inc["version"],
                                        "outcome": rnd.choice(OUTCOMES), "footage_helped": True})
    api_s = time.monotonic() - t0

    # The search text written above must be the daemon's own.
    bad = 0
    for inc in made:
        got = con.execute("SELECT search FROM incidents WHERE id = ?", (inc["id"],)).fetchone()[0]
        want = search_text(inc["kind_label"], inc["place"], inc["description"], inc["reporter"], inc["code"])
        bad += got != want
    if bad:
        sys.exit(f"incidents.py: {bad} of {len(made)} search texts differ from the daemon's")
    total = con.execute("SELECT count(*) FROM incidents").fetchone()[0]
    print(json.dumps({"incidents": total, "bulk": n - api_n, "bulk_seconds": round(bulk_s, 2),
                      "api": api_n, "api_seconds": round(api_s, 2),
                      "evidence": con.execute("SELECT count(*) FROM evidence_ranges").fetchone()[0],
                      "audit_rows": con.execute("SELECT count(*) FROM audit").fetchone()[0],
                      "search_checked": len(made)}))


# ---- measuring -----------------------------------------------------------------

COLUMNS = (" id, year, number, kind, from_us, to_us, place, description, reporter, reporter_phone,"
           " officer, officer_name, status, outcome, coalesce(footage_helped, -1),"
           " coalesce(closed_us, 0), created_by, created_us, updated_by, updated_us, version")


def like_within(folded):
    return "%" + "".join("\\" + c if c in "%_\\" else c for c in folded) + "%"


def list_sql(params):
    """The statements and values cg_db_incidents_list() runs for params."""
    where, values = "1", []
    for w in fold(params.get("search", "")).split():
        where += " AND search LIKE ? ESCAPE '\\'"
        values.append(like_within(w))
    if params.get("status") == "open":
        where += " AND status != 'closed'"
    elif "status" in params:
        where += " AND status = ?"
        values.append(params["status"])
    count = (f"SELECT count(*) FROM incidents WHERE {where}", list(values))
    if "cursor" in params:
        c_from, c_id = (int(x) for x in params["cursor"].split("."))
        where += " AND from_us <= ? AND (from_us < ? OR id < ?)"
        values += [c_from, c_from, c_id]
    page = (f"SELECT{COLUMNS} FROM incidents WHERE {where} ORDER BY from_us DESC, id DESC LIMIT ?",
            values + [params.get("limit", 100) + 1])
    return [count, page]


def show_sql(con, ident):
    """incident.show's statements (db/incidents.c, db/incident_evidence.c)."""
    now = int(time.time() * 1e6)
    stmts = [(f"SELECT{COLUMNS} FROM incidents WHERE id = ?", [ident]),
             ("SELECT e.id, e.camera_id, c.name, e.from_us, e.to_us, e.added_by, e.added_us,"
              " e.removed_by, coalesce(e.removed_us, 0), e.removed_reason"
              " FROM evidence_ranges e JOIN cameras c ON c.id = e.camera_id WHERE e.incident_id = ?"
              " ORDER BY e.removed_us IS NOT NULL, e.id", [ident])]
    for cam, f, t in con.execute("SELECT camera_id, from_us, to_us FROM evidence_ranges"
                                 " WHERE incident_id = ?", (ident,)):
        stmts.append(("SELECT coalesce(sum(min(coalesce(end_us, ?4), ?3) - max(start_us, ?2)), 0)"
                      " FROM segments WHERE camera_id = ?1 AND state != 'lost' AND damaged = 0"
                      " AND start_us < ?3 AND coalesce(end_us, ?4) > ?2", [cam, f, t, now]))
    stmts.append(("SELECT id, state, sha256, coalesce(bytes, 0), created_us, created_by FROM exports"
                  " WHERE incident_id = ? ORDER BY id", [ident]))
    stmts.append(("SELECT id, at_us, user, action, detail FROM audit WHERE object = ? ORDER BY id",
                  [f"incident:{ident}"]))
    return stmts


def median(xs):
    s = sorted(xs)
    m = len(s) // 2
    return s[m] if len(s) % 2 else (s[m - 1] + s[m]) / 2


def pad(db, n):
    """Rows like the "connect" rows every connection writes.  They are
    not chained (the scratch log no longer verifies): only their number
    matters here, to the query that reads an incident's history."""
    con = sqlite3.connect(db, timeout=30, isolation_level=None)
    last = con.execute("SELECT max(id), max(at_us) FROM audit").fetchone()
    con.execute("BEGIN IMMEDIATE")
    con.executemany("INSERT INTO audit (at_us, user, action, object, detail, prev_hash, hash)"
                    " VALUES (?, 'lan', 'connect', '', ?, '', '')",
                    ((last[1] - (n - i) * 60000000, f"role=operator pid={1000 + i % 30000}")
                     for i in range(n)))
    con.execute("COMMIT")
    print(json.dumps({"audit_rows": con.execute("SELECT count(*) FROM audit").fetchone()[0]}))


def measure(sock, db, runs, only=None):
    rpc = Rpc(sock)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    audit_rows = con.execute("SELECT count(*) FROM audit").fetchone()[0]
    # A page deep in the log, four fifths down (page 80 of 100 for
    # 10,000), walked to as the station walks, one page after another.
    total = rpc.call("incident.list", {"limit": 1})[0]["total"]
    params = {}
    for _ in range(max(total * 4 // 5 // 100, 1)):
        params = {"cursor": rpc.call("incident.list", params)[0]["next"]}
    deep = params
    shown = con.execute("SELECT e.incident_id FROM evidence_ranges e JOIN audit a"
                        " ON a.object = 'incident:' || e.incident_id GROUP BY e.incident_id"
                        " ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    cases = [
        ("list: first page", "incident.list", {}),
        ("search \"cho\"", "incident.list", {"search": "cho"}),
        ("search \"Chợ\"", "incident.list", {"search": "Chợ"}),
        ("search \"chợ hoàng kim\"", "incident.list", {"search": "chợ hoàng kim"}),
        ("search \"xyz\" (none)", "incident.list", {"search": "xyz"}),
        ("status open", "incident.list", {"status": "open"}),
        (f"page {total * 4 // 5 // 100 + 1} (cursor)", "incident.list", deep),
        (f"show, {audit_rows} audit rows", "incident.show", {"incident": shown}),
    ]
    if only == "show":
        cases = [(f"show, {audit_rows} audit rows", "incident.show", {"incident": shown})]
    for name, method, params in cases:
        stmts = list_sql(params) if method == "incident.list" else show_sql(con, shown)
        daemon, peer = [], []
        for i in range(runs + 3):
            t0 = time.perf_counter()
            result, size = rpc.call(method, params)
            t1 = time.perf_counter()
            for sql, values in stmts:
                con.execute(sql, values).fetchall()
            t2 = time.perf_counter()
            if i >= 3:                      # the first three warm the caches
                daemon.append((t1 - t0) * 1000)
                peer.append((t2 - t1) * 1000)
        plan = []
        for sql, values in stmts:
            plan.append("; ".join(r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql, values)))
        rows = len(result["incidents"]) if method == "incident.list" else len(result["evidence"])
        print(json.dumps({"query": name, "method": method, "params": params,
                          "total": result.get("total"), "rows": rows, "reply_bytes": size,
                          "daemon_median_ms": round(median(daemon), 2),
                          "daemon_max_ms": round(max(daemon), 2),
                          "sqlite_median_ms": round(median(peer), 2),
                          "sqlite_max_ms": round(max(peer), 2),
                          "plan": plan}, ensure_ascii=False), flush=True)


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "fill" and len(sys.argv) == 7:
        fill(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
    elif len(sys.argv) >= 2 and sys.argv[1] == "measure" and len(sys.argv) in (5, 6):
        measure(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5] if len(sys.argv) == 6 else None)
    elif len(sys.argv) >= 2 and sys.argv[1] == "pad" and len(sys.argv) == 4:
        pad(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
