#!/usr/bin/env python3
"""Drive `smplan server` over stdio on a 100-goal plan: latency from `didChange` to the
`publishDiagnostics` it causes, and resident memory after the first edit and after 10,000.

Usage: bench/server.py [path/to/smplan] [--edits N] [--goals N]
A benchmark, not a test: it prints numbers (the README quotes them) and asserts nothing.
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_plans  # noqa: E402


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("smplan", nargs="?", default="target/release/smplan")
    ap.add_argument("--edits", type=int, default=10_000)
    ap.add_argument("--goals", type=int, default=100)
    args = ap.parse_args()

    import random
    text = gen_plans.plan_text(random.Random(1), 0, args.goals, set())
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "big.plan.toml")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    uri = "file://" + path
    p = subprocess.Popen([args.smplan, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def send(m):
        b = json.dumps(m).encode()
        p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b)
        p.stdin.flush()

    def recv():
        n = 0
        while True:
            line = p.stdout.readline()
            if line in (b"\r\n", b""):
                break
            k, v = line.decode().split(":", 1)
            if k.lower() == "content-length":
                n = int(v)
        return json.loads(p.stdout.read(n))

    def until_diagnostics(version):
        while True:
            m = recv()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == version:
                return m

    send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": "file://" + tmp}})
    recv()
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "toml", "version": 1, "text": text}}})
    until_diagnostics(1)
    lines = text.count("\n")
    latencies = []
    first_rss = None
    for v in range(2, args.edits + 2):
        # Type one character into (and delete it from) the title, alternately.
        edit = {"range": {"start": {"line": 5, "character": 11}, "end": {"line": 5, "character": 11 + (v % 2 == 1)}}, "text": "x" if v % 2 == 0 else ""}
        t0 = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": v}, "contentChanges": [edit]}})
        until_diagnostics(v)
        latencies.append((time.perf_counter() - t0) * 1000)
        if v == 2:
            first_rss = rss_kib(p.pid)
    last_rss = rss_kib(p.pid)
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    recv()
    send({"jsonrpc": "2.0", "method": "exit"})
    p.wait()
    latencies.sort()
    q = lambda f: latencies[min(len(latencies) - 1, int(f * len(latencies)))]
    print(f"plan: {args.goals} goals, {len(text)} bytes, {lines} lines; {args.edits} edits")
    print(f"didChange -> publishDiagnostics: median {statistics.median(latencies):.2f} ms, p95 {q(0.95):.2f} ms, max {latencies[-1]:.2f} ms")
    print(f"RSS after the first edit {first_rss / 1024:.1f} MiB, after {args.edits} edits {last_rss / 1024:.1f} MiB ({(last_rss - first_rss) / 1024:+.1f} MiB)")


if __name__ == "__main__":
    main()
