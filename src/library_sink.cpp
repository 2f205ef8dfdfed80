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
#include <new>

namespace complog::detail {
namespace {

// Reports the exception being handled, the first for `destination`. Out of line and cold:
// the record path keeps no exception's frame. A failure to report is dropped.
__attribute__((noinline, cold)) void report_failure(const spdlog::sink_ptr& destination,
                                                    const char* what) noexcept {
    try {
        try {
            throw;
        } catch (const std::exception& e) {
            report_once(destination, std::string(what) + ": " + e.what());
        } catch (...) {
            report_once(destination, std::string(what) + ": unknown exception");
        }
    } catch (...) {
    }
}

// Runs `io` on a destination: no exception leaves a record (a throwing user sink, a full
// disk under spdlog's file sinks); each destination's first failure is reported.
template <typename Io>
inline __attribute__((always_inline)) void guarded(const spdlog::sink_ptr& destination,
                                                   const char* what, Io io) noexcept {
    try {
        io();
    } catch (...) {
        report_failure(destination, what);
    }
}

// The per-thread decision cache of the gate sink. Plain data, zero-initialised and
// trivially destructible, so it is usable at any point of a thread's life; the copies of
// names it checks against are owned by name_store, which frees them at thread exit and
// closes the cache (records logged later are decided without it).
constexpr std::size_t cache_sets = 64;
constexpr std::size_t cache_ways = 4;
constexpr std::size_t lane = 16;  // same_name's lanes
constexpr std::align_val_t lane_alignment{lane};

// What the gate needs to know of a record's name in a snapshot. Cached per name, so that
// a hit reads both at once (the snapshot is the entry's: generations are unique).
struct decision {
    std::uint16_t written;  // levels_written() of the name's threshold
    bool filtered;          // filters_records(): the trace filter or _RANKS applies
};

struct cache_entry {
    const char* data;  // where the logger keeps its name
    std::uint64_t generation;
    const char* copy;  // the name, to check a hit against; copy + size is lane-aligned
    std::uint32_t size;
    decision decided;
};
static_assert(sizeof(cache_entry) == 32, "a set is four entries of 32 bytes");

struct copy_buffer {  // where an entry's copy lives (misses only)
    char* start;      // lane-aligned
    std::uint32_t capacity;
};

struct decision_cache {
    cache_entry sets[cache_sets][cache_ways];
    copy_buffer buffers[cache_sets][cache_ways];
    unsigned char next_victim[cache_sets];
    bool closed;
    decision uncached;  // the last decision of a name the cache could not keep
};

thread_local decision_cache cache;

struct name_store {
    name_store() = default;
    name_store(const name_store&) = delete;
    name_store& operator=(const name_store&) = delete;
    ~name_store() {
        cache.closed = true;
        for (auto& set : cache.sets) {
            for (auto& e : set) e = {};
        }
        for (auto& set : cache.buffers) {
            for (auto& b : set) {
                if (b.start) ::operator delete[](b.start, lane_alignment);
                b = {};
            }
        }
    }
};

std::size_t set_of(const char* data) noexcept {
    // Fibonacci hashing of the address's low 32 bits (a 32-bit multiply by an immediate):
    // the top bits of the product depend on each of them.
    const auto low = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(data));
    return static_cast<std::uint32_t>(low * 0x9e3779b1u) >> (32 - 6);
}
static_assert(cache_sets == 64, "set_of gives 6 bits");

// Bit L set: a record at level L is written (L at least the threshold, below off).
constexpr std::uint32_t levels_written(level threshold) noexcept {
    const auto t = static_cast<unsigned>(threshold);
    return t < level::off ? (0x3fu >> t) << t : 0u;
}
static_assert(levels_written(level::trace) == 0x3f && levels_written(level::err) == 0x30 &&
                  levels_written(level::off) == 0,
              "levels trace (0) to critical (5), then off (6)");

// Whether `now` has a filter that looks at each record's thread or rank.
bool filters_records(const snapshot& now) noexcept {
    return !now.trace_filter.empty() || !now.console_ranks.empty();
}

// A miss: the decision from the rules, kept in the entry of this logger (a stale one) or
// in the next way in turn. Out of line and cold: the hit path keeps few registers and
// runs straight through.
__attribute__((noinline, cold)) const decision& cache_miss(const snapshot& now,
                                                           std::string_view name) {
    thread_local name_store store;  // constructed on the first miss of this thread
    const decision made{static_cast<std::uint16_t>(levels_written(now.levels.threshold(name))),
                        filters_records(now)};
    cache.uncached = made;
    // A size the copy's padding would take past 32 bits is never cached (nor hits).
    if (cache.closed || name.size() > UINT32_MAX - lane) return cache.uncached;
    const auto size = static_cast<std::uint32_t>(name.size());
    const auto set = set_of(name.data());
    auto& ways = cache.sets[set];
    std::size_t way = cache_ways;
    for (std::size_t w = 0; w < cache_ways; ++w) {
        if (ways[w].data == name.data() && ways[w].size == size) way = w;
    }
    if (way == cache_ways) way = cache.next_victim[set]++ % cache_ways;
    auto& entry = ways[way];
    auto& buffer = cache.buffers[set][way];
    // The copy ends on a lane boundary: it starts `pad` bytes into its buffer.
    const std::size_t pad = (lane - size % lane) % lane;
    if (buffer.capacity < size + pad) {
        // Logging never throws: without memory the record is decided without the cache.
        const auto capacity = static_cast<std::uint32_t>(std::max<std::size_t>(size + pad, lane));
        auto* start = static_cast<char*>(::operator new[](capacity, lane_alignment, std::nothrow));
        if (!start) return cache.uncached;
        if (buffer.start) ::operator delete[](buffer.start, lane_alignment);
        buffer = {start, capacity};
    }
    entry.copy = buffer.start + pad;
    if (size) std::memcpy(buffer.start + pad, name.data(), size);
    entry.data = name.data();
    entry.size = size;
    entry.generation = now.generation;
    entry.decided = made;
    return entry.decided;
}

const decision& cached_decision(const snapshot& now, std::string_view name) {
    // No closed check before the lookup: closing empties every entry (data nullptr),
    // which no name matches, so a closed cache always misses and the miss path checks.
    // A set holds at most one entry of an address and size (a miss refreshes it), so the
    // first is the one; the size is compared in full: a name of 4 GB or more never hits.
    const cache_entry* found = nullptr;
    const auto& ways = cache.sets[set_of(name.data())];
#pragma GCC unroll 4  // no end-of-set pointer, no loop branch
    for (const auto& e : ways) {
        if (__builtin_expect(e.data == name.data() && e.size == name.size(), 1)) {
            found = &e;
            break;
        }
    }
    if (__builtin_expect(found && found->generation == now.generation &&
                             same_name(found->copy, name.data(), name.size()),
                         1))
        return found->decided;
    return cache_miss(now, name);
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

// Writes `msg` to the destinations from `d` to `end`. Inline into both sinks' log(): one
// call less per record. The record's level is checked by the caller: at most critical,
// at least the threshold.
inline __attribute__((always_inline)) void library_sink::deliver(
    const spdlog::sink_ptr* d, const spdlog::sink_ptr* end, const spdlog::details::log_msg& msg) {
    if (d >= end) return;
    do {
        if (__builtin_expect(destination_takes(**d, msg.level), 1)) {
            guarded(*d, "a log destination failed, its records are lost", [&] { (*d)->log(msg); });
        }
    } while (++d < end);
}

inline __attribute__((always_inline)) void library_sink::write(
    const snapshot& now, const spdlog::details::log_msg& msg) {
    // On another thread than the call (an asynchronous logger's worker) the context is
    // not this thread's: complog::async_factory filtered the record at the call.
    // The filter first: without one (the common case) the record pays no thread-id call
    // (across libspdlog.so's PLT, then its TLS: about 45 instructions).
    if (!now.trace_filter.empty() && msg.thread_id == spdlog::details::os::thread_id() &&
        !passes_trace_filter(now))
        return;
    // Pointers, read once: the compiler cannot know a destination's log() leaves the
    // snapshot as it was, and would read the vector again after each call.
    const spdlog::sink_ptr* d = now.destinations.data();
    // _RANKS: a rank outside the list skips the console sinks, the first destinations.
    if (!now.console_ranks.empty() && !rank_in(now.console_ranks, rank()))
        d += std::min(now.consoles, now.destinations.size());
    deliver(d, now.destinations.data() + now.destinations.size(), msg);
}

void library_sink::log(const spdlog::details::log_msg& msg) {
    if (msg.level == level::off) return;
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
    const auto& decided =
        cached_decision(*now, std::string_view(msg.logger_name.data(), msg.logger_name.size()));
    // The level's bit (off's is never set, nor any above it). A level outside the enum's
    // names (negative ones are large here) tests bit 31, never set: `& 31` would wrap
    // 32..37 onto trace..critical.
    const auto bit = std::min(static_cast<unsigned>(msg.level), 31u);
    if (!((std::uint32_t{decided.written} >> bit) & 1u)) return;
    if (__builtin_expect(decided.filtered, 0)) {
        write(*now, msg);
    } else {
        deliver(now->destinations.data(), now->destinations.data() + now->destinations.size(), msg);
    }
}

}  // namespace complog::detail
