// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "configuration.h"

#include <complog/context.h>
#include <complog/format.h>

#include "async_sink.h"
#include "explain.h"
#include "fd_sink.h"
#include "report.h"
#include "spdlog_adapter.h"
#include "spec.h"
#include "text.h"

#include <pthread.h>

#include <cstdlib>
#include <stdexcept>

namespace complog::detail {

configuration& configuration::instance() {
    static configuration* const instance = [] {
        auto* c = new configuration;
        // Across fork() the child must not inherit a lock held by another thread of the
        // parent: hold the configuration and every fd_sink (in the lock order) meanwhile.
        // Console sinks the program gave (set_sinks) may buffer: they are flushed first, so
        // a child that flushes does not write the parent's pending records again.
        pthread_atfork(
            [] {
                auto& self = configuration::instance();
                spdlog_adapter::lock_for_fork();
                self.mutex_.lock();
                for (const auto& s : self.console_) {
                    try {
                        s->flush();
                    } catch (...) {  // reported when records are written; fork goes on
                    }
                }
                fd_sink::lock_all();
            },
            [] {
                fd_sink::unlock_all();
                configuration::instance().mutex_.unlock();
                spdlog_adapter::unlock_after_fork();
            },
            [] {
                fd_sink::unlock_all();
                auto& self = configuration::instance();
                self.published_.forget_readers_after_fork();
                self.mutex_.unlock();
                spdlog_adapter::unlock_after_fork();
            });
        return c;
    }();
    return *instance;
}

configuration::configuration()
    : console_{fd_sink::standard_error()},
      published_(std::make_unique<snapshot>()),
      output_(std::make_shared<library_sink>(published_)),
      gate_(std::make_shared<gate_sink>(published_)) {
    std::lock_guard<std::mutex> lock(mutex_);
    refresh_formatter();
    rebuild();
}

bool configuration::governs(registry::node_id id) const {
    // An adopted logger keeps its own sinks: outside the spec's part of the tree its level
    // is the program's, not complog's.
    return !loggers_[id].foreign || table_.spec_governs(id);
}

void configuration::commit(settings s) {
    // PyTorch's rule: a module named outside every component gets a sink of its own.
    if (promote_named_modules(reg_, s)) registry_dirty_ = true;
    current_ = std::move(s);
    rebuild();
}

void configuration::rebuild() {
    resolve_into(reg_, current_, opts_.default_level, table_);
    loggers_.resize(reg_.size());
    if (registry_dirty_) {
        names_without_logger_.clear();
        sink_owners_.clear();
        for (registry::node_id id = 0; id < loggers_.size(); ++id) {
            if (reg_.at(id).owns_sink) sink_owners_.push_back(id);
            if (!loggers_[id].logger) note_if_without_logger(id);
        }
        registry_dirty_ = false;
    }
    for (registry::node_id id = 0; id < loggers_.size(); ++id) {
        const auto& slot = loggers_[id];
        if (slot.logger && governs(id)) {
            spdlog_adapter::store_level(*slot.logger, table_.pushed(id));
        }
    }
    push_levels_for_names();
    publish();
}

void configuration::resolve_added() {
    if (table_.size() == reg_.size()) return;
    // New names are not anchors of the published level rules: nothing to publish.
    resolve_new(reg_, opts_.default_level, table_);
    loggers_.resize(reg_.size());
}

void configuration::note_if_without_logger(registry::node_id id) {
    const auto& n = reg_.at(id);
    if ((n.known || n.owns_sink) && !n.name.empty() && !loggers_[id].logger) {
        names_without_logger_.insert(id);
    }
}

void configuration::push_levels_for_names() {
    // Only once the program has shown it makes loggers with spdlog's factories: spdlog
    // applies the map to every logger it holds, a pass programs that get all their loggers
    // from complog are spared.
    if (!factory_loggers_seen_) return;
    std::unordered_map<std::string, level> levels;
    for (const auto id : names_without_logger_) {
        if (table_.spec_governs(id)) {
            levels.emplace(std::string(reg_.at(id).name), table_.pushed(id));
        }
    }
    unpushed_names_ = 0;
    names_at_last_push_ = names_without_logger_.size();
    if (levels == levels_for_names_) return;
    levels_for_names_ = levels;
    spdlog_adapter::set_levels_for_names(std::move(levels));
}

void configuration::publish() {
    auto next = std::make_unique<snapshot>();
    next->generation = ++generation_;
    // The anchors can only be nodes the settings name or sink owners (and the default
    // logger, which level_rules finds itself): no visit of every node.
    auto& candidates = anchor_candidates_;
    candidates = sink_owners_;
    for_each_named_node(reg_, current_,
                        [&](registry::node_id id, std::size_t) { candidates.push_back(id); });
    next->levels = level_rules(reg_, current_, table_, opts_.default_level, candidates);
    next->destinations = console_;
    if (file_) next->destinations.push_back(file_);
    next->trace_filter = trace_filter_;
    published_.publish(std::move(next));
}

void configuration::refresh_formatter() {
    std::unique_ptr<spdlog::formatter> prototype;
    if (format_pattern_) {
        prototype = make_pattern_formatter(*format_pattern_);
    } else {
        record_formatter::artifact_formats formats;
        for (const auto& a : reg_.artifacts()) {
            if (!a.format.empty()) formats.emplace_back(a.name, a.format);
        }
        prototype = std::make_unique<record_formatter>(std::move(formats));
    }
    for (const auto& s : console_) s->set_formatter(prototype->clone());
    if (file_) file_->set_formatter(prototype->clone());
}

void configuration::use_outputs(const environment& env, std::string& messages) {
    if (env.rank) set_rank(*env.rank);
    format_pattern_ = env.format_pattern;
    const auto path = env.out_path.value_or("");
    if (path != file_path_) {
        file_.reset();
        file_path_.clear();
        if (!path.empty()) {
            std::string error;
            file_ = fd_sink::open_file(path, error);
            if (file_) {
                file_path_ = path;
            } else {
                messages += opts_.env_var + "_OUT: cannot open " + quoted(path) + ": " + error +
                            "; logging to the console only\n";
            }
        }
    }
    trace_filter_ = env.trace_filter;
    refresh_formatter();
}

std::shared_ptr<spdlog::logger> configuration::attach(registry::node_id id,
                                                      std::shared_ptr<spdlog::logger> logger,
                                                      bool foreign) {
    loggers_[id] = {logger, foreign};
    names_without_logger_.erase(id);
    if (foreign && !factory_loggers_seen_ && !logger->name().empty()) {
        factory_loggers_seen_ = true;  // spdlog's default logger does not count
        push_levels_for_names();
    }
    if (governs(id)) logger->set_level(table_.pushed(id));
    return logger;
}

void configuration::adopt(const std::vector<std::shared_ptr<spdlog::logger>>& found) {
    for (const auto& logger : found) {
        const auto id = reg_.add_module(logger->name());
        resolve_added();
        if (loggers_[id].logger != logger) attach(id, logger, true);
    }
}

template <typename Make>
std::shared_ptr<spdlog::logger> configuration::logger_for(std::string_view name, Make make) {
    const auto id = reg_.add_module(name);
    resolve_added();
    if (const auto& slot = loggers_[id]; slot.logger) return slot.logger;
    auto created = make(std::string(name));
    auto registered = spdlog_adapter::add(created);
    // spdlog may already hold a logger of that name (made by its factories): adopt it.
    return attach(id, registered, registered != created);
}

bool configuration::env_owns_settings(std::string& warning) {
    if (!env_owns_) return false;
    if (!warned_ignored_) {
        warned_ignored_ = true;
        warning = "using the " + opts_.env_var +
                  " environment variable for log settings; ignoring calls to set_logs";
    }
    return true;
}

init_result configuration::init(options opts) {
    const auto found = spdlog_adapter::all_loggers();  // spdlog's lock, before ours
    const auto env = read_environment(opts, [](const char* name) { return std::getenv(name); });
    std::string messages = env.diagnostics;
    init_result result;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        opts_ = std::move(opts);
        if (!opts_.root.empty()) reg_.set_root(opts_.root);
        registry_dirty_ = true;
        adopt(found);
        env_owns_ = env.owns_settings;
        warned_ignored_ = false;
        use_outputs(env, messages);
        environment_outcome outcome;
        try {
            outcome = settings_from_environment(reg_, env, opts_);
        } catch (const spec_error&) {
            pending_.reset();
            commit({});  // strict: the defaults, then the caller hears why
            if (!messages.empty()) report(messages);
            throw;
        }
        pending_ = std::move(outcome.pending);
        commit(std::move(outcome.applied));
        result = std::move(outcome.result);
        if (result.outcome == init_result::status::help) {
            result.message = help_listing(reg_, opts_.env_var, outcome.verbose_help, &table_);
        }
    }
    if (!messages.empty()) report(messages);
    if (!result.message.empty()) report(result.message);
    return result;
}

