// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "gate_sink.h"

#include "state.h"

#include <cstring>

namespace complog::detail {
namespace {

// Per-thread cache of decisions, keyed by where the logger keeps its name and
// checked against a copy of the name, so a reused address cannot mislead it.
// Trivially destructible, so thread_local needs no guard on each access.
constexpr std::size_t cached_name_bytes = 120;

struct cached_decision {
    const char* data = nullptr;
    std::uint64_t generation = 0;
    std::size_t size = 0;
    level threshold = level::off;
    char name[cached_name_bytes];
};

constexpr std::size_t cache_slots = 32;

cached_decision& slot_for(const char* data) {
    thread_local cached_decision cache[cache_slots];
    return cache[(reinterpret_cast<std::uintptr_t>(data) >> 4) % cache_slots];
}

}  // namespace

void gate_sink::log(const spdlog::details::log_msg& msg) {
    const std::string_view name(msg.logger_name.data(), msg.logger_name.size());
    auto& slot = slot_for(name.data());
    const auto generation = st_.generation.load(std::memory_order_acquire);
    complog::level threshold;
    if (slot.data == name.data() && slot.generation == generation && slot.size == name.size() &&
        std::memcmp(slot.name, name.data(), name.size()) == 0) {
        threshold = slot.threshold;
    } else {
        threshold = st_.threshold(name);
        // Names too long to cache are decided again on each record (under the lock).
        if (name.size() <= cached_name_bytes) {
            slot.data = name.data();
            slot.generation = generation;
            slot.size = name.size();
            slot.threshold = threshold;
            std::memcpy(slot.name, name.data(), name.size());
        }
    }
    // level::off is above every record's level: no record passes it.
    if (msg.level >= threshold) st_.output->log(msg);
}

void gate_sink::flush() { st_.output->flush(); }

}  // namespace complog::detail
