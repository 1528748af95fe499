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

# A scenario from a file through `run`: every output, with the keys users' scripts read.
scen="$out/short.yaml"
cat > "$scen" <<'YAML'
name: cli-short
subject: {sex: female, height_m: 1.65, mass_kg: 62}
timeline:
  - stand: {duration: 20s}
  - lift: {reps: 2, load_kg: 10, style: squat, cycle_s: 5}
  - sit: {duration: 1min, style: slumped}
output: {sample_every: 2s}
YAML
check "validate a good scenario" 0 "$tonus" validate "$scen"
"$tonus" model info --json > "$out/model.json"
check "run a scenario" 0 "$tonus" run "$scen" --out "$out/short" --quiet
python3 - "$out/short" <<'PY' || { echo "FAIL: scenario outputs"; fail=1; }
import csv, json, sys
d = sys.argv[1]
s = json.load(open(f"{d}/summary.json"))
swelling = next(disc["swelling_pressure_MPa"] for disc in json.load(open(f"{d}/../model.json"))["discs"] if disc["joint"] == "L4_L5")
assert 0.01 < swelling < 0.2, swelling
assert s["scenario"] == "cli-short", s["scenario"]
assert abs(s["simulated_s"] - 90.0) < 1e-9, s["simulated_s"]
assert s["wall_s"] > 0
assert [p["kind"] for p in s["phases"]] == ["stand", "lift", "sit"]
assert [p["index"] for p in s["phases"]] == [0, 1, 2]
assert [(p["start_s"], p["end_s"]) for p in s["phases"]] == [(0, 20), (20, 30), (30, 90)]
for p in s["phases"]:
    for key in ("L4L5_compression_N", "L5S1_compression_N", "L4L5_idp_MPa"):
        assert 0 < p[key]["mean"] <= p[key]["peak"], (key, p[key])
    assert isinstance(p["capacity_exceeded"], bool)
    assert "multifidus" in p["mean_activation"]
    assert p["niosh"]["L4L5"]["above_action_limit_s"] >= 0
    # Nachemson's index as docs/model.md gives it: p = p0 + 1.5 F / A, A = 1800 mm^2 x (1.65 / 1.75)^2,
    # p0 the disc's swelling pressure in the model file the run copied.
    area = 18e-4 * (1.65 / 1.75) ** 2
    for stat in ("mean", "peak"):
        want = swelling + 1.5 * p["L4L5_compression_N"][stat] / area / 1e6
        assert abs(p["L4L5_idp_MPa"][stat] - want) < 1e-9 * want, (stat, p["L4L5_idp_MPa"], want)
    # No time above a limit the phase's peak never reached.
    for joint in ("L4L5", "L5S1"):
        if p[f"{joint}_compression_N"]["peak"] < 3400:
            assert p["niosh"][joint]["above_action_limit_s"] == 0, (joint, p["niosh"])
assert s["phases"][1]["L4L5_compression_N"]["peak"] > s["phases"][0]["L4L5_compression_N"]["peak"]
# Every lumbar level's compression is reported; standing, each carries more weight than the one above.
levels = ["T12L1", "L1L2", "L2L3", "L3L4", "L4L5"]
standing = [s["phases"][0][f"{level}_compression_N"]["mean"] for level in levels]
assert all(a < b for a, b in zip(standing, standing[1:])), standing
# Standing: Wilke 1999's 0.50 MPa within the 1.3x agreement docs/validation.md claims.
assert 0.50 / 1.3 < s["phases"][0]["L4L5_idp_MPa"]["mean"] < 0.50 * 1.3, s["phases"][0]["L4L5_idp_MPa"]
assert s["peak"]["L4L5_compression_N"]["value"] == max(p["L4L5_compression_N"]["peak"] for p in s["phases"])
assert s["niosh_limits_N"] == {"action_limit": 3400.0, "max_permissible_limit": 6400.0}
assert set(s["niosh"]) == {"L4L5", "L5S1"}
# Physiology (issue 5).
# 90 s with two light lifts leaves every muscle above 94 % capacity: nowhere near task failure.
assert s["task_failure_s"] is None, s["task_failure_s"]
assert isinstance(s["spasm_events"], list)
assert 0 <= s["spasm_risk"] <= 1 and s["spasm_risk"] == s["spasm_risk_peak"]["value"]
assert set(s["spasm_risk_peak"]["contributors"]) == {"fatigue", "posture", "rapid_stretch", "stress", "dehydration", "electrolytes"}
for p in s["phases"]:
    assert 0 <= p["fatigue_max"] <= 1 and 0 <= p["tone_max"] <= 1 and 0 <= p["spasm_risk_max"] <= 1, p
