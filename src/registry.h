// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The registry: what a spec may name. Components (an alias for one or more
// dotted logger names), artifacts, the root that `all` means, known modules,
// and the tree of every dotted name complog knows, so that levels can be
// resolved in one pass over dense ids.
//
// A movable value with no global state; complog's configuration owns one.
// Tests and tools build their own:
//
//     complog::detail::registry reg;
//     reg.set_root("myapp");
//     reg.add_component("net", {"myapp.net", "myapp.rpc"});
//     reg.add_artifact({"wire", "bytes on the wire", /*visible*/ true, /*off_by_default*/ true});
//
// Names, so that everything registered can be named in a spec (std::invalid_argument
// otherwise, and the registry is left unchanged):
//  - an alias or an artifact is one spec word: letters, digits and '_' (Unicode, as
//    Python's `\w`), no '.' (dotted names are modules; an artifact logger's name
//    `m.__x` ends in its artifact's name), not `all` or `help` (the spec's own words);
//  - an alias and an artifact never share a name (PyTorch has no such pair: which
//    one a spec meant could not be told);
//  - the root and a component's logger names are not empty; any other text is
//    allowed (it is escaped wherever complog prints it);
//  - add_module takes any name, the empty one being spdlog's default logger.
// An alias or an artifact may equal a one-word module name ("torch" is both an alias
// and a module in PyTorch): in a spec the alias, then the artifact, win over the module.
//
// Costs: find_component, find_artifact, find, intern and add_module are O(length of
// the name) (amortized: the tables grow geometrically); add_component is O(its old and
// new logger names), set_root and promote O(the name). Nothing rescans the tree.
//
// Thread-safety: none of its own. Concurrent calls of const members are safe; a
// mutation must be guarded externally against every other call (complog's global
// registry is, by its state mutex).

#pragma once

#include <complog/logger.h>

#include "settings.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace complog::detail {

/// A component: a short alias for one or more dotted logger names.
struct component_info {
    std::string alias;
    std::vector<std::string> logger_names;
};

class registry {
public:
    registry() = default;
    // Nodes view storage the registry owns: it moves, it is not copied.
    registry(registry&&) = default;
    registry& operator=(registry&&) = default;
    registry(const registry&) = delete;
    registry& operator=(const registry&) = delete;

    using node_id = std::uint32_t;
    static constexpr node_id no_node = ~node_id{0};

    /// One dotted name. Ids are dense and a parent's id is smaller than its children's.
    struct node {
        std::string_view name;
        node_id parent = no_node;
        bool known = false;         ///< a module or logger: a spec may name it
        bool owns_sink = false;     ///< the root, a component's logger or a promoted module
        std::string_view artifact;  ///< `x` for names ending in `.__x`, else empty
    };

    /// Registers (or replaces) a component. Its logger names become known.
    /// Throws std::invalid_argument for a name the rules above forbid.
    void add_component(std::string alias, std::vector<std::string> logger_names);
    /// Registers (or replaces) an artifact. Throws std::invalid_argument for a name the
    /// rules above forbid.
    void add_artifact(artifact_info artifact);
    /// Makes a dotted name known (a module whose logger may not exist yet).
    node_id add_module(std::string_view name);
    /// Sets the logger that `all` names. It owns a sink like a component's logger.
    /// Throws std::invalid_argument for the empty name.
    void set_root(std::string_view name);
    /// No root any more (init() again without one): the former root's sink is released.
    void clear_root();
    /// Gives a module outside every component its own sink for good (PyTorch's rule for
    /// naming `some.random.module` in a spec).
    void promote(std::string_view name);

    /// `x` for a name ending in `.__x` (an artifact logger's name), else empty.
    [[nodiscard]] static std::string_view artifact_of(std::string_view logger_name);

    /// A name and its hash, computed once for the lookups that take it (a spec item is
    /// looked up as an artifact, an alias and a module).
    struct lookup_key {
        std::string_view name;
        std::size_t hash = 0;
    };
    [[nodiscard]] static lookup_key key_of(std::string_view name) noexcept;

    [[nodiscard]] const std::string& root() const noexcept { return root_; }
    [[nodiscard]] const component_info* find_component(std::string_view alias) const {
        return find_component(key_of(alias));
    }
    [[nodiscard]] const component_info* find_component(const lookup_key& alias) const;
    [[nodiscard]] const artifact_info* find_artifact(std::string_view name) const {
        return find_artifact(key_of(name));
    }
    [[nodiscard]] const artifact_info* find_artifact(const lookup_key& name) const;
    /// Components and artifacts in registration order.
    [[nodiscard]] const std::deque<component_info>& components() const noexcept {
        return components_;
    }
    [[nodiscard]] const std::deque<artifact_info>& artifacts() const noexcept { return artifacts_; }

    /// True when `name` is a known module or an existing logger.
    [[nodiscard]] bool is_known_module(std::string_view name) const {
        return is_known_module(key_of(name));
    }
    [[nodiscard]] bool is_known_module(const lookup_key& name) const;
    /// True when `name` or one of its ancestors owns a sink.
    [[nodiscard]] bool under_sink_owner(std::string_view name) const;
    [[nodiscard]] bool under_sink_owner(node_id id) const;

