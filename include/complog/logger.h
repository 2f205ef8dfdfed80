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

#include <complog/export.h>

#include <spdlog/logger.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace complog {

using level = spdlog::level::level_enum;

/// The arguments of one set_logs call, in the order they are applied (later entries win).
class log_settings {
public:
    struct entry {
        std::string name;
        std::optional<level> value;  ///< std::nullopt: "not set", follow the parent
        bool is_artifact = false;
        bool enabled = false;  ///< artifacts only
    };

    /// Sets `name` ("all", an alias or a module) to `value`.
    log_settings& set(std::string_view name, level value) {
        entries_.push_back({std::string(name), value, false, false});
        return *this;
    }
    /// Gives `name` ("all", an alias or a module) no level of its own: it follows its parent.
    log_settings& unset(std::string_view name) {
        entries_.push_back({std::string(name), std::nullopt, false, false});
        return *this;
    }
    /// Turns artifact `name` on or off.
    log_settings& artifact(std::string_view name, bool enabled = true) {
        entries_.push_back({std::string(name), std::nullopt, true, enabled});
        return *this;
    }

    [[nodiscard]] const std::vector<entry>& entries() const noexcept { return entries_; }

private:
    std::vector<entry> entries_;
};

/// A named kind of debug output, logged on `<module>.__<name>` loggers.
struct artifact_info {
    artifact_info() = default;
    artifact_info(std::string name_, std::string description_, bool visible_ = true,
                  bool off_by_default_ = false, std::string format_ = {})
        : name(std::move(name_)),
          description(std::move(description_)),
          visible(visible_),
          off_by_default(off_by_default_),
          format(std::move(format_)) {}

    std::string name;
    std::string description;
    bool visible = true;          ///< listed by `help` (all are listed by `+help`)
    bool off_by_default = false;  ///< only emitted when named explicitly
    std::string format;           ///< own output pattern (e.g. "%v"); empty: the default header
};

/// A spec or set_logs argument that cannot be used. `what()` is a complete,
/// human-readable message; the fields let callers build their own.
class COMPLOG_API spec_error : public std::invalid_argument {
public:
    spec_error(const std::string& message, std::string item, std::size_t position,
               std::string suggestion)
        : std::invalid_argument(message),
          item_(std::move(item)),
          position_(position),
          suggestion_(std::move(suggestion)) {}

    /// The offending item as written (empty when the problem is between items).
    [[nodiscard]] const std::string& item() const noexcept { return item_; }
    /// Byte offset of the problem in the spec (set_logs: index of the entry).
    [[nodiscard]] std::size_t position() const noexcept { return position_; }
    /// The closest registered name, or empty.
    [[nodiscard]] const std::string& suggestion() const noexcept { return suggestion_; }

private:
    std::string item_;
    std::size_t position_;
    std::string suggestion_;
};

struct options {
    /// The variable holding the spec, e.g. "MYAPP_LOGS". Empty: no environment spec.
    std::string env_var;
    /// The logger `all` names, e.g. "myapp" (PyTorch: "torch"): `all` is that logger's
    /// tree. Empty: `all` (and `*=level`, a bare SPDLOG_LEVEL level) is every logger complog
    /// governs, flat names included, and spdlog's global level, so that loggers spdlog's
    /// factories make later under names complog never saw start at it too.
    std::string root;
    /// The level of everything no setting reaches. Unset: warning when a root is given
    /// (PyTorch's), else the program's own spdlog level when init() runs (spdlog::set_level's,
    /// as spdlog::get_level() reports it), so adopting complog keeps the records it wrote.
    std::optional<level> default_level = std::nullopt;
    /// init() throws spec_error on a bad value instead of reporting it and going on.
    bool strict = false;
    /// An unknown name rejects the whole value, as PyTorch does (the default settings
    /// apply). Otherwise the known items apply and each unknown name is reported once and
    /// kept: it applies when something of that name is registered later (a plugin, a
    /// logger made later). Also for set_logs(spec).
    bool reject_whole_spec = false;
    /// Accept dotted names no logger or registration mentions yet (see validation_options).
    bool accept_unknown_modules = false;
    /// With a rank set, <VAR>_OUT=out.txt writes to out.rank<R>.txt: one file per process.
    bool out_per_rank = false;
    /// When the variable is unset, read SPDLOG_LEVEL instead ("info,app.net=debug"; a bare
    /// level means `all`; unknown names are accepted as spdlog does). set_logs still works.
    bool read_spdlog_level = false;
    /// The structured trace's directory (trace.h) when <VAR>_TRACE is unset; empty: off.
    std::string trace_dir = {};
    /// Live control (complog/control.h): a socket through which `complogctl` shows and
    /// changes the settings of the running process. <VAR>_CONTROL=1 or 0 overrides it.
    bool control = false;
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
    std::string message;  ///< the listing, the error or the items skipped or kept, as printed
};

