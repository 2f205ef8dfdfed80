// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "library_sink.h"

#include <complog/context.h>

#include "rank.h"
#include "report.h"

#include <spdlog/details/os.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <exception>

namespace complog::detail {
namespace {

// Runs `io` on a destination: no exception leaves a record (a throwing user sink, a full
// disk under spdlog's file sinks); each destination's first failure is reported.
template <typename Io>
inline __attribute__((always_inline)) void guarded(const spdlog::sink_ptr& destination,
                                                   const char* what, Io io) noexcept {
    try {
        io();
    } catch (const std::exception& e) {
        report_once(destination, std::string(what) + ": " + e.what());
    } catch (...) {
        report_once(destination, std::string(what) + ": unknown exception");
    }
}

// The per-thread decision cache of the gate sink. Plain data, zero-initialised and
// trivially destructible, so it is usable at any point of a thread's life; the copies of
// names it checks against are owned by name_store, which frees them at thread exit and
// closes the cache (records logged later are decided without it).
constexpr std::size_t cache_sets = 64;
constexpr std::size_t cache_ways = 4;

struct cache_entry {
    const char* data;  // where the logger keeps its name
    std::uint64_t generation;
    char* copy;  // the name, to check a hit against
    std::uint32_t size;
    std::uint32_t capacity;
    level threshold;
};

struct decision_cache {
    cache_entry sets[cache_sets][cache_ways];
    unsigned char next_victim[cache_sets];
    bool closed;
};

thread_local decision_cache cache;

struct name_store {
    name_store() = default;
    name_store(const name_store&) = delete;
    name_store& operator=(const name_store&) = delete;
    ~name_store() {
        cache.closed = true;
        for (auto& set : cache.sets) {
            for (auto& e : set) {
                delete[] e.copy;
                e = {};
            }
        }
    }
};

// Whether the cached copy still holds the name: short names (the common case) inline,
// with two overlapping loads per side; others with memcmp. Every byte is compared: a
// reused address never passes for another name.
inline bool same_name(const char* copy, const char* name, std::uint32_t size) noexcept {
    if (size >= 8 && size <= 16) {
        std::uint64_t a0, a1, b0, b1;
        std::memcpy(&a0, copy, 8);
        std::memcpy(&b0, name, 8);
        std::memcpy(&a1, copy + size - 8, 8);
        std::memcpy(&b1, name + size - 8, 8);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    return std::memcmp(copy, name, size) == 0;
}

std::size_t set_of(const char* data, std::size_t size) noexcept {
    const auto key = reinterpret_cast<std::uintptr_t>(data) ^ (std::uintptr_t{size} << 48);
    return static_cast<std::size_t>((key * 0x9e3779b97f4a7c15ULL) >> 58) % cache_sets;
}

level cached_threshold(const snapshot& now, std::string_view name) {
    // No closed check before the lookup: closing empties every entry (data nullptr),
    // which no name matches, so a closed cache always misses and the miss path checks.
    const auto size = static_cast<std::uint32_t>(name.size());
    const auto set = set_of(name.data(), name.size());
    auto& ways = cache.sets[set];
    for (auto& e : ways) {
        if (e.data == name.data() && e.size == size && e.generation == now.generation &&
            same_name(e.copy, name.data(), size)) {
            return e.threshold;
        }
    }
    thread_local name_store store;  // constructed on the first miss of this thread
    if (cache.closed || name.size() > UINT32_MAX) return now.levels.threshold(name);
    // Refresh a stale entry of the same logger, else replace the ways in turn.
    cache_entry* entry = nullptr;
    for (auto& e : ways) {
        if (e.data == name.data() && e.size == size) entry = &e;
    }
    if (!entry) entry = &ways[cache.next_victim[set]++ % cache_ways];
    if (entry->capacity < size) {
        delete[] entry->copy;
        entry->copy = new char[size];
        entry->capacity = size;
    }
    std::memcpy(entry->copy, name.data(), size);
    entry->data = name.data();
    entry->size = size;
    entry->generation = now.generation;
    entry->threshold = now.levels.threshold(name);
    return entry->threshold;
}

// sink::should_log inline: in libspdlog.so it is a call (about 10 instructions a record
// with its PLT) for one relaxed load. `level_` is protected, the same in spdlog 1.10 to
// 1.15; a member pointer formed through a derived class reaches it.
inline bool destination_takes(const spdlog::sinks::sink& destination, level lvl) noexcept {
    struct access : spdlog::sinks::sink {
        static const spdlog::level_t& level_of(const spdlog::sinks::sink& s) {
            return s.*(&access::level_);
        }
    };
    return lvl >= access::level_of(destination).load(std::memory_order_relaxed);
}

}  // namespace

bool passes_trace_filter(const snapshot& now) noexcept {
    if (now.trace_filter.empty()) return true;
    const auto context = current_context();
    return std::find(now.trace_filter.begin(), now.trace_filter.end(), context) !=
           now.trace_filter.end();
}

// Inline into both sinks' log(): one call less per record.
inline __attribute__((always_inline)) void library_sink::write(
    const snapshot& now, const spdlog::details::log_msg& msg) {
    if (msg.level == level::off) return;
    // On another thread than the call (an asynchronous logger's worker) the context is
    // not this thread's: complog::async_factory filtered the record at the call.
    // The filter first: without one (the common case) the record pays no thread-id call
    // (across libspdlog.so's PLT, then its TLS: about 45 instructions).
    if (!now.trace_filter.empty() && msg.thread_id == spdlog::details::os::thread_id() &&
        !passes_trace_filter(now))
        return;
    // _RANKS: a rank outside the list skips the console sinks, the first destinations.
    std::size_t first = 0;
    if (!now.console_ranks.empty() && !rank_in(now.console_ranks, rank())) first = now.consoles;
    for (std::size_t i = first; i < now.destinations.size(); ++i) {
        const auto& d = now.destinations[i];
        if (!destination_takes(*d, msg.level)) continue;
        guarded(d, "a log destination failed, its records are lost", [&] { d->log(msg); });
    }
}

void library_sink::log(const spdlog::details::log_msg& msg) {
    const snapshot_cell::reader now(published_);
    write(*now, msg);
}

void library_sink::flush() {
    const snapshot_cell::reader now(published_);
    for (const auto& d : now->destinations) {
        guarded(d, "a log destination failed to flush", [&] { d->flush(); });
    }
}

void gate_sink::log(const spdlog::details::log_msg& msg) {
    const snapshot_cell::reader now(published_);
    const auto threshold =
        cached_threshold(*now, std::string_view(msg.logger_name.data(), msg.logger_name.size()));
    if (msg.level < threshold) return;
    write(*now, msg);
}

}  // namespace complog::detail
