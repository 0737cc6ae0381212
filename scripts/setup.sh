#!/usr/bin/env bash
# Installs what ChunkRT needs on Debian/Ubuntu and builds the executable (bin/chunkrt).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
# the build compiles the ROS bridge's C shim against Cyclone DDS; replaying videos uses ffmpeg
need=()
command -v gcc >/dev/null || need+=(gcc)
[ -f /usr/include/dds/dds.h ] || need+=(cyclonedds-dev libddsc0debian)
command -v ffmpeg >/dev/null || need+=(ffmpeg)
if ! . scripts/java-home.sh 2>/dev/null; then
  need+=(openjdk-25-jdk-headless)
fi
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" || {
    echo "setup: could not install ${need[*]}; on a system without a JDK 25 package install Temurin 25 (adoptium.net) and rerun" >&2
    exit 2; }
  . scripts/java-home.sh
fi
./mvnw -B -q -ntp -DskipTests package
echo "setup: built app/target/chunkrt.jar with $JAVA_HOME; try: bin/chunkrt demo"
