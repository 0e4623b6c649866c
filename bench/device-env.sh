# Sourced by the GPU scripts: unpacks .device/runtime.tar.xz (a jlinked JDK 25 as jdk/, a TornadoVM
# 5.2 SDK with the OpenCL and PTX backends as tornadovm/, ocl/ with libOpenCL.so.1 and an ICD file
# naming libnvidia-opencl.so.1) once per machine and points the launcher at it and at .device/assets.
RT=/tmp/carnation-runtime
mkdir -p "$RT"
[ -x "$RT/jdk/bin/java" ] || tar -C "$RT" -xJf .device/runtime.tar.xz
export JAVA_HOME="$RT/jdk" TORNADOVM_HOME="$RT/tornadovm" PATH="$RT/jdk/bin:$PATH"
export OCL_ICD_VENDORS="$RT/ocl"
export LD_LIBRARY_PATH="$RT/ocl:/usr/local/nvidia/lib64:/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}"
export CARNATION_NO_BUILD=1 CARNATION_ASSETS="$PWD/.device/assets"
