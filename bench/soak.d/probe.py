"""The soak's companions, all on loopback and bounded in time: 250 slow-body connections (one byte a
second, reconnecting when the server cuts them), a /health probe from a fresh connection every 200 ms,
the server's resident memory every second, and the hot reload of a broken then a fixed KB."""
import json, os, socket, sys, threading, time

port, pid, kb, seconds = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
end = time.time() + seconds
lock = threading.Lock()
stats = {"health_max_ms": 0.0, "health_n": 0, "health_slow": 0, "health_failed": 0, "slow_cut": 0,
         "rss_max_mb": 0.0, "reload": [], "slow_at": [], "reload_at": []}
start = time.time()

def at():
    return round(time.time() - start, 1)

HEAD = (b"POST /api/match HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100000\r\n\r\n{")

def slow_clients(count=250):
    socks = []
    while time.time() < end:
        while len(socks) < count:
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=2)
                s.sendall(HEAD)
                socks.append(s)
            except OSError:
                time.sleep(0.05)
                break
        alive = []
        for s in socks:
            try:
                s.sendall(b" ")
                alive.append(s)
            except OSError:
                with lock:
                    stats["slow_cut"] += 1
                s.close()
        socks = alive
        time.sleep(1)
    for s in socks:
        s.close()

def health():
    while time.time() < end:
        t0 = time.perf_counter()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                data = b""
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    data += chunk
            ms = (time.perf_counter() - t0) * 1000
            ok = data.startswith(b"HTTP/1.1 200")
            with lock:
                stats["health_n"] += 1
                stats["health_max_ms"] = max(stats["health_max_ms"], ms)
                stats["health_slow"] += ms > 100
                if ms > 100:
                    stats["slow_at"].append([at(), round(ms)])
                stats["health_failed"] += not ok
        except OSError:
            with lock:
                stats["health_failed"] += 1
        time.sleep(0.2)

def health_kb():
  try:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    return json.loads(data.split(b"\r\n\r\n", 1)[1])["kb"]["status"]
  except (OSError, ValueError, KeyError, IndexError) as e:
    return "no answer (" + type(e).__name__ + ")"

def rss():
    while time.time() < end:
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        mb = int(line.split()[1]) / 1024
                        with lock:
                            stats["rss_max_mb"] = max(stats["rss_max_mb"], mb)
        except OSError:
            pass
        time.sleep(1)

def reload():
    # Broken a third of the way in, fixed at two thirds; /health must follow.
    broken = os.path.join(kb, "zz-broken.md")
    time.sleep(seconds / 3)
    with open(broken, "w") as f:
        f.write("---\nid: zz-broken\ntitle: [not closed\n---\n")
    stats["reload_at"].append(at())
    for _ in range(50):
        time.sleep(0.2)
        if health_kb() == "stale":
            break
    stats["reload"].append(health_kb())
    time.sleep(max(0, end - time.time() - seconds / 3))
    os.remove(broken)
    stats["reload_at"].append(at())
    for _ in range(50):
        time.sleep(0.2)
        if health_kb() == "current":
            break
    stats["reload"].append(health_kb())

threads = [threading.Thread(target=t, daemon=True) for t in (slow_clients, health, rss, reload)]
for t in threads:
    t.start()
for t in threads:
    t.join(seconds + 30)
print(json.dumps(stats))