/// Sets the options and reads the environment spec and its companions: <VAR>_FORMAT
/// (output format, see format.h), <VAR>_OUT (also append every record that passes
/// complog's sinks to this file), <VAR>_TRACE (the structured trace's directory, trace.h),
/// <VAR>_TRACE_ID_FILTER (comma list of context tags to keep), <VAR>_CONTROL (live control,
/// control.h), <VAR>_RANKS (the ranks writing to the console) and the job's rank variables
/// (RANK, ...; see context.h). Adopts the loggers already in spdlog's registry. A bad spec is
/// reported on stderr and the default settings are used; with options::strict it throws
/// spec_error instead. A bad companion is reported and falls back to its default. When
/// SPDLOG_LEVEL is set but options::read_spdlog_level is off, warns once that it is not read.
/// May be called again.
///
/// Levels and spdlog's own calls: complog stores its levels into every logger it governs
/// at each configuration change (init, set_logs, register_component, register_artifact),
/// and into a logger when it adopts it. spdlog::set_level, set_levels or
/// cfg::load_env_levels after init() change them until the next change; explain() shows
/// such a logger's real level. Give levels through the
/// spec instead (`name=level` and `*=level` are spdlog's forms).
///
/// spdlog's default logger (spdlog::info(...)) follows `all` by identity, not by its name:
/// a logger installed with spdlog::set_default_logger is noticed at the next init,
/// set_logs, register_component, register_artifact, explain, adopt_loggers or adopt call (not by
/// get_logger or register_module). A logger complog made (get_logger) and installed as the
/// default logger keeps following its own name.
COMPLOG_API init_result init(options opts);

/// Registers (or replaces) a component: an alias for one or more dotted logger names.
/// The alias is one word of letters, digits and '_' (not `all`, `help` or an artifact's
/// name) and no logger name is empty; std::invalid_argument otherwise, nothing changed.
COMPLOG_API void register_component(std::string alias, std::vector<std::string> logger_names);
/// Registers (or replaces) an artifact. Its name is one word of letters, digits and '_'
/// (not `all`, `help` or a component's alias). Its own format, if any, is a spdlog
/// pattern or PyTorch keys (see translate_format). std::invalid_argument when the name or
/// the format cannot be used; nothing changed then.
COMPLOG_API void register_artifact(artifact_info artifact);
/// Makes a dotted name usable in a spec before its logger exists. A logger spdlog's
/// factories make later under that name starts at the spec's level (complog keeps spdlog's
/// per-name level map filled for every known name without a logger; spdlog applies a
/// changed map to every logger it holds, so each change costs a walk over spdlog's
/// registry); explain() marks such names "no logger adopted yet". When many names are
/// registered one by one, the last few may reach spdlog's per-name level map only with
/// the next settings change, registration or adopt_loggers() (the map is replaced whole,
/// so pushing it per name would be quadratic).
COMPLOG_API void register_module(std::string_view name);

