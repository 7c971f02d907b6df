#!/usr/bin/env bash
# Render resources/icons/corrigenda.svg to the PNG sizes desktops look for (the PNGs are
# committed; run this again after changing the SVG). Needs rsvg-convert
# (Debian/Ubuntu: apt-get install librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/../resources/icons"
for size in 16 22 24 32 48 64 128 256 512; do
    mkdir -p "hicolor/${size}x${size}/apps"
    rsvg-convert -w "$size" -h "$size" corrigenda.svg -o "hicolor/${size}x${size}/apps/corrigenda.png"
done
echo "rendered $(ls hicolor | wc -l) sizes into resources/icons/hicolor"
