#!/usr/bin/env bash
# Installs smplan for the GitHub Action (action.yml), and is tested by tests/install-script.sh.
#
# It downloads the release archive for this machine's OS and architecture,
# `smplan-<target>.tar.gz` (`.zip` on Windows), and its `.sha256` from
#   $SMPLAN_DOWNLOAD_BASE/v<version>/
# verifies the checksum, unpacks the binary into a tool cache and puts it on PATH. When that
# version has no asset for this machine it falls back to `cargo install --locked` from the
# action's checkout. A checksum that does not match is a hard failure, never a fallback.
# Either way it says which path it took, on standard output and in `$GITHUB_OUTPUT` (`method`:
# `cache`, `download` or `build`).
#
# Environment (all optional):
#   SMPLAN_VERSION        version to install, `0.2.0` or `v0.2.0` (default: the version in
#                         $SMPLAN_SOURCE/Cargo.toml)
#   SMPLAN_SOURCE         the smplan source tree to build from in the fallback (default: this
#                         script's repository)
#   SMPLAN_DOWNLOAD_BASE  base URL of the releases (default:
#                         https://github.com/$SMPLAN_REPOSITORY/releases/download)
#   SMPLAN_REPOSITORY     owner/name on GitHub (default: smplan/smplan)
#   SMPLAN_TARGET         the target triple to download (default: from uname or RUNNER_OS and
#                         RUNNER_ARCH: *-unknown-linux-musl, *-apple-darwin, x86_64-pc-windows-msvc)
#   SMPLAN_CACHE          the tool cache (default: $RUNNER_TOOL_CACHE/smplan, else
#                         ${XDG_CACHE_HOME:-$HOME/.cache}/smplan/tools); one folder per version
#                         and target, marked complete only once the binary ran
#   SMPLAN_PHASE          `all` (default): download, else build. `download`: stop before
#                         building and report `method=build` (the action restores its cargo
#                         cache, then runs the script again with `build`). `build`: build only.
#   SMPLAN_CARGO          the cargo command for the fallback (default: cargo; tests point it at
#                         a stand-in)
#   CARGO_TARGET_DIR      kept by the action's cargo cache between fallback builds
set -euo pipefail

say() { printf 'smplan install: %s\n' "$*"; }
fail() { printf 'smplan install: error: %s\n' "$*" >&2; exit 1; }
output() { if [[ -n ${GITHUB_OUTPUT:-} ]]; then printf '%s=%s\n' "$1" "$2" >> "$GITHUB_OUTPUT"; fi; }
add_path() {
  if [[ -n ${GITHUB_PATH:-} ]]; then printf '%s\n' "$1" >> "$GITHUB_PATH"; fi
  say "smplan is at $1/$exe"
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source_dir="${SMPLAN_SOURCE:-$here}"
phase="${SMPLAN_PHASE:-all}"
case $phase in all | download | build) ;; *) fail "SMPLAN_PHASE must be all, download or build, not \`$phase\`" ;; esac

# ---- the version ----
version="${SMPLAN_VERSION:-}"
if [[ -z $version ]]; then
  [[ -f $source_dir/Cargo.toml ]] || fail "no SMPLAN_VERSION given and no Cargo.toml in $source_dir"
  version="$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' "$source_dir/Cargo.toml" | head -n 1)"
fi
version="${version#v}"
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] || fail "\`$version\` is not a version like 0.2.0"

# ---- the target ----
os="${RUNNER_OS:-$(uname -s)}"
arch="${RUNNER_ARCH:-$(uname -m)}"
case $os in Linux) os=linux ;; macOS | Darwin) os=macos ;; Windows | MINGW* | MSYS* | CYGWIN*) os=windows ;; esac
case $arch in X64 | x86_64 | amd64) arch=x86_64 ;; ARM64 | aarch64 | arm64) arch=aarch64 ;; esac
target="${SMPLAN_TARGET:-}"
if [[ -z $target ]]; then
  case $os/$arch in
    linux/x86_64) target=x86_64-unknown-linux-musl ;;
    linux/aarch64) target=aarch64-unknown-linux-musl ;;
    macos/x86_64) target=x86_64-apple-darwin ;;
    macos/aarch64) target=aarch64-apple-darwin ;;
    windows/x86_64) target=x86_64-pc-windows-msvc ;;
    *) target="" ;;
  esac
fi
exe=smplan
ext=tar.gz
if [[ $target == *windows* ]]; then exe=smplan.exe; ext=zip; fi

cache_root="${SMPLAN_CACHE:-${RUNNER_TOOL_CACHE:+$RUNNER_TOOL_CACHE/smplan}}"
cache_root="${cache_root:-${XDG_CACHE_HOME:-$HOME/.cache}/smplan/tools}"
bin_dir="$cache_root/$version/${target:-source-$os-$arch}/bin"
marker="$cache_root/$version/${target:-source-$os-$arch}.complete"

runs() { "$1/$exe" --version > /dev/null 2>&1; }

