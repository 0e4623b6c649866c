#!/usr/bin/env bash
# Compares two builds of carnation on a GPU machine without Java or Maven, in one session on one
# machine: the current jars (cli/target/carnation.jar, tornado-backend/target/carnation-tornado.jar)
# and an earlier build's jars in $BEFORE (default .device/before/). Needs .device/runtime.tar.xz and .device/assets/
# as bench/gpu-run.sh does. MODE: parity (current build only), after, before, or all.
# Results go to $OUT (or ./bench-out): bench-after.json, bench-before.json, parity.txt.
set -uo pipefail
OUT="${OUT:-$PWD/bench-out}"
MODE="${1:-all}"
SPP="${SPP:-16}"
BEFORE="${BEFORE:-.device/before}"
SCENES="${SCENES:-scenes/gold-studio.json scenes/head-lambert.json scenes/head.json}"
mkdir -p "$OUT"
. "$(dirname "$0")/device-env.sh"
log() { echo "== $*"; }
GPUS=$(./carnation devices 2>/dev/null | grep -E '^tornado:[0-9]+:[0-9]+ ' | grep -i -E 'GPU|NVIDIA|H100|H200' | awk '{print $1}' | paste -sd, -)
log "$(date -u) $(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader) devices $GPUS"
if [ "$MODE" = all ] || [ "$MODE" = parity ]; then
  for d in ${GPUS//,/ }; do
    for s in ${PARITY_SCENES:-scenes/cornell-box.json scenes/gold-studio.json scenes/head-lambert.json scenes/head.json}; do
      log "parity $s on $d"
      ./carnation parity "$s" --device "$d" --spp 4 --width 480 --height 320 2>&1 | grep -E '^[RGB] |rays|parity|error'
    done
  done 2>&1 | tee "$OUT/parity.txt"
fi
bench() { # $1: root holding the launcher and jars, $2: label
  (cd "$1" && ./carnation bench $SCENES --devices "$GPUS" --width 1920 --height 1080 --spp "$SPP" \
      --json "$OUT/bench-$2.json" 2>&1 | grep -v -E '^WARNING|TornadoVM\] Warn') | tee "$OUT/bench-$2.txt"
}
if [ "$MODE" = all ] || [ "$MODE" = after ]; then
  log "current build"
  bench "$PWD" after
fi
if [ "$MODE" = all ] || [ "$MODE" = before ]; then
  B=/tmp/carnation-before
  rm -rf "$B" && mkdir -p "$B/cli/target" "$B/tornado-backend/target"
  cp -r carnation bin scenes "$B/"
  cp "$BEFORE/carnation.jar" "$B/cli/target/" && cp "$BEFORE/carnation-tornado.jar" "$B/tornado-backend/target/"
  log "earlier build ($BEFORE)"
  bench "$B" before
fi
