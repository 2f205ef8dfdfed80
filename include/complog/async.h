// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Asynchronous complog loggers: records are formatted and written by spdlog's thread
// pool, while what belongs to the call is decided at the call.
//
//     auto log = complog::get_async_logger("myapp.net");
//     COMPLOG_DEBUG(log, "sent {} bytes", n);   // returns before the record is written
//
// The logger's level follows the spec like get_logger's. What a record carries is taken
// on the calling thread: the <VAR>_TRACE_ID_FILTER is applied there, and the context
// tag and the record's fields (complog/fields.h) travel with it to the pool's thread.
// A logger made with spdlog's own async factories and complog::sink() reaches complog
// on the pool's thread, where the caller's tag is unknown: its records are not filtered
// by _TRACE_ID_FILTER, show no context tag, and carry their fields as text only.
// The pool is spdlog's global one (spdlog::init_thread_pool), created if missing. Where
// it cannot write (a forked child, after spdlog::shutdown(), at exit) the record is
// written at the call.

#pragma once

#include <complog/export.h>

#include <spdlog/async_logger.h>

#include <memory>
#include <string_view>

namespace complog {

/// The asynchronous logger with this dotted name, created on first use (a name complog
/// already holds returns that logger, asynchronous or not). Thread-safe.
COMPLOG_API std::shared_ptr<spdlog::logger> get_async_logger(
    std::string_view name,
    spdlog::async_overflow_policy policy = spdlog::async_overflow_policy::block);

}  // namespace complog
