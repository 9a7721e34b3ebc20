#!/usr/bin/env bash
# The toolchain's formatter (`swift format`) with the project's configuration (.swift-format:
# 4-space indentation, lines up to 120 columns, `#if` blocks not indented, and the rules that
# fight the house style switched off, such as one variable per line and ordered imports).
#   scripts/format.sh [PATH...]        format the Swift files in place (default: the whole tree)
#   scripts/format.sh lint [PATH...]   report what formatting would change; exit 1 if anything
#   scripts/format.sh count [PATH...]  how many files and lines a format run would change
set -euo pipefail
cd "$(dirname "$0")/.."
mode=format
case "${1:-}" in lint|count) mode="$1"; shift ;; esac
paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=(Package.swift Sources Tests Snippets Plugins)

case "$mode" in
  format) swift format format --in-place --parallel --recursive "${paths[@]}" ;;
  lint) swift format lint --strict --parallel --recursive "${paths[@]}" ;;
  count)
    changed=0 added=0 removed=0
    while IFS= read -r -d '' file; do
      diff_lines=$(swift format format "$file" | diff "$file" - || true)
      [ -n "$diff_lines" ] || continue
      changed=$((changed + 1))
      added=$((added + $(grep -c '^>' <<< "$diff_lines" || true)))
      removed=$((removed + $(grep -c '^<' <<< "$diff_lines" || true)))
    done < <(find "${paths[@]}" -name '*.swift' -print0)
    echo "format: $changed files would change (+$added −$removed lines)"
    ;;
esac