assert s["phases"][1]["fatigue_max"] > s["phases"][0]["fatigue_max"]  # lifting fatigues more than standing
rows = list(csv.DictReader(open(f"{d}/timeseries.csv")))
for col in ("time_s", "phase", "L4L5_idp_MPa", "L1L2_compression_N", "L5S1_shear_ap_N",
            "L3L4_moment_flexion_Nm", "act_multifidus", "act_rectus_abdominis", "fatigue_multifidus",
            "capacity_multifidus", "flow_multifidus", "metabolite_multifidus", "tone_multifidus",
            "risk_multifidus", "spasm_risk", "tone_max", "fatigue_max", "hydration_deficit_percent"):
    assert col in rows[0], col
times = [float(r["time_s"]) for r in rows]
assert times == sorted(times) and times[0] == 0 and times[-1] == 90, (times[0], times[-1])
for t in (20.0, 30.0):
    assert t in times, t  # phase boundaries are sampled exactly
muscles = list(csv.reader(open(f"{d}/muscles.csv")))
assert muscles[0] == ["time_s", "phase", "muscle", "group", "activation", "force_N", "fatigue", "capacity",
                      "flow", "metabolite", "tone", "risk"], muscles[0]
fascicles = json.load(open(f"{d}/../model.json"))["fascicles"]
assert len(muscles) == 1 + len(rows) * fascicles, (len(muscles), len(rows), fascicles)
sto = open(f"{d}/activations.sto").read().split("\n")
assert sto[0] == "activations" and f"nRows={len(rows)}" in sto and f"nColumns={fascicles + 1}" in sto
PY
# Drawing a finished run (under xvfb-run when there is no display; the command arranges it).
check "render" 0 "$tonus" render "$out/short" --at 30s --colour fatigue --view back --size 320x240 --out "$out/p.png"
python3 - "$out/p.png" <<'PY' || { echo "FAIL: render writes a 320x240 PNG"; fail=1; }
import struct, sys
head = open(sys.argv[1], "rb").read(24)
assert head[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", head[16:24]) == (320, 240), head
PY
check "render, unknown colour" 2 "$tonus" render "$out/short" --colour pink
grep -q "unknown colour quantity 'pink' (choose one of activation, tone, fatigue, flow, metabolite, risk)" /tmp/tonus_cli_out.$$ \
  || { echo "FAIL: unknown colour named"; cat /tmp/tonus_cli_out.$$; fail=1; }
check "render, after the end" 2 "$tonus" render "$out/short" --at 2h
grep -q "is after the end of the run (1:30)" /tmp/tonus_cli_out.$$ || { echo "FAIL: --at beyond the run"; cat /tmp/tonus_cli_out.$$; fail=1; }
check "render, not a results directory" 2 "$tonus" render "$out/nothing-here"
check "render, a bad --range" 2 "$tonus" render "$out/short" --range 0.3:0.1 --out "$out/bad-range.png"
grep -q -- "--range must be 'run', 'fixed' or LOW:HIGH with LOW < HIGH" /tmp/tonus_cli_out.$$ \
  || { echo "FAIL: a bad --range named"; cat /tmp/tonus_cli_out.$$; fail=1; }
[ ! -e "$out/bad-range.png" ] || { echo "FAIL: a refused render wrote its picture"; fail=1; }
check "render with an outline and a given range" 0 "$tonus" render "$out/short" --outline --range 0:0.05 --size 320x240 --out "$out/outline.png"
# compare refuses a time past either run's end, as render does, naming the run; 'end' is each run's own.
printf 'name: cli-shorter\ntimeline:\n  - stand: {duration: 40s}\n' > "$out/shorter.yaml"
check "run a shorter scenario" 0 "$tonus" run "$out/shorter.yaml" --out "$out/shorter" --quiet
check "compare at each run's end" 0 "$tonus" compare "$out/short" "$out/shorter" --size 400x200 --out "$out/cmp.png"
check "compare after the shorter run's end" 2 "$tonus" compare "$out/short" "$out/shorter" --at 1min --size 400x200 --out "$out/cmp2.png"
grep -q "is after the end of the run (0:40) in $out/shorter " /tmp/tonus_cli_out.$$ \
  || { echo "FAIL: compare --at beyond the run names it"; cat /tmp/tonus_cli_out.$$; fail=1; }
[ ! -e "$out/cmp2.png" ] || { echo "FAIL: a refused compare wrote its picture"; fail=1; }
check "chart" 0 "$tonus" chart "$out/short" --size 300x200 --out "$out/charts"
[ -s "$out/charts/chart_tone.png" ] && [ -s "$out/charts/chart_risk.png" ] && [ -s "$out/charts/chart_compression.png" ] \
  || { echo "FAIL: charts written"; fail=1; }
check "export-vtk" 0 "$tonus" export-vtk "$out/short" --every 9 --out "$out/pv"
[ "$(grep -c "<DataSet" "$out/pv/cli-short.pvd")" = 18 ] || { echo "FAIL: 6 of the 46 samples x 3 parts in the .pvd"; fail=1; }

check "validate a model" 0 "$tonus" validate "$(dirname "$0")/../models/two_segment.yaml"
sed 's/style: slumped/stile: slumped/' "$scen" > "$out/typo.yaml"
check "validate a scenario with a typo" 2 "$tonus" validate "$out/typo.yaml"
grep -q "typo.yaml:6:27: timeline\[2\].sit.stile: unknown key (did you mean 'style'?)" /tmp/tonus_cli_out.$$ \
  || { echo "FAIL: typo message"; cat /tmp/tonus_cli_out.$$; fail=1; }
check "run a scenario with a typo" 2 "$tonus" run "$out/typo.yaml" --out "$out/typo"
[ ! -e "$out/typo" ] || { echo "FAIL: a rejected scenario left output"; fail=1; }
sed 's/duration: 20s/duration: 20 parsecs/' "$scen" > "$out/duration.yaml"
check "a duration that does not parse" 2 "$tonus" validate "$out/duration.yaml"
grep -q "duration.yaml:4:[0-9]*: .*duration" /tmp/tonus_cli_out.$$ || { echo "FAIL: duration message"; cat /tmp/tonus_cli_out.$$; fail=1; }
check "validate a missing file" 2 "$tonus" validate /no/such/scenario.yaml

# Model inspection.
check "model info" 0 "$tonus" model info
grep -q "multifidus" /tmp/tonus_cli_out.$$ || { echo "FAIL: model info lists multifidus"; fail=1; }
check "model info --json" 0 "$tonus" model info --json
# docs/model.md: 178 muscle fascicles.
# The psoas's insertion rides on the thighs (docs/model.md, "Legs").
# Seven discs, each with its swelling pressure; every fascicle's passive force from optimal length.
python3 -c "import json,sys; d=json.load(open('/tmp/tonus_cli_out.$$')); assert d['fascicles']==178 and len(d['bodies'])==8 and d['thigh_points']==['lesser_trochanter_l', 'lesser_trochanter_r'], d['fascicles']; assert [x['joint'] for x in d['discs']][:2]==['L5_S1', 'L4_L5'] and len(d['discs'])==7 and all(x['swelling_pressure_MPa']==0.036 for x in d['discs']), d['discs']; assert d['fascicles_passive_from_optimal_length']==178" \
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
