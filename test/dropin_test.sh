#!/usr/bin/env bash
# Copyright (c) 2026 complog authors.
# SPDX-License-Identifier: MIT
#
# dropin_test.sh GROUP COMPLOG_DROPIN COMPLOG_DROPIN_PLAIN SOURCE
#
# Runs the drop-in example (a program shaped like spdlog's example, adopting complog) and
# the same program without its "// complog" lines, and counts every logger's records in
# every destination (stdout, each log file): each record must be written exactly where
# and as often as expected, never twice, and nowhere else (not on stderr either).
#
# GROUP "adoption": the adoption is at most 5 added lines; with EXAMPLE_LOGS unset, with a
#   typo and with `help` (plus `-v`, the program's spdlog::set_level) every output is
#   byte for byte what the plain program wrote; a typo and help are reported on stderr.
# GROUP "specs": -all, +all, name=level and -component reach every logger, including
#   those spdlog's factories make after complog::init, the asynchronous one, the one with
#   its own sinks and the replaced default logger.
set -euo pipefail
group=$1 program=$2 plain=$3 source=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
checks=0

levels=(trace debug info warning error critical)
loggers=(default console file_logger async_file_logger multi_sink new_default_logger)
declare -A destination=([default]=out [console]=out [file_logger]=basic-log.txt
    [async_file_logger]=async_log.txt [multi_sink]=multisink.txt
    [new_default_logger]=new-default-log.txt)

rank() {
    local i
    for i in "${!levels[@]}"; do [ "${levels[$i]}" = "$1" ] && echo "$i" && return; done
    echo "unknown level $1" >&2
    exit 2
}

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# run DIR SPEC PROGRAM [ARGS...]: runs PROGRAM ARGS DIR with EXAMPLE_LOGS=SPEC ("<unset>":
# unset), stdout in DIR/out and stderr in DIR/err.
run() {
    local dir=$1 spec=$2
    shift 2
    mkdir -p "$dir"
    if [ "$spec" = "<unset>" ]; then
        env -u EXAMPLE_LOGS "$@" "$dir" >"$dir/out" 2>"$dir/err"
    else
        EXAMPLE_LOGS=$spec "$@" "$dir" >"$dir/out" 2>"$dir/err"
    fi
}

# How many lines of FILE end in "] TEXT" (a record with the text TEXT).
records() { grep -c -- "] $2\$" "$1" || true; }

