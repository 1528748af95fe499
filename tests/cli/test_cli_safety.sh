#!/usr/bin/env bash
# The user's files are sacred and no input aborts the program: every case a new user met
# (issue 11) is here. Tonus refuses, with exit 2 and a message naming the path and what to do,
# to replace a folder or file it did not write; killed or interrupted runs leave nothing
# half-written; bad inputs of every kind exit 2, never with a signal. Timing plays no part:
# kills and interrupts come from fault injection at a chosen sample.
set -u
tonus="$(realpath "$1")"
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say() { echo "FAIL: $*"; fail=1; }
# run_expect <exit code> <description> <command...>: stdout+stderr in $work/out.
run_expect() {
  local want="$1" what="$2"; shift 2
  "$@" > "$work/out" 2>&1
  local got=$?
  [ "$got" = "$want" ] || { say "$what: exit $got, expected $want"; cat "$work/out"; }
  [ "$got" -lt 128 ] || [ "$want" -ge 128 ] || say "$what: ended by a signal ($got)"
}
expect_text() { grep -q -- "$1" "$work/out" || { say "$2: message lacks '$1'"; cat "$work/out"; }; }

cd "$work"
cat > short.yaml <<'YAML'
name: safety-short
timeline:
  - stand: {duration: 20s}
  - sit: {duration: 40s, style: slumped}
output: {sample_every: 2s}
YAML

# --- A folder holding the user's files is refused, and left whole.
mkdir -p mine/sub && echo "my notes" > mine/notes.txt && echo "1,2" > mine/sub/data.csv
run_expect 2 "--out on a user's folder" "$tonus" run short.yaml --out mine --quiet
expect_text "--out mine: exists, is not empty, and was not written by Tonus" "--out on a user's folder"
[ "$(cat mine/notes.txt)" = "my notes" ] && [ "$(cat mine/sub/data.csv)" = "1,2" ] || say "a user's folder was changed"

# --- A regular file is refused, and left whole.
echo "keep me" > plain.txt
run_expect 2 "--out on a file" "$tonus" run short.yaml --out plain.txt --quiet
expect_text "is a file, not a folder" "--out on a file"
[ "$(cat plain.txt)" = "keep me" ] || say "--out replaced a file"

# --- The working folder (holding the scenario being run) and folders above it.
mkdir -p project && cp short.yaml project/ && cd project
run_expect 2 "--out ." "$tonus" run short.yaml --out . --quiet
expect_text "is the working folder or a folder above it" "--out ."
run_expect 2 "--out .." "$tonus" run short.yaml --out .. --quiet
[ -f short.yaml ] || say "--out . deleted the scenario being run"
cd "$work"
mkdir -p deep/scenarios && cp short.yaml deep/scenarios/
run_expect 2 "--out above the input" "$tonus" run deep/scenarios/short.yaml --out deep --quiet
expect_text "which this command reads" "--out above the input"

# --- A scenario name that is a path: an error at its place, nothing written outside results/.
mkdir -p victim2 && echo "precious" > victim2/file.txt
printf 'name: "../victim2"\ntimeline:\n  - stand: {duration: 10s}\n' > escape.yaml
run_expect 2 "a name with .." "$tonus" run escape.yaml --quiet
expect_text "escape.yaml:1:7: name: must" "a name with .."
[ "$(cat victim2/file.txt)" = "precious" ] || say "a scenario name reached outside results/"

# --- Tonus's own folder is replaced; one the user added a file to is not.
run_expect 0 "a first run" "$tonus" run short.yaml --out res --quiet
[ -f res/.tonus-output ] && grep -qx "summary.json" res/.tonus-output || say "the results folder has no manifest listing summary.json"
[ -f res/phases.csv ] || say "no phases.csv"
run_expect 0 "a second run into the same folder" "$tonus" run short.yaml --out res --quiet
echo "mine" > res/notes.txt
run_expect 2 "a run over a results folder holding a user's file" "$tonus" run short.yaml --out res --quiet
expect_text "holds files Tonus did not write (notes.txt)" "a user's file in a results folder"
[ "$(cat res/notes.txt)" = "mine" ] || say "a user's file in a results folder was lost"
rm res/notes.txt

