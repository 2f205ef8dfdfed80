// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include "configuration.h"

#include <complog/context.h>
#include <complog/format.h>
#include <complog/trace.h>

#include "async_sink.h"
#include "control.h"
#include "explain.h"
#include "fd_sink.h"
#include "report.h"
#include "spdlog_adapter.h"
#include "spec.h"
#include "text.h"
#include "trace_init.h"

#include <pthread.h>

#include <algorithm>
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
    return !loggers_[id].foreign || governs_foreign(id);
}

bool configuration::governs_foreign(registry::node_id id) const {
    // An adopted logger keeps its own sinks: outside the spec's part of the tree its level
    // is the program's, not complog's. Without a root every name is in that part, so the
    // program keeps its level until a setting (its name, a component, `all`) reaches it.
    return opts_.root.empty() ? table_.set_by_settings(id) : table_.spec_governs(id);
}

void configuration::commit(settings s) {
    // PyTorch's rule: a module named outside every component gets a sink of its own.
    if (promote_named_modules(reg_, s)) registry_dirty_ = true;
    current_ = std::move(s);
    rebuild();
}

void configuration::rebuild() {
    follow_default_logger();
    resolve_into(reg_, current_, default_level_, table_);
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
    store_levels();
    push_levels_for_names();
    publish();
}

void configuration::store_levels() {
    if (held_stale_) {
        held_own_.clear();
        held_foreign_.clear();
        for (registry::node_id id = 0; id < loggers_.size(); ++id) {
            const auto& slot = loggers_[id];
            if (slot.logger) {
                (slot.foreign ? held_foreign_ : held_own_).push_back({slot.logger.get(), id});
            }
        }
        held_stale_ = false;
    }
    using rule = level_table::push_rule;
    const auto own = table_.plan_pushes(rule::every_node, push_buffer_);
    for (const auto& h : held_own_) {
        spdlog_adapter::store_level(*h.logger, static_cast<level>(own.at(h.id)));
    }
    // governs_foreign(), asked once per anchor state. (Replaces `own`: the same buffer.)
    const auto foreign = table_.plan_pushes(
        opts_.root.empty() ? rule::set_by_settings : rule::spec_governs, push_buffer_);
    for (const auto& h : held_foreign_) {
        const auto value = foreign.at(h.id);
        if (value != level_table::push_plan::no_store) {
            spdlog_adapter::store_level(*h.logger, static_cast<level>(value));
        }
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < adopted_.size(); ++i) {
        const auto logger = adopted_[i].second.lock();
        if (!logger) continue;  // its owner is gone
        if (governs_foreign(adopted_[i].first)) {
            spdlog_adapter::store_level(*logger, table_.pushed(adopted_[i].first));
        }
        if (kept != i) adopted_[kept] = std::move(adopted_[i]);
        ++kept;
    }
    adopted_.resize(kept);
    adopted_live_ = kept;
}

void configuration::follow_default_logger() {
    auto current = spdlog_adapter::default_logger();
    if (!current) return;
    const auto id = reg_.add_module("");
    resolve_added();
    if (loggers_[id].logger == current) return;
    // Adopted under its own name before it became the default logger: it moves. A logger
    // complog made stays where get_logger hands it out (it then follows its name).
    bool own = false;
    for (auto& slot : loggers_) {
        if (slot.logger != current) continue;
        if (!slot.foreign) own = true;
        if (slot.foreign) {
            slot = {};
            held_stale_ = true;
        }
    }
    if (own) return;
    default_name_ = current->name();
    registry_dirty_ = true;  // its name's node has no logger now
    attach(id, std::move(current), true);
}

level configuration::program_level() {
    const auto current = spdlog_adapter::default_logger();
    if (!current) return program_level_;
    const auto id = reg_.find("");
    if (id != registry::no_node && id < loggers_.size() && loggers_[id].logger == current &&
        governs(id) && current->level() == table_.pushed(id)) {
        return program_level_;  // complog's level, not the program's
    }
    return current->level();
}

void configuration::resolve_added() {
    if (table_.size() == reg_.size()) return;
    // New names are not anchors of the published level rules: nothing to publish.
    resolve_new(reg_, default_level_, table_);
    loggers_.resize(reg_.size());
}

void configuration::note_if_without_logger(registry::node_id id) {
    const auto& n = reg_.at(id);
    if ((n.known || n.owns_sink) && !n.name.empty() && !loggers_[id].logger) {
        names_without_logger_.insert(id);
    }
}