void configuration::register_component(std::string alias, std::vector<std::string> logger_names) {
    std::lock_guard<std::mutex> lock(mutex_);
    reg_.add_component(std::move(alias), std::move(logger_names));
    registry_dirty_ = true;
    if (!bind_pending()) rebuild();
}

void configuration::register_artifact(artifact_info artifact) {
    if (!artifact.format.empty()) artifact.format = translate_format(artifact.format);
    std::lock_guard<std::mutex> lock(mutex_);
    reg_.add_artifact(std::move(artifact));
    registry_dirty_ = true;
    if (!bind_pending()) rebuild();
    refresh_formatter();
}

void configuration::register_module(std::string_view name) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto id = reg_.add_module(name);
    resolve_added();
    if (loggers_[id].logger || names_without_logger_.count(id)) return;
    note_if_without_logger(id);
    if (bind_pending()) return;
    if (!table_.spec_governs(id)) return;  // not in spdlog's map: nothing to push
    // spdlog's map is replaced whole on every push (its registry has no per-name call):
    // pushing it for every module registered one by one would be quadratic. Pending names
    // are pushed once they are as many as the names the last push considered, and by every
    // change of settings or registrations, so the cost per name stays constant. Until then
    // a factory logger made under a pending name starts at spdlog's global level
    // (documented with register_module).
    if (++unpushed_names_ > names_at_last_push_) push_levels_for_names();
}

