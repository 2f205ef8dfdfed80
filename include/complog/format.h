// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Output formats. complog's default is PyTorch's glog-style record, with the
// full header on every line of a message so that grep keeps working:
//
//     [rank<R>]:<L><MMDD HH:MM:SS.ffffff> <pid> <dir/file>:<line>] [<context>] [__<artifact>]
//     <text>
//
//  - L: T trace, V debug, I info, W warning, E error, C critical;
//  - time in local time, microseconds; pid cached, refreshed after fork;
//  - the source file is shortened to its last two path components
//    (`src/net.cpp`); records without a source location show `?:0`;
//  - `[rank<R>]:` only when a rank is set, `[<context>]` only inside a
//    context_scope, `[__<artifact>]` only for artifact loggers;
//  - one trailing newline of the message is dropped, not given a header line;
//  - an artifact registered with its own format (e.g. "%v") uses it instead.
//
// The <VAR>_FORMAT variable replaces it with a spdlog pattern (see translate_format), or
// with JSON lines (`json`, json_lines_formatter).
//
//     auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
//     sink->set_formatter(std::make_unique<complog::record_formatter>());
//
// Thread-safety: a formatter belongs to one sink, which calls it under its lock
// (spdlog's rule); translate_format is a pure function.

#pragma once

#include <complog/export.h>

#include <spdlog/formatter.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace complog {

class COMPLOG_API record_formatter final : public spdlog::formatter {
public:
    /// (artifact name, spdlog pattern) for artifacts with their own format.
    using artifact_formats = std::vector<std::pair<std::string, std::string>>;

    /// `pid`: 0 shows the real (cached) process id; tests pass a fixed one.
    explicit record_formatter(artifact_formats formats = {}, int pid = 0);

    void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
    [[nodiscard]] std::unique_ptr<spdlog::formatter> clone() const override;

private:
    struct artifact_format {
        std::string name;
        std::unique_ptr<spdlog::formatter> formatter;
    };

    void append_header(const spdlog::details::log_msg& msg, std::string_view artifact,
                       spdlog::memory_buf_t& dest);

    artifact_formats formats_;
    std::vector<artifact_format> artifact_formatters_;
    int pid_;
    // The time text below is for this second (floor of the record time: negative before
    // 1970); no record time is this far from the epoch.
    std::int64_t cached_second_ = std::numeric_limits<std::int64_t>::min();
    char time_text_[16] = {};  // "MMDD HH:MM:SS"
    std::size_t time_size_ = 0;
};

/// JSON lines (<VAR>_FORMAT=json): one JSON object per record, on one line, keys in this
/// order (a key whose value is unknown is left out):
///
///   time       UTC, ISO 8601 with microseconds: "2026-12-01T16:43:16.123456Z"
///   level      Python's level name: "TRACE", "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"
///   logger     the logger's name
///   component  the alias of the first registered component that lists the logger or its
///              nearest listed ancestor (absent: none)
///   artifact   the artifact of an artifact logger's record (absent otherwise)
///   rank       when a rank is set (an integer)
///   pid        the process id; thread: spdlog's thread id (integers)
///   file, line the source location as the text header shows it (absent without one)
///   context    the context tag (absent outside a context_scope)
///   message    the message, without its fields; one trailing newline dropped, other
///              newlines escaped, so a multi-line message stays one line
///
/// then each field (complog/fields.h), typed: a string, an integer, a float (shortest
/// form that reads back the same; NaN and the infinities as the strings "NaN",
/// "Infinity", "-Infinity", which JSON has no number for) or true/false. A field whose key
/// is a reserved key above is written as "fields.<key>" ("fields.level"); keys are not
/// otherwise changed, and a key given twice is written twice (readers keep the last).
/// Strings are escaped as Python's json.dumps does (non-ASCII as \uXXXX); bytes that are
/// not UTF-8 become U+FFFD. Artifacts' own formats do not apply; there is no colour.
class COMPLOG_API json_lines_formatter final : public spdlog::formatter {
public:
    /// (logger name, component alias), in registration order.
    using component_names = std::vector<std::pair<std::string, std::string>>;

    /// `pid`: 0 writes the real (cached) process id; tests pass a fixed one.
    explicit json_lines_formatter(component_names components = {}, int pid = 0);
    ~json_lines_formatter() override;

    void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
    [[nodiscard]] std::unique_ptr<spdlog::formatter> clone() const override;

private:
    struct state;
    std::unique_ptr<state> state_;
};

/// Turns a <VAR>_FORMAT value into a pattern for make_pattern_formatter. `short` and
/// `basic` mean Python's `%(levelname)s:%(name)s:%(message)s`. Any other value is a
/// spdlog pattern in which PyTorch's keys are also accepted: %(levelname)s,
/// %(levelno)s, %(name)s, %(message)s, %(filename)s, %(pathname)s, %(lineno)d,
/// %(process)d, %(thread)d, %(funcName)s, %(asctime)s; a key's Python padding
/// (%(levelname)-8s) becomes the flag's padding (%-8J).
/// Padding is written as spdlog writes it, %[-=]<width>[!]<flag>: the text is padded
/// with spaces to <width> bytes, on the left by default, on the right with '-', on
/// both sides with '=' (the odd space on the right); '!' truncates a longer text to
/// <width> bytes (as spdlog, it counts bytes: a UTF-8 character may be cut). Widths
/// above 64 count as 64 (spdlog's cap). '!' marks truncation only
/// when a flag follows, else it is the %! flag. The result spells padding the same
/// way, with the width capped and a side without width dropped: "%99!v" gives "%64!v".
/// Throws std::invalid_argument for an unknown key or flag or a dangling '%'.
COMPLOG_API std::string translate_format(std::string_view value);

/// A formatter for a pattern from translate_format (it knows complog's extra flags:
/// %J Python level name, %K Python level number, %N cached process id). complog pads
/// and truncates every flag itself, as translate_format describes, so that no
/// flag, padding and width can make spdlog's own padding misbehave (spdlog 1.10 aborts
/// on %0!c); padding on %^, %$ and %+ is ignored, as spdlog does. Any other pattern is
/// accepted: an unknown flag shows as it is ("%w"), a dangling '%' shows nothing. A
/// record whose level is outside trace..off is shown as off; a source location with a
/// line but no file name as absent, one without a function name with an empty one.
COMPLOG_API std::unique_ptr<spdlog::formatter> make_pattern_formatter(const std::string& pattern);

}  // namespace complog
