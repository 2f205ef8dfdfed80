// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Logging macros and helpers.
//
//     static const auto log = complog::get_logger("myapp.net");
//     static const auto wire = complog::get_artifact_logger("myapp.net", "wire");
//     COMPLOG_DEBUG(log, "sent {} bytes", n);
//     COMPLOG_ARTIFACT(wire, "{}", complog::lazy([&] { return hexdump(buf); }));
//     COMPLOG_WARN_ONCE(log, "falling back to {}", mode);
//     COMPLOG_INFO(log, "sent {}", n, complog::kv("peer", peer));   // fields: complog/fields.h
//
// Evaluation. Each macro is one statement. It evaluates `logger` (a shared_ptr or a
// raw pointer to a spdlog::logger) and the level once each, then tests the level
// inline, before anything else: no function call, no static guard. A disabled record
// evaluates none of its format arguments and never enters spdlog; an enabled one
// evaluates each of them once. A lazy() value is computed only when it is formatted.
//
// Never throws. No exception of any type leaves a macro: not a format error (a C++17
// format string is checked only at run time), not what an argument, a lazy() value, a
// formatter, a destination or the error handler throws. Each failure goes to the
// logger's error handler (spdlog::logger::set_error_handler; by default spdlog prints
// "[*** LOG ERROR #n ***] ..." to stderr, at most once a second) as "<what>
// [<file>(<line>)]", and the record is not written; an exception the error handler
// throws is dropped. A failure that is no std::exception raised inside spdlog (a
// formatter or destination throwing 42) is reported twice: spdlog reports it before
// rethrowing, then the macro. Outside the macros, spdlog's own calls
// (`log->debug("{}", complog::lazy(f))`) do not throw because of a lazy() value either.
//
// Thread-safety: every macro may run on any thread at any time, as spdlog's logger
// calls may. COMPLOG_WARN_ONCE's memory of warned texts is shared by all threads; two
// threads warning the same text at once write it once.
//
// Static destructors and exit: the macros work in static destructors and atexit
// handlers, after return from main or std::exit, as long as the logger object is
// alive (hold its shared_ptr). COMPLOG_WARN_ONCE's memory is never destroyed for that
// reason (it is freed with the process).

#pragma once

#include <complog/export.h>
#include <complog/fields.h>

#include <spdlog/logger.h>

#include <exception>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

// Runs the statement `...` when `logger` logs at `lvl`, with complog_logger_,
// complog_level_ and complog_loc_ in scope; nothing it throws leaves (report_exception).
#define COMPLOG_DETAIL_IF_ENABLED_(logger, lvl, ...)                                      \
    do {                                                                                  \
        auto&& complog_logger_ = (logger);                                                \
        const ::spdlog::level::level_enum complog_level_ = (lvl);                         \
        if (complog_logger_->should_log(complog_level_)) {                                \
            const ::spdlog::source_loc complog_loc_{__FILE__, __LINE__, SPDLOG_FUNCTION}; \
            try {                                                                         \
                __VA_ARGS__;                                                              \
            } catch (...) {                                                               \
                ::complog::detail::report_exception(*complog_logger_, complog_loc_);      \
            }                                                                             \
        }                                                                                 \
    } while (false)

// Fields (complog::kv, complog/fields.h) may follow the format arguments.
#define COMPLOG_LOG(logger, lvl, ...) \
    COMPLOG_DETAIL_IF_ENABLED_(       \
        logger, lvl,                  \
        ::complog::detail::log_call(*complog_logger_, complog_loc_, complog_level_, __VA_ARGS__))

