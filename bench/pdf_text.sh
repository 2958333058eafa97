#!/usr/bin/env bash
# PDF text layer speed against pdftotext, per producer, on long generated documents.
#
# Builds release binaries, writes PAGES-page PDFs (default 600) by repeating the pages of each
# seed PDF into a temporary directory, then times `referat text FILE` and `pdftotext FILE -` with
# hyperfine (in the same run, alternating) and prints pages/s and the ratio per producer.
set -euo pipefail
cd "$(dirname "$0")/.."

PAGES="${PAGES:-600}"
RUNS="${RUNS:-10}"
SEED_DIR="${SEED_DIR:-../shared/seed/pdf}"

need() {
    command -v "$1" >/dev/null 2>&1 && return
    echo "installing $2 for $1" >&2
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "$2" >/dev/null
}
need pdftotext poppler-utils
need hyperfine hyperfine

cargo build --release --quiet --bin referat --example pdfrepeat

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

ours="target/release/referat text"
echo "ours: $ours; $PAGES pages per file; median of $RUNS runs" >&2

printf '%-14s %8s %12s %12s %7s\n' producer pages "ours p/s" "pdftotext p/s" ratio
for seed in "$SEED_DIR"/*.pdf; do
    producer="$(basename "$seed" .pdf)"
    producer="${producer##*.}"
    file="$work/$producer.pdf"
    target/release/examples/pdfrepeat "$seed" "$file" "$PAGES"
    hyperfine --style none --warmup 2 --runs "$RUNS" --export-csv "$work/$producer.csv" \
        "$ours $file" "pdftotext $file -" >/dev/null 2>&1
    # CSV: command,mean,stddev,median,user,system,min,max (seconds).
    awk -F, -v pages="$PAGES" -v producer="$producer" '
        NR == 2 { ours = $4 }
        NR == 3 { theirs = $4 }
        END {
            printf "%-14s %8d %12.0f %12.0f %6.2fx\n", producer, pages, pages / ours, pages / theirs, theirs / ours
        }' "$work/$producer.csv"
done
