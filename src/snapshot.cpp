// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "snapshot.h"

#include <algorithm>
#include <cstddef>

namespace complog::detail {

level_rules::level_rules(const registry& reg, const settings& s, const level_table& table,
                         level /*default_level: the table's top carries it*/)
    : top_{table.top().effective, table.top().reaches_sink} {
    // Anchors are the nodes whose resolution is not derived from their parent's by the
    // artifact rule alone: a setting of their own, a sink of their own, the default
    // logger. Every other name is its deepest anchored ancestor plus that rule.
    std::vector<registry::node_id> anchored;
    const auto default_logger = reg.find("");
    for (registry::node_id id = 0; id < table.size(); ++id) {
        if (table.source(id) == level_source::setting || reg.at(id).owns_sink ||
            id == default_logger) {
            anchored.push_back(id);
        }
    }
    build(reg, s, table, anchored, {});
}

level_rules::level_rules(const registry& reg, const settings& s, const level_table& table,
                         level default_level, const std::vector<registry::node_id>& candidates)
    : level_rules(reg, s, table, default_level, candidates, {}) {}

level_rules::level_rules(const registry& reg, const settings& s, const level_table& table,
                         level /*default_level*/, const std::vector<registry::node_id>& candidates,
                         const pending_levels& pending)
    : top_{table.top().effective, table.top().reaches_sink} {
    std::vector<registry::node_id> anchored;
    anchored.reserve(candidates.size());
    const auto default_logger = reg.find("");
    for (const auto id : candidates) {
        if (id >= table.size()) continue;
        if (table.source(id) == level_source::setting || reg.at(id).owns_sink ||
            id == default_logger) {
            anchored.push_back(id);
        }
    }
    std::sort(anchored.begin(), anchored.end());
    anchored.erase(std::unique(anchored.begin(), anchored.end()), anchored.end());
    build(reg, s, table, anchored, pending);
}

void level_rules::build(const registry& reg, const settings& s, const level_table& table,
                        const std::vector<registry::node_id>& anchored,
                        const pending_levels& pending) {
    const auto default_logger = reg.find("");
    std::size_t bytes = 0;
    for (const auto id : anchored) bytes += reg.at(id).name.size();
    for (const auto& p : pending) bytes += p.first.size();
    anchors_ = frozen_name_map<anchor>(anchored.size() + pending.size() + 1);
    artifacts_ = frozen_name_map<artifact_rule>(reg.artifacts().size());
    for (const auto& a : reg.artifacts()) bytes += a.name.size();
    names_ = std::make_unique<char[]>(bytes);
    std::size_t used = 0;
    const auto keep = [&](std::string_view name) {
        char* at = names_.get() + used;
        std::copy(name.begin(), name.end(), at);
        used += name.size();
        return std::string_view(at, name.size());
    };
    for (const auto id : anchored) {
        anchors_.insert(keep(reg.at(id).name), anchor{table.effective(id), table.reaches_sink(id)});
    }
    // Unknown to the registry, so never one of the anchors above.
    for (const auto& [name, value] : pending) anchors_.insert(keep(name), anchor{value, true});
    // The default logger follows the root even before spdlog's registry showed it.
    const auto root = reg.root().empty() ? registry::no_node : reg.find(reg.root());
    if (default_logger == registry::no_node && root != registry::no_node) {
        anchors_.insert(std::string_view{}, anchor{table.effective(root), true});
    }
    for (const auto& a : reg.artifacts()) {
        artifacts_.insert(keep(a.name),
                          artifact_rule{s.artifact_enabled(a.name), a.off_by_default});
    }
}

level level_rules::threshold(std::string_view name) const {
    const auto pushed = [](const anchor& a) { return a.reaches_sink ? a.effective : level::off; };
    if (const auto* found = anchors_.find(name)) return pushed(*found);

    anchor state = top_;
    std::size_t start = 0;
    // A leading '.' parents a name under spdlog's default logger (""), whose own level
    // follows the root but whose children resolve() derives from it before that: never an
    // ancestor anchor.
    for (auto dot = name.rfind('.'); dot != std::string_view::npos && dot != 0;
         dot = name.rfind('.', dot - 1)) {
        if (const auto* found = anchors_.find(name.substr(0, dot))) {
            state = *found;
            start = dot + 1;
            break;
        }
    }
    // The components below the anchor have no setting and no sink: only an artifact
    // component changes what they inherit.
    for (auto pos = start;;) {
        const auto end = name.find('.', pos);
        const auto component = name.substr(pos, end == std::string_view::npos ? end : end - pos);
        if (component.size() > 2 && component.substr(0, 2) == "__") {
            if (const auto* rule = artifacts_.find(component.substr(2))) {
                if (rule->on) state.effective = level::debug;
                if (rule->off_by_default && !rule->on) state.reaches_sink = false;
            }
        }
        if (end == std::string_view::npos) break;
        pos = end + 1;
    }
    return pushed(state);
}

unsigned snapshot_cell::choose_stripe() noexcept {
    static std::atomic<unsigned> next{0};
    return next.fetch_add(1, std::memory_order_relaxed) % stripes;
}

snapshot_cell::snapshot_cell(std::unique_ptr<const snapshot> first) : current_(first.release()) {}

snapshot_cell::~snapshot_cell() { delete current_.load(); }

void snapshot_cell::publish(std::unique_ptr<const snapshot> next) {
    const snapshot* replaced = current_.exchange(next.release());
    retired_.push_back({std::unique_ptr<const snapshot>(replaced), {}});
    epoch_.fetch_add(1);  // new readers use the other parity; the old one drains
    reclaim();
}

bool snapshot_cell::parity_idle(unsigned parity) const noexcept {
    long readers = 0;
    for (const auto& c : counters_[parity]) readers += c.readers.load();
    return readers == 0;
}

void snapshot_cell::reclaim() {
    if (retired_.empty()) return;
    // A reader of a retired snapshot announced itself, on one parity, before the snapshot
    // was replaced; seeing that parity at zero afterwards means it has left.
    for (unsigned parity = 0; parity < 2; ++parity) {
        if (!parity_idle(parity)) continue;
        for (auto& r : retired_) r.drained[parity] = true;
    }
    std::vector<retired_snapshot> kept;
    for (auto& r : retired_) {
        if (!(r.drained[0] && r.drained[1])) kept.push_back(std::move(r));
    }
    retired_ = std::move(kept);  // the others' snapshots are freed here
}

void snapshot_cell::forget_readers_after_fork() noexcept {
    if (this_thread().depth != 0) return;  // forked from inside a record: keep the counts
    for (auto& parity : counters_) {
        for (auto& c : parity) c.readers.store(0);
    }
}

}  // namespace complog::detail
