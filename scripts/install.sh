#!/usr/bin/env bash
# Installs digits: the release binary, its man page and the completion scripts of bash, zsh and
# fish, each where its program looks under PREFIX (default ~/.local).
#   scripts/install.sh [PREFIX]                 build (release) and install
#   scripts/install.sh --uninstall [PREFIX]     remove exactly what was installed there
#
#   PREFIX/bin/digits
#   PREFIX/share/man/man1/digits.1                         (swift-argument-parser's manual plugin)
#   PREFIX/share/bash-completion/completions/digits        (bash-completion loads it on demand)
#   PREFIX/share/zsh/site-functions/_digits                (add this directory to zsh's $fpath)
#   PREFIX/share/fish/vendor_completions.d/digits.fish
#   PREFIX/share/digits/install-manifest                   what was installed, for --uninstall
#
# The manifest lists every file written and every directory created; --uninstall removes those
# files, then those directories if they are empty, and nothing else. Installing again over an
# earlier install keeps the earlier entries, so one --uninstall removes both.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; }
uninstall=false
prefix=""
for arg in "$@"; do
  case "$arg" in
    --uninstall) uninstall=true ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "install: unknown option $arg" >&2; usage >&2; exit 2 ;;
    *) if [ -n "$prefix" ]; then echo "install: one PREFIX only (found '$prefix' and '$arg')" >&2; exit 2; fi
       prefix="$arg" ;;
  esac
done
prefix="${prefix:-$HOME/.local}"
case "$prefix" in /*) ;; *) prefix="$PWD/$prefix" ;; esac
[ "$prefix" = / ] || prefix="${prefix%/}"
manifest="$prefix/share/digits/install-manifest"

if "$uninstall"; then
  if [ ! -f "$manifest" ]; then
    echo "install: $manifest not found: nothing was installed in $prefix by this script" >&2
    exit 1
  fi
  entries=$(cat "$manifest")
  files=0
  while IFS=$'\t' read -r kind path; do
    if [ "$kind" = f ] && { [ -f "$path" ] || [ -L "$path" ]; }; then
      rm -f -- "$path"
      files=$((files + 1))
    fi
  done <<< "$entries"
  rm -f -- "$manifest"
  # The directories it created, deepest first (the reverse of creation), only if left empty.
  while IFS=$'\t' read -r kind path; do
    if [ "$kind" = d ]; then rmdir -- "$path" 2>/dev/null || true; fi
  done < <(tac <<< "$entries")
  echo "install: removed $files files from $prefix" >&2
  exit 0
fi

echo "install: building (release) and generating the man page" >&2
swift build -c release --product digits >&2
# The manual plugin builds the package's products (in release; DIGITS_MANUAL_CONFIGURATION=debug
# reuses a debug build, as scripts/test-install.sh does after scripts/test.sh's) and runs
# generate-manual on digits. The page does not depend on the configuration.
swift package generate-manual --configuration "${DIGITS_MANUAL_CONFIGURATION:-release}" >&2
page=.build/plugins/GenerateManual/outputs/DigitCLI/digits.1
[ -f "$page" ] || { echo "install: the manual plugin wrote no $page" >&2; exit 1; }

# Entries: "f<TAB>path" for files, "d<TAB>path" for directories created, in order.
entries=$(mktemp)
trap 'rm -f "$entries"' EXIT
if [ -f "$manifest" ]; then cat "$manifest" > "$entries"; fi

make_directory() {  # like mkdir -p, recording each directory it creates
  local missing=() dir="$1"
  while [ ! -d "$dir" ]; do missing=("$dir" "${missing[@]}"); dir=$(dirname "$dir"); done
  for dir in "${missing[@]}"; do
    mkdir -- "$dir"
    printf 'd\t%s\n' "$dir" >> "$entries"
  done
}
put() {  # put MODE SOURCE DESTINATION
  make_directory "$(dirname "$3")"
  install -m "$1" "$2" "$3"
  printf 'f\t%s\n' "$3" >> "$entries"
  echo "  $3" >&2
}

work=$(mktemp -d)
trap 'rm -f "$entries"; rm -rf "$work"' EXIT
binary=.build/release/digits
"$binary" --generate-completion-script bash > "$work/digits.bash"
"$binary" --generate-completion-script zsh > "$work/_digits"
"$binary" --generate-completion-script fish > "$work/digits.fish"
# Blank lines in the generated mdoc become paragraph breaks (.Pp), which man renders without
# the "Empty input line" warnings.
sed 's/^$/.Pp/' "$page" > "$work/digits.1"

make_directory "$prefix/share/digits"
echo "install: installing into $prefix" >&2
put 755 "$binary" "$prefix/bin/digits"
put 644 "$work/digits.1" "$prefix/share/man/man1/digits.1"
put 644 "$work/digits.bash" "$prefix/share/bash-completion/completions/digits"
put 644 "$work/_digits" "$prefix/share/zsh/site-functions/_digits"
put 644 "$work/digits.fish" "$prefix/share/fish/vendor_completions.d/digits.fish"

# The manifest: each entry once, in the order made (directories before what they hold).
awk '!seen[$0]++' "$entries" > "$manifest.tmp"
mv -f "$manifest.tmp" "$manifest"
echo "install: $("$prefix/bin/digits" --version) installed; \`scripts/install.sh --uninstall $prefix\` removes it" >&2
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "install: add $prefix/bin to PATH" >&2 ;; esac
