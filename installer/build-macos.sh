#!/usr/bin/env bash
# Builds Millrace.dmg on macOS with jpackage. Run it on a Mac (Intel or Apple silicon: the .dmg is for the machine's
# architecture), from a jar built on that Mac: the JavaFX jars Maven picks carry the native code of the build OS.
#   ./mvnw -B package -DskipTests && installer/build-macos.sh
# Needs a JDK 21+ in $JAVA_HOME (with jpackage) and the Xcode command line tools (hdiutil, codesign).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/target/millrace.jar"
dest="$root/target/installer"

fail() {
  echo "installer/build-macos.sh: $*" >&2
  exit 1
}

[ "$(uname -s)" = Darwin ] || fail "run this on macOS; on Linux use installer/build.sh"
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ] || fail "set JAVA_HOME to a JDK 21+ with jpackage"
[ -f "$jar" ] || fail "no jar at $jar; build it first: ./mvnw -B package -DskipTests"

work="$dest/work-macos"
rm -rf "$work"
mkdir -p "$work/input" "$work/manifest"
cp "$jar" "$work/input/millrace.jar"

(cd "$work/manifest" && "$JAVA_HOME/bin/jar" --extract --file "$jar" META-INF/MANIFEST.MF)
version=$(sed -n 's/^Implementation-Version: *//p' "$work/manifest/META-INF/MANIFEST.MF" | tr -d '\r')
# jpackage on macOS refuses a bundle version whose first number is 0 ("The first number in an app-version cannot
# be zero or negative"); until Millrace is 1.0, name the bundle version explicitly with MILLRACE_MAC_VERSION.
mac_version=${MILLRACE_MAC_VERSION:-${version%%-*}}
[[ "$mac_version" =~ ^[1-9][0-9]*(\.[0-9]+){0,2}$ ]] \
  || fail "jpackage needs a macOS bundle version of 1 to 3 numbers, the first not 0; the jar is $version. \
Give one, e.g.: MILLRACE_MAC_VERSION=1.0.0 installer/build-macos.sh"

modules=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --multi-release 21 --print-module-deps "$jar" | tail -1)
"$JAVA_HOME/bin/jlink" --add-modules "$modules,jdk.zipfs,jdk.security.auth" --output "$work/runtime" \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6

"$JAVA_HOME/bin/jpackage" --type dmg --dest "$dest" \
  --name Millrace --app-version "$mac_version" --vendor Millrace \
  --description "A desktop workbench for event-driven systems" \
  --input "$work/input" --main-jar millrace.jar --main-class dev.millrace.cli.Main \
  --runtime-image "$work/runtime" --icon "$root/icons/millrace.icns" \
  --java-options --enable-native-access=ALL-UNNAMED \
  --mac-package-identifier dev.millrace.workbench --mac-package-name Millrace \
  --mac-app-category public.app-category.developer-tools

echo "installer: $(ls "$dest"/Millrace-*.dmg)"
