#!/usr/bin/env bash
# Builds a Java runtime base image as a `docker save` tarball without any container registry, and
# prints its path. For machines that reach Debian's package archive but no registry (the image
# build's default base, eclipse-temurin:25-jre, comes from Docker Hub):
#
#   base="$(images/offline-base.sh)"
#   ./kiln images --base "tar://$base"
#
# The image is Debian (its Essential packages and libstdc++, from this machine's apt sources when
# it runs Debian) with a Java runtime linked by jlink from the JDK in JAVA_HOME at
# /opt/java/openjdk, on the PATH: the layout of the eclipse-temurin images, so the application
# layers and entrypoint are the same on both bases. Needs mmdebstrap (apt-get install mmdebstrap)
# and root or unprivileged user namespaces. It takes about a minute and is kept in
# ${XDG_CACHE_HOME:-~/.cache}/kiln/images under a name made of the Debian release, the JDK's
# version and this script's hash: a new JDK or a change here builds a new one.
#
# Environment: JAVA_HOME (the JDK to link, >= 21), KILN_BASE_SUITE (Debian release, bookworm),
# KILN_BASE_MIRROR (an apt mirror URL or sources file; default: this machine's Debian sources, else
# mmdebstrap's default).
set -euo pipefail

suite="${KILN_BASE_SUITE:-bookworm}"
java_home="${JAVA_HOME:?set JAVA_HOME to the JDK whose runtime goes into the image}"
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/kiln/images"

runtime_version="$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$java_home/release")"
script_hash="$(sha256sum "$0" | cut -c1-12)"
name="jre-${runtime_version//+/_}-debian-$suite-$script_hash"
name="${name,,}"
out="$cache_dir/$name.tar"
if [[ -f "$out" ]]; then
  echo "$out"
  exit 0
fi

if ! command -v mmdebstrap >/dev/null 2>&1; then
  echo "mmdebstrap is needed to build the offline base image: apt-get install mmdebstrap" >&2
  exit 1
fi

mirror=()
if [[ -n "${KILN_BASE_MIRROR:-}" ]]; then
  mirror=("$KILN_BASE_MIRROR")
elif grep -qs '^ID=debian' /etc/os-release; then
  for sources in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
    if [[ -s "$sources" ]]; then
      mirror=("$sources")
      break
    fi
  done
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The runtime modules a server needs (no compiler, no tools but jcmd), as the JRE images have.
modules=java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.charsets,jdk.localedata
modules+=,jdk.management,jdk.management.agent,jdk.management.jfr,jdk.jfr,jdk.jcmd,jdk.attach
modules+=,jdk.net,jdk.naming.dns,jdk.security.auth,jdk.security.jgss,jdk.zipfs,jdk.httpserver
echo "Linking a Java runtime from $java_home ($runtime_version) ..." >&2
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --output "$work/openjdk"

echo "Building Debian $suite with mmdebstrap ..." >&2
mkdir -p "$work/image"
mmdebstrap --variant=essential --include=libstdc++6 \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --customize-hook='mkdir -p "$1/opt/java"' \
  --customize-hook="copy-in $work/openjdk /opt/java" \
  --quiet "$suite" "$work/image/layer.tar" "${mirror[@]}"

# Wrap the root filesystem into the `docker save` layout: one layer, its config, a manifest.
layer_digest="$(sha256sum "$work/image/layer.tar" | cut -d' ' -f1)"
arch="$(dpkg --print-architecture 2>/dev/null || echo amd64)"
path_env="/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
cat >"$work/config.json" <<JSON
{"architecture":"$arch","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=$path_env","JAVA_HOME=/opt/java/openjdk","LANG=C.UTF-8"],
           "Cmd":["java","-version"],"WorkingDir":"/"},
 "rootfs":{"type":"layers","diff_ids":["sha256:$layer_digest"]},
 "history":[{"created":"1970-01-01T00:00:00Z",
             "created_by":"images/offline-base.sh: Debian $suite (essential, libstdc++6) and jlink of Java $runtime_version at /opt/java/openjdk"}]}
JSON
config_digest="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
mv "$work/config.json" "$work/image/$config_digest.json"
cat >"$work/image/manifest.json" <<JSON
[{"Config":"$config_digest.json","RepoTags":["kiln-offline-base/$name:latest"],"Layers":["layer.tar"]}]
JSON

mkdir -p "$cache_dir"
tar -cf "$out.partial" -C "$work/image" manifest.json "$config_digest.json" layer.tar
mv "$out.partial" "$out"
echo "$out"
