// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog's global configuration (private). One mutex guards it; log calls
// never take it. The only code that touches spdlog's registry lives here and
// in complog.cpp.

#pragma once

#include <complog/logger.h>

#include "library_sink.h"
#include "resolve.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace complog::detail {

struct logger_slot {
    std::shared_ptr<spdlog::logger> logger;
    bool foreign = false;  // adopted from spdlog's registry: its sinks are not ours
};

struct state {
    std::mutex mutex;
    registry reg;
    settings current;
    level_table table;
    std::vector<logger_slot> loggers;  // by node id
    options opts;
    bool env_set = false;
    bool warned_ignored = false;
    std::unordered_map<std::string, level> levels_for_names;  // as last given to spdlog
    bool factory_loggers_seen = false;  // a logger made by spdlog's factories was adopted
    // Known names (components' loggers, modules) no logger exists for yet.
    std::unordered_set<registry::node_id> names_without_logger;

    const std::shared_ptr<library_sink> output = std::make_shared<library_sink>();
    std::optional<std::string> format_pattern;  // from <VAR>_FORMAT
    spdlog::sink_ptr gate;
    // Bumped whenever levels change, so the gate sink's per-thread caches expire.
    std::atomic<std::uint64_t> generation{1};

    /// Resolves every node again and pushes the levels into the loggers.
    void rebuild();
    /// Resolves and pushes the nodes added since the last resolution.
    void resolve_added();
    /// Gives spdlog's registry the levels of known names that have no logger yet.
    void push_levels_for_names();
    void note_if_without_logger(registry::node_id id);
    /// Makes `name` known (a module) and resolves it; returns its id.
    registry::node_id add_known_name(std::string_view name);
    /// Gives the library's sinks the formatter the configuration asks for.
    void refresh_formatter();
    /// The level a record of logger `name` must reach to be written (level::off: never).
    level threshold(std::string_view name);
};

/// Whether the spec decides the level of a logger in this position (under the root or a
/// component, or an artifact it silences).
bool spec_governs(const resolved_level& r);
/// Whether complog sets this logger's level: always for its own loggers; for adopted
/// ones (they keep their own sinks) only where the spec governs.
bool governs(const logger_slot& slot, const resolved_level& r);

/// The global state: created on first use, never destroyed, so loggers stay usable
/// during static destruction.
state& global();

/// Writes a complog diagnostic to stderr (never through spdlog: it may be misconfigured).
void report(std::string_view text);

}  // namespace complog::detail
