// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Logging macros and helpers.
//
//     static const auto log = complog::get_logger("myapp.net");
//     static const auto wire = complog::get_artifact_logger("myapp.net", "wire");
//     COMPLOG_DEBUG(log, "sent {} bytes", n);
//     COMPLOG_ARTIFACT(wire, "{}", complog::lazy([&] { return hexdump(buf); }));
//     COMPLOG_WARN_ONCE(log, "falling back to {}", mode);
//
// The macros capture the source location for the header and test the
// logger's level inline before anything else: a disabled record evaluates
// none of its arguments and never enters spdlog. `logger` may be a
// shared_ptr or a raw pointer to a spdlog::logger, and is evaluated once.
// Like spdlog, logging never throws; format errors go to spdlog's error handler.

#pragma once

#include <spdlog/logger.h>

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#define COMPLOG_LOG(logger, lvl, ...)                                                     \
    do {                                                                                  \
        auto&& complog_logger_ = (logger);                                                \
        const ::spdlog::level::level_enum complog_level_ = (lvl);                         \
        if (complog_logger_->should_log(complog_level_)) {                                \
            complog_logger_->log(spdlog::source_loc{__FILE__, __LINE__, SPDLOG_FUNCTION}, \
                                 complog_level_, __VA_ARGS__);                            \
        }                                                                                 \
    } while (false)

#define COMPLOG_TRACE(logger, ...) COMPLOG_LOG(logger, spdlog::level::trace, __VA_ARGS__)
#define COMPLOG_DEBUG(logger, ...) COMPLOG_LOG(logger, spdlog::level::debug, __VA_ARGS__)
#define COMPLOG_INFO(logger, ...) COMPLOG_LOG(logger, spdlog::level::info, __VA_ARGS__)
#define COMPLOG_WARN(logger, ...) COMPLOG_LOG(logger, spdlog::level::warn, __VA_ARGS__)
#define COMPLOG_ERROR(logger, ...) COMPLOG_LOG(logger, spdlog::level::err, __VA_ARGS__)
#define COMPLOG_CRITICAL(logger, ...) COMPLOG_LOG(logger, spdlog::level::critical, __VA_ARGS__)

/// An artifact record: artifacts are logged at debug on an artifact logger.
#define COMPLOG_ARTIFACT(artifact_logger, ...) \
    COMPLOG_LOG(artifact_logger, spdlog::level::debug, __VA_ARGS__)

/// A warning logged once per distinct text (per logger) for the life of the process.
#define COMPLOG_WARN_ONCE(logger, ...)                                                            \
    do {                                                                                          \
        auto&& complog_logger_ = (logger);                                                        \
        if (complog_logger_->should_log(spdlog::level::warn)) {                                   \
            ::complog::detail::warn_once(*complog_logger_,                                        \
                                         spdlog::source_loc{__FILE__, __LINE__, SPDLOG_FUNCTION}, \
                                         ::complog::detail::format_text(__VA_ARGS__));            \
        }                                                                                         \
    } while (false)

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
void warn_once(spdlog::logger& logger, spdlog::source_loc location, std::string text);

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
        const auto text = fmt::format("{}", value.make());
        return fmt::formatter<std::string_view>::format(text, ctx);
    }
};
