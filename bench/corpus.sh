#!/usr/bin/env bash
# Sourced by the batch benchmarks: make_corpus N DIR writes N documents into DIR/d0..d49 —
# the text fixtures and the seed in every PDF rendering, each copy made distinct.
make_corpus() {
  local n=$1 out=$2 src dir i
  local sources=(fixtures/*.txt ../shared/seed/pdf/*.pdf ../shared/seed/*.txt)
  mkdir -p "$out"
  for ((i = 0; i < n; i++)); do
    src=${sources[$((i % ${#sources[@]}))]}
    dir="$out/d$((i % 50))"
    mkdir -p "$dir"
    case "$src" in
      *.pdf) { cat "$src"; printf '\n%% copy %d\n' "$i"; } > "$dir/m$i.pdf" ;;
      *) { cat "$src"; printf '\n\nKopi %d\n' "$i"; } > "$dir/m$i.txt" ;;
    esac
  done
}
