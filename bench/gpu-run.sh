#!/usr/bin/env bash
# Runs devices, parity and benchmarks on a GPU machine that has no Java or Maven.
# Expects .device/runtime.tar.xz (a jlinked JDK 25 as jdk/, a TornadoVM 5.2 SDK with the OpenCL and
# PTX backends as tornadovm/, and ocl/ with libOpenCL.so.1 and an ICD file naming
# libnvidia-opencl.so.1), .device/assets/ (the scene data), and prebuilt cli/target/carnation.jar
# and tornado-backend/target/carnation-tornado.jar. Results go to $OUT (or ./bench-out).
set -uo pipefail
OUT="${OUT:-$PWD/bench-out}"
mkdir -p "$OUT"
. "$(dirname "$0")/device-env.sh"
MODE="${1:-all}"
log() { echo "== $*"; }
{
  log "machine"; date -u; nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader; nproc
  log "devices"; ./carnation devices
} 2>&1 | grep -v '^WARNING' | tee "$OUT/devices.txt"
GPUS=$(grep -E '^tornado:[0-9]+:[0-9]+ ' "$OUT/devices.txt" | grep -i -E 'GPU|NVIDIA|H100|H200' | awk '{print $1}')
if [ "$MODE" = all ] || [ "$MODE" = parity ]; then
  for d in $GPUS; do
    for s in scenes/cornell-box.json scenes/gold-studio.json scenes/head.json scenes/head-lambert.json; do
      log "parity $s on $d"
      ./carnation parity "$s" --device "$d" --spp 4 --width 480 --height 320 2>&1 | grep -v '^WARNING'
      echo "exit $?"
    done
  done 2>&1 | tee "$OUT/parity.txt"
fi
if [ "$MODE" = all ] || [ "$MODE" = bench ]; then
  log "bench default scene 1920x1080"
  ./carnation bench scenes/gold-studio.json scenes/cornell-box.json scenes/head-lambert.json --width 1920 --height 1080 --spp 32 \
      --json "$OUT/bench.json" --plot "$OUT/bench.png" 2>&1 | grep -v '^WARNING' | tee "$OUT/bench.txt"
fi
if [ "$MODE" = all ] || [ "$MODE" = launchcheck ]; then
  # TornadoVM's default work-group size cannot launch this kernel on NVIDIA: it must fail loudly.
  for d in $GPUS; do
    log "work-group size 0 (TornadoVM default) on $d: expect an error"
    CARNATION_JAVA_OPTS="-Dcarnation.tornado.localSize=0" ./carnation render scenes/cornell-box.json --backend tornado \
        --device "$d" --spp 2 --width 640 --height 480 --out "$OUT/should-not-exist.png" -q 2>&1 | grep -E "^error|^warning|wrote"
    echo "exit ${PIPESTATUS[0]}; output file: $(ls "$OUT/should-not-exist.png" 2>/dev/null || echo none)"
  done 2>&1 | tee "$OUT/launchcheck.txt"
fi
if [ "$MODE" = all ] || [ "$MODE" = localsize ]; then
  for d in $GPUS; do
    for ls in 0 32 64 128 256 512; do
      log "local size $ls on $d"
      CARNATION_JAVA_OPTS="-Dcarnation.tornado.localSize=$ls" ./carnation bench scenes/gold-studio.json --devices "$d" \
          --width 1920 --height 1080 --spp 32 2>&1 | grep -E "^gold|error" | grep -v '^gold.* jvm '
    done
  done 2>&1 | tee "$OUT/localsize.txt"
fi
if [ "$MODE" = all ] || [ "$MODE" = images ]; then
  GPU=$(echo "$GPUS" | tail -1)
  log "images on $GPU and the host JVM"
  ./carnation render scenes/gold-studio.json --backend tornado --device "$GPU" --spp 2048 --out "$OUT/gold-studio.png" -q 2>&1 | grep -E "spp in|wrote|error"
  ./carnation render scenes/head-lambert.json --backend tornado --device "$GPU" --spp 1024 --out "$OUT/head-lambert.png" -q 2>&1 | grep -E "spp in|wrote|error"
  ./carnation render scenes/head.json --backend jvm --spp 256 --out "$OUT/head-skin.png" -q 2>&1 | grep -E "spp in|wrote|error"
  log "skin vs Lambert on the host JVM"
  ./carnation bench scenes/head-lambert.json scenes/head.json --devices jvm --spp 8 --width 640 --height 800 2>&1 | grep -v '^WARNING'
fi 2>&1 | tee "$OUT/images.txt"
if [ "$MODE" = skin ]; then
  GPU=$(echo "$GPUS" | tail -1)
  for d in $GPUS; do
    log "parity scenes/head.json on $d"
    ./carnation parity scenes/head.json --device "$d" --spp 4 --width 480 --height 320 2>&1 | grep -E "^[RGB] |rays|parity"
  done 2>&1 | tee "$OUT/skin-parity.txt"
  log "skin vs Lambert, 1920x1080"
  ./carnation bench scenes/head-lambert.json scenes/head.json --width 1920 --height 1080 --spp 16 --json "$OUT/skin-bench.json" 2>&1 \
      | grep -v '^WARNING' | grep -v 'TornadoVM] Warn' | tee "$OUT/skin-bench.txt"
  log "head.json 1920x1080 on $GPU: time and noise (two seeds)"
  for spp in 256 1024; do
    for seed in 1 2; do
      ./carnation render scenes/head.json --backend tornado --device "$GPU" --width 1920 --height 1080 --spp $spp --seed $seed \
          --out "/tmp/head-$spp-$seed.pfm" -q 2>&1 | grep -E "spp in|error"
    done
    python3 - "$spp" <<'PY'
import sys, numpy as np
def pfm(p):
    with open(p, 'rb') as f:
        f.readline(); w, h = map(int, f.readline().split()); f.readline()
        return np.frombuffer(f.read(), '<f4').reshape(h, w, 3)
a, b = pfm(f"/tmp/head-{sys.argv[1]}-1.pfm"), pfm(f"/tmp/head-{sys.argv[1]}-2.pfm")
ref = (a + b) / 2
rel = np.sqrt(np.mean((a - b) ** 2 / 2 / (ref + 0.01) ** 2))
print(f"{sys.argv[1]} spp: relative RMS noise per image {rel:.4f} (relMSE-style, +0.01 in the denominator)")
PY
  done 2>&1 | tee "$OUT/skin-noise.txt"
  ./carnation render scenes/head.json --backend tornado --device "$GPU" --spp 2048 --out "$OUT/head-skin-gpu.png" -q 2>&1 | grep -E "spp in|wrote|error"
fi

