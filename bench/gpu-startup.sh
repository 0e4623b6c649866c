#!/usr/bin/env bash
# Start-up on a GPU machine without Java or Maven (as bench/gpu-run.sh: needs .device/runtime.tar.xz,
# .device/assets/ and the prebuilt jars). For each scene and device it renders twice, each time in a
# fresh process (1 spp, 1920x1080 unless SIZE says otherwise), with a new, empty carnation cache folder
# and a new, empty NVIDIA compute cache (CUDA_CACHE_PATH, which NVIDIA's OpenCL uses too) for the pair:
#   run 1: cold (Graal JIT of the kernel and the driver's compile; the kernel is then cached),
#   run 2: warm (the kernel loaded from carnation's cache; the driver's cache holds its binary).
# Devices: DEVICES (default: tornado:0:0 tornado:1:0, OpenCL and PTX in the GPU image's SDK order), and
# the JVM backend as "jvm" (started with TornadoVM's flags, as ./carnation does when TORNADOVM_HOME
# is set) and "jvm-plain" (without TORNADOVM_HOME: the launcher's AppCDS archive; needs a JDK with a
# base CDS archive, which a jlinked runtime may lack: then it runs without).
# Writes to $OUT (or ./bench-out): startup.json (every run: scene, device, run, wall seconds of the
# whole process, and the phase table of `carnation render --timings`), startup.txt (a readable table)
# and startup-*.json (each run's own table).
set -uo pipefail
OUT="${OUT:-$PWD/bench-out}"
SCENES="${SCENES:-scenes/gold-studio.json scenes/head.json scenes/head-lambert.json}"
DEVICES="${DEVICES:-tornado:0:0 tornado:1:0 jvm jvm-plain}"
SIZE="${SIZE:-1920x1080}"
mkdir -p "$OUT"
# On a machine with Java and TornadoVM installed (e.g. PoCL), without .device/: the environment as it is.
if [ -f .device/runtime.tar.xz ]; then
  . "$(dirname "$0")/device-env.sh"
else
  export CARNATION_NO_BUILD=1
fi
W="${SIZE%x*}"
H="${SIZE#*x}"
SDK_HOME="${TORNADOVM_HOME:-}"
log() { echo "== $*"; }
now() { date +%s.%N; }
{
  log "$(date -u) $(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null) $(nproc) cores"
  ./carnation devices 2>&1 | grep -v '^WARNING'
} | tee "$OUT/startup.txt"
for s in $SCENES; do
  name="$(basename "$s" .json)"
  for d in $DEVICES; do
    tag="${d//:/-}"
    cache="$(mktemp -d /tmp/carnation-startup-cache.XXXXXX)"
    nv="$(mktemp -d /tmp/carnation-startup-nv.XXXXXX)"
    for run in 1 2; do
      json="$OUT/startup-$name-$tag-$run.json"
      rm -f "$json"
      case "$d" in
        jvm) args=(--backend jvm) ; env_sdk=(TORNADOVM_HOME="$SDK_HOME") ;;
        jvm-plain) args=(--backend jvm) ; env_sdk=(TORNADOVM_HOME=) ;;
        *) args=(--backend tornado --device "$d") ; env_sdk=(TORNADOVM_HOME="$SDK_HOME") ;;
      esac
      t0="$(now)"
      env "${env_sdk[@]}" CARNATION_CACHE_DIR="$cache" CUDA_CACHE_PATH="$nv" \
        ./carnation render "$s" "${args[@]}" --width "$W" --height "$H" --spp 1 -q -v \
        --timings "$json" --out "/tmp/carnation-startup-$name-$tag.png" > "$OUT/startup-$name-$tag-$run.log" 2>&1
      rc=$?
      t1="$(now)"
      wall="$(awk "BEGIN { printf \"%.3f\", $t1 - $t0 }")"
      log "$name $d run $run: exit $rc, ${wall} s; $(grep '^start-up' "$OUT/startup-$name-$tag-$run.log" || grep -E 'error' "$OUT/startup-$name-$tag-$run.log" | head -2)"
    done
    rm -rf "$cache" "$nv"
  done
done 2>&1 | tee -a "$OUT/startup.txt"
# One JSON array of every run.
{
  echo "["
  first=1
  for s in $SCENES; do
    name="$(basename "$s" .json)"
    for d in $DEVICES; do
      tag="${d//:/-}"
      for run in 1 2; do
        json="$OUT/startup-$name-$tag-$run.json"
        wall="$(grep -E "^== $name $d run $run:" "$OUT/startup.txt" | sed -E 's/.*exit ([0-9]+), ([0-9.]+) s.*/\2/' | head -1)"
        rc="$(grep -E "^== $name $d run $run:" "$OUT/startup.txt" | sed -E 's/.*exit ([0-9]+),.*/\1/' | head -1)"
        [ $first = 1 ] || echo ","
        first=0
        printf '{"scene": "%s", "device": "%s", "run": %s, "exit": %s, "wall_seconds": %s, "timings": %s}' \
          "$name" "$d" "$run" "${rc:-null}" "${wall:-null}" "$( [ -f "$json" ] && cat "$json" || echo null)"
      done
    done
  done
  echo "]"
} > "$OUT/startup.json"
echo "wrote $OUT/startup.json"
