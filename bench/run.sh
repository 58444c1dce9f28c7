#!/usr/bin/env bash
# Benchmarks smplan against the parse floor and a peer (taplo). Prints ratios.
#
#   bench/run.sh [FILES]          (default 10000; needs python3 and hyperfine, taplo optional)
#   RUNS=N bench/run.sh           N runs of the floor and of smplan, in turn (default 30)
#   SCALE=1 bench/run.sh          also times 10x FILES to check that cost grows linearly
#
# The corpus comes from bench/gen_plans.py (same arguments, same bytes) under target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-10000}
out=target/bench
mkdir -p "$out"
command -v hyperfine >/dev/null || { echo "bench: install hyperfine (apt-get install hyperfine)" >&2; exit 2; }

corpus() { # N -> path
  local dir=$out/corpus-$1
  [[ -f $dir/.done ]] || { rm -rf "$dir"; python3 bench/gen_plans.py "$dir" --files "$1" >/dev/null; touch "$dir/.done"; }
  echo "$dir"
}

cargo build --release --quiet --bin smplan --example parse_floor
# Timed as installed: `cargo install`, pre-commit and the release archives copy the binary, and a
# copy starts with ~50 fewer page faults than the file the linker wrote (its page cache is laid
# out differently), the floor's with ~20 fewer.
mkdir -p "$out/bin"
cp target/release/smplan target/release/examples/parse_floor "$out/bin/"
smplan=$out/bin/smplan
floor=$out/bin/parse_floor
"$smplan" schema > "$out/smplan.schema.json"
taplo=$(command -v taplo || true)
[[ -n $taplo ]] || { [[ -x node_modules/.bin/taplo ]] && taplo=node_modules/.bin/taplo; } || true

dir=$(corpus "$files")
echo "== $files plans ($(find "$dir" -name "*.plan.toml" -exec cat {} + | wc -c) bytes), $(nproc) cores"
# Both run inside the corpus, as a user runs `smplan lint` in their project: the corpus is the
# whole project, so SC003 compares its plans with each other and with nothing outside.
abs=$PWD
floor=$abs/$floor smplan=$abs/$smplan
# One run of each in turn (bench/pair.py), not hyperfine's blocks: this kind of shared VM drifts by
# several percent within seconds, and a block of 30 runs then times the two at different speeds.
python3 bench/pair.py "$dir" "${RUNS:-30}" "$out/bench.json" \
  "parse-floor='$floor' ." "smplan='$smplan' lint --no-config --format json ."
rm -f "$out/taplo.json"
if [[ -n $taplo ]]; then
  # The peer is slow: two runs are enough to compare.
  hyperfine --runs 2 -i --export-json "$out/taplo.json" -n taplo \
    "$taplo check --schema file://$PWD/$out/smplan.schema.json '$dir/**/*.plan.toml'" >/dev/null
fi

# hyperfine's `-i` would time a crash as readily as exit 1 (a plan with errors): run each command
# once first and stop on any other status.
exits_0_or_1() { # DIR COMMAND...
  local dir=$1; shift
  local code=0
  cd "$dir" || exit 2
  "$@" >/dev/null 2>"$abs/$out/stderr.txt" || code=$?
  cd "$abs" || exit 2
  (( code <= 1 )) || { echo "bench: $* exited with $code in $dir" >&2; tail -c 2000 "$abs/$out/stderr.txt" >&2; exit 2; }
}

# One plan alone (a folder with nothing else: the pre-commit case of a small project), and one
# plan of a 100-plan project (SC003 reads the other 99 for plans of the same scope).
one=$dir/dept-000/team-00/plan-000000.plan.toml
mkdir -p "$out/alone" && cp "$one" "$out/alone/p.plan.toml"
exits_0_or_1 "$out/alone" "$smplan" lint --no-config p.plan.toml
exits_0_or_1 "$dir/dept-000/team-00" "$smplan" lint --no-config plan-000000.plan.toml
(cd "$out/alone" && hyperfine -N --warmup 5 --runs 60 -i --export-json "$abs/$out/one.json" "$smplan lint --no-config p.plan.toml" >/dev/null)
(cd "$dir/dept-000/team-00" && hyperfine -N --warmup 5 --runs 60 -i --export-json "$abs/$out/team.json" "$smplan lint --no-config plan-000000.plan.toml" >/dev/null)

# smplan exits 1 on a corpus with errors: not a failure of the benchmark.
rss=$( { cd "$dir" && /usr/bin/time -v "$smplan" lint --no-config --format json . > /dev/null || true; } 2>&1 | awk '/Maximum resident/ {print $6}')
(cd "$dir" && "$smplan" lint --no-config --format json --jobs 1 .) | grep -v '"elapsed' > "$out/jobs1.json" || true
(cd "$dir" && "$smplan" lint --no-config --format json --jobs 2 .) | grep -v '"elapsed' > "$out/jobs2.json" || true
# Two empty outputs (smplan failed both times) are not "the same output".
same=$( [[ -s $out/jobs1.json ]] && cmp -s "$out/jobs1.json" "$out/jobs2.json" && echo yes || echo NO)

python3 - "$out" "$rss" "$same" <<'PY'
import json, sys
out, rss, same = sys.argv[1], int(sys.argv[2] or 0), sys.argv[3]
pair = json.load(open(f"{out}/bench.json"))
f, s = pair["results"]["parse-floor"], pair["results"]["smplan"]
floor, lint = f["median"], s["median"]
print(f"parse floor      {floor:8.3f} s   median of {pair['runs']}, taken in turn with smplan's")
print(f"smplan lint      {lint:8.3f} s   {lint / floor:5.2f}x the floor (target <= 1.25x)")
print(f"                 min {s['min'] / f['min']:.2f}x, CPU time {s['cpu_median'] / f['cpu_median']:.2f}x")
try:
    t = json.load(open(f"{out}/taplo.json"))["results"][0]["median"]
    print(f"taplo check      {t:8.3f} s   smplan is {t / lint:5.1f}x faster")
except FileNotFoundError:
    pass
one = json.load(open(f"{out}/one.json"))["results"][0]["median"]
print(f"one plan alone   {one * 1000:8.1f} ms  median (target < 3 ms)")
team = json.load(open(f"{out}/team.json"))["results"][0]["median"]
print(f"one plan of 100  {team * 1000:8.1f} ms  median (SC003 reads the other 99)")
print(f"peak memory      {rss / 1024:8.1f} MB  (target < 64 MB)")
print(f"--jobs 1 == --jobs 2 output: {same}")
PY

if [[ -n ${SCALE:-} ]]; then
  big=$(corpus $((files * 10)))
  exits_0_or_1 "$big" "$smplan" lint --no-config --format json .
  hyperfine --warmup 1 --runs 3 -i --export-json "$out/scale.json" \
    -S bash -n small "cd $dir && $smplan lint --no-config --format json ." -n big "cd $big && $smplan lint --no-config --format json ." >/dev/null
  python3 -c "
import json; r={x['command']:x['mean'] for x in json.load(open('$out/scale.json'))['results']}
print(f\"10x the plans   {r['big']/r['small']:8.2f}x the time (target <= 11x)\")"
fi
