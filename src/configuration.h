// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// The configuration: the one owner of complog's state (private). It holds the registry,
// the settings and their resolution, the loggers complog created or adopted, the options
// and the outputs, and keeps the invariants between them behind its own mutex. The public
// functions (api.cpp) are thin calls into it.
//
// Data flows one way: spec text or set_logs arguments -> settings (spec.cpp, pure) ->
// resolved levels (resolve.cpp, pure) -> pushed into spdlog loggers, and published as an
// immutable snapshot (snapshot.h) that the record path reads.
//
// What complog sets in spdlog, at every configuration change: the level of each logger it
// governs (its own, adopted registry loggers, adopt()ed ones, the default logger found by
// identity), spdlog's per-name level map for known names without a logger, and, without a
// root, spdlog's global level (`all`). Nothing else: no sink list, no formatter of a
// logger it did not make.
//
// Lock order, the only ones in complog:
//   configuration calls:  (collecting loggers)  ->  configuration::mutex_  ->
//                         spdlog's registry mutex  ->  a sink's mutex
//   registry_watch:       its mutex is a leaf, taken inside the collecting lock and
//                         spdlog's registry mutex, or under configuration::mutex_
//   fork():               (control thread's busy, lifecycle, fds locks: control.cpp)  ->
//                         trace channel  ->  (collecting loggers)  ->  configuration::mutex_
//                         ->  fd_sink list  ->  each fd_sink
// The control thread serves a request holding its busy lock: the request's configuration
// calls come after it, as in fork(). The trace channel's mutex is taken alone otherwise.
// "Collecting loggers" is spdlog_adapter's mutex around its reads of spdlog's logger map
// (all_loggers, registry_watch::unchanged, under spdlog's registry mutex), taken and released
// before the configuration lock (init, set_logs, registrations of components and
// artifacts, explain, adopt_loggers), and held by fork() across it.
// The record path (a log call, library_sink, gate_sink, the formatters) takes no lock of
// complog's and never calls back into the configuration or spdlog's registry, so logging
// from inside spdlog::apply_all, a sink or a static destructor cannot deadlock. The
// configuration collects spdlog's loggers before it takes its own mutex.
// Calling complog's configuration functions from inside apply_all deadlocks, as calling
// spdlog::get there does.

#pragma once

#include <complog/async.h>
#include <complog/logger.h>

#include "environment.h"
#include "library_sink.h"
#include "registry.h"
#include "resolve.h"
#include "settings.h"
#include "snapshot.h"
#include "spdlog_adapter.h"
#include "spec.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace complog {
struct captured_record;
}

namespace complog::detail {

class configuration {
public:
    /// Created on first use and never destroyed, so loggers stay usable during static
    /// destruction.
    static configuration& instance();

    init_result init(options opts);
    void register_component(std::string alias, std::vector<std::string> logger_names);
    void register_artifact(artifact_info artifact);
    void register_module(std::string_view name);
    std::shared_ptr<spdlog::logger> get_logger(std::string_view name);
    std::shared_ptr<spdlog::logger> get_artifact_logger(std::string_view module,
                                                        std::string_view artifact);
    std::shared_ptr<spdlog::logger> get_async_logger(std::string_view name,
                                                     spdlog::async_overflow_policy policy);
    bool set_logs(const log_settings& args);
    bool set_logs(std::string_view spec);
    std::string help(bool verbose);
    std::string explain();
    /// Live control (control.cpp): `spec` replaces the settings and wins over the
    /// environment and set_logs until live_reset(). Unknown names are an error (unless
    /// options::accept_unknown_modules), as any spec_error; nothing changes then.
    void live_set(std::string_view spec);
    /// Back to the settings the live layer replaced; false when there was none.
    bool live_reset();
    /// The active spec, where it came from, then explain().
    std::string live_show();
    void set_sinks(std::vector<spdlog::sink_ptr> sinks);
    void adopt_loggers();
    void adopt(std::shared_ptr<spdlog::logger> logger);
    void reset();

    // complog::capture and complog::scoped_settings (testing.h; defined in capture.cpp).
    /// Adds `sink` after the destinations of every record, until detach_capture.
    void attach_capture(spdlog::sink_ptr sink);
    void detach_capture(const spdlog::sink_ptr& sink);
    /// Fills in each record's component from the registered components.
    void describe(std::vector<captured_record>& records);
    /// Applies `args` (or `spec`) even while the environment owns the settings, until
    /// end_override(the id returned). Unknown names throw spec_error.
    std::uint64_t override_settings(const log_settings& args);
    std::uint64_t override_settings(std::string_view spec);
    /// The newest live override restores the settings it found; an older one (ended out
    /// of order) hands them to the next newer one, whose settings stay. Nothing after an
    /// init() or reset() since the override began: their settings stay.
    void end_override(std::uint64_t id);

    [[nodiscard]] spdlog::sink_ptr gate() const { return gate_; }
    [[nodiscard]] const snapshot_cell& published() const noexcept { return published_; }

private:
    struct logger_slot {
        std::shared_ptr<spdlog::logger> logger;
        bool foreign = false;  // adopted from spdlog's registry: its sinks are not ours
    };

    configuration();

