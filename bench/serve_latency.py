#!/usr/bin/env python3
"""Save -> reload latency of `tebiki serve` on a generated site.

Generates a site with bench/gen_site.py (into /dev/shm by default, reused
while its stamp matches), starts `tebiki serve --port 0` on it, opens the
live-reload event stream like a browser tab does, then edits one guide at a
time (a changed step text, written the way editors save: a new file renamed
over the old one) and measures the time from the save to the `reload`
event naming that guide's page. Also fetches the page after each event to
check that it holds the new text. Prints the median, min and max, and the
server's resident memory.

  python3 bench/serve_latency.py --n 10000 --edits 21
  TEBIKI=target/release/tebiki python3 bench/serve_latency.py --n 1000

With --include-users K, the generated site also has an include file
(content/includes/bench-open.md, two steps with a screenshot) that K of its
Japanese guides include at the start of their second procedure, and each
save edits that include file instead: the time measured is until the
reload event names the page of one of those guides (a different one each
time), the tab a writer would have open while editing the include.

Stdlib only. Talks to 127.0.0.1 only.
"""

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


INCLUDE = "includes/bench-open.md"


def ensure_site(n, base, include_users=0):
    site = os.path.join(base, f"serve-site-{n}" + (f"-include-{include_users}" if include_users else ""))
    gen = os.path.join(REPO, "bench", "gen_site.py")
    stamp = os.path.join(site, ".stamp")
    want = f"{n} {include_users} {os.path.getmtime(gen)} {os.path.getmtime(__file__)}"
    if os.path.exists(stamp) and open(stamp).read() == want:
        return site
    if os.path.exists(site):
        subprocess.run(["rm", "-rf", site], check=True)
    t = time.time()
    subprocess.run([sys.executable, gen, "--n", str(n), "--out", site], check=True, stdout=subprocess.DEVNULL)
    if include_users:
        add_include(site, include_users)
    open(stamp, "w").write(want)
    print(f"generated {n} guides in {time.time() - t:.1f} s: {site}", file=sys.stderr)
    return site


def japanese_guides(site):
    out = []
    for root, _, files in os.walk(os.path.join(site, "content")):
        out.extend(os.path.join(root, f) for f in files if f == "index.md")
    return sorted(out)