fetch() { # URL FILE: 0 fetched, 3 not found (HTTP 404), 1 any other failure
  local code
  if command -v curl > /dev/null; then
    code="$(curl --silent --show-error --location --retry 3 --output "$2" --write-out '%{http_code}' "$1")" || return 1
  elif command -v wget > /dev/null; then
    wget --quiet --output-document "$2" "$1" && return 0
    return 1
  else
    fail "neither curl nor wget is installed"
  fi
  case $code in 200) return 0 ;; 404) return 3 ;; *) say "HTTP $code for $1"; return 1 ;; esac
}

sha256() {
  if command -v sha256sum > /dev/null; then sha256sum "$1" | cut -d ' ' -f 1
  elif command -v shasum > /dev/null; then shasum -a 256 "$1" | cut -d ' ' -f 1
  else fail "neither sha256sum nor shasum is installed"
  fi
}

build() {
  local cargo="${SMPLAN_CARGO:-cargo}"
  [[ -f $source_dir/Cargo.toml ]] || fail "cannot build: no Cargo.toml in $source_dir"
  local built
  built="$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' "$source_dir/Cargo.toml" | head -n 1)"
  if [[ $built != "$version" ]]; then
    say "warning: $source_dir holds smplan $built, not $version: building $built"
    bin_dir="$cache_root/$built/source-$os-$arch/bin"
    marker="$cache_root/$built/source-$os-$arch.complete"
  fi
  say "method: build (cargo install --locked from $source_dir)"
  output method build
  local root="${bin_dir%/bin}"
  "$cargo" install --locked --path "$source_dir" --root "$root" ||
    fail "cargo install --locked failed"
  runs "$bin_dir" || fail "the smplan cargo built in $bin_dir does not run"
  touch "$marker"
  add_path "$bin_dir"
}

if [[ $phase == build ]]; then
  build
  exit 0
fi

# ---- the tool cache ----
if [[ -f $marker ]] && runs "$bin_dir"; then
  say "method: cache (smplan $version for ${target:-this machine} in $bin_dir)"
  output method cache
  add_path "$bin_dir"
  exit 0
fi

no_asset() {
  say "$1: falling back to building from source"
  if [[ -f $source_dir/Cargo.lock ]]; then
    output cargo-cache-key "smplan-cargo-$os-$arch-$version-$(sha256 "$source_dir/Cargo.lock")"
  fi
  if [[ $phase == download ]]; then
    say "method: build (the next step restores the cargo cache and builds)"
    output method build
    exit 0
  fi
  build
  exit 0
}

# ---- the download ----
[[ -n $target ]] || no_asset "no release binary is built for $os/$arch"
base="${SMPLAN_DOWNLOAD_BASE:-https://github.com/${SMPLAN_REPOSITORY:-smplan/smplan}/releases/download}"
base="${base%/}"
asset="smplan-$target.$ext"
url="$base/v$version/$asset"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

status=0
fetch "$url" "$tmp/$asset" || status=$?
if [[ $status -eq 3 ]]; then no_asset "no release asset $url"; fi
[[ $status -eq 0 ]] || fail "could not download $url"
status=0
fetch "$url.sha256" "$tmp/$asset.sha256" || status=$?
# An archive without its checksum is never installed.
[[ $status -eq 0 ]] || fail "could not download the checksum $url.sha256: refusing to install an unverified binary"

expected="$(tr -d '\r' < "$tmp/$asset.sha256" | awk 'NR == 1 { print tolower($1) }')"
[[ $expected =~ ^[0-9a-f]{64}$ ]] || fail "$url.sha256 does not hold a SHA-256 checksum"
actual="$(sha256 "$tmp/$asset")"
if [[ $actual != "$expected" ]]; then
  fail "checksum mismatch for $asset: expected $expected (from $asset.sha256), got $actual; refusing to install it"
fi
say "checksum verified: $asset sha256 $actual"

mkdir -p "$tmp/unpacked"
if [[ $ext == zip ]]; then
  if command -v unzip > /dev/null; then unzip -q "$tmp/$asset" -d "$tmp/unpacked"
  elif command -v 7z > /dev/null; then 7z x -y -o"$tmp/unpacked" "$tmp/$asset" > /dev/null
  else fail "cannot unpack $asset: neither unzip nor 7z is installed"
  fi
else
  tar -xzf "$tmp/$asset" -C "$tmp/unpacked"
fi
found="$(find "$tmp/unpacked" -type f -name "$exe" | head -n 1)"
[[ -n $found ]] || fail "$asset holds no $exe"

rm -rf "$bin_dir" "$marker"
mkdir -p "$bin_dir"
cp "$found" "$bin_dir/$exe"
chmod +x "$bin_dir/$exe"
runs "$bin_dir" || fail "the downloaded smplan does not run on this machine ($target)"
touch "$marker"
say "method: download (smplan $version for $target from $url)"
output method download
add_path "$bin_dir"