    /// Adds `name` and all its ancestors to the tree (not as known) and returns its id.
    node_id intern(std::string_view name);
    [[nodiscard]] node_id find(std::string_view name) const { return find(key_of(name)); }
    [[nodiscard]] node_id find(const lookup_key& name) const;
    /// Prefetching for loops over many lookups in a large tree, whose cache misses are
    /// the name's slot in the index of full names, then its node, then its stored text,
    /// each read from the one before. prefetch_slot(key) starts loading the slot and
    /// returns it as a hint; prefetch_node(hint) and then prefetch_name(hint), each called
    /// a few lookups after the one before, start loading the rest. None changes anything;
    /// a hint may be null (nothing to load).
    using lookup_hint = const void*;
    [[nodiscard]] lookup_hint prefetch_slot(const lookup_key& name) const;
    void prefetch_node(lookup_hint hint) const;
    void prefetch_name(lookup_hint hint) const;
    [[nodiscard]] const node& at(node_id id) const { return nodes_[id]; }
    [[nodiscard]] std::size_t size() const noexcept { return nodes_.size(); }
    /// A number that changes whenever a node starts or stops owning a sink, and that no
    /// other registry had (a move leaves the moved-from registry a new one): with size(),
    /// it tells a cache of the tree's shape (level_table's) that only nodes were added.
    [[nodiscard]] std::uint64_t sinks_version() const noexcept { return sinks_version_.value(); }

private:
    // The tree is a trie keyed by (parent, last component), so interning or finding a
    // name costs O(its length) whatever its depth. Open addressing with linear probing:
    // no allocation per node (a node-based map's allocation was a third of get_logger).
    class child_table {
    public:
        struct slot {
            std::string_view component;
            std::size_t hash = 0;
            node_id parent = no_node;
            node_id child = no_node;  // no_node: empty slot
        };

        [[nodiscard]] node_id find(node_id parent, std::string_view component) const;
        /// Adds a child that is not there yet.
        void insert(node_id parent, std::string_view component, node_id child);

    private:
        static std::size_t hash_of(node_id parent, std::string_view component) noexcept;

        std::vector<slot> slots_;  // a power of two in size, at most half full
        std::size_t size_ = 0;
    };

    // Names by the hash of their full text (key_of): one probe finds a node, an alias or
    // an artifact, however deep the name. Open addressing with linear probing, at most
    // half full; an entry is 8 bytes: the hash's low 32 bits (which also place it) and the
    // number of what it names, whose text `name_of(number)` gives (nothing is copied).
    class name_index {
    public:
        static constexpr std::uint32_t none = ~std::uint32_t{0};
        struct entry {
            std::uint32_t tag = 0;
            std::uint32_t number = none;  // none: empty entry
        };

        template <typename NameOf>
        [[nodiscard]] std::uint32_t find(const lookup_key& key, NameOf name_of) const {
            if (entries_.empty()) return none;
            const auto tag = static_cast<std::uint32_t>(key.hash);
            const auto mask = entries_.size() - 1;
            for (auto i = tag & mask;; i = (i + 1) & mask) {
                const auto& e = entries_[i];
                if (e.number == none) return none;
                if (e.tag == tag && name_of(e.number) == key.name) return e.number;
            }
        }
        /// The first entry find(key) reads, or nullptr when the index is empty.
        [[nodiscard]] const entry* first(const lookup_key& key) const {
            if (entries_.empty()) return nullptr;
            return &entries_[static_cast<std::uint32_t>(key.hash) & (entries_.size() - 1)];
        }
        /// Adds a name that is not there yet.
        void insert(std::size_t hash, std::uint32_t number);

    private:
        std::vector<entry> entries_;  // a power of two in size
        std::size_t size_ = 0;
    };

    // The number in components_ / artifacts_, or name_index::none.
    [[nodiscard]] std::uint32_t component_number(const lookup_key& alias) const;
    [[nodiscard]] std::uint32_t artifact_number(const lookup_key& name) const;

    // A node owns a sink while something claims it: the root, each listing of it by a
    // component, a promotion (never released). Counted, so a change costs O(its names).
    void claim_sink(node_id id);
    void release_sink(node_id id);
    // Visits the interned ancestors of `name` from the top, then `name`; returns its id,
    // or no_node where a component is missing.
    template <typename Visit>
    node_id walk(std::string_view name, Visit visit) const;

    // Stable storage for every view the registry holds (nodes_ and children_): never moved or freed
    // before the registry, whatever is replaced. One copy per intern() that adds nodes, its
    // prefixes viewed by the ancestors it adds, so memory is linear in name length. Copies are
    // packed into chunks: one allocation per many names.
    std::string_view store(std::string_view name);
    std::vector<std::unique_ptr<char[]>> name_chunks_;
    std::size_t current_chunk_ = 0;
    std::size_t chunk_used_ = 0;
    std::vector<node> nodes_;
    child_table children_;
    name_index node_index_;  // every node, by its full name

    std::vector<std::uint32_t> sink_claims_;  // by node id; only as long as needed

    class version_stamp {
    public:
        version_stamp() noexcept : value_(next()) {}
        version_stamp(version_stamp&& other) noexcept : value_(other.value_) { other.renew(); }
        version_stamp& operator=(version_stamp&& other) noexcept {
            value_ = other.value_;
            other.renew();
            return *this;
        }
        void renew() noexcept { value_ = next(); }
        [[nodiscard]] std::uint64_t value() const noexcept { return value_; }

    private:
        static std::uint64_t next() noexcept;  // unique in the process
        std::uint64_t value_;
    };
    version_stamp sinks_version_;

    std::deque<component_info> components_;
    name_index component_index_;  // by alias
    std::deque<artifact_info> artifacts_;
    name_index artifact_index_;  // by name
    std::string root_;
};

/// Commits validated settings to the registry the way PyTorch does: every module a level
/// entry names becomes known, and one outside every sink owner (root, components, promoted
/// modules) is promoted, so that naming `some.random.module` gives it its own sink. Call it
/// between validate() and resolve(). Returns whether the registry changed.
bool promote_named_modules(registry& reg, const settings& s);

}  // namespace complog::detail
