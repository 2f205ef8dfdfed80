#!/usr/bin/env bash
# Copyright (c) 2026 complog authors.
# SPDX-License-Identifier: MIT
#
# control_test.sh MODE COMPLOGCTL CONTROL_TARGET: live control between real processes.
#   changes    control_target's four logging threads, app.d changed 1,000 times by
#              complogctl (100 processes, then 900 requests of one on stdin); records
#              of app.a, app.b, app.c counted exactly. Then show,
#              reset, an invalid spec, --json, an unknown pid, a stale socket, a
#              connection closed without a reply.
#   users      a second uid is refused, both ways (as root only; exit 77: skipped)
#   installed  the installed complogctl lists, shows and sets
set -euo pipefail
mode=$1
ctl=$2
target=$3
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

export XDG_RUNTIME_DIR=$work/run
mkdir -m 0700 "$XDG_RUNTIME_DIR"
export TARGET_LOGS="app.a,-app.b,+app.c,app.d"
unset TARGET_LOGS_CONTROL

# start_target NAME [command prefix...]: starts control_target and waits until it serves
# (its ready file, in $ready_dir or $work, holds the socket path, or nothing when live
# control is off); sets $pid.
start_target() {
    local name=$1 ready=${ready_dir:-$work}/$1.ready
    shift
    "$@" "$target" "$ready" >"$work/$name.out" 2>"$work/$name.err" &
    pid=$!
    pids+=("$pid")
    for _ in $(seq 1 600); do
        [ -e "$ready" ] && return 0
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.02
    done
    echo "control_target did not start:"; cat "$work/$name.err"
    exit 1
}

# expect STATUS DESCRIPTION command...: the command's exit status is STATUS.
expect() {
    local want=$1 what=$2 status=0
    shift 2
    "$@" >"$work/last.out" 2>"$work/last.err" || status=$?
    if [ "$status" = "$want" ]; then ok "$what"; else
        fail "$what: exit status $status, expected $want"; cat "$work/last.out" "$work/last.err"
    fi
}

