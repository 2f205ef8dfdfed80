#!/usr/bin/env bash
# Copyright (c) 2026 complog authors.
# SPDX-License-Identifier: MIT
#
# warn_once_exit_test.sh COMPLOG_WARN_ONCE_EXIT: COMPLOG_WARN_ONCE from a static destructor,
# after return from main or std::exit: the program succeeds and stderr holds each warning
# exactly once.
set -euo pipefail
program=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

for mode in return exit; do
    status=0
    env -u ONCE_LOGS "$program" $mode 2>"$work/stderr" || status=$?
    in_main=$(grep -c '\] warned in main$' "$work/stderr" || true)
    at_exit=$(grep -c '\] warned at exit$' "$work/stderr" || true)
    if [ $status != 0 ] || [ "$in_main" != 1 ] || [ "$at_exit" != 1 ]; then
        echo "FAIL: $mode: exit status $status, 'warned in main' $in_main times," \
             "'warned at exit' $at_exit times (expected 0, 1, 1); stderr:"
        cat "$work/stderr"
        failures=$((failures + 1))
    else
        echo "ok: $mode"
    fi
done

echo "$failures failed"
[ $failures = 0 ]
