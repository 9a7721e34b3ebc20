#!/usr/bin/env bash
# Installs the C libraries digits builds on, where it can:
#   Debian/Ubuntu: zlib1g-dev libpng-dev libopenblas-dev pkg-config (apt-get, as root or with sudo)
#   macOS:         libpng (Homebrew); zlib and Accelerate come with the system
# Otherwise it says what to install and exits 1. Safe to run again: it installs only what is missing.
set -euo pipefail

if [ "$(uname)" = "Darwin" ]; then
  if pkg-config --exists libpng 2>/dev/null; then exit 0; fi
  if command -v brew >/dev/null; then brew install libpng pkg-config; exit 0; fi
  echo "install-deps: please install libpng and pkg-config (e.g. with Homebrew: brew install libpng pkg-config)" >&2
  exit 1
fi

packages=(zlib1g-dev libpng-dev libopenblas-dev pkg-config)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "install-deps: please install the development packages of zlib, libpng and OpenBLAS, and pkg-config (on Debian: ${missing[*]})" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo="sudo"; else
    echo "install-deps: run as root, or install: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
echo "install-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
