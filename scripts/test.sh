#!/usr/bin/env bash
# Runs every test of the reactor (unit, conformance when ../shared/testdata exists, integration).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
exec ./mvnw -B -ntp verify "$@"
