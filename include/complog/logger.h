// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// complog's global configuration: register components and artifacts, read
// the environment spec, hand out spdlog loggers whose levels follow it.
//
//     complog::register_component("net", {"myapp.net", "myapp.rpc"});
//     complog::register_artifact({"wire", "bytes on the wire"});
//     complog::init({"MYAPP_LOGS", "myapp"});      // reads MYAPP_LOGS
//     auto log = complog::get_logger("myapp.net.http");
//     log->debug("connected to {}", host);         // shown with MYAPP_LOGS=+net
//
// Every function here is thread-safe and may run while other threads log.
// Levels are computed when the configuration changes and stored in each
// spdlog logger, so a log call pays only spdlog's own level check.
// Registration may happen before or after init(), in any order: a component
// registered later gets the level the spec gives it.

#pragma once

#include <complog/registry.h>
#include <complog/settings.h>
#include <complog/spec.h>

#include <spdlog/logger.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace complog {

struct options {
    /// The variable holding the spec, e.g. "MYAPP_LOGS". Empty: no environment spec.
    std::string env_var;
    /// The logger `all` names, e.g. "myapp" (PyTorch: "torch").
    std::string root;
    /// The level of everything no setting reaches (PyTorch: warning).
    level default_level = level::warn;
    /// init() throws spec_error on a bad value instead of reporting it and going on.
    bool strict = false;
    /// Accept dotted names no logger or registration mentions yet (see validation_options).
    bool accept_unknown_modules = false;
    /// With a rank set, <VAR>_OUT=out.txt writes to out.rank<R>.txt: one file per process.
    bool out_per_rank = false;
    /// When the variable is unset, read SPDLOG_LEVEL instead ("info,app.net=debug"; a bare
    /// level means `all`; unknown names are accepted as spdlog does). set_logs still works.
    bool read_spdlog_level = false;
};

/// What init() made of the environment variable.
struct init_result {
    enum class status {
        unset,    ///< the variable is not set (or empty): default settings
        applied,  ///< the spec was applied
        help,     ///< `help` or `+help`: the listing was printed, default settings
        invalid,  ///< bad spec: the error was printed, default settings
    };
    status outcome = status::unset;
    std::string message;  ///< the listing or the error, as printed
};

/// Sets the options and reads the environment spec and its companions: <VAR>_FORMAT
/// (output format, see format.h), <VAR>_OUT (also append every record to this file),
/// <VAR>_TRACE_ID_FILTER (comma list of context tags to keep) and RANK. Adopts the
/// loggers already in spdlog's registry. A bad spec is reported on stderr and the
/// default settings are used; with options::strict it throws spec_error instead.
/// A bad companion is reported and falls back to its default. May be called again.
init_result init(options opts);

/// Registers (or replaces) a component: an alias for one or more dotted logger names.
void register_component(std::string alias, std::vector<std::string> logger_names);
/// Registers (or replaces) an artifact. Its own format, if any, is a spdlog pattern or
/// PyTorch keys (see translate_format); std::invalid_argument if it cannot be used.
void register_artifact(artifact_info artifact);
/// Makes a dotted name usable in a spec before its logger exists.
void register_module(std::string_view name);

/// The logger with this dotted name, created on first use. It writes to the library's
/// sinks and is registered with spdlog. A logger spdlog already holds under this name
/// is adopted instead: it keeps its sinks and its level follows the spec.
std::shared_ptr<spdlog::logger> get_logger(std::string_view name);

/// The logger for `artifact` records of `module`, named `<module>.__<artifact>`.
/// Throws std::invalid_argument, listing the registered artifacts, for an unknown one.
std::shared_ptr<spdlog::logger> get_artifact_logger(std::string_view module,
                                                    std::string_view artifact);

/// Replaces the previous settings. Ignored (returns false, one warning on stderr) when
/// the environment variable is set, even to an empty value. Throws spec_error on an
/// unknown name or a level for an artifact; the previous settings then stay.
bool set_logs(const log_settings& args);
/// The same with a spec in the environment's grammar ("+net,wire"). `help` prints the
/// listing and changes nothing.
bool set_logs(std::string_view spec);

/// The registered names and examples, as `help` (verbose: `+help`) prints them.
std::string help(bool verbose = false);

/// Replaces the console sinks complog's loggers write to (default: stderr, coloured on a
/// terminal). They get complog's formatter. The <VAR>_OUT file is kept.
void set_sinks(std::vector<spdlog::sink_ptr> sinks);

/// A sink for loggers complog did not create (e.g. made later by spdlog's factories):
/// it writes to the library's sinks what the spec allows for the record's logger name.
spdlog::sink_ptr sink();

/// Adopts the loggers spdlog holds that complog does not know yet. init() does this.
void adopt_loggers();

/// Forgets registrations, settings and options and drops the loggers complog created
/// from spdlog's registry: the state before the first call. For tests and plugins.
void reset();

}  // namespace complog
