// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Live control: see and change a running process's log settings with `complogctl`.
//
//     complog::options opts{"MYAPP_LOGS", "myapp"};
//     opts.control = true;                  // or MYAPP_LOGS_CONTROL=1 in the environment
//     complog::init(opts);
//
//     $ complogctl list
//     $ complogctl 4242 set +net            # wins over MYAPP_LOGS until reset
//     $ complogctl 4242 show
//     $ complogctl 4242 reset
//
// Off by default. init() starts it when options::control is set or <VAR>_CONTROL=1
// (<VAR>_CONTROL=0 keeps it off even with the option); init() without it, reset() and
// control::stop() stop it. Nothing runs before init(): the thread and the socket are
// made by the first init() that asks for them.
//
// Socket location. `$XDG_RUNTIME_DIR/complog/` when XDG_RUNTIME_DIR is an absolute path,
// else `/tmp/complog-<uid>/`; the directory is created with mode 0700 and must be a
// directory (not a link) owned by the process's effective uid with no group or other
// permission bits: otherwise live control stays off and init() says why on stderr. The
// socket is `<program>.<pid>.sock` (the program name reduced to [A-Za-z0-9_-], at most
// 32 characters), mode 0600, a Unix-domain stream socket: never a network address. Each
// connection's peer uid is read with SO_PEERCRED; a peer of another uid (root included)
// gets one error line and is closed. complogctl, the other way round, talks only to a
// socket its own uid serves (SO_PEERCRED of the server) and lists no other.
//
// Protocol. One request per connection: a line of at most 4096 bytes (newline included,
// "\r\n" accepted). The reply is "ok" and a body, or one line "error: <why>", then the
// process closes the connection. Requests: `show` (the active spec and where it came
// from, then explain()), `set SPEC` (the environment variable's grammar, as
// set_logs(string); an unknown name is an error, unless options::accept_unknown_modules),
// `reset`, `help` (the requests, then help()), `version`. A malformed, oversized or
// unknown request, or an invalid spec, gets an error line and changes nothing.
// One thread serves the socket with poll(), every descriptor non-blocking: a client that
// sends nothing, stops mid-line or reads none of its reply for 2 seconds is closed (a
// long reply read slowly is sent whole; a stalled reader's is cut off) and
// delays neither logging nor other clients (at most 8 are served at once; more wait in
// the listening queue). Replies are sent with MSG_NOSIGNAL: a client that leaves cannot
// raise SIGPIPE. The thread blocks every signal. Requests never run on a logging thread,
// and a log call takes no lock of the control thread's.
//
// Precedence. A live `set` wins over the environment variable and over set_logs() (which
// returns false and warns once meanwhile) until `reset`, which restores the settings it
// replaced; `show` says which spec is active and what it wins over. init() ends a live
// setting (the program starts over).
//
// fork(). The child has no control thread and serves no socket: the descriptors it
// inherited are closed and the parent's socket file is left to the parent. A child that
// wants live control calls init() again with control on: it gets a socket of its own pid.
//
// Exit. The thread is stopped, joined and its socket removed at exit (from a static
// object made when live control first started, so before spdlog's registry and the
// statics made before it are destroyed) and when a shared libcomplog is unloaded. A
// process killed without exiting leaves its socket file: `complogctl list` skips and
// removes the sockets of processes that are gone.

#pragma once

#include <complog/export.h>

#include <string>

namespace complog::control {

/// The path of this process's control socket; empty while live control is off.
COMPLOG_API std::string socket_path();

/// Stops live control: the thread is joined, the socket closed and removed. The settings
/// stay as they are (a live setting too, until init()). init() may start it again.
COMPLOG_API void stop();

}  // namespace complog::control
