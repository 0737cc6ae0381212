#!/usr/bin/env bash
# Builds the DDS test peers: Cyclone DDS programs in C (idlc types with ROS names) and a Fast DDS 2.9 program
# in C++ (fastddsgen types from the same IDL).
#   build-peers.sh <output dir> [<cyclonedds prefix, default /usr>]
# Needs: gcc, g++, cyclonedds-dev + cyclonedds-tools (idlc), libfastrtps-dev + fastddsgen.
set -euo pipefail
out="$1"; prefix="${2:-/usr}"
here="$(cd "$(dirname "$0")" && pwd)"
need() { command -v "$1" >/dev/null 2>&1 || { echo "build-peers: '$1' not found; install $2" >&2; exit 2; }; }
need gcc gcc
need g++ g++
idlc="$prefix/bin/idlc"; [ -x "$idlc" ] || { need idlc cyclonedds-tools; idlc=idlc; }
need fastddsgen fastddsgen
[ -f "$prefix/include/dds/dds.h" ] || { echo "build-peers: no Cyclone DDS headers under $prefix/include; install cyclonedds-dev" >&2; exit 2; }
[ -f /usr/include/fastdds/dds/domain/DomainParticipant.hpp ] || { echo "build-peers: no Fast DDS headers; install libfastrtps-dev" >&2; exit 2; }
libdir=""
for d in "$prefix/lib/x86_64-linux-gnu" "$prefix/lib/aarch64-linux-gnu" "$prefix/lib" "$prefix/lib64"; do
  for so in libddsc.so.0debian libddsc.so.0; do
    if [ -e "$d/$so" ]; then libdir="$d"; ddsc="$so"; break 2; fi
  done
done
[ -n "$libdir" ] || { echo "build-peers: no libddsc under $prefix/lib*; install libddsc0debian" >&2; exit 2; }
rpath=(); case "$libdir" in /usr/lib*|/lib*) ;; *) rpath=("-Wl,-rpath,$libdir") ;; esac
inc=(-I"$prefix/include"); for d in "$prefix/include/x86_64-linux-gnu" "$prefix/include/aarch64-linux-gnu"; do [ -d "$d" ] && inc+=(-I"$d"); done
cflags=(-std=gnu11 -O2 -Wall -Wextra -Werror)
link=(-L"$libdir" "-l:$ddsc" "${rpath[@]}")

mkdir -p "$out/gen" "$out/gen_humble" "$out/gen_jazzy" "$out/genf"
"$idlc" -o "$out/gen" "$here/idl/ros_msgs.idl"
"$idlc" -D GID_BYTES=24 -o "$out/gen_humble" "$here/idl/rmw_graph.idl"
"$idlc" -D GID_BYTES=16 -o "$out/gen_jazzy" "$here/idl/rmw_graph.idl"
gcc "${cflags[@]}" "${inc[@]}" -I"$out/gen" -I"$here/cyclone" -o "$out/cyclone_peer" "$here/cyclone/cyclone_peer.c" "$out/gen/ros_msgs.c" "${link[@]}" &
gcc "${cflags[@]}" "${inc[@]}" -I"$out/gen" -I"$here/cyclone" -o "$out/arm_peer" "$here/cyclone/arm_peer.c" "$out/gen/ros_msgs.c" "${link[@]}" -lm &
wait
gcc "${cflags[@]}" "${inc[@]}" -DGID_BYTES=24 -I"$out/gen_humble" -I"$here/cyclone" -o "$out/graph_peer_humble" "$here/cyclone/graph_peer.c" "$out/gen_humble/rmw_graph.c" "${link[@]}" &
gcc "${cflags[@]}" "${inc[@]}" -DGID_BYTES=16 -I"$out/gen_jazzy" -I"$here/cyclone" -o "$out/graph_peer_jazzy" "$here/cyclone/graph_peer.c" "$out/gen_jazzy/rmw_graph.c" "${link[@]}" &
wait
# fastddsgen is a Java tool; keep it off any JAVA_TOOL_OPTIONS of the caller
(cd "$out/genf" && env -u JAVA_TOOL_OPTIONS fastddsgen -replace -d "$out/genf" "$here/idl/ros_msgs.idl" >/dev/null)
g++ -std=c++14 -O1 -Wall -I"$out/genf" -o "$out/fastdds_peer" "$here/fastdds/fastdds_peer.cpp" "$out/genf/ros_msgs.cxx" "$out/genf/ros_msgsPubSubTypes.cxx" -lfastrtps -lfastcdr
cp "$here/fastdds/loopback_only.xml" "$out/fastdds_loopback_only.xml"
echo "build-peers: built cyclone_peer arm_peer graph_peer_humble graph_peer_jazzy fastdds_peer in $out"
