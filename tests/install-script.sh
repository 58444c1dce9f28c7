#!/usr/bin/env bash
# Tests scripts/install.sh (the GitHub Action's install step) against a real HTTP server on
# 127.0.0.1 (python3 -m http.server) serving a release archive:
#   right checksum → installed, runs, lints; second run → taken from the tool cache;
#   wrong or missing checksum → refused (exit 1, clear message, nothing installed);
#   no asset for the version or the platform → the cargo install fallback. The fallback's cargo
#   is a stand-in (SMPLAN_CARGO) that records its arguments and copies an already built binary
#   to `--root/bin`, so the test checks the exact `cargo install --locked` call without a
#   multi-minute build.
#
#   bash tests/install-script.sh [ARCHIVE]
#
# ARCHIVE is `smplan-<target>.tar.gz` with its `.sha256` beside it (CI passes the one it built
# with the dist profile); without it the script packs target/debug/smplan the way cargo-dist
# lays out an archive.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
install="$root/scripts/install.sh"
version="$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' "$root/Cargo.toml" | head -n 1)"
passed=0
failed=0
pass() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1" >&2; failed=$((failed + 1)); }

tmp="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2> /dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

archive="${1:-}"
if [[ -z $archive ]]; then
  (cd "$root" && cargo build --quiet --locked)
  target="$(rustc -vV | sed -n 's/^host: //p')"
  mkdir -p "$tmp/pack/smplan-$target"
  cp "$root/target/debug/smplan" "$root/README.md" "$root/LICENSE-MIT" "$tmp/pack/smplan-$target/"
  archive="$tmp/smplan-$target.tar.gz"
  tar -czf "$archive" -C "$tmp/pack" "smplan-$target"
  (cd "$tmp" && sha256sum "smplan-$target.tar.gz" > "smplan-$target.tar.gz.sha256")
fi
[[ -f $archive && -f $archive.sha256 ]] || { echo "install-script.sh: $archive or its .sha256 is missing" >&2; exit 2; }
name="$(basename "$archive")"
target="${name#smplan-}"
target="${target%.tar.gz}"
echo "== serving $name (target $target, smplan $version) on 127.0.0.1"

# The release layout: <base>/v<version>/<asset>.
srv="$tmp/srv"
mkdir -p "$srv/v$version" "$srv/v9.9.9" "$srv/v9.9.8"
cp "$archive" "$archive.sha256" "$srv/v$version/"
# 9.9.9: the archive with a checksum of other bytes; 9.9.8: the archive without its checksum.
cp "$archive" "$srv/v9.9.9/"
printf '%s  %s\n' "$(printf 'other bytes' | sha256sum | cut -d ' ' -f 1)" "$name" > "$srv/v9.9.9/$name.sha256"
cp "$archive" "$srv/v9.9.8/"

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server --bind 127.0.0.1 --directory "$srv" "$port" > "$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
  curl --silent --output /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.1
done
base="http://127.0.0.1:$port"

