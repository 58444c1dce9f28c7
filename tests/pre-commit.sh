#!/usr/bin/env bash
# Proves the pre-commit hooks work as users add them: runs the real `pre-commit try-repo` against
# this repository in a throwaway git repo with a broken and a good plan, expects a failure, fixes
# the plan, expects a pass; for both hooks. pre-commit builds hook `smplan` with `cargo install`
# (language: rust); hook `smplan-system` (language: system) runs the smplan on PATH, here
# target/debug/smplan (built first) or, with SMPLAN_SYSTEM_BIN=DIR, the one in DIR. Then (with
# smplan-system) it stages a copy of a plan alone and expects SC003 to fail the hook under
# --deny-warnings (the other plan is not passed to the hook).
#
#   bash tests/pre-commit.sh [HOOK...]   (default: both; needs git, cargo and pre-commit)
#
# try-repo clones a commit. From a clean checkout (CI) that is HEAD; when the work tree has
# changes, the script commits a snapshot of it (tracked and untracked files, .gitignore honoured)
# into a temporary repository instead, so the hook under test is the code on disk.
# CARGO_TARGET_DIR (default target/pre-commit-hook) is kept between runs to save build time.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
started=$SECONDS

command -v pre-commit >/dev/null || { echo "pre-commit.sh: pre-commit is not installed (pip install pre-commit)" >&2; exit 2; }
command -v cargo >/dev/null || { echo "pre-commit.sh: cargo is not installed" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git_q() { git -c user.name=smplan-test -c user.email=smplan-test@example.invalid -c commit.gpgsign=false "$@"; }

hook_repo="$root"
if [[ -n "$(git -C "$root" status --porcelain --untracked-files=all)" ]]; then
  echo "== the work tree has changes: trying a snapshot of it"
  hook_repo="$tmp/hook-repo"
  mkdir -p "$hook_repo"
  (cd "$root" && git ls-files -z --cached --others --exclude-standard) |
    while IFS= read -r -d '' f; do
      if [[ -e "$root/$f" ]]; then
        mkdir -p "$hook_repo/$(dirname "$f")"
        cp -p "$root/$f" "$hook_repo/$f"
      fi
    done
  git_q -C "$hook_repo" init -q
  git_q -C "$hook_repo" add -A
  git_q -C "$hook_repo" commit -q -m snapshot
fi

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/pre-commit-hook}"
export PRE_COMMIT_COLOR=never

work="$tmp/plans-repo"
mkdir -p "$work/plans"
git_q -C "$work" init -q
good="$root/fixtures/examples/customer-care-2027.plan.toml"
cp "$good" "$work/plans/good.plan.toml"
# A different department, so the two plans do not claim the same scope (SC003), and a typo in
# a key (PL004): the broken plan.
sed -e 's/^department = .*/department = "Customer Care APAC"/' "$good" > "$work/plans/fixed.plan.toml"
sed -e 's/^owner = "Head of Customer Care"/ownr = "Head of Customer Care"/' "$work/plans/fixed.plan.toml" > "$work/plans/broken.plan.toml"
grep -q '^ownr = ' "$work/plans/broken.plan.toml" || { echo "pre-commit.sh: could not break the plan" >&2; exit 2; }
mv "$work/plans/fixed.plan.toml" "$tmp/fixed.plan.toml"
cp "$work/plans/broken.plan.toml" "$tmp/broken.plan.toml"
echo "not a plan" > "$work/README.md"
git_q -C "$work" add -A

hooks=("$@")
[[ ${#hooks[@]} -gt 0 ]] || hooks=(smplan smplan-system)
system_bin="${SMPLAN_SYSTEM_BIN:-}"
if [[ " ${hooks[*]} " == *" smplan-system "* && -z $system_bin ]]; then
  (cd "$root" && CARGO_TARGET_DIR="$root/target" cargo build --quiet --locked)
  system_bin="$root/target/debug"
fi

run_hook() {
  local path="$PATH"
  [[ $1 == smplan-system ]] && path="$system_bin:$PATH"
  (cd "$work" && PATH="$path" pre-commit try-repo "$hook_repo" "$1" --all-files) > "$tmp/out.txt" 2>&1
}

passed=0
for hook in "${hooks[@]}"; do
  cp "$tmp/broken.plan.toml" "$work/plans/broken.plan.toml"
  git_q -C "$work" add -A
  echo "== pre-commit try-repo $hook on a broken plan"
  if run_hook "$hook"; then
    cat "$tmp/out.txt"
    echo "FAIL: hook $hook passed on a broken plan" >&2
    exit 1
  fi
  cat "$tmp/out.txt"
  grep -q "PL004" "$tmp/out.txt" || { echo "FAIL: hook $hook's output does not report PL004" >&2; exit 1; }
  grep -q "broken.plan.toml" "$tmp/out.txt" || { echo "FAIL: hook $hook's output does not name the broken plan" >&2; exit 1; }
  if grep -q "README.md" "$tmp/out.txt"; then echo "FAIL: hook $hook ran on a file that is not a plan" >&2; exit 1; fi

  echo "== pre-commit try-repo $hook once the plan is fixed"
  cp "$tmp/fixed.plan.toml" "$work/plans/broken.plan.toml"
  git_q -C "$work" add -A
  if ! run_hook "$hook"; then
    cat "$tmp/out.txt"
    echo "FAIL: hook $hook failed on fixed plans" >&2
    exit 1
  fi
  cat "$tmp/out.txt"
  grep -q "Passed" "$tmp/out.txt" || { echo "FAIL: pre-commit did not report Passed for $hook" >&2; exit 1; }
  passed=$((passed + 2))
done

# ---- issue 14: cross-file rules in pre-commit ----
# The hook passes only the staged files. A newly staged copy of a plan claims the same scope,
# department and period as the committed one: SC003 must still see the other plan, so the hook
# fails when warnings are denied and shows the warning on the staged copy.
if [[ " ${hooks[*]} " == *" smplan-system "* ]]; then
echo "== pre-commit run on one staged copy of a plan, warnings denied"
git_q -C "$work" commit -q -m "two good plans"
cp "$work/plans/good.plan.toml" "$work/plans/good-copy.plan.toml"
rev="$(git -C "$hook_repo" rev-parse HEAD)"
cat > "$work/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $hook_repo
    rev: $rev
    hooks:
      - id: smplan-system
        args: [--deny-warnings]
YAML
git_q -C "$work" add plans/good-copy.plan.toml .pre-commit-config.yaml
if (cd "$work" && PATH="$system_bin:$PATH" pre-commit run smplan-system --files plans/good-copy.plan.toml) > "$tmp/out.txt" 2>&1; then
  cat "$tmp/out.txt"
  echo "FAIL: the hook passed on a staged plan that duplicates another plan's scope" >&2
  exit 1
fi
cat "$tmp/out.txt"
grep -q "SC003" "$tmp/out.txt" || { echo "FAIL: the hook's output does not report SC003" >&2; exit 1; }
grep -q "good-copy.plan.toml" "$tmp/out.txt" || { echo "FAIL: the hook's output does not name the staged copy" >&2; exit 1; }
grep -q "Checked 1 file" "$tmp/out.txt" || { echo "FAIL: the hook linted more than the staged file" >&2; exit 1; }
passed=$((passed + 1))
fi
# ---- end of issue 14 ----

echo "pre-commit hook checks took $((SECONDS - started))s"
echo "pre-commit: $passed passed, 0 failed"
