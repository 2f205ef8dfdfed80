// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Helpers for the program's own tests (Catch2, GoogleTest, any framework).
//
//     complog::scoped_settings debug_net("+net");   // the settings while it lives
//     complog::capture records;                     // what is written while it lives
//     run_the_code_under_test();
//     CHECK(records.count(complog::match().component("net").at_least(spdlog::level::warn)) == 1);
//     CHECK(records.contains("connected to"));
//
// capture collects every record written to complog's sinks while it lives: the records of
// complog's loggers (get_logger, get_artifact_logger, its async loggers) and of any
// logger writing to complog::sink(), after their levels and the trace filter, as the
// console gets them (<VAR>_RANKS does not apply: a capture is no console). It does not
// change what the console and the _OUT file get. A logger complog adopted with sinks of
// its own (spdlog's registry, adopt()) writes to those, not to complog's: its records are
// not captured. An asynchronous logger's records are captured when its worker writes
// them. Captures may nest or overlap: each gets every record written while it lives. A
// capture stays attached across set_logs, set_sinks, init and reset.
//
// scoped_settings applies settings, as set_logs does but also while the environment
// variable owns the settings (a test needs its levels, whatever the shell running it
// sets), and restores the settings it found when it ends (unknown names are errors here:
// spec_error, nothing changed). They nest and may end in any order (a std::optional): the
// newest live one's settings apply, and when the last ends, those the first found return.
// A set_logs while one is alive is undone when they end; an init() or reset() is not.
//
// Thread-safety: records may be written from any thread while a capture lives; its member
// functions may be called from any thread. The component of a record is found when the
// records are read, from the components registered then. Not for use inside spdlog::
// apply_all or a sink (they take the configuration lock).

#pragma once

#include <complog/export.h>
#include <complog/logger.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace complog {

struct captured_record {
    std::string logger;     ///< the spdlog logger's name
    std::string component;  ///< the alias of the component the logger belongs to, or empty
    std::string artifact;   ///< `x` for an artifact logger (`<module>.__x`), or empty
    spdlog::level::level_enum level = spdlog::level::off;
    std::string text;  ///< the message, without the header
};

/// Which records to select; each condition given must hold, none given: every record.
class COMPLOG_API record_matcher {
public:
    record_matcher& component(std::string alias);
    record_matcher& artifact(std::string name);
    record_matcher& logger(std::string name);
    record_matcher& level(spdlog::level::level_enum value);     ///< exactly this level
    record_matcher& at_least(spdlog::level::level_enum value);  ///< this level or above
    record_matcher& contains(std::string text);                 ///< the text holds this
    [[nodiscard]] bool operator()(const captured_record& record) const;

private:
    std::optional<std::string> component_, artifact_, logger_, text_;
    std::optional<spdlog::level::level_enum> level_, at_least_;
};

/// complog::match().component("net").at_least(spdlog::level::warn)
inline record_matcher match() { return {}; }

namespace detail {
class capture_sink;
}

class COMPLOG_API capture {
public:
    capture();
    ~capture();
    capture(const capture&) = delete;
    capture& operator=(const capture&) = delete;

    /// The records written so far, oldest first.
    [[nodiscard]] std::vector<captured_record> records() const;
    [[nodiscard]] std::vector<captured_record> records(const record_matcher& which) const;
    [[nodiscard]] std::size_t count(const record_matcher& which = {}) const;
    /// Whether a record's text holds `text`.
    [[nodiscard]] bool contains(std::string_view text) const;
    /// Forgets the records so far.
    void clear();

private:
    std::shared_ptr<detail::capture_sink> sink_;
};

class COMPLOG_API scoped_settings {
public:
    /// Throws spec_error for an unknown name or a level for an artifact; nothing changes.
    explicit scoped_settings(const log_settings& args);
    /// A spec in the environment's grammar ("+net,wire"); throws spec_error as above, also
    /// for `help`.
    explicit scoped_settings(std::string_view spec);
    ~scoped_settings();
    scoped_settings(const scoped_settings&) = delete;
    scoped_settings& operator=(const scoped_settings&) = delete;

    struct saved;

private:
    std::unique_ptr<saved> saved_;
};

}  // namespace complog
