#!/usr/bin/env bash
# Neovim headless against `smplan server`: open a broken plan, check the diagnostics, complete
# a letter inside `supports = [""]`, apply the code action that unquotes a date.
# Usage: tests/nvim/run.sh [path/to/smplan]   (default: target/debug/smplan)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
smplan="$(realpath "${1:-$repo/target/debug/smplan}")"
if ! command -v nvim >/dev/null; then
  echo "tests/nvim: nvim is not installed (apt-get install -y neovim)" >&2
  exit 1
fi
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
sed 's/^supports = \["A"\]$/supports = [""]/' "$repo/fixtures/fixes/pl005_quoted_dates.plan.toml" >"$dir/care.plan.toml"
nvim --version | head -1
SMPLAN="$smplan" PLAN_DIR="$dir" timeout 120 nvim --headless --clean -u NONE -c "luafile $here/test.lua"
