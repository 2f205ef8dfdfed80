// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The sinks spdlog loggers write to (private). Both are the record path: they only
// read the published snapshot (snapshot.h) and thread-local caches. They never take
// the configuration lock, intern a name, allocate per record (but for a decision-cache
// miss on a name never seen), or call into spdlog's registry — spdlog holds its registry
// mutex while it runs apply_all callbacks, and a record may be logged from one.
//
//  - library_sink: every complog logger's sink. Its logger's level was computed from
//    the spec, so it writes every record it receives to the snapshot's destinations
//    (console sinks, then the _OUT file), after the trace filter.
//  - gate_sink (complog::sink()): for loggers complog did not create. It first decides
//    the record by its logger's name: the snapshot's level_rules give the threshold,
//    cached per thread (4-way set-associative, keyed by where the logger keeps its name
//    and checked against a copy of it, so neither a reused address nor a long name
//    misleads it).
//
// Records at level::off are never written: spdlog passes them through a logger at off.
// The trace filter reads the context tag of the logging thread; a record that arrives
// on another thread (an asynchronous logger's worker) was filtered at the call by
// complog::async_factory, or is not filtered (documented).

#pragma once

#include "snapshot.h"

#include <spdlog/sinks/sink.h>

namespace complog::detail {

class library_sink : public spdlog::sinks::sink {
public:
    explicit library_sink(const snapshot_cell& published) : published_(published) {}

    void log(const spdlog::details::log_msg& msg) override;
    void flush() override;
    // complog owns the output format: spdlog::set_pattern() must not reach it.
    void set_pattern(const std::string& /*pattern*/) override {}
    void set_formatter(std::unique_ptr<spdlog::formatter> /*formatter*/) override {}

protected:
    /// Writes `msg` to the destinations of `now`.
    static void write(const snapshot& now, const spdlog::details::log_msg& msg);
    const snapshot_cell& published_;
};

class gate_sink final : public library_sink {
public:
    using library_sink::library_sink;
    void log(const spdlog::details::log_msg& msg) override;
};

/// Whether `now`'s trace filter keeps a record logged on this thread.
bool passes_trace_filter(const snapshot& now) noexcept;

}  // namespace complog::detail
