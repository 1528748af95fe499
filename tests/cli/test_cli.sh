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
rm -rf "$out" /tmp/tonus_cli_out.$$
exit $fail
