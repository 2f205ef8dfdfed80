// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The public functions of logger.h: each is one call into the configuration.

#include <complog/async.h>
#include <complog/logger.h>

#include "configuration.h"

namespace complog {

using detail::configuration;

init_result init(options opts) { return configuration::instance().init(std::move(opts)); }

void register_component(std::string alias, std::vector<std::string> logger_names) {
    configuration::instance().register_component(std::move(alias), std::move(logger_names));
}

void register_artifact(artifact_info artifact) {
    configuration::instance().register_artifact(std::move(artifact));
}

void register_module(std::string_view name) { configuration::instance().register_module(name); }

std::shared_ptr<spdlog::logger> get_logger(std::string_view name) {
    return configuration::instance().get_logger(name);
}

std::shared_ptr<spdlog::logger> get_artifact_logger(std::string_view module,
                                                    std::string_view artifact) {
    return configuration::instance().get_artifact_logger(module, artifact);
}

std::shared_ptr<spdlog::logger> get_async_logger(std::string_view name,
                                                 spdlog::async_overflow_policy policy) {
    return configuration::instance().get_async_logger(name, policy);
}

bool set_logs(const log_settings& args) { return configuration::instance().set_logs(args); }

bool set_logs(std::string_view spec) { return configuration::instance().set_logs(spec); }

std::string help(bool verbose) { return configuration::instance().help(verbose); }

std::string explain() { return configuration::instance().explain(); }

void set_sinks(std::vector<spdlog::sink_ptr> sinks) {
    configuration::instance().set_sinks(std::move(sinks));
}

spdlog::sink_ptr sink() { return configuration::instance().gate(); }

void adopt_loggers() { configuration::instance().adopt_loggers(); }

void adopt(std::shared_ptr<spdlog::logger> logger) {
    configuration::instance().adopt(std::move(logger));
}

void reset() { configuration::instance().reset(); }

}  // namespace complog
