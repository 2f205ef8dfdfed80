// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The snapshot: everything a record needs, immutable once published (private).
//
// The configuration builds one whenever levels or outputs change and publishes it
// through a snapshot_cell; the record path (library sink, gate sink) only reads the
// current one. Nothing a record reads is ever changed in place.
//
//  - level_rules: the threshold the spec gives any logger name, including names the
//    registry has never seen (factory loggers behind the gate sink). It holds only
//    the anchors of the resolution (names with a setting of their own, sink owners,
//    the default logger) and the artifact rules, so it is rebuilt in O(settings +
//    components) and never grows with the number of loggers;
//  - outputs: the destinations (console sinks, then the <VAR>_OUT file) and the
//    trace filter.
//
// Reclamation: a snapshot_cell keeps replaced snapshots until no reader can still
// hold them, then frees them (and so closes a replaced _OUT file). Readers announce
// themselves on striped counters of two parities; a replaced snapshot is freed once
// each parity has been seen at zero after it was replaced. Publishing flips the
// parity new readers use, so the old one drains. Readers never wait and never take a
// lock; the writer never waits either: what it cannot free yet, a later publish or
// reclaim() frees.
//
// An asynchronous output (formatting and writing on a background thread) fits without
// changing the record path: it is one more destination, called on the logging thread
// like the others, where it can copy the record and capture current_context() before
// handing them to its thread.

#pragma once

#include "registry.h"
#include "resolve.h"
#include "settings.h"

#include <spdlog/sinks/sink.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace complog::detail {

/// Names to values, filled once and then only read: open addressing over one array (no
/// node per entry, as a snapshot is rebuilt at every configuration change), hashed as the
/// registry hashes names (seeded). The names are views: their text must outlive the map.
template <typename Value>
class frozen_name_map {
public:
    /// Room for `count` names: a power of two at least twice that, so probes stay short.
    explicit frozen_name_map(std::size_t count = 0) {
        std::size_t size = 4;
        while (size < 2 * count) size *= 2;
        slots_.resize(size);
    }
    /// Adds `name` unless it is there: the first value given for a name stays. At most
    /// the count given to the constructor.
    void insert(std::string_view name, Value value) {
        const auto tag = static_cast<std::uint32_t>(registry::key_of(name).hash);
        for (auto i = tag & mask();; i = (i + 1) & mask()) {
            auto& s = slots_[i];
            if (!s.used) {
                s = {name, tag, true, value};
                return;
            }
            if (s.tag == tag && s.name == name) return;
        }
    }
    [[nodiscard]] const Value* find(std::string_view name) const {
        if (slots_.empty()) return nullptr;  // moved from
        const auto tag = static_cast<std::uint32_t>(registry::key_of(name).hash);
        for (auto i = tag & mask();; i = (i + 1) & mask()) {
            const auto& s = slots_[i];
            if (!s.used) return nullptr;
            if (s.tag == tag && s.name == name) return &s.value;
        }
    }

private:
    struct slot {
        std::string_view name;
        std::uint32_t tag = 0;
        bool used = false;
        Value value{};
    };
    [[nodiscard]] std::size_t mask() const noexcept { return slots_.size() - 1; }
    std::vector<slot> slots_;
};

/// The threshold of any logger name, equal to what resolve() gives a node of that name.
class level_rules {
public:
    level_rules() = default;
    /// From the resolution of `reg`: `table` must be resolve(reg, s, default_level) (the
    /// table's top carries the default level; the argument stays for callers).
    level_rules(const registry& reg, const settings& s, const level_table& table,
                level default_level);
    /// The same rules, looking only at `candidates` (ids, duplicates allowed): they must
    /// include every anchor (every node the settings name, every sink owner, the default
    /// logger), so that building them does not visit every node.
    level_rules(const registry& reg, const settings& s, const level_table& table,
                level default_level, const std::vector<registry::node_id>& candidates);
    /// Levels of names the spec gives a level but the registry does not know yet (kept
    /// pending): each anchors its name as a setting of a promoted module would.
    using pending_levels = std::vector<std::pair<std::string, level>>;
    level_rules(const registry& reg, const settings& s, const level_table& table,
                level default_level, const std::vector<registry::node_id>& candidates,
                const pending_levels& pending);

