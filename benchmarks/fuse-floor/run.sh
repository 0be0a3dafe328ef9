#!/bin/sh
# Measures the FUSE floor (see fuse_floor.c and benchmarks/README.md): builds the server, makes
# the same N files on tmpfs, and reads both from Java in alternating rounds, for each mode and
# for 1 and 2 serving threads. Needs root, /dev/fuse, gcc and a JDK. Usage: run.sh [N] [ROUNDS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
n=${1:-3000}
rounds=${2:-21}
work=$(mktemp -d /dev/shm/fuse-floor.XXXXXX)
trap 'umount "$work/mnt" 2>/dev/null || true; rm -rf "$work"' EXIT
gcc -O2 -pthread -o "$work/fuse_floor" "$here/fuse_floor.c"
mkdir -p "$work/mnt" "$work/tree"
i=0
while [ "$i" -lt "$n" ]; do printf '0x%016x\n' $((i + 2)) > "$work/tree/f$i"; i=$((i + 1)); done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for threads in 1 2; do
  for mode in 1 3 2; do
    "$work/fuse_floor" "$work/mnt" "$n" "$mode" "$threads" 2>"$work/counts" &
    while ! grep -q " $work/mnt " /proc/mounts; do sleep 0.1; done
    printf 'mode %s, %s thread(s): ' "$mode" "$threads"
    java "$here/FloorReader.java" "$work/mnt" "$work/tree" "$n" "$rounds"
    umount "$work/mnt"
    wait
    awk -v n="$n" -v r="$rounds" '{ printf "  %s %s %.2f per read\n", $1, $2, $3 / (n * r) }' "$work/counts"
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
