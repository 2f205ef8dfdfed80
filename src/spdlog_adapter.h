// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The one place complog calls into spdlog's logger registry (private), so a spdlog
// without one (spdlog 2 may drop it) changes one file.
//
// Lock order: callers hold complog's configuration lock; these take spdlog's registry
// mutex after it, never before. all_loggers() and registry_fingerprint() are the
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

#include <cstdint>
#include <memory>
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

/// Every logger spdlog's registry holds. Must not be called from inside apply_all.
std::vector<std::shared_ptr<spdlog::logger>> all_loggers();

/// Which loggers spdlog's registry holds, as one number: equal for the same set of logger
/// objects (a 64-bit hash of their addresses and their count, so a different set gives
/// another number but with probability 2^-64). Cheaper than all_loggers(): read in place
/// under spdlog's registry mutex, no shared_ptr copied. Must not be called from inside
/// apply_all.
std::uint64_t registry_fingerprint();
/// The fingerprint of these loggers, as registry_fingerprint() computes it.
std::uint64_t fingerprint_of(const std::vector<std::shared_ptr<spdlog::logger>>& loggers);

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