void configuration::push_levels_for_names() {
    // spdlog applies a changed map to every logger it holds (a walk over its registry):
    // pushed only when the map, or the global level, changes. The map is listed first as
    // views (the registry's names, the pending ones) and compared with the last one
    // pushed: the strings and the map are only made when it changed.
    auto& wanted = wanted_names_;
    wanted.clear();
    const auto table = table_.fast_view();
    for (const auto id : names_without_logger_) {
        const auto name = reg_.at(id).name;
        // The default logger's own name: spdlog's map would set the default logger by it.
        // Without a root, a name no setting reaches follows spdlog's global level, which is
        // the program's (spdlog::set_level after init() included), as before complog.
        if (table.spec_governs(id) && name != default_name_ &&
            !(opts_.root.empty() && table_.source(id) == level_source::default_level)) {
            wanted.emplace_back(name, table.pushed(id));
        }
    }
    // Names the spec gives a level but nothing registered yet: a logger spdlog's factories
    // make under one of them starts at it, as SPDLOG_LEVEL's names do. (The map keeps the
    // first level listed for a name.)
    if (pending_) {
        for (const auto& [name, value] : pending_->levels) {
            if (!name.empty() && name != default_name_) wanted.emplace_back(name, value);
        }
    }
    unpushed_names_ = 0;
    names_at_last_push_ = names_without_logger_.size();
    // Without a root, `all` also reaches loggers under names complog never saw: spdlog's
    // global level, which its set_levels gives every logger outside the map. The loggers
    // complog governs join the map for that call, so none passes through another level.
    const auto top = table_.top().pushed();
    // spdlog::set_level may have changed spdlog's global level since (it cannot be read):
    // while `all` is set it is pushed again at every change.
    const bool global = initialized_ && opts_.root.empty() &&
                        (top != global_level_ || table_.top().source == level_source::setting);
    const bool same = std::equal(
        wanted.begin(), wanted.end(), levels_for_names_.begin(), levels_for_names_.end(),
        [](const auto& a, const auto& b) { return a.first == b.first && a.second == b.second; });
    if (!global && same) return;
    if (!same) {
        levels_for_names_.resize(wanted.size());
        for (std::size_t i = 0; i < wanted.size(); ++i) {
            levels_for_names_[i].first.assign(wanted[i].first);  // keeps its buffer
            levels_for_names_[i].second = wanted[i].second;
        }
    }
    // The registry's names are all different; a pending one may repeat one of them.
    if (!global && !pending_) {
        spdlog_adapter::update_levels_for_names(wanted);
        return;
    }
    std::unordered_map<std::string, level> levels;
    levels.reserve(wanted.size());
    for (const auto& [name, value] : wanted) levels.emplace(name, value);
    if (global) {
        global_level_ = top;
        for (registry::node_id id = 0; id < loggers_.size(); ++id) {
            const auto& slot = loggers_[id];
            if (slot.logger && governs(id)) levels[slot.logger->name()] = table_.pushed(id);
        }
    }
    spdlog_adapter::set_levels_for_names(std::move(levels), global ? &top : nullptr);
}

void configuration::publish() {
    auto next = std::make_unique<snapshot>();
    next->generation = ++generation_;
    // The anchors can only be nodes the settings name or sink owners (and the default
    // logger, which level_rules finds itself): no visit of every node.
    auto& candidates = anchor_candidates_;
    candidates = sink_owners_;
    table_.for_each_named([&](registry::node_id id) { candidates.push_back(id); });
    next->levels = level_rules(reg_, current_, table_, default_level_, candidates,
                               pending_ ? pending_->levels : level_rules::pending_levels{});
    next->destinations = console_;
    next->consoles = console_.size();
    next->console_ranks = console_ranks_;
    if (file_) next->destinations.push_back(file_);
    next->destinations.insert(next->destinations.end(), captures_.begin(), captures_.end());
    next->trace_filter = trace_filter_;
    published_.publish(std::move(next));
}

