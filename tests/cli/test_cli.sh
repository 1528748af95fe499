#!/usr/bin/env bash
# The tonus command's contract: --version and --help exit 0; a mistake on the command line
# exits 2 with a message; `run` writes its results directory.
set -u
tonus="$1"
fail=0
check() {  # check <description> <expected exit> <command...>
  local what="$1" want="$2"; shift 2
  "$@" >/tmp/tonus_cli_out.$$ 2>&1
  local got=$?
  if [ "$got" != "$want" ]; then echo "FAIL: $what: exit $got, expected $want"; cat /tmp/tonus_cli_out.$$; fail=1; fi
}
check "--version" 0 "$tonus" --version
grep -q "^tonus [0-9]\+\.[0-9]\+\.[0-9]\+$" /tmp/tonus_cli_out.$$ || { echo "FAIL: version text"; fail=1; }
check "--help" 0 "$tonus" --help
grep -q "run" /tmp/tonus_cli_out.$$ || { echo "FAIL: help lists run"; fail=1; }
check "unknown option" 2 "$tonus" --no-such-option
grep -q "no-such-option" /tmp/tonus_cli_out.$$ || { echo "FAIL: unknown option is named"; fail=1; }
check "no subcommand" 2 "$tonus"
out=$(mktemp -d)
check "run" 0 "$tonus" run --out "$out/default"
[ -s "$out/default/summary.json" ] && [ -s "$out/default/timeseries.csv" ] || { echo "FAIL: run outputs"; fail=1; }
check "run into an unwritable place" 2 "$tonus" run --out /proc/tonus/results

# Model inspection.
check "model info" 0 "$tonus" model info
grep -q "multifidus" /tmp/tonus_cli_out.$$ || { echo "FAIL: model info lists multifidus"; fail=1; }
check "model info --json" 0 "$tonus" model info --json
python3 -c "import json,sys; d=json.load(open('/tmp/tonus_cli_out.$$')); assert d['fascicles']>=150 and len(d['bodies'])==8, d['fascicles']" \
  || { echo "FAIL: model info --json content"; fail=1; }
check "model info female" 0 "$tonus" model info --sex female --mass 60 --height 1.62
check "moment arms" 0 "$tonus" model moment-arms --level L4_L5 --posture trunk_flexion_deg=30
grep -q "rectus_abdominis" /tmp/tonus_cli_out.$$ || { echo "FAIL: moment arms list rectus"; fail=1; }
check "moment arms, unknown level" 2 "$tonus" model moment-arms --level L9_L10
grep -q "unknown joint 'L9_L10'" /tmp/tonus_cli_out.$$ || { echo "FAIL: unknown level named"; fail=1; }
check "moment arms, posture beyond range" 2 "$tonus" model moment-arms --posture trunk_flexion_deg=170
grep -q "is outside" /tmp/tonus_cli_out.$$ || { echo "FAIL: range violation named"; fail=1; }
check "moment arms, bad posture key" 2 "$tonus" model moment-arms --posture trunk_flex=30
bad=$(mktemp --suffix=.yaml)
sed 's/mass_percent: {male: 40/mass_percent: {male: -40/' "$(dirname "$0")/../models/two_segment.yaml" > "$bad"
check "model with a negative mass" 2 "$tonus" model info "$bad"
grep -q "$bad:[0-9]*:[0-9]*: segments\[1\].mass_percent.male: must be in \[0, 100\] % of body mass, got -40" /tmp/tonus_cli_out.$$ \
  || { echo "FAIL: negative mass message"; cat /tmp/tonus_cli_out.$$; fail=1; }
check "missing model file" 2 "$tonus" model info /no/such/file.yaml
rm -f "$bad"
rm -rf "$out" /tmp/tonus_cli_out.$$
exit $fail
