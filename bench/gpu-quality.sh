#!/usr/bin/env bash
# Time to quality on a GPU machine without Java or Maven (as bench/gpu-run.sh): per scene, a
# reference on the GPU (cached in /tmp for this machine), then progressive renders on the JVM and
# every GPU device. Results: $OUT/quality.json and quality.txt; draw the plot elsewhere with
#   carnation bench --from-json quality.json --plot quality.png
set -uo pipefail
OUT="${OUT:-$PWD/bench-out}"
SCENES="${SCENES:-scenes/gold-studio.json scenes/head-lambert.json scenes/head.json}"
REF_SPP="${REF_SPP:-2048}"
MAX_SECONDS="${MAX_SECONDS:-20}"
mkdir -p "$OUT"
. "$(dirname "$0")/device-env.sh"
GPUS=$(./carnation devices 2>/dev/null | grep -E '^tornado:[0-9]+:[0-9]+ ' | grep -i -E 'GPU|NVIDIA|H100|H200' | awk '{print $1}' | paste -sd, -)
echo "== $(date -u) $(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader) devices $GPUS"
./carnation bench --quality $SCENES --devices "$GPUS" --width 1920 --height 1080 --reference-spp "$REF_SPP" \
    --max-seconds "$MAX_SECONDS" --levels 1e-2,5e-3,1e-3 --times 1,3,10 --reference-cache /tmp/carnation-refs \
    --json "$OUT/quality.json" 2>&1 | grep -v -E '^WARNING|TornadoVM\] Warn' | tee "$OUT/quality.txt"
