// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "async_sink.h"

#include "library_sink.h"
#include "process.h"
#include "spdlog_adapter.h"

namespace complog::detail {

async_sink::async_sink(const snapshot_cell& published,
                       std::shared_ptr<spdlog::async_logger> backend, spdlog::sink_ptr direct)
    : published_(published),
      backend_(std::move(backend)),
      direct_(std::move(direct)),
      pid_(cached_pid()) {}

bool async_sink::pool_usable() const noexcept {
    return cached_pid() == pid_ && spdlog_adapter::registry_alive();
}

void async_sink::log(const spdlog::details::log_msg& msg) {
    {
        const snapshot_cell::reader now(published_);
        if (!passes_trace_filter(*now)) return;
    }
    if (!pool_usable()) return direct_->log(msg);
    // Same time, location and (calling) thread id: the pool thread writes this record.
    backend_->log(msg.time, msg.source, msg.level, msg.payload);
}

void async_sink::flush() {
    if (pool_usable()) return backend_->flush();
    direct_->flush();
}

}  // namespace complog::detail