# A stand-in for cargo: records the call and "builds" by copying an existing binary.
built="$tmp/built-smplan"
tar -xzf "$archive" -O --wildcards '*/smplan' > "$built" 2> /dev/null || tar -xzf "$archive" -O smplan > "$built"
chmod +x "$built"
cat > "$tmp/fake-cargo" << FAKE
#!/usr/bin/env bash
printf '%s\n' "\$*" >> "$tmp/cargo-calls"
root=""
while [[ \$# -gt 0 ]]; do [[ \$1 == --root ]] && root="\$2"; shift; done
mkdir -p "\$root/bin" && cp "$built" "\$root/bin/smplan"
FAKE
chmod +x "$tmp/fake-cargo"

# run NAME VERSION [VAR=VALUE...]: the script in a clean environment of its own.
run() {
  local case="$1" v="$2"
  shift 2
  rm -f "$tmp/gh-output" "$tmp/gh-path"
  env -i PATH="$PATH" HOME="$tmp/home" \
    SMPLAN_VERSION="$v" SMPLAN_DOWNLOAD_BASE="$base" SMPLAN_TARGET="$target" \
    SMPLAN_CACHE="$tmp/cache" SMPLAN_SOURCE="$root" SMPLAN_CARGO="$tmp/fake-cargo" \
    GITHUB_OUTPUT="$tmp/gh-output" GITHUB_PATH="$tmp/gh-path" "$@" \
    bash "$install" > "$tmp/$case.out" 2> "$tmp/$case.err"
}
has() { grep -qF -- "$2" "$tmp/$1" || { echo "--- $1:"; cat "$tmp/$1"; return 1; }; }

echo "== right checksum: downloaded, verified, installed"
if run right "$version" && has right.out "method: download" && has right.out "checksum verified" &&
  has gh-output "method=download"; then
  bin="$(cat "$tmp/gh-path")"
  if [[ "$("$bin/smplan" --version)" == "smplan $version" ]] &&
    "$bin/smplan" --no-config lint "$root/fixtures/examples/customer-care-2027.plan.toml" > "$tmp/lint.out"; then
    pass "installed smplan $version from the local server; it runs and lints the reference plan"
  else
    fail "the installed binary does not run or lint"
  fi
else
  fail "right checksum: not installed"; cat "$tmp/right.err"
fi
if [[ ! -s $tmp/cargo-calls ]]; then pass "no build when the asset exists"; else fail "cargo ran although the asset exists"; fi

echo "== again: from the tool cache, no download"
kill "$server_pid"; wait "$server_pid" 2> /dev/null || true; server_pid=""
if run cached "$version" && has cached.out "method: cache" && has gh-output "method=cache"; then
  pass "second run uses the tool cache (server stopped)"
else
  fail "second run did not use the tool cache"; cat "$tmp/cached.err"
fi
python3 -m http.server --bind 127.0.0.1 --directory "$srv" "$port" > "$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do curl --silent --output /dev/null "$base/" && break; sleep 0.1; done

echo "== wrong checksum: refused"
if run wrong 9.9.9; then
  fail "a wrong checksum was accepted"
elif has wrong.err "checksum mismatch for $name" && has wrong.err "refusing to install it" &&
  [[ ! -e $tmp/cache/9.9.9/$target/bin/smplan && ! -e $tmp/cache/9.9.9/$target.complete ]] &&
  [[ ! -s $tmp/cargo-calls ]]; then
  pass "wrong checksum refused with a clear message, nothing installed, no fallback"
else
  fail "wrong checksum: unclear refusal or something installed"
fi

echo "== missing checksum: refused"
if run nosum 9.9.8; then
  fail "an archive without its checksum was installed"
elif has nosum.err "refusing to install an unverified binary"; then
  pass "an archive without a .sha256 is refused"
else
  fail "missing checksum: unclear refusal"
fi

echo "== missing asset: the cargo install fallback"
if run missing 9.9.7 && has missing.out "no release asset $base/v9.9.7/$name" &&
  has missing.out "method: build (cargo install --locked from $root)" && has gh-output "method=build" &&
  has cargo-calls "install --locked --path $root --root $tmp/cache/" && [[ -n $(cat "$tmp/gh-path") ]] &&
  "$(cat "$tmp/gh-path")/smplan" --version > /dev/null; then
  pass "no asset: falls back to cargo install --locked from the checkout, says so, and the result runs"
else
  fail "missing asset: no fallback"; cat "$tmp/missing.err"
fi

echo "== missing asset, download phase only (the action restores its cargo cache next)"
rm -f "$tmp/cargo-calls"
if run phase 9.9.6 SMPLAN_PHASE=download && has phase.out "method: build" && has gh-output "method=build" &&
  has gh-output "cargo-cache-key=smplan-cargo-" && [[ ! -e $tmp/cargo-calls ]]; then
  pass "download phase reports the build path and a cargo cache key without building"
else
  fail "download phase"
fi

echo "== a platform without release binaries"
if run platform "$version" SMPLAN_TARGET= RUNNER_OS=Linux RUNNER_ARCH=riscv64 &&
  has platform.out "no release binary is built for linux/riscv64" && has platform.out "method: build"; then
  pass "an unsupported platform builds from source"
else
  fail "unsupported platform"
fi

echo "== a bad version"
if run bad "1.2; rm -rf /"; then
  fail "a bad version was accepted"
elif has bad.err "is not a version like 0.2.0"; then
  pass "a bad version is refused"
else
  fail "bad version: unclear message"
fi

echo "install-script: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
