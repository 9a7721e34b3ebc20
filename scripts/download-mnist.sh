#!/usr/bin/env bash
# Downloads the four MNIST files (gzip IDX) into DIR (default: data/mnist in the repository).
#
#   scripts/download-mnist.sh [DIR]
#   MNIST_MIRROR=https://example.org/mnist/ scripts/download-mnist.sh    # try this mirror first
#   MNIST_MIRROR=/path/to/a/directory/with/the/gz/files scripts/download-mnist.sh
#
# Each file is checked by the SHA-256 of its decompressed content. Files already in DIR that
# verify are kept; files that do not are replaced. Every download goes to a temporary file in
# DIR and is moved into place only once it verifies, so DIR never holds a partial file.
# Mirrors are tried in order; a mirror that cannot be reached is skipped for the other files.
# Exits 1, naming the files it could not get, if any file could not be fetched and verified.
# Needs bash, curl, gzip, and sha256sum or shasum (stock Linux or macOS).
set -euo pipefail

repository_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
directory="${1:-$repository_root/data/mnist}"

mirrors=(
    "https://ossci-datasets.s3.amazonaws.com/mnist/"
    "https://storage.googleapis.com/cvdf-datasets/mnist/"
    "http://yann.lecun.com/exdb/mnist/"
)
if [ -n "${MNIST_MIRROR:-}" ]; then
    mirrors=("$MNIST_MIRROR" "${mirrors[@]}")
fi

# name, then the SHA-256 of the decompressed file.
files="
train-images-idx3-ubyte ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
train-labels-idx1-ubyte 65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
t10k-images-idx3-ubyte 0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
t10k-labels-idx1-ubyte ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
"

log() { echo "download-mnist: $*" >&2; }

if command -v sha256sum >/dev/null 2>&1; then
    sha256() { sha256sum | cut -d ' ' -f 1; }
elif command -v shasum >/dev/null 2>&1; then
    sha256() { shasum -a 256 | cut -d ' ' -f 1; }
else
    log "error: needs sha256sum or shasum"
    exit 1
fi

# verify FILE SHA256: true if FILE is gzip whose decompressed content has that SHA-256.
verify() {
    local actual
    actual="$(gzip -dc "$1" 2>/dev/null | sha256)" || return 1
    [ "$actual" = "$2" ]
}

# fetch MIRROR NAME DESTINATION: copies MIRROR/NAME to DESTINATION; MIRROR is an http, https
# or file URL, or else a local directory. Returns curl's exit status for URLs.
fetch() {
    local mirror="$1" name="$2" destination="$3"
    case "$mirror" in
        *://*) ;;
        *) [ -f "$mirror/$name" ] && cp "$mirror/$name" "$destination"
           return ;;
    esac
    curl --fail --silent --show-error --location \
        --connect-timeout 10 --max-time 300 --retry 1 \
        --output "$destination" "${mirror%/}/$name" 2>/dev/null
}

mkdir -p "$directory"
file_mode="$(printf '%o' $((0666 & ~0$(umask))))"   # mktemp makes 0600 files; use the umask
temporary=""
trap '[ -z "$temporary" ] || rm -f "$temporary"' EXIT
unreachable=" "   # mirrors that could not be reached, skipped from then on
missing=""

while read -r name checksum; do
    [ -n "$name" ] || continue
    target="$directory/$name.gz"
    if [ -f "$target" ] && verify "$target" "$checksum"; then
        log "$name.gz: present and verified"
        continue
    fi
    [ -e "$target" ] && log "$name.gz: present but does not verify, replacing it"

    temporary="$(mktemp "$directory/.$name.gz.XXXXXX")"
    got=""
    for mirror in "${mirrors[@]}"; do
        case "$unreachable" in *" $mirror "*) continue ;; esac
        status=0
        fetch "$mirror" "$name.gz" "$temporary" || status=$?
        if [ "$status" -eq 0 ] && verify "$temporary" "$checksum"; then
            chmod "$file_mode" "$temporary"
            mv -f "$temporary" "$target"
            log "$name.gz: downloaded from $mirror and verified"
            got=yes
            break
        fi
        case "$status" in
            0) log "$name.gz: from $mirror does not verify" ;;
            5 | 6 | 7 | 28) log "$mirror: cannot connect, skipping it"
                unreachable="$unreachable$mirror " ;;
            *) log "$name.gz: not available from $mirror" ;;
        esac
    done
    rm -f "$temporary"
    temporary=""
    [ -n "$got" ] || missing="$missing $name.gz"
done <<<"$files"

# The loader reads an uncompressed NAME before NAME.gz: make sure such a file is good too.
while read -r name checksum; do
    if [ -n "$name" ] && [ -f "$directory/$name" ] \
        && [ "$(sha256 <"$directory/$name")" != "$checksum" ]; then
        log "warning: $directory/$name does not verify and is read instead of $name.gz: remove it"
    fi
done <<<"$files"

if [ -n "$missing" ]; then
    log "error: could not get$missing into $directory (tried: ${mirrors[*]})"
    exit 1
fi
log "all four files are in $directory"
