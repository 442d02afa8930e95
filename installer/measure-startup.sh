#!/usr/bin/env bash
# Measures the time to the first window of the jar and of app-images, the figures of "Packaging and start-up" in
# docs/benchmarks.md. Each command runs once untimed (file cache, first-start database migration), then RUNS times;
# MILLRACE_STARTUP_PROBE makes the app print when its first window is laid out and quit.
# Usage: installer/measure-startup.sh [--runs N] NAME=COMMAND...   (COMMAND is split on spaces)
#   installer/measure-startup.sh "jar=$JAVA_HOME/bin/java -jar target/millrace.jar" \
#     "app-image=target/installer/Millrace/bin/Millrace"
# Runs under the display in $DISPLAY, else under its own Xvfb (apt-get install xvfb).
set -euo pipefail

runs=5
if [ "${1:-}" = --runs ]; then
  runs=$2
  shift 2
fi
[ $# -gt 0 ] || { sed -n '2,8p' "$0" >&2; exit 2; }

xvfb_pid=""
if [ -z "${DISPLAY:-}" ]; then
  display=":$((90 + RANDOM % 100))"
  Xvfb "$display" -screen 0 1920x1200x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  trap 'kill "$xvfb_pid"' EXIT
  export DISPLAY="$display"
  sleep 1
fi

median() {
  sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %-40s %-40s %s\n' name "JVM start -> first window (ms)" "launch -> first window (ms)" medians
for spec in "$@"; do
  name=${spec%%=*}
  read -r -a command <<<"${spec#*=}"
  data=$(mktemp -d)
  jvm_times=()
  wall_times=()
  for run in $(seq 0 "$runs"); do
    start=$(date +%s%3N)
    line=$(MILLRACE_DATA_DIR="$data" MILLRACE_STARTUP_PROBE=1 "${command[@]}" 2>/dev/null | grep 'first window' || true)
    [ -n "$line" ] || { echo "$name: no first-window line; run it by hand to see why" >&2; exit 1; }
    if [ "$run" -gt 0 ]; then
      jvm_times+=("$(sed -E 's/.*first window ([0-9]+) ms.*/\1/' <<<"$line")")
      wall_times+=("$(( $(sed -E 's/.*epoch ms ([0-9]+).*/\1/' <<<"$line") - start ))")
    fi
  done
  rm -rf "$data"
  printf '%-28s %-40s %-40s %s / %s\n' "$name" "${jvm_times[*]}" "${wall_times[*]}" \
    "$(printf '%s\n' "${jvm_times[@]}" | median)" "$(printf '%s\n' "${wall_times[@]}" | median)"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
