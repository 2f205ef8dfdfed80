// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog's own diagnostics (private): written straight to stderr, never through spdlog,
// which may be misconfigured or the very thing that failed.

#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace complog::detail {

/// Writes all of `bytes` to `fd`, retrying after EINTR and partial writes; returns 0 or the
/// errno of the failure. With `may_raise_sigpipe` (a pipe or socket) SIGPIPE is blocked
/// for the call and a SIGPIPE it raised is consumed: a reader that left cannot kill the
/// program.
int write_fully(int fd, std::string_view bytes, bool may_raise_sigpipe) noexcept;

/// Whether writing to `fd` can raise SIGPIPE (it is a pipe or a socket).
bool is_pipe(int fd) noexcept;

/// Writes "complog: <text>" and a newline to stderr.
void report(std::string_view text);

/// report(text), the first time only for this `key` (e.g. a failing destination). Keys are
/// told apart by ownership, not address: an object made where a destroyed one was is new.
void report_once(const std::shared_ptr<const void>& key, const std::string& text);

}  // namespace complog::detail
