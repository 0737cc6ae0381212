#!/usr/bin/env bash
# Installs what ChunkRT needs on Debian/Ubuntu and builds the executable (bin/chunkrt).
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! . scripts/java-home.sh 2>/dev/null; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq openjdk-25-jdk-headless || {
    echo "setup: no JDK 25 package on this system; install Temurin 25 (adoptium.net) and rerun" >&2; exit 2; }
  . scripts/java-home.sh
fi
./mvnw -B -q -ntp -DskipTests package
echo "setup: built app/target/chunkrt.jar with $JAVA_HOME"
