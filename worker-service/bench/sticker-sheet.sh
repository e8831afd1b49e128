#!/usr/bin/env bash
# The sticker contact sheet of docs/engine.md ("Stickers"): the sixteen real photographs of
# cutout-photos.sh (Debian packages), each beside the WebP that the sticker preset makes of it,
# written to docs/images/sticker-contact-sheet.jpg. Builds the worker and runs
# `./kiln engine-bench` in the mode sticker-sheet; further options go to it (--model PATH).
#   worker-service/bench/sticker-sheet.sh [--model PATH] [options]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
photos="$(mktemp -d)"
trap 'rm -rf "$photos"' EXIT
"$root/worker-service/bench/cutout-photos.sh" "$photos" >/dev/null
cd "$root"
./kiln engine-bench "$photos" --mode sticker-sheet --sticker-sheet docs/images/sticker-contact-sheet.jpg "$@"
