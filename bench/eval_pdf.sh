#!/usr/bin/env bash
# Accuracy on PDFs of a text set: renders each NAME.txt of SET (e.g. eval/heldout2) to a PDF
# with GNU enscript + Ghostscript (Courier, one text line per PDF line, no page header; the
# text is decoded from UTF-8 or Windows-1252 and fed as Mac Roman, the enscript encoding with
# æ ø å and ’), copies the gold files with source.format "pdf", and prints `referat eval` for
# the text and for the PDFs side by side, so a gap between the two shows.
# Usage: bench/eval_pdf.sh SET
set -euo pipefail
cd "$(dirname "$0")/.."
SET=${1:?usage: bench/eval_pdf.sh SET}
need=()
command -v enscript >/dev/null 2>&1 || need+=(enscript)
command -v ps2pdf >/dev/null 2>&1 || need+=(ghostscript)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
cargo build --release -q
BIN=target/release/referat
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/pdf"
for txt in "$SET"/*.txt; do
  name=$(basename "$txt" .txt)
  python3 - "$txt" "$WORK/$name.mac" <<'PY'
import sys
raw = open(sys.argv[1], "rb").read()
try:
    text = raw.decode("utf-8-sig")
except UnicodeDecodeError:
    text = raw.decode("cp1252")
text = text.replace("\r\n", "\n").replace("–", "-").replace("—", "-").replace("”", '"').replace("“", '"')
open(sys.argv[2], "wb").write(text.replace("\n", "\r").encode("mac_roman", errors="replace"))
PY
  enscript -q -B -X mac -f Courier9.5 --margins=40:40:40:40 -o "$WORK/$name.ps" "$WORK/$name.mac"
  ps2pdf "$WORK/$name.ps" "$WORK/pdf/$name.pdf"
  python3 - "$SET/$name.expected.json" "$WORK/pdf/$name.expected.json" <<'PY'
import json, sys
gold = json.load(open(sys.argv[1]))
gold["source"]["format"] = "pdf"
json.dump(gold, open(sys.argv[2], "w"), ensure_ascii=False)
PY
done
"$BIN" extract --quiet --out "$WORK/out-text" "$SET" || true
"$BIN" extract --quiet --out "$WORK/out-pdf" "$WORK/pdf" || true
echo "### $SET as text"; "$BIN" eval --gold "$SET" "$WORK/out-text"
echo "### $SET as PDF (enscript + Ghostscript)"; "$BIN" eval --gold "$WORK/pdf" "$WORK/out-pdf"
