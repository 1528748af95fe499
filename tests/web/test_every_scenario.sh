#!/usr/bin/env bash
# `tonus export-web` works on every scenario in scenarios/: each runs, exports, and its lesson
# stays under 25 MB with at most 2000 frames (docs/visualisation.md, "A lesson in a browser").
set -u
tonus="$1"; scenarios="$2"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail=0
for scenario in "$scenarios"/*.yaml; do
  name=$(basename "$scenario" .yaml)
  if ! "$tonus" run "$scenario" --out "$out/$name" --quiet >"$out/said" 2>&1; then
    echo "FAIL: $name: the run failed"; cat "$out/said"; fail=1; continue
  fi
  if ! "$tonus" export-web "$out/$name" --out "$out/$name.html" >"$out/said" 2>&1; then
    echo "FAIL: $name: export-web failed"; cat "$out/said"; fail=1; continue
  fi
  bytes=$(stat -c %s "$out/$name.html")
  frames=$(sed -n 's/.*(\([0-9.]*\) MB, \([0-9]*\) frames).*/\2/p' "$out/said")
  if [ "$bytes" -ge 25000000 ] || [ -z "$frames" ] || [ "$frames" -gt 2000 ]; then
    echo "FAIL: $name: $bytes bytes, ${frames:-?} frames"; fail=1
  else
    echo "ok   $name: $(cat "$out/said")"
  fi
  rm -rf "${out:?}/$name" "$out/$name.html"
done
exit $fail