# --- Killed mid-run (SIGKILL after 10 samples): the old results stand; the next write clears
# the staging folder the kill left.
before=$(md5sum res/summary.json)
TONUS_FAULT_KILL_AFTER_SAMPLES=10 "$tonus" run short.yaml --out res --quiet > "$work/out" 2>&1; code=$?
[ $code = 137 ] || say "a self-kill exited $code, not 137"
[ "$(md5sum res/summary.json)" = "$before" ] || say "a killed run changed the earlier results"
ls -a | grep -q '^\.res\.partial-' || say "the kill left no staging folder, so the clean-up below tests nothing"
run_expect 0 "a run after a kill" "$tonus" run short.yaml --out res --quiet
ls -a | grep -q '\.partial-' && say "a stale staging folder survived the next run"

# --- Interrupted (SIGINT, as Ctrl-C, after 10 samples): exit 130, nothing half-written left.
TONUS_FAULT_INTERRUPT_AFTER_SAMPLES=10 "$tonus" run short.yaml --out interrupted > "$work/out" 2>&1; code=$?
[ $code = 130 ] || { say "Ctrl-C exited $code, not 130"; cat "$work/out"; }
expect_text "interrupted while running short.yaml; nothing half-written was left" "Ctrl-C"
[ ! -e interrupted ] || say "an interrupted run left its output folder"
ls -a | grep -q '\.partial-' && say "an interrupted run left a staging folder"

# --- SIGTERM to a drawing command (which runs itself under xvfb-run): passed on to the tonus
# drawing, not to Xvfb, so it stops cleanly: exit 143, no staging folder. The signal goes once
# three frames are drawn, however long that takes (1,000 frames cannot all be drawn between).
"$tonus" animate res --frames many_frames --count 1000 --size 128x96 > "$work/out" 2>&1 &
drawer=$!
for _ in $(seq 6000); do
  [ "$(ls .many_frames.partial-*/ 2>/dev/null | grep -c png)" -ge 3 ] && break
  kill -0 "$drawer" 2>/dev/null || break
  sleep 0.05
done
kill -TERM "$drawer"
wait "$drawer"; code=$?
[ $code = 143 ] || { say "SIGTERM to animate exited $code, not 143"; cat "$work/out"; }
expect_text "interrupted while animating res; nothing half-written was left" "SIGTERM to animate"
ls -a | grep -q 'many_frames' && say "an interrupted animation left its frames"

# --- An internal error (a bug) exits 1 with one line that says so and what was being done,
# and leaves nothing half-written.
TONUS_FAULT_BUG_AFTER_SAMPLES=5 "$tonus" run short.yaml --out buggy > "$work/out" 2>&1; code=$?
[ $code = 1 ] || { say "an internal error exited $code, not 1"; cat "$work/out"; }
expect_text "tonus: internal error (a bug in Tonus, please report it) while running short.yaml: a fault injected" "internal error"
[ "$(wc -l < "$work/out")" = 1 ] || { say "an internal error printed more than one line"; cat "$work/out"; }
[ ! -e buggy ] || say "an internal error left its output folder"
ls -a | grep -q '\.partial-' && say "an internal error left a staging folder"