# expect_counts DIR LABEL LOGGER=LOWEST...: each logger writes its records from level
# LOWEST up (the rest of the loggers from info, spdlog's default) to its destination, once.
expect_counts() {
    local dir=$1 label=$2
    shift 2
    declare -A lowest=()
    local logger pair lvl expected got total=0 lines
    for logger in "${loggers[@]}"; do lowest[$logger]=info; done
    for pair in "$@"; do lowest[${pair%%=*}]=${pair#*=}; done
    local ok=1
    for logger in "${loggers[@]}"; do
        for lvl in "${levels[@]}"; do
            expected=0
            [ "$(rank "$lvl")" -ge "$(rank "${lowest[$logger]}")" ] && expected=1
            got=$(records "$dir/${destination[$logger]}" "$logger $lvl")
            if [ "$got" != "$expected" ]; then
                fail "$label: '$logger $lvl' written $got times to ${destination[$logger]}, expected $expected"
                ok=0
            fi
            total=$((total + expected))
            if [ "$logger" = multi_sink ]; then
                # Its console sink has its own level, warning.
                [ "$(rank "$lvl")" -lt "$(rank warning)" ] && expected=0
                got=$(records "$dir/out" "multi_sink $lvl")
                if [ "$got" != "$expected" ]; then
                    fail "$label: 'multi_sink $lvl' written $got times to the console, expected $expected"
                    ok=0
                fi
                total=$((total + expected))
            fi
        done
    done
    expected=0
    [ "$(rank info)" -ge "$(rank "${lowest[async_file_logger]}")" ] && expected=100
    got=$(grep -c -- "] Async message #" "$dir/async_log.txt" || true)
    if [ "$got" != "$expected" ]; then
        fail "$label: $got 'Async message' records, expected $expected"
        ok=0
    fi
    total=$((total + expected))
    # Nothing else anywhere: no record twice, none on stderr (complog's own output).
    lines=$(cat "$dir/out" "$dir"/*.txt | wc -l)
    if [ "$lines" != "$total" ]; then
        fail "$label: $lines lines in stdout and the log files, expected $total"
        ok=0
    fi
    if grep -qE -- " ($(
        IFS='|'
        echo "${loggers[*]}"
    )) [a-z]+\$" "$dir/err"; then
        fail "$label: records on stderr"
        ok=0
    fi
    checks=$((checks + 1))
    [ $ok = 1 ] && echo "ok: $label"
    return 0
}

# same_as_plain LABEL SPEC [ARGS...]: stdout, stderr and every log file are what the plain
# spdlog program wrote (stderr: after complog's own lines, if EXPECT_STDERR is set).
same_as_plain() {
    local label=$1 spec=$2
    shift 2
    local mine="$work/$label/complog" theirs="$work/$label/plain"
    run "$mine" "$spec" "$program" "$@"
    run "$theirs" "<unset>" "$plain" "$@"
    local ok=1 file
    for file in out basic-log.txt async_log.txt multisink.txt new-default-log.txt; do
        if ! diff -u "$theirs/$file" "$mine/$file"; then
            fail "$label: $file differs from the plain spdlog program's"
            ok=0
        fi
    done
    checks=$((checks + 1))
    [ $ok = 1 ] && echo "ok: $label: the same output as the plain spdlog program"
    return 0
}

stderr_says() {
    local label=$1 file=$2 text=$3
    checks=$((checks + 1))
    if grep -qF -- "$text" "$file"; then
        echo "ok: $label: stderr says '$text'"
    else
        fail "$label: stderr does not say '$text':"
        cat "$file"
    fi
}

case $group in
adoption)
    # Adoption is only added lines (the plain program is this file without them), at most 5.
    added=$(grep -cE -- '// complog(:.*)?$' "$source")
    checks=$((checks + 1))
    if [ "$added" -ge 1 ] && [ "$added" -le 5 ]; then
        echo "ok: adoption takes $added added lines"
    else
        fail "adoption takes $added lines marked '// complog', expected 1 to 5"
    fi

    same_as_plain unset "<unset>"
    [ -s "$work/unset/complog/err" ] && fail "unset: complog wrote to stderr" && cat "$work/unset/complog/err"
    expect_counts "$work/unset/complog" "unset: record counts"
    same_as_plain verbose "<unset>" -v
    expect_counts "$work/verbose/complog" "-v: record counts" default=debug console=debug \
        file_logger=debug async_file_logger=debug multi_sink=debug new_default_logger=debug

    # A typo: reported with the closest name, the defaults used.
    same_as_plain typo "+fiels"
    stderr_says typo "$work/typo/complog/err" "Did you mean 'files'?"

    # help: the listing names the component and only what this program has.
    same_as_plain help help
    stderr_says help "$work/help/complog/err" "EXAMPLE_LOGS help"
    stderr_says help "$work/help/complog/err" "EXAMPLE_LOGS=\"+files\""
    checks=$((checks + 1))
    if grep -qE 'graph_code|myapp' "$work/help/complog/err"; then
        fail "help names what the program does not have"
    fi
    ;;
specs)
    run "$work/minus_all" "-all" "$program"
    expect_counts "$work/minus_all" "-all" default=error console=error file_logger=error \
        async_file_logger=error multi_sink=error new_default_logger=error
    run "$work/plus_all" "+all" "$program"
    expect_counts "$work/plus_all" "+all" default=debug console=debug file_logger=debug \
        async_file_logger=debug multi_sink=debug new_default_logger=debug
    # SPDLOG_LEVEL's form, on names whose loggers are made after init.
    run "$work/name_level" "console=trace,async_file_logger=warn,multi_sink=debug" "$program"
    expect_counts "$work/name_level" "name=level" console=trace async_file_logger=warning \
        multi_sink=debug
    run "$work/replaced_default" "new_default_logger=error" "$program"
    expect_counts "$work/replaced_default" "name=level on the replaced default logger" \
        new_default_logger=error
    run "$work/component" "-files" "$program"
    expect_counts "$work/component" "-component" file_logger=error async_file_logger=error
    run "$work/component_debug" "+files" "$program"
    expect_counts "$work/component_debug" "+component" file_logger=debug async_file_logger=debug
    ;;
*)
    echo "unknown group $group" >&2
    exit 2
    ;;
esac

echo "$checks checks, $failures failures"
[ $failures = 0 ]
