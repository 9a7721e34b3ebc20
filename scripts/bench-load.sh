#!/usr/bin/env bash
# Times loading MNIST with `digits-bench load` against `gzip -dc` of the same four files.
#
#   scripts/bench-load.sh [DIR]      # DIR: default $MNIST_DIR, else data/mnist in the repository
#   RUNS=9 scripts/bench-load.sh     # runs per measurement (default 5), the median is reported
#
# Builds release, then in the same run: the median time of `gzip -dc FILES >/dev/null`, the
# median time of loading both splits through MNISTDataset (in-process, several loads), their
# ratio (target <= 1.3), and the loader's peak resident memory against the decoded size
# (target <= 1.3). Timings on a shared machine are noisy: compare figures from one run.
set -euo pipefail

repository_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
directory="${1:-${MNIST_DIR:-$repository_root/data/mnist}}"
runs="${RUNS:-5}"

# The four files, each as the loader finds it: plain name first, else .gz.
files=()
for name in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
    if [ -f "$directory/$name" ]; then
        files+=("$directory/$name")
    elif [ -f "$directory/$name.gz" ]; then
        files+=("$directory/$name.gz")
    else
        echo "bench-load: $directory has no $name[.gz] (get MNIST with scripts/download-mnist.sh)" >&2
        exit 1
    fi
done

cd "$repository_root"
echo "bench-load: building release..." >&2
swift build -c release --product digits-bench >&2
bench="$(swift build -c release --show-bin-path)/digits-bench"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# gzip -dc of the four files (-f passes plain files through), timed by bash's `time`.
TIMEFORMAT=%R
gzip_times=""
for _ in $(seq "$runs"); do
    gzip_times="$gzip_times$( { time gzip -dcf "${files[@]}" >/dev/null; } 2>&1 )
"
done
gzip_median="$(printf '%s' "$gzip_times" | median)"

output="$("$bench" load "$directory" "$runs")"
value() { printf '%s\n' "$output" | awk -v key="$1:" '$1 == key { $1 = ""; sub(/^ /, ""); print }'; }
load_median="$(value median_seconds)"
decoded_bytes="$(value decoded_bytes)"
peak_bytes="$(value peak_rss_bytes)"
[ -n "$load_median" ] || { echo "bench-load: digits-bench failed: $output" >&2; exit 1; }

echo "data:            $directory ($(value examples) examples, $runs runs each, median)"
echo "gzip -dc:        ${gzip_median} s"
echo "digits load:     ${load_median} s   (runs: $(value runs_seconds))"
awk -v l="$load_median" -v g="$gzip_median" 'BEGIN { printf "load / gzip -dc: %.2f   (target <= 1.3)\n", l / g }'
case "${files[*]}" in
    *.gz*) ;;
    *) echo "                 (plain files: gzip -dcf only copies them, so this ratio means little)" ;;
esac
awk -v p="$peak_bytes" -v d="$decoded_bytes" 'BEGIN {
    printf "peak RSS:        %.1f MB for %.1f MB decoded: ratio %.2f   (target <= 1.3)\n", p / 1e6, d / 1e6, p / d }'

# A second opinion on memory from GNU time, when installed (one load).
if /usr/bin/time -v true >/dev/null 2>&1; then
    kilobytes="$( { /usr/bin/time -v "$bench" load "$directory" 1 >/dev/null; } 2>&1 \
        | awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }')"
    awk -v k="$kilobytes" 'BEGIN { printf "peak RSS (GNU time -v, one load): %.1f MB\n", k * 1024 / 1e6 }'
fi
