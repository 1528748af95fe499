#!/usr/bin/env bash
# `tonus export-web` as a teacher uses it, checked in a real browser: lessons exported from real
# runs (one, and two compared) open in Debian's Chromium (web/test/lesson_test.mjs); a lesson is
# one file with nothing fetched; the user's mistakes get exit 2 and leave their files alone.
set -u
tonus="$1"; chromium="$2"; web="$3"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail=0
check() {  # check <description> <expected exit> <command...>
  local what="$1" want="$2"; shift 2
  "$@" >"$out/said" 2>&1
  local got=$?
  if [ "$got" != "$want" ]; then echo "FAIL: $what: exit $got, expected $want"; cat "$out/said"; fail=1; else echo "ok   $what"; fi
}
cat > "$out/lift.yaml" <<'YAML'
name: web-lift
timeline:
  - stand: {duration: 10s}
  - lift: {reps: 2, load_kg: 12, style: stoop, cycle_s: 6}
  - sit: {duration: 2min, style: slumped}
output: {sample_every: 0.5s}
YAML
cat > "$out/upright.yaml" <<'YAML'
name: web-upright
timeline:
  - stand: {duration: 10s}
  - sit: {duration: 2min, style: upright, backrest: true}
output: {sample_every: 1s}
YAML
check "run a lift" 0 "$tonus" run "$out/lift.yaml" --out "$out/lift" --quiet
check "run an upright sit" 0 "$tonus" run "$out/upright.yaml" --out "$out/upright" --quiet
check "export a lesson" 0 "$tonus" export-web "$out/lift" --out "$out/lesson.html"
check "export a comparison" 0 "$tonus" export-web "$out/lift" --compare "$out/upright" --out "$out/compare.html"
# One file: its scripts and data inline, no address of anything to fetch.
if grep -o -E '<script[^>]*src=|<link[^>]*stylesheet' "$out/lesson.html" | grep -q .; then
  echo "FAIL: the lesson refers to scripts or styles outside itself"; fail=1
else echo "ok   the lesson's scripts and styles are inline"; fi
# Mistakes: a name that is not .html, a file Tonus did not write, a folder that is not a run.
check "--out that is not .html" 2 "$tonus" export-web "$out/lift" --out "$out/lesson.txt"
grep -q -- "--out must name an HTML file ending .html" "$out/said" || { echo "FAIL: says why"; fail=1; }
echo "my notes" > "$out/notes.html"
check "a file Tonus did not write" 2 "$tonus" export-web "$out/lift" --out "$out/notes.html"
grep -q "exists and Tonus did not write it" "$out/said" || { echo "FAIL: says why"; cat "$out/said"; fail=1; }
[ "$(cat "$out/notes.html")" = "my notes" ] || { echo "FAIL: the user's file was changed"; fail=1; }
check "its own lesson again" 0 "$tonus" export-web "$out/lift" --out "$out/lesson.html"
check "not a results folder" 2 "$tonus" export-web "$out" --out "$out/x.html"
[ ! -e "$out/x.html" ] || { echo "FAIL: a refused export wrote its file"; fail=1; }
check "--compare not a results folder" 2 "$tonus" export-web "$out/lift" --compare "$out/nothing" --out "$out/y.html"
# The browser.
node "$web/test/lesson_test.mjs" "$chromium" "$out/lesson.html" "$out/compare.html" "$out/shots" || fail=1
exit $fail