case $mode in
changes)
    start_target main
    main=$pid
    socket=$(cat "$work/main.ready")
    [ "$(stat -c %a "$socket")" = 600 ] && ok "socket mode 0600" || fail "socket mode $(stat -c %a "$socket")"
    [ "$(stat -c %a "$XDG_RUNTIME_DIR/complog")" = 700 ] && ok "directory mode 0700" ||
        fail "directory mode $(stat -c %a "$XDG_RUNTIME_DIR/complog")"
    expect 0 "list" "$ctl" list
    grep -q "^$main  *control_target  *$socket\$" "$work/last.out" && ok "list names it" ||
        { fail "list: $(cat "$work/last.out")"; }

    # 1,000 changes of app.d: 100 by as many complogctl processes, 900 sent by one
    # (`complogctl PID -`: a sanitizer's start-up per process would dominate otherwise).
    start=$(date +%s)
    changed=0
    for i in $(seq 1 100); do
        if [ $((i % 2)) = 1 ]; then d=+app.d; else d=-app.d; fi
        if "$ctl" "$main" set "app.a,-app.b,+app.c,$d" >/dev/null; then
            changed=$((changed + 1))
        fi
    done
    for i in $(seq 101 1000); do
        if [ $((i % 2)) = 1 ]; then d=+app.d; else d=-app.d; fi
        echo "set app.a,-app.b,+app.c,$d"
    done | "$ctl" "$main" - >"$work/batch.out" || fail "complogctl - : exit status $?"
    changed=$((changed + $(grep -c "^live setting 'app.a,-app.b,+app.c,[-+]app.d' applied" "$work/batch.out")))
    [ $changed = 1000 ] && ok "1000 changes applied in $(($(date +%s) - start)) s" ||
        fail "$changed of 1000 changes applied"

    expect 0 "show" "$ctl" "$main" show
    grep -q "^active spec: 'app.a,-app.b,+app.c,-app.d' (live control)" "$work/last.out" &&
        grep -q "wins over 'app.a,-app.b,+app.c,app.d' (TARGET_LOGS), the environment's, until reset" "$work/last.out" &&
        grep -q "^app.d .*error .*set by '-app.d' (live control)" "$work/last.out" &&
        ok "show: the live spec wins, and says so" || { fail "show"; cat "$work/last.out"; }

    expect 1 "an invalid spec is refused" "$ctl" "$main" set "+app.dd"
    grep -q "unknown name 'app.dd'" "$work/last.err" && ok "its error names it" ||
        fail "error: $(cat "$work/last.err")"
    "$ctl" "$main" show | grep -q "^app.d .*error .*set by '-app.d' (live control)" &&
        ok "nothing changed" || fail "the invalid spec changed the settings"
    expect 1 "a syntax error is refused" "$ctl" "$main" set "app.a,,"
    printf 'version\nset +nope\nset +app.d\n' >"$work/requests"
    expect 1 "complogctl - stops at the first failing request" "$ctl" "$main" - <"$work/requests"
    grep -q "^complog .*, control protocol 1" "$work/last.out" && ! grep -q "^live setting" "$work/last.out" &&
        ok "the requests before it ran, none after" || fail "complogctl -: $(cat "$work/last.out")"

    expect 0 "reset" "$ctl" "$main" reset
    "$ctl" "$main" show >"$work/show.out"
    grep -q "^active spec: 'app.a,-app.b,+app.c,app.d' (TARGET_LOGS)$" "$work/show.out" &&
        grep -q "^app.d .*info .*set by 'app.d' (TARGET_LOGS)" "$work/show.out" &&
        ok "reset: back to TARGET_LOGS" || { fail "after reset"; cat "$work/show.out"; }

    expect 0 "--json show" "$ctl" --json "$main" show
    grep -q "^{\"pid\":$main,\"program\":\"control_target\",\"request\":\"show\",\"ok\":true,\"output\":\"active spec: " "$work/last.out" &&
        ok "--json show's object" || fail "--json: $(cat "$work/last.out")"
    expect 1 "--json error" "$ctl" --json "$main" set "+nope"
    grep -q "^{\"pid\":$main,\"request\":\"set\",\"ok\":false,\"error\":\"unknown name 'nope'" "$work/last.out" &&
        ok "--json error's object" || fail "--json error: $(cat "$work/last.out")"
    expect 0 "--json list" "$ctl" --json list
    grep -q "^\[{\"pid\":$main,\"program\":\"control_target\",\"socket\":\"$socket\"}\]$" "$work/last.out" &&
        ok "--json list's array" || fail "--json list: $(cat "$work/last.out")"
    expect 0 "version" "$ctl" "$main" version
    grep -q "^complog [0-9.]*, control protocol 1, program control_target, pid $main$" "$work/last.out" &&
        ok "version's line" || fail "version: $(cat "$work/last.out")"
    expect 0 "help" "$ctl" "$main" help
    expect 3 "an unknown process" "$ctl" 999999999 show
    expect 2 "bad usage" "$ctl" "$main" frobnicate

    # A process killed without exiting leaves its socket: list skips and removes it.
    start_target ghost
    ghost=$pid
    ghost_socket=$(cat "$work/ghost.ready")
    kill -9 "$ghost"; wait "$ghost" 2>/dev/null || true
    "$ctl" list >"$work/list.out"
    ! grep -q "^$ghost " "$work/list.out" && [ ! -e "$ghost_socket" ] &&
        ok "a dead process's socket is skipped and removed" || fail "stale socket: $(cat "$work/list.out")"
    expect 3 "the dead process is unknown" "$ctl" "$ghost" show

    # A process that closes the connection without a reply (it stopped serving meanwhile)
    # did not answer: unreachable, not an error from the process.
    perl -MSocket -e 'socket(S, PF_UNIX, SOCK_STREAM, 0) or die;
        bind(S, pack_sockaddr_un("$ARGV[0]/mute.$$.sock")) or die; listen(S, 4) or die;
        while (accept(C, S)) { sysread(C, my $line, 4096); close(C) }' \
        "$XDG_RUNTIME_DIR/complog" &
    mute=$!
    pids+=("$mute")
    for _ in $(seq 1 200); do [ -e "$XDG_RUNTIME_DIR/complog/mute.$mute.sock" ] && break; sleep 0.02; done
    expect 3 "no reply at all" "$ctl" "$mute" show
    kill -9 "$mute"; wait "$mute" 2>/dev/null || true

    # TARGET_LOGS_CONTROL=0 wins over the option: no socket.
    TARGET_LOGS_CONTROL=0 start_target off
    [ "$(cat "$work/off.ready")" = "" ] && ok "TARGET_LOGS_CONTROL=0: no socket" ||
        fail "TARGET_LOGS_CONTROL=0: $(cat "$work/off.ready")"
    kill -TERM "$pid"; wait "$pid" || fail "control_target (off) exit status $?"

    kill -TERM "$main"
    status=0; wait "$main" || status=$?
    cat "$work/main.out"
    [ $status = 0 ] && ok "records of the loggers kept counted exactly" ||
        fail "control_target: exit status $status"
    [ ! -e "$socket" ] && ok "the socket is removed at exit" || fail "the socket is left at exit"
    ;;
