#!/usr/bin/env bash
# Proves `smplan graph --format dot` is valid Graphviz: renders the reference plan and a broken
# plan (dangling links, orphans, labels full of quotes, brackets and `#`) with `dot -Tsvg`.
#
#   bash tests/graph-dot.sh          (needs Graphviz: apt-get install -y graphviz)
#
# Skips with a message when `dot` is absent. SVGs are left in target/graph-dot/ for a look.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if ! command -v dot >/dev/null; then
  echo "SKIPPED graph-dot.sh: Graphviz's dot is not installed (apt-get install -y graphviz)"
  exit 0
fi

out="${CARGO_TARGET_DIR:-$root/target}/graph-dot"
mkdir -p "$out"
cargo build --quiet
smplan="${CARGO_TARGET_DIR:-$root/target}/debug/smplan"

passed=0
failed=0
for plan in fixtures/examples/customer-care-2027.plan.toml fixtures/graph/broken.plan.toml; do
  name="$(basename "$plan" .plan.toml)"
  if "$smplan" --no-config graph --format dot "$plan" > "$out/$name.dot" &&
    dot -Tsvg "$out/$name.dot" > "$out/$name.svg" 2> "$out/$name.err" &&
    [[ ! -s "$out/$name.err" ]] && grep -q '<svg' "$out/$name.svg"; then
    echo "ok: $plan renders with dot ($out/$name.svg)"
    passed=$((passed + 1))
  else
    echo "FAILED: $plan does not render with dot:" >&2
    cat "$out/$name.err" >&2 || true
    failed=$((failed + 1))
  fi
done

# The broken plan's missing nodes and broken links are drawn, not dropped.
for want in 'Goal deflekt' 'Business goal B' 'orphan: serves no goal' 'stroke-dasharray'; do
  if grep -q -- "$want" "$out/broken.svg"; then
    passed=$((passed + 1))
  else
    echo "FAILED: broken.svg does not show \`$want\`" >&2
    failed=$((failed + 1))
  fi
done

echo "graph-dot: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
