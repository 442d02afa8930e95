#!/usr/bin/env bash
# Packages the shaded jar for Linux with jpackage: an app-image (a folder that runs where it lies) and, with --deb,
# a .deb that installs it into /opt/millrace with a menu entry. See installer/README.md for every option and OS.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/target/millrace.jar"
dest="$root/target/installer"
build_deb=no
appcds=yes

usage() {
  cat <<EOF
Usage: installer/build.sh [--jar FILE] [--dest DIR] [--deb] [--no-appcds]

  --jar FILE     the shaded jar to package (default: target/millrace.jar, from ./mvnw package)
  --dest DIR     where to write (default: target/installer); DIR/Millrace is the app-image
  --deb          also build DIR/millrace_<version>_amd64.deb (needs fakeroot and dpkg-deb)
  --no-appcds    skip the AppCDS training run (a smaller image that starts more slowly)

Uses the JDK in \$JAVA_HOME (21 or newer, with jpackage and jlink).
EOF
}

while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar=$(realpath "$2"); shift 2 ;;
    --dest) dest=$(realpath -m "$2"); shift 2 ;;
    --deb) build_deb=yes; shift ;;
    --no-appcds) appcds=no; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "installer/build.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

fail() {
  echo "installer/build.sh: $*" >&2
  exit 1
}

[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ] || fail "set JAVA_HOME to a JDK 21+ with jpackage"
[ -f "$jar" ] || fail "no jar at $jar; build it first: ./mvnw -B package -DskipTests"
jdk_major=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 \
  | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1)
[ "$jdk_major" -ge 21 ] || fail "JDK $jdk_major at $JAVA_HOME is too old; jpackage with these options needs 21+"

work="$dest/work"
image="$dest/Millrace"
rm -rf "$work" "$image"
mkdir -p "$work/input" "$work/manifest"