users)
    if [ "$(id -u)" != 0 ]; then
        echo "SKIPPED: the second-user test needs root to run a process as another uid (id -u: $(id -u))"
        exit 77
    fi
    other=65534
    command -v setpriv >/dev/null || { echo "SKIPPED: no setpriv"; exit 77; }
    as_other=(setpriv --reuid=$other --regid=$other --clear-groups)
    # Programs the other uid can run, wherever the build tree is.
    cp "$target" "$ctl" "$work/"
    chmod 0755 "$work" "$work/$(basename "$target")" "$work/$(basename "$ctl")"
    target=$work/$(basename "$target")
    octl=$work/$(basename "$ctl")

    # root's process: the other uid cannot reach its 0700 directory.
    start_target rootproc
    rootproc=$pid
    expect 3 "another uid cannot reach root's socket" "${as_other[@]}" "$octl" "$rootproc" show
    kill -TERM "$rootproc"; wait "$rootproc" || fail "control_target (root) exit status $?"

    # The other uid's process: root may enter its directory, but SO_PEERCRED refuses root.
    other_run=$work/other-run
    mkdir -m 0700 "$other_run"
    chown "$other:$other" "$other_run"
    ready_dir=$other_run XDG_RUNTIME_DIR=$other_run start_target otherproc "${as_other[@]}"
    otherproc=$pid
    [ "$(stat -c %u "$(cat "$other_run/otherproc.ready")")" = $other ] &&
        ok "the other uid's process serves its own socket" || fail "no socket for the other uid"
    XDG_RUNTIME_DIR=$other_run expect 1 "root is refused by the other uid's process" \
        "$ctl" "$otherproc" show
    grep -q "refused: the socket is served by uid $other, not by this user's uid 0" \
        "$work/last.err" && ok "the refusal says why" || fail "refusal: $(cat "$work/last.err")"

    # The process's own check, with a client that does not check the server's uid.
    perl -MSocket -e 'socket(C, PF_UNIX, SOCK_STREAM, 0) or die;
        connect(C, pack_sockaddr_un($ARGV[0])) or die; syswrite(C, "show\n"); print while <C>' \
        "$(cat "$other_run/otherproc.ready")" >"$work/raw.out"
    grep -q "^error: refused: the client's uid 0 is not this process's uid $other" \
        "$work/raw.out" && ok "the process refuses root" || fail "raw client: $(cat "$work/raw.out")"

    # A socket another uid serves is not trusted: complogctl sends it nothing and shows
    # nothing it says (here a forged "ok" reply from a fake server).
    fake_socket_dir=$other_run/complog
    "${as_other[@]}" perl -MSocket -e 'socket(S, PF_UNIX, SOCK_STREAM, 0) or die;
        bind(S, pack_sockaddr_un("$ARGV[0]/fake.$$.sock")) or die; listen(S, 4) or die;
        while (accept(C, S)) { syswrite(C, "ok\nforged\n"); close(C) }' "$fake_socket_dir" &
    fake=$!
    pids+=("$fake")
    for _ in $(seq 1 200); do [ -e "$fake_socket_dir/fake.$fake.sock" ] && break; sleep 0.02; done
    XDG_RUNTIME_DIR=$other_run expect 1 "a socket another uid serves is refused" \
        "$ctl" "$fake" show
    ! grep -q forged "$work/last.out" && grep -q "served by uid $other" "$work/last.err" &&
        ok "nothing of the other uid's reply is shown" ||
        fail "forged reply: $(cat "$work/last.out" "$work/last.err")"

    # A directory another uid owns is refused: root's process serves nothing there.
    XDG_RUNTIME_DIR=$other_run start_target intruder
    [ "$(cat "$work/intruder.ready")" = "" ] &&
        grep -q "live control is off: .*/complog belongs to uid $other, not to this process's 0" \
            "$work/intruder.err" && ok "a directory another uid owns is refused" ||
        { fail "the other uid's directory was used"; cat "$work/intruder.err"; }
    kill -TERM "$pid" "$otherproc"
    ;;
installed)
    [ -x "$ctl" ] || { fail "no installed complogctl at $ctl"; exit 1; }
    start_target main
    main=$pid
    expect 0 "installed complogctl list" "$ctl" list
    grep -q "^$main  *control_target " "$work/last.out" && ok "it lists the process" ||
        fail "list: $(cat "$work/last.out")"
    expect 0 "installed complogctl set" "$ctl" "$main" set "+app.d"
    expect 0 "installed complogctl show" "$ctl" "$main" show
    grep -q "^active spec: '+app.d' (live control)" "$work/last.out" && ok "the setting holds" ||
        fail "show: $(cat "$work/last.out")"
    expect 0 "installed complogctl reset" "$ctl" "$main" reset
    kill -TERM "$main"; wait "$main" || true
    ;;
*)
    echo "unknown mode $mode"; exit 2 ;;
esac

echo "$failures failed"
[ $failures = 0 ]
