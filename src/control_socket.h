// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Where live-control sockets live, and the protocol's constants (private). Shared by the
// library's control thread (control.cpp) and the complogctl command, which compiles this
// unit into itself: it links no complog internals.
//
//     std::string error;
//     auto dir = control_directory(/*create=*/true, error);   // empty: refused, see error
//     auto path = dir + "/" + socket_name(program_name(), getpid());

#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace complog::detail {

/// The longest request line, newline included: a longer one is refused.
inline constexpr std::size_t control_request_limit = 4096;
/// The protocol's version, in `version` replies.
inline constexpr int control_protocol_version = 1;

/// `$XDG_RUNTIME_DIR/complog` when XDG_RUNTIME_DIR is an absolute path, else
/// `/tmp/complog-<uid>`. With `create`, made with mode 0700 when missing, and checked: a
/// directory (not a symbolic link) owned by this process's effective uid that nobody else
/// may enter (no group or other bits); otherwise empty, and `error` says why.
std::string control_directory(bool create, std::string& error);

/// This program's name as a socket name part: [A-Za-z0-9_-] (others become '_'), at most
/// 32 characters.
std::string program_name();

/// `<program>.<pid>.sock`
std::string socket_name(std::string_view program, long pid);

/// The program and pid of a socket name socket_name() made, if it is one.
struct socket_name_parts {
    std::string program;
    long pid = 0;
};
std::optional<socket_name_parts> parse_socket_name(std::string_view name);

}  // namespace complog::detail
