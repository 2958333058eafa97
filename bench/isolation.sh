#!/usr/bin/env bash
# Cost of process isolation: the same generated corpus of N documents extracted with
# `--isolation process` (worker processes) and `--isolation none` (in process), 2 threads,
# every run from scratch (--force). Prints both medians and the throughput ratio.
# Usage: bench/isolation.sh [N] [RUNS]   (default 3000 documents, 3 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-3000}
RUNS=${2:-3}
command -v hyperfine >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
cargo build --release -q
BIN=$PWD/target/release/referat
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. bench/corpus.sh
make_corpus "$N" "$WORK/in"
hyperfine --style basic --runs "$RUNS" --export-json "$WORK/times.json" \
  -n process "$BIN extract --quiet --force -j 2 --isolation process --out $WORK/p $WORK/in" \
  -n none "$BIN extract --quiet --force -j 2 --isolation none --out $WORK/n $WORK/in" >&2 || true
cmp "$WORK/p/documents.jsonl" "$WORK/n/documents.jsonl" && echo "outputs identical" >&2
python3 - "$WORK/times.json" "$N" <<'PY'
import json, sys
runs = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
n = int(sys.argv[2])
p, q = runs["process"], runs["none"]
print("| isolation | median s | documents/s |")
print("|---|---|---|")
print(f"| process | {p:.2f} | {n / p:.0f} |")
print(f"| none | {q:.2f} | {n / q:.0f} |")
print(f"process isolation costs {100 * (p - q) / q:.1f}% of wall time "
      f"(throughput ratio {q / p:.3f})")
PY
