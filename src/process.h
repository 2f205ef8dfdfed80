// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The process id without a system call per record (private).

#pragma once

namespace complog::detail {

/// getpid(), cached; the cache is refreshed in the child after fork().
int cached_pid() noexcept;

}  // namespace complog::detail
