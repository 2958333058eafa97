#!/usr/bin/env bash
# The batch benchmark against an earlier revision, in one run on one corpus: builds REV in a
# git worktree, generates N documents as bench/batch.sh does, and times both binaries with one
# thread, alternately (hyperfine), printing documents/s and the ratio.
# Usage: bench/batch_against.sh REV [N]   (default N 3000)
set -euo pipefail
cd "$(dirname "$0")/.."
REV=${1:?usage: bench/batch_against.sh REV [N]}
N=${2:-3000}
command -v hyperfine >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
cargo build --release -q
WORK=$(mktemp -d)
trap 'git worktree remove --force "$WORK/old" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
git worktree add -q --detach "$WORK/old" "$REV"
(cd "$WORK/old" && CARGO_TARGET_DIR="$WORK/old-target" cargo build --release -q)
NEW=target/release/referat
OLD="$WORK/old-target/release/referat"
# The corpus: fixtures (text) and the seed PDFs of every producer, each copy made distinct.
. bench/corpus.sh
make_corpus "$N" "$WORK/in"
hyperfine --runs 5 --warmup 1 --export-json "$WORK/h.json" \
  -n old "$OLD extract --quiet --force -j 1 --out $WORK/o-old $WORK/in" \
  -n new "$NEW extract --quiet --force -j 1 --out $WORK/o-new $WORK/in" >/dev/null
python3 - "$WORK/h.json" "$N" <<'PY'
import json, sys
runs = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
n = int(sys.argv[2])
print("| binary | median seconds | documents/s |")
print("|---|---|---|")
for name in ("old", "new"):
    print(f"| {name} | {runs[name]:.2f} | {n / runs[name]:.0f} |")
print(f"new/old throughput: {runs['old'] / runs['new']:.2f}")
PY
