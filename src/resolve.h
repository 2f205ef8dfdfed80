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
//  - spdlog's default logger (the empty name) follows the root.
//
//     auto table = complog::resolve(reg, settings, spdlog::level::warn);
//     table[reg.find("myapp.net.http")].pushed();   // the level to give the logger
//
// Pure: no global state. Cost: one pass over the tree, O(names + settings).

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
class level_table {
public:
    [[nodiscard]] const resolved_level& operator[](registry::node_id id) const {
        return levels_[id];
    }
    [[nodiscard]] std::size_t size() const noexcept { return levels_.size(); }

private:
    friend level_table resolve(const registry&, const settings&, level);
    friend void resolve_new(const registry&, level, level_table&);

    // The settings' final level for each node they name, sorted by node id.
    struct explicit_level {
        registry::node_id node;
        std::optional<level> value;
        std::int32_t entry;
    };

    void resolve_from(const registry& reg, level default_level, std::size_t first);

    std::vector<resolved_level> levels_;
    std::vector<explicit_level> explicit_;
    std::vector<std::string> enabled_artifacts_;
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
            case target_kind::root:
                named(reg.root());
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

/// Resolves every node of `reg`. Settings must have been validated against `reg`,
/// and module entries interned in it.
level_table resolve(const registry& reg, const settings& s, level default_level);

/// Resolves the nodes added to `reg` since `table` was computed with the same settings
/// and otherwise unchanged registrations: O(new nodes). Used when loggers are created.
void resolve_new(const registry& reg, level default_level, level_table& table);

}  // namespace complog::detail
