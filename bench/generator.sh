#!/usr/bin/env bash
# Generator report: N seeded minutes documents with every form of tests/generator/forms.rs,
# plus, for every form outside SUPPORTED (tests/generator.rs), documents that use it alone
# among the supported forms. Prints per form the documents generated and failing, and the
# first failing document of each failing form (seed, differing fields, text excerpt).
# Usage: bench/generator.sh [N]   (default 20000; or GENERATOR_DOCS=N)
#        GENERATOR_ALONE=M sets the documents per form measured alone (default N/10).
set -euo pipefail
cd "$(dirname "$0")/.."
export GENERATOR_DOCS=${1:-${GENERATOR_DOCS:-20000}}
exec cargo test --release --test generator -- --ignored --nocapture report_all_forms
