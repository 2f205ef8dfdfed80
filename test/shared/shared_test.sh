#!/usr/bin/env bash
# Copyright (c) 2026 complog authors.
# SPDX-License-Identifier: MIT
#
# ctest shared/one_configuration: shared_test.sh PROGRAM LIBALPHA LIBBETA LIBCOMPLOG
# Two shared libraries and an executable, all linked to libcomplog.so, share one registry,
# one configuration and one SHARED_LOGS_OUT file: every record the settings allow is in
# that file exactly once, every other record is absent.
set -euo pipefail
program=$1 alpha=$2 beta=$3 libcomplog=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# One copy of complog: the libraries and the executable use libcomplog.so's, which exports
# the API (hidden visibility elsewhere); none of them defines complog's functions.
if command -v nm >/dev/null; then
    exported=$(nm -DC --defined-only "$libcomplog")
    grep -q 'complog::register_component' <<<"$exported" ||
        fail "$(basename "$libcomplog") does not export complog::register_component"
    ! grep -q 'complog::detail::registry::' <<<"$exported" ||
        fail "$(basename "$libcomplog") exports complog::detail::registry (hidden visibility?)"
    for file in "$program" "$alpha" "$beta"; do
        undefined=$(nm -DC --undefined-only "$file")
        defined=$(nm -DC --defined-only "$file")
        grep -q 'complog::get_logger' <<<"$undefined" ||
            fail "$(basename "$file") does not take complog::get_logger from libcomplog.so"
        ! grep -q 'complog::' <<<"$defined" || fail "$(basename "$file") defines complog symbols"
    done
fi

# check MODE OUT LINE:COUNT...: each record text must end exactly COUNT lines of OUT.
check() {
    local mode=$1 out=$2 item text want got
    shift 2
    for item in "$@"; do
        text=${item%:*} want=${item##*:}
        got=$(grep -c -- " $text\$" "$out" || true)
        [ "$got" = "$want" ] || fail "$mode: '$text' is in the _OUT file $got times, not $want"
    done
}

# run MODE: runs the program, checks its explain() lists the loggers of all three.
run() {
    local mode=$1 status=0
    "$program" "$mode" "$work/$mode.out" >"$work/$mode.explain" 2>"$work/$mode.err" || status=$?
    if [ $status != 0 ]; then
        fail "$mode: exit status $status"
        cat "$work/$mode.err"
        return 1
    fi
    local name
    for name in shared.alpha.io shared.beta.io shared.app.main; do
        grep -q -- "$name" "$work/$mode.explain" || fail "$mode: explain() does not list $name"
    done
}

# The environment spec governs the libraries' loggers; set_logs is refused.
if run spec; then
    check spec "$work/spec.out" \
        "alpha debug 1:1" "alpha warn 1:1" "beta debug 1:0" "beta warn 1:0" \
        "main debug 1:0" "main warn 1:1" \
        "alpha debug 2:1" "alpha warn 2:1" "beta debug 2:0" "beta warn 2:0" \
        "main debug 2:0" "main warn 2:1"
fi
# No spec: defaults, then each set_logs call from the executable governs the libraries.
if run set_logs; then
    check set_logs "$work/set_logs.out" \
        "alpha debug 1:0" "alpha warn 1:1" "beta debug 1:0" "beta warn 1:1" \
        "main debug 1:0" "main warn 1:1" \
        "alpha debug 2:0" "alpha warn 2:0" "beta debug 2:1" "beta warn 2:1" \
        "main debug 2:0" "main warn 2:1" \
        "alpha debug 3:1" "alpha warn 3:1" "beta debug 3:0" "beta warn 3:1" \
        "main debug 3:0" "main warn 3:1"
fi

if [ $failures != 0 ]; then
    for file in "$work"/*.out; do
        echo "--- $(basename "$file")"
        cat "$file"
    done
    echo "$failures failure(s)"
    exit 1
fi
echo "shared: one registry, one configuration, one _OUT file"
