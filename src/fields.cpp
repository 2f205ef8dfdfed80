// Copyright (c) 2026 complog authors.
// SPDX-License-Identifier: MIT

#include <complog/context.h>
#include <complog/fields.h>

#include "fields_record.h"

#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace complog::detail {
namespace {

// Trivially destructible: usable while a thread exits and in static destructors.
thread_local const record_note* current_note = nullptr;

constexpr bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

// Per byte: whether a key replaces it (with '_') and whether it makes a value quoted.
constexpr bool is_key_special(unsigned c) {
    return is_control(static_cast<unsigned char>(c)) || c == ' ' || c == '=' || c == '"';
}
constexpr unsigned char key_special = 1, value_special = 2;
constexpr std::array<unsigned char, 256> special_of = [] {
    std::array<unsigned char, 256> t{};
    for (unsigned c = 0; c < 256; ++c) {
        if (is_key_special(c)) t[c] = key_special | value_special;
        if (c == '\\') t[c] = value_special;
    }
    return t;
}();

#define COMPLOG_ALWAYS_INLINE inline __attribute__((always_inline))

// Which bytes are special is found 8 at a time in a 64-bit word in a text of 4 bytes or
// more (for the short keys and values of fields, cheaper than a look-up per byte).
constexpr std::uint64_t ones = 0x0101010101010101u;

// Nonzero if a byte of `w` is a control character, space, '=', '"' (or, for a value,
// '\\'). A byte b is below n (n <= 0x80) where b - n borrows while b's high bit is
// clear; b equals c (c < 0x80) where (b ^ c) - 1 borrows, under the same high bit.
template <bool value>
COMPLOG_ALWAYS_INLINE std::uint64_t special_bytes(std::uint64_t w) {
    const auto at = [w](unsigned char c) { return (w ^ (ones * c)) - ones; };
    std::uint64_t borrows = (w - ones * 0x21) | at(0x7f) | at('=') | at('"');
    if constexpr (value) borrows |= at('\\');
    return borrows & ~w & (ones * 0x80);
}

COMPLOG_ALWAYS_INLINE std::uint64_t load8(const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
}
COMPLOG_ALWAYS_INLINE std::uint32_t load4(const char* p) {
    std::uint32_t w;
    std::memcpy(&w, p, 4);
    return w;
}

// Whether `text` (not empty) has a special byte, reading only inside it.
template <bool value>
COMPLOG_ALWAYS_INLINE bool has_special(std::string_view text) {
    const char* s = text.data();
    const std::size_t n = text.size();
    if (n >= 8) {
        std::uint64_t found = 0;
        for (std::size_t i = 0; i + 8 < n; i += 8) found |= special_bytes<value>(load8(s + i));
        return (found | special_bytes<value>(load8(s + n - 8))) != 0;
    }
    if (n >= 4) return special_bytes<value>(load4(s) | std::uint64_t{load4(s + n - 4)} << 32) != 0;
    unsigned found = 0;
    for (std::size_t i = 0; i < n; ++i) found |= special_of[static_cast<unsigned char>(s[i])];
    return (found & (value ? value_special : key_special)) != 0;
}

COMPLOG_ALWAYS_INLINE bool needs_quotes(std::string_view text) {
    return text.empty() || has_special<true>(text);
}

// Copies `text` to `p`: for the short texts of fields, cheaper than a call to memcpy.
COMPLOG_ALWAYS_INLINE char* write_text(char* p, std::string_view text) {
    const char* s = text.data();
    const std::size_t n = text.size();
    if (n > 16) {
        std::memcpy(p, s, n);
    } else if (n >= 8) {
        const auto head = load8(s), tail = load8(s + n - 8);
        std::memcpy(p, &head, 8);
        std::memcpy(p + n - 8, &tail, 8);
    } else if (n >= 4) {
        const auto head = load4(s), tail = load4(s + n - 4);
        std::memcpy(p, &head, 4);
        std::memcpy(p + n - 4, &tail, 4);
    } else if (n > 0) {
        const char first = s[0], middle = s[n >> 1], last = s[n - 1];
        p[0] = first;
        p[n >> 1] = middle;
        p[n - 1] = last;
    }
    return p + n;
}

// Writes the key as a field shows it (see complog/fields.h).
COMPLOG_ALWAYS_INLINE char* write_key(char* p, std::string_view key) {
    if (key.empty()) {
        *p = '_';
        return p + 1;
    }
    if (!has_special<false>(key)) return write_text(p, key);
    for (const char c : key) {
        *p++ = (special_of[static_cast<unsigned char>(c)] & key_special) != 0 ? '_' : c;
    }
    return p;
}

// Writes `value` in decimal at `p` (at most 20 digits).
COMPLOG_ALWAYS_INLINE char* write_decimal(char* p, unsigned long long value) {
    static constexpr char pairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    // The number of digits: from the bit length (log10(2) ~ 1233 / 4096), then one more
    // if at least the next power of ten (value | 1: 0 has one digit, as 1).
    static constexpr auto powers_of_10 = [] {
        std::array<unsigned long long, 20> t{};
        t[0] = 1;
        for (std::size_t i = 1; i < t.size(); ++i) t[i] = t[i - 1] * 10;
        return t;
    }();
    const auto odd = value | 1;
    const auto guess = static_cast<std::size_t>((64 - __builtin_clzll(odd)) * 1233 >> 12);
    const std::size_t digits = guess + (odd >= powers_of_10[guess] ? 1 : 0);
    char* end = p + digits;
    char* q = end;
    while (value >= 100) {
        q -= 2;
        std::memcpy(q, pairs + value % 100 * 2, 2);
        value /= 100;
    }
    if (value >= 10) {
        std::memcpy(q - 2, pairs + value * 2, 2);
    } else {
        q[-1] = static_cast<char>('0' + value);
    }
    return end;
}

COMPLOG_ALWAYS_INLINE char* write_integer(char* p, long long value) {
    auto magnitude = static_cast<unsigned long long>(value);
    if (value < 0) {
        *p++ = '-';
        magnitude = 0 - magnitude;
    }
    return write_decimal(p, magnitude);
}

// Writes `text` as a JSON string literal at `p` (at most 2 + 6 * size bytes).
char* write_quoted(char* p, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    *p++ = '"';
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        const char* escape = nullptr;
        switch (ch) {
            case '"':
                escape = "\\\"";
                break;
            case '\\':
                escape = "\\\\";
                break;
            case '\n':
                escape = "\\n";
                break;
            case '\r':
                escape = "\\r";
                break;
            case '\t':
                escape = "\\t";
                break;
            default:
                break;
        }
        if (escape) {
            *p++ = escape[0];
            *p++ = escape[1];
        } else if (is_control(c)) {
            const char u[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            std::memcpy(p, u, sizeof u);
            p += sizeof u;
        } else {
            *p++ = ch;
        }
    }
    *p++ = '"';
    return p;
}

// Makes room for `size` more bytes after `p` in `out`, whose text ends at `p`.
char* make_room(spdlog::memory_buf_t& out, char* p, std::size_t size) {
    const auto used = static_cast<std::size_t>(p - out.data());
    out.resize(used);
    out.reserve(used + size);
    return out.data() + used;
}

}  // namespace

