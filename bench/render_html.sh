#!/usr/bin/env bash
# Render srmlint's HTML report in headless Chromium and save a screenshot, to
# check by eye that the self-contained report looks right (layout, badges,
# tables). Not part of the test suite: it needs a browser, which CI lacks.
#
#   bash bench/render_html.sh [PATH ...]        (default: examples/)
#
# Writes .bench/report.html and .bench/report.png (a tall 1280-wide page).
# Needs Debian's chromium: apt-get update && apt-get install -y chromium
set -euo pipefail
cd "$(dirname "$0")/.."

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "render_html: no chromium found (apt-get install -y chromium)" >&2
    exit 2
fi

out=.bench
mkdir -p "$out"
# srmlint exits 1 when it has findings: that is the point of the examples.
python -m srmlint --format html -o "$out/report.html" "${@:-examples/}" || [ $? -eq 1 ]

height=${HEIGHT:-4000}
# --no-sandbox: root in a container has no user namespace for the sandbox; the
# page is our own file and the report runs no script.
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size="1280,$height" --screenshot="$out/report.png" \
    "file://$PWD/$out/report.html" 2>/dev/null
echo "render_html: $out/report.html -> $out/report.png"
