#!/usr/bin/env bash
# Batch benchmark: a generated corpus of N documents (text and PDF minutes), processed with 1
# and 2 threads; then a no-op re-run; peak RSS from /usr/bin/time. Prints a Markdown table.
# Usage: bench/batch.sh [N]   (default 3000)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-3000}
command -v /usr/bin/time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --release -q
BIN=target/release/referat
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# The corpus: fixtures (text) and the seed PDFs of every producer, each copy made distinct.
. bench/corpus.sh
make_corpus "$N" "$WORK/in"

run() { # threads outdir → "seconds peak_kb"
  local threads=$1 out=$2
  /usr/bin/time -f '%e %M' -o "$WORK/time" "$BIN" extract --quiet -j "$threads" --out "$out" "$WORK/in" || true
  cat "$WORK/time"
}

read -r t1 rss1 < <(run 1 "$WORK/out1")
pages=$(python3 -c "import json,sys; print(sum(json.loads(l)['source']['pages'] for l in open('$WORK/out1/documents.jsonl')))")
read -r t2 rss2 < <(run 2 "$WORK/out2")
read -r t0 rss0 < <(run 2 "$WORK/out2")
docs=$(wc -l < "$WORK/out1/documents.jsonl")
echo "| run | documents | pages | seconds | documents/s | pages/s | peak RSS |"
echo "|---|---|---|---|---|---|---|"
awk -v d="$docs" -v p="$pages" -v t="$t1" -v r="$rss1" 'BEGIN{printf "| 1 thread | %d | %d | %.2f | %.0f | %.0f | %.0f MB |\n", d, p, t, d/t, p/t, r/1024}'
awk -v d="$docs" -v p="$pages" -v t="$t2" -v r="$rss2" 'BEGIN{printf "| 2 threads | %d | %d | %.2f | %.0f | %.0f | %.0f MB |\n", d, p, t, d/t, p/t, r/1024}'
awk -v d="$docs" -v t="$t0" -v r="$rss0" 'BEGIN{printf "| no-op re-run (2 threads) | %d | - | %.2f | - | - | %.0f MB |\n", d, t, r/1024}'
