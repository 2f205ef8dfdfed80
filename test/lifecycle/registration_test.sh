#!/usr/bin/env bash
# Copyright (c) 2026 complog authors.
# SPDX-License-Identifier: MIT
#
# registration_test.sh COMPLOG_LIFECYCLE PLUGIN EARLY_LIB: registrations made by static
# initialisers (two units, a shared library linked at build time) and by a plugin loaded
# with dlopen after init give, for several LIFE_LOGS specs, the same explain(), help(true)
# and logger levels as the same registrations made by main() before init in another
# order. The shared libraries use the executable's complog: they do not define it.
set -euo pipefail
program=$1 plugin=$2 early=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# One copy of complog: the libraries leave its functions undefined, the executable
# exports them (ENABLE_EXPORTS).
if command -v nm >/dev/null; then
    # Symbol lists are read whole first: `nm | grep -q` would fail with SIGPIPE (pipefail).
    for lib in "$plugin" "$early"; do
        undefined=$(nm -DC --undefined-only "$lib")
        defined=$(nm -DC --defined-only "$lib")
        grep -q 'complog::register_component' <<<"$undefined" ||
            fail "$(basename "$lib") does not take complog::register_component from the executable"
        ! grep -q 'complog::register_component' <<<"$defined" ||
            fail "$(basename "$lib") has its own complog::register_component"
    done
    exported=$(nm -DC --defined-only "$program")
    grep -q 'complog::register_component' <<<"$exported" ||
        fail "the executable does not export complog::register_component"
fi

# run MODE SPEC OUT: MODE is static or main; SPEC <unset> leaves LIFE_LOGS unset.
run() {
    local mode=$1 spec=$2 out=$3 flag=0
    [ "$mode" = main ] && flag=1
    local status=0
    if [ "$spec" = "<unset>" ]; then
        env -u LIFE_LOGS LIFE_REGISTER_IN_MAIN=$flag "$program" "$plugin" >"$out" 2>"$out.err" || status=$?
    else
        env LIFE_LOGS="$spec" LIFE_REGISTER_IN_MAIN=$flag "$program" "$plugin" >"$out" 2>"$out.err" || status=$?
    fi
    if [ $status != 0 ]; then
        fail "LIFE_LOGS=$spec, registered in $mode: exit status $status"
        cat "$out.err"
        return 1
    fi
}

# check SPEC OUTCOME: both modes succeed, report OUTCOME and print the same thing.
check() {
    local spec=$1 outcome=$2
    run static "$spec" "$work/static" || return 0
    run main "$spec" "$work/main" || return 0
    if [ "$(head -n1 "$work/static")" != "outcome: $outcome" ]; then
        fail "LIFE_LOGS=$spec: init() outcome is '$(head -n1 "$work/static")', expected $outcome"
        cat "$work/static.err"
    elif ! diff -u --label "registered statically" --label "registered in main" \
            "$work/static" "$work/main"; then
        fail "LIFE_LOGS=$spec: static registration differs from registration in main"
    else
        echo "ok: LIFE_LOGS=$spec"
    fi
}

check "<unset>" unset
check "+a,graph" applied
check "-all,+early,life.plugin=trace,bytes,dump" applied
check "+life.plugin.worker,-b,core=info,early_art" applied
check "+all,-a,life.bx.deep=debug" applied

# A name registered after init (the plugin's artifact, in static mode) is reported at init
# and applies once registered: both modes end with the same levels and artifacts.
check "life.plugin=debug,plugin_art" applied
grep -q "unknown name 'plugin_art'" "$work/static.err" ||
    fail "the plugin's artifact named before its registration is not reported at init"

echo "$failures failed"
[ $failures = 0 ]
