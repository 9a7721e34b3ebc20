#!/usr/bin/env bash
# Takes a screenshot of a `digits report` page with headless Chromium, to look at the page
# without a desktop (and to check that every chart renders).
#
#   scripts/screenshot-report.sh [REPORT_DIR | PAGE.html] [OUT.png]
#     REPORT_DIR  the directory `digits report` wrote, whose index.html is shown
#                 (default: reports/mnist); or any page, e.g. one of `classify --explain`
#     OUT.png     where to write the screenshot (default: screenshot.png beside the page)
#   WIDTH=1200 HEIGHT=3000 scripts/screenshot-report.sh ...   # window size in CSS pixels
#
# Installs Debian's `chromium` package if no chromium is on the PATH (needs root and apt).
# Prints the screenshot's path on stdout.
set -euo pipefail

target="${1:-reports/mnist}"
if [ -d "$target" ]; then page="$target/index.html"; else page="$target"; fi
if [ ! -f "$page" ]; then
    echo "screenshot-report: $page not found (make a report with \`digits report --out DIR\`)" >&2
    exit 1
fi
out="${2:-$(dirname "$page")/screenshot.png}"
width="${WIDTH:-1200}"
height="${HEIGHT:-3000}"

if ! command -v chromium >/dev/null 2>&1; then
    echo "screenshot-report: installing chromium with apt-get..." >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi

# Chromium wants absolute paths for both the page URL and the screenshot.
page_url="file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
mkdir -p "$(dirname "$out")"
out_abs="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
log="$(mktemp)"

# --no-sandbox: the sandbox cannot run as root (containers, CI); the page is our own file.
# A throwaway profile directory keeps runs from sharing state.
profile="$(mktemp -d)"
trap 'rm -f "$log"; rm -rf "$profile"' EXIT
rm -f "$out_abs"
status=0
timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$profile" --window-size="$width,$height" \
    --screenshot="$out_abs" "$page_url" >"$log" 2>&1 || status=$?
if [ "$status" -ne 0 ] || [ ! -s "$out_abs" ]; then
    echo "screenshot-report: chromium failed; its output:" >&2
    cat "$log" >&2
    exit 1
fi
echo "$out_abs"
