// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include <complog/resolve.h>

#include <algorithm>
#include <optional>
#include <utility>

namespace complog {
namespace {

struct explicit_level {
    registry::node_id node;
    std::optional<level> value;
    std::int32_t entry;
};

// The final explicit level of each named node (later entries win), sorted by node id
// so the pass below can merge it in without a per-node lookup.
std::vector<explicit_level> explicit_levels(const registry& reg, const settings& s) {
    std::vector<explicit_level> out;
    for (std::size_t i = 0; i < s.levels.size(); ++i) {
        const auto& e = s.levels[i];
        const auto add = [&](std::string_view name) {
            const auto id = reg.find(name);
            if (id != registry::no_node) out.push_back({id, e.value, static_cast<std::int32_t>(i)});
        };
        switch (e.kind) {
            case target_kind::root:
                add(reg.root());
                break;
            case target_kind::component:
                if (const auto* c = reg.find_component(e.name)) {
                    for (const auto& name : c->logger_names) add(name);
                }
                break;
            case target_kind::module:
                add(e.name);
                break;
        }
    }
    // Stable: for one node the last entry must come last, then it is the one kept.
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.node < b.node; });
    std::vector<explicit_level> last;
    for (const auto& e : out) {
        if (!last.empty() && last.back().node == e.node) {
            last.back() = e;
        } else {
            last.push_back(e);
        }
    }
    return last;
}

// spdlog's default logger has the empty name, outside every dotted tree; a program's
// plain spdlog::info() calls belong to it, so it follows the root (`all`).
void follow_root_with_default_logger(const registry& reg, level_table& table, std::size_t first) {
    const auto default_logger = reg.find("");
    const auto root = reg.root().empty() ? registry::no_node : reg.find(reg.root());
    if (default_logger == registry::no_node || root == registry::no_node) return;
    if (default_logger < first && root < first) return;
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

void resolve_range(const registry& reg, const settings& s, level default_level, level_table& table,
                   std::size_t first) {
    const auto explicit_by_node = explicit_levels(reg, s);
    auto next_explicit = std::lower_bound(
        explicit_by_node.begin(), explicit_by_node.end(), first,
        [](const explicit_level& e, std::size_t id) { return e.node < id; });
    table.resize(reg.size());
    for (auto id = static_cast<registry::node_id>(first); id < reg.size(); ++id) {
        const auto& n = reg.at(id);
        auto& r = table[id];
        r = resolved_level{};
        const resolved_level* parent = n.parent == registry::no_node ? nullptr : &table[n.parent];

        const artifact_info* artifact = n.artifact.empty() ? nullptr : reg.find_artifact(n.artifact);
        const bool artifact_on = artifact && s.artifact_enabled(artifact->name);
        const bool has_explicit = next_explicit != explicit_by_node.end() && next_explicit->node == id;

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
    follow_root_with_default_logger(reg, table, first);
}

}  // namespace

level_table resolve(const registry& reg, const settings& s, level default_level) {
    level_table table;
    resolve_range(reg, s, default_level, table, 0);
    return table;
}

void resolve_new(const registry& reg, const settings& s, level default_level, level_table& table) {
    resolve_range(reg, s, default_level, table, table.size());
}

}  // namespace complog
