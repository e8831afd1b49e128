#!/usr/bin/env bash
# Real photographs for the cut-out contact sheet (cutout-sheet.sh), from Debian packages (no other
# download is needed): sixteen photos of everyday subjects, 0.14-1.4 MP, into FOLDER (default
# /tmp/kiln-cutout-photos).
#   worker-service/bench/cutout-photos.sh [FOLDER]
# Sources and licences (Debian bookworm, main; see each package's /usr/share/doc/*/copyright):
#   opencv-doc 4.6.0 (OpenCV's samples/data; Apache-2.0 AND BSD-3-Clause): aloeL, apple, baboon,
#     basketball1, butterfly, chicky_512, fruits, home, messi5, orange, smarties, squirrel_cls
#   python3-skimage 0.19.3 (skimage/data; BSD-3-Clause package, each image's terms in
#     skimage/data/_fetchers.py): astronaut (NASA, public domain), chelsea (CC0, Stefan van der
#     Walt), coffee (CC0, Rachel Michetti), rocket (SpaceX, public domain)
set -euo pipefail
out="${1:-/tmp/kiln-cutout-photos}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download opencv-doc python3-skimage >/dev/null
for deb in *.deb; do dpkg-deb -x "$deb" root; done
mkdir -p "$out"
opencv=root/usr/share/doc/opencv-doc/examples/data
for name in aloeL.jpg apple.jpg baboon.jpg basketball1.png butterfly.jpg chicky_512.png fruits.jpg \
  home.jpg messi5.jpg orange.jpg smarties.png squirrel_cls.jpg; do
  cp "$opencv/$name" "$out/"
done
skimage=root/usr/lib/python3/dist-packages/skimage/data
for name in astronaut.png chelsea.png coffee.png rocket.jpg; do
  cp "$skimage/$name" "$out/"
done
ls -l "$out"