# --- Inputs that used to abort (exit 134): a folder as the scenario, --out ., a broken summary.
run_expect 2 "validate a folder" "$tonus" validate "$work"
expect_text "is a folder" "validate a folder"
run_expect 2 "run a folder" "$tonus" run "$work" --out x --quiet
cp -r res broken && echo '{}' > broken/summary.json
run_expect 2 "chart with an empty summary" "$tonus" chart broken
expect_text "broken/summary.json: no list of phases" "chart with an empty summary"
printf 'time_s,phase,phase_kind\n0,7,stand\n' > broken/timeseries.csv && echo '{"phases":[{"kind":"stand","start_s":0,"end_s":1}]}' > broken/summary.json
run_expect 2 "a phase number beyond the summary" "$tonus" render broken --out b.png
expect_text "phase 7 is not one of summary.json's 1 phases" "a phase number beyond the summary"
echo '[1,2' > broken/summary.json
run_expect 2 "summary that is not JSON" "$tonus" chart broken
run_expect 2 "a results folder that is a file" "$tonus" chart plain.txt

# --- The wrong kind of file says what it is.
run_expect 2 "--model given a scenario" "$tonus" run short.yaml --model short.yaml --out m --quiet
expect_text "short.yaml: this is a scenario file (it has a timeline:), not a model" "--model given a scenario"
"$tonus" model info --json > /dev/null || say "model info"
cp "$(dirname "$tonus")/../../models/spine.yaml" model.yaml 2>/dev/null || cp /dev/null model.yaml
if [ -s model.yaml ]; then
  run_expect 2 "a model given as the scenario" "$tonus" run model.yaml --out m --quiet
  expect_text "this is a model file" "a model given as the scenario"
fi

# --- Pictures: never over a user's file; over Tonus's own, yes.
echo "not a picture" > user.png
run_expect 2 "render over a user's file" "$tonus" render res --out user.png
expect_text "exists and Tonus did not write it" "render over a user's file"
[ "$(cat user.png)" = "not a picture" ] || say "render replaced a user's file"
run_expect 0 "render a picture" "$tonus" render res --out tonus.png --size 320x240
run_expect 0 "render it again" "$tonus" render res --out tonus.png --size 320x240
run_expect 0 "render into the results folder" "$tonus" render res --size 320x240
grep -qx "picture.png" res/.tonus-output || say "a picture added to a results folder is not in its manifest"
run_expect 0 "a run over results holding Tonus's own picture" "$tonus" run short.yaml --out res --quiet
run_expect 2 "export-vtk over a user's folder" "$tonus" export-vtk res --out mine
run_expect 0 "export-vtk into the results" "$tonus" export-vtk res --every 10
run_expect 0 "export-vtk again" "$tonus" export-vtk res --every 10
run_expect 0 "a run over results holding a ParaView export" "$tonus" run short.yaml --out res --quiet
run_expect 2 "animate --frames over a user's folder" "$tonus" animate res --frames mine --count 2 --size 64x48

# --- Output a user can handle: files chosen by the scenario; progress in logs.
sed 's/output: {sample_every: 2s}/output: {files: [summary, timeseries], sample_every: 2s}/' short.yaml > few.yaml
run_expect 0 "a run writing only two files" "$tonus" run few.yaml --out few --quiet
[ -f few/timeseries.csv ] && [ ! -e few/muscles.csv ] && [ ! -e few/activations.sto ] && [ ! -e few/phases.csv ] \
  || say "output.files not honoured: $(ls few)"
run_expect 2 "--render without muscles.csv" "$tonus" run few.yaml --out few2 --render --quiet
"$tonus" run short.yaml --out logged > /dev/null 2> progress.log || say "a logged run failed"
[ "$(grep -c '^tonus run: .*% simulated' progress.log)" = 10 ] || { say "progress lines in a log: $(cat progress.log)"; }
cat > day.yaml <<'YAML'
name: eight-hours
timeline:
  - repeat: {times: 8, timeline: [{sit: {duration: 50min, style: slumped}}, {walk: {duration: 10min}}]}
YAML
run_expect 0 "an 8-hour day with the default output" "$tonus" run day.yaml --out day --quiet
size=$(du -sm day | cut -f1)
[ "$size" -lt 50 ] || say "an 8-hour day wrote $size MB (the default must stay under 50)"

[ $fail = 0 ] && echo "cli safety: all checks passed"
exit $fail
