#!/usr/bin/env bash
# Copyright (c) 2026 complog authors.
# SPDX-License-Identifier: MIT
#
# exit_flush_test.sh COMPLOG_EXIT_FLUSH: records written to FLUSH_LOGS_OUT are all in the file
# when the program returns from main, calls std::exit(0), or logs its last record from a
# static destructor; N below and above stdio's buffer size.
set -euo pipefail
program=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

for n in 5 3000; do
    for mode in return exit destructor; do
        out="$work/out.$mode.$n.txt"
        status=0
        FLUSH_LOGS=+flush FLUSH_LOGS_OUT="$out" "$program" $mode $n 2>"$work/stderr" || status=$?
        [ -f "$out" ] || : >"$out"
        total=$(wc -l <"$out")
        records=$(grep -cE '^V[0-9]{4} [0-9:.]+ [0-9]+ [^ ]+:[0-9]+\] record [0-9]+$' "$out" || true)
        distinct=$(grep -oE 'record [0-9]+$' "$out" | sort -u | wc -l || true)
        if [ $status != 0 ]; then
            echo "FAIL: $mode, N=$n: exit status $status"; cat "$work/stderr"
            failures=$((failures + 1))
        elif [ "$total" != $n ] || [ "$records" != $n ] || [ "$distinct" != $n ]; then
            echo "FAIL: $mode, N=$n: the file holds $total lines, $records records," \
                 "$distinct distinct (expected $n)"
            failures=$((failures + 1))
        else
            echo "ok: $mode, N=$n"
        fi
    done
done

echo "$failures failed"
[ $failures = 0 ]
