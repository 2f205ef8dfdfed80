// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "resolve.h"

#include <algorithm>

namespace complog::detail {
namespace {

// spdlog's default logger has the empty name, outside every dotted tree; a program's
// plain spdlog::info() calls belong to it, so it follows the root (`all`).
void follow_root_with_default_logger(const registry& reg, std::vector<resolved_level>& table,
                                     std::size_t first) {
    if (first > 0) {
        // Nothing to do unless the default logger or the root is among the new nodes:
        // checked by name, cheaper than two lookups for every logger created.
        bool involved = false;
        for (auto id = static_cast<registry::node_id>(first); id < reg.size(); ++id) {
            const auto name = reg.at(id).name;
            involved = involved || name.empty() || name == reg.root();
        }
        if (!involved) return;
    }
    const auto default_logger = reg.find("");
    const auto root = reg.root().empty() ? registry::no_node : reg.find(reg.root());
    if (default_logger == registry::no_node || root == registry::no_node) return;
    auto& r = table[default_logger];
    if (r.source == level_source::setting) return;
    const auto& from = table[root];
    r.effective = from.effective;
    r.source = from.source == level_source::default_level ? level_source::default_level
                                                          : level_source::inherited;
    r.from = from.source == level_source::inherited ? from.from : root;
    if (r.source == level_source::default_level) r.from = registry::no_node;
    r.entry = from.entry;
    r.reaches_sink = true;
}

}  // namespace

level_table resolve(const registry& reg, const settings& s, level default_level) {
    level_table table;
    for_each_named_node(reg, s, [&](registry::node_id id, std::size_t entry) {
        table.explicit_.push_back({id, s.levels[entry].value, static_cast<std::int32_t>(entry)});
    });
    // Stable, so that for one node the last entry stays last and is the one kept.
    auto& named = table.explicit_;
    std::stable_sort(named.begin(), named.end(),
                     [](const auto& a, const auto& b) { return a.node < b.node; });
    std::size_t kept = 0;
    for (std::size_t i = 0; i < named.size(); ++i) {
        if (kept > 0 && named[kept - 1].node == named[i].node) {
            named[kept - 1] = named[i];
        } else {
            named[kept++] = named[i];
        }
    }
    named.resize(kept);
    table.enabled_artifacts_ = s.artifacts;
    table.resolve_from(reg, default_level, 0);
    return table;
}

void resolve_new(const registry& reg, level default_level, level_table& table) {
    table.resolve_from(reg, default_level, table.levels_.size());
}

void level_table::resolve_from(const registry& reg, level default_level, std::size_t first) {
    auto next_explicit =
        std::lower_bound(explicit_.begin(), explicit_.end(), first,
                         [](const explicit_level& e, std::size_t id) { return e.node < id; });
    levels_.resize(reg.size());
    for (auto id = static_cast<registry::node_id>(first); id < reg.size(); ++id) {
        const auto& n = reg.at(id);
        auto& r = levels_[id];
        r = resolved_level{};
        const resolved_level* parent = n.parent == registry::no_node ? nullptr : &levels_[n.parent];

        const artifact_info* artifact =
            n.artifact.empty() ? nullptr : reg.find_artifact(n.artifact);
        const bool artifact_on =
            artifact && std::find(enabled_artifacts_.begin(), enabled_artifacts_.end(),
                                  artifact->name) != enabled_artifacts_.end();
        const bool has_explicit = next_explicit != explicit_.end() && next_explicit->node == id;

        if (artifact_on) {
            r.effective = level::debug;
            r.source = level_source::artifact_on;
        } else if (has_explicit && next_explicit->value) {
            r.effective = *next_explicit->value;
            r.source = level_source::setting;
            r.from = id;
            r.entry = next_explicit->entry;
        } else if (parent) {
            r.effective = parent->effective;
            r.source = parent->source == level_source::default_level ? level_source::default_level
                                                                     : level_source::inherited;
            r.from = parent->source == level_source::inherited ? parent->from : n.parent;
            if (r.source == level_source::default_level) r.from = registry::no_node;
            r.entry = parent->entry;
        } else {
            r.effective = default_level;
        }
        if (has_explicit) ++next_explicit;

        // Python's propagation: a record climbs until a logger owns a handler, and an
        // off_by_default artifact that is not enabled stops it.
        r.artifact_off = artifact && artifact->off_by_default && !artifact_on;
        r.reaches_sink = n.owns_sink || (!r.artifact_off && parent && parent->reaches_sink);
    }
    follow_root_with_default_logger(reg, levels_, first);
}

}  // namespace complog::detail
