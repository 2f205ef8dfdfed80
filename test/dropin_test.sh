#!/usr/bin/env bash
# Copyright (c) 2026 complog authors.
# SPDX-License-Identifier: MIT
#
# dropin_test.sh COMPLOG_DROPIN: every logger of the drop-in example follows
# APP_LOGS (also those created after complog::init and the default logger), its
# extra file sink keeps working, and with APP_LOGS unset the output is what the
# plain spdlog program printed.
set -euo pipefail
program=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# Lines a logger prints for the levels from $2 up (the program logs trace..error).
lines() {
    local name=$1 from=$2 started=0
    for lvl in trace:trace debug:debug info:info warning:warn error:error; do
        [ "${lvl%%:*}" = "$from" ] && started=1
        [ $started = 1 ] && printf '[%s] %s: %s\n' "$name" "${lvl%%:*}" "${lvl##*:}"
    done
    return 0
}

check() {
    local spec=$1 expected=$2 audit_expected=$3
    local out="$work/out" audit="$work/audit.log"
    if [ "$spec" = "<unset>" ]; then
        env -u APP_LOGS "$program" "$audit" >"$out" 2>&1
    else
        APP_LOGS=$spec "$program" "$audit" >"$out" 2>&1
    fi
    if ! diff -u <(printf '%s' "$expected") "$out"; then
        echo "FAIL: APP_LOGS=$spec: console differs"; failures=$((failures + 1))
    elif ! diff -u <(printf '%s' "$audit_expected") "$audit"; then
        echo "FAIL: APP_LOGS=$spec: the audit logger's own file sink differs"; failures=$((failures + 1))
    else
        echo "ok: APP_LOGS=$spec"
    fi
}

default_info=$'[] info: default logger: info\n'

# Unset: what the program printed before complog (spdlog's default level, info).
expected="$(lines app.net info)
$(lines app.db info)
$(lines app.db.pool info)
$(lines app.audit info)
$default_info"
check "<unset>" "$expected" "$(lines app.audit info)
"

expected="$(lines app.net info)
$(lines app.db debug)
$(lines app.db.pool debug)
$(lines app.audit info)
$default_info"
check "+db" "$expected" "$(lines app.audit info)
"

expected="$(lines app.net debug)
$(lines app.db error)
$(lines app.db.pool error)
$(lines app.audit error)
"
check "-all,+net" "$expected" "$(lines app.audit error)
"

expected="$(lines app.net info)
$(lines app.db info)
$(lines app.db.pool trace)
$(lines app.audit warning)
$default_info"
check "app.db.pool=trace,app.audit=warn" "$expected" "$(lines app.audit warning)
"

echo "$((4 - failures)) passed, $failures failed"
[ $failures = 0 ]
