// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Resolution: from (registry, settings) to the effective level of every name
// in the registry's tree, and whether a record there reaches a library sink.
// This is where TORCH_LOGS's semantics live:
//  - a name without a level of its own follows its nearest ancestor with one;
//    above everything sits an implicit root at the default level (warning);
//  - an artifact logger `m.__a` is debug when `a` is enabled; otherwise it
//    follows `m`, unless `a` is off_by_default, which keeps it silent;
//  - a record is written when some ancestor (inclusive) owns a sink (the root,
//    a component's logger, a promoted module), exactly once;
//  - spdlog's default logger (the empty name) follows the root;
//  - without a root, `all` is the implicit top itself: every name without a level of its
//    own follows it, and a record anywhere reaches the library's sinks.
//
//     auto table = complog::resolve(reg, settings, spdlog::level::warn);
//     table[reg.find("myapp.net.http")].pushed();   // the level to give the logger
//
// Pure: no global state. Cost: O(anchors + settings) (see level_table), O(names) when
// the registry's sinks changed or a setting names a node for the first time.

#pragma once

#include "registry.h"
#include "settings.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace complog::detail {

/// Why a name has its level.
enum class level_source : unsigned char {
    default_level,  ///< nothing above it has a level: the implicit root's
    setting,        ///< a settings entry names it
    inherited,      ///< from the ancestor `from`
    artifact_on,    ///< its artifact is enabled
};

struct resolved_level {
    level effective = level::warn;
    bool reaches_sink = false;  ///< a record passing `effective` is written
    bool artifact_off = false;  ///< an off_by_default artifact that is not enabled
    level_source source = level_source::default_level;
    registry::node_id from = registry::no_node;  ///< node holding the setting (setting/inherited)
    std::int32_t entry = -1;  ///< index into settings::levels (setting/inherited)

    /// The level to push into a logger that writes to the library's sinks.
    [[nodiscard]] level pushed() const noexcept { return reaches_sink ? effective : level::off; }
};

/// The resolution of every node, indexed by node id.
///
/// Most nodes have nothing of their own: no setting, no sink, no artifact. Such a node is
/// what its parent gives a child, and so is everything below it down to the next node
/// with something of its own. The table keeps, for each node, which of these "anchors"
/// decides it (rebuilt only when the registry's sinks change or a setting names a node
/// that is not an anchor yet; nodes added later are appended), and resolves the anchors
/// alone: a reconfiguration costs O(anchors + settings), not O(names).
class level_table {
public:
    [[nodiscard]] resolved_level operator[](registry::node_id id) const;
    [[nodiscard]] std::size_t size() const noexcept { return slot_.size(); }

    /// resolved_level::pushed() of a node, without the rest of its explanation.
    [[nodiscard]] level pushed(registry::node_id id) const noexcept { return state(id).pushed(); }
    /// Whether the spec decides the level of a logger here: under the root, a component or
    /// a promoted module, or an artifact it silences.
    [[nodiscard]] bool spec_governs(registry::node_id id) const noexcept {
        return state(id).spec_governs();
    }
    /// Whether a setting or an artifact, not the default level, gives the level here.
    [[nodiscard]] bool set_by_settings(registry::node_id id) const noexcept {
        return state(id).set_by_settings();
    }
    /// The effective level, the reach and the source of a node: operator[] without the
    /// settings entry it looks up.
    [[nodiscard]] level effective(registry::node_id id) const noexcept {
        return state(id).effective();
    }
    [[nodiscard]] bool reaches_sink(registry::node_id id) const noexcept {
        return state(id).has(node_state::reaches_sink_bit);
    }
    [[nodiscard]] level_source source(registry::node_id id) const noexcept {
        return state(id).source();
    }
    /// Calls visit(node) for each node the settings name, once each, in ascending order.
    template <typename Visit>
    void for_each_named(Visit visit) const {
        for (const auto& e : explicit_) visit(e.node);
    }

