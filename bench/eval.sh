#!/usr/bin/env bash
# Accuracy: extracts every labelled set and prints `referat eval` per set.
#   fixtures (development text minutes), the seed PDFs of seven producers, the real minutes in
#   ../shared/real, the scans, and the held-out set in eval/heldout (never tuned on).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
BIN=target/release/referat
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

run_set() { # title, gold dir, inputs...
  local title=$1 gold=$2
  shift 2
  "$BIN" extract --quiet --out "$WORK/$title" "$@" || true
  echo "### $title"
  echo '```'
  "$BIN" eval --gold "$gold" "$WORK/$title" 2>/dev/null
  echo '```'
}

run_set text-fixtures fixtures fixtures/*.txt
run_set seed-pdfs ../shared/seed ../shared/seed/pdf
run_set real-minutes fixtures/real ../shared/real/*.pdf
run_set seed-scan ../shared/seed ../shared/seed/scanned
[ -d fixtures/scanned ] && run_set scans fixtures/scanned fixtures/scanned
[ -d eval/heldout ] && run_set heldout eval/heldout eval/heldout
exit 0
