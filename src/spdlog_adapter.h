// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The one place complog calls into spdlog's logger registry (private), so a spdlog
// without one (spdlog 2 may drop it) changes one file.
//
// Lock order: callers hold complog's configuration lock; these take spdlog's registry
// mutex after it, never before. all_loggers() and registry_watch::unchanged() are the
// exceptions: they run before the configuration lock is taken, under a mutex of their own
// that fork() also holds (first).
// The record path never calls them.
//
// After spdlog's registry has been destroyed (static destruction at exit), every
// function here does nothing: a logger complog creates then is simply not registered.

#pragma once

#include <spdlog/async_logger.h>
#include <spdlog/details/thread_pool.h>
#include <spdlog/logger.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace complog::detail::spdlog_adapter {

/// Whether spdlog's registry still exists (false once static destruction reached it).
bool registry_alive();

/// Held across fork() (complog's pthread_atfork handlers, before the configuration lock):
/// all_loggers() runs outside the configuration lock, and a child must not start in it.
void lock_for_fork();
void unlock_after_fork();

/// The entries of spdlog's logger map at one moment, in its order: what registry_watch
/// compares in place.
class registry_layout {
public:
    using logger_map = std::unordered_map<std::string, std::shared_ptr<spdlog::logger>>;
    struct entry {
        logger_map::const_iterator at;  // may outlive its node: compared before it is read
        const spdlog::logger* logger;
    };
    std::vector<entry> entries;
    // Keep each logger's memory (its make_shared block) from holding another logger while
    // the layout is remembered, so that a logger dropped and another made under its name
    // cannot pass for it at the same address. Apart from `entries`, which the check reads.
    std::vector<std::weak_ptr<spdlog::logger>> pinned;
};

/// What spdlog's registry holds: its loggers, and its layout for registry_watch.
struct registry_contents {
    std::vector<std::shared_ptr<spdlog::logger>> loggers;
    registry_layout layout;
};

/// Every logger spdlog's registry holds. Must not be called from inside apply_all.
registry_contents all_loggers();

/// What spdlog's registry held when complog last adopted from it, to tell at each
/// configuration change, in place and without copying a shared_ptr, whether the program
/// has registered, dropped or replaced a logger since.
class registry_watch {
public:
    /// Whether spdlog's registry holds the same loggers in the same map entries as the
    /// layout remembered. (A logger made with a control block apart from it, not by
    /// make_shared, and freed, could be followed by another at its address in the same map
    /// entry: that one would pass.) False until remember(), and after forget();
    /// true once spdlog's registry is gone (nothing is left to adopt). Must not be called
    /// from inside apply_all.
    bool unchanged() const;
    void remember(registry_layout layout);
    void forget();

private:
    // A leaf: unchanged() takes it inside spdlog's registry mutex, remember() under the
    // configuration lock.
    mutable std::mutex mutex_;
    registry_layout layout_;
    bool known_ = false;
};

/// Sets `logger` up as spdlog's factories do (spdlog::initialize_logger: the registry's
/// formatter, error handler, flush level, backtrace, level, and registration unless the
/// program turned automatic registration off). Returns the logger spdlog already holds
/// under its name instead, if there is one (another thread, or a factory, got there first).
/// The caller sets the level afterwards; complog's sinks ignore the formatter.
std::shared_ptr<spdlog::logger> add(std::shared_ptr<spdlog::logger> logger);

/// spdlog's default logger (the one spdlog::info() writes to), or nullptr.
std::shared_ptr<spdlog::logger> default_logger();

/// Drops `logger` from spdlog's registry if it is the one registered under its name and
/// not spdlog's default logger (dropping that one would leave spdlog::info without a
/// logger).
void drop(const std::shared_ptr<spdlog::logger>& logger);

/// Whether spdlog's registry holds this very logger under its name.
bool is_registered(const spdlog::logger& logger);

/// spdlog's global thread pool, created as spdlog's async factory creates it if missing;
/// nullptr once spdlog's registry is gone.
std::shared_ptr<spdlog::details::thread_pool> thread_pool();

/// logger.set_level(lvl) with a relaxed store, and none when the level is already `lvl`.
/// spdlog's set_level is a sequentially consistent store (a locked instruction on x86):
/// reconfiguring 1,000 loggers is bound by those barriers, not by computing the levels.
/// should_log() loads the level relaxed, and no reader orders anything by it.
inline void store_level(spdlog::logger& logger, spdlog::level::level_enum lvl) {
    // `level_` is protected; a member pointer formed through a derived class reaches it.
    struct access : spdlog::logger {
        static spdlog::level_t& level_of(spdlog::logger& l) { return l.*(&access::level_); }
    };
    auto& current = access::level_of(logger);
    if (current.load(std::memory_order_relaxed) != lvl) {
        current.store(lvl, std::memory_order_relaxed);
    }
}

/// Levels for loggers spdlog's factories will create under these exact names (and for
/// existing ones with these names), replacing the previous map. With `global`, also
/// spdlog's global level, which spdlog then gives every logger it holds outside the map.
void set_levels_for_names(std::unordered_map<std::string, spdlog::level::level_enum> levels,
                          const spdlog::level::level_enum* global = nullptr);
/// set_levels_for_names without a global level, for names that are all different. In place
/// when spdlog's map holds exactly these names (only their levels change, as when a
/// setting changes): then no string or map node is made.
void update_levels_for_names(
    const std::vector<std::pair<std::string_view, spdlog::level::level_enum>>& levels);

}  // namespace complog::detail::spdlog_adapter