void configuration::refresh_formatter() {
    std::unique_ptr<spdlog::formatter> prototype;
    if (json_lines_) {
        json_lines_formatter::component_names components;
        for (const auto& c : reg_.components()) {
            for (const auto& name : c.logger_names) components.emplace_back(name, c.alias);
        }
        prototype = std::make_unique<json_lines_formatter>(std::move(components));
    } else if (format_pattern_) {
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
    use_job_ranks(env.job);
    console_ranks_ = env.console_ranks;
    format_pattern_ = env.format_pattern;
    json_lines_ = env.json_lines;
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
    held_stale_ = true;
    names_without_logger_.erase(id);
    if (governs(id)) logger->set_level(table_.pushed(id));
    return logger;
}

std::optional<spdlog_adapter::registry_contents> configuration::loggers_if_changed() {
    // Before the lock: a layout remembered meanwhile costs one collection more, or leaves a
    // logger made during this very call to the next one.
    if (adopted_from_.unchanged()) return {};
    return spdlog_adapter::all_loggers();
}

void configuration::adopt_made_since_init(std::optional<spdlog_adapter::registry_contents> found) {
    // Loggers spdlog's factories made since: each configuration change governs them, as
    // init() governs those made before it.
    if (!initialized_ || !found) return;
    // Their names first: a pending item naming one binds before its logger gets a level,
    // so a logger spdlog's map gave the item's level never passes through another.
    for (const auto& logger : found->loggers) reg_.add_module(logger->name());
    resolve_added();
    bind_pending();
    adopt_found(std::move(*found));
}

void configuration::adopt_found(spdlog_adapter::registry_contents contents) {
    const auto& found = contents.loggers;
    follow_default_logger();
    const auto default_id = reg_.find("");
    // Found by identity, not by name (a copy: attaching below may grow loggers_).
    const auto followed = default_id == registry::no_node ? nullptr : loggers_[default_id].logger;
    // A logger the program dropped from spdlog's registry is no longer governed, and no
    // longer kept alive by complog.
    std::unordered_set<const spdlog::logger*> registered;
    for (const auto& logger : found) registered.insert(logger.get());
    for (registry::node_id id = 0; id < loggers_.size(); ++id) {
        auto& slot = loggers_[id];
        if (slot.foreign && id != default_id && !registered.count(slot.logger.get())) {
            slot = {};
            held_stale_ = true;
            note_if_without_logger(id);
        }
    }
    adopted_from_.remember(std::move(contents.layout));
    for (const auto& logger : found) {
        if (logger == followed) continue;
        const auto id = reg_.add_module(logger->name());
        resolve_added();
        // Collected before the lock: the program may have dropped it since.
        if (loggers_[id].logger != logger && spdlog_adapter::is_registered(*logger)) {
            attach(id, logger, true);
        }
    }
}

void configuration::adopt(std::shared_ptr<spdlog::logger> logger) {
    if (!logger) throw std::invalid_argument("complog::adopt: the logger is null");
    std::lock_guard<std::mutex> lock(mutex_);
    follow_default_logger();
    const auto id = reg_.add_module(logger->name());
    resolve_added();
    if (governs_foreign(id)) logger->set_level(table_.pushed(id));
    // Expired entries go when the list doubles, so adopting short-lived loggers one after
    // another keeps it bounded by the live ones. (A logger adopted twice is set twice.)
    if (adopted_.size() >= 2 * std::max<std::size_t>(adopted_live_, 16)) {
        forget_expired_adopted();
    }
    adopted_.emplace_back(id, std::move(logger));
    bind_pending();
}

void configuration::forget_expired_adopted() {
    adopted_.erase(std::remove_if(adopted_.begin(), adopted_.end(),
                                  [](const auto& a) { return a.second.expired(); }),
                   adopted_.end());
    adopted_live_ = adopted_.size();
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
    if (before_live_) {
        if (!warned_live_) {
            warned_live_ = true;
            warning = "a live control setting holds until it is reset; ignoring calls to set_logs";
        }
        return true;
    }
    if (!env_owns_) return false;
    if (!warned_ignored_) {
        warned_ignored_ = true;
        warning = "using the " + opts_.env_var +
                  " environment variable for log settings; ignoring calls to set_logs";
    }
    return true;
}

init_result configuration::init(options opts) {
    auto found = spdlog_adapter::all_loggers();  // spdlog's lock, before ours
    const auto env = read_environment(
        opts, [](const char* name) { return std::getenv(name); },
        rank_set_by_program() ? std::optional<int>(rank()) : std::nullopt);
    const std::string trace_dir = env.trace_dir.value_or(opts.trace_dir);
    const char* spdlog_level = std::getenv("SPDLOG_LEVEL");
    const bool spdlog_level_set = spdlog_level && *spdlog_level;
    std::string messages = env.diagnostics;
    const bool control = env.control.value_or(opts.control);
    init_result result;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        opts_ = std::move(opts);
        if (opts_.root.empty()) {
            reg_.clear_root();
        } else {
            reg_.set_root(opts_.root);
        }
        // Read before complog governs the default logger (adopt_found below).
        program_level_ = program_level();
        if (!initialized_) global_level_ = program_level_;
        initialized_ = true;
        default_level_ =
            opts_.default_level.value_or(opts_.root.empty() ? program_level_ : level::warn);
        registry_dirty_ = true;
        adopt_found(std::move(found));
        if (spdlog_level_set && !opts_.read_spdlog_level && !warned_spdlog_level_) {
            warned_spdlog_level_ = true;
            messages += "SPDLOG_LEVEL is set but not read: complog sets the levels from " +
                        (opts_.env_var.empty() ? std::string("set_logs") : opts_.env_var) +
                        " (the application can read SPDLOG_LEVEL with "
                        "options::read_spdlog_level; spdlog's name=level and *=level items "
                        "also work in the spec)\n";
        }
        env_owns_ = env.owns_settings;
        warned_ignored_ = false;
        overrides_.clear();  // the environment's settings replace any scoped_settings'
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
        before_live_.reset();  // the program starts over: an operator's setting ends
        warned_live_ = false;
        active_spec_ = outcome.result.outcome == init_result::status::applied ? env.spec : "";
        commit(std::move(outcome.applied));
        result = std::move(outcome.result);
        if (result.outcome == init_result::status::help) {
            result.message = help_listing(reg_, opts_.env_var, outcome.verbose_help, &table_);
        }
    }
    if (!trace_dir.empty()) {
        // Its own lock, after ours is released; the same directory keeps the open file.
        trace::options trace_opts;
        trace_opts.directory = trace_dir;
        trace_opts.spec = env.spec;
        start_trace_for_init(std::move(trace_opts));
    } else {
        // As the _OUT file: a channel an earlier init() started ends (trace_init.h).
        stop_trace_started_by_init();
    }
    if (!messages.empty()) report(messages);
    if (!result.message.empty()) report(result.message);
    // Outside the lock: the control thread calls into the configuration.
    if (control) {
        if (const auto why = control_thread::start(); !why.empty()) {
            report("live control is off: " + why);
        }
    } else {
        control_thread::stop();
    }
    return result;
}

