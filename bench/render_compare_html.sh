#!/usr/bin/env bash
# Render the responsibility-shift HTML report (`srmlint matrix --compare ...
# --format html`) in headless Chromium and save a screenshot, to check by eye
# that a reviewer gets the verdict in five seconds: the verdict banner (green:
# layers move to AWS; red: onto you; amber: both; grey: no shift) must be the
# first thing on the page, above the layer table. Not part of the test suite:
# it needs a browser, which CI lacks (tests/compare/ asserts the HTML itself).
#
#   bash bench/render_compare_html.sh [BEFORE AFTER]
#       (default: examples/terraform/insecure/api-ec2 examples/terraform/insecure/api-lambda)
#
# Writes .bench/compare.html and .bench/compare.png (1280 wide; HEIGHT=... to
# change the page height, default 1400), then prints the PNG's path. Look at
# the PNG (any image viewer). Same browser and flags as bench/render_html.sh.
# Needs Debian's chromium: apt-get update && apt-get install -y chromium
set -euo pipefail
cd "$(dirname "$0")/.."

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "render_compare_html: no chromium found (apt-get install -y chromium)" >&2
    exit 2
fi
if [ $# -ne 0 ] && [ $# -ne 2 ]; then
    echo "usage: bash bench/render_compare_html.sh [BEFORE AFTER]" >&2
    exit 2
fi
before=${1:-examples/terraform/insecure/api-ec2}
after=${2:-examples/terraform/insecure/api-lambda}

out=.bench
mkdir -p "$out"
python -m srmlint matrix --compare "$before" "$after" --format html -o "$out/compare.html"

height=${HEIGHT:-1400}
# --no-sandbox: root in a container has no user namespace for the sandbox; the
# page is our own file and the report runs no script.
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size="1280,$height" --screenshot="$out/compare.png" \
    "file://$PWD/$out/compare.html" 2>/dev/null
echo "render_compare_html: $out/compare.html -> $out/compare.png"