#define COMPLOG_TRACE(logger, ...) COMPLOG_LOG(logger, spdlog::level::trace, __VA_ARGS__)
#define COMPLOG_DEBUG(logger, ...) COMPLOG_LOG(logger, spdlog::level::debug, __VA_ARGS__)
#define COMPLOG_INFO(logger, ...) COMPLOG_LOG(logger, spdlog::level::info, __VA_ARGS__)
#define COMPLOG_WARN(logger, ...) COMPLOG_LOG(logger, spdlog::level::warn, __VA_ARGS__)
#define COMPLOG_ERROR(logger, ...) COMPLOG_LOG(logger, spdlog::level::err, __VA_ARGS__)
#define COMPLOG_CRITICAL(logger, ...) COMPLOG_LOG(logger, spdlog::level::critical, __VA_ARGS__)

/// An artifact record: artifacts are logged at debug on an artifact logger.
#define COMPLOG_ARTIFACT(artifact_logger, ...) \
    COMPLOG_LOG(artifact_logger, spdlog::level::debug, __VA_ARGS__)

/// A warning logged once per distinct text (per logger name) for the life of the process.
/// The text is formatted, and so the arguments evaluated, whenever warnings are enabled.
#define COMPLOG_WARN_ONCE(logger, ...)                               \
    COMPLOG_DETAIL_IF_ENABLED_(                                      \
        logger, ::spdlog::level::warn,                               \
        ::complog::detail::warn_once(*complog_logger_, complog_loc_, \
                                     ::complog::detail::format_text(__VA_ARGS__)))

namespace complog::detail {

/// A value whose formatting fails with fmt::format_error(what) (see report_exception).
struct failure {
    const char* what;
};

}  // namespace complog::detail

template <>
struct fmt::formatter<complog::detail::failure> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const complog::detail::failure& f, FormatContext& ctx) const
        -> decltype(ctx.out()) {
        throw fmt::format_error(f.what);
    }
};

namespace complog {

/// A value formatted by calling `make()` only when the record is written:
/// `log->debug("{}", complog::lazy([&] { return dump(graph); }))`.
template <typename Make>
struct lazy_text {
    Make make;
};

template <typename Make>
lazy_text<std::decay_t<Make>> lazy(Make&& make) {
    return {std::forward<Make>(make)};
}

namespace detail {

/// Logs `text` at warning unless this logger already logged the same text with it.
COMPLOG_API void warn_once(spdlog::logger& logger, spdlog::source_loc location, std::string text);

/// Called from a catch block: hands the exception being handled to `logger`'s error
/// handler as spdlog does for its own failures ("<what> [<file>(<line>)]"). Never throws.
/// spdlog has no public way to call the handler, so this logs a `failure`, whose error
/// spdlog catches and reports. Inline, like the macros, so that code using them needs
/// nothing from complog's library beyond what it calls itself.
inline void report_exception(spdlog::logger& logger, spdlog::source_loc location) noexcept {
    // level::off: should_log(off) holds at every logger level, so the record always
    // reaches the formatting, which fails before anything is written.
    const auto report = [&](const char* what) {
        logger.log(location, spdlog::level::off, "{}", failure{what});
    };
    try {
        try {
            throw;
        } catch (const std::exception& e) {
            report(e.what());
        } catch (...) {
            report("a log call threw an exception that is no std::exception");
        }
    } catch (...) {
        // The error handler itself threw: logging never throws, so it is dropped.
    }
}

/// make()'s result as text. What make() throws leaves as a std::exception, which
/// spdlog's logger catches and reports (spdlog 1.10 rethrows anything else).
template <typename Make>
std::string lazy_string(const lazy_text<Make>& value) {
    try {
        return fmt::format("{}", value.make());
    } catch (const std::exception&) {
        throw;
    } catch (...) {
        throw fmt::format_error(
            "complog::lazy: make() threw an exception that is no std::exception");
    }
}

template <typename... Args>
std::string format_text(spdlog::format_string_t<Args...> format, Args&&... args) {
    return fmt::format(format, std::forward<Args>(args)...);
}

}  // namespace detail
}  // namespace complog

template <typename Make>
struct fmt::formatter<complog::lazy_text<Make>> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const complog::lazy_text<Make>& value, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format(complog::detail::lazy_string(value), ctx);
    }
};