    /// pushed() and spec_governs() for loops over many nodes: the
    /// table's arrays are read once, where stores the loop makes through other pointers
    /// would make the compiler read them again. Valid until the table changes.
    class view;
    [[nodiscard]] view fast_view() const noexcept;
    /// For loops storing the levels of many loggers: each node's pushed() level, or
    /// push_plan::no_store where `rule` says the spec does not decide it.
    /// One load per node from a small table of the anchors' states, made once per loop in
    /// `buffer`. Valid until the table or the buffer changes.
    enum class push_rule { every_node, spec_governs, set_by_settings };
    class push_plan;
    [[nodiscard]] push_plan plan_pushes(push_rule rule, std::vector<std::uint8_t>& buffer) const;
    /// What a name without parent follows: the default level (reaching no sink), or,
    /// without a root, `all` (reaching the library's sinks).
    [[nodiscard]] resolved_level top() const;

private:
    friend void resolve_into(const registry&, const settings&, level, level_table&);
    friend void resolve_new(const registry&, level, level_table&);

    // The settings' final level for each node they name, sorted by node id.
    struct explicit_level {
        registry::node_id node;
        std::optional<level> value;
        std::int32_t entry;
    };

    // What a node has, packed in one word so that following a parent is one load and
    // one store (a struct of bytes is copied field by field): the level (bits 0-7), the
    // source (8-15), reaches_sink and artifact_off (16, 17) and `from` (32-63). The entry
    // of a setting is looked up from `from` when a resolution is explained.
    class node_state {
    public:
        static constexpr std::uint64_t reaches_sink_bit = 1u << 16, artifact_off_bit = 1u << 17;
        static constexpr std::uint64_t own_level_bit = 1u << 8;  // setting or artifact_on

        node_state() = default;
        node_state(level effective, level_source source, registry::node_id from)
            : bits_(static_cast<std::uint64_t>(from) << 32 |
                    static_cast<std::uint64_t>(source) << 8 |
                    static_cast<std::uint8_t>(effective)) {}

        [[nodiscard]] level effective() const noexcept { return static_cast<level>(bits_ & 0xff); }
        [[nodiscard]] level_source source() const noexcept {
            return static_cast<level_source>((bits_ >> 8) & 0xff);
        }
        [[nodiscard]] registry::node_id from() const noexcept {
            return static_cast<registry::node_id>(bits_ >> 32);
        }
        [[nodiscard]] bool has(std::uint64_t bit) const noexcept { return (bits_ & bit) != 0; }
        [[nodiscard]] level pushed() const noexcept {
            return has(reaches_sink_bit) ? effective() : level::off;
        }
        [[nodiscard]] bool spec_governs() const noexcept {
            return has(reaches_sink_bit | artifact_off_bit);
        }
        [[nodiscard]] bool set_by_settings() const noexcept {
            return source() != level_source::default_level || has(artifact_off_bit);
        }
        void set(std::uint64_t bit, bool on) noexcept { bits_ = on ? bits_ | bit : bits_ & ~bit; }
        /// Another level, source and `from`, with the same flags.
        [[nodiscard]] node_state replaced(level effective, level_source source,
                                          registry::node_id from) const noexcept {
            node_state s(effective, source, from);
            s.bits_ |= bits_ & (reaches_sink_bit | artifact_off_bit);
            return s;
        }
        /// The state of a child that follows this node (`self` is this node's id): the same
        /// level and reach, without artifact_off; inherited from `self` when this node's
        /// own setting or artifact gives it (both sources have bit 8 set).
        [[nodiscard]] node_state followed_by_child(registry::node_id self) const noexcept {
            static_assert(static_cast<int>(level_source::setting) == 1 &&
                              static_cast<int>(level_source::artifact_on) == 3 &&
                              static_cast<int>(level_source::default_level) == 0 &&
                              static_cast<int>(level_source::inherited) == 2,
                          "bit 8 marks the sources a child inherits from this node");
            node_state child;
            child.bits_ = bits_ & ~artifact_off_bit;
            if (bits_ & own_level_bit) {
                child.bits_ = (bits_ & (0xff | reaches_sink_bit)) |
                              static_cast<std::uint64_t>(level_source::inherited) << 8 |
                              static_cast<std::uint64_t>(self) << 32;
            }
            return child;
        }

    private:
        std::uint64_t bits_ = static_cast<std::uint64_t>(registry::no_node) << 32 | level::warn;
    };

    [[nodiscard]] node_state state(registry::node_id id) const noexcept {
        return states_[slot_[id]];
    }

