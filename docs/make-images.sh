#!/usr/bin/env bash
# Remake the README's pictures from real PDFs: the first page of form A and of its key.
# Needs pdftoppm (Debian: poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
quizgen build --format pdf --forms A --out "$out" >/dev/null
pdftoppm -r 70 -png -f 1 -l 1 -singlefile "$out/istanbul-talks-form-A.pdf" docs/worksheet-form-A
pdftoppm -r 70 -png -f 1 -l 1 -singlefile "$out/istanbul-talks-form-A-key.pdf" docs/key-form-A
rm -rf "$out"