    // Everything below runs with mutex_ held.
    void commit(settings s);
    std::uint64_t begin_override(settings s);  // under the lock: scoped_settings
    void rebuild();
    void resolve_added();
    void note_if_without_logger(registry::node_id id);
    void push_levels_for_names();
    /// The logger of `name`: complog's own or adopted; `make` creates one otherwise.
    template <typename Make>
    std::shared_ptr<spdlog::logger> logger_for(std::string_view name, Make make);
    std::shared_ptr<spdlog::logger> synchronous_logger_for(std::string_view name);
    std::shared_ptr<spdlog::logger> attach(registry::node_id id,
                                           std::shared_ptr<spdlog::logger> logger, bool foreign);
    /// spdlog's loggers if its registry changed since complog last adopted from it, else
    /// nothing. Called before the configuration lock (it takes spdlog's).
    std::optional<spdlog_adapter::registry_contents> loggers_if_changed();
    void adopt_made_since_init(std::optional<spdlog_adapter::registry_contents> found);
    void forget_expired_adopted();
    void adopt_found(spdlog_adapter::registry_contents contents);
    /// Puts spdlog's current default logger at the default logger's node (the empty name),
    /// whatever its own name: spdlog::set_default_logger may have replaced it.
    void follow_default_logger();
    /// The program's own spdlog level: the default logger's, unless complog set it.
    level program_level();
    /// Stores the spec's levels into the loggers complog governs.
    void store_levels();
    void use_outputs(const environment& env, std::string& messages);
    void refresh_formatter();
    void publish();
    std::string explain_locked();
    /// True when the environment variable or a live setting owns the settings; warns once
    /// (in `warning`).
    bool env_owns_settings(std::string& warning);
    /// Whether complog sets the level of the logger at `id`.
    [[nodiscard]] bool governs(registry::node_id id) const;
    /// The same for a logger whose sinks are the program's (adopted).
    [[nodiscard]] bool governs_foreign(registry::node_id id) const;

    std::mutex mutex_;
    options opts_;
    registry reg_;
    settings current_;
    level_table table_;
    std::vector<logger_slot> loggers_;  // by node id
    // The slots of loggers_ that hold a logger, complog's own and adopted ones apart, in id
    // order: what store_levels walks instead of every node. Rebuilt when a slot changes.
    struct held_logger {
        spdlog::logger* logger;
        registry::node_id id;
    };
    std::vector<held_logger> held_own_, held_foreign_;
    std::vector<std::uint8_t> push_buffer_;  // store_levels' level_table::push_plan
    bool held_stale_ = true;
    // adopt()ed loggers spdlog's registry does not hold, weakly: members and locals.
    std::vector<std::pair<registry::node_id, std::weak_ptr<spdlog::logger>>> adopted_;
    std::size_t adopted_live_ = 0;  // entries alive when adopted_ was last compacted
    // What spdlog's registry held when complog last adopted from it.
    spdlog_adapter::registry_watch adopted_from_;
    level default_level_ = level::warn;  // options::default_level, or its documented default
    level program_level_ = level::info;  // the program's spdlog level, read by init()
    // spdlog's global level as complog last read (the program's) or set it (rootless `all`).
    level global_level_ = level::info;
    std::string default_name_;  // the own name of spdlog's default logger, if complog holds it
    bool warned_spdlog_level_ = false;
    bool initialized_ = false;  // spdlog's global level is complog's only after init()
    bool env_owns_ = false;
    bool warned_ignored_ = false;

    // The text of the spec in effect ("" for none, "(set_logs arguments)" for the list form),
    // and what a live setting replaced: restored by live_reset(), dropped by init().
    std::string active_spec_;
    struct before_live {
        settings applied;
        std::optional<pending_spec> pending;
        std::string spec;
    };
    std::optional<before_live> before_live_;
    bool warned_live_ = false;

    // spdlog's per-name level map: known names no logger exists for yet, so a logger its
    // factories make later under one of them starts at the spec's level.
    std::unordered_set<registry::node_id> names_without_logger_;
    std::vector<std::pair<std::string, level>> levels_for_names_;   // as last given to spdlog
    std::vector<std::pair<std::string_view, level>> wanted_names_;  // push_levels_for_names's
    std::size_t unpushed_names_ = 0;
    std::size_t names_at_last_push_ = 0;

    // The current spec's names not registered yet: re-validated with the whole spec when
    // a registration may bind one (bind_pending), dropped by the next settings.
    std::optional<pending_spec> pending_;
    bool bind_pending();

    std::vector<spdlog::sink_ptr> console_;
    spdlog::sink_ptr file_;  // the _OUT file
    std::string file_path_;
    std::vector<std::string> trace_filter_;
    rank_list console_ranks_;                 // from _RANKS
    std::vector<spdlog::sink_ptr> captures_;  // complog::capture's sinks, kept across reset
    struct live_override {
        std::uint64_t id;
        settings found;  // what it replaced, restored when it ends
        std::optional<pending_spec> found_pending;
    };
    std::vector<live_override> overrides_;  // scoped_settings alive, oldest first
    std::uint64_t next_override_ = 0;
    std::optional<std::string> format_pattern_;  // from _FORMAT
    bool json_lines_ = false;                    // _FORMAT=json

    // Set by every registry change rebuild() cannot see incrementally (known names and
    // sink owners changed: components, artifacts, promotions, the root, reset). While it
    // is clear, rebuild() keeps names_without_logger_ and sink_owners_ (maintained by
    // attach / register_module as loggers and names come) instead of visiting every node.
    bool registry_dirty_ = true;
    std::vector<registry::node_id> sink_owners_;        // the nodes that own a sink, by id
    std::vector<registry::node_id> anchor_candidates_;  // publish()'s buffer

    std::uint64_t generation_ = 0;
    snapshot_cell published_;
    std::shared_ptr<library_sink> output_;
    std::shared_ptr<gate_sink> gate_;
};

}  // namespace complog::detail
