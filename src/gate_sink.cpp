// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "gate_sink.h"

#include "state.h"

#include <array>
#include <cstring>
#include <string>

namespace complog::detail {
namespace {

// Per-thread cache of decisions, keyed by where the logger keeps its name and
// checked against a copy of the name, so a reused address cannot mislead it.
struct cached_decision {
    const char* data = nullptr;
    std::uint64_t generation = 0;
    level threshold = level::off;
    std::string name;
};

constexpr std::size_t cache_slots = 64;

cached_decision& slot_for(const char* data) {
    thread_local std::array<cached_decision, cache_slots> cache;
    return cache[(reinterpret_cast<std::uintptr_t>(data) >> 4) % cache_slots];
}

}  // namespace

void gate_sink::log(const spdlog::details::log_msg& msg) {
    auto& st = global();
    const auto name = msg.logger_name;
    auto& slot = slot_for(name.data());
    const auto generation = st.generation.load(std::memory_order_acquire);
    if (slot.data != name.data() || slot.generation != generation ||
        slot.name.size() != name.size() ||
        std::memcmp(slot.name.data(), name.data(), name.size()) != 0) {
        slot.threshold = st.threshold(std::string_view(name.data(), name.size()));
        slot.data = name.data();
        slot.generation = generation;
        slot.name.assign(name.data(), name.size());
    }
    if (msg.level >= slot.threshold && slot.threshold != level::off) st.output->log(msg);
}

void gate_sink::flush() { global().output->flush(); }

}  // namespace complog::detail
