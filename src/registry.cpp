// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "registry.h"

#include "hash.h"
#include "text.h"
#include "unicode.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <random>
#include <stdexcept>

namespace complog::detail {
namespace {

// One spec word: what the grammar reads as a name, without '.'.
bool is_spec_word(std::string_view name) {
    if (name.empty()) return false;
    for (std::size_t pos = 0; pos < name.size();) {
        const auto c = decode_utf8(name, pos);
        if (c.length == 0 || !is_word_char(c.value)) return false;
        pos += c.length;
    }
    return true;
}

void check_word(std::string_view what, std::string_view name) {
    if (!is_spec_word(name)) {
        throw std::invalid_argument(
            "complog: " + std::string(what) + " " + quoted(name) +
            " is not a spec word (letters, digits and '_'; dotted names are modules)");
    }
    if (name == "all" || name == "help") {
        throw std::invalid_argument("complog: " + std::string(what) + " " + quoted(name) +
                                    " is reserved by the spec grammar");
    }
}

constexpr std::uint64_t hash_multiplier = 0x9e3779b97f4a7c15ULL;

// A per-process secret, so names cannot be crafted to share a hash (which would make
// every lookup among them a linear probe): read once, on first use, whatever the order of
// static initialisation.
std::uint64_t hash_seed() noexcept {
    static const std::uint64_t seed = [] {
        std::uint64_t value = 0;
        try {
            std::random_device device;
            value = std::uint64_t{device()} << 32 ^ device();
        } catch (...) {
        }
        // No random source: the clock and an address still differ between runs.
        value ^=
            static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
        value ^= reinterpret_cast<std::uintptr_t>(&value);
        return value;
    }();
    return seed;
}

std::uint64_t mixed(std::uint64_t h, std::uint64_t word) {
    return folded_product(h ^ word, hash_multiplier);
}

std::uint64_t load64(const char* p) {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    return word;
}

std::uint64_t load32(const char* p) {
    std::uint32_t word;
    std::memcpy(&word, p, sizeof word);
    return word;
}

// Hashes the prefixes of one name, in increasing length, each in time linear in the bytes
// it adds: hash(n) is key_of(name.substr(0, n)).hash. So intern() hashes every new
// ancestor's full name in one pass over the name. Eight bytes a step (std::hash on
// _Hash_bytes costs about twice as much on the names of a spec).
class prefix_hasher {
public:
    explicit prefix_hasher(std::string_view name) : name_(name) {}

