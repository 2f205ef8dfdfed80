// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "resolve.h"

#include <algorithm>

namespace complog::detail {

resolved_level level_table::operator[](registry::node_id id) const {
    const auto n = state(id);
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
// plain spdlog::info() calls belong to it, so it follows the root (`all`). Its own state
// only: the names below it (a leading '.') follow what it had before.
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
    auto& r = states_[slot_[default_logger]];  // parentless: an anchor
    if (r.source() == level_source::setting) return;
    r = state(root).followed_by_child(root);
    r.set(node_state::reaches_sink_bit, true);
}

namespace {

// A node whose state is not simply what its parent gives a child, whatever the settings.
bool anchored_by_registry(const registry::node& n) {
    return n.parent == registry::no_node || n.owns_sink || !n.artifact.empty();
}

}  // namespace

bool level_table::shape_holds(const registry& reg) const noexcept {
    return shape_version_ == reg.sinks_version() && slot_.size() <= reg.size();
}

void level_table::rebuild_shape(const registry& reg, const std::vector<registry::node_id>& named) {
    anchors_.clear();
    slot_.clear();
    shape_version_ = reg.sinks_version();
    auto next = named.begin();
    for (registry::node_id id = 0; id < reg.size(); ++id) {
        const auto& n = reg.at(id);
        while (next != named.end() && *next < id) ++next;
        const bool is_named = next != named.end() && *next == id;
        if (is_named || anchored_by_registry(n)) {
            slot_.push_back(static_cast<std::uint32_t>(2 * anchors_.size()));
            anchors_.push_back(id);
        } else {
            slot_.push_back(slot_[n.parent] | 1u);
        }
    }
    states_.resize(2 * anchors_.size());
}

void level_table::add_nodes(const registry& reg) {
    for (auto id = static_cast<registry::node_id>(slot_.size()); id < reg.size(); ++id) {
        const auto& n = reg.at(id);
        if (anchored_by_registry(n)) {
            slot_.push_back(static_cast<std::uint32_t>(2 * anchors_.size()));
            anchors_.push_back(id);
        } else {
            slot_.push_back(slot_[n.parent] | 1u);
        }
    }
    states_.resize(2 * anchors_.size());
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

    // Every node a setting names must be an anchor. Those named before stay anchors, so
    // settings that alternate between names rebuild the shape once, not at every change.
    const bool holds = table.shape_holds(reg);
    if (holds) table.add_nodes(reg);
    const bool covered = holds && std::all_of(named.begin(), named.end(), [&](const auto& e) {
                             return (table.slot_[e.node] & 1u) == 0;
                         });
    if (!covered) {
        auto& ids = table.named_;
        ids.clear();
        if (holds) ids = table.anchors_;
        for (const auto& e : named) ids.push_back(e.node);
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        table.rebuild_shape(reg, ids);
    }
    table.resolve_anchors(reg, 0);
    table.follow_root_with_default_logger(reg, 0);
}

void resolve_new(const registry& reg, level default_level, level_table& table) {
    table.set_top(reg, nullptr, default_level);
    const auto first_node = table.slot_.size();
    auto first_anchor = table.anchors_.size();
    if (table.shape_holds(reg)) {
        table.add_nodes(reg);
    } else {  // the registry changed more than resolve_new assumes: everything again
        auto& ids = table.named_;
        ids.clear();
        for (const auto& e : table.explicit_) {
            if (e.node < reg.size()) ids.push_back(e.node);
        }
        table.rebuild_shape(reg, ids);
        first_anchor = 0;
    }
    table.resolve_anchors(reg, first_anchor);
    table.follow_root_with_default_logger(reg, first_anchor == 0 ? 0 : first_node);
}

void level_table::resolve_anchors(const registry& reg, std::size_t first) {
    if (first >= anchors_.size()) return;
    auto next_explicit =
        std::lower_bound(explicit_.begin(), explicit_.end(), anchors_[first],
                         [](const explicit_level& e, registry::node_id id) { return e.node < id; });
    const node_state top = top_;
    // Plain pointers, read once: the loop's stores cannot make them reload.
    node_state* const out = states_.data();
    const std::uint32_t* const slot = slot_.data();
    const registry::node* const nodes = &reg.at(0);
    for (auto k = first; k < anchors_.size(); ++k) {
        const auto id = anchors_[k];
        const auto& n = nodes[id];
        // What the parent gives a child: the follower state of the parent's anchor (the
        // parent itself, or an ancestor the parent follows).
        node_state r = n.parent != registry::no_node ? out[slot[n.parent] | 1u] : top;
        while (next_explicit != explicit_.end() && next_explicit->node < id) ++next_explicit;
        if (next_explicit != explicit_.end() && next_explicit->node == id) {
            if (next_explicit->value) {
                r = r.replaced(*next_explicit->value, level_source::setting, id);
            }
            ++next_explicit;
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
        out[2 * k] = r;
        out[2 * k + 1] = r.followed_by_child(id);
    }
}

level_table::push_plan level_table::plan_pushes(push_rule rule,
                                                std::vector<std::uint8_t>& buffer) const {
    buffer.resize(states_.size());
    for (std::size_t i = 0; i < states_.size(); ++i) {
        const auto n = states_[i];
        const bool store =
            rule == push_rule::every_node ||
            (rule == push_rule::spec_governs ? n.spec_governs() : n.set_by_settings());
        buffer[i] = store ? static_cast<std::uint8_t>(n.pushed()) : push_plan::no_store;
    }
    return {slot_.data(), buffer.data()};
}

}  // namespace complog::detail
