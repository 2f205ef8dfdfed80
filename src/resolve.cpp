// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "resolve.h"

#include <algorithm>

namespace complog::detail {

resolved_level level_table::operator[](registry::node_id id) const {
    const auto n = levels_[id];
    resolved_level r;
    r.effective = n.effective();
    r.reaches_sink = n.has(node_state::reaches_sink_bit);
    r.artifact_off = n.has(node_state::artifact_off_bit);
    r.source = n.source();
    r.from = n.from();
    if (r.source == level_source::setting || r.source == level_source::inherited) {
        const auto e = std::lower_bound(
            explicit_.begin(), explicit_.end(), r.from,
            [](const explicit_level& x, registry::node_id node) { return x.node < node; });
        // Not found: the level comes from `all` through the implicit top.
        r.entry = e != explicit_.end() && e->node == r.from ? e->entry : top_entry_;
    }
    return r;
}

resolved_level level_table::top() const {
    resolved_level r;
    r.effective = top_.effective();
    r.reaches_sink = top_.has(node_state::reaches_sink_bit);
    r.source = top_.source();
    r.entry = top_entry_;
    return r;
}

// Without a root, `all` is the top every parentless name follows, and every name reaches
// the library's sinks: the program has no dotted tree for `all` to name.
void level_table::set_top(const registry& reg, const settings* s, level default_level) {
    const bool rootless = reg.root().empty();
    if (s) {
        top_entry_ = -1;
        for (std::size_t i = 0; rootless && i < s->levels.size(); ++i) {
            const auto& e = s->levels[i];
            if (e.kind == target_kind::root) {
                top_entry_ = e.value ? static_cast<std::int32_t>(i) : -1;
            }
        }
        if (top_entry_ >= 0) {
            const auto value = *s->levels[static_cast<std::size_t>(top_entry_)].value;
            top_ = node_state(value, level_source::setting, registry::no_node);
        }
    }
    if (top_entry_ < 0)
        top_ = node_state(default_level, level_source::default_level, registry::no_node);
    top_.set(node_state::reaches_sink_bit, rootless);
}

// spdlog's default logger has the empty name, outside every dotted tree; a program's
// plain spdlog::info() calls belong to it, so it follows the root (`all`).
void level_table::follow_root_with_default_logger(const registry& reg, std::size_t first) {
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
    auto& r = levels_[default_logger];
    if (r.source() == level_source::setting) return;
    r = levels_[root].followed_by_child(root);
    r.set(node_state::reaches_sink_bit, true);
}

void resolve_into(const registry& reg, const settings& s, level default_level, level_table& table) {
    auto& named = table.explicit_;
    named.clear();
    for_each_named_node(reg, s, [&](registry::node_id id, std::size_t entry) {
        named.push_back({id, s.levels[entry].value, static_cast<std::int32_t>(entry)});
    });
    // Stable, so that for one node the last entry stays last and is the one kept.
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
    table.set_top(reg, &s, default_level);
    table.resolve_from(reg, 0);
}

void resolve_new(const registry& reg, level default_level, level_table& table) {
    table.set_top(reg, nullptr, default_level);
    table.resolve_from(reg, table.levels_.size());
}

void level_table::resolve_from(const registry& reg, std::size_t first) {
    auto next_explicit =
        std::lower_bound(explicit_.begin(), explicit_.end(), first,
                         [](const explicit_level& e, std::size_t id) { return e.node < id; });
    // The node the next settings entry names: one compare per node.
    const auto named_next = [&] {
        return next_explicit != explicit_.end() ? next_explicit->node : registry::no_node;
    };
    auto next_named = named_next();
    levels_.resize(reg.size());
    const node_state top = top_;
    // Plain pointers, read once: the loop's stores cannot make them reload.
    node_state* const out = levels_.data();
    const auto end = static_cast<registry::node_id>(reg.size());
    const registry::node* const nodes = end > first ? &reg.at(0) : nullptr;
    for (auto id = static_cast<registry::node_id>(first); id < end; ++id) {
        const auto& n = nodes[id];
        node_state r =
            n.parent != registry::no_node ? out[n.parent].followed_by_child(n.parent) : top;
        if (id == next_named) {
            if (next_explicit->value) {
                r = r.replaced(*next_explicit->value, level_source::setting, id);
            }
            ++next_explicit;
            next_named = named_next();
        }
        // Python's propagation: a record climbs until a logger owns a handler, and an
        // off_by_default artifact that is not enabled stops it. (`top` reaches nothing,
        // but without a root.) Followed states carry no artifact_off: a name that is not
        // an artifact's keeps its parent's reach, or owns a sink.
        if (!n.artifact.empty()) {
            bool artifact_off = false;
            if (const artifact_info* artifact = reg.find_artifact(n.artifact)) {
                const bool on = std::find(enabled_artifacts_.begin(), enabled_artifacts_.end(),
                                          artifact->name) != enabled_artifacts_.end();
                if (on) {
                    r = r.replaced(level::debug, level_source::artifact_on, registry::no_node);
                }
                artifact_off = artifact->off_by_default && !on;
            }
            r.set(node_state::artifact_off_bit, artifact_off);
            r.set(node_state::reaches_sink_bit,
                  r.has(node_state::reaches_sink_bit) && !artifact_off);
        }
        if (n.owns_sink) r.set(node_state::reaches_sink_bit, true);
        out[id] = r;
    }
    follow_root_with_default_logger(reg, first);
}

}  // namespace complog::detail
