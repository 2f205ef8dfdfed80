// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "async_sink.h"

#include "library_sink.h"

namespace complog::detail {

void async_sink::log(const spdlog::details::log_msg& msg) {
    {
        const snapshot_cell::reader now(published_);
        if (!passes_trace_filter(*now)) return;
    }
    // Same time, location and (calling) thread id: the pool thread writes this record.
    backend_->log(msg.time, msg.source, msg.level, msg.payload);
}

}  // namespace complog::detail
