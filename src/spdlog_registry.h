// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The one place complog touches spdlog's logger registry (private), so a spdlog
// without one (spdlog 2 may drop it) changes one file. Callers may hold complog's
// configuration lock: these take spdlog's registry lock after it, never before.

#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace complog::detail::spdlog_registry {

/// Every logger spdlog's registry holds.
std::vector<std::shared_ptr<spdlog::logger>> all_loggers();

/// The logger registered under `name`, or nullptr.
std::shared_ptr<spdlog::logger> find(const std::string& name);

/// Registers `logger`; returns the logger already registered under its name instead,
/// if another thread got there first.
std::shared_ptr<spdlog::logger> add(std::shared_ptr<spdlog::logger> logger);

void drop(const std::string& name);

/// Levels for loggers spdlog's factories will create under these exact names (and for
/// existing ones with these names), replacing the previous map. The global level stays.
void set_levels_for_names(std::unordered_map<std::string, spdlog::level::level_enum> levels);

}  // namespace complog::detail::spdlog_registry
