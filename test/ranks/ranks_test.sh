#!/usr/bin/env bash
# Copyright (c) 2026 complog authors.
# SPDX-License-Identifier: MIT
#
# ranks_test.sh COMPLOG_RANKS
#
# Launches 8 processes at once, two per launcher family (torchrun's RANK, Open MPI's
# OMPI_COMM_WORLD_*, PMI_*, Slurm's SLURM_*), with RANKS_LOGS_RANKS=0,4-7 and a per-rank
# RANKS_LOGS_OUT file, and checks each process's console (its stderr) and each file:
# ranks 0 and 4-7 write to the console, 1-3 write nothing there, every rank writes its
# file. Then: a bad RANKS_LOGS_RANKS is reported and every rank writes to the console;
# set_rank before init wins over the variables, for the console filter and the file.
set -euo pipefail
program=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# expect FILE COUNT PATTERN: FILE has COUNT lines matching PATTERN (grep -E).
expect() {
    local got
    got=$(grep -cE -- "$3" "$1" || true)
    [ "$got" = "$2" ] || fail "$1: $got lines match '$3', expected $2: $(cat "$1")"
}

family() {  # the variables of rank $1 (local rank $2) of 8, by launcher family
    case $(($1 / 2)) in
        0) echo "RANK=$1 LOCAL_RANK=$2 WORLD_SIZE=8" ;;
        1) echo "OMPI_COMM_WORLD_RANK=$1 OMPI_COMM_WORLD_LOCAL_RANK=$2 OMPI_COMM_WORLD_SIZE=8" ;;
        2) echo "PMI_RANK=$1 PMI_SIZE=8" ;;
        3) echo "SLURM_PROCID=$1 SLURM_LOCALID=$2 SLURM_NTASKS=8" ;;
    esac
}

launch() {  # launch DIR RANKS_VALUE: the 8 processes, concurrently
    mkdir -p "$1"
    local r pids=()
    for r in 0 1 2 3 4 5 6 7; do
        # shellcheck disable=SC2046
        env -i PATH="$PATH" $(family "$r" $((r % 4))) RANKS_LOGS_RANKS="$2" \
            RANKS_LOGS_OUT="$1/out.txt" "$program" 2>"$1/console.$r" >"$1/stdout.$r" &
        pids+=($!)
    done
    for r in "${pids[@]}"; do wait "$r" || fail "a process exited with an error"; done
}

local_of() {  # what complog reads as the local rank: PMI has no variable for it
    if [ $(($1 / 2)) = 2 ]; then echo -1; else echo $(($1 % 4)); fi
}

launch "$work/filtered" "0,4-7"
for r in 0 1 2 3 4 5 6 7; do
    line="^\[rank$r\]:W[0-9]{4} .*\] rank $r local $(local_of "$r") of 8\$"
    case $r in
        1 | 2 | 3) expect "$work/filtered/console.$r" 0 "." ;;
        *) expect "$work/filtered/console.$r" 1 "$line" ;;
    esac
    expect "$work/filtered/stdout.$r" 0 "."
    expect "$work/filtered/out.rank$r.txt" 1 "$line"
done
[ "$(ls "$work/filtered" | grep -c '^out')" = 8 ] || fail "not one file per rank"

launch "$work/bad" "0,x"
for r in 0 1 2 3 4 5 6 7; do
    expect "$work/bad/console.$r" 1 \
        "ignoring RANKS_LOGS_RANKS='0,x': not a list of ranks \(e.g. 0,4-7\); every rank writes to the console"
    expect "$work/bad/console.$r" 1 "\] rank $r local"
    expect "$work/bad/out.rank$r.txt" 1 "\] rank $r local"
done

mkdir -p "$work/program"
env -i RANK=5 RANKS_LOGS_RANKS=2 RANKS_LOGS_OUT="$work/program/out.txt" \
    "$program" --set-rank 2 2>"$work/program/console"
expect "$work/program/console" 1 '^\[rank2\]:W.*\] rank 2 local -1 of -1$'
expect "$work/program/out.rank2.txt" 1 '\] rank 2 local'
[ ! -e "$work/program/out.rank5.txt" ] || fail "the variables' rank was used for the file"

if [ "$failures" != 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "ranks: all checks passed"
