#!/bin/sh
# Regenerates the app icons in build/ (committed; nothing at build time needs these tools).
# Needs: imagemagick, fonts-noto-cjk, icnsutils (png2icns) — `apt-get install -y imagemagick icnsutils`.
# Design: the character 信 (credit, trust) in gold on Chinese red, rounded square.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

RED='#b71c1c'
GOLD='#f6c343'
FONT='Noto-Serif-CJK-SC-Bold'

# 1024×1024 master: rounded red square, thin gold inner frame, gold 信.
convert -size 1024x1024 xc:none \
  -fill "$RED" -draw 'roundrectangle 32,32 991,991 180,180' \
  -fill none -stroke "$GOLD" -strokewidth 14 -draw 'roundrectangle 84,84 939,939 136,136' \
  -stroke none -fill "$GOLD" -font "$FONT" -pointsize 640 -gravity center -annotate +0+24 '信' \
  -strip "$work/master.png"

convert "$work/master.png" -depth 8 -define png:exclude-chunks=date,time -strip icon.png

# Windows: one .ico with the sizes Explorer and the taskbar use.
for size in 16 24 32 48 64 128 256; do
  convert "$work/master.png" -resize "${size}x${size}" -strip "$work/icon-$size.png"
done
convert "$work/icon-16.png" "$work/icon-24.png" "$work/icon-32.png" "$work/icon-48.png" \
  "$work/icon-64.png" "$work/icon-128.png" "$work/icon-256.png" icon.ico

# macOS: .icns from the sizes png2icns accepts.
for size in 16 32 128 256 512; do
  convert "$work/master.png" -resize "${size}x${size}" -strip "$work/icns-$size.png"
done
png2icns icon.icns "$work/icns-16.png" "$work/icns-32.png" "$work/icns-128.png" "$work/icns-256.png" "$work/icns-512.png" >/dev/null

echo "wrote build/icon.png build/icon.ico build/icon.icns"
