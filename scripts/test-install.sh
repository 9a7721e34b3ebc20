#!/usr/bin/env bash
# The install round trip: scripts/install.sh into a temporary prefix, then checks that
#   PREFIX/bin/digits --version prints the version of Sources/DigitCommands/Version.swift,
#   man -l renders the page (no warnings) with every subcommand,
#   bash loads the completion (through bash-completion's loader when it is installed) and
#   completes `digits classify --model ` with *.safetensors files, and zsh and fish (when
#   installed) find theirs;
# then --uninstall, which must leave only what was there before.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
prefix="$root/prefix"
mkdir -p "$prefix/bin" && echo keep > "$prefix/bin/someone-elses-tool"   # must survive --uninstall
fail() { echo "test-install: $*" >&2; exit 1; }

# The man page from the debug build that scripts/test.sh has just made (the binary is release).
DIGITS_MANUAL_CONFIGURATION=debug scripts/install.sh "$prefix" 2> "$root/install.log" || { cat "$root/install.log" >&2; fail "install.sh failed"; }

number=$(sed -n 's/.*static let number = "\(.*\)".*/\1/p' Sources/DigitCommands/Version.swift)
version=$("$prefix/bin/digits" --version)
case "$version" in "$number"|"$number ("*")") ;; *) fail "--version printed '$version', expected $number" ;; esac

page="$prefix/share/man/man1/digits.1"
MANWIDTH=100 man -l "$page" > "$root/man.txt" 2> "$root/man.err" || fail "man -l $page failed"
[ ! -s "$root/man.err" ] || fail "man -l $page warned: $(head -3 "$root/man.err")"
for subcommand in train evaluate classify export info report export-model; do
  grep -Eq "^ +$subcommand( |$)" "$root/man.txt" || fail "the man page has no section for $subcommand"
done

mkdir -p "$root/files" && touch "$root/files/a.safetensors" "$root/files/b.png"
bash_check='
  if [ -f /usr/share/bash-completion/bash_completion ]; then
    . /usr/share/bash-completion/bash_completion && _completion_loader digits
  else
    . "$PREFIX/share/bash-completion/completions/digits"
  fi
  complete -p digits >/dev/null || exit 1
  cd "$FILES"
  COMP_WORDS=(digits classify --model ""); COMP_CWORD=3; COMP_LINE="digits classify --model "; COMP_POINT=${#COMP_LINE}
  _digits digits "" --model
  echo "${COMPREPLY[*]}"'
completions=$(PREFIX="$prefix" FILES="$root/files" XDG_DATA_DIRS="$prefix/share" bash -c "$bash_check") \
  || fail "bash did not load $prefix/share/bash-completion/completions/digits"
[ "$completions" = "a.safetensors" ] || fail "bash completed --model with '$completions', expected a.safetensors"

if command -v zsh >/dev/null; then
  zsh -fc "fpath=($prefix/share/zsh/site-functions \$fpath); autoload -Uz compinit && compinit -u -d $root/zcompdump; [[ \${_comps[digits]} == _digits ]]" \
    || fail "zsh did not find _digits on \$fpath"
fi
if command -v fish >/dev/null; then
  out=$(cd "$root/files" && PATH="$prefix/bin:$PATH" XDG_DATA_DIRS="$prefix/share" HOME="$root" \
    fish -c 'complete -C"digits classify --model "' | cut -f1)
  [ "$out" = "a.safetensors" ] || fail "fish completed --model with '$out', expected a.safetensors"
fi

scripts/install.sh --uninstall "$prefix" 2>> "$root/install.log"
left=$(cd "$prefix" && find . -mindepth 1 | sort | tr '\n' ' ')
[ "$left" = "./bin ./bin/someone-elses-tool " ] || fail "after --uninstall, $prefix holds: $left"
echo "test-install: passed (install, --version '$version', man -l, completions, uninstall)" >&2
