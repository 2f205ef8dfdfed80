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

// Per byte: whether a string value with it needs quotes, and what a key shows for it.
struct byte_tables {
    std::array<bool, 256> quoted{};
    std::array<char, 256> key{};
};

constexpr byte_tables tables = [] {
    byte_tables t{};
    for (unsigned c = 0; c < 256; ++c) {
        const auto u = static_cast<unsigned char>(c);
        const bool special = is_control(u) || c == ' ' || c == '=' || c == '"';
        t.quoted[c] = special || c == '\\';
        t.key[c] = special ? '_' : static_cast<char>(u);
    }
    return t;
}();

bool needs_quotes(std::string_view text) {
    if (text.empty()) return true;
    for (const char c : text) {
        if (tables.quoted[static_cast<unsigned char>(c)]) return true;
    }
    return false;
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

char* write_text(char* p, std::string_view text) {
    std::memcpy(p, text.data(), text.size());
    return p + text.size();
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
    // Written through a pointer into room made once: fmt's per-append checks cost more
    // than the text. Which values need quotes is remembered for the first 64 fields.
    std::size_t room = 0;
    std::uint64_t quoted = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const auto& f = fields[i];
        room += 2 + std::max<std::size_t>(f.key.size(), 1);
        if (f.type == field_type::string || f.type == field_type::deferred) {
            const bool quote = needs_quotes(f.text);
            if (quote && i < 64) quoted |= std::uint64_t{1} << i;
            room += quote ? 2 + 6 * f.text.size() : f.text.size();
        } else {
            room += 24;  // the longest number
        }
    }
    const auto start = out.size();
    out.resize(start + room);
    char* p = out.data() + start;
    for (std::size_t i = 0; i < count; ++i) {
        const auto& f = fields[i];
        *p++ = ' ';
        if (f.key.empty()) *p++ = '_';
        for (const char c : f.key) *p++ = tables.key[static_cast<unsigned char>(c)];
        *p++ = '=';
        switch (f.type) {
            case field_type::boolean:
                p = write_text(p, f.number.boolean ? "true" : "false");
                break;
            case field_type::integer: {
                const fmt::format_int digits(f.number.integer);
                p = write_text(p, std::string_view(digits.data(), digits.size()));
                break;
            }
            case field_type::unsigned_integer: {
                const fmt::format_int digits(f.number.unsigned_integer);
                p = write_text(p, std::string_view(digits.data(), digits.size()));
                break;
            }
            case field_type::floating:
                p = fmt::format_to_n(p, 24, "{}", f.number.floating).out;
                break;
            case field_type::string:
            case field_type::deferred: {  // formatted before: see log_with_fields
                const bool quote = i < 64 ? (quoted >> i & 1) != 0 : needs_quotes(f.text);
                p = quote ? write_quoted(p, f.text) : write_text(p, f.text);
                break;
            }
        }
    }
    out.resize(static_cast<std::size_t>(p - out.data()));
}

void log_with_fields(spdlog::logger& logger, spdlog::source_loc location,
                     spdlog::level::level_enum level, spdlog::memory_buf_t& payload,
                     field_value* fields, std::size_t count) {
    // Deferred values are formatted into one buffer; views into it are taken once it no
    // longer grows.
    spdlog::memory_buf_t rendered;
    bool deferred = false;
    for (std::size_t i = 0; i < count; ++i) {
        auto& f = fields[i];
        if (f.type != field_type::deferred) continue;
        deferred = true;
        const auto start = rendered.size();
        f.render(f.object, rendered);
        f.number.unsigned_integer = start;
        f.text = std::string_view(nullptr, rendered.size() - start);
    }
    for (std::size_t i = 0; deferred && i < count; ++i) {
        auto& f = fields[i];
        if (f.type != field_type::deferred) continue;
        f.type = field_type::string;
        f.text = std::string_view(rendered.data() + f.number.unsigned_integer, f.text.size());
    }
    record_note note;
    note.message_size = payload.size();
    note.fields = fields;
    note.field_count = count;
    append_fields_text(payload, fields, count);
    note.payload = payload.data();
    const note_scope scope(note);
    logger.log(location, level, spdlog::string_view_t(payload.data(), payload.size()));
}

}  // namespace complog::detail
