#!/usr/bin/env bash
# What would the newest releases change? Installs this repository with the newest versions of
# its dependencies (no constraints) in a temporary venv, prints which versions differ from
# constraints.txt, then runs the tests there and lists those that fail.
#
#   bash tools/check-newest.sh                      # the whole suite (25+ minutes)
#   bash tools/check-newest.sh tests/core cases     # or only what you name (pytest arguments)
#
# Not part of .ci/run: CI stays on the pins. When everything passes (or the failures are
# understood and fixed), refresh the pins with the venv's `pip freeze --exclude-editable`.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$(mktemp -d "${TMPDIR:-/tmp}/crm-newest.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

python3 -m venv "$WORK/venv"
# shellcheck disable=SC1091
. "$WORK/venv/bin/activate"
pip install -q --upgrade pip >/dev/null 2>&1
if ! pip install -q --upgrade -e "$ROOT[test]" > "$WORK/install.log" 2>&1; then
  echo "The newest releases do not install together:"; tail -20 "$WORK/install.log"; exit 2
fi
pip freeze --exclude-editable | grep -iv '^crm-casebook' > "$WORK/newest.txt"

echo "== Versions: pinned (constraints.txt) -> newest"
python3 - "$ROOT/constraints.txt" "$WORK/newest.txt" <<'PY'
import re, sys
def read(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)\s*", line)
        if m:
            out[m[1].lower().replace("_", "-")] = m[2]
    return out
old, new = read(sys.argv[1]), read(sys.argv[2])
changed = [(n, old.get(n, "-"), new.get(n, "-")) for n in sorted(old.keys() | new.keys()) if old.get(n) != new.get(n)]
for name, a, b in changed:
    print(f"  {name:32} {a:>14} -> {b}")
print(f"  ({len(changed)} of {len(old | new)} packages differ)" if changed else "  (none: the pins are the newest)")
PY

echo "== Tests on the newest releases: pytest ${*:-(whole suite)}"
pytest -q -rf "$@" 2>&1 | tee "$WORK/pytest.log" | grep -E '^(FAILED|ERROR)|passed|failed' | tail -80
exit "${PIPESTATUS[0]}"
