// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include <complog/logger.h>

#include "gate_sink.h"
#include "state.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace complog {
namespace detail {

state& global() {
    static state* const instance = [] {
        auto* s = new state;
        s->gate = std::make_shared<gate_sink>();
        s->output->set_destinations({std::make_shared<spdlog::sinks::stderr_color_sink_mt>()});
        return s;
    }();
    return *instance;
}

void report(std::string_view text) {
    std::string line = "complog: ";
    line += text;
    if (line.back() != '\n') line += '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

void state::rebuild() {
    table = resolve(reg, current, opts.default_level);
    loggers.resize(reg.size());
    for (std::size_t id = 0; id < loggers.size(); ++id) {
        const auto& slot = loggers[id];
        if (!slot.logger) continue;
        const auto& r = table[id];
        // An adopted logger keeps its own sinks: only the part of the tree the spec
        // governs changes its level.
        if (!slot.foreign || r.reaches_sink || r.artifact_off) slot.logger->set_level(r.pushed());
    }
    generation.fetch_add(1, std::memory_order_release);
}

void state::resolve_added() {
    if (table.size() == reg.size()) return;
    resolve_new(reg, current, opts.default_level, table);
    loggers.resize(reg.size());
    generation.fetch_add(1, std::memory_order_release);
}

level state::threshold(std::string_view name) {
    std::lock_guard<std::mutex> lock(mutex);
    const auto id = reg.add_module(name);
    resolve_added();
    return table[id].pushed();
}

}  // namespace detail

namespace {

using detail::global;
using detail::state;

// Applies validated settings: modules outside every component become components
// of their own (PyTorch's rule), then every level is recomputed.
void commit(state& st, settings s) {
    for (const auto& e : s.levels) {
        if (e.kind != target_kind::module) continue;
        if (st.reg.under_sink_owner(e.name)) {
            st.reg.add_module(e.name);
        } else {
            st.reg.promote(e.name);
        }
    }
    st.current = std::move(s);
    st.rebuild();
}

std::shared_ptr<spdlog::logger> attach(state& st, registry::node_id id,
                                       std::shared_ptr<spdlog::logger> logger, bool foreign) {
    st.loggers[id] = {logger, foreign};
    const auto& r = st.table[id];
    if (!foreign || r.reaches_sink || r.artifact_off) logger->set_level(r.pushed());
    return logger;
}

// Loggers in spdlog's registry. Collected first: spdlog's registry lock must not be
// held while ours is taken (get_logger takes them in the other order).
std::vector<std::shared_ptr<spdlog::logger>> spdlog_loggers() {
    std::vector<std::shared_ptr<spdlog::logger>> out;
    spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& l) { out.push_back(l); });
    return out;
}

void adopt(state& st, const std::vector<std::shared_ptr<spdlog::logger>>& found) {
    for (const auto& logger : found) {
        const auto id = st.reg.add_module(logger->name());
        st.resolve_added();
        if (st.loggers[id].logger != logger) attach(st, id, logger, true);
    }
}

}  // namespace

init_result init(options opts) {
    const auto found = spdlog_loggers();
    init_result result;
    auto& st = global();
    {
        std::lock_guard<std::mutex> lock(st.mutex);
        st.opts = std::move(opts);
        if (!st.opts.root.empty()) st.reg.set_root(st.opts.root);
        adopt(st, found);
        const char* value = st.opts.env_var.empty() ? nullptr : std::getenv(st.opts.env_var.c_str());
        st.env_set = value != nullptr;
        settings applied;
        if (value && *value) {
            const std::string_view text(value);
            try {
                const auto parsed = parse_spec(text);
                if (parsed.kind == parsed_spec::request::settings) {
                    applied = validate(st.reg, parsed, text, {st.opts.accept_unknown_modules});
                    result.outcome = init_result::status::applied;
                } else {
                    result.outcome = init_result::status::help;
                    result.message = help_listing(
                        st.reg, st.opts.env_var,
                        parsed.kind == parsed_spec::request::help_verbose);
                }
            } catch (const spec_error& e) {
                if (st.opts.strict) {
                    commit(st, {});
                    throw;
                }
                result.outcome = init_result::status::invalid;
                result.message = "invalid " + st.opts.env_var + " value: " + e.what() +
                                 "\nFor descriptions, set " + st.opts.env_var +
                                 "=help. Continuing with the default settings.";
            }
        }
        commit(st, std::move(applied));
    }
    if (!result.message.empty()) detail::report(result.message);
    return result;
}