    void set_top(const registry& reg, const settings* s, level default_level);
    /// Whether the shape still describes `reg` with nodes added since.
    [[nodiscard]] bool shape_holds(const registry& reg) const noexcept;
    /// The shape of `reg` from scratch, with `named` (ascending ids) as anchors too.
    void rebuild_shape(const registry& reg, const std::vector<registry::node_id>& named);
    /// Extends the shape to the nodes added since it was made.
    void add_nodes(const registry& reg);
    /// The anchors from the first-th on, in id order (a parent's before its children's).
    void resolve_anchors(const registry& reg, std::size_t first);
    void follow_root_with_default_logger(const registry& reg, std::size_t first);

    // The shape: anchors_ in ascending id order; for each node, the index in states_ of
    // its state (2k for anchor k itself, 2k + 1 for the nodes that follow anchor k, whose
    // state is what k gives a child); valid for the registry state shape_version_ names.
    std::vector<registry::node_id> anchors_;
    std::vector<std::uint32_t> slot_;
    std::uint64_t shape_version_ = 0;
    std::vector<node_state> states_;        // two per anchor
    std::vector<registry::node_id> named_;  // rebuild_shape's buffer
    node_state top_;
    std::int32_t top_entry_ = -1;  // the settings entry giving the top its level (`all`)
    std::vector<explicit_level> explicit_;
    std::vector<std::string> enabled_artifacts_;
};

class level_table::view {
public:
    [[nodiscard]] level pushed(registry::node_id id) const noexcept {
        return states_[slot_[id]].pushed();
    }
    [[nodiscard]] bool spec_governs(registry::node_id id) const noexcept {
        return states_[slot_[id]].spec_governs();
    }

private:
    friend class level_table;
    view(const std::uint32_t* slot, const node_state* states) noexcept
        : slot_(slot), states_(states) {}
    const std::uint32_t* slot_;
    const node_state* states_;
};

inline level_table::view level_table::fast_view() const noexcept {
    return {slot_.data(), states_.data()};
}

class level_table::push_plan {
public:
    static constexpr std::uint8_t no_store = 0xff;
    /// The level to store into a logger at node `id`, or no_store.
    [[nodiscard]] std::uint8_t at(registry::node_id id) const noexcept {
        return by_state_[slot_[id]];
    }

private:
    friend class level_table;
    push_plan(const std::uint32_t* slot, const std::uint8_t* by_state) noexcept
        : slot_(slot), by_state_(by_state) {}
    const std::uint32_t* slot_;
    const std::uint8_t* by_state_;
};

/// Calls visit(node, entry) for every node a level entry of `s` names (an alias names
/// each of its loggers), with the entry's index, in the order of the entries.
template <typename Visit>
void for_each_named_node(const registry& reg, const settings& s, Visit visit) {
    for (std::size_t i = 0; i < s.levels.size(); ++i) {
        const auto& e = s.levels[i];
        const auto named = [&](std::string_view name) {
            const auto id = reg.find(name);
            if (id != registry::no_node) visit(id, i);
        };
        switch (e.kind) {
            case target_kind::root:  // without a root, the implicit top (level_table::top)
                if (!reg.root().empty()) named(reg.root());
                break;
            case target_kind::component:
                if (const auto* c = reg.find_component(e.name)) {
                    for (const auto& name : c->logger_names) named(name);
                }
                break;
            case target_kind::module:
                named(e.name);
                break;
        }
    }
}

/// Resolves every node of `reg` into `table`, reusing its storage (a reconfiguration
/// allocates nothing once the table has its size). Settings must have been validated
/// against `reg`, and module entries interned in it.
void resolve_into(const registry& reg, const settings& s, level default_level, level_table& table);

/// resolve_into a new table.
inline level_table resolve(const registry& reg, const settings& s, level default_level) {
    level_table table;
    resolve_into(reg, s, default_level, table);
    return table;
}

/// Resolves the nodes added to `reg` since `table` was computed with the same settings
/// and otherwise unchanged registrations: O(new nodes). Used when loggers are created.
/// (Should the registry's sinks have changed meanwhile, every node again, with the
/// table's settings.)
void resolve_new(const registry& reg, level default_level, level_table& table);

}  // namespace complog::detail
