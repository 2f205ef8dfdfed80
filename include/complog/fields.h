// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

// Key-value fields on a record. They follow the format arguments of a COMPLOG_* macro,
// as fmt::arg does, and are not format arguments themselves:
//
//     COMPLOG_INFO(log, "sent {}", n, complog::kv("peer", peer), complog::kv("bytes", n));
//     // text:        I1201 16:30:13.123456 812 net/send.cpp:40] sent 5 peer=a bytes=5
//     // JSON lines:  {..., "message": "sent 5", "peer": "a", "bytes": 5}
//
// Types: bool is a boolean; every other integer type but the character types an integer;
// float, double and long double a float (as double); a char, a string (std::string,
// std::string_view, a C string; a null pointer is the empty string; a char array, a
// literal, ends at its first NUL or with the array) a string; anything
// else fmt can format (complog::lazy(f) included) a string, its "{}" text. Wide
// characters and strings are not accepted (fmt does not mix character types). Keys are
// written as given: a key used twice is written twice (JSON readers keep the last).
//
// Evaluation: inside a macro, fields are built, and their values evaluated, only when the
// level check passes, like every argument. A value that is not a number, a bool or a
// string is formatted only when the record is written; what it throws is reported to
// the logger's error handler and the record is not written (never thrown out of the
// macro). kv() keeps a reference to its value, as fmt::arg does: build it in the call.
//
// How fields travel. The macro formats the message, then appends each field as
// ` key=value` to the same text, which becomes the record's payload: every sink sees it,
// spdlog's own sinks and any the program has (`sent 5 peer=a bytes=5`), and a copy of
// the record (spdlog's async_logger, a backtrace) keeps it. While the record is being
// written on the calling thread, complog's formatters and sinks also see where the
// message ends and each field's type (a per-thread note about that very payload), so
// JSON lines carry them typed. complog's asynchronous loggers (complog/async.h) capture
// the note and the context tag at the call and send them with the record to the pool
// thread. Limit: a record that reaches complog on another thread through spdlog's own
// async_logger (spdlog::async_factory with complog::sink()) carries only its text: its
// fields are in the message (text output is the same; JSON lines show them inside
// "message", untyped) and its context tag is unknown.
//
// Text rendering of a field: the key, with every space, '=', '"' and control character
// replaced by '_' (an empty key is "_"); then '='; then the value: true/false, decimal
// integers, floats in fmt's shortest form that reads back the same (0.5, 1e+20, inf,
// nan), and strings as they are unless empty or holding a space, '=', '"', '\' or a
// control character, which are written as a JSON string literal ("a b", "x\"y", "\n").
// A field's value therefore never adds a line to a record.
//
// COMPLOG_WARN_ONCE takes fields too, and writes its message without them.

#pragma once

#include <complog/export.h>

#include <spdlog/common.h>
#include <spdlog/logger.h>

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