def include_users(site, k):
    """The k guides (spread over the site) that include the bench include."""
    guides = japanese_guides(site)
    return guides[:: max(1, len(guides) // k)][:k]


def add_include(site, k):
    inc = os.path.join(site, "content", INCLUDE)
    os.makedirs(os.path.join(os.path.dirname(inc), "shots"), exist_ok=True)
    users = include_users(site, k)
    shot = os.path.join(os.path.dirname(users[0]), "shots", "step1.png")
    subprocess.run(["cp", shot, os.path.join(os.path.dirname(inc), "shots", "open.png")], check=True)
    with open(inc, "w", encoding="utf-8") as f:
        f.write("1. [スタート] ボタンをクリックし、[設定] を開きます。 bench-include-0\n\n"
                "   ![スタートボタン](shots/open.png \"[スタート]をクリックします。\")\n\n"
                "2. [システム] をクリックします。\n\n   ![システム](shots/open.png)\n")
    for path in users:
        text = open(path, encoding="utf-8").read()
        text = text.replace("\n## STEP2 ", f"\n[!INCLUDE [設定を開く](../../{INCLUDE})]\n\n## STEP2 ", 1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


class Events:
    """A minimal server-sent-events reader over a raw socket (HTTP/1.1, chunked)."""

    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port))
        self.sock.sendall(f"GET /__tebiki/events HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n\r\n".encode())
        self.raw = b""
        self.headers_done = False
        self.buf = b""
        self.event = None

    def _decode(self):
        """Move complete chunks from the raw bytes into the text buffer."""
        if not self.headers_done:
            if b"\r\n\r\n" not in self.raw:
                return
            _, self.raw = self.raw.split(b"\r\n\r\n", 1)
            self.headers_done = True
        while b"\r\n" in self.raw:
            size_line, rest = self.raw.split(b"\r\n", 1)
            size = int(size_line.split(b";")[0] or b"0", 16)
            if len(rest) < size + 2:
                return
            self.buf += rest[:size]
            self.raw = rest[size + 2 :]

    def next(self, timeout):
        """The next (event, data) pair, or None after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            self._decode()
            while b"\n" in self.buf:
                line, self.buf = self.buf.split(b"\n", 1)
                line = line.rstrip(b"\r").decode("utf-8", "replace")
                if line.startswith("event: "):
                    self.event = line[7:]
                elif line.startswith("data: "):
                    return self.event, line[6:]
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return None
            if not chunk:
                raise RuntimeError("event stream closed")
            self.raw += chunk


def get(host, port, path):
    s = socket.create_connection((host, port))
    s.sendall(f"GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
    out = b""
    while True:
        c = s.recv(65536)
        if not c:
            break
        out += c
    return out.decode("utf-8", "replace")


def rss_mib(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10000, help="guides in the generated site")
    ap.add_argument("--edits", type=int, default=21, help="saves to measure")
    ap.add_argument("--dir", default=os.environ.get("BENCH_DIR", "/dev/shm/tebiki-bench"))
    ap.add_argument("--include-users", type=int, default=0, help="edit an include file that this many guides include")
    args = ap.parse_args()

    tebiki = os.environ.get("TEBIKI", os.path.join(REPO, "target", "release", "tebiki"))
    if not os.path.exists(tebiki):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    os.makedirs(args.dir, exist_ok=True)
    site = ensure_site(args.n, args.dir, args.include_users)

    # Guides to edit (or, with an include, whose page to wait for): spread over the site.
    guides = include_users(site, args.include_users) if args.include_users else japanese_guides(site)
    step = max(1, len(guides) // args.edits)
    targets = guides[::step][: args.edits]

    print(f"load average: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    t0 = time.monotonic()
    proc = subprocess.Popen([tebiki, "serve", site, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        m = re.search(r"http://([\d.]+):(\d+)/", line)
        if not m:
            raise SystemExit(f"serve did not start: {line!r} {proc.stderr.read()}")
        host, port = m.group(1), int(m.group(2))
        startup = time.monotonic() - t0
        # Drain stderr so the pipe never fills.
        import threading

        log = []
        threading.Thread(target=lambda: [log.append(l) for l in proc.stderr], daemon=True).start()

        ev = Events(host, port)
        if ev.next(30) is None:
            raise SystemExit("no hello event")
        latencies = []
        for i, path in enumerate(targets):
            rel = os.path.relpath(os.path.dirname(path), os.path.join(site, "content"))
            page = rel + ".html"
            marker = f"bench-edit-{i}-{time.time_ns()}"
            if args.include_users:
                path = os.path.join(site, "content", INCLUDE)
                text = open(path, encoding="utf-8").read()
                new = re.sub(r"bench-(include|edit)-[0-9-]+", marker, text)
            else:
                text = open(path, encoding="utf-8").read()
                new = text.replace("\n1. ", f"\n1. {marker} ", 1)
            tmp = path + ".tmp~"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(new)
            start = time.perf_counter()
            os.replace(tmp, path)
            got = None
            while True:
                e = ev.next(30)
                if e is None:
                    raise SystemExit(f"no reload event for {page}")
                if e[0] == "reload" and page in json.loads(e[1]).get("changed", []):
                    got = time.perf_counter() - start
                    break
            latencies.append(got * 1000)
            body = get(host, port, page)
            if marker not in body:
                raise SystemExit(f"{page} does not hold the edit after its reload event")
            # Let the second batch (other pages) finish before the next save.
            while ev.next(0.3) is not None:
                pass
        rss = rss_mib(proc.pid)
    finally:
        proc.terminate()
        proc.wait()

    latencies_sorted = sorted(latencies)
    what = f", each an include used by {args.include_users} guides" if args.include_users else ""
    print(f"== tebiki serve: save -> reload event, N={args.n} guides, {len(latencies)} saves{what} ==")
    print(f"tebiki : {tebiki}")
    print(f"site   : {site}")
    print(f"startup (build into memory, until listening): {startup:.1f} s")
    print(
        f"save -> reload event: median {statistics.median(latencies):.1f} ms "
        f"[min {latencies_sorted[0]:.1f}, max {latencies_sorted[-1]:.1f}]"
    )
    print(f"server resident memory after the edits: {rss:.0f} MiB")
    print("raw ms: " + " ".join(f"{x:.1f}" for x in latencies))


if __name__ == "__main__":
    main()
