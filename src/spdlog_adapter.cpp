// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "spdlog_adapter.h"

#include <spdlog/async.h>
#include <spdlog/details/registry.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <string>
#include <unordered_map>

namespace complog::detail::spdlog_adapter {
namespace {

std::atomic<bool> registry_gone{false};

// Set up while the program starts, not on first use: complog may first be used from a
// static destructor, after spdlog's registry is gone. The atexit handler is registered
// right after the registry was constructed, so it runs before the registry's destructor.
bool watch_registry() {
    static const bool watched = [] {
        spdlog::details::registry::instance();
        std::atexit([] { registry_gone.store(true); });
        return true;
    }();
    return watched;
}
// Also on first use: other static initialisers may register loggers before this one runs.
[[maybe_unused]] const bool registry_watched = watch_registry();

// Held while complog collects spdlog's loggers outside its configuration lock, and across
// fork(): a child must not start while complog reads spdlog's registry. Never destroyed.
std::mutex& collecting() {
    static auto* const mutex = new std::mutex;
    return *mutex;
}

// Three private members of spdlog's registry, the same in spdlog 1.10 to 1.15 (a rename
// fails the build, not the run): its mutex, its loggers and its per-name level map. C++
// lets an explicit instantiation name a private member; `member_of(tag)` returns it.
using registry = spdlog::details::registry;
struct registry_mutex {
    using type = std::mutex registry::*;
    friend type member_of(registry_mutex);
};
struct registry_loggers {
    using type = registry_layout::logger_map registry::*;
    friend type member_of(registry_loggers);
};
struct registry_levels {
    using type = registry::log_levels registry::*;
    friend type member_of(registry_levels);
};
template <typename Tag, typename Tag::type member>
struct private_member {
    friend typename Tag::type member_of(Tag) { return member; }
};
template struct private_member<registry_mutex, &registry::logger_map_mutex_>;
template struct private_member<registry_loggers, &registry::loggers_>;
template struct private_member<registry_levels, &registry::log_levels_>;

// The compiler must forget what it knows of `value` (an empty asm that may change it).
template <typename T>
void hide_from_optimizer(T& value) {
#if defined(__GNUC__)
    asm("" : "+m"(value));
#else
    (void)value;
#endif
}

}  // namespace

bool registry_alive() { return watch_registry() && !registry_gone.load(); }

void lock_for_fork() { collecting().lock(); }

void unlock_after_fork() { collecting().unlock(); }

registry_contents all_loggers() {
    registry_contents out;
    std::lock_guard<std::mutex> lock(collecting());
    if (!registry_alive()) return out;
    // Read in place under spdlog's registry mutex, as apply_all would.
    auto& r = registry::instance();
    std::lock_guard<std::mutex> registry_lock(r.*member_of(registry_mutex{}));
    const auto& loggers = r.*member_of(registry_loggers{});
    out.loggers.reserve(loggers.size());
    out.layout.entries.reserve(loggers.size());
    out.layout.pinned.reserve(loggers.size());
    for (auto at = loggers.cbegin(); at != loggers.cend(); ++at) {
        out.loggers.push_back(at->second);
        out.layout.entries.push_back({at, at->second.get()});
        out.layout.pinned.push_back(at->second);
    }
    return out;
}

bool registry_watch::unchanged() const {
    std::lock_guard<std::mutex> lock(collecting());
    if (!registry_alive()) return true;  // nothing left to adopt
    auto& r = registry::instance();
    std::lock_guard<std::mutex> registry_lock(r.*member_of(registry_mutex{}));
    std::lock_guard<std::mutex> own(mutex_);
    const auto& loggers = r.*member_of(registry_loggers{});
    const auto& entries = layout_.entries;
    if (!known_ || loggers.size() != entries.size()) return false;
#if defined(_GLIBCXX_DEBUG)
    return false;  // its checked iterators refuse the compares below: always collect
#endif
    auto live = loggers.cbegin();
    for (const auto& e : entries) {
        // A remembered entry is used only once it equals the live one: its node may be gone.
        // (The compare reads a possibly invalid iterator's pointer, as the libraries'
        // iterators allow in practice; a checked library is excluded above.)
        if (live != e.at) return false;
        // Then read through e.at, an address this array holds, not through the value just
        // loaded: the CPU reads the next nodes while the compares wait, instead of one node
        // after another as a walk of the list does (1,000 loggers: 6.8 -> 1.5 µs). The
        // compiler, which knows the two are equal, is kept from using `live` instead.
        const auto* remembered = &e;
        hide_from_optimizer(remembered);
        const auto at = remembered->at;
        if (at->second.get() != e.logger) return false;
        live = std::next(at);
    }
    return live == loggers.cend();
}

void registry_watch::remember(registry_layout layout) {
    std::lock_guard<std::mutex> lock(mutex_);
    layout_ = std::move(layout);
    known_ = true;
}

void registry_watch::forget() {
    std::lock_guard<std::mutex> lock(mutex_);
    layout_ = {};
    known_ = false;
}

std::shared_ptr<spdlog::logger> add(std::shared_ptr<spdlog::logger> logger) {
    if (!registry_alive()) return logger;
    // Checked first: with automatic registration off, initialize_logger would not say.
    if (auto existing = spdlog::get(logger->name())) return existing;
    try {
        spdlog::initialize_logger(logger);  // the same in spdlog 1.10 and 1.15
        return logger;
    } catch (const spdlog::spdlog_ex&) {  // registered by another thread meanwhile
        if (auto existing = spdlog::get(logger->name())) return existing;
        throw;
    }
}

std::shared_ptr<spdlog::logger> default_logger() {
    return registry_alive() ? spdlog::default_logger() : nullptr;
}

void drop(const std::shared_ptr<spdlog::logger>& logger) {
    if (!registry_alive() || spdlog::default_logger() == logger) return;
    if (spdlog::get(logger->name()) == logger) spdlog::drop(logger->name());
}

bool is_registered(const spdlog::logger& logger) {
    return registry_alive() && spdlog::get(logger.name()).get() == &logger;
}

std::shared_ptr<spdlog::details::thread_pool> thread_pool() {
    if (!registry_alive()) return nullptr;
    auto& registry = spdlog::details::registry::instance();
    std::lock_guard<std::recursive_mutex> lock(registry.tp_mutex());
    auto pool = registry.get_tp();
    if (!pool) {
        pool = std::make_shared<spdlog::details::thread_pool>(spdlog::details::default_async_q_size,
                                                              1U);
        registry.set_tp(pool);
    }
    return pool;
}

void set_levels_for_names(std::unordered_map<std::string, spdlog::level::level_enum> levels,
                          const spdlog::level::level_enum* global) {
    if (!registry_alive()) return;
    auto& r = registry::instance();
    if (global) {
        // Public since 1.8 in this form (spdlog::cfg uses it): the global level reaches
        // every logger, so spdlog's walk over its loggers is the work itself.
        auto level = *global;
        r.set_levels(std::move(levels), &level);
        return;
    }
    // What set_levels does without a global level, from the other side: the map's names
    // are looked up among the loggers (a few names, complog's known names without a
    // logger) instead of every logger's name being hashed into the map (1,000 loggers:
    // 99k -> a few hundred instructions).
    std::lock_guard<std::mutex> lock(r.*member_of(registry_mutex{}));
    auto& loggers = r.*member_of(registry_loggers{});
    for (const auto& [name, level] : levels) {
        const auto found = loggers.find(name);
        if (found != loggers.end()) found->second->set_level(level);
    }
    r.*member_of(registry_levels{}) = std::move(levels);
}

void update_levels_for_names(
    const std::vector<std::pair<std::string_view, spdlog::level::level_enum>>& levels) {
    if (!registry_alive()) return;
    auto& r = registry::instance();
    std::lock_guard<std::mutex> lock(r.*member_of(registry_mutex{}));
    auto& loggers = r.*member_of(registry_loggers{});
    auto& map = r.*member_of(registry_levels{});
    // The names are different, so the map holds exactly them when it has as many entries
    // and each name is found.
    bool in_place = map.size() == levels.size();
    std::string key;  // C++17 maps of strings are searched by a string
    for (const auto& [name, level] : levels) {
        key.assign(name);
        if (in_place) {
            const auto entry = map.find(key);
            in_place = entry != map.end();
            if (in_place) entry->second = level;
        }
        const auto found = loggers.find(key);
        if (found != loggers.end()) found->second->set_level(level);
    }
    if (in_place) return;
    registry::log_levels replaced;
    replaced.reserve(levels.size());
    for (const auto& [name, level] : levels) replaced.emplace(std::string(name), level);
    map = std::move(replaced);
}

}  // namespace complog::detail::spdlog_adapter
