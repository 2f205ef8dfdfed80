// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// init()'s side of the trace channel (private): a channel init() started ends at the next
// init() without a directory, or at reset(); one the program started with trace::start()
// runs until trace::stop(). The mark lives with the channel, under its mutex, so the
// program's own start() clears it whatever the order of calls.

#pragma once

#include <complog/trace.h>

namespace complog::detail {

/// trace::start(opts), marked as init()'s.
void start_trace_for_init(trace::options opts);
/// trace::stop() when the running channel is init()'s; nothing otherwise.
void stop_trace_started_by_init() noexcept;
/// Creates the channel's state, and with it its fork handlers, unless it exists: a caller
/// whose handlers must run before the channel's registers its own after this.
void create_trace_channel();

}  // namespace complog::detail