    std::size_t hash(std::size_t length) {
        for (; 8 * (words_ + 1) <= length; ++words_) {
            state_ = mixed(state_, load64(name_.data() + 8 * words_));
        }
        const char* tail = name_.data() + 8 * words_;
        const auto n = length - 8 * words_;
        std::uint64_t last = 0;  // the tail's bytes, each in some position: 0 to 7 of them
        if (n >= 4) {
            last = load32(tail) | load32(tail + n - 4) << 32;
        } else if (n > 0) {
            last = std::uint64_t{static_cast<unsigned char>(tail[0])} |
                   std::uint64_t{static_cast<unsigned char>(tail[n / 2])} << 8 |
                   std::uint64_t{static_cast<unsigned char>(tail[n - 1])} << 16;
        }
        auto h = mixed(mixed(state_, last), length) * hash_multiplier;
        return static_cast<std::size_t>(h ^ (h >> 29));
    }

private:
    std::string_view name_;
    std::uint64_t state_ = hash_seed();  // over the first words_ eight-byte words
    std::size_t words_ = 0;
};

// Open addressing with linear probing, shared by the name index and the child table:
// puts `item` in the first free slot from `home`.
template <typename Slot, typename IsFree>
void place(std::vector<Slot>& slots, const Slot& item, std::size_t home, IsFree is_free) {
    const auto mask = slots.size() - 1;
    auto i = home & mask;
    while (!is_free(slots[i])) i = (i + 1) & mask;
    slots[i] = item;
}

// Makes room for one more item at most half full: doubles `slots` (to `minimum` at
// first) and places every item again.
template <typename Slot, typename IsFree, typename Home>
void reserve_one_more(std::vector<Slot>& slots, std::size_t size, std::size_t minimum,
                      IsFree is_free, Home home) {
    if (2 * (size + 1) <= slots.size()) return;
    std::vector<Slot> old(std::max(minimum, 2 * slots.size()));
    old.swap(slots);
    for (const auto& item : old) {
        if (!is_free(item)) place(slots, item, home(item), is_free);
    }
}

}  // namespace

registry::lookup_key registry::key_of(std::string_view name) noexcept {
    return {name, prefix_hasher(name).hash(name.size())};
}

void registry::name_index::insert(std::size_t hash, std::uint32_t number) {
    const auto is_free = [](const entry& e) { return e.number == none; };
    const auto home = [](const entry& e) { return std::size_t{e.tag}; };
    reserve_one_more(entries_, size_, 16, is_free, home);
    const entry added{static_cast<std::uint32_t>(hash), number};
    place(entries_, added, home(added), is_free);
    ++size_;
}

std::string_view registry::artifact_of(std::string_view logger_name) {
    const auto dot = logger_name.rfind('.');
    const auto last = dot == std::string_view::npos ? logger_name : logger_name.substr(dot + 1);
    return last.size() > 2 && last.substr(0, 2) == "__" ? last.substr(2) : std::string_view{};
}

void registry::add_component(std::string alias, std::vector<std::string> logger_names) {
    check_word("alias", alias);
    if (find_artifact(alias)) {
        throw std::invalid_argument("complog: alias " + quoted(alias) +
                                    " is already the name of an artifact");
    }
    for (const auto& name : logger_names) {
        if (name.empty()) {
            throw std::invalid_argument("complog: component " + quoted(alias) +
                                        " lists an empty logger name");
        }
    }
    for (const auto& name : logger_names) claim_sink(add_module(name));
    const auto key = key_of(alias);
    if (const auto number = component_number(key); number != name_index::none) {
        auto& replaced = components_[number].logger_names;
        for (const auto& name : replaced) release_sink(find(name));
        replaced = std::move(logger_names);
    } else {
        const auto added = static_cast<std::uint32_t>(components_.size());
        components_.push_back(component_info{std::move(alias), std::move(logger_names)});
        component_index_.insert(key.hash, added);  // key.name viewed the moved alias
    }
}

void registry::add_artifact(artifact_info artifact) {
    check_word("artifact", artifact.name);
    if (find_component(artifact.name)) {
        throw std::invalid_argument("complog: artifact " + quoted(artifact.name) +
                                    " is already the alias of a component");
    }
    const auto key = key_of(artifact.name);
    if (const auto number = artifact_number(key); number != name_index::none) {
        artifacts_[number] = std::move(artifact);
        return;
    }
    const auto number = static_cast<std::uint32_t>(artifacts_.size());
    artifacts_.push_back(std::move(artifact));
    artifact_index_.insert(key.hash, number);
}

registry::node_id registry::add_module(std::string_view name) {
    const auto id = intern(name);
    nodes_[id].known = true;
    return id;
}

void registry::set_root(std::string_view name) {
    if (name.empty()) throw std::invalid_argument("complog: the root logger name is empty");
    const auto id = add_module(name);
    claim_sink(id);
    if (!root_.empty()) release_sink(find(root_));
    root_ = std::string(name);
}

void registry::clear_root() {
    if (root_.empty()) return;
    release_sink(find(root_));
    root_.clear();
}

void registry::promote(std::string_view name) { claim_sink(add_module(name)); }

void registry::claim_sink(node_id id) {
    if (id >= sink_claims_.size()) sink_claims_.resize(id + 1);
    ++sink_claims_[id];
    nodes_[id].owns_sink = true;
    sinks_version_.renew();
}

void registry::release_sink(node_id id) {
    nodes_[id].owns_sink = --sink_claims_[id] > 0;
    sinks_version_.renew();
}

std::uint64_t registry::version_stamp::next() noexcept {
    static std::atomic<std::uint64_t> last{0};
    return last.fetch_add(1, std::memory_order_relaxed) + 1;
}

std::uint32_t registry::component_number(const lookup_key& alias) const {
    return component_index_.find(
        alias, [this](std::uint32_t n) { return std::string_view(components_[n].alias); });
}

std::uint32_t registry::artifact_number(const lookup_key& name) const {
    return artifact_index_.find(
        name, [this](std::uint32_t n) { return std::string_view(artifacts_[n].name); });
}

const component_info* registry::find_component(const lookup_key& alias) const {
    const auto number = component_number(alias);
    return number == name_index::none ? nullptr : &components_[number];
}

const artifact_info* registry::find_artifact(const lookup_key& name) const {
    const auto number = artifact_number(name);
    return number == name_index::none ? nullptr : &artifacts_[number];
}

bool registry::is_known_module(const lookup_key& name) const {
    const auto id = find(name);
    return id != no_node && nodes_[id].known;
}

bool registry::under_sink_owner(std::string_view name) const {
    // The name itself may not be interned; its interned ancestors decide.
    bool owned = false;
    walk(name, [&](node_id id) { owned = owned || nodes_[id].owns_sink; });
    return owned;
}

bool registry::under_sink_owner(node_id id) const {
    for (; id != no_node; id = nodes_[id].parent) {
        if (nodes_[id].owns_sink) return true;
    }
    return false;
}

template <typename Visit>
registry::node_id registry::walk(std::string_view name, Visit visit) const {
    node_id id = no_node;
    for (std::size_t start = 0;;) {
        const auto dot = name.find('.', start);
        id = children_.find(id, name.substr(start, dot - start));
        if (id == no_node) return no_node;
        visit(id);
        if (dot == std::string_view::npos) return id;
        start = dot + 1;
    }
}

std::size_t registry::child_table::hash_of(node_id parent, std::string_view component) noexcept {
    return key_of(component).hash ^ (std::size_t{parent} * hash_multiplier);
}

registry::node_id registry::child_table::find(node_id parent, std::string_view component) const {
    if (slots_.empty()) return no_node;
    const auto hash = hash_of(parent, component);
    const auto mask = slots_.size() - 1;
    for (auto i = hash & mask;; i = (i + 1) & mask) {
        const auto& s = slots_[i];
        if (s.child == no_node) return no_node;
        if (s.hash == hash && s.parent == parent && s.component == component) return s.child;
    }
}

void registry::child_table::insert(node_id parent, std::string_view component, node_id child) {
    const auto is_free = [](const slot& s) { return s.child == no_node; };
    reserve_one_more(slots_, size_, 64, is_free, [](const slot& s) { return s.hash; });
    const auto hash = hash_of(parent, component);
    place(slots_, slot{component, hash, parent, child}, hash, is_free);
    ++size_;
}

registry::node_id registry::intern(std::string_view name) {
    node_id id = no_node;
    bool adding = false;      // a component was missing: this and the rest are new nodes
    std::string_view stored;  // the copy of `name` the new nodes view
    prefix_hasher full_names(name);
    for (std::size_t start = 0;;) {
        const auto dot = name.find('.', start);
        const auto end = dot == std::string_view::npos ? name.size() : dot;
        if (!adding) {
            const auto child = children_.find(id, name.substr(start, end - start));
            if (child != no_node) {
                id = child;
            } else {
                stored = store(name);
                adding = true;
            }
        }
        if (adding) {  // from the first missing component on, every one is new
            const auto full = stored.substr(0, end);
            const auto new_id = static_cast<node_id>(nodes_.size());
            nodes_.push_back(node{full, id, false, false, artifact_of(full)});
            children_.insert(id, full.substr(start), new_id);
            node_index_.insert(full_names.hash(end), new_id);
            id = new_id;
        }
        if (dot == std::string_view::npos) return id;
        start = dot + 1;
    }
}

std::string_view registry::store(std::string_view name) {
    constexpr std::size_t chunk_size = 16 * 1024;
    const auto copy_into = [&](char* to) {
        std::memcpy(to, name.data(), name.size());
        return std::string_view(to, name.size());
    };
    if (name.size() > chunk_size / 4) {  // a long name gets a block of its own
        name_chunks_.push_back(std::make_unique<char[]>(name.size()));
        return copy_into(name_chunks_.back().get());
    }
    // An index, not a pointer, names the chunk being filled: after a move it is simply
    // out of range and a new chunk starts.
    if (current_chunk_ >= name_chunks_.size() || chunk_used_ + name.size() > chunk_size) {
        name_chunks_.push_back(std::make_unique<char[]>(chunk_size));
        current_chunk_ = name_chunks_.size() - 1;
        chunk_used_ = 0;
    }
    const auto stored = copy_into(name_chunks_[current_chunk_].get() + chunk_used_);
    chunk_used_ += name.size();
    return stored;
}

registry::node_id registry::find(const lookup_key& name) const {
    return node_index_.find(name, [this](std::uint32_t id) { return nodes_[id].name; });
}

registry::lookup_hint registry::prefetch_slot(const lookup_key& name) const {
    const auto* e = node_index_.first(name);
    if (e) __builtin_prefetch(e);
    return e;
}

void registry::prefetch_node(lookup_hint hint) const {
    const auto* e = static_cast<const name_index::entry*>(hint);
    if (e && e->number != name_index::none) __builtin_prefetch(&nodes_[e->number]);
}

void registry::prefetch_name(lookup_hint hint) const {
    const auto* e = static_cast<const name_index::entry*>(hint);
    if (e && e->number != name_index::none) __builtin_prefetch(nodes_[e->number].name.data());
}

bool promote_named_modules(registry& reg, const settings& s) {
    bool changed = false;
    for (const auto& e : s.levels) {
        if (e.kind != target_kind::module) continue;
        if (!reg.is_known_module(e.name)) changed = true;
        const auto id = reg.add_module(e.name);
        if (!reg.under_sink_owner(id)) {
            reg.promote(e.name);
            changed = true;
        }
    }
    return changed;
}

}  // namespace complog::detail
