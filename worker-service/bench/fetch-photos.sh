#!/usr/bin/env bash
# Real photographs for the engine benchmark, from Debian packages (no other download is needed):
# twelve JPEG wallpapers, 1.7 to 20 MP, extracted into FOLDER (default /tmp/kiln-photos).
#   worker-service/bench/fetch-photos.sh [FOLDER]
set -euo pipefail
out="${1:-/tmp/kiln-photos}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download plasma-workspace-wallpapers lomiri-wallpapers-20.04 mate-backgrounds >/dev/null
for deb in *.deb; do dpkg-deb -x "$deb" root; done
mkdir -p "$out"
plasma=root/usr/share/wallpapers
for name in FallenLeaf Path DarkestHour EveningGlow Kite ColorfulCups OneStandsOut ColdRipple; do
  cp "$plasma/$name/contents/images/2560x1600.jpg" "$out/$name.jpg"
done
cp root/usr/share/backgrounds/Kleiber_by_Lukas_Baubkus.jpg "$out/Kleiber.jpg"
for name in Storm RainDrops LadyBird; do
  cp "root/usr/share/backgrounds/mate/nature/$name.jpg" "$out/"
done
ls -l "$out"