    /// The lowest level a record of `logger_name` must have to be written; level::off:
    /// none is written.
    [[nodiscard]] level threshold(std::string_view logger_name) const;

private:
    void build(const registry& reg, const settings& s, const level_table& table,
               const std::vector<registry::node_id>& anchored, const pending_levels& pending);
    struct anchor {
        level effective;
        bool reaches_sink;
    };
    struct artifact_rule {
        bool on;
        bool off_by_default;
    };

    // Every key below views this block. Heap storage, not a std::string: a short string
    // lives inside the object, and moving the rules would leave the views dangling.
    std::unique_ptr<char[]> names_;
    frozen_name_map<anchor> anchors_;
    frozen_name_map<artifact_rule> artifacts_;
    anchor top_{level::warn, false};  // what a name below no anchor follows
};

struct snapshot {
    std::uint64_t generation = 0;  ///< unique per published snapshot, increasing
    level_rules levels;
    std::vector<spdlog::sink_ptr> destinations;  ///< console sinks, then the _OUT file
    std::size_t consoles = 0;                    ///< how many of the destinations are console sinks
    /// From _RANKS: a rank outside it skips the console sinks; empty: every rank writes.
    std::vector<std::pair<int, int>> console_ranks;
    std::vector<std::string> trace_filter;  ///< empty: every record is kept
};

class snapshot_cell {
public:
    /// Pins the current snapshot for one record: no lock, no allocation.
    class reader {
    public:
        // Inline: the record path pays no call for them (snapshot_cell::read_state).
        explicit reader(const snapshot_cell& cell) noexcept;
        ~reader();
        reader(const reader&) = delete;
        reader& operator=(const reader&) = delete;

        const snapshot& operator*() const noexcept { return *snapshot_; }
        const snapshot* operator->() const noexcept { return snapshot_; }

    private:
        std::atomic<long>& counter_;
        const snapshot* snapshot_;
    };

    explicit snapshot_cell(std::unique_ptr<const snapshot> first);
    // Never destroyed while records can be logged: the cell lives as long as the process.
    ~snapshot_cell();
    snapshot_cell(const snapshot_cell&) = delete;
    snapshot_cell& operator=(const snapshot_cell&) = delete;

    /// Makes `next` current. Callers serialise publish() and reclaim() (the configuration
    /// lock); readers may run meanwhile.
    void publish(std::unique_ptr<const snapshot> next);
    /// Frees the replaced snapshots no reader can hold any more.
    void reclaim();
    /// In a forked child: the parent's other threads are gone, and with them their reads.
    void forget_readers_after_fork() noexcept;
    /// How many replaced snapshots are still kept (for tests).
    [[nodiscard]] std::size_t retired() const noexcept { return retired_.size(); }

private:
    static constexpr std::size_t stripes = 8;
    struct alignas(64) counter {
        std::atomic<long> readers{0};
    };
    struct retired_snapshot {
        std::unique_ptr<const snapshot> value;
        std::array<bool, 2> drained{};  // each parity seen at zero since it was replaced
    };

    [[nodiscard]] bool parity_idle(unsigned parity) const noexcept;

    // Per thread: how deep it is in snapshot reads (a sink may log through another
    // logger), and the stripe it announces its reads on (threads spread over the
    // counters so that two logging threads rarely write the same cache line).
    struct read_state {
        int depth = 0;
        unsigned stripe = ~0u;  // not chosen yet
    };
    static read_state& this_thread() noexcept {
        static thread_local read_state state;  // constant-initialised: no TLS guard
        return state;
    }
    static unsigned choose_stripe() noexcept;

    std::atomic<const snapshot*> current_;
    std::atomic<unsigned> epoch_{0};
    mutable counter counters_[2][stripes];
    std::vector<retired_snapshot> retired_;
};

inline snapshot_cell::reader::reader(const snapshot_cell& cell) noexcept
    : counter_([&]() -> std::atomic<long>& {
          auto& state = this_thread();
          if (state.stripe == ~0u) state.stripe = choose_stripe();
          return cell.counters_[cell.epoch_.load() & 1u][state.stripe].readers;
      }()),
      snapshot_(nullptr) {
    // Sequentially consistent: the increment is ordered before the load of current_, and
    // publish() stores current_ before it looks at the counters, so a snapshot is only
    // freed once every reader that could have loaded it has left.
    counter_.fetch_add(1);
    snapshot_ = cell.current_.load();
    ++this_thread().depth;
}

inline snapshot_cell::reader::~reader() {
    --this_thread().depth;
    counter_.fetch_sub(1, std::memory_order_release);
}

}  // namespace complog::detail
