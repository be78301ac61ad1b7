#!/usr/bin/env python3
"""rpc.py — a JSON-RPC peer for the integration tests, independent of the
C client so that the daemon is checked against the protocol as written.

  rpc.py call SOCKET METHOD [PARAMS_JSON]    print the reply line
  rpc.py raw SOCKET                          send stdin as it is; print what comes back
  rpc.py open SOCKET SEGMENT OUT             recording.open; copy the passed fd to OUT
  rpc.py fdcall SOCKET METHOD PARAMS OUT     the same with any method (snapshot.get)
  rpc.py flood SOCKET N                      N clients at once, each calls hello
  rpc.py stuck SOCKET                        a peer that asks a lot and never reads
  rpc.py watch SOCKET SECONDS [TOPICS]       subscribe (default: cameras; TOPICS
                                             comma-separated); print notifications
"""
import array
import json
import os
import socket
import sys
import threading
import time


def connect(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(20)
    s.connect(path)
    return s


def read_line(s, buf):
    while b"\n" not in buf[0]:
        chunk = s.recv(65536)
        if not chunk:
            raise EOFError("connection closed")
        buf[0] += chunk
    line, buf[0] = buf[0].split(b"\n", 1)
    return line


def call(s, method, params=None, ident=1):
    req = {"jsonrpc": "2.0", "id": ident, "method": method}
    if params is not None:
        req["params"] = params
    s.sendall(json.dumps(req).encode() + b"\n")


def main():
    cmd, path = sys.argv[1], sys.argv[2]
    if cmd == "call":
        s = connect(path)
        params = json.loads(sys.argv[4]) if len(sys.argv) > 4 else None
        call(s, sys.argv[3], params)
        buf = [b""]
        while True:
            line = read_line(s, buf)
            msg = json.loads(line)
            if "id" in msg:
                print(line.decode())
                return
    elif cmd == "raw":
        s = connect(path)
        s.sendall(sys.stdin.buffer.read())
        s.shutdown(socket.SHUT_WR)
        out = b""
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                out += chunk
        except socket.timeout:
            pass
        sys.stdout.write(out.decode("utf-8", "replace"))
    elif cmd in ("open", "fdcall"):
        s = connect(path)
        if cmd == "open":
            call(s, "recording.open", {"segment": int(sys.argv[3])})
        else:
            call(s, sys.argv[3], json.loads(sys.argv[4]))
            sys.argv[4] = sys.argv[5]
        fds = array.array("i")
        msg, anc, _flags, _addr = s.recvmsg(1 << 20, socket.CMSG_SPACE(4 * fds.itemsize))
        for level, kind, data in anc:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds.frombytes(data[: len(data) - (len(data) % fds.itemsize)])
        buf = [msg]
        line = read_line(s, buf)
        print(line.decode())
        if not fds:
            sys.exit("no file descriptor came with the reply")
        with os.fdopen(fds[0], "rb") as src, open(sys.argv[4], "wb") as dst:
            dst.write(src.read())
    elif cmd == "flood":
        n = int(sys.argv[3])
        results = [None] * n
        socks = [connect(path) for _ in range(n)]   # all connected before any asks

        def one(i):
            t0 = time.monotonic()
            try:
                call(socks[i], "hello", None, i + 1)
                reply = json.loads(read_line(socks[i], [b""]))
                ok = reply.get("id") == i + 1 and "result" in reply
                results[i] = (ok, time.monotonic() - t0)
            except Exception as e:  # noqa: BLE001 - reported below
                results[i] = (False, repr(e))

        threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        good = [r for r in results if r and r[0]]
        worst = max((r[1] for r in good), default=0)
        print(json.dumps({"answered": len(good), "clients": n, "worst_seconds": round(worst, 3)}))
        sys.exit(0 if len(good) == n else 1)
    elif cmd == "stuck":
        # Subscribes, then asks for the status over and over without ever
        # reading: the daemon must drop it, not wait for it.
        s = connect(path)
        s.setblocking(False)
        req = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "status"}).encode() + b"\n"
        sent, deadline = 0, time.monotonic() + float(sys.argv[3] if len(sys.argv) > 3 else 20)
        while time.monotonic() < deadline:
            try:
                s.send(req)
                sent += 1
            except BlockingIOError:
                time.sleep(0.01)
            except (BrokenPipeError, ConnectionResetError):
                print(json.dumps({"sent": sent, "dropped": True}))
                return
        print(json.dumps({"sent": sent, "dropped": False}))
    elif cmd == "watch":
        s = connect(path)
        topics = sys.argv[4].split(",") if len(sys.argv) > 4 else ["cameras"]
        call(s, "subscribe", {"topics": topics})
        buf = [b""]
        deadline = time.monotonic() + float(sys.argv[3])
        s.settimeout(0.5)
        while time.monotonic() < deadline:
            try:
                line = read_line(s, buf)
            except socket.timeout:
                continue
            print(line.decode(), flush=True)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
