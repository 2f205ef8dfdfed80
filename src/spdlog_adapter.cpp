// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "spdlog_adapter.h"

#include <spdlog/async.h>
#include <spdlog/details/registry.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdlib>

namespace complog::detail::spdlog_adapter {
namespace {

std::atomic<bool> registry_gone{false};

// Whether spdlog's registry still exists. The atexit handler is registered right after
// the registry was constructed, so it runs before the registry's destructor.
bool registry_alive() {
    static const bool watched = [] {
        spdlog::details::registry::instance();
        std::atexit([] { registry_gone.store(true); });
        return true;
    }();
    return watched && !registry_gone.load();
}

}  // namespace

std::vector<std::shared_ptr<spdlog::logger>> all_loggers() {
    std::vector<std::shared_ptr<spdlog::logger>> out;
    if (!registry_alive()) return out;
    spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& l) { out.push_back(l); });
    return out;
}

std::shared_ptr<spdlog::logger> add(std::shared_ptr<spdlog::logger> logger) {
    if (!registry_alive()) return logger;
    try {
        spdlog::register_logger(logger);
        return logger;
    } catch (const spdlog::spdlog_ex&) {
        if (auto existing = spdlog::get(logger->name())) return existing;
        throw;
    }
}

void drop(const std::string& name) {
    if (registry_alive()) spdlog::drop(name);
}

std::shared_ptr<spdlog::details::thread_pool> thread_pool() {
    if (!registry_alive()) return nullptr;
    auto& registry = spdlog::details::registry::instance();
    std::lock_guard<std::recursive_mutex> lock(registry.tp_mutex());
    auto pool = registry.get_tp();
    if (!pool) {
        pool = std::make_shared<spdlog::details::thread_pool>(spdlog::details::default_async_q_size, 1U);
        registry.set_tp(pool);
    }
    return pool;
}

void set_levels_for_names(std::unordered_map<std::string, spdlog::level::level_enum> levels) {
    // Public since 1.8 in this form (spdlog::cfg uses it); nullptr keeps the global level.
    if (registry_alive())
        spdlog::details::registry::instance().set_levels(std::move(levels), nullptr);
}

}  // namespace complog::detail::spdlog_adapter
