#!/usr/bin/env bash
# Compiles the raw-CDR sertype shim against an installed Cyclone DDS 0.10.x.
#   build-shim.sh <cyclonedds prefix, e.g. /usr or /opt/ros/jazzy> <output .so>
# The shim is linked against the Cyclone library found under the prefix (Debian soname libddsc.so.0debian,
# upstream/ROS soname libddsc.so.0), so loading the shim loads exactly that Cyclone.
set -euo pipefail
prefix="$1"; out="$2"
src="$(cd "$(dirname "$0")" && pwd)/chunkrt_rawcdr.c"
cc="${CC:-gcc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "build-shim: no C compiler '$cc'; install gcc (apt-get install gcc) or set CC" >&2; exit 2
fi
if [ ! -f "$prefix/include/dds/dds.h" ]; then
  echo "build-shim: no Cyclone DDS headers at $prefix/include/dds/dds.h; install cyclonedds-dev (Debian) or pass -Dcyclonedds.prefix=/opt/ros/<distro>" >&2; exit 2
fi
lib=""; libdir=""
for d in "$prefix/lib/x86_64-linux-gnu" "$prefix/lib/aarch64-linux-gnu" "$prefix/lib" "$prefix/lib64"; do
  for so in libddsc.so.0debian libddsc.so.0; do
    if [ -e "$d/$so" ]; then lib="$so"; libdir="$d"; break 2; fi
  done
done
if [ -z "$lib" ]; then
  echo "build-shim: no libddsc.so.0debian or libddsc.so.0 under $prefix/lib*; install libddsc0debian (Debian) or a ROS 2 cyclonedds package" >&2; exit 2
fi
version=$(sed -n 's/^#define DDS_VERSION "\(.*\)"/\1/p' "$prefix/include/dds/version.h" 2>/dev/null || true)
case "$version" in
  0.10.*) ;;
  *) echo "build-shim: Cyclone DDS $version at $prefix; the shim is written for the 0.10.x sertype interface (ROS 2 Humble/Iron/Jazzy)" >&2; exit 2 ;;
esac
mkdir -p "$(dirname "$out")"
extra_inc=()
for d in "$prefix/include/x86_64-linux-gnu" "$prefix/include/aarch64-linux-gnu"; do [ -d "$d" ] && extra_inc+=("-I$d"); done
rpath=()
case "$libdir" in /usr/lib*|/lib*) ;; *) rpath=("-Wl,-rpath,$libdir") ;; esac
"$cc" -std=gnu11 -O2 -fPIC -shared -Wall -Wextra -Werror -fvisibility=hidden \
  -I"$prefix/include" "${extra_inc[@]}" -o "$out" "$src" \
  -L"$libdir" "-l:$lib" "${rpath[@]}" -Wl,--no-undefined -Wl,-z,defs
echo "build-shim: $out (Cyclone DDS $version, $libdir/$lib)"
