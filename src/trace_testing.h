// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Test hooks of the structured trace (private): fix what a record takes from the process
// so that tests and the conformance runner can compare bytes. Not for programs: each hook
// is process-wide and meant to be set before the first record of a test and reset after.

#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace complog::detail::trace_testing {

/// The clock, in microseconds since the Unix epoch; empty: the system clock.
void set_clock(std::function<std::int64_t()> clock);
/// The pid written in headers (forks are still detected with the real pid); 0: getpid().
void set_pid(int pid);
/// The 8 characters of the next file names; empty: random ones.
void set_random_name(std::string chars);
/// Closes the file, forgets interned strings and dumped files: a fresh process.
void reset();

}  // namespace complog::detail::trace_testing