/// The logger with this dotted name, created on first use. It writes to the library's
/// sinks and is set up as spdlog's factories set up theirs (spdlog::initialize_logger):
/// spdlog::flush_on, spdlog::set_error_handler and spdlog::set_automatic_registration
/// apply to it (with automatic registration off it is not in spdlog's registry). Its
/// level and output format stay complog's (spdlog::set_pattern does not reach it). A
/// logger spdlog already holds under this name is adopted instead: it keeps its sinks
/// and its level follows the spec.
COMPLOG_API std::shared_ptr<spdlog::logger> get_logger(std::string_view name);

/// The logger for `artifact` records of `module`, named `<module>.__<artifact>`.
/// Throws std::invalid_argument, listing the registered artifacts, for an unknown one.
COMPLOG_API std::shared_ptr<spdlog::logger> get_artifact_logger(std::string_view module,
                                                                std::string_view artifact);

/// Replaces the previous settings. Ignored (returns false, one warning on stderr) when
/// the environment variable is set, even to an empty value, or while a live control
/// setting holds (control.h). Throws spec_error on an
/// unknown name or a level for an artifact; the previous settings then stay.
COMPLOG_API bool set_logs(const log_settings& args);
/// The same with a spec in the environment's grammar ("+net,wire"). `help` prints the
/// listing and changes nothing. Unknown names are handled as in the environment's spec:
/// reported on stderr and kept until registered (spec_error with options::strict or
/// options::reject_whole_spec); a syntax error or a level for an artifact throws.
COMPLOG_API bool set_logs(std::string_view spec);

/// The registered names and examples, as `help` (verbose: `+help`) prints them.
COMPLOG_API std::string help(bool verbose = false);

/// Why each logger has its level: for every known logger its effective level, whether
/// its records are written and where that came from; for every artifact, on or off and why.
/// A logger whose real level differs (the program set it since, e.g. spdlog::set_level)
/// says so, and a name complog holds no logger for says "no logger adopted yet".
COMPLOG_API std::string explain();

/// Replaces the console sinks complog's loggers write to (default: stderr, coloured on a
/// terminal). They get complog's formatter. The <VAR>_OUT file is kept. Throws
/// std::invalid_argument for a null sink; nothing changes then.
COMPLOG_API void set_sinks(std::vector<spdlog::sink_ptr> sinks);

/// A sink for loggers complog did not create (e.g. made later by spdlog's factories):
/// it writes to the library's sinks what the spec allows for the record's logger name.
/// Records reach the console sinks, <VAR>_OUT and <VAR>_FORMAT only through complog's
/// sinks (its loggers and this one): complog never edits a logger's own sink list, so a
/// logger writing only to sinks of its own keeps them and is not copied to <VAR>_OUT.
COMPLOG_API spdlog::sink_ptr sink();

/// Adopts the loggers spdlog holds that complog does not know yet. init() does this.
COMPLOG_API void adopt_loggers();

/// Governs a logger spdlog's registry does not hold (a member or a local made with
/// std::make_shared<spdlog::logger>(name, complog::sink())): its level is set from the
/// spec now and at every configuration change, as an adopted registry logger's is. It
/// keeps its sinks and is not registered with spdlog (several loggers may share a name;
/// register it yourself if you want spdlog::get to find it). complog holds it weakly: a
/// destroyed logger is simply forgotten. std::invalid_argument for a null logger.
COMPLOG_API void adopt(std::shared_ptr<spdlog::logger> logger);

/// Forgets registrations, settings and options and drops the loggers complog created
/// from spdlog's registry (never spdlog's default logger, and only a logger registered
/// under its name is complog's): complog's state before the first call. Loggers complog
/// adopted keep the levels it last gave them, but without a root spdlog's global level
/// goes back to the program's (the default logger's at init()), and spdlog gives that
/// level to every logger it holds. For tests and plugins.
COMPLOG_API void reset();

}  // namespace complog
