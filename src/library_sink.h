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
//    misleads it). An entry also tells whether its snapshot filters records by thread or
//    rank, so that a record of an unfiltered snapshot goes straight to the destinations.
//
// Records at level::off are never written: spdlog passes them through a logger at off.
// The trace filter reads the context tag of the logging thread; a record that arrives
// on another thread (an asynchronous logger's worker) was filtered at the call by
// complog::async_factory, or is not filtered (documented).

#pragma once

#include "snapshot.h"

#include <spdlog/sinks/sink.h>

#include <cstdint>
#include <cstring>

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
    /// Writes `msg` to the destinations of `now` its trace filter and _RANKS leave.
    static void write(const snapshot& now, const spdlog::details::log_msg& msg);
    /// Writes `msg` to the destinations from `d` to `end`.
    static void deliver(const spdlog::sink_ptr* d, const spdlog::sink_ptr* end,
                        const spdlog::details::log_msg& msg);
    const snapshot_cell& published_;
};

class gate_sink final : public library_sink {
public:
    using library_sink::library_sink;
    void log(const spdlog::details::log_msg& msg) override;
};

/// Whether the `size` bytes at `copy` and at `name` are the same: the gate's check of a
/// cache hit, run on every record it decides. Every byte is compared, so a reused address
/// holding another name never passes. A name over 16 bytes goes by 16-byte lanes (SSE2
/// on x86-64, the baseline: no CPU dispatch; a compiler vector type, so other targets get
/// theirs), from its end: eight a step, then four, then one at a time, then the first 16
/// bytes (overlapping). The xors are or-ed and tested once: a hit is the common case, so
/// no early exit. `copy + size` must be 16-byte aligned (for those names), so that every
/// lane but the first reads the copy with an aligned load folded into the xor. Shorter
/// names: two overlapping words (three bytes below 4).
inline __attribute__((always_inline)) bool same_name(const char* copy, const char* name,
                                                     std::size_t size) noexcept {
    if (size <= 16) {
        const auto differ = [&](auto word, std::size_t at) {
            decltype(word) a, b;
            std::memcpy(&a, copy + at, sizeof a);
            std::memcpy(&b, name + at, sizeof b);
            return a ^ b;
        };
        if (size >= 8) return (differ(std::uint64_t{}, 0) | differ(std::uint64_t{}, size - 8)) == 0;
        if (size >= 4) return (differ(std::uint32_t{}, 0) | differ(std::uint32_t{}, size - 4)) == 0;
        return size == 0 || (differ(std::uint8_t{}, 0) | differ(std::uint8_t{}, size / 2) |
                             differ(std::uint8_t{}, size - 1)) == 0;
    }
    using lane = std::uint64_t __attribute__((vector_size(16)));
    const auto load = [](const char* p) {
        lane v;
        std::memcpy(&v, p, sizeof v);
        return v;
    };
    // Lane at offset i, which is a multiple of 16 from the end: its copy side is aligned.
    const auto at = [&](std::size_t i) {
        return load(static_cast<const char*>(__builtin_assume_aligned(copy + i, 16))) ^
               load(name + i);
    };
    lane diff = load(copy) ^ load(name);
    std::size_t i = size;  // the bytes from i to the end are compared
    const auto four = [&](std::size_t j) {
        return (at(j) | at(j + 16)) | (at(j + 32) | at(j + 48));
    };
    while (i > 128) {
        i -= 128;
        asm("" : "+r"(i));  // one index for both sides, not a pointer each
        diff |= four(i) | four(i + 64);
    }
    if (i > 64) {
        i -= 64;
        diff |= four(i);
    }
    while (i > 16) {
        i -= 16;
        diff |= at(i);
    }
    return (diff[0] | diff[1]) == 0;
}

/// Whether `now`'s trace filter keeps a record logged on this thread.
bool passes_trace_filter(const snapshot& now) noexcept;

}  // namespace complog::detail