namespace complog {

/// A key and a reference to its value: complog::kv("peer", peer).
template <typename T>
struct field {
    std::string_view key;
    const T& value;
};

/// A field for a COMPLOG_* call: `complog::kv("bytes", n)`.
template <typename T>
field<std::remove_cv_t<std::remove_reference_t<T>>> kv(std::string_view key, T&& value) noexcept {
    return {key, value};
}

namespace detail {

template <typename T>
struct is_field : std::false_type {};
template <typename T>
struct is_field<field<T>> : std::true_type {};
template <typename T>
inline constexpr bool is_field_v = is_field<std::remove_cv_t<std::remove_reference_t<T>>>::value;

enum class field_type : unsigned char {
    string,
    integer,
    unsigned_integer,
    floating,
    boolean,
    deferred
};

/// A field with its value type-erased: a number, a view of a string, or (deferred) a
/// value formatted with "{}" only when the record is written.
/// Trivial, so that an array of them costs nothing before it is filled: a string's
/// `number`, a number's `text` and any but a deferred value's `object` and `render` stay
/// unset and are never read.
struct field_value {
    std::string_view key;
    field_type type;
    union {
        long long integer;
        unsigned long long unsigned_integer;
        double floating;
        bool boolean;
    } number;
    std::string_view text;
    const void* object;
    void (*render)(const void* object, spdlog::memory_buf_t& out);
};

template <typename T>
inline constexpr bool is_character_v =
    std::is_same_v<T, char> || std::is_same_v<T, signed char> || std::is_same_v<T, unsigned char> ||
    std::is_same_v<T, wchar_t> || std::is_same_v<T, char16_t> || std::is_same_v<T, char32_t>;

/// The type a value of type T is written as.
template <typename T>
constexpr field_type type_of() noexcept {
    if constexpr (std::is_same_v<T, bool>) {
        return field_type::boolean;
    } else if constexpr (std::is_same_v<T, char>) {
        return field_type::string;
    } else if constexpr (std::is_integral_v<T> && !is_character_v<T>) {
        return std::is_signed_v<T> ? field_type::integer : field_type::unsigned_integer;
    } else if constexpr (std::is_floating_point_v<T>) {
        return field_type::floating;
    } else if constexpr (std::is_same_v<T, const char*> || std::is_same_v<T, char*> ||
                         std::is_convertible_v<const T&, std::string_view>) {
        return field_type::string;
    } else {
        return field_type::deferred;
    }
}

template <typename T>
struct is_deferred_field : std::false_type {};
template <typename T>
struct is_deferred_field<field<T>> : std::bool_constant<type_of<T>() == field_type::deferred> {};
template <typename T>
inline constexpr bool is_deferred_field_v = is_deferred_field<T>::value;

/// Fills `v` from `f`, leaving what its type does not use unset.
template <typename T>
void set_field_value(field_value& v, const field<T>& f) noexcept {
    v.key = f.key;
    v.type = type_of<T>();
    if constexpr (std::is_same_v<T, bool>) {
        v.number.unsigned_integer = 0;
        v.number.boolean = f.value;
    } else if constexpr (std::is_same_v<T, char>) {
        v.text = std::string_view(&f.value, 1);
    } else if constexpr (std::is_integral_v<T> && !is_character_v<T>) {
        if constexpr (std::is_signed_v<T>) {
            v.number.integer = f.value;
        } else {
            v.number.unsigned_integer = f.value;
        }
    } else if constexpr (std::is_floating_point_v<T>) {
        v.number.floating = static_cast<double>(f.value);
    } else if constexpr (std::is_same_v<T, const char*> || std::is_same_v<T, char*>) {
        v.text = f.value ? std::string_view(f.value) : std::string_view();
    } else if constexpr (std::is_array_v<T> && std::extent_v<T> != 0 &&
                         std::is_same_v<std::remove_extent_t<T>, char>) {
        // A literal: its text ends at its first NUL, or with the array (read no further).
        // An array of unknown bound (extern const char text[]) is a C string.
        std::size_t size = 0;
        while (size < std::extent_v<T> && f.value[size] != '\0') ++size;
        v.text = std::string_view(f.value, size);
    } else if constexpr (std::is_same_v<T, std::nullptr_t>) {
        v.text = std::string_view();  // std::string_view(nullptr) would read address 0
    } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
        v.text = std::string_view(f.value);
    } else {
        v.object = &f.value;
        v.render = [](const void* object, spdlog::memory_buf_t& out) {
            fmt::format_to(fmt::appender(out), "{}", *static_cast<const T*>(object));
        };
    }
}

/// Formats the message into the record's payload, formats the deferred values if
/// `deferred`, appends the fields, then logs the payload with the note that tells
/// complog's formatters where the message ends and what each field is. Throws what
/// formatting the message or a value throws.
COMPLOG_API void log_with_fields(spdlog::logger& logger, spdlog::source_loc location,
                                 spdlog::level::level_enum level, fmt::string_view format,
                                 fmt::format_args args, field_value* fields, std::size_t count,
                                 bool deferred);

template <typename... Args>
void log_formatted_with_fields(spdlog::logger& logger, spdlog::source_loc location,
                               spdlog::level::level_enum level, fmt::string_view format,
                               const Args&... args) {
    constexpr std::size_t count = (std::size_t{0} + ... + (is_field_v<Args> ? 1 : 0));
    constexpr bool deferred = (is_deferred_field_v<Args> || ...);
    std::array<field_value, count> fields;
    std::size_t i = 0;
    const auto collect = [&](const auto& arg) {
        if constexpr (is_field_v<decltype(arg)>) set_field_value(fields[i++], arg);
    };
    (collect(args), ...);
    // Fields are extra arguments, which fmt ignores; a placeholder that reaches one
    // shows it as key=value.
    log_with_fields(logger, location, level, format, fmt::make_format_args(args...), fields.data(),
                    count, deferred);
}

/// What COMPLOG_LOG calls: spdlog's own log() unless some argument is a field.
template <typename... Args>
inline void log_call(spdlog::logger& logger, spdlog::source_loc location,
                     spdlog::level::level_enum level, spdlog::format_string_t<Args...> format,
                     Args&&... args) {
    if constexpr ((is_field_v<Args> || ...)) {
        log_formatted_with_fields(logger, location, level, fmt::string_view(format), args...);
    } else {
        logger.log(location, level, format, std::forward<Args>(args)...);
    }
}

/// A message without format arguments (a string or any formattable value), as spdlog's.
template <typename T>
inline void log_call(spdlog::logger& logger, spdlog::source_loc location,
                     spdlog::level::level_enum level, const T& message) {
    logger.log(location, level, message);
}

}  // namespace detail
}  // namespace complog

/// A field reached by a placeholder shows as key=value.
template <typename T>
struct fmt::formatter<complog::field<T>> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename FormatContext>
    auto format(const complog::field<T>& f, FormatContext& ctx) const -> decltype(ctx.out()) {
        return fmt::format_to(ctx.out(), "{}={}", f.key, f.value);
    }
};
