// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog's own diagnostics (private): written straight to stderr, never through spdlog,
// which may be misconfigured or the very thing that failed.

#pragma once

#include <string>
#include <string_view>

namespace complog::detail {

/// Writes "complog: <text>" and a newline to stderr.
void report(std::string_view text);

/// report(text), the first time only for this `key` (e.g. a failing destination).
void report_once(const void* key, const std::string& text);

}  // namespace complog::detail