void configuration::register_component(std::string alias, std::vector<std::string> logger_names) {
    auto found = loggers_if_changed();  // spdlog's lock, before ours
    std::lock_guard<std::mutex> lock(mutex_);
    adopt_made_since_init(std::move(found));
    reg_.add_component(std::move(alias), std::move(logger_names));
    registry_dirty_ = true;
    if (!bind_pending()) rebuild();
    if (json_lines_) refresh_formatter();  // JSON lines name components
}

void configuration::register_artifact(artifact_info artifact) {
    if (!artifact.format.empty()) artifact.format = translate_format(artifact.format);
    auto found = loggers_if_changed();  // spdlog's lock, before ours
    std::lock_guard<std::mutex> lock(mutex_);
    adopt_made_since_init(std::move(found));
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
        auto pool = spdlog_adapter::thread_pool();
        auto backend = std::make_shared<spdlog::async_logger>(n, output_, pool, policy);
        backend->set_level(level::trace);  // the front logger's level decides
        return std::make_shared<spdlog::logger>(
            std::move(n),
            std::make_shared<async_sink>(published_, std::move(backend), pool, output_));
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
    auto found = loggers_if_changed();  // spdlog's lock, before ours
    std::string warning;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        adopt_made_since_init(std::move(found));
        if (!env_owns_settings(warning)) {
            auto s = validate(reg_, args, {opts_.accept_unknown_modules});
            s.source = "set_logs";
            pending_.reset();
            active_spec_ = "(set_logs arguments)";
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
    auto found = loggers_if_changed();  // spdlog's lock, before ours
    {
        std::lock_guard<std::mutex> lock(mutex_);
        adopt_made_since_init(std::move(found));
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
                active_spec_ = spec;
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
    auto found = loggers_if_changed();  // spdlog's lock, before ours
    std::lock_guard<std::mutex> lock(mutex_);
    adopt_made_since_init(std::move(found));
    return explain_locked();
}

void configuration::live_set(std::string_view spec) {
    auto found = loggers_if_changed();  // spdlog's lock, before ours
    std::lock_guard<std::mutex> lock(mutex_);
    adopt_made_since_init(std::move(found));
    const auto parsed = parse_spec(spec);
    if (parsed.kind != parsed_spec::request::settings) {
        throw std::invalid_argument("'help' is a request of its own, not a setting");
    }
    // Whole or nothing: an operator hears about a typo instead of a setting kept for later.
    auto s = validate(reg_, parsed, spec, {opts_.accept_unknown_modules}, nullptr);
    s.source = "live control";
    if (!before_live_) before_live_ = before_live{current_, std::move(pending_), active_spec_};
    pending_.reset();
    active_spec_ = spec;
    commit(std::move(s));
}

bool configuration::live_reset() {
    auto found = loggers_if_changed();  // spdlog's lock, before ours
    std::lock_guard<std::mutex> lock(mutex_);
    adopt_made_since_init(std::move(found));
    if (!before_live_) return false;
    auto before = std::move(*before_live_);
    before_live_.reset();
    warned_live_ = false;
    pending_ = std::move(before.pending);
    active_spec_ = std::move(before.spec);
    commit(std::move(before.applied));
    bind_pending();  // names registered meanwhile
    return true;
}

std::string configuration::live_show() {
    auto found = loggers_if_changed();  // spdlog's lock, before ours
    std::lock_guard<std::mutex> lock(mutex_);
    adopt_made_since_init(std::move(found));
    const auto spec = [](const std::string& text, const std::string& source) {
        if (text.empty()) return std::string("none (default settings)");
        return quoted(text) + (source.empty() ? "" : " (" + source + ")");
    };
    std::string out = "active spec: " + spec(active_spec_, current_.source) + "\n";
    if (before_live_) {
        out += "  wins over " + spec(before_live_->spec, before_live_->applied.source) +
               (env_owns_ ? ", the environment's," : "") + " until reset\n";
    }
    return out + "\n" + explain_locked();
}

std::string configuration::explain_locked() {
    // What the loggers really are: the program may have set a level since (spdlog::set_level,
    // set_levels, cfg::load_env_levels), a logger the spec does not govern keeps its own, and
    // complog may hold no logger for a name yet.
    real_levels real(loggers_.size());
    for (registry::node_id id = 0; id < loggers_.size(); ++id) {
        if (loggers_[id].logger && governs(id)) real[id] = loggers_[id].logger->level();
    }
    auto e = explain_levels(reg_, current_, table_, real);
    const auto default_id = reg_.find("");
    for (auto& l : e.loggers) {
        const auto id = l.name == "(default logger)" ? default_id : reg_.find(l.name);
        if (id == registry::no_node || id >= loggers_.size()) continue;
        const auto& logger = loggers_[id].logger;
        if (!logger) {
            const bool adopted = std::any_of(adopted_.begin(), adopted_.end(), [&](const auto& a) {
                return a.first == id && !a.second.expired();
            });
            if (!adopted && !reg_.at(id).name.empty() && reg_.at(id).name != reg_.root()) {
                l.reason += "; no logger adopted yet";
            }
        } else if (!governs(id)) {
            // Its own level and its own sinks: the spec does not reach it.
            l.effective = logger->level();
            l.writes = l.effective != level::off;
            l.reason =
                "not governed by the spec (no setting reaches it): the program's level, "
                "written by its own sinks";
        }
    }
    return to_string(e);
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
    auto found = spdlog_adapter::all_loggers();  // spdlog's lock, before ours
    std::lock_guard<std::mutex> lock(mutex_);
    adopt_found(std::move(found));
    bind_pending();
}

void configuration::reset() {
    control_thread::stop();  // before the lock: its requests take it
    stop_trace_started_by_init();
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& slot : loggers_) {
        if (slot.logger && !slot.foreign) spdlog_adapter::drop(slot.logger);
    }
    // The default logger goes back to the program's level.
    const auto default_id = reg_.find("");
    if (default_id != registry::no_node && default_id < loggers_.size()) {
        const auto& slot = loggers_[default_id];
        if (slot.logger && governs(default_id)) slot.logger->set_level(program_level_);
    }
    if (initialized_ && global_level_ != program_level_) {
        spdlog_adapter::set_levels_for_names({}, &program_level_);
        global_level_ = program_level_;
    }
    opts_ = options{};
    adopted_.clear();
    adopted_live_ = 0;
    adopted_from_.forget();
    default_level_ = level::warn;
    default_name_.clear();
    warned_spdlog_level_ = false;
    initialized_ = false;
    reg_ = registry{};
    current_ = settings{};
    table_ = {};
    loggers_.clear();
    held_own_.clear();
    held_foreign_.clear();
    env_owns_ = false;
    warned_ignored_ = false;
    before_live_.reset();
    warned_live_ = false;
    active_spec_.clear();
    pending_.reset();
    names_without_logger_.clear();
    unpushed_names_ = 0;
    if (!levels_for_names_.empty()) spdlog_adapter::set_levels_for_names({});
    levels_for_names_.clear();
    console_ = {fd_sink::standard_error()};
    file_.reset();
    file_path_.clear();
    trace_filter_.clear();
    format_pattern_.reset();
    forget_job_ranks();
    console_ranks_.clear();
    json_lines_ = false;
    overrides_.clear();
    registry_dirty_ = true;
    refresh_formatter();
    rebuild();
}

}  // namespace complog::detail