note_scope::note_scope(const record_note& note) noexcept : previous_(current_note) {
    current_note = &note;
}

note_scope::~note_scope() { current_note = previous_; }

const record_note* note_of(const spdlog::details::log_msg& msg) noexcept {
    const auto* note = current_note;
    return note && note->payload == msg.payload.data() ? note : nullptr;
}

std::string_view message_of(const spdlog::details::log_msg& msg, const record_note* note) noexcept {
    const std::string_view payload(msg.payload.data(), msg.payload.size());
    return note ? payload.substr(0, note->message_size) : payload;
}

std::string_view context_of(const record_note* note) noexcept {
    return note && note->context_captured ? note->context : current_context();
}

void append_fields_text(spdlog::memory_buf_t& out, const field_value* fields, std::size_t count) {
    // Written through a pointer into the buffer's room, made for each field as if its
    // value needed no quotes (a value that does makes more): fmt's per-append checks cost
    // more than the text.
    char* p = out.data() + out.size();
    for (std::size_t i = 0; i < count; ++i) {
        const auto& f = fields[i];
        const bool text = f.type == field_type::string || f.type == field_type::deferred;
        const std::size_t most = 3 + f.key.size() + (text ? f.text.size() : 24);
        if (most > static_cast<std::size_t>(out.data() + out.capacity() - p)) {
            p = make_room(out, p, most);
        }
        *p++ = ' ';
        p = write_key(p, f.key);
        *p++ = '=';
        switch (f.type) {
            case field_type::boolean:
                p = f.number.boolean ? write_text(p, "true") : write_text(p, "false");
                break;
            case field_type::integer:
                p = write_integer(p, f.number.integer);
                break;
            case field_type::unsigned_integer:
                p = write_decimal(p, f.number.unsigned_integer);
                break;
            case field_type::floating:
                p = fmt::format_to_n(p, 24, "{}", f.number.floating).out;
                break;
            case field_type::string:
            case field_type::deferred:  // formatted before: see write_record_with_deferred
                if (needs_quotes(f.text)) {
                    p = write_quoted(make_room(out, p, 2 + 6 * f.text.size()), f.text);
                } else {
                    p = write_text(p, f.text);
                }
                break;
        }
    }
    out.resize(static_cast<std::size_t>(p - out.data()));
}

