#!/usr/bin/env bash
# Proves the HTML report shows correctly in a browser: renders it with headless Chromium (no
# network, a throwaway profile) to PNG screenshots, and checks the page fetches nothing and
# does not overflow the window sideways.
#
#   bash tests/report-html.sh        (needs Debian's chromium: apt-get install -y chromium)
#
# Skips with a message when chromium is absent. The pages and screenshots are left in
# target/report-html/ for a person to look at.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

chromium="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z $chromium ]]; then
  echo "SKIPPED report-html.sh: chromium is not installed (apt-get install -y chromium)"
  exit 0
fi

out="${CARGO_TARGET_DIR:-$root/target}/report-html"
rm -rf "$out"
mkdir -p "$out"
cargo build --quiet
smplan="${CARGO_TARGET_DIR:-$root/target}/debug/smplan"

passed=0
failed=0
check() { # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    echo "FAILED: $what" >&2
    failed=$((failed + 1))
  fi
}

"$smplan" --no-config report --format html --output "$out/reference.html" \
  fixtures/examples/customer-care-2027.plan.toml
"$smplan" --no-config report --format html --output "$out/broken.html" \
  fixtures/graph/broken.plan.toml \
  fixtures/rules/structure/pl001_missing_bracket.plan.toml \
  fixtures/rules/structure/pl008_missing_version.plan.toml

shoot() { # shoot PAGE PNG HEIGHT [extra chromium flags...]
  local page=$1 png=$2 height=$3
  shift 3
  local profile
  profile="$(mktemp -d)"
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" "$@" --window-size="1200,$height" --screenshot="$png" \
    "file://$page" >"$out/chromium.log" 2>&1 || true
  rm -rf "$profile"
  [[ -s $png ]]
}

for name in reference broken; do
  page="$out/$name.html"
  check "$name.html fetches nothing" bash -c "! grep -Eq '<script|<link|src=|@import|url\\(http' '$page'"
  check "$name.html renders to a screenshot" shoot "$page" "$out/$name.png" 1600
  # A taller window, for the diagram further down the page.
  check "$name.html renders whole" shoot "$page" "$out/$name-full.png" 5000
  # Nothing overflows sideways: the rendered document is no wider than the window. Chromium
  # prints the DOM after layout; the page's own script would be blocked, so measure with a
  # copy that reports its scroll width in the title.
  probe="$out/$name-probe.html"
  sed 's#</body>#<script>document.title="width:"+document.documentElement.scrollWidth</script></body>#' "$page" |
    sed 's#<meta http-equiv="Content-Security-Policy"[^>]*>##' > "$probe"
  profile="$(mktemp -d)"
  dom="$(timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --window-size=1200,1600 --dump-dom "file://$probe" 2>/dev/null || true)"
  rm -rf "$profile"
  width="$(grep -o '<title>width:[0-9]*' <<<"$dom" | grep -o '[0-9]*$' || true)"
  check "$name.html has a measurable width (got '${width:-nothing}')" test -n "$width"
  echo "$name.html: document width ${width:-?}px in a 1200px window"
  check "$name.html is no wider than the window (${width:-?}px)" test "${width:-99999}" -le 1200
done

echo "screenshots: $out/reference.png $out/broken.png (and *-full.png)"
echo "report-html: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
