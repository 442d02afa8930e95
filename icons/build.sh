#!/usr/bin/env bash
# Renders the application icon from its SVG sources into every file the window, the installers and the README use.
# Needs, on Debian/Ubuntu: apt-get install librsvg2-bin icoutils icnsutils
# The outputs are committed, so building Millrace never needs these tools; run this after changing an SVG.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
for tool in rsvg-convert:librsvg2-bin icotool:icoutils png2icns:icnsutils; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "icons/build.sh needs: apt-get install ${missing[*]}" >&2
  exit 1
fi

mkdir -p png
# 16 px comes from the hand-hinted small drawing; every other size from the full one.
rsvg-convert --width 16 --height 16 millrace-small.svg --output png/millrace-16.png
for size in 24 32 48 64 128 256 512 1024; do
  rsvg-convert --width "$size" --height "$size" millrace.svg --output "png/millrace-$size.png"
done

# Windows: the classic sizes as bitmaps, 256 px stored as PNG (what Explorer uses for large icons).
icotool --create --output millrace.ico \
  png/millrace-16.png png/millrace-24.png png/millrace-32.png png/millrace-48.png png/millrace-64.png \
  --raw=png/millrace-256.png

# macOS: png2icns picks the icns type from each PNG's size (16, 32, 48, 128, 256, 512 and 1024 px).
png2icns millrace.icns \
  png/millrace-16.png png/millrace-32.png png/millrace-48.png png/millrace-128.png \
  png/millrace-256.png png/millrace-512.png png/millrace-1024.png >/dev/null

# The window's icons (JavaFX picks the best size per use: title bar, task switcher, dock).
app_icons=../resources/dev/millrace/app/icons
mkdir -p "$app_icons"
for size in 16 24 32 48 64 128 256; do
  cp "png/millrace-$size.png" "$app_icons/millrace-$size.png"
done

echo "icons: wrote png/millrace-{16,24,32,48,64,128,256,512,1024}.png, millrace.ico, millrace.icns and $app_icons"
