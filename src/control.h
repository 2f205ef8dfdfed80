// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Live control (private): the thread that serves this process's control socket. The
// public side is complog/control.h; the rules (location, protocol, fork, exit) are there.
//
// One thread polls the listening socket and at most a few clients, all non-blocking, each
// with a deadline, so a client that sends nothing, stops mid-line or never reads its reply
// delays nobody and is closed. Requests are answered by answer(), which calls the
// configuration's live_* functions; the thread takes no lock of the record path.

#pragma once

#include <string>
#include <string_view>

namespace complog::detail::control_thread {

/// Starts serving (no-op when already serving); empty, or why live control is off.
std::string start();
/// Stops serving: the thread is joined, the socket closed and removed. No-op when off.
void stop();
/// The socket being served, or empty.
std::string socket_path();

/// The reply to one request line (without its newline): "ok\n" and the body, or one line
/// "error: <why>\n" (and nothing changed).
std::string answer(std::string_view line);

}  // namespace complog::detail::control_thread
