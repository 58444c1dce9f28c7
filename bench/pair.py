#!/usr/bin/env python3
"""Times commands in turn, one run of each, and writes their times as JSON.

    bench/pair.py DIR RUNS OUT.json NAME=COMMAND NAME=COMMAND [...]

All run in DIR; standard output is discarded, standard error is kept to report a failure. The order alternates (A B, B A, ...; with more, forwards then backwards) and the
ratio is of medians: on a shared machine whose speed drifts over seconds, runs in blocks (as
hyperfine makes them) time the two commands at different speeds. CPU time (user + system, from
the children's rusage) is recorded beside wall time. Exit 1 is not a failure (a lint of a
corpus with errors exits 1); any other status stops the benchmark, so a crash is never timed.
RUNS is rounded up to an even number, so that of two commands each runs first as often.
"""
import json
import resource
import shlex
import statistics
import subprocess
import sys
import time


def run_once(argv, cwd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        err = done.stderr.decode(errors="replace").strip()[-2000:]
        sys.exit(f"bench: {shlex.join(argv)} exited with {done.returncode}\n{err}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    cwd, runs, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    runs += runs % 2
    commands = [arg.split("=", 1) for arg in sys.argv[4:]]
    times = {name: {"wall": [], "cpu": []} for name, _ in commands}
    for name, command in commands:  # warm-up: page cache, binaries
        run_once(shlex.split(command), cwd)
    for i in range(runs):
        order = commands if i % 2 == 0 else commands[::-1]
        for name, command in order:
            wall, cpu = run_once(shlex.split(command), cwd)
            times[name]["wall"].append(wall)
            times[name]["cpu"].append(cpu)
    results = {
        name: {
            "command": command,
            "median": statistics.median(times[name]["wall"]),
            "min": min(times[name]["wall"]),
            "cpu_median": statistics.median(times[name]["cpu"]),
            "times": times[name]["wall"],
            "cpu_times": times[name]["cpu"],
        }
        for name, command in commands
    }
    with open(out, "w") as f:
        json.dump({"runs": runs, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
