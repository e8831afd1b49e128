#!/usr/bin/env bash
# The contact sheet of docs/engine.md ("Cut-out quality"): sixteen real photographs
# (cutout-photos.sh, Debian packages) beside their cut-outs by the segmentation model, written to
# docs/images/cutout-contact-sheet.png. Builds the worker and runs `./kiln engine-bench` in the
# mode cutout-sheet; further options go to it (--model PATH, --methods model,color, --sheet FILE).
#   worker-service/bench/cutout-sheet.sh [--model PATH] [options]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
photos="$(mktemp -d)"
trap 'rm -rf "$photos"' EXIT
"$root/worker-service/bench/cutout-photos.sh" "$photos" >/dev/null
cd "$root"
./kiln engine-bench "$photos" --mode cutout-sheet --sheet docs/images/cutout-contact-sheet.png "$@"
