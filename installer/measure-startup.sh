#!/usr/bin/env bash
# Measures the time to the first window of the jar and of app-images, the figures of "Packaging and start-up" in
# docs/benchmarks.md. Each command runs once untimed (file cache, first-start database migration, an archive that
# -XX:+AutoCreateSharedArchive writes), then RUNS times, taking turns with the others;
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
# Round-robin: run k of every command before run k+1 of any, so a change in machine load hits all of them alike.
names=()
commands=()
for spec in "$@"; do
  names+=("${spec%%=*}")
  commands+=("${spec#*=}")
done
declare -A jvm_times wall_times
data=$(mktemp -d)
for run in $(seq 0 "$runs"); do
  for i in "${!names[@]}"; do
    read -r -a command <<<"${commands[$i]}"
    mkdir -p "$data/$i"
    start=$(date +%s%3N)
    line=$(MILLRACE_DATA_DIR="$data/$i" MILLRACE_STARTUP_PROBE=1 "${command[@]}" 2>/dev/null | grep 'first window' || true)
    [ -n "$line" ] || { echo "${names[$i]}: no first-window line; run it by hand to see why" >&2; exit 1; }
    if [ "$run" -gt 0 ]; then
      jvm_times[$i]+="$(sed -E 's/.*first window ([0-9]+) ms.*/\1/' <<<"$line") "
      wall_times[$i]+="$(( $(sed -E 's/.*epoch ms ([0-9]+).*/\1/' <<<"$line") - start )) "
    fi
  done
done
rm -rf "$data"

printf '%-32s %-36s %-36s %s\n' name "JVM start -> first window (ms)" "launch -> first window (ms)" "medians"
for i in "${!names[@]}"; do
  printf '%-32s %-36s %-36s %s / %s\n' "${names[$i]}" "${jvm_times[$i]}" "${wall_times[$i]}" \
    "$(tr ' ' '\n' <<<"${jvm_times[$i]}" | grep . | median)" "$(tr ' ' '\n' <<<"${wall_times[$i]}" | grep . | median)"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
