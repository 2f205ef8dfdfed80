#!/bin/sh
# Copyright (c) 2026 complog authors.
# SPDX-License-Identifier: MIT
#
# trace_files_check.sh SAMPLE CHECKER: writes a multi-rank trace with SAMPLE, checks each
# file against tlparse's input contract with CHECKER, and has jq read every envelope.
set -eu
sample=$1
checker=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$sample" "$dir/trace"
count=$(ls "$dir/trace" | wc -l)
# ranks 0-3, and rank 0's forked child
[ "$count" -eq 5 ] || { echo "expected 5 files, found $count"; exit 1; }
for f in "$dir"/trace/dedicated_log_torch_trace_rank_*_*.log; do
    "$checker" "$f"
    # The envelope: what follows the header's "] " on every non-payload line.
    grep -v "$(printf '^\t')" "$f" | sed 's/^[^]]*\] //' | jq -e 'type == "object"' > /dev/null
done
echo "$count files pass the tlparse contract and jq"
