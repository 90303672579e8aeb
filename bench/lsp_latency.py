#!/usr/bin/env python3
"""Keystroke-to-diagnostics latency of `tebiki lsp` on a generated site.

Generates a site with bench/gen_site.py (into /dev/shm by default, reused
while its stamp matches), adds to 100 of its guides a link to a heading
`{#target}` of one guide, starts `tebiki lsp` over stdio like an editor
does, opens two guides and measures:

- local: a keystroke in a step's text (incremental didChange of one
  character) until the server publishes that guide's diagnostics
  (version matching the edit);
- breaking: a keystroke that renames the `{#target}` heading id, until
  the 100 guides linking to it have their `anchor-missing` diagnostics
  (and back: the next keystroke restores it, until they are clear);
- completion: `textDocument/completion` after `](` (every guide of the
  language) and after `#` (the anchors of a page), request to response;
- CPU: the server's user + system time per keystroke of the first two runs
  (steadier than wall time on a loaded machine);
- memory: the server's resident set after the runs (VmRSS, and VmHWM peak).

Prints medians and p95. Stdlib only; talks to the server over pipes.

  python3 bench/lsp_latency.py --n 10000 --edits 41
  TEBIKI=target/release/tebiki python3 bench/lsp_latency.py --n 1000
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import queue
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINKERS = 100


def ensure_site(n, base):
    site = os.path.join(base, f"lsp-site-{n}")
    gen = os.path.join(REPO, "bench", "gen_site.py")
    stamp = os.path.join(site, ".stamp")
    want = f"{n} {os.path.getmtime(gen)} {os.path.getmtime(__file__)}"
    if os.path.exists(stamp) and open(stamp).read() == want:
        return site
    if os.path.exists(site):
        subprocess.run(["rm", "-rf", site], check=True)
    t = time.time()
    subprocess.run([sys.executable, gen, "--n", str(n), "--out", site], check=True, stdout=subprocess.DEVNULL)
    guides = sorted(
        os.path.join(d, f)
        for d, _, files in os.walk(os.path.join(site, "content"))
        for f in files
        if f == "index.md"
    )
    target, linkers = guides[0], guides[1 : 1 + LINKERS]
    with open(target, encoding="utf-8") as f:
        text = f.read()
    # The first `## ` heading gets an explicit id the others link to.
    i = text.index("\n## ") + 1
    eol = text.index("\n", i)
    text = text[:eol] + " {#target}" + text[eol:]
    with open(target, "w", encoding="utf-8") as f:
        f.write(text)
    for g in linkers:
        rel = os.path.relpath(target, os.path.dirname(g))
        with open(g, "a", encoding="utf-8") as f:
            f.write(f"\nSee also [the first step]({rel}#target).\n")
    open(stamp, "w").write(want)
    print(f"generated {n} guides in {time.time() - t:.1f} s: {site}", file=sys.stderr)
    return site


def uri(path):
    from urllib.parse import quote

    return "file://" + quote(os.path.abspath(path))


class Client:
    """A minimal LSP client over the server's stdin/stdout."""

    def __init__(self, cmd, cwd, timings=None):
        env, err = None, None
        if timings:
            env = dict(os.environ, TEBIKI_TIMINGS="1")
            err = open(timings, "w")
        self.proc = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, env=env)
        self.next_id = 0
        self.inbox = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                k, v = line.split(b":", 1)
                headers[k.strip().lower()] = v.strip()
            body = out.read(int(headers[b"content-length"]))
            self.inbox.put((time.perf_counter(), json.loads(body)))

    def send(self, msg):
        """Send a message; returns when it started going out (a reply can
        arrive before this thread runs again after the write)."""
        body = json.dumps(msg).encode()
        sent = time.perf_counter()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return sent

    def notify(self, method, params):
        return self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.next_id += 1
        sent = self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            at, msg = self.get()
            if msg.get("id") == self.next_id and "method" not in msg:
                return at - sent, msg.get("result")

    def get(self, timeout=120):
        item = self.inbox.get(timeout=timeout)
        if item is None:
            raise RuntimeError("the server closed its output")
        return item

    def wait(self, pred, timeout=120):
        """Messages until one satisfies pred; returns its arrival time."""
        while True:
            at, msg = self.get(timeout)
            if pred(msg):
                return at

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.proc.wait(timeout=30)


def published(msg, u, version=None):
    if msg.get("method") != "textDocument/publishDiagnostics":
        return False
    p = msg["params"]
    return p["uri"] == u and (version is None or p.get("version") == version)


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def summary(name, ms):
    print(f"{name:<34} median {statistics.median(ms):7.1f} ms   p95 {pct(ms, 95):7.1f} ms   "
          f"min {min(ms):6.1f}   max {max(ms):7.1f}   (n={len(ms)})")


def rss(pid):
    fields = {}
    for line in open(f"/proc/{pid}/status"):
        k, _, v = line.partition(":")
        fields[k] = v.strip()
    return fields.get("VmRSS"), fields.get("VmHWM")