# The version is the pom's, as the build stamped it into the jar (Implementation-Version). jpackage wants plain
# numbers (at most three for .msi and .dmg), so a qualifier such as -SNAPSHOT is left out of the package version.
(cd "$work/manifest" && "$JAVA_HOME/bin/jar" --extract --file "$jar" META-INF/MANIFEST.MF)
version=$(sed -n 's/^Implementation-Version: *//p' "$work/manifest/META-INF/MANIFEST.MF" | tr -d '\r')
package_version=${version%%-*}
[[ "$package_version" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || fail "cannot make a package version out of '$version'"

vendor="Millrace"
description="Desktop workbench for message brokers: Kafka, NATS, RabbitMQ"
cp "$jar" "$work/input/millrace.jar"

# The runtime holds only the modules the jar uses (jdeps), plus two that code loads by name, not by reference:
# jdk.zipfs (zip file systems) and jdk.security.auth (JAAS login modules, for Kafka SASL/GSSAPI).
echo "installer: finding the modules the jar needs (jdeps)"
modules=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --multi-release 21 --print-module-deps "$jar" | tail -1)
modules="$modules,jdk.zipfs,jdk.security.auth"
echo "installer: jlink runtime with $modules"
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --output "$work/runtime" \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6

# JavaFX runs from the class path here (the jar's main class is not an Application, so no module path is needed);
# these options only keep JDK 22+ from warning about JavaFX's native access and its use of sun.misc.Unsafe.
jvm_flags=(--enable-native-access=ALL-UNNAMED)
[ "$jdk_major" -ge 23 ] && jvm_flags+=(--sun-misc-unsafe-memory-access=allow)
# A pauseless collector: G1's young pauses (13-20 ms every half second while the live view takes 100k msg/s) were
# what pushed the FX pulse interval past 25 ms (docs/benchmarks.md, live view). Shenandoah also keeps the heap
# small; JDK builds without it (Oracle's) get ZGC, which is in every build.
if "$work/runtime/bin/java" -XX:+UseShenandoahGC -version >/dev/null 2>&1; then
  jvm_flags+=(-XX:+UseShenandoahGC)
else
  jvm_flags+=(-XX:+UseZGC)
fi

# The runtime's own CDS archive, dumped with the launcher's options: an archive dumped without them (jlink's
# --generate-cds-archive) makes the JVM print "Mismatched values for property jdk.module.enable.native.access"
# at every start and load the JDK's classes the slow way.
"$work/runtime/bin/java" "${jvm_flags[@]}" -Xshare:dump -Xlog:cds=off -Xlog:cds+map=off >"$work/cds-dump.log" 2>&1 \
  || fail "could not dump the runtime's CDS archive; see $work/cds-dump.log"
java_options=("${jvm_flags[@]}")
if [ "$appcds" = yes ]; then
  # A read-only AppCDS archive made at build time and shipped in the image: every user's first start is fast,
  # and nothing needs to be written next to /opt. $APPDIR is expanded by the jpackage launcher.
  # The JVM checks the archive against the jar's size and modification time; when they differ (an app-image copied
  # without keeping times) it quietly loads classes the slow way instead of printing CDS warnings at every start.
  java_options+=(-XX:SharedArchiveFile=\$APPDIR/millrace.jsa -Xlog:cds=off -Xlog:cds+dynamic=off)
fi
jpackage_java_options=()
for option in "${java_options[@]}"; do
  jpackage_java_options+=(--java-options "$option")
done

echo "installer: jpackage app-image $version (package version $package_version)"
"$JAVA_HOME/bin/jpackage" --type app-image --dest "$dest" \
  --name Millrace --app-version "$package_version" --vendor "$vendor" --description "$description" \
  --input "$work/input" --main-jar millrace.jar --main-class dev.millrace.cli.Main \
  --runtime-image "$work/runtime" --icon "$root/icons/png/millrace-256.png" \
  "${jpackage_java_options[@]}"

if [ "$appcds" = yes ]; then
  # Training run: the same JVM options and class path as the launcher, recording every class loaded until the
  # first window is laid out (or, without a display server, until --version returns).
  archive="$image/lib/app/millrace.jsa"
  train=("$image/lib/runtime/bin/java" "-XX:ArchiveClassesAtExit=$archive" -Xlog:cds=off -Xlog:cds+dynamic=off
    "${jvm_flags[@]}" -cp "$image/lib/app/millrace.jar" dev.millrace.cli.Main)
  if command -v xvfb-run >/dev/null 2>&1; then
    echo "installer: AppCDS training run (first window under Xvfb)"
    MILLRACE_DATA_DIR="$work/training-data" MILLRACE_STARTUP_PROBE=1 \
      xvfb-run -a -s "-screen 0 1280x800x24" "${train[@]}" >"$work/training.log" 2>&1 \
      || fail "the AppCDS training run failed; see $work/training.log"
  else
    echo "installer: AppCDS training run (--version; install xvfb to train on the window too)"
    "${train[@]}" --version >"$work/training.log" 2>&1 || fail "the AppCDS training run failed; see $work/training.log"
  fi
  [ -s "$archive" ] || fail "the AppCDS training run wrote no archive; see $work/training.log"
fi

"$image/bin/Millrace" --version >/dev/null || fail "the app-image does not start: $image/bin/Millrace --version"
echo "installer: app-image $image ($(du -sh "$image" | cut -f1))"

if [ "$build_deb" = yes ]; then
  command -v fakeroot >/dev/null 2>&1 || fail "the .deb needs fakeroot: apt-get install fakeroot"
  # What JavaFX's native libraries link against (readelf -d on libglass*, libprism_es2, libjavafx_font*,
  # libjavafx_iio inside the jar). jpackage adds the JDK runtime's own libraries (libc6, zlib1g, ...) by itself.
  deps="libgtk-3-0, libglib2.0-0, libpango-1.0-0, libpangocairo-1.0-0, libpangoft2-1.0-0, libcairo2,"
  deps="$deps libcairo-gobject2, libgdk-pixbuf-2.0-0, libatk1.0-0, libx11-6, libxtst6, libxxf86vm1, libgl1,"
  deps="$deps libfreetype6, libfontconfig1"
  echo "installer: jpackage deb"
  "$JAVA_HOME/bin/jpackage" --type deb --dest "$work/deb-jpackage" --app-image "$image" --temp "$work/deb-temp" \
    --name Millrace --app-version "$package_version" --vendor "$vendor" --description "$description" \
    --linux-package-name millrace --linux-deb-maintainer "${MILLRACE_DEB_MAINTAINER:-millrace@localhost}" \
    --linux-app-category devel --linux-package-deps "$deps"
  # jpackage's own menu entry (--linux-shortcut) is installed by a postinst calling xdg-desktop-menu, which fails,
  # and with it the whole installation, on a system without a menu directory (a minimal or server install). The
  # entry, its icons and a `millrace` command on the PATH go into the package's files instead, as Debian packages do.
  tree="$work/deb-temp/image"
  install -D -m 644 "$root/installer/linux/millrace.desktop" "$tree/usr/share/applications/millrace.desktop"
  for size in 16 24 32 48 64 128 256 512; do
    install -D -m 644 "$root/icons/png/millrace-$size.png" "$tree/usr/share/icons/hicolor/${size}x$size/apps/millrace.png"
  done
  mkdir -p "$tree/usr/bin"
  ln -s /opt/millrace/bin/Millrace "$tree/usr/bin/millrace"
  if [ "$appcds" = yes ]; then
    # jpackage copied the app-image, so the jar in its package tree has a new modification time, and the JVM
    # ignores an AppCDS archive whose jar changed (it checks size and mtime): give it back the archived time.
    touch -r "$image/lib/app/millrace.jar" "$tree/opt/millrace/lib/app/millrace.jar"
  fi
  # Packed again from jpackage's tree; gzip is several times faster than xz, and most bytes are the jar, which is
  # compressed already.
  deb="$dest/$(basename "$(ls "$work"/deb-jpackage/millrace_*.deb)")"
  fakeroot dpkg-deb -Zgzip --build "$tree" "$deb" >/dev/null
  echo "installer: deb $deb ($(du -h "$deb" | cut -f1))"
fi