std::shared_ptr<spdlog::logger> configuration::synchronous_logger_for(std::string_view name) {
    return logger_for(name, [&](std::string n) {
        return std::make_shared<spdlog::logger>(std::move(n), output_);
    });
}

std::shared_ptr<spdlog::logger> configuration::get_logger(std::string_view name) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto logger = synchronous_logger_for(name);
    bind_pending();
    return logger;
}

std::shared_ptr<spdlog::logger> configuration::get_async_logger(
    std::string_view name, spdlog::async_overflow_policy policy) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto logger = logger_for(name, [&](std::string n) {
        auto backend = std::make_shared<spdlog::async_logger>(
            n, output_, spdlog_adapter::thread_pool(), policy);
        backend->set_level(level::trace);  // the front logger's level decides
        return std::make_shared<spdlog::logger>(
            std::move(n), std::make_shared<async_sink>(published_, std::move(backend), output_));
    });
    bind_pending();
    return logger;
}

std::shared_ptr<spdlog::logger> configuration::get_artifact_logger(std::string_view module,
                                                                   std::string_view artifact) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!reg_.find_artifact(artifact)) {
        std::string names;
        for (const auto& a : reg_.artifacts())
            names += (names.empty() ? "" : ", ") + quoted(a.name);
        throw std::invalid_argument(
            "complog: unknown artifact " + quoted(artifact) +
            "; registered artifacts: " + (names.empty() ? "(none)" : names));
    }
    std::string name(module);
    name += ".__";
    name += artifact;
    return synchronous_logger_for(name);
}

