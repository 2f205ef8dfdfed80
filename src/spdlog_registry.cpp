// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "spdlog_registry.h"

#include <spdlog/details/registry.h>
#include <spdlog/spdlog.h>

namespace complog::detail::spdlog_registry {

std::vector<std::shared_ptr<spdlog::logger>> all_loggers() {
    std::vector<std::shared_ptr<spdlog::logger>> out;
    spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& l) { out.push_back(l); });
    return out;
}

std::shared_ptr<spdlog::logger> find(const std::string& name) { return spdlog::get(name); }

std::shared_ptr<spdlog::logger> add(std::shared_ptr<spdlog::logger> logger) {
    try {
        spdlog::register_logger(logger);
        return logger;
    } catch (const spdlog::spdlog_ex&) {
        if (auto existing = spdlog::get(logger->name())) return existing;
        throw;
    }
}

void drop(const std::string& name) { spdlog::drop(name); }

void set_levels_for_names(std::unordered_map<std::string, spdlog::level::level_enum> levels) {
    // Public since 1.8 in this form (spdlog::cfg uses it); nullptr keeps the global level.
    spdlog::details::registry::instance().set_levels(std::move(levels), nullptr);
}

}  // namespace complog::detail::spdlog_registry
