# Sourced by the scripts: points JAVA_HOME at a JDK 25 (the build uses release 25).
chunkrt_find_jdk25() {
  local candidates=("${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/java-25-* /usr/lib/jvm/jdk-25* /opt/java/openjdk)
  local c
  for c in "${candidates[@]}"; do
    [ -n "$c" ] && [ -x "$c/bin/javac" ] || continue
    if "$c/bin/java" -version 2>&1 | grep -Eq 'version "25'; then
      echo "$c"; return 0
    fi
  done
  return 1
}
if ! JAVA_HOME=$(chunkrt_find_jdk25); then
  echo "chunkrt: no JDK 25 found (JAVA_HOME or /usr/lib/jvm); install one, e.g. 'apt-get install openjdk-25-jdk-headless' or Temurin 25, then retry" >&2
  return 2 2>/dev/null || exit 2
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
