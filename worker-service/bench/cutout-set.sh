#!/usr/bin/env bash
# The cut-out evaluation set of `./kiln engine-bench SET --mode cutout` (docs/engine.md,
# "Cut-out quality"), built from Debian packages only (no other download):
#   worker-service/bench/cutout-set.sh OUT_DIR
# 72 composites (1.5-1.8 MP JPEG, q92) in OUT_DIR/images, their ground-truth masks (the object's
# alpha, 8-bit PNG; a drop shadow is background) in OUT_DIR/masks, what went into each in
# OUT_DIR/set.tsv. 24 objects x 3 scenes, each object on 3 of 4 kinds of background (18 each):
#   textured  a sharp photograph
#   blurred   a photograph under a Gaussian blur (depth of field)
#   twotone   a painted wall over a table top (plain, wood or sand)
#   shadow    a light studio sweep, the object's drop shadow on it
# Deterministic: CutoutSet.java (beside this script, plain Java 2D) uses a fixed seed.
#
# Sources and licences (Debian bookworm, main; see each package's /usr/share/doc/*/copyright):
#   tuxpaint-stamps-default 2022.06.04-1  the objects: photographs cut out with a real alpha channel
#                                         (Tux Paint stamps, 200-800 px), GPL-2
#   plasma-workspace-wallpapers 5.27.5    backgrounds (BytheWater, Grey, ColorfulCups, EveningGlow,
#                                         FallenLeaf, OneStandsOut, Path, Kite), GPL-2+
#   mate-backgrounds 1.26.0               backgrounds (Dune, GreenMeadow, Wood, Storm, RainDrops,
#                                         Blinds, Aqua, Garden, FreshFlower, YellowFlower, LadyBird,
#                                         TwoWings), GPL-2+
# The set is derived from GPL artwork: keep it out of the repository (this recipe rebuilds it).
set -euo pipefail
out="${1:?usage: worker-service/bench/cutout-set.sh OUT_DIR}"
here="$(cd "$(dirname "$0")" && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(
  cd "$work"
  apt-get download tuxpaint-stamps-default plasma-workspace-wallpapers mate-backgrounds >/dev/null
  for deb in *.deb; do dpkg-deb -x "$deb" root; done
)
mkdir -p "$out"
"$java" "$here/CutoutSet.java" "$work/root" "$out" >/dev/null
echo "$(ls "$out/images" | wc -l) composites in $out/images, masks in $out/masks," \
  "sources in $out/set.tsv"