bool configuration::set_logs(const log_settings& args) {
    std::string warning;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!env_owns_settings(warning)) {
            auto s = validate(reg_, args, {opts_.accept_unknown_modules});
            s.source = "set_logs";
            pending_.reset();
            commit(std::move(s));
            return true;
        }
    }
    if (!warning.empty()) report(warning);
    return false;
}

bool configuration::set_logs(std::string_view spec) {
    std::string warning;
    std::string listing;
    std::string unknown_report;
    bool ignored = false;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        // Ignored unparsed while the variable owns the settings, as PyTorch ignores calls
        // while TORCH_LOGS is set.
        ignored = env_owns_settings(warning);
        if (!ignored) {
            const auto parsed = parse_spec(spec);
            if (parsed.kind == parsed_spec::request::settings) {
                // Unknown names as in the environment's spec: the same text, the same rule.
                const validation_options checks{opts_.accept_unknown_modules};
                std::vector<unknown_item> unknown;
                const bool whole_or_nothing = opts_.strict || opts_.reject_whole_spec;
                auto s =
                    validate(reg_, parsed, spec, checks, whole_or_nothing ? nullptr : &unknown);
                s.source = "set_logs";
                pending_.reset();
                if (!unknown.empty()) {
                    pending_ =
                        keep_unknown(std::string(spec), s.source, checks, unknown, unknown_report);
                }
                commit(std::move(s));
            } else {
                listing = help_listing(reg_, opts_.env_var,
                                       parsed.kind == parsed_spec::request::help_verbose, &table_);
            }
        }
    }
    if (!unknown_report.empty()) report(unknown_report);
    if (!listing.empty()) report(listing);
    if (!warning.empty()) report(warning);
    return !ignored;
}

std::string configuration::help(bool verbose) {
    std::lock_guard<std::mutex> lock(mutex_);
    return help_listing(reg_, opts_.env_var, verbose, &table_);
}

std::string configuration::explain() {
    std::lock_guard<std::mutex> lock(mutex_);
    return to_string(explain_levels(reg_, current_, table_));
}

bool configuration::bind_pending() {
    if (!pending_ || !pending_->may_bind(reg_)) return false;
    auto s = pending_->revalidate(reg_);
    if (pending_->unknown.empty()) pending_.reset();
    commit(std::move(s));
    return true;
}

void configuration::set_sinks(std::vector<spdlog::sink_ptr> sinks) {
    for (const auto& s : sinks) {
        if (!s) throw std::invalid_argument("complog::set_sinks: a sink is null");
    }
    std::lock_guard<std::mutex> lock(mutex_);
    std::swap(console_, sinks);
    try {
        refresh_formatter();
    } catch (...) {  // a sink that refuses a formatter: the previous sinks stay
        std::swap(console_, sinks);
        throw;
    }
    publish();
}

void configuration::adopt_loggers() {
    const auto found = spdlog_adapter::all_loggers();  // spdlog's lock, before ours
    std::lock_guard<std::mutex> lock(mutex_);
    adopt(found);
    bind_pending();
}

void configuration::reset() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& slot : loggers_) {
        if (slot.logger && !slot.foreign) spdlog_adapter::drop(slot.logger->name());
    }
    opts_ = options{};
    reg_ = registry{};
    current_ = settings{};
    table_ = {};
    loggers_.clear();
    env_owns_ = false;
    warned_ignored_ = false;
    pending_.reset();
    names_without_logger_.clear();
    factory_loggers_seen_ = false;
    unpushed_names_ = 0;
    if (!levels_for_names_.empty()) spdlog_adapter::set_levels_for_names({});
    levels_for_names_.clear();
    console_ = {fd_sink::standard_error()};
    file_.reset();
    file_path_.clear();
    trace_filter_.clear();
    format_pattern_.reset();
    set_rank(-1);
    registry_dirty_ = true;
    refresh_formatter();
    rebuild();
}

}  // namespace complog::detail