namespace {

COMPLOG_ALWAYS_INLINE void write_record(spdlog::logger& logger, spdlog::source_loc location,
                                        spdlog::level::level_enum level,
                                        spdlog::memory_buf_t& payload, const field_value* fields,
                                        std::size_t count) {
    record_note note;
    note.message_size = payload.size();
    note.fields = fields;
    note.field_count = count;
    append_fields_text(payload, fields, count);
    note.payload = payload.data();
    const note_scope scope(note);
    logger.log(location, level, spdlog::string_view_t(payload.data(), payload.size()));
}

void write_record_with_deferred(spdlog::logger& logger, spdlog::source_loc location,
                                spdlog::level::level_enum level, spdlog::memory_buf_t& payload,
                                field_value* fields, std::size_t count) {
    // Deferred values are formatted into one buffer; views into it are taken once it no
    // longer grows.
    spdlog::memory_buf_t rendered;
    for (std::size_t i = 0; i < count; ++i) {
        auto& f = fields[i];
        if (f.type != field_type::deferred) continue;
        const auto start = rendered.size();
        f.render(f.object, rendered);
        f.number.unsigned_integer = start;
        f.text = std::string_view(nullptr, rendered.size() - start);
    }
    for (std::size_t i = 0; i < count; ++i) {
        auto& f = fields[i];
        if (f.type != field_type::deferred) continue;
        f.type = field_type::string;
        f.text = std::string_view(rendered.data() + f.number.unsigned_integer, f.text.size());
    }
    write_record(logger, location, level, payload, fields, count);
}

}  // namespace

void log_with_fields(spdlog::logger& logger, spdlog::source_loc location,
                     spdlog::level::level_enum level, fmt::string_view format,
                     fmt::format_args args, field_value* fields, std::size_t count, bool deferred) {
    spdlog::memory_buf_t payload;
    fmt::vformat_to(fmt::appender(payload), format, args);
    if (deferred) {
        write_record_with_deferred(logger, location, level, payload, fields, count);
    } else {
        write_record(logger, location, level, payload, fields, count);
    }
}

}  // namespace complog::detail