def cpu(pid):
    """CPU time (user + system, seconds) the process has used so far."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=41)
    ap.add_argument("--breaks", type=int, default=0,
                    help="break/mend pairs (default: half of --edits); a p95 needs about 60")
    ap.add_argument("--timings", metavar="FILE",
                    help="write the server's per-keystroke stage timings (TEBIKI_TIMINGS) to FILE")
    ap.add_argument("--base", default="/dev/shm/tebiki-bench")
    args = ap.parse_args()
    # Absolute: the server runs in the site folder.
    tebiki = os.path.abspath(os.environ.get("TEBIKI", os.path.join(REPO, "target", "release", "tebiki")))
    if not os.path.exists(tebiki):
        subprocess.run(["cargo", "build", "--release"], cwd=REPO, check=True)
    os.makedirs(args.base, exist_ok=True)
    site = ensure_site(args.n, args.base)
    guides = sorted(
        os.path.join(d, f) for d, _, files in os.walk(os.path.join(site, "content")) for f in files if f == "index.md"
    )
    target, edited = guides[0], guides[-1]

    c = Client([tebiki, "lsp"], site, args.timings)
    c.request("initialize", {"processId": os.getpid(), "rootUri": uri(site), "capabilities": {}})
    c.notify("initialized", {})

    t0 = time.perf_counter()
    docs = {}
    for g in (edited, target):
        text = open(g, encoding="utf-8").read()
        docs[g] = {"uri": uri(g), "text": text, "version": 1}
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri(g), "languageId": "markdown", "version": 1, "text": text}})
        c.wait(lambda m: published(m, uri(g), 1))
        if g == edited:
            print(f"site loaded and first diagnostics in {time.perf_counter() - t0:.2f} s", file=sys.stderr)

    def pos(text, offset):
        line = text.count("\n", 0, offset)
        col = len(text[text.rfind("\n", 0, offset) + 1 : offset].encode("utf-16-le")) // 2
        return {"line": line, "character": col}

    def keystroke(g, offset, old_len, new):
        d = docs[g]
        d["version"] += 1
        rng = {"start": pos(d["text"], offset), "end": pos(d["text"], offset + old_len)}
        d["text"] = d["text"][:offset] + new + d["text"][offset + old_len :]
        sent = c.notify("textDocument/didChange", {
            "textDocument": {"uri": d["uri"], "version": d["version"]},
            "contentChanges": [{"range": rng, "text": new}],
        })
        return sent, d["version"]

    # 1. An edit that affects only the file: type into a step's instruction.
    local = []
    cpu0 = cpu(c.proc.pid)
    text = docs[edited]["text"]
    at = text.index("\n1. ") + 4
    for i in range(args.edits):
        sent, v = keystroke(edited, at + i, 0, "あ")
        arrived = c.wait(lambda m: published(m, docs[edited]["uri"], v))
        local.append((arrived - sent) * 1000)
        time.sleep(0.05)  # a typist's pace: the measured keystroke is not queued behind the last
    cpu_local = (cpu(c.proc.pid) - cpu0) * 1000 / args.edits
    cpu0 = cpu(c.proc.pid)

    # 2. An edit that breaks (then mends) a link used by 100 guides.
    linkers = set(uri(g) for g in guides[1 : 1 + LINKERS])
    breaking, mending = [], []
    for i in range(args.breaks or max(1, args.edits // 2)):
        text = docs[target]["text"]
        at = text.index("{#target") + len("{#target")
        for kind in ("break", "mend"):
            if kind == "break":
                sent, v = keystroke(target, at, 0, "x")
            else:
                sent, v = keystroke(target, at, 1, "")
            seen = set()
            want_missing = kind == "break"

            def done(m):
                if m.get("method") != "textDocument/publishDiagnostics":
                    return False
                p = m["params"]
                if p["uri"] in linkers:
                    has = any(d.get("code") == "anchor-missing" for d in p["diagnostics"])
                    if has == want_missing:
                        seen.add(p["uri"])
                return len(seen) == len(linkers)

            arrived = c.wait(done)
            (breaking if kind == "break" else mending).append((arrived - sent) * 1000)
            time.sleep(0.05)

    cpu_breaking = (cpu(c.proc.pid) - cpu0) * 1000 / (len(breaking) + len(mending))

    # 3. Completion after `](` and after `#`.
    links, anchors = [], []
    text = docs[edited]["text"]
    end = len(text)
    for i in range(args.edits):
        for kind, typed in (("link", "\n[x]("), ("anchor", f"\n[x]({os.path.relpath(target, os.path.dirname(edited))}#")):
            sent, v = keystroke(edited, len(docs[edited]["text"]), 0, typed)
            d = docs[edited]
            ms, result = c.request("textDocument/completion", {
                "textDocument": {"uri": d["uri"]}, "position": pos(d["text"], len(d["text"])),
            })
            if not result or not result["items"]:
                raise SystemExit(f"no completion for {kind}")
            (links if kind == "link" else anchors).append(ms * 1000)
            keystroke(edited, len(d["text"]) - len(typed), len(typed), "")
    now, peak = rss(c.proc.pid)
    c.close()

    print(f"== tebiki lsp, {args.n} guides ({site}) ==")
    summary("keystroke -> own diagnostics", local)
    summary(f"break link used by {LINKERS} guides", breaking)
    summary(f"mend it again", mending)
    summary("completion after `](`", links)
    summary("completion after `#`", anchors)
    print(f"server CPU per keystroke: {cpu_local:.1f} ms (own diagnostics), {cpu_breaking:.1f} ms (break/mend)")
    print(f"server memory: VmRSS {now}, peak VmHWM {peak}")


if __name__ == "__main__":
    main()