void register_component(std::string alias, std::vector<std::string> logger_names) {
    auto& st = global();
    std::lock_guard<std::mutex> lock(st.mutex);
    st.reg.add_component(std::move(alias), std::move(logger_names));
    st.rebuild();
}

void register_artifact(artifact_info artifact) {
    auto& st = global();
    std::lock_guard<std::mutex> lock(st.mutex);
    st.reg.add_artifact(std::move(artifact));
    st.rebuild();
}

void register_module(std::string_view name) {
    auto& st = global();
    std::lock_guard<std::mutex> lock(st.mutex);
    st.reg.add_module(name);
    st.resolve_added();
}

std::shared_ptr<spdlog::logger> get_logger(std::string_view name) {
    auto& st = global();
    std::lock_guard<std::mutex> lock(st.mutex);
    const auto id = st.reg.add_module(name);
    st.resolve_added();
    if (const auto& slot = st.loggers[id]; slot.logger) return slot.logger;

    const std::string key(name);
    if (auto existing = spdlog::get(key)) return attach(st, id, std::move(existing), true);
    auto logger = std::make_shared<spdlog::logger>(key, st.output);
    try {
        spdlog::register_logger(logger);
    } catch (const spdlog::spdlog_ex&) {
        // Another thread registered the name through spdlog meanwhile: adopt that one.
        if (auto existing = spdlog::get(key)) return attach(st, id, std::move(existing), true);
        throw;
    }
    return attach(st, id, std::move(logger), false);
}

std::shared_ptr<spdlog::logger> get_artifact_logger(std::string_view module,
                                                    std::string_view artifact) {
    {
        auto& st = global();
        std::lock_guard<std::mutex> lock(st.mutex);
        if (!st.reg.find_artifact(artifact)) {
            std::string names;
            for (const auto& a : st.reg.artifacts()) names += (names.empty() ? "" : ", ") + a.name;
            throw std::invalid_argument("complog: unknown artifact '" + std::string(artifact) +
                                        "'; registered artifacts: " +
                                        (names.empty() ? "(none)" : names));
        }
    }
    std::string name(module);
    name += ".__";
    name += artifact;
    return get_logger(name);
}

namespace {

// Applies `settings_of(registry)` unless the environment variable owns the settings,
// in which case it warns once and returns false.
template <typename MakeSettings>
bool apply_unless_env(MakeSettings settings_of) {
    auto& st = global();
    std::string var;
    {
        std::lock_guard<std::mutex> lock(st.mutex);
        if (!st.env_set) {
            commit(st, settings_of(st));
            return true;
        }
        if (st.warned_ignored) return false;
        st.warned_ignored = true;
        var = st.opts.env_var;
    }
    detail::report("using the " + var +
                   " environment variable for log settings; ignoring calls to set_logs");
    return false;
}

}  // namespace

bool set_logs(const log_settings& args) {
    return apply_unless_env([&](const state& st) {
        return validate(st.reg, args, {st.opts.accept_unknown_modules});
    });
}

bool set_logs(std::string_view spec) {
    const auto parsed = parse_spec(spec);
    if (parsed.kind != parsed_spec::request::settings) {
        detail::report(help(parsed.kind == parsed_spec::request::help_verbose));
        return true;
    }
    return apply_unless_env([&](const state& st) {
        return validate(st.reg, parsed, spec, {st.opts.accept_unknown_modules});
    });
}

std::string help(bool verbose) {
    auto& st = global();
    std::lock_guard<std::mutex> lock(st.mutex);
    return help_listing(st.reg, st.opts.env_var, verbose);
}

void set_sinks(std::vector<spdlog::sink_ptr> sinks) {
    global().output->set_destinations(std::move(sinks));
}

spdlog::sink_ptr sink() { return global().gate; }

void adopt_loggers() {
    const auto found = spdlog_loggers();
    auto& st = global();
    std::lock_guard<std::mutex> lock(st.mutex);
    adopt(st, found);
}

void reset() {
    auto& st = global();
    std::lock_guard<std::mutex> lock(st.mutex);
    for (const auto& slot : st.loggers) {
        if (slot.logger && !slot.foreign) spdlog::drop(slot.logger->name());
    }
    st.reg = registry{};
    st.current = settings{};
    st.table.clear();
    st.loggers.clear();
    st.opts = options{};
    st.env_set = false;
    st.warned_ignored = false;
    st.output->set_destinations({std::make_shared<spdlog::sinks::stderr_color_sink_mt>()});
    st.generation.fetch_add(1, std::memory_order_release);
}

}  // namespace complog
